"""What the case engine accepts from people: times the clock allows.

An event is dated at most a margin ahead of the clock, and within the years Python's dates and
the working calendar count.
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.ledger import local_time, now

__all__ = [
    "DEFAULT_FUTURE_MARGIN",
    "InvalidInput",
    "LONGEST_POSTPONEMENT",
    "days",
    "event_time",
    "local_input",
]

#: How far ahead of the clock an event may be dated: enough for a clock a little slow or a
#: dossier dated at the next morning's session, never a mistyped year.
DEFAULT_FUTURE_MARGIN = dt.timedelta(days=1)
#: The latest new appointment an apology may set, after the apology: Form 04 postpones a late
#: result by days or weeks; years mean a typing mistake (and deadlines past year 9999).
LONGEST_POSTPONEMENT = dt.timedelta(days=366)


class InvalidInput(ValueError):
    """Input that cannot name anything: an unknown procedure, officer, record or event, a
    missing reason, a time before the case's last event or far ahead of the clock. Nothing was
    changed."""


def days(margin: dt.timedelta) -> str:
    """A margin as people say it: ``1 day``, ``0.5 days``."""
    count = margin / dt.timedelta(days=1)
    shown = f"{count:g}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def local_input(value: dt.datetime, field: str) -> dt.datetime:
    """``value`` as naive local time; an aware time beyond year 9999 or before year 1 in
    Vietnam's zone is refused as :class:`InvalidInput` naming ``field``."""
    try:
        return local_time(value)
    except OverflowError:
        raise InvalidInput(f"{field}: {value.isoformat()} is outside the years 1 to 9999 in Vietnam's time") from None


def event_time(value: dt.datetime | None, *, margin: dt.timedelta, field: str = "at", prefix: str = "") -> dt.datetime:
    """The time an event is recorded at: ``value`` as local time, or the clock's time.

    An event dated more than ``margin`` ahead of the clock is refused: the log is append-only
    and no event may be earlier than the last, so one mistyped year would lock the case.
    """
    if value is not None:
        at = local_input(value, field)
        if at <= _seen[0]:
            return at  # not after a time the clock has already shown: no need to ask it again
    clock = now()
    _seen[0] = max(_seen[0], clock)
    if value is None:
        return clock
    try:
        limit = clock + margin
    except OverflowError:
        limit = dt.datetime.max
    if at > limit:
        raise InvalidInput(
            f"{prefix}{field} {at.isoformat()} is more than {days(margin)} ahead of the clock "
            f"({clock.isoformat()}); check the date, the year above all"
        )
    return at


#: The latest time the clock was read at in this process.
_seen = [dt.datetime.min]
