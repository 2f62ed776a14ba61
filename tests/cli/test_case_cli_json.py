"""The JSON case of ``motcua case``: times with their offset, ``late`` beside ``overdue``, and
``next_events`` as the engine answers them (``Engine.next_events``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")
CASE = "000.00.99.H99-20250303-0001"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.db")
    for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-xa", "ubnd-xa"), ("o-ca", "cong-an")]:
        r = CliRunner().invoke(officer, ["add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", oid,
                                         "--position", "Chuyên viên", "--db", path, "--catalog", CATALOG])  # fmt: skip
        assert r.exit_code == 0, r.output
    return path


def run(*args: str, db: str) -> dict[str, object]:
    r: Result = CliRunner().invoke(case, [*args, "--db", db, "--catalog", CATALOG, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    doc: dict[str, object] = json.loads(r.stdout)
    return doc


def times(value: object) -> list[str]:
    """Every string of a JSON value that reads as a time."""
    if isinstance(value, str):
        return [value] if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", value) else []
    if isinstance(value, dict):
        return [t for v in value.values() for t in times(v)]
    if isinstance(value, list):
        return [t for v in value for t in times(v)]
    return []


def test_every_time_carries_its_offset(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    doc = run("show", CASE, "--at", "2025-03-03T09:00", db=db)
    assert doc["received_at"] == "2025-03-03T08:00:00+07:00"
    found = times(doc)
    assert len(found) > 5 and all(t.endswith("+07:00") for t in found), found


def test_next_events_wait_for_the_consulted_units(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    doc = run("fire", CASE, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    assert doc["next_events"] == ["answer", "request_supplement", "refuse", "withdraw"]
    run("fire", CASE, "answer", "--actor", "o-xa", "--at", "2025-03-03T10:00", db=db)
    doc = run("fire", CASE, "answer", "--actor", "o-ca", "--at", "2025-03-03T11:00", db=db)
    assert doc["next_events"] == ["approve", "reject", "request_supplement", "refuse", "withdraw"]


def test_a_case_finished_after_its_appointment_is_late_not_overdue(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    doc = run("show", CASE, "--at", "2025-03-20T08:00", db=db)
    # Due Tuesday 18 March at 17:00 (10 working days, Friday 14 a day off): open and past it.
    assert (doc["due"], doc["overdue"], doc["late"]) == ("2025-03-18T17:00:00+07:00", True, False)
    doc = run("fire", CASE, "withdraw", "--actor", "o-mc", "--at", "2025-03-20T09:00", db=db)
    assert (doc["finished"], doc["overdue"], doc["late"], doc["next_events"]) == (True, False, True, [])
    assert doc["closed_at"] == "2025-03-20T09:00:00+07:00"


def test_a_case_finished_in_time_is_not_late(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    doc = run("fire", CASE, "withdraw", "--actor", "o-mc", "--at", "2025-03-04T09:00", db=db)
    assert (doc["finished"], doc["overdue"], doc["late"]) == (True, False, False)
    listed = json.loads(CliRunner().invoke(case, ["list", "--db", db, "--format", "json", "--at", "2025-04-01"]).stdout)
    assert [(c["id"], c["late"], c["overdue"]) for c in listed] == [(CASE, False, False)]


def test_open_names_a_version_as_render_does(db: str) -> None:
    doc = run("open", "cap-phep@1", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    assert (doc["procedure"], doc["version"]) == ("cap-phep", "1")
    r = CliRunner().invoke(case, ["open", "cap-phep@9", "--applicant", "A", "--actor", "o-mc", "--db", db,
                                  "--catalog", CATALOG])  # fmt: skip
    assert r.exit_code == 2
    assert r.stderr == "error: procedure 'cap-phep' has no version '9'; its versions: 1 (..)\n"


def test_officer_add_refuses_other_details_unless_update(db: str) -> None:
    def add(*extra: str) -> Result:
        return CliRunner().invoke(officer, ["add", "o-mc", "--agency", "so-thu-nghiem", "--unit", "giam-doc",
                                            "--name", "o-mc", "--position", "Phó Giám đốc", "--db", db,
                                            "--catalog", CATALOG, *extra])  # fmt: skip

    r = add()
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("error: officer 'o-mc' is registered already as o-mc, Chuyên viên, so-thu-nghiem/mot-cua")
    assert "'motcua officer add --update'" in r.stderr
    r = add("--update", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["unit"] == "giam-doc"
    listed = CliRunner().invoke(officer, ["list", "--db", db, "--format", "json"])
    assert [o["unit"] for o in json.loads(listed.stdout) if o["id"] == "o-mc"] == ["giam-doc"]


def test_case_show_prints_every_form_of_the_case(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    run("fire", CASE, "refuse", "--actor", "o-mc", "--note", "Không đủ điều kiện", "--at", "2025-03-03T09:00", db=db)
    r = CliRunner().invoke(case, ["show", CASE, "--db", db, "--catalog", CATALOG])
    assert r.exit_code == 0, r.stderr
    heads = [line for line in r.stdout.splitlines() if line.startswith(("GIẤY", "PHIẾU", "SỔ"))]
    assert heads == ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                     "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "SỔ THEO DÕI HỒ SƠ"]  # fmt: skip
    assert "Lý do: Không đủ điều kiện\nThời gian: 09:00 ngày 03/03/2025\nNgười lập phiếu: o-mc, Chuyên viên, " \
        "Bộ phận Tiếp nhận và Trả kết quả" in r.stdout


def test_officer_history_lists_every_record(db: str) -> None:
    r = CliRunner().invoke(officer, ["add", "o-mc", "--agency", "so-thu-nghiem", "--unit", "giam-doc", "--name", "o-mc",
                                     "--position", "Phó Giám đốc", "--update", "--db", db, "--catalog", CATALOG])  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = CliRunner().invoke(officer, ["history", "o-mc", "--db", db, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    records = json.loads(r.stdout)
    assert [(x["seq"], x["unit"], x["position"]) for x in records] == [
        (1, "mot-cua", "Chuyên viên"), (2, "giam-doc", "Phó Giám đốc")]  # fmt: skip
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", x["at"]) for x in records)
    text = CliRunner().invoke(officer, ["history", "o-mc", "--db", db]).stdout.splitlines()
    assert [line.split("  ", 1)[1].strip() for line in text] == [
        "o-mc  so-thu-nghiem/mot-cua  o-mc, Chuyên viên", "o-mc  so-thu-nghiem/giam-doc  o-mc, Phó Giám đốc"]
    r = CliRunner().invoke(officer, ["history", "o-nobody", "--db", db])
    assert r.exit_code == 2 and "unknown officer 'o-nobody'" in r.stderr


def test_show_lists_the_events_an_officer_can_fire(db: str) -> None:
    run("open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    run("fire", CASE, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    at = ["--at", "2025-03-03T10:00"]
    assert run("show", CASE, "--officer", "o-xa", *at, db=db)["next_events"] == ["answer"]
    assert run("show", CASE, "--officer", "o-cm", *at, db=db)["next_events"] == ["request_supplement", "refuse"]
    doc = run("show", CASE, *at, db=db)
    assert doc["next_events"] == ["answer", "request_supplement", "refuse", "withdraw"]
    rows = doc["control_sheet"]
    assert isinstance(rows, list) and (rows[0]["from_title"], rows[0]["to_title"], rows[0]["event_title"]) == (
        "Bộ phận Tiếp nhận và Trả kết quả", "Phòng Chuyên môn", "Hoàn thành, chuyển bước sau")
    r = CliRunner().invoke(case, ["show", CASE, "--officer", "o-mc", *at, "--db", db])
    assert r.exit_code == 0 and r.stdout.splitlines()[1] == "next events for o-mc: request_supplement, refuse, withdraw"
    r = CliRunner().invoke(case, ["show", CASE, "--officer", "o-x", "--db", db])
    assert r.exit_code == 2 and "unknown officer 'o-x'" in r.stderr
