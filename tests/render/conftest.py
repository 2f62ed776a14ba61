"""Hand-built procedures for the render tests: a decision, a consultation, a timeout, a loop."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal
from typing import Callable

import pytest

from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import (
    Agency,
    ApplicantKind,
    Channel,
    ChannelOption,
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
        level=(Level.PROVINCE,),
        field="lao-dong",
        time_limit=d("7 ngày làm việc"),
        committed_time=d("6.5 working days"),
        applicants=(ApplicantKind.ENTERPRISE,),
        channels=(ChannelOption(Channel.IN_PERSON), ChannelOption(Channel.POST), ChannelOption(Channel.ONLINE)),
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


UNIT_IDS = ("mot-cua", "phong-lao-dong", "phong-nguoi-co-cong", "lien-doan-lao-dong", "ubnd-xa", "giam-doc")


def random_procedure(seed: int) -> Procedure:
    """A procedure of 3-10 steps over six units with random decisions, loops, consultations, timeouts."""
    rnd = random.Random(seed)
    n = rnd.randint(3, 10)
    ids = [f"buoc-{i}" for i in range(n)]
    ends = [
        End("da-cap", EndOutcome.GRANTED, t("Đã cấp giấy phép", "Licence issued"), result="giay-phep"),
        End("tu-choi", EndOutcome.REFUSED, t("Từ chối", "Refused"), result="tu-choi"),
    ]
    if rnd.random() < 0.5:
        ends.append(End("mac-nhien", EndOutcome.DEEMED_GRANTED, t("Mặc nhiên chấp thuận", "Deemed granted")))
    end_ids = [e.id for e in ends]
    steps = []
    for i, sid in enumerate(ids):
        unit = "mot-cua" if i in (0, n - 1) else rnd.choice(UNIT_IDS)
        later = ids[i + 1 :] or end_ids
        step = Step(sid, unit, d(f"{rnd.randint(1, 9)} ngày làm việc"),
                    t(f"Bước xử lý số {i} của quy trình thử nghiệm", f"Test step number {i}"))
        if i == n - 1:
            step = dataclasses.replace(step, next="da-cap")
        elif rnd.random() < 0.4:
            back = rnd.choice(end_ids + ids[: i + 1])
            step = dataclasses.replace(step, outcomes=(
                Outcome("dat", rnd.choice(later), t("Đạt", "Passed")),
                Outcome("khong-dat", back, t("Không đạt, trả lại", "Failed, sent back")),
            ))
        else:
            step = dataclasses.replace(step, next=ids[i + 1])
        if 0 < i < n - 1 and rnd.random() < 0.3:
            units = rnd.sample(UNIT_IDS[1:], rnd.randint(1, 3))
            step = dataclasses.replace(step, consult=tuple(Consult(u, d("2 ngày làm việc")) for u in units))
        if 0 < i < n - 1 and rnd.random() < 0.2:
            step = dataclasses.replace(step, timeout=Timeout(d("3 ngày làm việc"), rnd.choice(end_ids)))
        steps.append(step)
    return Procedure(
        id=f"thu-tuc-thu-{seed}", agency="ldtbxh-nghe-an", title=t(f"Thủ tục thử số {seed}", f"Test procedure {seed}"),
        version="1", time_limit=d("30 ngày làm việc"), records=(),
        results=(Result("giay-phep", t("Giấy phép", "Licence")), Result("tu-choi", t("Văn bản từ chối", "Refusal"))),
        steps=tuple(steps), ends=tuple(ends),
    )


@pytest.fixture
def make_procedure() -> Callable[[int], Procedure]:
    return random_procedure


#: Text that would break or inject into DOT if it reached it unescaped: quotes, brackets, HTML-like
#: label markup, dot escapes such as \N and \G, control characters.
HOSTILE = [
    'x"]; evil [label="pwned"]; y [label="',
    "C:\\new\\table",
    "Tên: \\N \\G \\L \\E \\T \\H",
    "kết thúc \\",
    "<Điều kiện>",
    "<<B>in đậm</B>>",
    "a:b; c -> d }",
    "dòng một\ndòng hai\r\n\tba",
    "chuông\x07 và \x1b[31m",
    "&amp; &#92;N",
]


def hostile_procedure(base: Procedure) -> Procedure:
    """``base`` with every drawn text replaced by a line of ``HOSTILE`` (steps, ends, records, title)."""

    def text(i: int) -> Text:
        return Text((("vi", HOSTILE[i % len(HOSTILE)]),))

    steps = tuple(dataclasses.replace(s, title=text(i)) for i, s in enumerate(base.steps))
    ends = tuple(dataclasses.replace(e, title=text(i + 4)) for i, e in enumerate(base.ends))
    records = tuple(dataclasses.replace(r, title=text(i + 7)) for i, r in enumerate(base.records))
    return dataclasses.replace(base, title=text(0), version=HOSTILE[2], steps=steps, ends=ends, records=records)


@pytest.fixture
def make_hostile() -> Callable[[Procedure], Procedure]:
    return hostile_procedure
