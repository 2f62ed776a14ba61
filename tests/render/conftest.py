"""Hand-built procedures for the render tests: a decision, a consultation, a timeout, a loop."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from motcua.engine.durations import parse_duration
from motcua.engine.model import (
    Agency,
    ApplicantKind,
    Channel,
    Consult,
    Duration,
    End,
    EndOutcome,
    Fee,
    LegalBasis,
    Level,
    Outcome,
    Procedure,
    Record,
    Result,
    Step,
    Text,
    Timeout,
    Unit,
    UnitRole,
)


def t(vi: str, en: str) -> Text:
    return Text((("vi", vi), ("en", en)))


def d(text: str) -> Duration:
    return parse_duration(text)


@pytest.fixture
def agency() -> Agency:
    return Agency(
        id="ldtbxh-nghe-an",
        title=t(
            "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An",
            "Nghe An Department of Labour, Invalids and Social Affairs",
        ),
        languages=("vi", "en"),
        address=t("Số 121 đường Lê Hồng Phong, TP. Vinh, Nghệ An", "121 Le Hong Phong Street, Vinh, Nghe An"),
        units=(
            Unit("mot-cua", t("Bộ phận Tiếp nhận và Trả kết quả", "One-stop reception and result desk"),
                 UnitRole.ONE_STOP),
            Unit("phong-lao-dong", t("Phòng Lao động - Tiền lương - Bảo hiểm xã hội",
                                     "Division of Labour, Wages and Social Insurance"), UnitRole.DIVISION),
            Unit("phong-nguoi-co-cong", t("Phòng Người có công", "Division of Meritorious People"),
                 UnitRole.DIVISION),
            Unit("lien-doan-lao-dong", t("Liên đoàn Lao động tỉnh", "Provincial Labour Federation"),
                 UnitRole.EXTERNAL),
            Unit("ubnd-xa", t("Ủy ban nhân dân cấp xã", "Commune People's Committee"), UnitRole.EXTERNAL),
            Unit("giam-doc", t("Giám đốc Sở", "Department Director"), UnitRole.LEADERSHIP),
        ),
    )


@pytest.fixture
def labour_rules() -> Procedure:
    """Registering an enterprise's internal labour rules (Labour Code 2019 arts. 119-121)."""
    return Procedure(
        id="dang-ky-noi-quy-lao-dong",
        agency="ldtbxh-nghe-an",
        title=t("Đăng ký nội quy lao động của doanh nghiệp", "Registering an enterprise's internal labour rules"),
        version="2021",
        valid_from=dt.date(2021, 1, 1),
        level=Level.PROVINCE,
        field="lao-dong",
        time_limit=d("7 ngày làm việc"),
        committed_time=d("6.5 working days"),
        applicants=(ApplicantKind.ENTERPRISE,),
        channels=(Channel.IN_PERSON, Channel.POST, Channel.ONLINE),
        legal_basis=(LegalBasis("blld-2019", t("Bộ luật Lao động 2019", "Labour Code 2019")),),
        records=(
            Record("van-ban-de-nghi", t("Văn bản đề nghị đăng ký nội quy lao động",
                                        "Request to register the labour rules")),
            Record("noi-quy", t("Nội quy lao động", "The internal labour rules")),
            Record("gop-y-cong-doan", t("Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở",
                                        "Comments of the workers' representative organisation"),
                   originals=0, copies=1),
            Record("ky-luat", t("Văn bản quy định liên quan đến kỷ luật lao động, trách nhiệm vật chất",
                                "Regulations on labour discipline and material liability"),
                   when=t("nếu có", "if any")),
        ),
        results=(
            Result("xac-nhan", t("Văn bản xác nhận đăng ký nội quy lao động",
                                 "Confirmation of the labour rules' registration")),
            Result("thong-bao-sua-doi", t("Thông báo yêu cầu sửa đổi, bổ sung nội quy lao động",
                                          "Notice to amend the labour rules")),
        ),
        steps=(
            Step("tiep-nhan", "mot-cua", d("1 buổi"), t("Tiếp nhận và kiểm tra hồ sơ", "Receive and check the dossier"),
                 checks=("van-ban-de-nghi", "noi-quy", "gop-y-cong-doan", "ky-luat"), next="xem-xet"),
            Step("xem-xet", "phong-lao-dong", d("4 ngày làm việc"),
                 t("Xem xét nội dung nội quy lao động", "Review the labour rules"),
                 consult=(Consult("lien-doan-lao-dong", d("2 ngày làm việc")),),
                 outcomes=(
                     Outcome("hop-le", "trinh-ky", t("Phù hợp pháp luật", "Lawful")),
                     Outcome("trai-luat", "tu-choi", t("Có nội dung trái pháp luật", "Partly unlawful")),
                 ),
                 timeout=Timeout(d("4 ngày làm việc"), "co-hieu-luc")),
            Step("trinh-ky", "giam-doc", d("1.5 ngày làm việc"),
                 t("Ký văn bản xác nhận", "Sign the confirmation"),
                 outcomes=(
                     Outcome("ky", "tra-ket-qua", t("Ký duyệt", "Signed")),
                     Outcome("tra-lai", "xem-xet", t("Trả lại, xem xét lại", "Sent back for review")),
                 )),
            Step("tra-ket-qua", "mot-cua", d("1 buổi"), t("Trả kết quả", "Return the result"), next="da-dang-ky"),
        ),
        ends=(
            End("da-dang-ky", EndOutcome.GRANTED, t("Đã đăng ký", "Registered"), result="xac-nhan"),
            End("tu-choi", EndOutcome.REFUSED, t("Yêu cầu sửa đổi", "Amendment required"),
                result="thong-bao-sua-doi"),
            End("co-hieu-luc", EndOutcome.DEEMED_GRANTED,
                t("Nội quy có hiệu lực sau 15 ngày", "The rules take effect after 15 days")),
        ),
        fees=(),
    )


@pytest.fixture
def war_invalid() -> Procedure:
    """Issuing a war-invalid certificate: two consulted units and a paid copy fee."""
    return Procedure(
        id="cap-giay-chung-nhan-thuong-binh",
        agency="ldtbxh-nghe-an",
        code="1.010814",
        title=t("Cấp giấy chứng nhận thương binh", "Issuing war invalid certificates"),
        version="2013",
        time_limit=d("30 working days"),
        committed_time=d("20 ngày làm việc"),
        records=(
            Record("don-de-nghi", t("Đơn đề nghị cấp giấy chứng nhận", "Application form"), form="Mẫu TB1"),
            Record("anh", t("Ảnh 2x3", "Photo 2x3 cm"), originals=2),
        ),
        results=(Result("giay-chung-nhan", t("Giấy chứng nhận thương binh", "War invalid certificate")),
                 Result("van-ban-tu-choi", t("Văn bản từ chối", "Letter of refusal"))),
        steps=(
            Step("tiep-nhan", "mot-cua", d("1 session"), t("Tiếp nhận hồ sơ", "Receive the dossier"),
                 checks=("don-de-nghi", "anh"), next="tham-dinh"),
            Step("tham-dinh", "phong-nguoi-co-cong", d("15 working days"), t("Thẩm định hồ sơ", "Appraise"),
                 consult=(Consult("ubnd-xa", d("5 working days")), Consult("lien-doan-lao-dong", d("3 working days"))),
                 outcomes=(Outcome("approve", "trinh-ky"),
                           Outcome("reject", "tu-choi", t("Không đủ điều kiện", "Not eligible")))),
            Step("trinh-ky", "giam-doc", d("3 working days"), next="tra-ket-qua"),
            Step("tra-ket-qua", "mot-cua", d("1 session"), t("Trả kết quả", "Return the result"), next="da-cap"),
        ),
        ends=(
            End("da-cap", EndOutcome.GRANTED, t("Đã cấp giấy chứng nhận", "Certificate issued"),
                result="giay-chung-nhan"),
            End("tu-choi", EndOutcome.REFUSED, t("Từ chối", "Refused"), result="van-ban-tu-choi"),
        ),
        fees=(Fee(t("Phí cấp bản sao", "Copy fee"), Decimal("50000")),),
    )
