"""The SQLite store's row layout: cases, events and officers to rows and back.

Reading is strict: a value of the wrong type, a time that is no time (``2014-02-30``), an
aware time, a list that is not a JSON list of texts raises :class:`DamagedRow` naming the
table, the row's key and the column, so a damaged store ends in one clear error.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator, Sequence

from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer
from motcua.engine.spec.printable import visible

__all__ = [
    "CASE_COLUMNS",
    "DamagedRow",
    "EVENT_COLUMNS",
    "INSERT_CASE",
    "INSERT_EVENT",
    "SELECT_CASE",
    "SELECT_OFFICER",
    "UPDATE_CASE",
    "case_from_row",
    "case_row",
    "event_row",
    "events_from_rows",
    "officer_from_row",
    "select_events",
    "stamp",
    "update_row",
]


class DamagedRow(Exception):
    """A stored row the store cannot have written: ``table``, its ``key`` and the ``column``."""

    def __init__(self, table: str, key: str, column: str) -> None:
        key = visible(key)
        super().__init__(f"{table} ({key}) column '{column}'")
        self.table = table
        self.key = key
        self.column = column


CASE_COLUMNS = (
    "id", "agency", "procedure", "version", "digest", "applicant", "state", "open", "received_at", "due",
    "original_due", "last_at", "step_started", "step_due", "step_paused_us", "timer_due", "paused_from",
    "paused_at", "answered", "supplement_requests", "apologies", "closed_at", "revision",
)  # fmt: skip
EVENT_COLUMNS = (
    "seq", "id", "event", "actor", "actor_agency", "actor_unit", "actor_name", "actor_position", "at", "source",
    "target", "note", "records", "until", "breach", "corrects",
)  # fmt: skip

INSERT_CASE = f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})"
UPDATE_CASE = (
    "UPDATE cases SET state = ?, open = ?, due = ?, last_at = ?, step_started = ?, step_due = ?, "
    "step_paused_us = ?, timer_due = ?, paused_from = ?, paused_at = ?, answered = ?, "
    "supplement_requests = ?, apologies = ?, closed_at = ?, revision = ? "
    "WHERE id = ? AND revision = ?"
)
SELECT_CASE = f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?"
INSERT_EVENT = (
    f"INSERT INTO events (case_id, {', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * (len(EVENT_COLUMNS) + 1))})"
)
SELECT_OFFICER = "SELECT id, agency, unit, name, position FROM officers"


def select_events(version: int) -> str:
    """The events of one case, seq in a range, as a store of schema ``version`` holds them."""
    columns = ", ".join(EVENT_COLUMNS if version >= 2 else EVENT_COLUMNS[:-1] + ("NULL",))
    return f"SELECT {columns} FROM events WHERE case_id = ? AND seq > ? AND seq <= ? ORDER BY seq"


# -- writing ---------------------------------------------------------------------------------


def _t(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    # Aware times never reach a store (ledger.local_time makes every time naive local time);
    # one that did is written as it is, and refused when read back.
    return stamp(value) if value.tzinfo is None else value.isoformat()


@functools.lru_cache(maxsize=4096)
def stamp(value: dt.datetime) -> str:
    """A naive time as stored, kept: a case's row repeats most of its times event after event.

    Seconds, or microseconds when there are any (a deadline of a fraction of a working day may
    fall between seconds): a stored row reads back exactly as the case that was written, and
    ISO text in one layout sorts as the times do.
    """
    return value.isoformat()


_US = dt.timedelta(microseconds=1)


def _list(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False) if items else "[]"


def case_row(c: Case) -> tuple[object, ...]:
    return (
        c.id, c.agency, c.procedure, c.version, c.digest, c.applicant, c.state, int(c.closed_at is None),
        _t(c.received_at), _t(c.due), _t(c.original_due), _t(c.last_at), _t(c.step_started),
        _t(c.step_due), c.step_paused // _US, _t(c.timer_due), c.paused_from,
        _t(c.paused_at), _list(c.answered), c.supplement_requests, c.apologies,
        _t(c.closed_at), c.revision,
    )  # fmt: skip


def update_row(c: Case, expected: int) -> tuple[object, ...]:
    return (
        c.state, int(c.closed_at is None), _t(c.due), _t(c.last_at), _t(c.step_started), _t(c.step_due),
        c.step_paused // _US, _t(c.timer_due), c.paused_from, _t(c.paused_at),
        _list(c.answered), c.supplement_requests, c.apologies, _t(c.closed_at), c.revision, c.id, expected,
    )  # fmt: skip


def event_row(case_id: str, e: Event) -> tuple[object, ...]:
    a = e.actor
    return (
        case_id, e.seq, e.id, e.event, a.id, a.agency, a.unit, a.name, a.position, _t(e.at),
        e.source, e.target, e.note, _list(e.records), _t(e.until), e.breach, e.corrects,
    )  # fmt: skip


# -- reading ---------------------------------------------------------------------------------
# Each reader raises TypeError or ValueError on a value the writers above never produce.


def _s(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _so(value: object) -> str | None:
    return None if value is None else _s(value)


def _i(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _io(value: object) -> int | None:
    return None if value is None else _i(value)


@functools.lru_cache(maxsize=4096)
def _time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is not None:
        raise ValueError("an aware time")
    return value


def _dt(value: object) -> dt.datetime:
    return _time(_s(value))


def _dto(value: object) -> dt.datetime | None:
    return None if value is None else _time(_s(value))


def _strings(value: object) -> tuple[str, ...]:
    # Most lists stored are empty; json.loads would cost more than the rest of the row.
    if value == "[]":
        return ()
    items = json.loads(_s(value))
    if type(items) is not list or any(type(i) is not str for i in items):
        raise TypeError("not a JSON list of texts")
    return tuple(items)


def _paused(value: object) -> dt.timedelta:
    return dt.timedelta(microseconds=_i(value))


_CASE_READERS: tuple[Callable[[object], object], ...] = (
    _s, _s, _s, _s, _s, _s, _s, _i, _dt, _dt, _dt, _dt, _dto, _dto, _paused, _dto, _so, _dto, _strings,
    _i, _i, _dto, _i,
)  # fmt: skip
_EVENT_READERS: tuple[Callable[[object], object], ...] = (
    _i, _s, _s, _s, _s, _s, _s, _s, _dt, _s, _s, _so, _strings, _dto, _so, _io,
)  # fmt: skip


def _find(table: str, key: str, columns: Sequence[str], readers: Sequence[Callable[[object], object]],
          row: Sequence[object]) -> DamagedRow:  # fmt: skip
    """The first column of a row that does not read (called once a row failed to read)."""
    for column, read, value in zip(columns, readers, row):
        try:
            read(value)
        except (TypeError, ValueError, OverflowError):
            return DamagedRow(table, key, column)
    return DamagedRow(table, key, "(several)")


def case_from_row(r: Sequence[object], events: tuple[Event, ...]) -> Case:
    """The case of a ``SELECT_CASE`` row with its log; :class:`DamagedRow` if it does not read."""
    try:
        return Case(
            id=_s(r[0]), agency=_s(r[1]), procedure=_s(r[2]), version=_s(r[3]), digest=_s(r[4]),
            applicant=_s(r[5]), state=_s(r[6]), received_at=_dt(r[8]), due=_dt(r[9]),
            original_due=_dt(r[10]), last_at=_dt(r[11]), step_started=_dto(r[12]),
            step_due=_dto(r[13]), step_paused=_paused(r[14]), timer_due=_dto(r[15]),
            paused_from=_so(r[16]), paused_at=_dto(r[17]), answered=_strings(r[18]),
            supplement_requests=_i(r[19]), apologies=_i(r[20]), closed_at=_dto(r[21]),
            revision=_i(r[22]), events=events,
        )  # fmt: skip
    except (TypeError, ValueError, OverflowError):
        raise _find("cases", f"id {r[0]}", CASE_COLUMNS, _CASE_READERS, r) from None


def events_from_rows(case_id: str, rows: list[tuple[object, ...]]) -> Iterator[Event]:
    """The events of ``select_events`` rows; :class:`DamagedRow` at the first that does not read."""
    actors: dict[tuple[object, ...], Officer] = {}
    for n, r in enumerate(rows):
        try:
            key = r[3:8]
            actor = actors.get(key)
            if actor is None:
                actor = actors[key] = Officer(_s(r[3]), agency=_s(r[4]), unit=_s(r[5]), name=_s(r[6]), position=_s(r[7]))
            yield Event(
                id=_s(r[1]), seq=_i(r[0]), event=_s(r[2]), actor=actor, at=_dt(r[8]),
                source=_s(r[9]), target=_s(r[10]), note=_so(r[11]), records=_strings(r[12]),
                until=_dto(r[13]), breach=_so(r[14]), corrects=_io(r[15]),
            )  # fmt: skip
        except (TypeError, ValueError, OverflowError):
            seq = r[0] if type(r[0]) is int else f"#{n + 1} read"
            raise _find("events", f"case_id {case_id}, seq {seq}", EVENT_COLUMNS, _EVENT_READERS, r) from None


def officer_from_row(r: Sequence[object]) -> Officer:
    """The officer of a ``SELECT_OFFICER`` row; :class:`DamagedRow` if it does not read."""
    try:
        return Officer(_s(r[0]), agency=_s(r[1]), unit=_s(r[2]), name=_s(r[3]), position=_s(r[4]))
    except (TypeError, ValueError):
        key = f"id {r[0]}" if type(r[0]) is str else "id (damaged)"
        raise _find("officers", key, ("id", "agency", "unit", "name", "position"), (_s,) * 5, r) from None
