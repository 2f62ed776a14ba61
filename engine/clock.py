"""An agency's deadlines remembered: a :class:`~motcua.engine.calendar.WorkCalendar` asked through a
``Clock`` answers a deadline it has already computed without computing it again.

Cases take their step deadlines from the ledger's ``Clock``; the counting itself is
``engine/calendar.py``.
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.calendar import Status, WorkCalendar
from motcua.engine.spec.model import Duration, TimeUnit

__all__ = ["Clock"]


class Clock:
    """An agency's :class:`WorkCalendar` with its deadlines remembered.

    Many cases of one office start within the same few minutes, so the same deadline is asked
    for again and again; the answer is pure, so it is kept (a bounded number of them). Periods
    of working days, calendar days and months end on a day that depends only on the day the
    clock starts, and periods of sessions on that day and the session, so those are kept by
    day (and session), whatever the moment of the start.
    """

    __slots__ = ("calendar", "_deadlines", "_kinds", "_by_day", "_named")
    _LIMIT = 65536

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._deadlines: dict[tuple[dt.datetime, Duration], dt.datetime] = {}
        #: Each duration asked for, by identity (the duration kept beside its entry, so that its
        #: id is not reused meanwhile): what its deadline depends on and a number naming it.
        self._kinds: dict[int, tuple[Duration, int, int]] = {}
        self._by_day: dict[tuple[dt.date, int, int], dt.datetime] = {}
        self._named = 0

    def deadline(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """When a period of ``duration`` begun at ``start`` is due (from the clock start)."""
        known = self._kinds.get(id(duration))
        if known is None or known[0] is not duration:
            known = self._learn(duration)
        kind = known[1]
        if kind != _BY_MOMENT:
            day, session = self.calendar.start_slot(start)
            by_day = (day, session if kind == _BY_SESSION else -1, known[2])
            due = self._by_day.get(by_day)
            if due is None:
                if len(self._by_day) >= self._LIMIT:
                    self._by_day.clear()
                due = self._by_day[by_day] = self.calendar.deadline(start, duration)
            return due
        key = (start, duration)
        found = self._deadlines.get(key)
        if found is None:
            if len(self._deadlines) >= self._LIMIT:
                self._deadlines.clear()
            found = self._deadlines[key] = self.calendar.deadline(start, duration)
        return found

    def _learn(self, duration: Duration) -> tuple[Duration, int, int]:
        if len(self._kinds) >= 1024:
            # Numbers are not reused: answers kept under the durations forgotten stay unreachable.
            self._by_day.clear()
            self._kinds.clear()
        self._named += 1
        found = self._kinds[id(duration)] = (duration, _kind(duration), self._named)
        return found

    def working_time(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        return self.calendar.working_time(a, b)

    def extend(self, due: dt.datetime, paused: dt.timedelta) -> dt.datetime:
        return self.calendar.extend(due, paused) if paused > dt.timedelta(0) else due

    def status(self, due: dt.datetime, done: dt.datetime) -> Status:
        return self.calendar.status(due, done)


_BY_MOMENT, _BY_DAY, _BY_SESSION = 0, 1, 2


def _kind(duration: Duration) -> int:
    """What a deadline of ``duration`` depends on, besides the duration: the clock start's
    moment, its day, or its day and session (see :meth:`WorkCalendar.deadline`)."""
    value = duration.value
    if not value.is_finite() or value < 0:
        return _BY_MOMENT  # refused by the calendar, each time it is asked
    unit = duration.unit
    if unit in (TimeUnit.WORKING_DAYS, TimeUnit.DAYS, TimeUnit.MONTHS, TimeUnit.SAME_DAY):
        return _BY_DAY
    if unit is TimeUnit.SESSIONS:
        return _BY_SESSION
    return _BY_MOMENT
