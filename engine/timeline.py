"""Working time as a line: moments named by the seconds of working time since an opening.

A simulation keeps its clock in working seconds (nothing happens outside office hours) and
dates every event it fires. :meth:`WorkCalendar.extend` from the first opening answers that,
walking the calendar each time; a :class:`Timeline` answers the same from two tables it fills
as time goes on, the working days met so far and the moments inside a working day, since every
working day of a calendar keeps the same office hours.
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.calendar import WorkCalendar

__all__ = ["Timeline"]

_MIDNIGHT = dt.time(0)
_ONE_DAY = dt.timedelta(days=1)


class Timeline:
    """Working seconds from the first opening on or after ``start``, as local moments.

    ``moment(t) == calendar.extend(origin, timedelta(seconds=t))`` for every ``t >= 0``: the
    earliest moment by which ``t`` seconds of working time have passed, so a session's close
    when ``t`` falls on it.
    """

    __slots__ = ("calendar", "origin", "day", "_days", "_offsets")

    def __init__(self, calendar: WorkCalendar, start: dt.date) -> None:
        self.calendar = calendar
        self.origin = calendar.clock_start(dt.datetime.combine(start, _MIDNIGHT))
        #: Working seconds in a working day.
        self.day = sum(_seconds(b) - _seconds(a) for a, b in calendar.calendar.office_hours)
        self._days = [dt.datetime.combine(self.origin.date(), _MIDNIGHT)]  # midnight of each working day met
        self._offsets: dict[int, dt.timedelta] = {}  # seconds worked in a day (less one) -> time of day

    def moment(self, t: int) -> dt.datetime:
        """The moment ``t`` whole seconds of working time after the first opening."""
        if t <= 0:
            return self.origin
        k, into = divmod(t - 1, self.day)  # on the k-th working day, ``into + 1`` seconds worked
        days = self._days
        while len(days) <= k:
            following = self.calendar.clock_start(days[-1] + _ONE_DAY)
            days.append(dt.datetime.combine(following.date(), _MIDNIGHT))
        offset = self._offsets.get(into)
        if offset is None:
            moment = self.calendar.extend(self.origin, dt.timedelta(seconds=into + 1))
            offset = self._offsets[into] = moment - self._days[0]
        return days[k] + offset


def _seconds(t: dt.time) -> int:
    return (t.hour * 60 + t.minute) * 60 + t.second
