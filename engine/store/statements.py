"""The SQLite store's statements, written out from the row layout's column names (``store/rows.py``).

Every statement names its columns, and the values it binds or returns come in the order of
those names, so a row is read and written by name, never by a position kept by hand.
"""

from __future__ import annotations

from motcua.engine.ledger import Case
from motcua.engine.store.codec import Table
from motcua.engine.store.rows import (
    CASES,
    CHANGING,
    DEFINITIONS,
    EVENT_READ,
    EVENTS,
    OFFICER_RECORDS,
    OFFICERS,
    changed_row,
)

__all__ = [
    "INSERT_CASE",
    "INSERT_DEFINITION",
    "INSERT_EVENT",
    "INSERT_OFFICER_RECORD",
    "PUT_OFFICER",
    "SELECT_CASE",
    "SELECT_OFFICER",
    "SELECT_OFFICER_RECORDS",
    "UPDATE_CASE",
    "select_case",
    "select_events",
    "update_row",
]


def _insert(table: Table) -> str:
    return f"INSERT INTO {table.name} ({', '.join(table.names)}) VALUES ({', '.join('?' * len(table.names))})"


INSERT_DEFINITION = _insert(DEFINITIONS).replace("INSERT", "INSERT OR IGNORE", 1)
#: An officer registered again replaces the one under its id.
PUT_OFFICER = _insert(OFFICERS) + " ON CONFLICT(id) DO UPDATE SET " + ", ".join(
    f"{n} = excluded.{n}" for n in OFFICERS.names if n != "id"
)
SELECT_OFFICER = f"SELECT {', '.join(OFFICERS.names)} FROM officers"
INSERT_OFFICER_RECORD = _insert(OFFICER_RECORDS)
SELECT_OFFICER_RECORDS = f"SELECT {', '.join(OFFICER_RECORDS.names)} FROM officer_records WHERE officer = ? ORDER BY seq"
INSERT_CASE = _insert(CASES)
SELECT_CASE = f"SELECT {', '.join(CASES.names)} FROM cases WHERE id = ?"


def select_case(version: int) -> str:
    """:data:`SELECT_CASE` as a store of schema ``version`` answers it (a column added since
    reads as null: a case of an older store has no terms and no clock stop)."""
    held = CASES.names_at(version)
    columns = ", ".join(n if n in held else f"NULL AS {n}" for n in CASES.names)
    return f"SELECT {columns} FROM cases WHERE id = ?"
#: The row moved on by one event, only if it is still at the revision the writer decided on.
UPDATE_CASE = f"UPDATE cases SET {', '.join(f'{n} = ?' for n in CHANGING)} WHERE id = ? AND revision = ?"
INSERT_EVENT = _insert(EVENTS)


def update_row(case: Case, expected: int) -> tuple[object, ...]:
    """The values :data:`UPDATE_CASE` binds for ``case``, stored at revision ``expected``."""
    return (*changed_row(case), case.id, expected)


def select_events(version: int) -> str:
    """The events of one case, seq in a range, as a store of schema ``version`` holds them
    (a column added since reads as null)."""
    held = EVENTS.names_at(version)
    columns = ", ".join(n if n in held else f"NULL AS {n}" for n in EVENT_READ)
    return f"SELECT {columns} FROM events WHERE case_id = ? AND seq > ? AND seq <= ? ORDER BY seq"
