"""The agency's working calendar: when the legal clock starts, when a period ends, how much
working time lies between two moments.

Cases take their appointment dates, step deadlines and Form 05 marks from here. The rules and
their legal sources are written down in ``docs/time-counting.md``; the public holidays and
announced days the working days stand on come from ``engine/public_days.py``. All datetimes are
naive local time: Vietnam keeps one time zone (UTC+07:00) and no daylight saving, so local
wall-clock time is unambiguous; an aware datetime is converted to UTC+07:00 first.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from typing import Literal

import holidays

from motcua.engine.public_days import CalendarDay, listed_days, public_year
from motcua.engine.spec.model import Calendar, Duration, TimeUnit

__all__ = ["LOCAL_TIME", "Status", "WorkCalendar"]

#: Vietnam's only time zone; aware datetimes are read in it.
LOCAL_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")

#: The mark of one Form 05 row (Circular 01/2018/TT-VPCP): trước hạn / đúng hạn / quá hạn.
Status = Literal["early", "on-time", "late"]

_US = 1_000_000  # microseconds in a second: every clock computation is exact in integers
_HOUR_US = 3600 * _US
_MIDNIGHT = dt.time()


@dataclass(frozen=True, slots=True)
class _Year:
    """One year of the agency calendar, precomputed so that a question costs a lookup."""

    first: int  # ordinal of 1 January
    work: bytes  # 1 for a working day, indexed by ordinal - first
    days: tuple[int, ...]  # ordinals of the working days, ascending (for bisect)


class WorkCalendar:
    """Working days and office hours of one agency: the ``holidays`` package's public calendar
    for ``calendar.holidays``, the national announcements of ``engine/holidays_vn.py`` (for
    ``VN``, unless ``national`` is false), and the agency's ``days_off``, ``working_days`` and
    ``office_hours``.

    Precedence on a date: the agency's ``days_off``, then its ``working_days``, then the
    announced swap days off, then the announced make-up working days, then the package's public
    holidays (less the days ``holidays_vn.NOT_HOLIDAYS`` takes out) and its make-up days, then
    the weekend (Saturday and Sunday, Decision 188/1999/QĐ-TTg). Each office-hours block is one
    session. Years are computed on first use and kept; the public part is shared by every
    ``WorkCalendar`` of the process.

    >>> cal = WorkCalendar(Calendar())
    >>> cal.deadline(dt.datetime(2025, 1, 20, 9, 0), Duration(Decimal(15), TimeUnit.WORKING_DAYS))
    datetime.datetime(2025, 2, 17, 17, 0)
    """

    __slots__ = (
        "calendar", "_country", "_national", "_blocks", "_starts", "_ends", "_day_us", "_off", "_worked",
        "_years", "_after",
    )

    def __init__(self, calendar: Calendar, *, national: bool = True) -> None:
        self.calendar = calendar
        self._national = national
        country = calendar.holidays.upper()
        if country not in holidays.list_supported_countries():
            raise ValueError(
                f"unknown public-holiday calendar {calendar.holidays!r} (expected a country code, e.g. 'VN')"
            )
        self._country = country
        blocks = tuple((_time_us(a), _time_us(b)) for a, b in calendar.office_hours)
        if not blocks:
            raise ValueError("office_hours is empty: a working day needs at least one session")
        previous_end = 0
        for (a, b), (ta, tb) in zip(blocks, calendar.office_hours):
            if not a < b or a < previous_end:
                raise ValueError(
                    f"office_hours block {ta:%H:%M}-{tb:%H:%M} must start before it ends"
                    " and not before the previous block ends"
                )
            previous_end = b
        self._blocks = blocks
        self._starts = tuple(a for a, _ in calendar.office_hours)
        self._ends = tuple(b for _, b in calendar.office_hours)
        self._day_us = sum(b - a for a, b in blocks)
        self._off = frozenset(d.date for d in calendar.days_off)
        self._worked = frozenset(calendar.working_days)
        self._years: dict[int, _Year] = {}
        self._after: dict[tuple[dt.date, int], dt.date] = {}  # _nth_working_day_after, remembered

    @classmethod
    def shared(cls, calendar: Calendar) -> WorkCalendar:
        """The process-wide ``WorkCalendar`` of ``calendar``: build it once per agency, not per
        case, so each year is computed once for all the agency's cases."""
        return _shared(calendar)

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day of the agency."""
        year = self._years.get(day.year) or self._load(day.year)
        return year.work[day.toordinal() - year.first] == 1

    def _load(self, y: int) -> _Year:
        public_off, public_worked, weekend = public_year(self._country, y, self._national)
        first = dt.date(y, 1, 1).toordinal()
        last = dt.date(y, 12, 31).toordinal()
        work = bytearray()
        for ordinal in range(first, last + 1):
            day = dt.date.fromordinal(ordinal)
            if day in self._off:
                on = False
            elif day in self._worked:
                on = True
            elif day in public_off:
                on = False
            elif day in public_worked:
                on = True
            else:
                on = day.weekday() not in weekend
            work.append(on)
        year = _Year(first, bytes(work), tuple(first + i for i, on in enumerate(work) if on))
        self._years[y] = year
        return year

    def _year(self, y: int) -> _Year:
        found = self._years.get(y)
        if found is None:
            if not 1 <= y <= 9999:
                # Python's dates end there; a period running past them is bad input, reported
                # as such by the engine (never a traceback).
                raise OverflowError(f"year {y} is outside the calendar (years 1 to 9999)")
            found = self._load(y)
        return found

    def _nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``n >= 1``); ``day`` itself is not counted."""
        found = self._after.get((day, n))
        if found is None:
            if len(self._after) >= 65536:
                self._after.clear()
            found = self._after[(day, n)] = self._count_working_days(day, n)
        return found

    def _count_working_days(self, day: dt.date, n: int) -> dt.date:
        y = day.year
        year = self._year(y)
        i = bisect.bisect_right(year.days, day.toordinal())
        while True:
            available = len(year.days) - i
            if n <= available:
                return dt.date.fromordinal(year.days[i + n - 1])
            n -= available
            y += 1
            year = self._year(y)
            i = 0

    def _working_days_between(self, first: dt.date, stop: dt.date) -> int:
        """How many working days lie in ``[first, stop)``."""
        a, b = first.toordinal(), stop.toordinal()
        count = 0
        for y in range(first.year, stop.year + 1):
            days = self._year(y).days
            count += bisect.bisect_left(days, b) - bisect.bisect_left(days, a)
        return count

    def days_of(self, year: int, *, agency_file: str = "agency.yaml") -> tuple[CalendarDay, ...]:
        """The days of ``year`` a desk officer checks against the announcements: public holidays,
        announced days off and make-up working days, the agency's own, and the package's days
        that are not holidays by law; each with the rule that decides it and its source
        (``public_days.listed_days``).

        ``agency_file`` names the agency's file in the sources of its own days. Raises
        ``OverflowError`` outside the years 1 to 9999.
        """
        self._year(year)
        return listed_days(year, self.calendar, self._country, national=self._national,
                           is_working_day=self.is_working_day, agency_file=agency_file)

    # -- moments inside a day ---------------------------------------------------------------

    def _worked_by(self, tod: int) -> int:
        """Working time of a working day that has passed at time of day ``tod`` (µs)."""
        done = 0
        for a, b in self._blocks:
            if tod <= a:
                break
            done += min(tod, b) - a
        return done

    def _moment(self, day: dt.date, worked: int) -> dt.datetime:
        """The earliest moment of ``day`` at which ``worked`` µs of its working time have passed.

        Earliest: one hour into a day whose morning ends after one hour gives the end of the
        morning, not the start of the afternoon, so deadlines fall on a block's end.
        """
        for a, b in self._blocks:
            if worked <= b - a:
                return _at_midnight(day) + dt.timedelta(microseconds=a + worked)
            worked -= b - a
        raise AssertionError("worked time beyond the working day")  # callers keep 0 < worked <= day

    def _add(self, start: dt.datetime, amount: int) -> dt.datetime:
        """The earliest moment after ``start`` by which ``amount`` µs (> 0) of working time passed."""
        day = start.date()
        if self.is_working_day(day):
            done = self._worked_by(_tod_us(start))
            if amount <= self._day_us - done:
                return self._moment(day, done + amount)
            amount -= self._day_us - done
        whole = -(-amount // self._day_us)  # working days touched, the last one partly
        target = self._nth_working_day_after(day, whole)
        return self._moment(target, amount - (whole - 1) * self._day_us)

    # -- public API -------------------------------------------------------------------------

    def clock_start(self, received: dt.datetime) -> dt.datetime:
        """When the legal clock starts for a dossier received at ``received``.

        Inside a session: that moment. Before a session of a working day (early morning, lunch):
        the start of that session. After the last session, or on a day off: the first session
        of the next working day.
        """
        t = _local(received)
        day = t.date()
        if self.is_working_day(day):
            tod = _tod_us(t)
            for (a, b), start in zip(self._blocks, self._starts):
                if tod < b:
                    return t if tod >= a else dt.datetime.combine(day, start)
        return dt.datetime.combine(self._nth_working_day_after(day, 1), self._starts[0])

    def start_slot(self, received: dt.datetime) -> tuple[dt.date, int]:
        """Where the legal clock starts for a dossier received at ``received``: the day of
        :meth:`clock_start` and the session it starts in (0 the first of the day)."""
        # Asked on every step a case enters: the day's and the time's checks are written out.
        t = received if received.tzinfo is None else _local(received)
        day = t.date()
        year = self._years.get(day.year) or self._load(day.year)
        if year.work[day.toordinal() - year.first] == 1:
            tod = ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond
            for i, (_, b) in enumerate(self._blocks):
                if tod < b:
                    return day, i
        return self._nth_working_day_after(day, 1), 0

    def deadline(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """The moment a period of ``duration`` begun at ``start`` is due.

        The period begins at ``clock_start(start)``. Working days: the day the clock starts is
        not counted; the period ends when the office closes on the N-th working day after it
        (Civil Code 2015 Art. 147(3), 148(1)); a fraction of a day continues in working time.
        Sessions: the session the clock starts in is not counted; the period ends at the close
        of the N-th whole session after it. Working hours: working time from the clock start
        (Art. 147(1)). Days: the calendar date N days later (a fraction rounds up to the whole
        day), at the close of office hours, moved to the next working day if that date is a day
        off (Art. 148(5)). Months: the date with the same number N months later, or that month's
        last day when it has none (Art. 148(3)), then as days. Calendar hours: N hours of clock
        time after the clock start, moved to the next opening when that falls outside office
        hours. Same day: the close of office hours of the day the clock starts. Raises
        ``ValueError`` on a negative duration, ``OverflowError`` past the year 9999.
        """
        value = duration.value
        if value < 0:
            raise ValueError(f"negative duration {duration}")
        s = self.clock_start(start)
        unit = duration.unit
        whole = int(value)
        fraction = value - whole
        if unit is TimeUnit.WORKING_DAYS:
            day = s.date() if whole == 0 else self._nth_working_day_after(s.date(), whole)
            due = dt.datetime.combine(day, self._ends[-1])
            return self._add(due, _scale(fraction, self._day_us)) if fraction else due
        if unit is TimeUnit.SESSIONS:
            tod = _tod_us(s)
            current = next(i for i, (_, b) in enumerate(self._blocks) if tod < b)
            return self._end_of_sessions(s.date(), current, whole, fraction)
        if unit is TimeUnit.WORKING_HOURS:
            amount = _scale(value, _HOUR_US)
            return self._add(s, amount) if amount else s
        if unit is TimeUnit.DAYS:
            days = int(value.to_integral_value(rounding=ROUND_CEILING))
            return self._close_of_last_day(_add_days(s.date(), days))
        if unit is TimeUnit.MONTHS:
            day = _add_months(s.date(), whole)
            if fraction:
                # A fraction of a month is that share of the days of the period's next month,
                # rounded up to a whole day as for calendar days; interpolating between two
                # month ends keeps the deadline growing with the duration.
                following = _add_months(s.date(), whole + 1)
                share = (fraction * (following - day).days).to_integral_value(rounding=ROUND_CEILING)
                day = _add_days(day, int(share))
            return self._close_of_last_day(day)
        if unit is TimeUnit.HOURS:
            try:
                due = s + dt.timedelta(microseconds=_scale(value, _HOUR_US))
            except OverflowError:
                raise OverflowError("the period runs past the year 9999") from None
            return self._next_opening(due)
        if unit is TimeUnit.SAME_DAY:
            return dt.datetime.combine(s.date(), self._ends[-1])
        raise AssertionError(f"unknown time unit {unit!r}")

    def _close_of_last_day(self, day: dt.date) -> dt.datetime:
        """The close of office hours of the last day of a calendar period, or of the next working
        day when that day is a weekly rest day or a holiday (Civil Code 2015 Art. 148(5))."""
        if not self.is_working_day(day):
            day = self._nth_working_day_after(day, 1)
        return dt.datetime.combine(day, self._ends[-1])

    def _next_opening(self, t: dt.datetime) -> dt.datetime:
        """``t`` if it lies inside a session or at its end, else the start of the next session.

        Unlike ``clock_start``, the end of a session is kept: a period that ends as the office
        closes is due at the close, not at the next morning's opening.
        """
        if self.is_working_day(t.date()):
            tod = _tod_us(t)
            if any(a <= tod <= b for a, b in self._blocks):
                return t
        return self.clock_start(t)

    def _end_of_sessions(self, day: dt.date, current: int, whole: int, fraction: Decimal) -> dt.datetime:
        per_day = len(self._blocks)
        offset, block = divmod(current + whole, per_day)
        if offset:
            day = self._nth_working_day_after(day, offset)
        if not fraction:
            return dt.datetime.combine(day, self._ends[block])
        # A fraction of a session is that share of the next session, whose length may differ
        # from the others (a 4.5-hour morning, a 3.5-hour afternoon).
        block += 1
        if block == per_day:
            block = 0
            day = self._nth_working_day_after(day, 1)
        a, b = self._blocks[block]
        return dt.datetime.combine(day, _MIDNIGHT) + dt.timedelta(microseconds=a + _scale(fraction, b - a))

    def working_time(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Working time inside office hours from ``a`` to ``b`` (negative when ``b`` is earlier).

        Used for the supplement pause: the clock stops from the request until the supplement
        arrives, and the appointment moves by this much (``extend``).
        """
        a, b = _local(a), _local(b)
        if b < a:
            return -self.working_time(b, a)
        da, db = a.date(), b.date()
        done_a = self._worked_by(_tod_us(a)) if self.is_working_day(da) else 0
        done_b = self._worked_by(_tod_us(b)) if self.is_working_day(db) else 0
        if da == db:
            return dt.timedelta(microseconds=done_b - done_a)
        first_rest = self._day_us - done_a if self.is_working_day(da) else 0
        middle = self._working_days_between(da + dt.timedelta(days=1), db) * self._day_us
        return dt.timedelta(microseconds=first_rest + middle + done_b)

    def extend(self, due: dt.datetime, paused: dt.timedelta) -> dt.datetime:
        """``due`` moved later by ``paused`` of working time (the earliest such moment).

        ``extend(due, working_time(due, later)) == later`` for any ``later`` inside office hours
        or at a session's end; ``extend(due, timedelta(0)) == due``. Raises ``ValueError`` on a
        negative pause.
        """
        t = _local(due)
        amount = (paused.days * 86_400 + paused.seconds) * _US + paused.microseconds
        if amount < 0:
            raise ValueError(f"a pause cannot be negative: {paused}")
        return self._add(t, amount) if amount else t

    def status(self, due: dt.datetime, done: dt.datetime) -> Status:
        """Form 05 mark of a step finished at ``done`` against its deadline ``due``.

        Early: finished on an earlier day than the due day. On time: on the due day, not after
        the due moment. Late: after the due moment.
        """
        due, done = _local(due), _local(done)
        if done > due:
            return "late"
        if done.date() < due.date():
            return "early"
        return "on-time"


@functools.cache
def _shared(calendar: Calendar) -> WorkCalendar:
    return WorkCalendar(calendar)


@functools.lru_cache(maxsize=4096)
def _at_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, _MIDNIGHT)


def _local(t: dt.datetime) -> dt.datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        return t
    return t.astimezone(LOCAL_TIME).replace(tzinfo=None)


def _time_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


def _tod_us(t: dt.datetime) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


def _add_days(day: dt.date, n: int) -> dt.date:
    try:
        return day + dt.timedelta(days=n)
    except OverflowError:
        raise OverflowError("the period runs past the year 9999") from None


def _add_months(day: dt.date, n: int) -> dt.date:
    """The date with ``day``'s number ``n`` months later, or that month's last day when it has
    none (31 January + 1 month is 28 or 29 February: Civil Code 2015 Art. 148(3))."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    if year > 9999:
        raise OverflowError(f"year {year} is outside the calendar (years 1 to 9999)")
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _scale(value: Decimal, unit_us: int) -> int:
    """``value`` units of ``unit_us`` microseconds, rounded to the microsecond."""
    return int((value * unit_us).to_integral_value(rounding=ROUND_HALF_EVEN))
