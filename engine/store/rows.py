"""The case stores' tables, each declared once with ``store/codec``, and cases, events and
officers to rows and back.

The SQLite store writes its statements from these declarations (``store/statements.py``); a
PostgreSQL store can declare its tables from them. A row is read by column name: whatever order
a statement selects its columns in, each attribute is read from the column holding it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields

from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer
from motcua.engine.store.base import OfficerRecord
from motcua.engine.store.codec import (
    INTEGER,
    MICROSECONDS,
    OPEN,
    OPTIONAL_INTEGER,
    OPTIONAL_TEXT,
    OPTIONAL_TIME,
    TEXT,
    TEXTS,
    TIME,
    Column,
    DamagedRow,
    Table,
    stamp,
)

__all__ = [
    "CASES",
    "CHANGING",
    "DEFINITIONS",
    "EVENTS",
    "EVENT_READ",
    "OFFICERS",
    "OFFICER_RECORDS",
    "SEQUENCES",
    "TABLES",
    "DamagedRow",
    "case_from_row",
    "case_row",
    "changed_row",
    "event_row",
    "events_from_rows",
    "officer_from_row",
    "officer_record_from_row",
    "officer_record_row",
    "officer_row",
    "stamp",
]

CASES = Table(
    "cases", ("id",),
    Column("id", TEXT, fixed=True),
    Column("agency", TEXT, fixed=True),
    Column("procedure", TEXT, fixed=True),
    Column("version", TEXT, fixed=True),
    Column("digest", TEXT, fixed=True),
    Column("applicant", TEXT, fixed=True),
    Column("state", TEXT),
    Column("open", OPEN, attr="closed_at", derived=True),
    Column("received_at", TIME, fixed=True),
    Column("due", TIME),
    Column("original_due", TIME, fixed=True),
    Column("last_at", TIME),
    Column("step_started", OPTIONAL_TIME),
    Column("step_due", OPTIONAL_TIME),
    Column("step_paused_us", MICROSECONDS, attr="step_paused"),
    Column("timer_due", OPTIONAL_TIME),
    Column("paused_from", OPTIONAL_TEXT),
    Column("paused_at", OPTIONAL_TIME),
    Column("answered", TEXTS),
    Column("supplement_requests", INTEGER),
    Column("apologies", INTEGER),
    Column("closed_at", OPTIONAL_TIME),
    Column("revision", INTEGER),
    Column("variant", OPTIONAL_TEXT, fixed=True, since=3),
    Column("channel", OPTIONAL_TEXT, fixed=True, since=3),
    Column("stopped", OPTIONAL_TEXT, since=3),
    Column("stopped_at", OPTIONAL_TIME, since=3),
)  # fmt: skip
EVENTS = Table(
    "events", ("case_id", "seq"),
    Column("case_id", TEXT, attr=None),
    Column("seq", INTEGER),
    Column("id", TEXT),
    Column("event", TEXT),
    Column("actor", TEXT, attr="actor.id"),
    Column("actor_agency", TEXT, attr="actor.agency"),
    Column("actor_unit", TEXT, attr="actor.unit"),
    Column("actor_name", TEXT, attr="actor.name"),
    Column("actor_position", TEXT, attr="actor.position"),
    Column("at", TIME),
    Column("source", TEXT),
    Column("target", TEXT),
    Column("note", OPTIONAL_TEXT),
    Column("records", TEXTS),
    Column("until", OPTIONAL_TIME),
    Column("breach", OPTIONAL_TEXT),
    Column("corrects", OPTIONAL_INTEGER, since=2),
    Column("term", OPTIONAL_TEXT, since=3),
)  # fmt: skip
OFFICERS = Table(
    "officers", ("id",),
    Column("id", TEXT), Column("agency", TEXT), Column("unit", TEXT), Column("name", TEXT), Column("position", TEXT),
)  # fmt: skip
#: The history of officers' records (schema 4): every registration and change, append-only.
OFFICER_RECORDS = Table(
    "officer_records", ("officer", "seq"),
    Column("officer", TEXT, attr="officer.id", since=4), Column("seq", INTEGER, since=4),
    Column("at", OPTIONAL_TIME, since=4), Column("agency", TEXT, attr="officer.agency", since=4),
    Column("unit", TEXT, attr="officer.unit", since=4), Column("name", TEXT, attr="officer.name", since=4),
    Column("position", TEXT, attr="officer.position", since=4),
)  # fmt: skip
DEFINITIONS = Table("definitions", ("digest",), Column("digest", TEXT), Column("key", TEXT), Column("text", TEXT))
SEQUENCES = Table("sequences", ("prefix",), Column("prefix", TEXT), Column("last", INTEGER))
#: Every table of a store, by name.
TABLES = {t.name: t for t in (DEFINITIONS, OFFICERS, OFFICER_RECORDS, SEQUENCES, CASES, EVENTS)}

#: The columns of a case's row that events move on: all but those its receipt fixed.
CHANGING = tuple(c.name for c in CASES.columns if not c.fixed)
#: The columns of the events of one case, read without their ``case_id``.
EVENT_READ = EVENTS.names[1:]

# -- cases, events and officers to rows --------------------------------------------------------

#: The values of a case's row, in the order of ``CASES.names``.
case_row = CASES.writer(CASES.names)
#: The values of the ``CHANGING`` columns of a case's row, in that order.
changed_row = CASES.writer(CHANGING)
#: The values of an officer's row, in the order of ``OFFICERS.names``.
officer_row = OFFICERS.writer(OFFICERS.names)
#: The values of a record of an officer's history, in the order of ``OFFICER_RECORDS.names``.
officer_record_row = OFFICER_RECORDS.writer(OFFICER_RECORDS.names)
_event_values = EVENTS.writer(EVENT_READ)


def event_row(case_id: str, event: Event) -> tuple[object, ...]:
    """The values of the row of an event of case ``case_id``, in the order of ``EVENTS.names``."""
    return (case_id, *_event_values(event))


# -- and back ------------------------------------------------------------------------------------
# Each object is built from the values of its fields, in the order its dataclass declares them,
# each read from the column holding that attribute.

_CASE_FIELDS = tuple(f.name for f in fields(Case) if f.name != "events")
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_ACTOR = _EVENT_FIELDS.index("actor")
_ACTOR_FIELDS = tuple(f"actor.{f.name}" for f in fields(Officer))
_read_case = CASES.reader(CASES.names, _CASE_FIELDS)
_read_event = EVENTS.reader(EVENT_READ, [f for f in _EVENT_FIELDS if f != "actor"])
_read_actor = EVENTS.reader(EVENT_READ, _ACTOR_FIELDS)
_actor_values = EVENTS.picker(EVENT_READ, _ACTOR_FIELDS)
_read_officer = OFFICERS.reader(OFFICERS.names, tuple(f.name for f in fields(Officer)))
_read_record = OFFICER_RECORDS.reader(OFFICER_RECORDS.names, ("seq", "at"))
_read_recorded = OFFICER_RECORDS.reader(OFFICER_RECORDS.names, tuple(f"officer.{f.name}" for f in fields(Officer)))


def case_from_row(row: Sequence[object], events: tuple[Event, ...]) -> Case:
    """The case of a row of ``CASES.names`` with its log; :class:`DamagedRow` if it does not read."""
    try:
        return Case(*_read_case(row) + (events,))
    except (TypeError, ValueError, OverflowError):
        raise CASES.damaged(CASES.names, row) from None


def events_from_rows(case_id: str, rows: list[Sequence[object]]) -> Iterator[Event]:
    """The events of rows of ``EVENT_READ``; :class:`DamagedRow` at the first that does not read."""
    actors: dict[tuple[object, ...], Officer] = {}  # by their stored values: one object for each
    for row in rows:
        try:
            stored = _actor_values(row)
            actor = actors.get(stored)
            if actor is None:
                actor = actors[stored] = Officer(*_read_actor(row))
            own = _read_event(row)
            event = Event(*own[:_ACTOR] + (actor,) + own[_ACTOR:])
        except (TypeError, ValueError, OverflowError):
            raise EVENTS.damaged(EVENT_READ, row, case_id=case_id) from None
        yield event


def officer_from_row(row: Sequence[object]) -> Officer:
    """The officer of a row of ``OFFICERS.names``; :class:`DamagedRow` if it does not read."""
    try:
        return Officer(*_read_officer(row))
    except (TypeError, ValueError):
        raise OFFICERS.damaged(OFFICERS.names, row) from None


def officer_record_from_row(row: Sequence[object]) -> OfficerRecord:
    """The record of a row of ``OFFICER_RECORDS.names``; :class:`DamagedRow` if it does not read."""
    try:
        seq, at = _read_record(row)
        return OfficerRecord(seq, at, Officer(*_read_recorded(row)))
    except (TypeError, ValueError, OverflowError):
        raise OFFICER_RECORDS.damaged(OFFICER_RECORDS.names, row) from None
