"""The working calendar, checked on deadlines computed by hand across Tết and announced swaps.

Every calendar here has the default office hours 07:00-11:30 and 13:30-17:00 (4.5 + 3.5 = 8
working hours a day, two sessions). "WD" is a working day. Day counts in comments list each
counted working day with its ordinal, e.g. "Fri 24 (1), Sat 25 (2)".
"""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.engine import calendar as calendar_module
from motcua.engine.calendar import WorkCalendar
from motcua.engine.clock import Clock
from motcua.engine.spec.model import Calendar, DayOff, Duration, TimeUnit

D, T = dt.date, dt.datetime


def wd(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.WORKING_DAYS)


def sessions(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.SESSIONS)


def hours(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.WORKING_HOURS)


def days(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.DAYS)


def months(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.MONTHS)


def clock_hours(n: int | str) -> Duration:
    return Duration(Decimal(n), TimeUnit.HOURS)


SAME_DAY = Duration(Decimal(0), TimeUnit.SAME_DAY, "trong ngày")


# The public calendar: the holidays package and the national announcements (engine/holidays_vn.py).
PUBLIC = WorkCalendar(Calendar())
# The holidays package alone, to pin its gaps.
PACKAGE = WorkCalendar(Calendar(), national=False)

# Official Letter 9570/VPCP-KGVX (23 Nov 2012), swaps for 2013. holidays 0.109 knows only the
# third one (Mon 29 Apr off, Sat 4 May worked); the agency supplies the other two.
SWAPS_2013 = WorkCalendar(
    Calendar(
        days_off=(DayOff(D(2012, 12, 31), note="9570/VPCP-KGVX: nghỉ thứ Hai 31/12/2012"),),
        working_days=(D(2013, 1, 5), D(2013, 2, 23)),
    )
)

# Official Dispatch 10525/VPCP-KGVX (12 Dec 2013), Tết 2014: off Tue 28 Jan - Wed 5 Feb, worked
# Sat 25 Jan and Sat 8 Feb. holidays 0.109 has Wed 29 Jan - Tue 4 Feb off and no make-up days.
SWAPS_2014 = WorkCalendar(
    Calendar(
        days_off=(DayOff(D(2014, 1, 28)), DayOff(D(2014, 2, 5))),
        working_days=(D(2014, 1, 25), D(2014, 2, 8)),
    )
)


# -- working days across Tết ----------------------------------------------------------------


def test_tet_2025_fifteen_working_days() -> None:
    # Received Mon 20 Jan 2025, not counted (Civil Code Art. 147). Tết: Sat 25 Jan - Sun 2 Feb.
    # Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), Mon 3 Feb (5), Tue 4 (6), Wed 5 (7),
    # Thu 6 (8), Fri 7 (9), Mon 10 (10), Tue 11 (11), Wed 12 (12), Thu 13 (13), Fri 14 (14),
    # Mon 17 (15): due at the close of Mon 17 Feb 2025.
    assert PUBLIC.deadline(T(2025, 1, 20, 9, 0), wd(15)) == T(2025, 2, 17, 17, 0)


def test_tet_2026_seven_working_days() -> None:
    # Received Thu 12 Feb 2026. Tết: Sat 14 - Sun 22 Feb. Fri 13 (1), Mon 23 (2), Tue 24 (3),
    # Wed 25 (4), Thu 26 (5), Fri 27 (6), Mon 2 Mar (7).
    assert PUBLIC.deadline(T(2026, 2, 12, 14, 0), wd(7)) == T(2026, 3, 2, 17, 0)


def test_tet_2013_with_the_9570_swaps() -> None:
    # Tết 2013: off Sat 9 - Sun 17 Feb (Fri 15 Feb swapped for Sat 23 Feb). Received Thu 7 Feb:
    # Fri 8 (1), Mon 18 (2), Tue 19 (3), Wed 20 (4), Thu 21 (5), Fri 22 (6), Sat 23 (7, make-up),
    # Mon 25 (8), Tue 26 (9), Wed 27 (10).
    assert SWAPS_2013.deadline(T(2013, 2, 7, 10, 0), wd(10)) == T(2013, 2, 27, 17, 0)
    assert not SWAPS_2013.is_working_day(D(2013, 2, 15))
    assert SWAPS_2013.is_working_day(D(2013, 2, 23))


def test_new_year_2013_with_the_9570_swaps() -> None:
    # Received Fri 28 Dec 2012. Off: Sat 29, Sun 30, Mon 31 Dec (swap), Tue 1 Jan (New Year).
    # Wed 2 (1), Thu 3 (2), Fri 4 (3), Sat 5 (4, make-up), Mon 7 (5).
    assert SWAPS_2013.deadline(T(2012, 12, 28, 9, 0), wd(3)) == T(2013, 1, 4, 17, 0)
    assert SWAPS_2013.deadline(T(2012, 12, 28, 9, 0), wd(5)) == T(2013, 1, 7, 17, 0)


def test_holidays_0_109_gaps_for_2013() -> None:
    # Research §4.3: without the national data, 31 Dec 2012 is a working day and Sat 5 Jan and
    # Sat 23 Feb 2013 are not. If this fails after upgrading holidays, the gap is fixed upstream:
    # update docs/time-counting.md ("Known gaps").
    assert PACKAGE.is_working_day(D(2012, 12, 31))
    assert not PACKAGE.is_working_day(D(2013, 1, 5))
    assert not PACKAGE.is_working_day(D(2013, 2, 23))
    # The same 10 WD from Thu 7 Feb then ends a day later: Sat 23 Feb is not counted.
    assert PACKAGE.deadline(T(2013, 2, 7, 10, 0), wd(10)) == T(2013, 2, 28, 17, 0)


def test_swap_of_29_april_2013_is_built_in() -> None:
    # Mon 29 Apr 2013 off, Sat 4 May worked (holidays 0.109 has this one). Received Fri 26 Apr:
    # Sat 27, Sun 28, Mon 29 (swap), Tue 30 Apr, Wed 1 May are off. Thu 2 (1), Fri 3 (2),
    # Sat 4 May (3): the period ends on the make-up Saturday.
    assert not PUBLIC.is_working_day(D(2013, 4, 29))
    assert PUBLIC.is_working_day(D(2013, 5, 4))
    assert PUBLIC.deadline(T(2013, 4, 26, 9, 0), wd(3)) == T(2013, 5, 4, 17, 0)


def test_tet_2014_with_the_10525_swaps() -> None:
    # Received Thu 23 Jan 2014. Fri 24 (1), Sat 25 (2, make-up), Mon 27 (3), then off Tue 28 Jan -
    # Wed 5 Feb, Thu 6 (4), Fri 7 (5), Sat 8 (6, make-up), Mon 10 (7).
    start = T(2014, 1, 23, 10, 0)
    assert SWAPS_2014.deadline(start, wd(5)) == T(2014, 2, 7, 17, 0)
    assert SWAPS_2014.deadline(start, wd(6)) == T(2014, 2, 8, 17, 0)
    assert SWAPS_2014.deadline(start, wd(7)) == T(2014, 2, 10, 17, 0)


def test_holidays_0_109_gaps_for_tet_2014() -> None:
    # Without the national data the package counts Tue 28 Jan and Wed 5 Feb as working and the two
    # make-up Saturdays as off: Fri 24 (1), Mon 27 (2), Tue 28 (3), Wed 5 Feb (4), Thu 6 (5).
    assert PACKAGE.deadline(T(2014, 1, 23, 10, 0), wd(5)) == T(2014, 2, 6, 17, 0)


def test_make_up_saturday_26_april_2025_counts() -> None:
    # Fri 2 May 2025 off for Sat 26 Apr worked. Received Thu 24 Apr: Fri 25 (1), Sat 26 (2),
    # Mon 28 (3), Tue 29 (4), off Wed 30 Apr - Sun 4 May, Mon 5 (5) ... Fri 16 (14), Mon 19 (15).
    assert PUBLIC.is_working_day(D(2025, 4, 26))
    assert not PUBLIC.is_working_day(D(2025, 5, 2))
    assert PUBLIC.deadline(T(2025, 4, 24, 9, 0), wd(15)) == T(2025, 5, 19, 17, 0)


def test_swaps_across_a_year_end_are_read_from_the_neighbouring_year() -> None:
    # Fri 2 Jan 2015 off for Sat 27 Dec 2014 worked, and Mon 31 Dec 2018 off for Sat 5 Jan 2019
    # worked (6519/VPCP-KGVX): holidays files each swap under the year of the day off, so the
    # make-up day has to be read from the neighbouring year.
    assert PUBLIC.is_working_day(D(2014, 12, 27))
    assert not PUBLIC.is_working_day(D(2015, 1, 2))
    assert not PUBLIC.is_working_day(D(2018, 12, 31))
    assert PUBLIC.is_working_day(D(2019, 1, 5))


def test_agency_overlay_wins_over_the_public_calendar() -> None:
    # A typhoon day off on a Wednesday, and an agency that works a public holiday by decision.
    cal = WorkCalendar(
        Calendar(days_off=(DayOff(D(2025, 3, 5), note="bão"),), working_days=(D(2025, 4, 7),))
    )
    assert not cal.is_working_day(D(2025, 3, 5))
    assert cal.is_working_day(D(2025, 4, 7))  # Hùng Kings' day 2025 for everyone else
    assert not PUBLIC.is_working_day(D(2025, 4, 7))
    # Received Tue 4 Mar: Thu 6 (1), Fri 7 (2) instead of Wed 5 (1), Thu 6 (2).
    assert cal.deadline(T(2025, 3, 4, 9, 0), wd(2)) == T(2025, 3, 7, 17, 0)


# -- when the clock starts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "start"),
    [
        (T(2025, 3, 3, 9, 15), T(2025, 3, 3, 9, 15)),  # inside the morning session
        (T(2025, 3, 3, 7, 0), T(2025, 3, 3, 7, 0)),  # at the opening
        (T(2025, 3, 3, 6, 30), T(2025, 3, 3, 7, 0)),  # before opening: the first session
        (T(2025, 3, 3, 11, 30), T(2025, 3, 3, 13, 30)),  # the morning has ended: the afternoon
        (T(2025, 3, 3, 12, 0), T(2025, 3, 3, 13, 30)),  # lunch
        (T(2025, 3, 3, 17, 0), T(2025, 3, 4, 7, 0)),  # the last session has ended
        (T(2025, 3, 3, 21, 45), T(2025, 3, 4, 7, 0)),  # evening (an online dossier)
        (T(2025, 3, 8, 10, 0), T(2025, 3, 10, 7, 0)),  # Saturday: Monday morning
        (T(2025, 1, 24, 17, 5), T(2025, 2, 3, 7, 0)),  # Friday evening before Tết 2025
        (T(2025, 4, 26, 8, 0), T(2025, 4, 26, 8, 0)),  # make-up Saturday is a working day
    ],
    ids=str,
)
def test_clock_start(received: dt.datetime, start: dt.datetime) -> None:
    assert PUBLIC.clock_start(received) == start


def test_receipt_after_the_last_session_counts_from_the_next_day() -> None:
    # Mon 20 Jan 2025 17:30: the clock starts Tue 21 07:00, and Tue 21 is the day not counted.
    # Wed 22 (1), Thu 23 (2), Fri 24 (3), Mon 3 Feb (4) ... Mon 17 (14), Tue 18 Feb (15).
    assert PUBLIC.deadline(T(2025, 1, 20, 17, 30), wd(15)) == T(2025, 2, 18, 17, 0)


def test_aware_datetimes_are_read_in_vietnam_time() -> None:
    # 02:00 UTC is 09:00 in Hà Nội.
    received = dt.datetime(2025, 1, 20, 2, 0, tzinfo=dt.timezone.utc)
    assert PUBLIC.clock_start(received) == T(2025, 1, 20, 9, 0)
    assert PUBLIC.deadline(received, wd(15)) == T(2025, 2, 17, 17, 0)


# -- calendar days ---------------------------------------------------------------------------


def test_calendar_days_landing_on_tet_move_to_the_next_working_day() -> None:
    # Mon 20 Jan 2025 + 5 days = Sat 25 Jan, a day off (Tết until Sun 2 Feb): the period ends
    # at the close of the next working day, Mon 3 Feb (Civil Code Art. 148(5)).
    assert PUBLIC.deadline(T(2025, 1, 20, 10, 0), days(5)) == T(2025, 2, 3, 17, 0)


def test_calendar_days_landing_on_a_holiday_chain() -> None:
    # Thu 24 Apr 2025 + 7 days = Thu 1 May (holiday); Fri 2 (swap), Sat 3, Sun 4 are off too.
    assert PUBLIC.deadline(T(2025, 4, 24, 9, 0), days(7)) == T(2025, 5, 5, 17, 0)
    # + 15 days = Fri 9 May, a working day: it stays.
    assert PUBLIC.deadline(T(2025, 4, 24, 9, 0), days(15)) == T(2025, 5, 9, 17, 0)


def test_calendar_day_fraction_rounds_up_to_the_whole_day() -> None:
    assert PUBLIC.deadline(T(2025, 3, 3, 9, 0), days("1.5")) == T(2025, 3, 5, 17, 0)


# -- calendar months (Civil Code 2015 Art. 147(3), 148(3), 148(5)) ---------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # The same number in the last month: Mon 3 Mar 2025 + 1 month = Thu 3 Apr.
        (T(2025, 3, 3, 9, 0), "1", T(2025, 4, 3, 17, 0)),
        # 31 Jan + 1 month: February has no 31st, so its last day: Tue 28 Feb 2023 ...
        (T(2023, 1, 31, 9, 0), "1", T(2023, 2, 28, 17, 0)),
        # ... and Thu 29 Feb 2024 in a leap year; 2 months reach Sun 31 Mar 2024, a day off:
        # the close of the next working day, Mon 1 Apr.
        (T(2024, 1, 31, 9, 0), "1", T(2024, 2, 29, 17, 0)),
        (T(2024, 1, 31, 9, 0), "2", T(2024, 4, 1, 17, 0)),
        # From 29 Feb 2024: Fri 29 Mar; 12 months later February has no 29th: Fri 28 Feb 2025.
        (T(2024, 2, 29, 9, 0), "1", T(2024, 3, 29, 17, 0)),
        (T(2024, 2, 29, 9, 0), "12", T(2025, 2, 28, 17, 0)),
        # Fri 31 Oct 2025 + 1 month: November ends on Sun 30, a day off: Mon 1 Dec.
        (T(2025, 10, 31, 9, 0), "1", T(2025, 12, 1, 17, 0)),
        # Fri 30 Jan 2026 + 1 month: February 2026 ends on Sat 28: Mon 2 Mar.
        (T(2026, 1, 30, 9, 0), "1", T(2026, 3, 2, 17, 0)),
        # Zero months: the close of the day the clock starts, as zero working days.
        (T(2025, 3, 3, 9, 0), "0", T(2025, 3, 3, 17, 0)),
    ],
    ids=str,
)
def test_months_end_on_the_same_number_or_the_last_day(received: dt.datetime, n: str, due: dt.datetime) -> None:
    assert PUBLIC.deadline(received, months(n)) == due


def test_months_across_tet() -> None:
    # Wed 10 Jan 2024 + 1 month = Sat 10 Feb 2024, in Tết (Thu 8 - Wed 14 Feb): Thu 15 Feb.
    assert PUBLIC.deadline(T(2024, 1, 10, 9, 0), months(1)) == T(2024, 2, 15, 17, 0)
    # Wed 14 Jan 2026 + 1 month = Sat 14 Feb 2026, the first day of Tết (to Sun 22): Mon 23 Feb.
    assert PUBLIC.deadline(T(2026, 1, 14, 9, 0), months(1)) == T(2026, 2, 23, 17, 0)
    # Thu 26 Dec 2024 + 1 month = Sun 26 Jan 2025, in Tết (Sat 25 Jan - Sun 2 Feb): Mon 3 Feb.
    assert PUBLIC.deadline(T(2024, 12, 26, 9, 0), months(1)) == T(2025, 2, 3, 17, 0)
    # Received Fri 31 Jan 2025, during Tết: the clock starts Mon 3 Feb, so the month runs from
    # 3 Feb (not 31 Jan) and ends Mon 3 Mar.
    assert PUBLIC.deadline(T(2025, 1, 31, 9, 0), months(1)) == T(2025, 3, 3, 17, 0)


def test_months_and_swap_days() -> None:
    # Wed 2 Apr 2025 + 1 month = Fri 2 May, off in exchange for Sat 26 Apr; Sat 3 and Sun 4
    # are off too: Mon 5 May.
    assert PUBLIC.deadline(T(2025, 4, 2, 9, 0), months(1)) == T(2025, 5, 5, 17, 0)
    # Wed 26 Mar 2025 + 1 month = Sat 26 Apr, the make-up working day: it stays.
    assert PUBLIC.deadline(T(2025, 3, 26, 9, 0), months(1)) == T(2025, 4, 26, 17, 0)
    # 2013 with the 9570/VPCP-KGVX overlay: Wed 23 Jan 2013 + 1 month = Sat 23 Feb, worked in
    # exchange for Fri 15 Feb; the package alone has it off and the period ends Mon 25 Feb.
    assert SWAPS_2013.deadline(T(2013, 1, 23, 9, 0), months(1)) == T(2013, 2, 23, 17, 0)
    assert PACKAGE.deadline(T(2013, 1, 23, 9, 0), months(1)) == T(2013, 2, 25, 17, 0)


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # 1 month from Mon 3 Mar 2025 is Thu 3 Apr; the next month to 3 May has 30 days, half
        # of them 15: Fri 18 Apr.
        (T(2025, 3, 3, 9, 0), "1.5", T(2025, 4, 18, 17, 0)),
        # Half a month from Tue 31 Jan 2023: 28 days to 28 Feb, half is 14: Tue 14 Feb.
        (T(2023, 1, 31, 9, 0), "0.5", T(2023, 2, 14, 17, 0)),
        # A tenth of 31 days (3 Mar - 3 Apr 2025) is 3.1 days, rounded up to 4: Fri 7 Mar.
        (T(2025, 3, 3, 9, 0), "0.1", T(2025, 3, 7, 17, 0)),
    ],
    ids=str,
)
def test_a_fraction_of_a_month_is_that_share_of_the_next_month(
    received: dt.datetime, n: str, due: dt.datetime
) -> None:
    assert PUBLIC.deadline(received, months(n)) == due


def test_fractions_of_a_month_never_pass_the_next_whole_month() -> None:
    # From Wed 31 Dec 2025: 1 month is Sat 31 Jan 2026, 2 months Sat 28 Feb (no 29th). A
    # fraction is counted in the 28 days between, so 1.99 months never end after 2 months.
    start = T(2025, 12, 31, 9, 0)
    assert PUBLIC.deadline(start, months("1.99")) <= PUBLIC.deadline(start, months(2)) == T(2026, 3, 2, 17, 0)


# -- calendar hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # Clock time, not working time: Mon 09:00 + 24 h = Tue 09:00; + 2 h = 11:00.
        (T(2025, 3, 3, 9, 0), "24", T(2025, 3, 4, 9, 0)),
        (T(2025, 3, 3, 9, 0), "2", T(2025, 3, 3, 11, 0)),
        (T(2025, 3, 3, 9, 0), "0.5", T(2025, 3, 3, 9, 30)),
        (T(2025, 3, 3, 9, 0), "0", T(2025, 3, 3, 9, 0)),
        # Ending at a session's end: that end, not the next opening.
        (T(2025, 3, 3, 10, 0), "1.5", T(2025, 3, 3, 11, 30)),
        (T(2025, 3, 3, 15, 0), "2", T(2025, 3, 3, 17, 0)),
        # Ending at lunch (12:00): the afternoon opening, 13:30.
        (T(2025, 3, 3, 10, 0), "2", T(2025, 3, 3, 13, 30)),
        # Ending in the evening (19:00): the next morning's opening.
        (T(2025, 3, 3, 15, 0), "4", T(2025, 3, 4, 7, 0)),
        # Fri 10:00 + 48 h = Sun 10:00: Monday's opening.
        (T(2025, 3, 7, 10, 0), "48", T(2025, 3, 10, 7, 0)),
        # Fri 24 Jan 2025 10:00 + 24 h = Sat 25 Jan, in Tết: Mon 3 Feb 07:00.
        (T(2025, 1, 24, 10, 0), "24", T(2025, 2, 3, 7, 0)),
        # Fri 25 Apr 2025 10:00 + 24 h = Sat 26 Apr 10:00, the make-up working day: it stays.
        (T(2025, 4, 25, 10, 0), "24", T(2025, 4, 26, 10, 0)),
        # Received on Saturday night: the clock starts Mon 07:00, and 24 h end Tue 07:00.
        (T(2025, 3, 8, 22, 0), "24", T(2025, 3, 11, 7, 0)),
        # Received at lunch: from 13:30, 1 h is 14:30.
        (T(2025, 3, 3, 12, 0), "1", T(2025, 3, 3, 14, 30)),
    ],
    ids=str,
)
def test_calendar_hours(received: dt.datetime, n: str, due: dt.datetime) -> None:
    assert PUBLIC.deadline(received, clock_hours(n)) == due


def test_calendar_hours_differ_from_working_hours() -> None:
    # Mon 10:00 + 4 h: 14:00 in clock time, 16:00 in working time (lunch does not count).
    assert PUBLIC.deadline(T(2025, 3, 3, 10, 0), clock_hours(4)) == T(2025, 3, 3, 14, 0)
    assert PUBLIC.deadline(T(2025, 3, 3, 10, 0), hours(4)) == T(2025, 3, 3, 16, 0)
    # 24 h from Mon 09:00: Tue 09:00 in clock time, three working days later in working time.
    assert PUBLIC.deadline(T(2025, 3, 3, 9, 0), hours(24)) == T(2025, 3, 6, 9, 0)


# -- same day --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (T(2025, 3, 3, 7, 0), T(2025, 3, 3, 17, 0)),
        (T(2025, 3, 3, 16, 59), T(2025, 3, 3, 17, 0)),
        (T(2025, 3, 3, 12, 0), T(2025, 3, 3, 17, 0)),  # lunch: the afternoon of the same day
        # After hours: the clock starts the next working morning, and that day is the day.
        (T(2025, 3, 3, 17, 0), T(2025, 3, 4, 17, 0)),
        (T(2025, 3, 7, 18, 30), T(2025, 3, 10, 17, 0)),  # Friday evening: Monday
        (T(2025, 1, 24, 17, 30), T(2025, 2, 3, 17, 0)),  # before Tết 2025: Mon 3 Feb
        (T(2025, 4, 26, 9, 0), T(2025, 4, 26, 17, 0)),  # the make-up Saturday is a working day
    ],
    ids=str,
)
def test_same_day_ends_when_the_office_closes(received: dt.datetime, due: dt.datetime) -> None:
    assert PUBLIC.deadline(received, SAME_DAY) == due
    # The same moment as zero working days.
    assert PUBLIC.deadline(received, wd(0)) == due


def test_same_day_with_an_evening_session() -> None:
    cal = WorkCalendar(Calendar(office_hours=((dt.time(7), dt.time(11)), (dt.time(18), dt.time(20)))))
    assert cal.deadline(T(2025, 3, 3, 9, 0), SAME_DAY) == T(2025, 3, 3, 20, 0)


# -- Form 05 marks against the new units -----------------------------------------------------


def test_status_against_a_month_and_an_hour_deadline() -> None:
    due = PUBLIC.deadline(T(2025, 1, 31, 9, 0), months(1))  # Mon 3 Mar 2025 17:00
    assert PUBLIC.status(due, T(2025, 2, 28, 16, 0)) == "early"
    assert PUBLIC.status(due, T(2025, 3, 3, 16, 30)) == "on-time"
    assert PUBLIC.status(due, T(2025, 3, 3, 17, 30)) == "late"
    due = PUBLIC.deadline(T(2025, 3, 3, 15, 0), clock_hours(4))  # 19:00, given at Tue 07:00
    assert PUBLIC.status(due, T(2025, 3, 3, 18, 0)) == "early"
    assert PUBLIC.status(due, T(2025, 3, 4, 7, 0)) == "on-time"
    assert PUBLIC.status(due, T(2025, 3, 4, 7, 1)) == "late"


def test_pauses_move_a_month_deadline_by_working_time() -> None:
    # A supplement pause of 8 working hours moves Mon 3 Mar 2025 17:00 to Tue 4 Mar 17:00.
    due = PUBLIC.deadline(T(2025, 1, 31, 9, 0), months(1))
    assert PUBLIC.extend(due, PUBLIC.working_time(T(2025, 2, 10, 7, 0), T(2025, 2, 11, 7, 0))) == T(2025, 3, 4, 17, 0)


# -- the end of the calendar -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "duration"),
    [
        (T(9999, 6, 1, 9, 0), months(7)),
        (T(9999, 12, 20, 9, 0), months("0.5")),
        (T(9999, 12, 31, 9, 0), clock_hours(24)),
        (T(9999, 12, 31, 9, 0), days(1)),
        (T(9200, 3, 3, 9, 0), months(9999)),  # 833 years later
    ],
    ids=str,
)
def test_periods_past_the_year_9999_overflow(received: dt.datetime, duration: Duration) -> None:
    with pytest.raises(OverflowError):
        PUBLIC.deadline(received, duration)


def test_periods_up_to_the_end_of_the_calendar() -> None:
    assert PUBLIC.deadline(T(9999, 11, 30, 9, 0), months(1)) == T(9999, 12, 30, 17, 0)  # Thursday
    assert PUBLIC.deadline(T(9999, 12, 30, 9, 0), SAME_DAY) == T(9999, 12, 30, 17, 0)


# -- sessions and working hours --------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # Received in the morning session, which is not counted: one session is the afternoon.
        (T(2025, 3, 3, 9, 0), "1", T(2025, 3, 3, 17, 0)),
        (T(2025, 3, 3, 9, 0), "2", T(2025, 3, 4, 11, 30)),
        # Received in the afternoon: the next session is Tuesday morning.
        (T(2025, 3, 3, 14, 0), "1", T(2025, 3, 4, 11, 30)),
        # Received at lunch: the clock starts with the afternoon session, which is not counted.
        (T(2025, 3, 3, 12, 0), "1", T(2025, 3, 4, 11, 30)),
        # Friday afternoon: across the weekend to Monday morning, then Monday afternoon.
        (T(2025, 3, 7, 15, 0), "1", T(2025, 3, 10, 11, 30)),
        (T(2025, 3, 7, 15, 0), "2", T(2025, 3, 10, 17, 0)),
        # Zero sessions: the end of the session in progress ("trả trong buổi").
        (T(2025, 3, 3, 9, 0), "0", T(2025, 3, 3, 11, 30)),
        # Half a session is half of the next one: the afternoon is 3.5 h, so 1 h 45 min.
        (T(2025, 3, 3, 9, 0), "0.5", T(2025, 3, 3, 15, 15)),
        # Friday 24 Jan 2025, afternoon: the next session is after Tết, Mon 3 Feb morning.
        (T(2025, 1, 24, 14, 0), "1", T(2025, 2, 3, 11, 30)),
    ],
    ids=str,
)
def test_sessions(received: dt.datetime, n: str, due: dt.datetime) -> None:
    assert PUBLIC.deadline(received, sessions(n)) == due


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # 10:00-11:30 (1.5 h) + 13:30-16:00 (2.5 h): across lunch.
        (T(2025, 3, 3, 10, 0), "4", T(2025, 3, 3, 16, 0)),
        # Friday 15:00-17:00 (2 h) + Monday 07:00-09:00 (2 h): across the weekend.
        (T(2025, 3, 7, 15, 0), "4", T(2025, 3, 10, 9, 0)),
        # A full day from the opening ends at the close, not at the next opening.
        (T(2025, 3, 3, 7, 0), "8", T(2025, 3, 3, 17, 0)),
        # 1.5 h from 10:00 ends when the morning closes at 11:30, not at 13:30.
        (T(2025, 3, 3, 10, 0), "1.5", T(2025, 3, 3, 11, 30)),
        # Received in the evening: counted from 07:00 next morning.
        (T(2025, 3, 3, 19, 0), "2", T(2025, 3, 4, 9, 0)),
        # Decree 45/2020's 8 working hours for an online dossier sent Fri 24 Jan 2025 at 16:00:
        # 1 h on Friday, then Tết, then 7 h on Mon 3 Feb: 07:00-11:30 and 13:30-16:00.
        (T(2025, 1, 24, 16, 0), "8", T(2025, 2, 3, 16, 0)),
        (T(2025, 3, 3, 10, 0), "0", T(2025, 3, 3, 10, 0)),
    ],
    ids=str,
)
def test_working_hours(received: dt.datetime, n: str, due: dt.datetime) -> None:
    assert PUBLIC.deadline(received, hours(n)) == due


def test_fractional_working_days_count_working_time() -> None:
    # 1.5 WD from Mon 3 Mar 2025: close of Tue 4 Mar (1 WD), then half a day (4 h) of Wed 5 Mar:
    # 07:00 + 4 h = 11:00.
    assert PUBLIC.deadline(T(2025, 3, 3, 10, 0), wd("1.5")) == T(2025, 3, 5, 11, 0)
    # Zero working days: the close of the day the clock starts.
    assert PUBLIC.deadline(T(2025, 3, 3, 10, 0), wd(0)) == T(2025, 3, 3, 17, 0)


def test_negative_duration_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        PUBLIC.deadline(T(2025, 3, 3, 10, 0), wd(-1))


# -- pauses ----------------------------------------------------------------------------------


def test_working_time() -> None:
    # Mon 10:00 - Tue 09:00: 1.5 h + 3.5 h on Monday, 2 h on Tuesday.
    assert PUBLIC.working_time(T(2025, 3, 3, 10, 0), T(2025, 3, 4, 9, 0)) == dt.timedelta(hours=7)
    # Fri 24 Jan 2025 16:00 - Mon 3 Feb 08:00: 1 h before Tết, 1 h after.
    assert PUBLIC.working_time(T(2025, 1, 24, 16, 0), T(2025, 2, 3, 8, 0)) == dt.timedelta(hours=2)
    # Lunch and nights contain no working time.
    assert PUBLIC.working_time(T(2025, 3, 3, 11, 45), T(2025, 3, 3, 13, 0)) == dt.timedelta(0)
    assert PUBLIC.working_time(T(2025, 3, 3, 17, 0), T(2025, 3, 4, 7, 0)) == dt.timedelta(0)
    # Whole weeks: Mon 07:00 to the next Mon 07:00 is 5 days of 8 h.
    assert PUBLIC.working_time(T(2025, 3, 3, 7, 0), T(2025, 3, 10, 7, 0)) == dt.timedelta(hours=40)
    # Reversed order gives the negative.
    assert PUBLIC.working_time(T(2025, 3, 4, 9, 0), T(2025, 3, 3, 10, 0)) == -dt.timedelta(hours=7)


def test_extend_a_due_date_by_a_supplement_pause() -> None:
    # Due Mon 17 Feb 2025 17:00; the clock stood still 7 working hours while the applicant
    # gathered records: Tue 18 Feb 07:00-11:30 (4.5 h) + 13:30-16:00 (2.5 h).
    assert PUBLIC.extend(T(2025, 2, 17, 17, 0), dt.timedelta(hours=7)) == T(2025, 2, 18, 16, 0)
    # A pause of exactly one day's working time ends at a close, not at the next opening.
    assert PUBLIC.extend(T(2025, 2, 17, 17, 0), dt.timedelta(hours=8)) == T(2025, 2, 18, 17, 0)
    # A pause over Tết: due Fri 24 Jan 2025 16:00 + 2 h = Mon 3 Feb 08:00.
    assert PUBLIC.extend(T(2025, 1, 24, 16, 0), dt.timedelta(hours=2)) == T(2025, 2, 3, 8, 0)
    assert PUBLIC.extend(T(2025, 2, 17, 17, 0), dt.timedelta(0)) == T(2025, 2, 17, 17, 0)
    with pytest.raises(ValueError):
        PUBLIC.extend(T(2025, 2, 17, 17, 0), dt.timedelta(hours=-1))


def test_supplement_pause_round_trip() -> None:
    # Requested Wed 22 Jan 2025 10:00, supplied Tue 4 Feb 2025 15:00: Wed 1.5 + 3.5, Thu 8,
    # Fri 8, (Tết), Mon 3 Feb 8, Tue 4.5 + 1.5 = 35 h. The appointment of Mon 17 Feb 17:00 moves
    # 35 h: Tue 18 to Fri 21 Feb is 32 h, then 3 h of Mon 24 Feb: 10:00.
    paused = PUBLIC.working_time(T(2025, 1, 22, 10, 0), T(2025, 2, 4, 15, 0))
    assert paused == dt.timedelta(hours=35)
    assert PUBLIC.extend(T(2025, 2, 17, 17, 0), paused) == T(2025, 2, 24, 10, 0)


# -- Form 05 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "mark"),
    [
        (T(2025, 2, 14, 10, 0), "early"),
        (T(2025, 2, 16, 10, 0), "early"),
        (T(2025, 2, 17, 8, 0), "on-time"),
        (T(2025, 2, 17, 17, 0), "on-time"),
        (T(2025, 2, 17, 17, 1), "late"),
        (T(2025, 2, 18, 7, 0), "late"),
    ],
    ids=str,
)
def test_status(done: dt.datetime, mark: str) -> None:
    assert PUBLIC.status(T(2025, 2, 17, 17, 0), done) == mark


def test_docstring_examples() -> None:
    assert doctest.testmod(calendar_module).failed == 0


def test_shared_calendar_is_built_once_per_agency_calendar() -> None:
    assert WorkCalendar.shared(Calendar()) is WorkCalendar.shared(Calendar())
    assert WorkCalendar.shared(Calendar()) is not WorkCalendar.shared(Calendar(working_days=(D(2025, 3, 8),)))


# -- configuration errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    "office_hours",
    [
        (),
        ((dt.time(11, 0), dt.time(7, 0)),),
        ((dt.time(7, 0), dt.time(11, 30)), (dt.time(11, 0), dt.time(17, 0))),
    ],
    ids=["empty", "backwards", "overlapping"],
)
def test_bad_office_hours_are_refused(office_hours: tuple[tuple[dt.time, dt.time], ...]) -> None:
    with pytest.raises(ValueError, match="office_hours"):
        WorkCalendar(Calendar(office_hours=office_hours))


def test_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="'XX'"):
        WorkCalendar(Calendar(holidays="XX"))


def test_three_sessions_a_day() -> None:
    # An office with a short evening session: 07:00-11:00, 13:00-16:00, 18:00-20:00.
    cal = WorkCalendar(
        Calendar(
            office_hours=(
                (dt.time(7), dt.time(11)),
                (dt.time(13), dt.time(16)),
                (dt.time(18), dt.time(20)),
            )
        )
    )
    assert cal.clock_start(T(2025, 3, 3, 17, 0)) == T(2025, 3, 3, 18, 0)
    assert cal.deadline(T(2025, 3, 3, 14, 0), sessions(2)) == T(2025, 3, 4, 11, 0)
    assert cal.deadline(T(2025, 3, 3, 14, 0), wd(1)) == T(2025, 3, 4, 20, 0)
    assert cal.working_time(T(2025, 3, 3, 7, 0), T(2025, 3, 4, 7, 0)) == dt.timedelta(hours=9)


# -- properties ------------------------------------------------------------------------------

_MOMENTS = st.datetimes(min_value=T(2012, 1, 1), max_value=T(2027, 12, 31, 23, 59))
_AMOUNTS = st.decimals(min_value=0, max_value=80, places=2, allow_nan=False, allow_infinity=False)
_UNITS = st.sampled_from(list(TimeUnit))
_CALENDARS = st.sampled_from([PUBLIC, SWAPS_2013, SWAPS_2014])


def _in_office_hours(cal: WorkCalendar, t: dt.datetime) -> bool:
    return any(a <= t.time() <= b for a, b in cal.calendar.office_hours)


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, _MOMENTS, _AMOUNTS, _AMOUNTS, _UNITS)
def test_deadline_is_a_working_moment_and_monotonic(
    cal: WorkCalendar, start: dt.datetime, n1: Decimal, n2: Decimal, unit: TimeUnit
) -> None:
    low, high = sorted((n1, n2))
    due_low = cal.deadline(start, Duration(low, unit))
    due_high = cal.deadline(start, Duration(high, unit))
    for due in (due_low, due_high):
        assert cal.is_working_day(due.date())
        assert _in_office_hours(cal, due)
        assert due >= cal.clock_start(start)
    assert due_low <= due_high


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, _MOMENTS, st.integers(min_value=0, max_value=120))
def test_months_end_on_the_civil_code_date_or_the_next_working_day(
    cal: WorkCalendar, start: dt.datetime, n: int
) -> None:
    # dateutil's relativedelta clamps to the month's last day as Art. 148(3) does: an oracle
    # written by someone else. The due day is the first working day on or after that date.
    target = cal.clock_start(start).date() + relativedelta(months=n)
    due = cal.deadline(start, months(n))
    assert due.time() == dt.time(17, 0)
    assert due.date() >= target
    assert all(not cal.is_working_day(target + dt.timedelta(days=i)) for i in range((due.date() - target).days))


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, _MOMENTS, _AMOUNTS)
def test_calendar_hours_are_clock_time_or_the_next_opening(cal: WorkCalendar, start: dt.datetime, n: Decimal) -> None:
    exact = cal.clock_start(start) + dt.timedelta(hours=float(n))
    due = cal.deadline(start, clock_hours(str(n)))
    assert due >= exact
    # Nothing but closed time lies between: no working time at all from the exact end.
    assert cal.working_time(exact, due) == dt.timedelta(0)
    if cal.is_working_day(exact.date()) and _in_office_hours(cal, exact):
        assert due == exact


@settings(max_examples=300, deadline=None)
@given(_MOMENTS, _AMOUNTS)
def test_working_hours_deadline_is_that_much_working_time(start: dt.datetime, n: Decimal) -> None:
    due = PUBLIC.deadline(start, hours(str(n)))
    assert PUBLIC.working_time(PUBLIC.clock_start(start), due) == dt.timedelta(hours=float(n))


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, _MOMENTS, st.integers(min_value=0, max_value=400 * 3600))
def test_extend_then_measure_gives_the_pause_back(cal: WorkCalendar, due: dt.datetime, seconds: int) -> None:
    paused = dt.timedelta(seconds=seconds)
    later = cal.extend(due, paused)
    assert later >= due
    assert cal.working_time(due, later) == paused


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, st.dates(min_value=D(2012, 1, 1), max_value=D(2027, 12, 31)), st.data())
def test_measure_then_extend_lands_on_the_same_working_moment(
    cal: WorkCalendar, day: dt.date, data: st.DataObject
) -> None:
    # Only moments with working time just before them are reached exactly (extend answers the
    # earliest moment, so 13:30 after lunch comes back as 11:30, the same working instant);
    # b is drawn as such a moment: a working day, a session, a positive offset into it.
    while not cal.is_working_day(day):
        day += dt.timedelta(days=1)
    opening, closing = data.draw(st.sampled_from(cal.calendar.office_hours))
    b = dt.datetime.combine(day, opening)
    length = (dt.datetime.combine(day, closing) - b) // dt.timedelta(seconds=1)
    b += dt.timedelta(seconds=data.draw(st.integers(1, length)))
    a = b - dt.timedelta(seconds=data.draw(st.integers(0, 200 * 86_400)))
    assert cal.extend(a, cal.working_time(a, b)) == b
    assert cal.working_time(b, a) == -cal.working_time(a, b)


@settings(max_examples=300, deadline=None)
@given(_CALENDARS, st.lists(st.tuples(_MOMENTS, _AMOUNTS, _UNITS), min_size=1, max_size=10),
       st.sampled_from([None, dt.timezone.utc, calendar_module.LOCAL_TIME]))  # fmt: skip
def test_a_clock_remembers_the_calendars_own_deadlines(
    cal: WorkCalendar, asked: list[tuple[dt.datetime, Decimal, TimeUnit]], zone: dt.tzinfo | None
) -> None:
    # The clock keeps most deadlines by the day (and session) the clock starts in: every
    # answer, asked first or again, from any moment of a day, is the calendar's own.
    clock = Clock(cal)
    durations = [Duration(n, unit) for _, n, unit in asked]
    for start, _, _ in asked + asked:
        for hour in range(0, 24, 3):
            moment = dt.datetime.combine(start.date(), dt.time(hour, start.minute)).replace(tzinfo=zone)
            for duration in durations:
                assert clock.deadline(moment, duration) == cal.deadline(moment, duration)
            day, session = cal.start_slot(moment)
            begun = cal.clock_start(moment)
            assert day == begun.date()
            assert session == next(i for i, (_, b) in enumerate(cal.calendar.office_hours) if begun.time() < b)
