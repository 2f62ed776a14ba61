"""The public calendar of a country: its public holidays and make-up working days, with their names
and legal sources, and the listing of a year's notable days that ``motcua calendar`` prints.

The ``holidays`` package computes the public holidays; for ``VN`` the national announcements of
``engine/holidays_vn.py`` win over it and the days it lists as not holidays are taken out. The
agency's own ``days_off`` and ``working_days`` come on top in ``engine/calendar.py``
(``WorkCalendar``), which counts deadlines on these days.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import holidays

from motcua.engine import holidays_vn
from motcua.engine.spec.model import Calendar, Text

__all__ = ["HOLIDAYS_VERSION", "CalendarDay", "DayKind", "listed_days", "public_year"]

#: The version of the ``holidays`` package computing the public holidays, named in sources.
HOLIDAYS_VERSION = importlib.metadata.version("holidays")


@functools.cache
def _public_holidays(country: str, year: int) -> holidays.HolidayBase:
    # One object per country and year for the whole process: building one costs about 0.3 ms
    # (90 ms for the very first, which loads the lunar tables), so never per call.
    return holidays.country_holidays(country, years=year)


@functools.cache
def _named_holidays(country: str, year: int, lang: str) -> holidays.HolidayBase:
    """The package's holidays of one year with their names in ``lang`` (``vi`` or ``en``)."""
    cls = type(_public_holidays(country, year))
    wanted = "vi" if lang == "vi" else "en_US"
    language = wanted if wanted in getattr(cls, "supported_languages", ()) else None
    return holidays.country_holidays(country, years=year, language=language)


@functools.cache
def _not_holidays(country: str, year: int) -> dict[dt.date, holidays_vn.NotAHoliday]:
    """Days of ``year`` the package has off that the law in force does not make holidays."""
    if country != "VN":
        return {}
    named = _named_holidays(country, year, "vi")
    found: dict[dt.date, holidays_vn.NotAHoliday] = {}
    for rule in holidays_vn.NOT_HOLIDAYS:
        if year < rule.since:
            continue
        for day in named:
            if all(n.startswith(rule.package_name) for n in named.get_list(day)):
                found[day] = rule
    return found


@functools.cache
def public_year(
    country: str, year: int, national: bool = True
) -> tuple[frozenset[dt.date], frozenset[dt.date], frozenset[int]]:
    """Public days off, announced make-up working days and weekend weekdays of one year.

    Swaps can cross a year end (31 Dec 2018 off for 5 Jan 2019 worked is filed under 2018), so
    the neighbouring years are read too and everything is cut to ``year``. With ``national``
    (and ``VN``), the announced swaps of ``engine/holidays_vn.py`` win over the package, and the
    days it lists as not holidays are taken out.
    """
    objects = [_public_holidays(country, y) for y in (year - 1, year, year + 1) if 1 <= y <= 9999]
    off = {d for h in objects for d in h if d.year == year}
    worked = {d for h in objects for d in h.weekend_workdays if d.year == year}
    if national and country == "VN":
        off -= set(_not_holidays(country, year))
        announced = holidays_vn.national_days(year)
        announced_off = {d.date for d in announced if not d.working}
        announced_worked = {d.date for d in announced if d.working}
        off = (off - announced_worked) | announced_off
        worked = (worked - announced_off) | announced_worked
    return frozenset(off), frozenset(worked), frozenset(_public_holidays(country, year).weekend)


#: Why a day of the calendar listing is what it is, the rule that decides it.
DayKind = Literal[
    "agency-day-off",
    "agency-working-day",
    "announced-day-off",
    "announced-working-day",
    "public-holiday",
    "not-a-holiday",
]


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """A day that is not an ordinary weekday or weekend day, and the rule that decides it.

    ``working`` is what deadlines count; ``name`` and ``source`` are ``(vi, en)``; ``certain``
    is false when the source's details were not confirmed (``note`` says which).
    """

    date: dt.date
    working: bool
    kind: DayKind
    name: tuple[str, str]
    source: tuple[str, str]
    certain: bool = True
    note: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class _Listing:
    """What decides the listing entries of one year: the agency's days, the announced days, the
    package's holidays (named ``(vi, en)``), its days that are not holidays, its make-up days."""

    country: str
    off: frozenset[dt.date]
    worked: frozenset[dt.date]
    notes: dict[dt.date, Text | None]
    announced: dict[dt.date, holidays_vn.NationalDay]
    names: dict[dt.date, tuple[str, str]]
    not_holidays: dict[dt.date, holidays_vn.NotAHoliday]
    package_worked: frozenset[dt.date]
    agency_file: str


def listed_days(
    year: int,
    calendar: Calendar,
    country: str,
    *,
    national: bool,
    is_working_day: Callable[[dt.date], bool],
    agency_file: str,
) -> tuple[CalendarDay, ...]:
    """The days of ``year`` a desk officer checks against the announcements: public holidays,
    announced days off and make-up working days, the agency's own, and the package's days that
    are not holidays by law; each with the rule that decides it and its source.

    ``country`` is the upper-case code of ``calendar.holidays``, ``national`` whether the
    announcements of ``engine/holidays_vn.py`` apply, ``is_working_day`` the agency calendar's
    answer for a day and ``agency_file`` the agency's file named in the sources of its own days.
    """
    listing = _Listing(
        country=country,
        off=frozenset(d.date for d in calendar.days_off),
        worked=frozenset(calendar.working_days),
        notes={d.date: d.note for d in calendar.days_off},
        announced={d.date: d for d in holidays_vn.national_days(year)} if national and country == "VN" else {},
        names=_holiday_names(country, year),
        not_holidays=_not_holidays(country, year) if national else {},
        package_worked=public_year(country, year, False)[1],
        agency_file=agency_file,
    )
    days: list[CalendarDay] = []
    first = dt.date(year, 1, 1)
    for offset in range((dt.date(year, 12, 31) - first).days + 1):
        day = first + dt.timedelta(days=offset)
        found = _decide(day, is_working_day(day), listing)
        if found is not None:
            days.append(found)
    return tuple(days)


def _decide(day: dt.date, working: bool, listing: _Listing) -> CalendarDay | None:
    """The listing entry of ``day``, by the rule of highest precedence that names it."""
    agency = (f"Lịch của cơ quan ({listing.agency_file})", f"The agency's calendar ({listing.agency_file})")
    if day in listing.off:
        note = listing.notes.get(day)
        name = (note.get("vi"), note.get("en")) if note is not None else ("Ngày nghỉ của cơ quan", "Agency day off")
        return CalendarDay(day, working, "agency-day-off", name, agency)
    if day in listing.worked:
        return CalendarDay(day, working, "agency-working-day",
                           ("Ngày làm việc của cơ quan", "Agency working day"), agency)
    national = listing.announced.get(day)
    if national is not None:
        a = national.announcement
        kind: DayKind = "announced-working-day" if national.working else "announced-day-off"
        return CalendarDay(day, working, kind, national.name, (a.cite("vi"), a.cite("en")), a.certain, a.note)
    rule = listing.not_holidays.get(day)
    if rule is not None:
        return CalendarDay(day, working, "not-a-holiday", rule.name, rule.reason, False)
    names = listing.names
    if day in names:
        return CalendarDay(day, working, "public-holiday", names[day], _law(listing.country, day, names[day][0]))
    if day in listing.package_worked:
        return CalendarDay(day, working, "announced-working-day", ("Ngày làm bù", "Make-up working day"),
                           _package_source(listing.country))
    return None


def _holiday_names(country: str, year: int) -> dict[dt.date, tuple[str, str]]:
    """The package's holidays falling in ``year`` (its neighbours' swaps included), named ``(vi, en)``."""
    names: dict[dt.date, tuple[str, str]] = {}
    for y in (year - 1, year, year + 1):
        if not 1 <= y <= 9999:
            continue
        vi, en = _named_holidays(country, y, "vi"), _named_holidays(country, y, "en")
        for day in vi:
            if day.year == year:
                names[day] = ("; ".join(vi.get_list(day)), "; ".join(en.get_list(day)) or "; ".join(vi.get_list(day)))
    return names


def _package_source(country: str) -> tuple[str, str]:
    version = HOLIDAYS_VERSION
    return (f"gói holidays {version} ({country})", f"holidays package {version} ({country})")


def _law(country: str, day: dt.date, name_vi: str) -> tuple[str, str]:
    """The law that makes ``day`` a public holiday in Vietnam (the era of the Labour Code), and
    the package that computes it."""
    version = HOLIDAYS_VERSION
    if country != "VN":
        return _package_source(country)
    if "thay cho" in name_vi:  # a swap the package knows and holidays_vn does not
        return (f"Hoán đổi ngày làm việc đã công bố (gói holidays {version})",
                f"An announced swap (holidays package {version})")
    if day < dt.date(2013, 5, 1):
        vi, en = "Bộ luật Lao động 1994, Điều 73 (sửa đổi 2007)", "Labour Code 1994, Art. 73 (as amended 2007)"
    elif day.year < 2021:
        vi, en = "Bộ luật Lao động 2012, Điều 115", "Labour Code 2012, Art. 115"
    else:
        vi, en = "Bộ luật Lao động 2019, Điều 112", "Labour Code 2019, Art. 112"
    if "nghỉ bù" in name_vi:
        vi += "; nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần"
        en += "; compensatory day for a holiday on a weekly rest day"
    return (f"{vi} (gói holidays {version})", f"{en} (holidays package {version})")
