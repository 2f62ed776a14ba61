"""Forms 01-06 derived from the event log (Circular 01/2018/TT-VPCP)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from motcua.engine import forms
from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog

CATALOG = Path(__file__).parent / "catalog"


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


@pytest.fixture
def engine() -> Engine:
    e = Engine(load_catalog(CATALOG))
    for oid, unit, name in [
        ("o-mc", "mot-cua", "Nguyễn Thị Hoa"), ("o-cm", "phong-chuyen-mon", "Lê Văn Bình"),
        ("o-gd", "giam-doc", "Hồ Văn Dũng"), ("o-xa", "ubnd-xa", "Phạm Văn Xã"), ("o-ca", "cong-an", "Đỗ Văn Công"),
    ]:  # fmt: skip
        e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=name, position="Chuyên viên")
    return e


def test_receipt_lists_records_with_originals_and_copies(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8))
    form = forms.receipt(case, engine.definition(case))
    assert form.dossier_code == case.id and form.applicant == "Trần Văn An"
    assert [(r.id, r.title, r.originals, r.copies, r.form) for r in form.records] == [
        ("don", "Đơn đề nghị", 1, 0, "Mẫu 01"),
        ("ban-sao", "Bản sao giấy tờ tùy thân", 0, 1, None),
    ]
    assert (form.received_at, form.due, form.time_limit) == (t(3, 8), t(18, 17), "10 ngày làm việc")
    assert form.desk == "Bộ phận Tiếp nhận và Trả kết quả" and form.officer.name == "Nguyễn Thị Hoa"
    text = forms.render_receipt(form)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and "17:00 ngày 18/03/2025" in text
    assert "Bản sao giấy tờ tùy thân: 0 bản chính, 1 bản sao" in text


def test_control_sheet_marks_each_hand_off_early_on_time_or_late(engine: Engine) -> None:
    cid = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 16))  # session due 17:00 the same day
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 9))  # police due Wed 5 March 17:00
    engine.fire(cid, "answer", actor="o-xa", at=t(7, 9))  # commune due Thu 6 March 17:00
    engine.fire(cid, "approve", actor="o-cm", at=t(10, 17))  # appraisal due Mon 10 March 17:00
    case = engine.fire(cid, "complete", actor="o-gd", at=t(11, 9))  # signature due Wed 12 March
    sheet = forms.control_sheet(case, engine.definition(case))
    rows = [(r.from_unit, r.to_unit, r.due, r.status) for r in sheet.rows]
    assert rows == [
        ("mot-cua", "phong-chuyen-mon", t(3, 17), "on-time"),
        ("cong-an", "phong-chuyen-mon", t(5, 17), "early"),
        ("ubnd-xa", "phong-chuyen-mon", t(6, 17), "late"),
        ("phong-chuyen-mon", "giam-doc", t(10, 17), "on-time"),
        ("giam-doc", "mot-cua", t(13, 17), "early"),
    ]
    text = forms.render_control_sheet(sheet)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert [m in text for m in ("Trước hạn", "Đúng hạn", "Quá hạn")] == [True, True, True]


def test_forms_02_03_04_and_the_tracking_log(engine: Engine) -> None:
    cid = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "request_supplement", actor="o-mc", records=["don", "ban-sao"], note="Thiếu chữ ký", at=t(3, 9))
    engine.fire(cid, "supplement", actor="o-mc", records=["don", "ban-sao"], at=t(4, 9))
    engine.fire(cid, "request_supplement", actor="o-mc", records=["don"], at=t(4, 10))
    engine.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(4, 11))
    engine.fire(cid, "apologize", actor="o-gd", note="Hệ thống gián đoạn", until=t(28, 17), at=t(21, 8))
    case = engine.fire(cid, "refuse", actor="o-mc", note="Hồ sơ giả mạo", at=t(21, 9))
    d = engine.definition(case)
    requests = forms.supplement_requests(case, d)
    assert [(r.ordinal, [m.id for m in r.missing], r.breach) for r in requests] == [
        (1, ["don", "ban-sao"], None), (2, ["don"], "guide-once"),
    ]  # fmt: skip
    refusal = forms.refusal(case, d)
    assert refusal is not None and refusal.reason == "Hồ sơ giả mạo"
    (apology,) = forms.apologies(case, d)
    # Appointment Tue 18 March 17:00, moved by the pauses: 8 working hours, then 1 -> Thu 20 March 08:00.
    assert (apology.previous_due, apology.new_due, apology.reason) == (t(20, 8), t(28, 17), "Hệ thống gián đoạn")
    log = forms.tracking_log(case, d)
    assert [r.event for r in log.rows] == [e.event for e in case.events]
    assert log.rows[-2].due == t(28, 17) and log.rows[0].due == t(18, 17)
    doc = forms.case_document(case, d, at=t(21, 10))
    assert json.loads(json.dumps(doc))["refusal"]["reason"] == "Hồ sơ giả mạo"
    assert doc["state"] == "refused" and doc["outcome"] == "refused" and doc["finished"] is True
    assert [e["event"] for e in doc["events"]][:2] == ["receive", "request_supplement"]  # type: ignore[index]


def test_forms_01_05_06_as_text_word_for_word_in_both_languages(engine: Engine) -> None:
    """The whole text of each form, so a word moved in the vocabulary cannot change a form unseen."""
    cid = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8)).id
    untouched = engine.get(cid)
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 16))
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 9))
    engine.correct(cid, actor="o-ca", reason="Trả lời nhầm hồ sơ", at=t(4, 10))
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 11))
    case = engine.fire(cid, "answer", actor="o-xa", at=t(7, 9), note="Đồng ý")
    d = engine.definition(case)
    said = {
        lang: "\n--\n".join([
            forms.render_receipt(forms.receipt(case, d, lang=lang), lang=lang),
            forms.render_control_sheet(forms.control_sheet(case, d, lang=lang), lang=lang),
            forms.render_tracking_log(forms.tracking_log(case, d, lang=lang), lang=lang),
            forms.render_control_sheet(forms.control_sheet(untouched, d, lang=lang), lang=lang).splitlines()[-1],
        ])
        for lang in ("vi", "en")
    }  # fmt: skip
    voided_vi = "  — ĐÃ HỦY bởi đính chính #4 (Đỗ Văn Công, Chuyên viên, 10:00 ngày 04/03/2025): “Trả lời nhầm hồ sơ”"
    assert said["vi"] == f"""\
Sở Thử nghiệm
Bộ phận Tiếp nhận và Trả kết quả
GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
Mã hồ sơ: 000.00.99.H99-20250303-0001
Tiếp nhận hồ sơ của: Trần Văn An
Nội dung yêu cầu giải quyết: Cấp giấy phép thử nghiệm (9.999999)
Thành phần hồ sơ:
  1. Đơn đề nghị (Mẫu 01): 1 bản chính, 0 bản sao
  2. Bản sao giấy tờ tùy thân: 0 bản chính, 1 bản sao
Số lượng hồ sơ: 01 bộ
Thời gian giải quyết hồ sơ theo quy định: 10 ngày làm việc
Thời gian nhận hồ sơ: 08:00 ngày 03/03/2025
Thời gian trả kết quả giải quyết hồ sơ: 17:00 ngày 18/03/2025
Người tiếp nhận hồ sơ: Nguyễn Thị Hoa, Chuyên viên, Bộ phận Tiếp nhận và Trả kết quả
--
Sở Thử nghiệm
PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ
Mã hồ sơ: 000.00.99.H99-20250303-0001  Cấp giấy phép thử nghiệm
Nhận: 08:00 ngày 03/03/2025   Hẹn trả: 17:00 ngày 18/03/2025
  1. Bộ phận Tiếp nhận và Trả kết quả -> Phòng Chuyên môn  16:00 ngày 03/03/2025  giao: Nguyễn Thị Hoa (Chuyên viên)  \
[Hoàn thành, chuyển bước sau]  hạn 17:00 ngày 03/03/2025: Đúng hạn
  2. Công an huyện -> Phòng Chuyên môn  09:00 ngày 04/03/2025  giao: Đỗ Văn Công (Chuyên viên)  [Có ý kiến]  \
hạn 17:00 ngày 05/03/2025: Trước hạn{voided_vi}
  3. Công an huyện -> Phòng Chuyên môn  11:00 ngày 04/03/2025  giao: Đỗ Văn Công (Chuyên viên)  [Có ý kiến]  \
hạn 17:00 ngày 05/03/2025: Trước hạn
  4. Ủy ban nhân dân cấp xã -> Phòng Chuyên môn  09:00 ngày 07/03/2025  giao: Phạm Văn Xã (Chuyên viên)  \
[Có ý kiến]  hạn 17:00 ngày 06/03/2025: Quá hạn
--
SỔ THEO DÕI HỒ SƠ
Mã hồ sơ: 000.00.99.H99-20250303-0001  Cấp giấy phép thử nghiệm  (Trần Văn An)
   1. 08:00 ngày 03/03/2025  Tiếp nhận hồ sơ: Mới -> Tiếp nhận hồ sơ  \
Nguyễn Thị Hoa (Bộ phận Tiếp nhận và Trả kết quả)  \
hẹn 17:00 ngày 18/03/2025  [don, ban-sao]
   2. 16:00 ngày 03/03/2025  Hoàn thành, chuyển bước sau: Tiếp nhận hồ sơ -> Thẩm định  \
Nguyễn Thị Hoa (Bộ phận Tiếp nhận và Trả kết quả)  \
hẹn 17:00 ngày 18/03/2025
   3. 09:00 ngày 04/03/2025  Có ý kiến: Thẩm định -> Thẩm định  \
Đỗ Văn Công (Công an huyện)  \
hẹn 17:00 ngày 18/03/2025{voided_vi}
   4. 10:00 ngày 04/03/2025  Đính chính: Thẩm định -> Thẩm định  \
Đỗ Văn Công (Công an huyện)  \
hẹn 17:00 ngày 18/03/2025  “Trả lời nhầm hồ sơ”  hủy #3
   5. 11:00 ngày 04/03/2025  Có ý kiến: Thẩm định -> Thẩm định  \
Đỗ Văn Công (Công an huyện)  \
hẹn 17:00 ngày 18/03/2025
   6. 09:00 ngày 07/03/2025  Có ý kiến: Thẩm định -> Thẩm định  \
Phạm Văn Xã (Ủy ban nhân dân cấp xã)  \
hẹn 17:00 ngày 18/03/2025  “Đồng ý”
--
  (chưa có lần giao nhận nào)"""
    voided_en = "  — VOIDED by correction #4 (Đỗ Văn Công, Chuyên viên, 2025-03-04 10:00): “Trả lời nhầm hồ sơ”"
    assert said["en"] == f"""\
Test Department
One-stop desk
RECEIPT AND APPOINTMENT SLIP
Dossier code: 000.00.99.H99-20250303-0001
Received from: Trần Văn An
Request: Issuing a test licence (9.999999)
Records:
  1. Application (Mẫu 01): 1 original(s), 0 copy/copies
  2. Copy of identity papers: 0 original(s), 1 copy/copies
Sets: 01 set(s)
Legal time limit: 10 working days
Received at: 2025-03-03 08:00
Result due: 2025-03-18 17:00
Received by: Nguyễn Thị Hoa, Chuyên viên, One-stop desk
--
Test Department
PROCESSING CONTROL SHEET
Dossier code: 000.00.99.H99-20250303-0001  Issuing a test licence
Received: 2025-03-03 08:00   Due: 2025-03-18 17:00
  1. One-stop desk -> Specialist division  2025-03-03 16:00  by: Nguyễn Thị Hoa (Chuyên viên)  \
[Completed, handed on]  due 2025-03-03 17:00: on time
  2. District police -> Specialist division  2025-03-04 09:00  by: Đỗ Văn Công (Chuyên viên)  [Opinion given]  \
due 2025-03-05 17:00: early{voided_en}
  3. District police -> Specialist division  2025-03-04 11:00  by: Đỗ Văn Công (Chuyên viên)  [Opinion given]  \
due 2025-03-05 17:00: early
  4. Commune People's Committee -> Specialist division  2025-03-07 09:00  by: Phạm Văn Xã (Chuyên viên)  \
[Opinion given]  due 2025-03-06 17:00: late
--
TRACKING LOG
Dossier code: 000.00.99.H99-20250303-0001  Issuing a test licence  (Trần Văn An)
   1. 2025-03-03 08:00  Received: New -> Receive  \
Nguyễn Thị Hoa (One-stop desk)  \
due 2025-03-18 17:00  [don, ban-sao]
   2. 2025-03-03 16:00  Completed, handed on: Receive -> Appraise  \
Nguyễn Thị Hoa (One-stop desk)  \
due 2025-03-18 17:00
   3. 2025-03-04 09:00  Opinion given: Appraise -> Appraise  \
Đỗ Văn Công (District police)  \
due 2025-03-18 17:00{voided_en}
   4. 2025-03-04 10:00  Correction: Appraise -> Appraise  \
Đỗ Văn Công (District police)  \
due 2025-03-18 17:00  “Trả lời nhầm hồ sơ”  voids #3
   5. 2025-03-04 11:00  Opinion given: Appraise -> Appraise  \
Đỗ Văn Công (District police)  \
due 2025-03-18 17:00
   6. 2025-03-07 09:00  Opinion given: Appraise -> Appraise  \
Phạm Văn Xã (Commune People's Committee)  \
due 2025-03-18 17:00  “Đồng ý”
--
  (no hand-off yet)"""


def test_the_forms_are_public_and_print_names_in_the_form_s_language(engine: Engine) -> None:
    import motcua

    cid = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 16))
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 9))
    engine.fire(cid, "answer", actor="o-xa", at=t(4, 10))
    engine.fire(cid, "approve", actor="o-cm", at=t(5, 9))
    papers = engine.forms(cid)
    assert isinstance(papers, motcua.forms.CaseForms) and papers.lang == "vi"
    assert papers.receipt == motcua.forms.receipt(engine.get(cid), engine.definition(engine.get(cid)))
    assert (papers.supplement_requests, papers.refusal, papers.apologies) == ((), None, ())
    text = papers.text()
    assert "Người tiếp nhận hồ sơ: Nguyễn Thị Hoa, Chuyên viên, Bộ phận Tiếp nhận và Trả kết quả" in text
    assert ("  4. Phòng Chuyên môn -> Giám đốc Sở  09:00 ngày 05/03/2025  giao: Lê Văn Bình (Chuyên viên)  "
            "[Đồng ý]  hạn 17:00 ngày 10/03/2025: Trước hạn") in text  # fmt: skip
    assert "Đồng ý: Thẩm định -> Trình ký  Lê Văn Bình (Phòng Chuyên môn)" in text
    # No id of a unit, a step or an event is left on the Vietnamese forms (the records list
    # their ids on Form 06, the dossier code is a code).
    for said in ("mot-cua", "phong-chuyen-mon", "giam-doc", "cong-an", "ubnd-xa", "tham-dinh", "trinh-ky", "(o-mc)",
                 "approve", "complete", "answer", "receive"):  # fmt: skip
        assert said not in text, said
    english = engine.forms(cid, lang="en").text()
    assert "  4. Specialist division -> Director  2025-03-05 09:00  by: Lê Văn Bình (Chuyên viên)  [Approved]" in english


def test_an_outcome_the_spec_titles_reads_its_title(engine: Engine) -> None:
    cid = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 16))
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 9))
    engine.fire(cid, "answer", actor="o-xa", at=t(4, 10))
    engine.fire(cid, "reject", actor="o-cm", at=t(5, 9))
    engine.fire(cid, "complete", actor="o-mc", at=t(5, 10))
    sheet = engine.forms(cid).control_sheet
    assert [(r.from_title, r.to_title, r.event_title) for r in sheet.rows][-2:] == [
        ("Phòng Chuyên môn", "Bộ phận Tiếp nhận và Trả kết quả", "Không đủ điều kiện"),
        ("Bộ phận Tiếp nhận và Trả kết quả", "Từ chối", "Hoàn thành, chuyển bước sau"),  # to the end, by its title
    ]
    assert [(r.event, r.from_unit, r.to_unit) for r in sheet.rows][-1] == ("complete", "mot-cua", None)
    log = engine.forms(cid, lang="en").tracking_log
    assert [(r.event_title, r.source_title, r.target_title) for r in log.rows][-2:] == [
        ("Not eligible", "Appraise", "Return the refusal"), ("Completed, handed on", "Return the refusal", "Refused")]


def test_forms_02_03_04_as_text_in_both_languages(engine: Engine) -> None:
    cid = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "request_supplement", actor="o-mc", records=["don"], note="Thiếu chữ ký", at=t(3, 9))
    engine.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(4, 9))
    engine.fire(cid, "request_supplement", actor="o-mc", records=["ban-sao"], at=t(4, 10))
    engine.fire(cid, "supplement", actor="o-mc", records=["ban-sao"], at=t(4, 11))
    engine.fire(cid, "apologize", actor="o-gd", note="Chờ xác minh", until="2025-03-28T17:00", at=t(21, 8))
    engine.fire(cid, "refuse", actor="o-mc", note="Không đủ điều kiện", at=t(21, 9))
    vi, en = engine.forms(cid), engine.forms(cid, lang="en")
    head = ("Sở Thử nghiệm\nBộ phận Tiếp nhận và Trả kết quả\n{title}\nMã hồ sơ: 000.00.99.H99-20250303-0001\n"
            "Tiếp nhận hồ sơ của: Trần Văn An\nNội dung yêu cầu giải quyết: Cấp giấy phép thử nghiệm\n")  # fmt: skip
    by_desk = "Người lập phiếu: Nguyễn Thị Hoa, Chuyên viên, Bộ phận Tiếp nhận và Trả kết quả"
    first, second = (forms.render_supplement_request(f) for f in vi.supplement_requests)
    assert first == head.format(title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ") + (
        "Lần yêu cầu: 1\nHồ sơ cần bổ sung, hoàn thiện:\n  1. Đơn đề nghị (Mẫu 01)\nLý do: Thiếu chữ ký\n"
        f"Thời gian: 09:00 ngày 03/03/2025\n{by_desk}")  # fmt: skip
    assert "Yêu cầu bổ sung lần thứ hai: trái quy định hướng dẫn một lần (Chỉ thị 10/CT-TTg)\n" in second
    assert vi.refusal is not None and forms.render_refusal(vi.refusal) == head.format(
        title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ") + (
        f"Lý do: Không đủ điều kiện\nThời gian: 09:00 ngày 21/03/2025\n{by_desk}")  # fmt: skip
    (apology,) = vi.apologies
    assert forms.render_apology(apology) == head.format(title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ").replace(
        "Bộ phận Tiếp nhận và Trả kết quả", "Giám đốc Sở") + (
        "Thời gian nhận hồ sơ: 08:00 ngày 03/03/2025\nHẹn trả kết quả trước đây: 08:00 ngày 20/03/2025\n"
        "Lý do: Chờ xác minh\nHẹn lại ngày trả kết quả: 17:00 ngày 28/03/2025\nThời gian: 08:00 ngày 21/03/2025\n"
        "Người lập phiếu: Hồ Văn Dũng, Chuyên viên, Giám đốc Sở")  # fmt: skip
    assert en.refusal is not None and forms.render_refusal(en.refusal, lang="en") == (
        "Test Department\nOne-stop desk\nREFUSAL TO PROCESS THE DOSSIER\nDossier code: 000.00.99.H99-20250303-0001\n"
        "Received from: Trần Văn An\nRequest: Issuing a test licence\nReason: Không đủ điều kiện\n"
        "Issued at: 2025-03-21 09:00\nIssued by: Nguyễn Thị Hoa, Chuyên viên, One-stop desk")  # fmt: skip
    # The whole set, in the order of the forms' numbers.
    assert [line for line in vi.text().splitlines() if line.startswith(("GIẤY", "PHIẾU", "SỔ"))] == [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "SỔ THEO DÕI HỒ SƠ"]
