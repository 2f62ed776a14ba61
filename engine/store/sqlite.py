"""The default case store: one SQLite file holding the event log and current-state rows.

Durability: WAL journal with ``synchronous=FULL``. In WAL mode ``NORMAL`` survives a crashed
or killed process but may lose the last transactions on a power cut or OS crash; ``FULL``
syncs the WAL on every commit. A recorded event is a legal act (a receipt slip handed to an
applicant carries its dossier code and appointment), so it must outlive a power cut, and FULL
still commits thousands of events a second, far beyond what an office fires. Pass
``synchronous="NORMAL"`` where losing the last moments is acceptable (simulations, imports).

Each event is one ``BEGIN IMMEDIATE`` transaction: the case row updated only if its revision
is the one the writer decided on (optimistic concurrency), then the event row. The store keeps
the cases it last wrote or read, so a process firing event after event on its cases reads
nothing back; such a case may be stale, which the revision check catches (see
:meth:`CaseStore.recall`). Triggers make the event log append-only. The tables and the
upgrade of older files are the migrations of ``store/migrations`` (the schema version and the
checks of a store's marks in ``store/schema.py``), the row layout in ``store/rows.py`` and the
statements written from it in ``store/statements.py``, opening a file and SQLite's failures in
``store/connection.py``.

``read_only=True`` opens the file with SQLite's ``mode=ro``: nothing is written, an older
schema is read as it is, and a missing file is an error rather than a new store.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord, StoreError
from motcua.engine.store.connection import (
    Synchronous,
    corrupt,
    damaged,
    failure,
    not_utf8,
    open_file,
    rollback,
    transaction,
    undecodable,
)
from motcua.engine.store.rows import (
    CASES,
    DamagedRow,
    case_from_row,
    case_row,
    event_row,
    events_from_rows,
    officer_from_row,
    officer_record_from_row,
    officer_record_row,
    officer_row,
    stamp,
)
from motcua.engine.store.schema import APPLICATION_ID, SCHEMA_VERSION
from motcua.engine.store.statements import (
    INSERT_CASE,
    INSERT_DEFINITION,
    INSERT_EVENT,
    INSERT_OFFICER_RECORD,
    PUT_OFFICER,
    SELECT_OFFICER,
    SELECT_OFFICER_RECORDS,
    UPDATE_CASE,
    select_case,
    select_events,
    update_row,
)

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SqliteStore", "Synchronous"]

# The row layout under the names the benchmark (bench/engine.py) uses for its bare loop.
_INSERT_EVENT, _UPDATE_CASE, _event_row, _update_row = INSERT_EVENT, UPDATE_CASE, event_row, update_row

_REVISION = CASES.names.index("revision")  # read before the rest of a row: is it the case seen?
#: How many cases a store keeps as it last wrote or read them (see :meth:`SqliteStore.recall`).
_RECENT = 4096


class SqliteStore(CaseStore):
    """Cases in one SQLite file (created when missing or empty, unless ``create=False``).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "cases.db")
    >>> with SqliteStore(path) as store:
    ...     store.case_ids()
    []
    >>> SqliteStore(path + ".typo", read_only=True)
    Traceback (most recent call last):
    ...
    motcua.engine.store.base.StoreError: .../cases.db.typo: no case store there (check the path: --db or MOTCUA_DB)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: Synchronous = "FULL",
        timeout: float = 30.0,
        read_only: bool = False,
        create: bool = True,
    ) -> None:
        self.location = os.fspath(path)
        self.read_only = read_only
        self._seen: dict[str, Case] = {}  # by id, as this store last wrote or read them
        self._db, self._version = open_file(
            self.location, synchronous=synchronous, timeout=timeout, read_only=read_only, create=create
        )
        self._select_events = select_events(self._version)
        self._select_case = select_case(self._version)
        #: A clock stop is a column since schema 3; an older file read as it is has none.
        self._running = " AND stopped IS NULL" if "stopped" in CASES.names_at(self._version) else ""
        #: A due timeout, given the moment and the state awaiting a supplement.
        self._due = f"timer_due IS NOT NULL AND timer_due <= ? AND state <> ? AND open = 1{self._running}"
        #: The cases claimed now, each with the ids of the cases appended to in its claim.
        self._claimed: dict[str, list[str]] = {}

    def _corrupt(self, what: str | Tr) -> StoreError:
        return corrupt(self.location, what)

    def _damaged(self, err: DamagedRow, case_id: str | None = None) -> StoreError:
        return damaged(self.location, err, case_id)

    @contextmanager
    def _guard(self, row: str | None = None, case_id: str | None = None, *, table: str | None = None,
               where: str = "", args: tuple[object, ...] = ()) -> Iterator[None]:  # fmt: skip
        """Store errors for what goes wrong reading ``row``; text that is not UTF-8 is looked for
        in ``table`` (``where``) to name its row and column."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as err:
            found = not_utf8(self._db, self._version, table, where, args) if table and undecodable(err) else None
            if found is not None:
                raise self._damaged(found, case_id) from None
            raise failure(self.location, err, row=row, case_id=case_id) from None
        except DamagedRow as err:
            raise self._damaged(err, case_id) from None

    def close(self) -> None:
        self._db.close()

    # -- definitions and officers ------------------------------------------------------------

    def pin(self, digest: str, key: str, text: str) -> None:
        with self._guard(), transaction(self._db) as db:
            db.execute(INSERT_DEFINITION, (digest, key, text))

    def definition(self, digest: str) -> str:
        with self._guard(f"definitions (digest {digest})", table="definitions", where="digest = ?", args=(digest,)):
            row = self._db.execute("SELECT text FROM definitions WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            raise KeyError(digest)
        (text,) = row
        if type(text) is not str:
            raise self._damaged(DamagedRow("definitions", f"digest {digest}", "text"))
        return text

    def put_officer(self, officer: Officer, *, at: dt.datetime | None = None) -> None:
        with self._guard(f"officers (id {officer.id})"), transaction(self._db) as db:
            row = db.execute(f"{SELECT_OFFICER} WHERE id = ?", (officer.id,)).fetchone()
            if row is not None and officer_from_row(row) == officer:
                return
            (last,) = db.execute("SELECT count(*) FROM officer_records WHERE officer = ?", (officer.id,)).fetchone()
            db.execute(PUT_OFFICER, officer_row(officer))
            db.execute(INSERT_OFFICER_RECORD, officer_record_row(OfficerRecord(last + 1, at, officer)))

    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        if self._version < 4:
            # A file of an older schema read as it is: the record as it stands, made when not known.
            found = self.officer(officer_id)
            return [OfficerRecord(1, None, found)] if found is not None else []
        with self._guard(f"officer_records (officer {officer_id})", table="officer_records", where="officer = ?",
                         args=(officer_id,)):  # fmt: skip
            rows = self._db.execute(SELECT_OFFICER_RECORDS, (officer_id,)).fetchall()
            return [officer_record_from_row(r) for r in rows]

    def officer(self, officer_id: str) -> Officer | None:
        with self._guard(f"officers (id {officer_id})", table="officers", where="id = ?", args=(officer_id,)):
            row = self._db.execute(f"{SELECT_OFFICER} WHERE id = ?", (officer_id,)).fetchone()
            return officer_from_row(row) if row else None

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        with self._guard("officers", table="officers"):
            rows = self._db.execute(f"{SELECT_OFFICER} WHERE ?1 IS NULL OR agency = ?1 ORDER BY id", (agency,)).fetchall()
            return [officer_from_row(r) for r in rows]

    # -- cases -------------------------------------------------------------------------------

    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        with self._guard(f"sequences (prefix {prefix})"), transaction(self._db) as db:
            (seq,) = db.execute(
                "INSERT INTO sequences VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last",
                (prefix,),
            ).fetchone()
            if type(seq) is not int:
                raise DamagedRow("sequences", f"prefix {prefix}", "last")
            case = build(f"{prefix}{seq:04d}")
            event = case.events[0]
            try:
                db.execute(INSERT_CASE, case_row(case))
                db.execute(INSERT_EVENT, event_row(case.id, event))
            except sqlite3.IntegrityError:
                holder = self._holder(event.id)
                if holder is None:
                    # The day's counter is behind the cases it numbered: it was damaged.
                    raise self._corrupt(tr(f"dòng sequences (tiền tố {prefix}) đứng sau hồ sơ đã lưu {case.id}", f"row sequences (prefix {prefix}) is behind the stored case {case.id}")) from None
                raise DuplicateEvent(event.id, holder) from None
        self._remember(case.copy())
        return case

    def append(self, case: Case, *, expected: int) -> None:
        # Written out rather than through transaction/_guard: this is the path every event takes.
        # The revision-checked UPDATE goes first, so a stale writer learns it from the row
        # count before anything is inserted.
        event = case.events[-1]
        case_id = case.id
        update, insert = update_row(case, expected), event_row(case_id, event)  # before the lock
        db = self._db
        claimed = self._claimed.get(case_id)
        try:
            db.execute("BEGIN IMMEDIATE" if claimed is None else "SAVEPOINT append")
            try:
                if db.execute(UPDATE_CASE, update).rowcount != 1:
                    holder = self._holder(event.id)
                    if holder is not None:
                        raise DuplicateEvent(event.id, holder)
                    raise ConflictError(case_id, expected=expected, found=self._revision(case_id))
                try:
                    db.execute(INSERT_EVENT, insert)
                except sqlite3.IntegrityError:
                    holder = self._holder(event.id)
                    if holder is not None:
                        raise DuplicateEvent(event.id, holder) from None
                    raise ConflictError(case_id, expected=expected, found=self._revision(case_id)) from None
                db.execute("COMMIT" if claimed is None else "RELEASE append")
            except BaseException:
                if claimed is None:
                    rollback(db)
                elif db.in_transaction:
                    db.execute("ROLLBACK TO append")
                    db.execute("RELEASE append")
                raise
        except sqlite3.DatabaseError as err:
            raise failure(self.location, err, row=f"cases (id {case_id})", case_id=case_id) from None
        if claimed is not None:
            claimed.append(case_id)
        self._remember(case.copy())

    @contextmanager
    def claim(self, case_id: str, at: dt.datetime) -> Iterator[bool]:
        # One writer at a time: the claim is a write transaction taken before the case is looked
        # at, so a second claim waits for this one to end and then finds the case moved on.
        db = self._db
        with self._guard(f"cases (id {case_id})", case_id, table="cases", where="id = ?", args=(case_id,)):
            db.execute("BEGIN IMMEDIATE")
            try:
                held = db.execute(f"SELECT 1 FROM cases WHERE id = ? AND {self._due}",
                                  (case_id, stamp(at), AWAITING_SUPPLEMENT)).fetchone() is not None  # fmt: skip
            except BaseException:
                rollback(db)
                raise
        if not held:
            with self._guard():
                db.execute("COMMIT")
            yield False
            return
        appended: list[str] = []
        self._claimed[case_id] = appended
        try:
            yield True
            with self._guard(f"cases (id {case_id})", case_id):
                db.execute("COMMIT")
        except BaseException:
            rollback(db)
            for written in appended:  # kept as written; the store holds them as they were
                self._seen.pop(written, None)
            raise
        finally:
            del self._claimed[case_id]

    def _holder(self, event_id: str) -> str | None:
        row = self._db.execute("SELECT case_id FROM events WHERE id = ?", (event_id,)).fetchone()
        return str(row[0]) if row else None

    def _revision(self, case_id: str) -> int | None:
        row = self._db.execute("SELECT revision FROM cases WHERE id = ?", (case_id,)).fetchone()
        return row[0] if row and type(row[0]) is int else None

    def load(self, case_id: str) -> Case | None:
        # No read transaction is needed: a row at revision N is committed together with events
        # 1..N, and the log only grows, so events read after the row are exactly those. A case
        # this store already saw at the stored revision is that row (one commit writes each
        # revision), so it is not parsed again; otherwise only events newer than those seen
        # are fetched.
        db = self._db
        with self._guard(f"cases (id {case_id})", case_id, table="cases", where="id = ?", args=(case_id,)):
            row = db.execute(self._select_case, (case_id,)).fetchone()
        if row is None:
            self._seen.pop(case_id, None)
            return None
        revision = row[_REVISION]
        if type(revision) is not int:
            raise self._damaged(DamagedRow("cases", f"id {case_id}", "revision"), case_id)
        seen = self._seen.get(case_id)
        if seen is not None and seen.revision == revision:
            return seen.copy()
        known = seen.events[:revision] if seen is not None else ()
        with self._guard(f"events (case_id {case_id})", case_id, table="events", where="case_id = ?", args=(case_id,)):
            if len(known) != revision:
                rows = db.execute(self._select_events, (case_id, len(known), revision)).fetchall()
                known = known + tuple(events_from_rows(case_id, rows))
                if len(known) != revision:
                    raise self._corrupt(tr(f"hồ sơ {case_id} có {len(known)} sự kiện cho phiên bản {revision}", f"case {case_id} has {len(known)} events for revision {revision}"))
            case = case_from_row(row, known)
        self._remember(case.copy())
        return case

    def recall(self, case_id: str) -> Case | None:
        seen = self._seen.get(case_id)
        return seen.copy() if seen is not None else None

    def _remember(self, case: Case) -> None:
        seen = self._seen
        if len(seen) >= _RECENT and case.id not in seen:
            seen.clear()
        seen[case.id] = case

    def event_case(self, event_id: str) -> str | None:
        with self._guard(f"events (id {event_id})"):
            return self._holder(event_id)

    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        where = []
        args: list[object] = []
        if overdue_at is not None:
            # open = 1 lets SQLite use the partial index cases_open_due.
            where.append("open = 1 AND due < ? AND state <> ?" + self._running)
            args += [stamp(overdue_at), AWAITING_SUPPLEMENT]
        if procedure is not None:
            where.append("procedure = ?")
            args.append(procedure)
        if agency is not None:
            where.append("agency = ?")
            args.append(agency)
        sql = "SELECT id FROM cases" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY due, id" if overdue_at is not None else " ORDER BY id"
        with self._guard("cases", table="cases"):
            return self._ids(self._db.execute(sql, args))

    def timers_due(self, at: dt.datetime) -> list[str]:
        with self._guard("cases", table="cases"):
            rows = self._db.execute(f"SELECT id FROM cases WHERE {self._due} ORDER BY timer_due, id",
                                    (stamp(at), AWAITING_SUPPLEMENT))  # fmt: skip
            return self._ids(rows)

    def _ids(self, rows: Iterator[tuple[object, ...]]) -> list[str]:
        ids = [r[0] for r in rows]
        for i in ids:
            if type(i) is not str:
                raise self._corrupt(tr("một dòng của bảng cases có mã không phải văn bản", "a row of table cases has an id that is not text"))
        return ids  # type: ignore[return-value]
