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
