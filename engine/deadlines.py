"""Which terms a case runs on: its sub-case (variant) and channel, the time limit they give, and
how an extension moves an appointment.

A procedure may state its time limit on itself, on each channel, on each sub-case or on a
sub-case's channels; the most specific one stated applies (:func:`terms`). ``receipts`` checks
the terms a new case asks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from motcua.engine.clock import Clock
from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import Calendar, Channel, ChannelOption, Duration, Procedure, TimeUnit, Variant

__all__ = ["Terms", "channels_of", "describe", "extended", "terms"]

_US = dt.timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Terms:
    """The sub-case and channel a case runs on (``None`` when none was chosen), and the legal
    time limit and committed time they give (the most specific stated; ``None`` when none is)."""

    variant: Variant | None
    channel: Channel | None
    time_limit: Duration | None
    committed_time: Duration | None


def _option(options: tuple[ChannelOption, ...] | None, channel: Channel | None) -> ChannelOption | None:
    if options is None or channel is None:
        return None
    return next((o for o in options if o.channel is channel), None)


def terms(procedure: Procedure, variant: str | None, channel: str | None) -> Terms:
    """The terms of ``procedure`` for a variant id and a channel name, both already checked.

    The time limit (and the committed time) is, most specific first: the variant's channel
    option's, the variant's, the procedure's channel option's, the procedure's.
    """
    chosen = procedure.variant(variant) if variant is not None else None
    where = Channel(channel) if channel is not None else None
    layers: list[ChannelOption | Variant | Procedure | None] = []
    if chosen is not None:
        layers += [_option(chosen.channels, where), chosen]
    layers += [_option(procedure.channels, where), procedure]
    limit = next((x.time_limit for x in layers if x is not None and x.time_limit is not None), None)
    committed = next((x.committed_time for x in layers if x is not None and x.committed_time is not None), None)
    return Terms(chosen, where, limit, committed)


def channels_of(procedure: Procedure, variant: Variant | None) -> tuple[Channel, ...]:
    """The channels a case may come through: the variant's own, else the procedure's."""
    options = variant.channels if variant is not None and variant.channels is not None else procedure.channels
    return tuple(o.channel for o in options)


def extended(clock: Clock, calendar: Calendar, due: dt.datetime, add: Duration) -> dt.datetime:
    """``due`` moved later by the extra time ``add``, counted as the time limit is.

    Working time (working days, sessions, working hours) is added in office hours from ``due``:
    one working day more on an appointment at Friday's close is Monday's close. Calendar days
    and months run from the date of ``due`` and end at the close of office hours, on the next
    working day when that date is a day off (Civil Code 2015 Art. 148); calendar hours are added
    as clock time, moved to the next session when they end outside one. ``same day`` adds nothing.
    """
    unit, value = add.unit, add.value
    if unit in (TimeUnit.WORKING_DAYS, TimeUnit.SESSIONS, TimeUnit.WORKING_HOURS):
        hours = {TimeUnit.WORKING_DAYS: calendar.day_hours, TimeUnit.SESSIONS: calendar.session_hours,
                 TimeUnit.WORKING_HOURS: 1.0}[unit]  # fmt: skip
        amount = _microseconds(value * Decimal(str(hours)) * 3600)
        return clock.extend(due, amount * _US)
    if unit in (TimeUnit.DAYS, TimeUnit.MONTHS):
        # Counted from the appointment's own date: the period starts at the day's opening.
        opening = dt.datetime.combine(due.date(), calendar.office_hours[0][0])
        return max(due, clock.deadline(opening, add))
    if unit is TimeUnit.HOURS:
        later = due + _microseconds(value * 3600) * _US
        return _inside_hours(clock, calendar, later)
    return due


def _inside_hours(clock: Clock, calendar: Calendar, t: dt.datetime) -> dt.datetime:
    """``t`` when it lies in a session or at its close, else the next session's opening."""
    if clock.calendar.is_working_day(t.date()) and any(a <= t.time() <= b for a, b in calendar.office_hours):
        return t
    return clock.calendar.clock_start(t)


def _microseconds(seconds: Decimal) -> int:
    return int((seconds * 1_000_000).to_integral_value())


def describe(duration: Duration | None, lang: str) -> str:
    """A time limit as Form 01 prints it; an empty text when none is stated."""
    return format_duration(duration, lang="en" if lang == "en" else "vi") if duration is not None else ""
