"""The national calendar data (``engine/holidays_vn.py``): one test per announcement, each on a
deadline counted by hand on the default calendar (no agency overlay), office hours 07:00-11:30
and 13:30-17:00. "(n)" marks the n-th working day counted; the day the clock starts is not
counted (Civil Code 2015 Art. 147).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from motcua.engine import holidays_vn
from motcua.engine.calendar import WorkCalendar
from motcua.engine.spec.model import Calendar, DayOff, Duration, TimeUnit

D, T = dt.date, dt.datetime

PUBLIC = WorkCalendar(Calendar())
PACKAGE = WorkCalendar(Calendar(), national=False)


def wd(n: int) -> Duration:
    return Duration(Decimal(n), TimeUnit.WORKING_DAYS)


def due(start: dt.datetime, n: int = 1, cal: WorkCalendar = PUBLIC) -> dt.datetime:
    return cal.deadline(start, wd(n))


def test_9570_vpcp_kgvx_swaps_of_2013() -> None:
    # Fri 28 Dec 2012: Sat 29, Sun 30, Mon 31 (swapped off), Tue 1 Jan (New Year); Wed 2 Jan (1).
    assert due(T(2012, 12, 28, 9, 0)) == T(2013, 1, 2, 17, 0)
    # Fri 4 Jan 2013: Sat 5 Jan is the make-up day (1).
    assert due(T(2013, 1, 4, 9, 0)) == T(2013, 1, 5, 17, 0)
    # Tết: Fri 15 Feb off for Sat 23 Feb worked. Fri 22 Feb + 1: Sat 23 (1).
    assert not PUBLIC.is_working_day(D(2013, 2, 15))
    assert due(T(2013, 2, 22, 9, 0)) == T(2013, 2, 23, 17, 0)
    # Fri 26 Apr: Mon 29 (swapped off), Tue 30 Apr, Wed 1 May off; Thu 2 May (1). Fri 3 May: Sat 4 (1).
    assert due(T(2013, 4, 26, 9, 0)) == T(2013, 5, 2, 17, 0)
    assert due(T(2013, 5, 3, 9, 0)) == T(2013, 5, 4, 17, 0)


def test_10525_vpcp_kgvx_swaps_of_2014() -> None:
    # Tết: off Tue 28 Jan - Wed 5 Feb, Sat 25 Jan and Sat 8 Feb worked. Thu 23 Jan: Fri 24 (1),
    # Sat 25 (2), Mon 27 (3), Thu 6 Feb (4), Fri 7 (5), Sat 8 (6), Mon 10 (7).
    assert all(not PUBLIC.is_working_day(D(2014, 1, 28) + dt.timedelta(days=i)) for i in range(9))
    assert due(T(2014, 1, 23, 10, 0), 5) == T(2014, 2, 7, 17, 0)
    assert due(T(2014, 1, 23, 10, 0), 6) == T(2014, 2, 8, 17, 0)
    assert due(T(2014, 1, 23, 10, 0), 7) == T(2014, 2, 10, 17, 0)
    # Fri 2 May off for Sat 26 Apr: Tue 29 Apr + 1: Wed 30, Thu 1, Fri 2, Sat 3, Sun 4 off; Mon 5 (1).
    assert due(T(2014, 4, 29, 9, 0)) == T(2014, 5, 5, 17, 0)
    assert due(T(2014, 4, 25, 9, 0)) == T(2014, 4, 26, 17, 0)
    # Mon 1 Sep off for Sat 6 Sep: Fri 29 Aug + 1: Sat 30, Sun 31, Mon 1, Tue 2 Sep off; Wed 3 (1).
    assert due(T(2014, 8, 29, 9, 0)) == T(2014, 9, 3, 17, 0)
    assert due(T(2014, 9, 5, 9, 0)) == T(2014, 9, 6, 17, 0)


def test_swaps_of_2015() -> None:
    # Fri 2 Jan off for Sat 27 Dec 2014: Wed 31 Dec + 1: Thu 1 Jan, Fri 2, Sat 3, Sun 4 off; Mon 5 (1).
    assert due(T(2014, 12, 31, 9, 0)) == T(2015, 1, 5, 17, 0)
    assert due(T(2014, 12, 26, 9, 0)) == T(2014, 12, 27, 17, 0)
    # Tết: Mon 16 Feb off for Sat 14 Feb; off Sun 15 - Mon 23 Feb. Sat 14 Feb (a working day) + 1:
    # Tue 24 Feb (1).
    assert due(T(2015, 2, 14, 9, 0)) == T(2015, 2, 24, 17, 0)
    # Wed 29 Apr off for Sat 25 Apr: Mon 27 Apr + 1: Tue 28 (Hùng Kings), Wed 29, Thu 30, Fri 1 May,
    # weekend; Mon 4 May (1).
    assert due(T(2015, 4, 27, 9, 0)) == T(2015, 5, 4, 17, 0)
    assert due(T(2015, 4, 24, 9, 0)) == T(2015, 4, 25, 17, 0)


def test_6519_vpcp_kgvx_swaps_of_2019() -> None:
    # Mon 31 Dec 2018 off for Sat 5 Jan 2019: Fri 28 Dec + 1: Wed 2 Jan 2019 (1).
    assert due(T(2018, 12, 28, 9, 0)) == T(2019, 1, 2, 17, 0)
    assert due(T(2019, 1, 4, 9, 0)) == T(2019, 1, 5, 17, 0)
    # Mon 29 Apr off for Sat 4 May: Fri 26 Apr + 1: Thu 2 May (1); Fri 3 May + 1: Sat 4 May (1).
    assert due(T(2019, 4, 26, 9, 0)) == T(2019, 5, 2, 17, 0)
    assert due(T(2019, 5, 3, 9, 0)) == T(2019, 5, 4, 17, 0)


def test_2450_vpcp_kgvx_swap_of_2024() -> None:
    # Mon 29 Apr off for Sat 4 May: Fri 26 Apr + 1: Sat 27 - Wed 1 May off; Thu 2 May (1).
    assert due(T(2024, 4, 26, 9, 0)) == T(2024, 5, 2, 17, 0)
    assert due(T(2024, 5, 3, 9, 0)) == T(2024, 5, 4, 17, 0)


def test_8726_vpcp_kgvx_swap_of_2025() -> None:
    # Fri 2 May off for Sat 26 Apr: Thu 24 Apr + 2: Fri 25 (1), Sat 26 (2).
    assert due(T(2025, 4, 24, 9, 0), 2) == T(2025, 4, 26, 17, 0)
    # Tue 29 Apr + 1: Wed 30, Thu 1, Fri 2 May, Sat 3, Sun 4 off; Mon 5 May (1).
    assert due(T(2025, 4, 29, 9, 0)) == T(2025, 5, 5, 17, 0)


def test_12729_vpcp_kgvx_new_year_2026() -> None:
    # Wed 31 Dec 2025 + 1: Thu 1 Jan (New Year), Fri 2 Jan (swapped off), Sat 3, Sun 4; Mon 5 (1).
    assert due(T(2025, 12, 31, 9, 0)) == T(2026, 1, 5, 17, 0)
    # The package alone makes it Fri 2 Jan, a day off: the gap this data closes.
    assert due(T(2025, 12, 31, 9, 0), cal=PACKAGE) == T(2026, 1, 2, 17, 0)
    # Sat 10 Jan 2026 is worked: Fri 9 Jan + 1 is Sat 10 (1).
    assert PUBLIC.is_working_day(D(2026, 1, 10))
    assert due(T(2026, 1, 9, 9, 0)) == T(2026, 1, 10, 17, 0)


def test_national_day_swap_of_2026() -> None:
    # Mon 31 Aug off for Sat 22 Aug: Fri 21 Aug + 1: Sat 22 (1). Fri 28 Aug + 1: Sat 29 - Wed 2 Sep
    # off; Thu 3 Sep (1).
    assert due(T(2026, 8, 21, 9, 0)) == T(2026, 8, 22, 17, 0)
    assert due(T(2026, 8, 28, 9, 0)) == T(2026, 9, 3, 17, 0)


def test_culture_day_is_not_a_day_off_under_the_labour_code() -> None:
    # Tue 24 Nov 2026: the package has it off; Art. 112 of the Labour Code 2019 does not.
    assert PUBLIC.is_working_day(D(2026, 11, 24))
    assert not PACKAGE.is_working_day(D(2026, 11, 24))
    assert due(T(2026, 11, 23, 9, 0)) == T(2026, 11, 24, 17, 0)
    # Its compensatory day goes with it: in every year the package has the day, none is off.
    for year in range(2026, 2040):
        culture = [d for d in PACKAGE.days_of(year) if d.name[0].startswith("Ngày Văn hóa Việt Nam")]
        assert culture, year
        assert all(PUBLIC.is_working_day(d.date) == (d.date.weekday() < 5) for d in culture)


def test_an_agency_overrides_the_national_data() -> None:
    cal = WorkCalendar(Calendar(
        days_off=(DayOff(D(2026, 1, 10), note="ngày nghỉ riêng"), DayOff(D(2026, 11, 24), note="Ngày Văn hóa")),
        working_days=(D(2026, 1, 2),),
    ))  # fmt: skip
    assert cal.is_working_day(D(2026, 1, 2))
    assert not cal.is_working_day(D(2026, 1, 10))
    assert not cal.is_working_day(D(2026, 11, 24))
    # Wed 31 Dec 2025 + 1: Thu 1 Jan off, Fri 2 Jan worked by the agency (1).
    assert cal.deadline(T(2025, 12, 31, 9, 0), wd(1)) == T(2026, 1, 2, 17, 0)


def test_other_countries_are_not_touched() -> None:
    us = WorkCalendar(Calendar(holidays="US"))
    assert us.is_working_day(D(2026, 1, 2))
    assert not us.is_working_day(D(2026, 1, 10))


def test_every_entry_is_a_swap_with_a_source() -> None:
    days = holidays_vn.ANNOUNCEMENTS
    assert len({d.date for d in days}) == len(days)
    for d in days:
        a = d.announcement
        # A make-up day is a Saturday; a day off is a weekday.
        assert (d.date.weekday() == 5) if d.working else (d.date.weekday() < 5), d
        assert d.name[0] and d.name[1] and a.reported_by
        # A certain source has its number and date; an uncertain one says what is not confirmed.
        if a.certain:
            assert a.number and a.issued and a.note is None
            assert a.number in a.cite("vi") and a.number in a.cite("en")
        else:
            assert a.note is not None and a.note[0] and a.note[1]
    # Each announcement gives as many days off as make-up days, except the announced compensatory
    # Wed 5 Feb 2014.
    for a in {d.announcement for d in days}:
        own = [d for d in days if d.announcement is a]
        extra = sum(1 for d in own if d.date == D(2014, 2, 5))
        assert sum(not d.working for d in own) - extra == sum(d.working for d in own), a.number
    assert {d.date.year for d in days} >= {2013, 2014, 2015, 2019, 2024, 2025, 2026}
    assert max(d.date.year for d in days) <= holidays_vn.ANNOUNCED_THROUGH


def test_the_cite_reads_as_the_document() -> None:
    letter = next(d.announcement for d in holidays_vn.ANNOUNCEMENTS if d.date == D(2026, 1, 2))
    assert letter.cite("vi").startswith("Công văn 12729/VPCP-KGVX ngày 25/12/2025")
    assert letter.cite("en").startswith("Official Letter 12729/VPCP-KGVX of 25 Dec 2025")


@pytest.mark.parametrize("year", [2013, 2014, 2015, 2019, 2024, 2025, 2026])
def test_days_of_lists_each_announced_day_with_its_source(year: int) -> None:
    listed = {d.date: d for d in PUBLIC.days_of(year)}
    for n in holidays_vn.national_days(year):
        entry = listed[n.date]
        assert entry.kind == ("announced-working-day" if n.working else "announced-day-off")
        assert entry.working == n.working == PUBLIC.is_working_day(n.date)
        assert entry.source == (n.announcement.cite("vi"), n.announcement.cite("en"))


def test_days_of_2026() -> None:
    days = {d.date: d for d in PUBLIC.days_of(2026)}
    assert days[D(2026, 1, 1)].kind == "public-holiday"
    assert "Điều 112" in days[D(2026, 1, 1)].source[0] and "Art. 112" in days[D(2026, 1, 1)].source[1]
    assert days[D(2026, 4, 27)].kind == "public-holiday" and "nghỉ bù" in days[D(2026, 4, 27)].name[0]
    culture = days[D(2026, 11, 24)]
    assert culture.kind == "not-a-holiday" and culture.working and not culture.certain
    # Every day listed says what deadlines count on it; the ordinary days are not listed.
    assert all(d.working == PUBLIC.is_working_day(d.date) for d in days.values())
    assert D(2026, 3, 4) not in days and D(2026, 3, 7) not in days


def test_days_of_names_the_agency_days() -> None:
    cal = WorkCalendar(Calendar(days_off=(DayOff(D(2026, 3, 4), note="bão"),), working_days=(D(2026, 4, 27),)))
    days = {d.date: d for d in cal.days_of(2026, agency_file="procedures/x/agency.yaml")}
    assert days[D(2026, 3, 4)].kind == "agency-day-off" and days[D(2026, 3, 4)].name == ("bão", "bão")
    assert "procedures/x/agency.yaml" in days[D(2026, 3, 4)].source[0]
    assert days[D(2026, 4, 27)].kind == "agency-working-day" and days[D(2026, 4, 27)].working


def test_days_of_refuses_years_outside_the_calendar() -> None:
    with pytest.raises(OverflowError):
        PUBLIC.days_of(10000)
