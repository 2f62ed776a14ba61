"""A day off's note is a text like every other: plain, or a map of languages to texts; the
calendar names the day in each language by it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from motcua.engine.calendar import WorkCalendar
from motcua.engine.spec.model import Text
from motcua.validators.assembly import validate_and_load

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "tests" / "cases" / "agency" / "agency.yaml"
PLAIN = '    - {date: "2013-12-31", note: "Nghỉ hoán đổi dịp Tết Dương lịch"}'


def load(tmp_path: Path, days_off: str) -> tuple[list[tuple[str, int]], WorkCalendar | None]:
    text = AGENCY.read_text(encoding="utf-8")
    assert PLAIN in text
    (tmp_path / "agency.yaml").write_text(text.replace(PLAIN, days_off), encoding="utf-8")
    report, catalog = validate_and_load([tmp_path], cache_dir=None)
    found = [(d.code, d.line) for d in report.diagnostics]
    return found, None if catalog is None else WorkCalendar(catalog.agencies[0].calendar)


@pytest.mark.parametrize("written", [
    '    - {date: "2013-12-31", note: {vi: "Nghỉ hoán đổi dịp Tết Dương lịch", en: "New Year swapped day off"}}',
    "    - date: 2013-12-31\n      note:\n        vi: Nghỉ hoán đổi dịp Tết Dương lịch\n"
    "        en: New Year swapped day off",
])
def test_a_note_in_both_languages_names_the_day_in_each(tmp_path: Path, written: str) -> None:
    found, calendar = load(tmp_path, written)
    assert found == [] and calendar is not None
    (day_off,) = calendar.calendar.days_off
    assert day_off.note == Text((("vi", "Nghỉ hoán đổi dịp Tết Dương lịch"), ("en", "New Year swapped day off")))
    (listed,) = [d for d in calendar.days_of(2013) if d.date == dt.date(2013, 12, 31)]
    assert (listed.kind, listed.working) == ("agency-day-off", False)
    assert listed.name == ("Nghỉ hoán đổi dịp Tết Dương lịch", "New Year swapped day off")
    assert not calendar.is_working_day(dt.date(2013, 12, 31))


def test_a_plain_note_still_names_the_day_and_a_day_without_one_is_named_as_before(tmp_path: Path) -> None:
    found, calendar = load(tmp_path, PLAIN + '\n    - "2013-12-30"')
    assert found == [] and calendar is not None
    days = {d.date: d for d in calendar.days_of(2013)}
    assert days[dt.date(2013, 12, 31)].name == ("Nghỉ hoán đổi dịp Tết Dương lịch", "Nghỉ hoán đổi dịp Tết Dương lịch")
    assert days[dt.date(2013, 12, 30)].name == ("Ngày nghỉ của cơ quan", "Agency day off")


@pytest.mark.parametrize(("written", "code"), [
    ('    - {date: "2013-12-31", note: {vi: "Nghỉ", fr: "Congé"}}', "LNG002"),
    ('    - {date: "2013-12-31", note: {}}', "SCH006"),
    ('    - {date: "2013-12-31", note: [Nghỉ]}', "SCH003"),
])
def test_a_note_map_is_checked_as_a_text(tmp_path: Path, written: str, code: str) -> None:
    found, _calendar = load(tmp_path, written)
    assert code in [c for c, _line in found]
