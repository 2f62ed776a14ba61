"""The SQLite store's row layout: cases, events and officers to rows and back."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Sequence

from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer

__all__ = [
    "CASE_COLUMNS",
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
    # one that did is written as it is, since equal aware times may have different offsets.
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


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text is not None else None


def _dtx(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _unlist(text: object) -> tuple[str, ...]:
    # Most lists stored are empty; json.loads would cost more than the rest of the row.
    return () if text == "[]" else tuple(json.loads(str(text)))


def case_from_row(r: Sequence[object], events: tuple[Event, ...]) -> Case:
    """The case of a ``SELECT_CASE`` row with its log."""
    return Case(
        id=str(r[0]), agency=str(r[1]), procedure=str(r[2]), version=str(r[3]), digest=str(r[4]),
        applicant=str(r[5]), state=str(r[6]), received_at=_dtx(str(r[8])), due=_dtx(str(r[9])),
        original_due=_dtx(str(r[10])), last_at=_dtx(str(r[11])), step_started=_dt(_s(r[12])),
        step_due=_dt(_s(r[13])), step_paused=dt.timedelta(microseconds=int(str(r[14]))),
        timer_due=_dt(_s(r[15])), paused_from=_s(r[16]), paused_at=_dt(_s(r[17])),
        answered=_unlist(r[18]), supplement_requests=int(str(r[19])),
        apologies=int(str(r[20])), closed_at=_dt(_s(r[21])), revision=int(str(r[22])), events=events,
    )  # fmt: skip


def events_from_rows(case_id: str, rows: list[tuple[object, ...]]) -> Iterator[Event]:
    """The events of ``select_events`` rows."""
    actors: dict[tuple[object, ...], Officer] = {}
    for r in rows:
        key = r[3:8]
        actor = actors.get(key)
        if actor is None:
            actor = actors[key] = Officer(str(r[3]), agency=str(r[4]), unit=str(r[5]), name=str(r[6]), position=str(r[7]))
        yield Event(
            id=str(r[1]), seq=int(str(r[0])), event=str(r[2]), actor=actor, at=_dtx(str(r[8])),
            source=str(r[9]), target=str(r[10]), note=_s(r[11]), records=_unlist(r[12]),
            until=_dt(_s(r[13])), breach=_s(r[14]), corrects=None if r[15] is None else int(str(r[15])),
        )  # fmt: skip


def officer_from_row(r: Sequence[object]) -> Officer:
    """The officer of a ``SELECT_OFFICER`` row."""
    return Officer(str(r[0]), agency=str(r[1]), unit=str(r[2]), name=str(r[3]), position=str(r[4]))
