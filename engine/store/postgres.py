"""A case store on a PostgreSQL server: the same tables as the SQLite store, for many offices.

The tables are declared from the row layout of ``store/rows.py`` (SQLAlchemy Core), and rows are
written and read by the same codec as the SQLite store's: times as naive ISO text, lists as JSON
text. Every text column sorts with the binary collation ``COLLATE "C"``, so ids order by code
point and times as times, whatever the server's locale.

What a store promises (``store/base.py``) holds here the same way:

- Each event is one statement, so one transaction: the case row moved on only if it is still at
  the revision the writer decided on, and the event row inserted from it. A second writer
  deciding on the same revision waits for the first, finds the revision moved on, writes
  nothing and gets :class:`ConflictError` naming the case.
- Event ids are unique across the store; triggers make the event log and the officers'
  history append-only.
- The table ``meta`` says whose the database is (``application``) and which schema it holds
  (``schema``); a database holding other tables and no such row is refused, never written.
- The tables are made, and a store of an older schema upgraded, by the migrations of
  ``store/migrations`` (Alembic, which records its revision in ``alembic_version``), in one
  transaction holding an advisory lock, when the store is opened for writing. A store of a newer
  schema, or of a revision this code does not know, is refused and left alone.
- ``read_only=True`` opens every transaction read-only: nothing is written, a database
  with no store in it is an error rather than a new store, and one of an older schema is
  refused, naming the command that upgrades it.

A store is chosen by a URL, ``postgresql://user:password@host:port/database`` (also
``postgresql+psycopg://``), through :func:`motcua.engine.store.open_store`. Failures to
connect, log in or find the database become :class:`StoreError` naming the URL without its
password.

The tables and statements are in ``store/postgres_statements.py``; reaching the server and
translating its failures, in ``store/postgres_connection.py``; opening, creating and upgrading a
store, in ``store/postgres_opening.py``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord, StoreError
from motcua.engine.store.connection import corrupt, damaged
from motcua.engine.store.postgres_connection import failure, one_line, server_engine, shown_url
from motcua.engine.store.postgres_opening import CREATING, prepare
from motcua.engine.store.postgres_statements import (
    APPEND,
    CLAIM,
    CREATE_SQL,
    HOLDER,
    INSERT_OFFICER_RECORD,
    NEXT_SQL,
    ONE,
    PIN,
    PUT_OFFICER,
    REVISION_AT,
    SELECT_CASE,
    SELECT_CASES,
    SELECT_EVENTS,
    SELECT_LOGS,
    SELECT_OFFICER,
    SELECT_OFFICER_RECORDS,
    SELECT_REVISION,
    cases_table,
    definitions_table,
    due,
    named,
    officer_records_table,
    officers_table,
)
from motcua.engine.store.rows import (
    CASES,
    CHANGING,
    EVENT_READ,
    OFFICER_RECORDS,
    OFFICERS,
    DamagedRow,
    case_from_row,
    case_row,
    changed_row,
    event_row,
    events_from_rows,
    officer_from_row,
    officer_record_from_row,
    officer_record_row,
    officer_row,
    stamp,
)

__all__ = ["PostgresStore"]

#: How many cases a store keeps as it last wrote or read them (see :meth:`PostgresStore.recall`).
_RECENT = 4096
#: Cases read together by ``load_many``, at the most.
_BATCH = 1000
_ID_AT = CASES.names.index("id")
_SEQ_AT = EVENT_READ.index("seq")


def _seq(line: Sequence[object]) -> int:
    seq = line[_SEQ_AT]
    return seq if type(seq) is int else 0


class PostgresStore(CaseStore):
    """Cases in the tables of one PostgreSQL database (created in an empty database unless
    ``create=False``).

    ``location`` is the URL without its password. The store holds a small pool of connections
    and is safe to share between threads.
    """

    def __init__(self, url: str, *, read_only: bool = False, create: bool = True) -> None:
        self.location = shown_url(url)
        self.read_only = read_only
        self._seen: dict[str, Case] = {}
        self._local = threading.local()  # the claims each thread holds (see _claims)
        self._engine = server_engine(url, self.location, read_only=read_only)
        self._auto = self._engine.execution_options(isolation_level="AUTOCOMMIT")
        try:
            prepare(self._engine, self.location, create=create and not read_only, read_only=read_only)
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        self._engine.dispose()

    # -- failures ------------------------------------------------------------------------------

    @contextmanager
    def _guard(self, case_id: str | None = None) -> Iterator[None]:
        """Store errors for what the server or a damaged row reports."""
        try:
            yield
        except sa_exc.IntegrityError:
            raise
        except sa_exc.DBAPIError as err:
            raise failure(self.location, err, case_id=case_id) from None
        except DamagedRow as err:
            raise damaged(self.location, err, case_id) from None

    # -- definitions and officers ------------------------------------------------------------

    def pin(self, digest: str, key: str, text: str) -> None:
        with self._guard(), self._auto.connect() as conn:
            conn.execute(PIN, {"digest": digest, "key": key, "text": text})

    def definition(self, digest: str) -> str:
        with self._guard(), self._auto.connect() as conn:
            text = conn.execute(
                sa.select(definitions_table.c.text).where(definitions_table.c.digest == digest)
            ).scalar()
        if text is None:
            raise KeyError(digest)
        return str(text)

    def put_officer(self, officer: Officer, *, at: dt.datetime | None = None) -> None:
        with self._guard(), self._engine.begin() as conn:
            # One registration of an id at a time: the history's next seq is counted under the lock.
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtextextended(officer.id, CREATING))))
            row = conn.execute(SELECT_OFFICER.where(officers_table.c.id == officer.id)).first()
            if row is not None and officer_from_row(row) == officer:
                return
            last = conn.execute(
                sa.select(sa.func.count())
                .select_from(officer_records_table)
                .where(officer_records_table.c.officer == officer.id)
            ).scalar_one()
            conn.execute(PUT_OFFICER, named("o_", OFFICERS.names, officer_row(officer)))
            record = officer_record_row(OfficerRecord(last + 1, at, officer))
            conn.execute(INSERT_OFFICER_RECORD, named("r_", OFFICER_RECORDS.names, record))

    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        with self._guard(), self._auto.connect() as conn:
            rows = conn.execute(SELECT_OFFICER_RECORDS, {"officer": officer_id}).all()
            return [officer_record_from_row(r) for r in rows]

    def officer(self, officer_id: str) -> Officer | None:
        with self._guard(), self._auto.connect() as conn:
            row = conn.execute(SELECT_OFFICER.where(officers_table.c.id == officer_id)).first()
            return officer_from_row(row) if row is not None else None

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        query = SELECT_OFFICER.order_by(officers_table.c.id)
        if agency is not None:
            query = query.where(officers_table.c.agency == agency)
        with self._guard(), self._auto.connect() as conn:
            return [officer_from_row(r) for r in conn.execute(query).all()]

    # -- cases -------------------------------------------------------------------------------

    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        # Two round trips to the server: the transaction begun with the next number, then the
        # case, its receipt and the commit sent together (psycopg's pipeline mode).
        try:
            with self._guard(), self._engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, psycopg.Connection)
                try:
                    with raw.pipeline(), raw.cursor() as cursor:
                        cursor.execute(NEXT_SQL, {"prefix": prefix})
                        (seq,) = cursor.fetchone() or (None,)
                        if type(seq) is not int:
                            raise DamagedRow("sequences", f"prefix {prefix}", "last")
                        case = build(f"{prefix}{seq:04d}")
                        event = case.events[0]
                        cursor.execute(CREATE_SQL, {**named("c_", CASES.names, case_row(case)),
                                                    **named("e_", EVENT_READ, event_row(case.id, event)[1:])})  # fmt: skip
                        raw.commit()
                except BaseException:
                    raw.rollback()
                    raise
        except psycopg.IntegrityError as err:
            holder = self.event_case(event.id)
            if holder is not None:
                raise DuplicateEvent(event.id, holder) from None
            if err.diag.constraint_name == "cases_pkey":
                # The day's counter is behind the cases it numbered: it was damaged.
                raise corrupt(self.location, tr(f"dòng sequences (tiền tố {prefix}) đứng sau hồ sơ đã lưu {case.id}",
                                                f"row sequences (prefix {prefix}) is behind the stored case {case.id}")) from None
            raise StoreError(tr(f"{self.location}: hồ sơ {visible(case.id)}: {one_line(err)}",
                                f"{self.location}: case {visible(case.id)}: {one_line(err)}"),
                             kind="io", location=self.location) from None  # fmt: skip
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: " + one_line(err), kind="io", location=self.location) from None
        self._remember(case.copy())
        return case

    def append(self, case: Case, *, expected: int) -> None:
        event = case.events[-1]
        case_id = case.id
        params = {
            **named("c_", CHANGING, changed_row(case)),
            **named("e_", EVENT_READ, event_row(case_id, event)[1:]),
            "case_id": case_id,
            "expected": expected,
        }
        claimed = self._claims().get(case_id)
        try:
            if claimed is not None:
                with self._guard(case_id), claimed.begin_nested():
                    written = claimed.execute(APPEND, params).first() is not None
            else:
                with self._guard(case_id), self._auto.connect() as conn:
                    written = conn.execute(APPEND, params).first() is not None
        except sa_exc.IntegrityError:
            written = False
        if not written:
            holder = self.event_case(event.id)
            if holder is not None:
                raise DuplicateEvent(event.id, holder)
            raise ConflictError(case_id, expected=expected, found=self._revision(case_id))
        self._remember(case.copy())

    @contextmanager
    def claim(self, case_id: str, at: dt.datetime) -> Iterator[bool]:
        # The row locked FOR UPDATE SKIP LOCKED: a claim of a held case finds no row at once, and
        # the lock goes with the transaction, so a worker killed mid-claim holds nothing.
        claims = self._claims()
        with self._guard(case_id), self._engine.connect() as conn, conn.begin():
            if case_id in claims or conn.execute(CLAIM, {"case_id": case_id, "at": stamp(at)}).first() is None:
                yield False
                return
            claims[case_id] = conn
            try:
                yield True
            except BaseException:
                self._seen.pop(case_id, None)  # it may hold an append rolled back
                raise
            finally:
                del claims[case_id]

    def _claims(self) -> dict[str, Connection]:
        """The claims this thread holds, by case id, each with the connection of its transaction."""
        found: dict[str, Connection] | None = getattr(self._local, "claims", None)
        if found is None:
            found = self._local.claims = {}
        return found

    def _revision(self, case_id: str) -> int | None:
        with self._guard(case_id), self._auto.connect() as conn:
            found = conn.execute(SELECT_REVISION, {"case_id": case_id}).scalar()
        return found if type(found) is int else None

    def load(self, case_id: str) -> Case | None:
        # No read transaction is needed: a row at revision N is committed together with event
        # N, and the log only grows, so events read after the row are exactly 1..N. A case this
        # store already saw at the stored revision is not read again; otherwise only the events
        # newer than those seen are.
        with self._guard(case_id), self._auto.connect() as conn:
            row = conn.execute(SELECT_CASE, {"case_id": case_id}).first()
            if row is None:
                self._seen.pop(case_id, None)
                return None
            revision = row[REVISION_AT]
            if type(revision) is not int:
                raise DamagedRow("cases", f"id {case_id}", "revision")
            seen = self._seen.get(case_id)
            if seen is not None and seen.revision == revision:
                return seen.copy()
            known = seen.events[:revision] if seen is not None else ()
            if len(known) != revision:
                found = conn.execute(SELECT_EVENTS, {"case_id": case_id, "after": len(known), "upto": revision})
                rows: list[Sequence[object]] = list(found)
                known = known + tuple(events_from_rows(case_id, rows))
                if len(known) != revision:
                    raise corrupt(self.location, tr(f"hồ sơ {visible(case_id)} có {len(known)} sự kiện cho phiên bản {revision}", f"case {visible(case_id)} has {len(known)} events for revision {revision}"))
            case = case_from_row(row, known)
        self._remember(case.copy())
        return case

    def load_many(self, case_ids: Sequence[str]) -> list[Case | None]:
        # Two queries for a batch of cases rather than two for each: a list of the overdue cases
        # of a large store reads thousands. The rows first, then their logs: events appended
        # meanwhile are past a row's revision and left out, as load leaves them.
        found: dict[str, Case] = {}
        ids = list(dict.fromkeys(case_ids))
        for start in range(0, len(ids), _BATCH):
            found.update(self._load_batch(ids[start : start + _BATCH]))
        return [found[i].copy() if i in found else None for i in case_ids]

    def _load_batch(self, ids: list[str]) -> dict[str, Case]:
        with self._guard(), self._auto.connect() as conn:
            rows = {str(row[_ID_AT]): row for row in conn.execute(SELECT_CASES, {"case_ids": ids})}
            logs: dict[str, list[Sequence[object]]] = {}
            if rows:
                for line in conn.execute(SELECT_LOGS, {"case_ids": list(rows)}):
                    logs.setdefault(str(line[0]), []).append(tuple(line[1:]))
        cases: dict[str, Case] = {}
        for case_id, row in rows.items():
            revision = row[REVISION_AT]
            if type(revision) is not int:
                raise DamagedRow("cases", f"id {case_id}", "revision")
            known = tuple(events_from_rows(case_id, [e for e in logs.get(case_id, ()) if _seq(e) <= revision]))
            if len(known) != revision:
                raise corrupt(self.location, tr(
                    f"hồ sơ {visible(case_id)} có {len(known)} sự kiện cho phiên bản {revision}",
                    f"case {visible(case_id)} has {len(known)} events for revision {revision}",
                ))
            case = case_from_row(row, known)
            self._remember(case.copy())
            cases[case_id] = case
        return cases

    def recall(self, case_id: str) -> Case | None:
        seen = self._seen.get(case_id)
        return seen.copy() if seen is not None else None

    def _remember(self, case: Case) -> None:
        seen = self._seen
        if len(seen) >= _RECENT and case.id not in seen:
            seen.clear()
        seen[case.id] = case

    def event_case(self, event_id: str) -> str | None:
        with self._guard(), self._auto.connect() as conn:
            found = conn.execute(HOLDER, {"event_id": event_id}).scalar()
        return str(found) if found is not None else None

    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        c = cases_table.c
        query = sa.select(c.id)
        if overdue_at is not None:
            query = query.where(c.open == ONE, c.due < stamp(overdue_at), c.state != AWAITING_SUPPLEMENT,
                                c.stopped.is_(None)).order_by(c.due, c.id)  # fmt: skip
        else:
            query = query.order_by(c.id)
        if procedure is not None:
            query = query.where(c.procedure == procedure)
        if agency is not None:
            query = query.where(c.agency == agency)
        return self._ids(query)

    def timers_due(self, at: dt.datetime) -> list[str]:
        c = cases_table.c
        return self._ids(sa.select(c.id).where(*due(stamp(at))).order_by(c.timer_due, c.id))

    def _ids(self, query: sa.Select[Any]) -> list[str]:
        with self._guard(), self._auto.connect() as conn:
            return [str(i) for i in conn.execute(query).scalars().all()]
