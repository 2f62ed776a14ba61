"""A timeline names the same moments as ``WorkCalendar.extend`` from the first opening.

Checked by hand across Tết 2025 (Saturday 25 January to Sunday 2 February off; the last
working day before is Friday 24 January, the first after Monday 3 February) and on random
seconds against ``extend`` with three office-hours blocks and agency days off.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.engine.calendar import WorkCalendar
from motcua.engine.spec.model import Calendar, DayOff
from motcua.engine.timeline import Timeline

T = dt.datetime
HOUR = 3600
DAY = 8 * HOUR  # 07:00-11:30 and 13:30-17:00


def test_the_origin_is_the_first_opening_on_or_after_the_start_day() -> None:
    line = Timeline(WorkCalendar(Calendar()), dt.date(2025, 1, 25))  # a Saturday inside Tết
    assert line.origin == T(2025, 2, 3, 7, 0)
    assert line.moment(0) == T(2025, 2, 3, 7, 0)
    assert line.day == DAY


def test_moments_by_hand_across_tet() -> None:
    line = Timeline(WorkCalendar(Calendar()), dt.date(2025, 1, 23))  # Thursday
    assert line.moment(1) == T(2025, 1, 23, 7, 0, 1)
    assert line.moment(4 * HOUR + 1800) == T(2025, 1, 23, 11, 30)  # the morning's close, not 13:30
    assert line.moment(4 * HOUR + 1801) == T(2025, 1, 23, 13, 30, 1)
    assert line.moment(DAY) == T(2025, 1, 23, 17, 0)  # the day's close
    assert line.moment(DAY + 1) == T(2025, 1, 24, 7, 0, 1)  # Friday
    assert line.moment(2 * DAY) == T(2025, 1, 24, 17, 0)
    assert line.moment(2 * DAY + 1) == T(2025, 2, 3, 7, 0, 1)  # Monday after Tết
    assert line.moment(2 * DAY + 5 * HOUR) == T(2025, 2, 3, 14, 0)  # 4.5 hours of morning, then 30 minutes


def test_the_same_moments_are_given_again_in_any_order() -> None:
    line = Timeline(WorkCalendar(Calendar()), dt.date(2025, 1, 2))
    late, early = line.moment(300 * DAY + 17), line.moment(17)
    assert (early, late) == (T(2025, 1, 2, 7, 0, 17), line.moment(300 * DAY + 17))
    assert line.moment(300 * DAY + 17) == late


_THREE_BLOCKS = Calendar(
    office_hours=((dt.time(7, 30), dt.time(9, 0)), (dt.time(9, 15), dt.time(11, 45)), (dt.time(14, 0), dt.time(16, 20))),
    days_off=(DayOff(dt.date(2025, 3, 5), note="bão"), DayOff(dt.date(2025, 3, 6))),
    working_days=(dt.date(2025, 3, 8),),  # a Saturday worked
)


@settings(max_examples=400, deadline=None)
@given(start=st.dates(dt.date(2024, 12, 20), dt.date(2025, 3, 10)),
       seconds=st.lists(st.integers(0, 120 * 6 * HOUR + 10 * 60), min_size=1, max_size=6))  # fmt: skip
def test_every_moment_is_extend_from_the_origin(start: dt.date, seconds: list[int]) -> None:
    calendar = WorkCalendar(_THREE_BLOCKS)
    line = Timeline(calendar, start)
    assert line.day == 90 * 60 + 150 * 60 + 140 * 60
    for t in seconds:
        assert line.moment(t) == calendar.extend(line.origin, dt.timedelta(seconds=t)), t
