"""``motcua calendar``: the working calendar an agency's deadlines are counted on, for one year.

It lists the public holidays, the announced days off and make-up working days, the agency's own
days off and working days, and its office hours, each with its source, so a desk officer can
check it against the announcement on the wall. Text in the run's language (``--lang en`` for
English), or JSON with English keys. Errors end as every command's do (``motcua.cli.common``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

import click

from motcua.catalogs import DEFAULT_CATALOG, open_catalog
from motcua.cli.common import Command
from motcua.engine import holidays_vn
from motcua.engine.calendar import WorkCalendar
from motcua.engine.inputs import json_visible
from motcua.engine.ledger import now
from motcua.engine.public_days import HOLIDAYS_VERSION, CalendarDay
from motcua.engine.spec.errors import InputError
from motcua.engine.spec.i18n import Tr, current, tr
from motcua.engine.spec.model import Agency, Calendar
from motcua.engine.spec.printable import visible
from motcua.engine.spec.suggest import closest

__all__ = ["calendar"]

Lang = Literal["vi", "en"]

#: Every label the command prints: key -> (Vietnamese, English).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("Lịch làm việc năm {year}", "Working calendar {year}"),
    "agency": ("Cơ quan", "Agency"),
    "no_agency": (
        "không chọn: lịch chung cả nước, giờ làm việc mặc định (chọn bằng --agency: {ids})",
        "none chosen: the national calendar, default office hours (choose with --agency: {ids})",
    ),
    "holidays": ("Lịch ngày lễ", "Public holidays"),
    "package": ("gói holidays {version}", "holidays package {version}"),
    "office_hours": ("Giờ làm việc", "Office hours"),
    "days_off": ("Ngày nghỉ", "Days off"),
    "working_days": ("Ngày làm việc bù và ngày làm việc cần lưu ý", "Make-up and other working days to note"),
    "none": ("(không có)", "(none)"),
    "source": ("Nguồn", "Source"),
    "unconfirmed": ("Chưa xác minh", "Unconfirmed"),
    "estimated": (
        "⚠ Năm ước tính: lịch nghỉ năm {year} chưa được công bố (dữ liệu quốc gia đến năm {through}); "
        "các ngày lễ do gói holidays tính theo luật, chưa có ngày hoán đổi.",
        "⚠ Estimated year: the {year} holiday calendar has not been announced (the national data runs to "
        "{through}); the holidays are computed from the law by the holidays package, without swaps.",
    ),
    "before": (
        "⚠ Trước năm {first}: các ngày hoán đổi đã công bố không có trong dữ liệu quốc gia; chỉ có những "
        "ngày gói holidays biết.",
        "⚠ Before {first}: the announced swaps are not in the national data; only those the holidays "
        "package knows.",
    ),
    "kind.public-holiday": ("ngày lễ", "public holiday"),
    "kind.announced-day-off": ("nghỉ theo thông báo", "announced day off"),
    "kind.announced-working-day": ("làm bù theo thông báo", "announced make-up day"),
    "kind.agency-day-off": ("ngày nghỉ của cơ quan", "agency day off"),
    "kind.agency-working-day": ("ngày làm việc của cơ quan", "agency working day"),
    "kind.not-a-holiday": ("không phải ngày lễ theo luật", "not a holiday by law"),
    "bad_year": ("năm '{year}' không hợp lệ: viết một năm từ 1 đến 9999, ví dụ 2026",
                 "'{year}' is not a year: write a year from 1 to 9999, e.g. 2026"),
    "unknown_agency": ("không có cơ quan '{agency}' trong danh mục {catalog} (có: {ids})",
                       "no agency '{agency}' in the catalogue {catalog} (there are: {ids})"),
    "did_you_mean": ("; có phải '{found}'?", "; did you mean '{found}'?"),
}  # fmt: skip

_WEEKDAYS = (
    ("Thứ Hai", "Mon"), ("Thứ Ba", "Tue"), ("Thứ Tư", "Wed"), ("Thứ Năm", "Thu"),
    ("Thứ Sáu", "Fri"), ("Thứ Bảy", "Sat"), ("Chủ nhật", "Sun"),
)  # fmt: skip


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``values`` filled in."""
    vi, en = LABELS[key]
    return (vi if lang == "vi" else en).format(**values)


def both(key: str, **values: object) -> Tr:
    """The label ``key`` in both languages, with ``values`` filled in (for an error's message)."""
    vi, en = LABELS[key]
    return tr(vi.format(**values), en.format(**values))


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def _year(raw: str | None) -> int:
    if raw is None:
        return now().year
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 9999:
        raise InputError(both("bad_year", year=raw), year=raw)
    return int(text)


def _agency(agencies: Sequence[Agency], wanted: str | None, catalog: str) -> Agency | None:
    if wanted is None:
        return agencies[0] if len(agencies) == 1 else None
    for agency in agencies:
        if agency.id == wanted:
            return agency
    ids = sorted(a.id for a in agencies)
    found = closest(wanted, ids)
    message = both("unknown_agency", agency=wanted, catalog=catalog, ids=", ".join(ids) or "-")
    if found:
        message += both("did_you_mean", found=found)
    raise InputError(message, agency=wanted, agencies=ids)


def _notice(year: int, cal: Calendar) -> tuple[str, str] | None:
    if cal.holidays.upper() != "VN":
        return None
    if year > holidays_vn.ANNOUNCED_THROUGH:
        return (LABELS["estimated"][0].format(year=year, through=holidays_vn.ANNOUNCED_THROUGH),
                LABELS["estimated"][1].format(year=year, through=holidays_vn.ANNOUNCED_THROUGH))
    if year < holidays_vn.FIRST_YEAR:
        return (LABELS["before"][0].format(first=holidays_vn.FIRST_YEAR),
                LABELS["before"][1].format(first=holidays_vn.FIRST_YEAR))
    return None


def _hours(cal: Calendar) -> list[dict[str, str]]:
    return [{"start": f"{a:%H:%M}", "end": f"{b:%H:%M}"} for a, b in cal.office_hours]


def _day_json(day: CalendarDay) -> dict[str, object]:
    return {
        "date": day.date.isoformat(),
        "weekday": _WEEKDAYS[day.date.weekday()][1],
        "working": day.working,
        "kind": day.kind,
        "name": {"vi": day.name[0], "en": day.name[1]},
        "source": {"vi": day.source[0], "en": day.source[1]},
        "certain": day.certain,
        "note": {"vi": day.note[0], "en": day.note[1]} if day.note else None,
    }


def _document(year: int, agency: Agency | None, cal: Calendar, days: Sequence[CalendarDay]) -> dict[str, object]:
    notice = _notice(year, cal)
    return {
        "year": year,
        "agency": {"id": agency.id, "title": agency.title.as_dict(), "file": agency.file} if agency else None,
        "holidays": cal.holidays.upper(),
        "holidays_package": HOLIDAYS_VERSION,
        "estimated": year > holidays_vn.ANNOUNCED_THROUGH and cal.holidays.upper() == "VN",
        "notice": {"vi": notice[0], "en": notice[1]} if notice else None,
        "office_hours": _hours(cal),
        "days_off": [_day_json(d) for d in days if not d.working],
        "working_days": [_day_json(d) for d in days if d.working],
    }


def _day_lines(day: CalendarDay, lang: Lang) -> list[str]:
    weekday = _pick(_WEEKDAYS[day.date.weekday()], lang)
    when = f"{weekday} {day.date:%d/%m/%Y}" if lang == "vi" else f"{weekday} {day.date:%Y-%m-%d}"
    lines = [f"  {when}  {visible(_pick(day.name, lang))}  [{label('kind.' + day.kind, lang)}]",
             f"      {label('source', lang)}: {visible(_pick(day.source, lang))}"]
    if day.note:
        lines.append(f"      ⚠ {label('unconfirmed', lang)}: {_pick(day.note, lang)}")
    return lines


def _text(year: int, agency: Agency | None, agencies: Sequence[Agency], cal: Calendar,
          days: Sequence[CalendarDay], lang: Lang) -> str:  # fmt: skip
    if agency is not None:
        who = f"{visible(agency.title.get(lang))} ({agency.id})"
    else:
        who = label("no_agency", lang, ids=", ".join(sorted(a.id for a in agencies)) or "-")
    hours = ", ".join(f"{h['start']}-{h['end']}" for h in _hours(cal))
    lines = [
        label("title", lang, year=year),
        f"{label('agency', lang)}: {who}",
        f"{label('holidays', lang)}: {cal.holidays.upper()} ({label('package', lang, version=HOLIDAYS_VERSION)})",
        f"{label('office_hours', lang)}: {hours}",
    ]
    notice = _notice(year, cal)
    if notice:
        lines.append(_pick(notice, lang))
    for key, wanted in (("days_off", False), ("working_days", True)):
        chosen = [d for d in days if d.working == wanted]
        lines += ["", f"{label(key, lang)} ({len(chosen)}):"]
        lines += [line for d in chosen for line in _day_lines(d, lang)] or [f"  {label('none', lang)}"]
    return "\n".join(lines)


@click.command("calendar", cls=Command)
@click.argument("year", required=False)
@click.option("--catalog", "catalog_path", default=DEFAULT_CATALOG, show_default=True, metavar="PATH",
              help="Procedure catalogue whose agency files are read.")
@click.option("--agency", "agency_id", metavar="ID",
              help="Agency id (default: the catalogue's only agency; with several, the national calendar).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json prints pure JSON on stdout, with English keys.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the text output (env MOTCUA_LANG); JSON carries both.")
def calendar(year: str | None, catalog_path: str, agency_id: str | None, fmt: str, lang: Lang | None) -> None:
    """Print the working calendar an agency's deadlines use for YEAR (default: this year).

    Public holidays, the days off and make-up working days the government announced, the
    agency's own days off and working days, and its office hours, each with its source.
    """
    wanted = _year(year)
    agencies = open_catalog(catalog_path).catalog.agencies
    agency = _agency(agencies, agency_id, catalog_path)
    cal = agency.calendar if agency is not None else Calendar()
    try:
        days = WorkCalendar.shared(cal).days_of(wanted, agency_file=agency.file if agency else "agency.yaml")
    except (ValueError, OverflowError) as err:
        raise InputError(tr(f"không lập được lịch làm việc năm {wanted}: {err}", str(err)), year=wanted) from None
    if fmt == "json":
        document = _document(wanted, agency, cal, days)
        click.echo(json_visible(json.dumps(document, ensure_ascii=False, indent=2)))
    else:
        click.echo(_text(wanted, agency, agencies, cal, days, lang or current()))
