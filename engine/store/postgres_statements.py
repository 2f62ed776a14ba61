"""The PostgreSQL store's tables and statements (SQLAlchemy Core), declared from the row layout's
column names (``store/rows.py``); ``store/postgres.py`` runs them.

Every text column sorts with the binary collation ``COLLATE "C"``, so ids order by code point and
times as times, whatever the server's locale. Writing an event is one statement: the case row
moved on only if it is still at the revision the writer decided on, and the event row inserted
from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.store import codec
from motcua.engine.store.rows import (
    CASES,
    CHANGING,
    DEFINITIONS,
    EVENT_READ,
    EVENTS,
    OFFICER_RECORDS,
    OFFICERS,
    SEQUENCES,
)

__all__ = [
    "APPEND",
    "CLAIM",
    "CREATE_SQL",
    "HOLDER",
    "INSERT_OFFICER_RECORD",
    "METADATA",
    "NEXT_SQL",
    "ONE",
    "PIN",
    "PUT_OFFICER",
    "REVISION_AT",
    "SELECT_CASE",
    "SELECT_CASES",
    "SELECT_EVENTS",
    "SELECT_LOGS",
    "SELECT_OFFICER",
    "SELECT_OFFICER_RECORDS",
    "SELECT_REVISION",
    "cases_table",
    "definitions_table",
    "due",
    "events_table",
    "meta_table",
    "named",
    "officer_records_table",
    "officers_table",
    "sequences_table",
]

# -- the tables, declared from the row layout --------------------------------------------------

_INTEGERS = (codec.INTEGER, codec.OPTIONAL_INTEGER, codec.MICROSECONDS, codec.OPEN)
_OPTIONAL = (codec.OPTIONAL_TEXT, codec.OPTIONAL_TIME, codec.OPTIONAL_INTEGER)


def _declare(metadata: sa.MetaData, table: codec.Table, *extra: Any) -> sa.Table:
    columns = [
        sa.Column(
            c.name,
            sa.BigInteger() if any(c.kind is k for k in _INTEGERS) else sa.Text(collation="C"),
            primary_key=c.name in table.key,
            nullable=any(c.kind is k for k in _OPTIONAL),
            autoincrement=False,
        )
        for c in table.columns
    ]
    return sa.Table(table.name, metadata, *columns, *extra)


METADATA = sa.MetaData()
meta_table = sa.Table(
    "meta", METADATA,
    sa.Column("key", sa.Text(collation="C"), primary_key=True), sa.Column("value", sa.Text(), nullable=False),
)  # fmt: skip
definitions_table = _declare(METADATA, DEFINITIONS)
officers_table = _declare(METADATA, OFFICERS)
officer_records_table = _declare(METADATA, OFFICER_RECORDS)
sequences_table = _declare(METADATA, SEQUENCES)
cases_table = _declare(METADATA, CASES, sa.ForeignKeyConstraint(["digest"], ["definitions.digest"]))
events_table = _declare(
    METADATA, EVENTS, sa.ForeignKeyConstraint(["case_id"], ["cases.id"]), sa.UniqueConstraint("id", name="events_id_key")
)
# Overdue cases are few among many: index only the open ones (the query repeats open = 1).
sa.Index("cases_open_due", cases_table.c.due, postgresql_where=cases_table.c.open == 1)
sa.Index("cases_timer_due", cases_table.c.timer_due, postgresql_where=cases_table.c.timer_due.is_not(None))
sa.Index("cases_procedure", cases_table.c.procedure, cases_table.c.agency)

# -- the statements ------------------------------------------------------------------------------

PIN = pg_insert(definitions_table).values(digest=sa.bindparam("digest"), key=sa.bindparam("key"),
                                         text=sa.bindparam("text")).on_conflict_do_nothing()  # fmt: skip
SELECT_OFFICER = sa.select(*(officers_table.c[n] for n in OFFICERS.names))
PUT_OFFICER = (
    pg_insert(officers_table)
    .values({n: sa.bindparam(f"o_{n}") for n in OFFICERS.names})
    .on_conflict_do_update(
        index_elements=["id"], set_={n: sa.bindparam(f"o_{n}") for n in OFFICERS.names if n != "id"}
    )
)
INSERT_OFFICER_RECORD = sa.insert(officer_records_table).values(
    {n: sa.bindparam(f"r_{n}") for n in OFFICER_RECORDS.names}
)
SELECT_OFFICER_RECORDS = (
    sa.select(*(officer_records_table.c[n] for n in OFFICER_RECORDS.names))
    .where(officer_records_table.c.officer == sa.bindparam("officer"))
    .order_by(officer_records_table.c.seq)
)
_NEXT = (
    pg_insert(sequences_table)
    .values(prefix=sa.bindparam("prefix"), last=sa.literal_column("1"))
    .on_conflict_do_update(index_elements=["prefix"], set_={"last": sequences_table.c["last"] + sa.literal_column("1")})
    .returning(sequences_table.c["last"])
)
#: The event row selected from the case row a statement just wrote (none written, none selected).
_event_from = [sa.bindparam(f"e_{n}", type_=events_table.c[n].type) for n in EVENT_READ]
_created = (
    sa.insert(cases_table)
    .values({n: sa.bindparam(f"c_{n}") for n in CASES.names})
    .returning(cases_table.c.id)
    .cte("created")
)
#: A new case and its receipt, in one statement.
_CREATE = sa.insert(events_table).from_select(list(EVENTS.names), sa.select(_created.c.id, *_event_from))
_moved = (
    sa.update(cases_table)
    .where(cases_table.c.id == sa.bindparam("case_id"), cases_table.c.revision == sa.bindparam("expected"))
    .values({n: sa.bindparam(f"c_{n}") for n in CHANGING})
    .returning(cases_table.c.id)
    .cte("moved")
)
#: The row moved on by one event, only if it is still at the revision the writer decided on,
#: and the event: one statement, one transaction.
APPEND = (
    sa.insert(events_table)
    .from_select(list(EVENTS.names), sa.select(_moved.c.id, *_event_from))
    .returning(events_table.c.seq)
)
_DIALECT = PGDialect_psycopg()  # type: ignore[no-untyped-call]
#: What :meth:`PostgresStore.create` sends through the driver itself.
NEXT_SQL, CREATE_SQL = (str(s.compile(dialect=_DIALECT)) for s in (_NEXT, _CREATE))
SELECT_CASE = sa.select(*(cases_table.c[n] for n in CASES.names)).where(cases_table.c.id == sa.bindparam("case_id"))
SELECT_EVENTS = (
    sa.select(*(events_table.c[n] for n in EVENT_READ))
    .where(
        events_table.c.case_id == sa.bindparam("case_id"),
        events_table.c.seq > sa.bindparam("after"),
        events_table.c.seq <= sa.bindparam("upto"),
    )
    .order_by(events_table.c.seq)
)
#: The rows and the logs of many cases at once (``load_many``): the ids as one array parameter.
SELECT_CASES = sa.select(*(cases_table.c[n] for n in CASES.names)).where(
    cases_table.c.id == sa.func.any(sa.bindparam("case_ids", type_=sa.ARRAY(sa.Text)))
)
SELECT_LOGS = (
    sa.select(events_table.c.case_id, *(events_table.c[n] for n in EVENT_READ))
    .where(events_table.c.case_id == sa.func.any(sa.bindparam("case_ids", type_=sa.ARRAY(sa.Text))))
    .order_by(events_table.c.case_id, events_table.c.seq)
)
HOLDER = sa.select(events_table.c.case_id).where(events_table.c.id == sa.bindparam("event_id"))
SELECT_REVISION = sa.select(cases_table.c.revision).where(cases_table.c.id == sa.bindparam("case_id"))
REVISION_AT = CASES.names.index("revision")
#: ``open = 1`` written out, not bound: the planner matches it to the partial index cases_open_due.
ONE: sa.ColumnClause[int] = sa.literal_column("1")


def due(at: Any) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions of a step timeout due at ``at`` (see :meth:`CaseStore.timers_due`)."""
    c = cases_table.c
    return (c.timer_due.is_not(None), c.timer_due <= at, c.state != AWAITING_SUPPLEMENT, c.open == ONE,
            c.stopped.is_(None))  # fmt: skip


#: The case, locked for this transaction if its timeout is due and no other transaction holds it.
CLAIM = (
    sa.select(cases_table.c.id)
    .where(cases_table.c.id == sa.bindparam("case_id"), *due(sa.bindparam("at", type_=cases_table.c.timer_due.type)))
    .with_for_update(skip_locked=True)
)


def named(prefix: str, names: Sequence[str], values: Sequence[object]) -> dict[str, object]:
    """The parameters binding ``values`` to the columns ``names``, each name after ``prefix``."""
    return {f"{prefix}{n}": v for n, v in zip(names, values)}

