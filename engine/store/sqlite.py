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
:meth:`CaseStore.recall`). Triggers make the event log append-only. ``PRAGMA application_id``
marks the file as a motcua store and ``PRAGMA user_version`` records the schema version.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, StoreError

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SqliteStore"]

#: ``PRAGMA application_id`` of motcua stores: "mcua" in ASCII.
APPLICATION_ID = 0x6D637561
#: The schema this code writes; files with a higher ``user_version`` are refused.
SCHEMA_VERSION = 1

_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE definitions (
    digest TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    text TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE officers (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    unit TEXT NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sequences (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    procedure TEXT NOT NULL,
    version TEXT NOT NULL,
    digest TEXT NOT NULL REFERENCES definitions(digest),
    applicant TEXT NOT NULL,
    state TEXT NOT NULL,
    open INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    due TEXT NOT NULL,
    original_due TEXT NOT NULL,
    last_at TEXT NOT NULL,
    step_started TEXT,
    step_due TEXT,
    step_paused_us INTEGER NOT NULL,
    timer_due TEXT,
    paused_from TEXT,
    paused_at TEXT,
    answered TEXT NOT NULL,
    supplement_requests INTEGER NOT NULL,
    apologies INTEGER NOT NULL,
    closed_at TEXT,
    revision INTEGER NOT NULL
);
CREATE TABLE events (
    case_id TEXT NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_agency TEXT NOT NULL,
    actor_unit TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    actor_position TEXT NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    note TEXT,
    records TEXT NOT NULL,
    until TEXT,
    breach TEXT,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
-- Overdue cases are few among many: index only the open ones (the query repeats open = 1).
CREATE INDEX cases_open_due ON cases(due) WHERE open = 1;
CREATE INDEX cases_timer_due ON cases(timer_due) WHERE timer_due IS NOT NULL;
CREATE INDEX cases_procedure ON cases(procedure, agency);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"""

_CASE_COLUMNS = (
    "id, agency, procedure, version, digest, applicant, state, open, received_at, due, "
    "original_due, last_at, step_started, step_due, step_paused_us, timer_due, paused_from, "
    "paused_at, answered, supplement_requests, apologies, closed_at, revision"
)
_INSERT_CASE = f"INSERT INTO cases ({_CASE_COLUMNS}) VALUES ({', '.join('?' * 23)})"
_UPDATE_CASE = (
    "UPDATE cases SET state = ?, open = ?, due = ?, last_at = ?, step_started = ?, step_due = ?, "
    "step_paused_us = ?, timer_due = ?, paused_from = ?, paused_at = ?, answered = ?, "
    "supplement_requests = ?, apologies = ?, closed_at = ?, revision = ? "
    "WHERE id = ? AND revision = ?"
)
_SELECT_CASE = f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?"
_SELECT_EVENTS = (
    "SELECT seq, id, event, actor, actor_agency, actor_unit, actor_name, actor_position, at, source, "
    "target, note, records, until, breach FROM events WHERE case_id = ? AND seq > ? AND seq <= ? ORDER BY seq"
)
#: How many cases a store keeps as it last wrote or read them (see :meth:`SqliteStore.recall`).
_RECENT = 4096
_INSERT_EVENT = (
    "INSERT INTO events (case_id, seq, id, event, actor, actor_agency, actor_unit, actor_name, "
    "actor_position, at, source, target, note, records, until, breach) "
    f"VALUES ({', '.join('?' * 16)})"
)

Synchronous = Literal["FULL", "NORMAL"]


class SqliteStore(CaseStore):
    """Cases in one SQLite file (created when missing or empty).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "cases.db")
    >>> with SqliteStore(path) as store:
    ...     store.case_ids()
    []
    """

    def __init__(self, path: str | os.PathLike[str], *, synchronous: Synchronous = "FULL", timeout: float = 30.0) -> None:
        self.location = os.fspath(path)
        self._seen: dict[str, Case] = {}  # by id, as this store last wrote or read them
        _check_header(self.location)
        try:
            self._db = sqlite3.connect(self.location, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(f"{self.location}: cannot open: {err}", kind="io", location=self.location) from None
        try:
            self._prepare(synchronous)
        except sqlite3.DatabaseError as err:
            self._db.close()
            raise self._failure(err) from None
        except StoreError:
            self._db.close()
            raise

    # -- opening ---------------------------------------------------------------------------

    def _prepare(self, synchronous: Synchronous) -> None:
        db = self._db
        app_id, version = self._identity()
        if (app_id, version) == (0, 0) and not self._has_tables():
            with self._write():
                # Checked again under the write lock: another process may have just created it.
                if not self._has_tables():
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    for statement in _SCHEMA.split(";\n"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            app_id, version = self._identity()
        if app_id != APPLICATION_ID:
            raise StoreError(
                f"{self.location}: not a motcua case store (an SQLite database of another application)",
                kind="foreign",
                location=self.location,
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.location}: case store schema {version} is newer than this motcua reads ({SCHEMA_VERSION}); upgrade motcua",
                kind="newer",
                location=self.location,
            )
        # Only now that the file is ours: WAL is a persistent property of the file.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA synchronous = {synchronous}")
        db.execute("PRAGMA foreign_keys = ON")

    def _identity(self) -> tuple[int, int]:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        return int(app_id), int(version)

    def _has_tables(self) -> bool:
        return bool(self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0)

    def _failure(self, err: sqlite3.Error) -> StoreError:
        text = str(err)
        if isinstance(err, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return StoreError(f"{self.location}: the store stayed busy: {text}", kind="io", location=self.location)
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return StoreError(
                f"{self.location}: the case store is corrupted ({text}); restore it from a backup",
                kind="corrupt",
                location=self.location,
            )
        return StoreError(f"{self.location}: {text}", kind="io", location=self.location)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            _rollback(db)
            raise

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as err:
            raise self._failure(err) from None

    def close(self) -> None:
        self._db.close()

    # -- definitions and officers ------------------------------------------------------------

    def pin(self, digest: str, key: str, text: str) -> None:
        with self._guard(), self._write() as db:
            db.execute("INSERT OR IGNORE INTO definitions VALUES (?, ?, ?)", (digest, key, text))

    def definition(self, digest: str) -> str:
        with self._guard():
            row = self._db.execute("SELECT text FROM definitions WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            raise KeyError(digest)
        return str(row[0])

    def put_officer(self, officer: Officer) -> None:
        with self._guard(), self._write() as db:
            db.execute(
                "INSERT INTO officers VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "agency = excluded.agency, unit = excluded.unit, name = excluded.name, "
                "position = excluded.position",
                (officer.id, officer.agency, officer.unit, officer.name, officer.position),
            )

    def officer(self, officer_id: str) -> Officer | None:
        with self._guard():
            row = self._db.execute(
                "SELECT id, agency, unit, name, position FROM officers WHERE id = ?", (officer_id,)
            ).fetchone()
        return Officer(row[0], agency=row[1], unit=row[2], name=row[3], position=row[4]) if row else None

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        with self._guard():
            rows = self._db.execute(
                "SELECT id, agency, unit, name, position FROM officers "
                "WHERE ?1 IS NULL OR agency = ?1 ORDER BY id",
                (agency,),
            ).fetchall()
        return [Officer(r[0], agency=r[1], unit=r[2], name=r[3], position=r[4]) for r in rows]

    # -- cases -------------------------------------------------------------------------------

    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        with self._guard(), self._write() as db:
            (seq,) = db.execute(
                "INSERT INTO sequences VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last",
                (prefix,),
            ).fetchone()
            case = build(f"{prefix}{seq:04d}")
            event = case.events[0]
            try:
                db.execute(_INSERT_CASE, _case_row(case))
                db.execute(_INSERT_EVENT, _event_row(case.id, event))
            except sqlite3.IntegrityError:
                holder = self._holder(event.id)
                if holder is None:
                    raise
                raise DuplicateEvent(event.id, holder) from None
        self._remember(case.copy())
        return case

    def append(self, case: Case, *, expected: int) -> None:
        # Written out rather than through _write/_guard: this is the path every event takes.
        # The revision-checked UPDATE goes first, so a stale writer learns it from the row
        # count before anything is inserted.
        event = case.events[-1]
        case_id = case.id
        update_row, event_row = _update_row(case, expected), _event_row(case_id, event)  # before the lock
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute(_UPDATE_CASE, update_row).rowcount != 1:
                    holder = self._holder(event.id)
                    if holder is not None:
                        raise DuplicateEvent(event.id, holder)
                    raise ConflictError(case_id, expected=expected, found=self._revision(case_id))
                try:
                    db.execute(_INSERT_EVENT, event_row)
                except sqlite3.IntegrityError:
                    holder = self._holder(event.id)
                    if holder is not None:
                        raise DuplicateEvent(event.id, holder) from None
                    raise ConflictError(case_id, expected=expected, found=self._revision(case_id)) from None
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise
        except sqlite3.DatabaseError as err:
            raise self._failure(err) from None
        self._remember(case.copy())

    def _holder(self, event_id: str) -> str | None:
        row = self._db.execute("SELECT case_id FROM events WHERE id = ?", (event_id,)).fetchone()
        return str(row[0]) if row else None

    def _revision(self, case_id: str) -> int | None:
        row = self._db.execute("SELECT revision FROM cases WHERE id = ?", (case_id,)).fetchone()
        return int(row[0]) if row else None

    def load(self, case_id: str) -> Case | None:
        # No read transaction is needed: a row at revision N is committed together with events
        # 1..N, and the log only grows, so events read after the row are exactly those. A case
        # this store already saw at the stored revision is that row (one commit writes each
        # revision), so it is not parsed again; otherwise only events newer than those seen
        # are fetched.
        with self._guard():
            db = self._db
            row = db.execute(_SELECT_CASE, (case_id,)).fetchone()
            if row is None:
                self._seen.pop(case_id, None)
                return None
            revision = int(row[-1])
            seen = self._seen.get(case_id)
            if seen is not None and seen.revision == revision:
                return seen.copy()
            known = seen.events[:revision] if seen is not None else ()
            if len(known) != revision:
                rows = db.execute(_SELECT_EVENTS, (case_id, len(known), revision)).fetchall()
                known = known + tuple(_events(rows))
                if len(known) != revision:
                    raise StoreError(
                        f"{self.location}: case {case_id} has {len(known)} events for revision {revision}; "
                        "the case store is corrupted",
                        kind="corrupt",
                        location=self.location,
                    )
            case = _case(row, known)
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
        with self._guard():
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
            where.append("open = 1 AND due < ? AND state <> ?")
            args += [_t(overdue_at), AWAITING_SUPPLEMENT]
        if procedure is not None:
            where.append("procedure = ?")
            args.append(procedure)
        if agency is not None:
            where.append("agency = ?")
            args.append(agency)
        sql = "SELECT id FROM cases" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY due, id" if overdue_at is not None else " ORDER BY id"
        with self._guard():
            return [r[0] for r in self._db.execute(sql, args)]

    def timers_due(self, at: dt.datetime) -> list[str]:
        with self._guard():
            rows = self._db.execute(
                "SELECT id FROM cases WHERE timer_due IS NOT NULL AND timer_due <= ? AND state <> ? "
                "AND open = 1 ORDER BY timer_due, id",
                (_t(at), AWAITING_SUPPLEMENT),
            )
            return [r[0] for r in rows]


def _rollback(db: sqlite3.Connection) -> None:
    # A failed COMMIT may leave the transaction open (SQLITE_BUSY, I/O errors) or may have
    # rolled it back already; either way the connection must be usable for the next event.
    if db.in_transaction:
        db.execute("ROLLBACK")


def _check_header(path: str) -> None:
    """Refuse a file that is not SQLite before SQLite writes anything into it."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: is a directory, not a case store", kind="foreign", location=path) from None
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err.strerror}", kind="io", location=path) from None
    if head and head != _HEADER:
        raise StoreError(f"{path}: not a motcua case store (not an SQLite database)", kind="foreign", location=path)


def _t(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    # Aware times never reach a store (ledger.local_time makes every time naive local time);
    # one that did is written as it is, since equal aware times may have different offsets.
    return _stamp(value) if value.tzinfo is None else value.isoformat()


@functools.lru_cache(maxsize=4096)
def _stamp(value: dt.datetime) -> str:
    """A naive time as stored, kept: a case's row repeats most of its times event after event.

    Seconds, or microseconds when there are any (a deadline of a fraction of a working day may
    fall between seconds): a stored row reads back exactly as the case that was written, and
    ISO text in one layout sorts as the times do.
    """
    return value.isoformat()


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text is not None else None


def _dtx(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _case_row(c: Case) -> tuple[object, ...]:
    return (
        c.id, c.agency, c.procedure, c.version, c.digest, c.applicant, c.state, int(c.closed_at is None),
        _t(c.received_at), _t(c.due), _t(c.original_due), _t(c.last_at), _t(c.step_started),
        _t(c.step_due), c.step_paused // _US, _t(c.timer_due), c.paused_from,
        _t(c.paused_at), _list(c.answered), c.supplement_requests, c.apologies,
        _t(c.closed_at), c.revision,
    )  # fmt: skip


def _update_row(c: Case, expected: int) -> tuple[object, ...]:
    return (
        c.state, int(c.closed_at is None), _t(c.due), _t(c.last_at), _t(c.step_started), _t(c.step_due),
        c.step_paused // _US, _t(c.timer_due), c.paused_from, _t(c.paused_at),
        _list(c.answered), c.supplement_requests, c.apologies, _t(c.closed_at), c.revision, c.id, expected,
    )  # fmt: skip


_US = dt.timedelta(microseconds=1)


def _list(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False) if items else "[]"


def _unlist(text: object) -> tuple[str, ...]:
    # Most lists stored are empty; json.loads would cost more than the rest of the row.
    return () if text == "[]" else tuple(json.loads(str(text)))


def _event_row(case_id: str, e: Event) -> tuple[object, ...]:
    a = e.actor
    return (
        case_id, e.seq, e.id, e.event, a.id, a.agency, a.unit, a.name, a.position, _t(e.at),
        e.source, e.target, e.note, _list(e.records), _t(e.until), e.breach,
    )  # fmt: skip


def _case(r: tuple[object, ...], events: tuple[Event, ...]) -> Case:
    return Case(
        id=str(r[0]), agency=str(r[1]), procedure=str(r[2]), version=str(r[3]), digest=str(r[4]),
        applicant=str(r[5]), state=str(r[6]), received_at=_dtx(str(r[8])), due=_dtx(str(r[9])),
        original_due=_dtx(str(r[10])), last_at=_dtx(str(r[11])), step_started=_dt(_s(r[12])),
        step_due=_dt(_s(r[13])), step_paused=dt.timedelta(microseconds=int(str(r[14]))),
        timer_due=_dt(_s(r[15])), paused_from=_s(r[16]), paused_at=_dt(_s(r[17])),
        answered=_unlist(r[18]), supplement_requests=int(str(r[19])),
        apologies=int(str(r[20])), closed_at=_dt(_s(r[21])), revision=int(str(r[22])), events=events,
    )  # fmt: skip


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _events(rows: list[tuple[object, ...]]) -> Iterator[Event]:
    actors: dict[tuple[object, ...], Officer] = {}
    for r in rows:
        key = r[3:8]
        actor = actors.get(key)
        if actor is None:
            actor = actors[key] = Officer(str(r[3]), agency=str(r[4]), unit=str(r[5]), name=str(r[6]), position=str(r[7]))
        yield Event(
            id=str(r[1]), seq=int(str(r[0])), event=str(r[2]), actor=actor, at=_dtx(str(r[8])),
            source=str(r[9]), target=str(r[10]), note=_s(r[11]), records=_unlist(r[12]),
            until=_dt(_s(r[13])), breach=_s(r[14]),
        )  # fmt: skip
