"""The hints for the usual slips (a decimal comma, units typed without their marks, an amount
with thousands separators, a colon or comma inside {...}, a tab), and list items named by id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.engine.spec.durations import parse_duration, suggest_duration
from motcua.engine.spec.model import TimeUnit
from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "tests" / "cases" / "agency" / "agency.yaml"

SPEC = """\
motcua: 1
kind: procedure
id: thu-tuc
agency: so-thu-nghiem
title: {vi: Thủ tục, en: A test procedure}
version: "1"
time_limit: 5 working days
fees: [{title: {vi: Phí, en: Fee}, amount: 10000}]
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
    next: tra-ket-qua
  - id: tra-ket-qua
    title: {vi: Trả kết quả, en: Return}
    unit: mot-cua
    time: 2 working days
    next: xong
ends:
  - {id: xong, title: {vi: Xong, en: Done}, outcome: granted, result: giay}
"""


def found(tmp_path: Path, text: str) -> list[tuple[str, str, str | None]]:
    shutil.copy(AGENCY, tmp_path / "agency.yaml")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    return [(d.code, d.message, d.hint) for d in validate_paths([tmp_path], cache_dir=None).diagnostics]


def test_the_example_is_valid(tmp_path: Path) -> None:
    assert found(tmp_path, SPEC) == []


@pytest.mark.parametrize(("typed", "unit"), [
    ("2 ngay lam viec", TimeUnit.WORKING_DAYS), ("4 gio lam viec", TimeUnit.WORKING_HOURS),
    ("1 buoi", TimeUnit.SESSIONS), ("7 ngay", TimeUnit.DAYS), ("1 thang", TimeUnit.MONTHS),
    ("24 gio", TimeUnit.HOURS), ("trong ngay", TimeUnit.SAME_DAY),
])
def test_units_typed_without_their_marks_are_read(tmp_path: Path, typed: str, unit: TimeUnit) -> None:
    assert parse_duration(typed).unit is unit
    text = SPEC.replace("time: 2 working days", f"time: {typed}").replace("time_limit: 5 working days",
                                                                          "time_limit: 2 thang")
    assert found(tmp_path, text) == []


def test_a_decimal_comma_is_answered_with_the_duration_meant(tmp_path: Path) -> None:
    got = found(tmp_path, SPEC.replace("time: 2 working days", "time: 2,5 ngày làm việc"))
    assert got == [("SCH005", "'2,5 ngày làm việc' in steps[tra-ket-qua].time is not a duration; "
                    "did you mean '2.5 ngày làm việc'?", "write the decimal point as '.', not a comma")]


@pytest.mark.parametrize(("typed", "meant"), [
    ("2 ngày làm viêc", "2 ngày làm việc"), ("2 ngay lam vec", "2 ngay lam viec"), ("3 Buổi", "3 buổi"),
    ("1 sesion", "1 session"),
])
def test_a_mistyped_unit_is_answered_with_the_closest(tmp_path: Path, typed: str, meant: str) -> None:
    assert suggest_duration(typed) == meant
    got = found(tmp_path, SPEC.replace("time: 2 working days", f"time: {typed}"))
    assert [(c, m) for c, m, _h in got] == [
        ("SCH005", f"'{typed}' in steps[tra-ket-qua].time is not a duration; did you mean '{meant}'?")]


def test_no_unit_is_guessed_for_a_word_far_from_every_unit() -> None:
    assert suggest_duration("2 tuần") is None and suggest_duration("hai ngày") is None


@pytest.mark.parametrize(("amount", "hint"), [
    ("1.500.000", "write 1500000: digits only, without thousands separators or the currency (that is 'currency: VND')"),
    ('"1.500.000"', "write 1500000: digits only, without thousands separators or the currency (that is 'currency: VND')"),
    ('"1.500.000 đồng"', "write 1500000: digits only, without thousands separators or the currency "
                         "(that is 'currency: VND')"),
    ('"1500000"', "write the number without quotes: 1500000"),
    ("0x10", "write the number in digits only, without thousands separators, e.g. 1500000 (a decimal point, not a comma)"),
])
def test_an_amount_written_as_text_gets_the_fix_that_works(tmp_path: Path, amount: str, hint: str) -> None:
    got = found(tmp_path, SPEC.replace("amount: 10000", f"amount: {amount}"))
    assert [(c, h) for c, _m, h in got] == [("SCH003", hint)]
    assert got[0][1].startswith("fees[#1].amount is the text")


def test_an_amount_cut_by_commas_inside_braces_says_so(tmp_path: Path) -> None:
    got = found(tmp_path, SPEC.replace("amount: 10000", "amount: 1,500,000"))
    assert [c for c, _m, _h in got] == ["SCH001", "SCH001"]
    assert got[0][2] == ("a number is written without thousands separators, e.g. amount: 1500000; "
                         "inside {...} an unquoted ',' ends the value")


def test_a_colon_inside_a_flow_title_is_told_to_be_quoted() -> None:
    doc = parse_text("motcua: 1\ntitle: {vi: Bước 1: tiếp nhận, en: Step 1}\n")
    assert [(d.code, d.hint) for d in doc.diagnostics] == [
        ("YML005", "a text with ': ' inside {...} must be quoted, e.g. "
                   "title: {vi: \"Bước 1: tiếp nhận\", en: \"Step 1: receive\"}, or write the map in block style")]


@pytest.mark.parametrize("text", ["motcua: 1\nsteps:\n\t- id: a\n", "motcua: 1\ntitle:\n  vi: a\n\ten: b\n",
                                  "motcua: 1\nsteps:\n  \t- id: a\n"])
def test_a_tab_that_indents_is_named(text: str) -> None:
    doc = parse_text(text)
    assert [(d.code, d.hint) for d in doc.diagnostics] == [
        ("YML005", "indent with spaces, not tabs (a tab may stand only inside a text)")]


def test_a_missing_language_is_told_the_quoted_or_block_form(tmp_path: Path) -> None:
    got = found(tmp_path, SPEC.replace("title: {vi: Tiếp nhận, en: Receive}", "title: Tiếp nhận"))
    assert got == [("LNG001", "steps[tiep-nhan].title has no en text",
                    'write it as a map with each text quoted, {vi: "...", en: "..."}, or one language a line '
                    "under the key (vi: ...; en: ...)")]
    # The form the hint gives reads back as the two texts, with a comma and a colon inside.
    doc = parse_text('title: {vi: "Sửa đổi, bổ sung: bước 1", en: "Amend, add: step 1"}\n')
    assert doc.diagnostics == [] and doc.data["title"] == {"vi": "Sửa đổi, bổ sung: bước 1", "en": "Amend, add: step 1"}


def test_the_slowest_path_over_the_limit_gives_its_total(tmp_path: Path) -> None:
    got = found(tmp_path, SPEC.replace("time: 2 working days", "time: 5 working days"))
    assert got == [("TIM001", "the slowest path tiep-nhan -> tra-ket-qua takes 1 session + 5 working days, "
                    "about 5.5 working days in all; time_limit is 5 working days",
                    "shorten step times or correct time_limit")]


@pytest.mark.parametrize(("change", "message"), [
    (("  - {id: don, title: {vi: Đơn, en: Application}}", "  - {id: don, title: {vi: Đơn, en: Application}, copis: 1}"),
     "unknown key 'copis' in records[don]; did you mean 'copies'?"),
    (("    unit: mot-cua\n    time: 2 working days", "    unit: mot-cua\n    time: 2 working days\n    nxt: x"),
     "unknown key 'nxt' in steps[tra-ket-qua]; did you mean 'next'?"),
    (("outcome: granted", "outcome: grant"),
     "ends[xong].outcome is 'grant'; expected one of: granted, refused, deemed-granted, withdrawn, transferred; did you mean 'granted'?"),
])
def test_items_are_named_by_their_id(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert message in [m for _c, m, _h in found(tmp_path, SPEC.replace(*change))]
