"""One round shows every error a file has where it can still be read: after a schema finding the
checks that follow run on the data repaired (a stray or misspelt key, a text split by a comma,
a duration that cannot be read), and findings only the repair could cause are left out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.validators.assembly import validate_and_load
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "tests" / "cases" / "agency" / "agency.yaml"

SPEC = """\
motcua: 1
kind: procedure
id: thu-tuc
agency: so-thu-nghiem
title: {vi: Thủ tục sửa đổi, en: A test procedure}
version: "1"
time_limit: 5 working days
records:
  - {id: don, title: {vi: Đơn, en: Application}}
results:
  - {id: giay, title: {vi: Giấy, en: Paper}}
steps:
  - id: tiep-nhan
    title: {vi: Tiếp nhận, en: Receive}
    unit: mot-cua
    time: 1 session
    checks: [don]
    next: tham-dinh
  - id: tham-dinh
    title: {vi: Thẩm định, en: Appraise}
    unit: phong-chuyen-mon
    time: 2 working days
    consult: [{unit: ubnd-xa, time: 1 working day}]
    next: tra-ket-qua
  - id: tra-ket-qua
    title: {vi: Trả kết quả, en: Return}
    unit: mot-cua
    time: 1 session
    next: xong
ends:
  - {id: xong, title: {vi: Xong, en: Done}, outcome: granted, result: giay}
"""


def check(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    shutil.copy(AGENCY, tmp_path / "agency.yaml")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    report = validate_paths([tmp_path], cache_dir=None)
    return [(d.code, d.line, d.message) for d in report.diagnostics]


def codes(found: list[tuple[str, int, str]]) -> list[tuple[str, int]]:
    return [(code, line) for code, line, _ in found]


def test_the_example_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, SPEC) == []


def test_a_split_text_a_unit_typo_and_a_time_over_the_limit_in_one_round(tmp_path: Path) -> None:
    text = (SPEC.replace("Thủ tục sửa đổi,", "Thủ tục sửa đổi, bổ sung,")
            .replace("    unit: phong-chuyen-mon\n    time: 2 working days",
                     "    unit: phong-chuyen-mon\n    time: 2 ngày làm việcc")
            .replace("unit: mot-cua\n    time: 1 session\n    next: xong", "unit: mot-cuaa\n    time: 6 working days\n"
                     "    next: xong"))
    found = check(tmp_path, text)
    assert codes(found) == [("YML011", 5), ("TIM001", 7), ("SCH005", 22), ("REF001", 27)]
    tim = found[1][2]
    assert tim == ("the slowest path tiep-nhan -> tham-dinh -> tra-ket-qua takes 1 session + 6 working days, "
                   "about 6.5 working days in all; time_limit is 5 working days (at least: steps[tham-dinh].time "
                   "could not be read and counts as nothing)")
    # The consultation of the step whose time is unread is not "longer than the step".
    assert "TIM003" not in [c for c, _ in codes(found)]
    # No catalogue from a file with errors, and no model built from repaired data.
    assert validate_and_load([tmp_path], cache_dir=None)[1] is None


def test_a_misspelt_key_is_read_as_the_key_meant(tmp_path: Path) -> None:
    # 'nxt' read as 'next': no "no way to the end" for the step and those before it.
    found = check(tmp_path, SPEC.replace("    next: tra-ket-qua", "    nxt: tra-ket-qa"))
    assert codes(found) == [("SCH001", 24), ("REF004", 24)]
    assert found[1][2] == "step 'tham-dinh' goes to unknown step 'tra-ket-qa'; did you mean 'tra-ket-qua'?"


def test_a_language_in_capitals_is_read_in_lower_case(tmp_path: Path) -> None:
    found = check(tmp_path, SPEC.replace("en: Application}", "EN: Application}").replace("unit: ubnd-xa", "unit: ubnd"))
    assert codes(found) == [("SCH005", 9), ("REF001", 23)]


def test_an_unread_time_limit_is_not_a_missing_one(tmp_path: Path) -> None:
    found = check(tmp_path, SPEC.replace("time_limit: 5 working days", "time_limit: 5 ngày làm vịec")
                  .replace("next: xong", "next: xongg"))
    assert codes(found) == [("SCH005", 7), ("REF004", 29)]


@pytest.mark.parametrize("breakage", [
    ("outcome: granted", "outcome: grant"),      # a choice: no value stands in for it
    ("    unit: mot-cua\n    time: 1 session\n    checks", "    time: 1 session\n    checks"),  # a key missing
    ("checks: [don]", "checks: don"),            # a wrong type
])
def test_what_cannot_be_repaired_stops_at_the_schema(tmp_path: Path, breakage: tuple[str, str]) -> None:
    found = check(tmp_path, SPEC.replace(*breakage).replace("next: xong", "next: xongg"))
    assert {code[:3] for code, _ in codes(found)} == {"SCH"}


def test_a_value_the_reader_refuses_is_read_as_nothing_and_the_rest_checked(tmp_path: Path) -> None:
    # A tag (YML004): the time is not read; the unit typo and the missing 'to' further on are.
    text = (SPEC.replace("time: 2 working days", "time: !!str 2 working days")
            .replace("unit: ubnd-xa", "unit: ubnd").replace("next: xong", "nextt: xong"))
    found = check(tmp_path, text)
    assert codes(found) == [("YML004", 22), ("REF001", 23), ("SCH001", 29)]


def test_a_merge_key_stops_the_reading(tmp_path: Path) -> None:
    # The keys a merge would bring are missing: nothing after it is judged on a guess.
    text = SPEC.replace("    unit: mot-cua\n    time: 1 session\n    next: xong", "    <<: {unit: mot-cua}\n"
                        "    time: 1 session\n    next: xong").replace("unit: ubnd-xa", "unit: ubnd")
    assert codes(check(tmp_path, text)) == [("YML003", 27)]


def test_an_agency_file_is_read_on_too(tmp_path: Path) -> None:
    text = AGENCY.read_text(encoding="utf-8")
    text = text.replace("    role: one-stop", "    rol: one-stop", 1).replace("  - id: lanh-dao", "  - id: mot-cua", 1)
    (tmp_path / "agency.yaml").write_text(text, encoding="utf-8")
    found = [(d.code, d.message) for d in validate_paths([tmp_path], cache_dir=None).diagnostics]
    # The unit lacks 'role' because it is misspelt: read as 'role', the two units sharing an id are found.
    assert [code for code, _m in found] == ["SCH002", "SCH001", "REF006"]
    assert found[1][1] == "unknown key 'rol' in units[mot-cua]; did you mean 'role'?"
