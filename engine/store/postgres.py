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
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import Connection, make_url

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store import codec
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord, StoreError
from motcua.engine.store.connection import corrupt, damaged
from motcua.engine.store.rows import (
    CASES,
    CHANGING,
    DEFINITIONS,
    EVENT_READ,
    EVENTS,
    OFFICER_RECORDS,
    OFFICERS,
    SEQUENCES,
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
from motcua.engine.store.schema import REVISION, SCHEMA_VERSION, UPGRADE_COMMAND, check_revision, newer

__all__ = ["APPLICATION", "SCHEMES", "PostgresStore", "is_url", "shown_url"]

#: The URL schemes that name a PostgreSQL store.
SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")
#: The value of ``meta.application`` in a motcua store.
APPLICATION = "motcua case store"
#: The oldest schema a PostgreSQL store was written with (the first had the officers' history).
FIRST_SCHEMA = 4
#: How many cases a store keeps as it last wrote or read them (see :meth:`PostgresStore.recall`).
_RECENT = 4096
#: The key of the advisory lock held while a store's tables are created or upgraded.
_CREATING = 0x6D637561


def is_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL store rather than an SQLite file."""
    return location.lower().startswith(SCHEMES)


def shown_url(location: str) -> str:
    """The URL as it may be shown: without its password (in the authority or the query)."""
    # Up to the last '@' before the path: a password written with an '@' in it is hidden whole.
    text = re.sub(r"^(\w[\w+.-]*://[^/@:?#]*):[^/?#]*@", r"\1:***@", location)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)


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
_meta = sa.Table(
    "meta", METADATA,
    sa.Column("key", sa.Text(collation="C"), primary_key=True), sa.Column("value", sa.Text(), nullable=False),
)  # fmt: skip
_definitions = _declare(METADATA, DEFINITIONS)
_officers = _declare(METADATA, OFFICERS)
_officer_records = _declare(METADATA, OFFICER_RECORDS)
_sequences = _declare(METADATA, SEQUENCES)
_cases = _declare(METADATA, CASES, sa.ForeignKeyConstraint(["digest"], ["definitions.digest"]))
_events = _declare(
    METADATA, EVENTS, sa.ForeignKeyConstraint(["case_id"], ["cases.id"]), sa.UniqueConstraint("id", name="events_id_key")
)
# Overdue cases are few among many: index only the open ones (the query repeats open = 1).
sa.Index("cases_open_due", _cases.c.due, postgresql_where=_cases.c.open == 1)
sa.Index("cases_timer_due", _cases.c.timer_due, postgresql_where=_cases.c.timer_due.is_not(None))
sa.Index("cases_procedure", _cases.c.procedure, _cases.c.agency)

# -- the statements ------------------------------------------------------------------------------


_PIN = pg_insert(_definitions).values(digest=sa.bindparam("digest"), key=sa.bindparam("key"),
                                      text=sa.bindparam("text")).on_conflict_do_nothing()  # fmt: skip
_SELECT_OFFICER = sa.select(*(_officers.c[n] for n in OFFICERS.names))
_PUT_OFFICER = (
    pg_insert(_officers)
    .values({n: sa.bindparam(f"o_{n}") for n in OFFICERS.names})
    .on_conflict_do_update(
        index_elements=["id"], set_={n: sa.bindparam(f"o_{n}") for n in OFFICERS.names if n != "id"}
    )
)
_INSERT_OFFICER_RECORD = sa.insert(_officer_records).values({n: sa.bindparam(f"r_{n}") for n in OFFICER_RECORDS.names})
_SELECT_OFFICER_RECORDS = (
    sa.select(*(_officer_records.c[n] for n in OFFICER_RECORDS.names))
    .where(_officer_records.c.officer == sa.bindparam("officer"))
    .order_by(_officer_records.c.seq)
)
_NEXT = (
    pg_insert(_sequences)
    .values(prefix=sa.bindparam("prefix"), last=sa.literal_column("1"))
    .on_conflict_do_update(index_elements=["prefix"], set_={"last": _sequences.c["last"] + sa.literal_column("1")})
    .returning(_sequences.c["last"])
)
#: The event row selected from the case row a statement just wrote (none written, none selected).
_event_from = [sa.bindparam(f"e_{n}", type_=_events.c[n].type) for n in EVENT_READ]
_created = (
    sa.insert(_cases).values({n: sa.bindparam(f"c_{n}") for n in CASES.names}).returning(_cases.c.id).cte("created")
)
#: A new case and its receipt, in one statement.
_CREATE = sa.insert(_events).from_select(list(EVENTS.names), sa.select(_created.c.id, *_event_from))
_moved = (
    sa.update(_cases)
    .where(_cases.c.id == sa.bindparam("case_id"), _cases.c.revision == sa.bindparam("expected"))
    .values({n: sa.bindparam(f"c_{n}") for n in CHANGING})
    .returning(_cases.c.id)
    .cte("moved")
)
#: The row moved on by one event, only if it is still at the revision the writer decided on,
#: and the event: one statement, one transaction.
_APPEND = (
    sa.insert(_events).from_select(list(EVENTS.names), sa.select(_moved.c.id, *_event_from)).returning(_events.c.seq)
)
_DIALECT = PGDialect_psycopg()  # type: ignore[no-untyped-call]
#: What :meth:`PostgresStore.create` sends through the driver itself.
_NEXT_SQL, _CREATE_SQL = (str(s.compile(dialect=_DIALECT)) for s in (_NEXT, _CREATE))
_SELECT_CASE = sa.select(*(_cases.c[n] for n in CASES.names)).where(_cases.c.id == sa.bindparam("case_id"))
_SELECT_EVENTS = (
    sa.select(*(_events.c[n] for n in EVENT_READ))
    .where(
        _events.c.case_id == sa.bindparam("case_id"),
        _events.c.seq > sa.bindparam("after"),
        _events.c.seq <= sa.bindparam("upto"),
    )
    .order_by(_events.c.seq)
)
_HOLDER = sa.select(_events.c.case_id).where(_events.c.id == sa.bindparam("event_id"))
_REVISION = sa.select(_cases.c.revision).where(_cases.c.id == sa.bindparam("case_id"))
_REVISION_AT = CASES.names.index("revision")
#: ``open = 1`` written out, not bound: the planner matches it to the partial index cases_open_due.
_ONE: sa.ColumnClause[int] = sa.literal_column("1")


def _due(at: Any) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions of a step timeout due at ``at`` (see :meth:`CaseStore.timers_due`)."""
    c = _cases.c
    return (c.timer_due.is_not(None), c.timer_due <= at, c.state != AWAITING_SUPPLEMENT, c.open == _ONE,
            c.stopped.is_(None))  # fmt: skip


#: The case, locked for this transaction if its timeout is due and no other transaction holds it.
_CLAIM = (
    sa.select(_cases.c.id)
    .where(_cases.c.id == sa.bindparam("case_id"), *_due(sa.bindparam("at", type_=_cases.c.timer_due.type)))
    .with_for_update(skip_locked=True)
)


def _named(prefix: str, names: Sequence[str], values: Sequence[object]) -> dict[str, object]:
    return {f"{prefix}{n}": v for n, v in zip(names, values)}


# -- connecting ----------------------------------------------------------------------------------


def _engine(location: str, shown: str, *, read_only: bool) -> sa.Engine:
    try:
        url = make_url(location)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        if url.drivername != "postgresql+psycopg":
            raise ValueError(f"the driver {url.drivername!r} is not one motcua uses (postgresql://)")
        if not url.database:
            raise ValueError("it names no database (postgresql://user@host:port/database)")
        connect_args: dict[str, object] = {"application_name": "motcua"}
        if "connect_timeout" not in url.query:
            connect_args["connect_timeout"] = 10
        engine = sa.create_engine(url, connect_args=connect_args, pool_size=4, max_overflow=8)
    except (sa_exc.ArgumentError, ValueError) as err:
        raise StoreError(tr(f"{shown}: không phải URL PostgreSQL motcua dùng được: {_one_line(err)} "
                            "(kiểm tra --db hoặc MOTCUA_DB)",
                            f"{shown}: not a PostgreSQL URL motcua can use: {_one_line(err)} (check --db or MOTCUA_DB)"),
                         kind="missing", location=shown) from None  # fmt: skip
    if read_only:

        @sa.event.listens_for(engine, "connect")
        def _read_only(connection: Any, record: object) -> None:
            connection.execute("SET default_transaction_read_only = on")
            connection.commit()

    return engine


def _one_line(err: BaseException) -> str:
    """A driver's message on one line, without the SQL and the hints SQLAlchemy adds."""
    text = str(getattr(err, "orig", None) or err)
    text = text.split("\n[SQL:")[0].split("\n(Background on this error")[0]
    text = re.sub(r"^connection failed: ", "", text.strip())
    return visible(" ".join(text.split()))


def _connect_failure(shown: str, err: BaseException) -> StoreError:
    """The :class:`StoreError` for a server that could not be reached, or refused the login."""
    reason = _one_line(err)
    database = re.search(r'database "(.*)" does not exist', reason)
    if database:
        return StoreError(
            tr(f"{shown}: máy chủ không có cơ sở dữ liệu {database.group(1)} (hãy tạo nó, ví dụ bằng createdb, "
               "hoặc kiểm tra URL: --db hoặc MOTCUA_DB)",
               f"{shown}: no database {database.group(1)} on the server (create it, e.g. createdb, "
               "or check the URL: --db or MOTCUA_DB)"),
            kind="missing", location=shown,
        )  # fmt: skip
    if "authentication failed" in reason or "no password supplied" in reason or re.search(r'role ".*" does not', reason):
        return StoreError(tr(f"{shown}: máy chủ PostgreSQL từ chối đăng nhập: {reason}",
                             f"{shown}: the PostgreSQL server refused the login: {reason}"),
                          kind="io", location=shown)  # fmt: skip
    return StoreError(tr(f"{shown}: không kết nối được máy chủ PostgreSQL: {reason}",
                         f"{shown}: cannot connect to the PostgreSQL server: {reason}"),
                      kind="io", location=shown)  # fmt: skip


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
        self._engine = _engine(url, self.location, read_only=read_only)
        self._auto = self._engine.execution_options(isolation_level="AUTOCOMMIT")
        try:
            self._prepare(create=create and not read_only)
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        self._engine.dispose()

    # -- opening -------------------------------------------------------------------------------

    def _prepare(self, *, create: bool) -> None:
        try:
            with self._engine.begin() as conn:
                found = self._identity(conn)
                if (found is None and create) or (found is not None and found[1] != REVISION and not self.read_only):
                    # Looked at again under the lock: another process may have just created or upgraded it.
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_CREATING)))
                    found = self._identity(conn)
                    if (found is None and create) or (found is not None and found[1] != REVISION):
                        from motcua.engine.store import migrations

                        migrations.upgrade(conn)
                        found = self._identity(conn)
                        if found is None or found[1] != REVISION:
                            raise corrupt(self.location, tr("các bước chuyển đổi của kho hồ sơ để lại kho không có số hiệu chuyển đổi", "the case store's migrations left it without their revision"))
        except StoreError:
            raise
        except sa_exc.DBAPIError as err:
            if err.connection_invalidated or isinstance(err.orig, _connection_errors()):
                raise _connect_failure(self.location, err) from None
            raise self._failure(err) from None
        if found is None:
            raise StoreError(tr(f"{self.location}: một cơ sở dữ liệu chưa có kho hồ sơ (kiểm tra URL: --db hoặc MOTCUA_DB)",
                                f"{self.location}: a database with no case store yet (check the URL: --db or MOTCUA_DB)"),
                             kind="missing", location=self.location)  # fmt: skip
        if found[0] < SCHEMA_VERSION:
            # Opened read-only: this store reads only the schema it writes.
            raise StoreError(
                tr(f"{self.location}: lược đồ kho hồ sơ {found[0]} cũ hơn lược đồ phiên bản motcua này đọc "
                   f"({SCHEMA_VERSION}); hãy nâng cấp kho trước: {UPGRADE_COMMAND.format(location=self.location)}",
                   f"{self.location}: case store schema {found[0]} is older than this motcua reads ({SCHEMA_VERSION}); "
                   f"upgrade it first: {UPGRADE_COMMAND.format(location=self.location)}"),
                kind="outdated", location=self.location,
            )  # fmt: skip

    def _identity(self, conn: Connection) -> tuple[int, str | None] | None:
        """The schema of the store in the database and its migration revision (``None`` for a
        store written before migrations); ``None`` for a database with no tables. A database of
        another application, of a newer schema or whose marks disagree is refused."""
        tables = conn.execute(sa.text(
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )).scalars().all()  # fmt: skip
        if not tables:
            return None
        if "meta" not in tables:
            raise self._foreign()
        try:
            with conn.begin_nested():
                rows = {str(k): str(v) for k, v in conn.execute(sa.select(_meta.c.key, _meta.c.value)).all()}
        except sa_exc.DBAPIError:
            raise self._foreign() from None
        if rows.get("application") != APPLICATION:
            raise self._foreign()
        schema = rows.get("schema", "")
        if not schema.isascii() or not schema.isdigit() or int(schema) < FIRST_SCHEMA:
            raise corrupt(self.location, tr(f"lược đồ kho hồ sơ {visible(schema)!r} không phải do motcua ghi", f"case store schema {visible(schema)!r} is not one motcua wrote"))
        if int(schema) > SCHEMA_VERSION:
            raise newer(self.location, int(schema))
        revision = None
        if "alembic_version" in tables:
            found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
            if len(found) > 1:
                raise corrupt(self.location, tr("bảng alembic_version không giữ đúng một số hiệu chuyển đổi", "table alembic_version holds no single revision"))
            revision = str(found[0]) if found else None
        if revision is not None:
            check_revision(self.location, revision, int(schema))
        return int(schema), revision

    def _foreign(self) -> StoreError:
        return StoreError(tr(f"{self.location}: không phải kho hồ sơ motcua (một cơ sở dữ liệu PostgreSQL của ứng dụng khác)",
                             f"{self.location}: not a motcua case store (a PostgreSQL database of another application)"),
                          kind="foreign", location=self.location)  # fmt: skip

    # -- failures ------------------------------------------------------------------------------

    def _failure(self, err: sa_exc.DBAPIError, *, case_id: str | None = None) -> StoreError:
        if err.connection_invalidated:
            return StoreError(tr(f"{self.location}: mất kết nối với máy chủ PostgreSQL: {_one_line(err)}",
                                 f"{self.location}: lost the PostgreSQL server: {_one_line(err)}"),
                              kind="io", location=self.location)  # fmt: skip
        case = tr(f"hồ sơ {visible(case_id)}: ", f"case {visible(case_id)}: ") if case_id is not None else ""
        if getattr(err.orig, "sqlstate", None) == "25006":
            return StoreError(f"{self.location}: " + case + tr("kho hồ sơ đang mở chỉ để đọc", "the store is open read-only"),
                              kind="io", location=self.location)  # fmt: skip
        return StoreError(f"{self.location}: " + case + _one_line(err), kind="io", location=self.location)

    @contextmanager
    def _guard(self, case_id: str | None = None) -> Iterator[None]:
        """Store errors for what the server or a damaged row reports."""
        try:
            yield
        except sa_exc.IntegrityError:
            raise
        except sa_exc.DBAPIError as err:
            raise self._failure(err, case_id=case_id) from None
        except DamagedRow as err:
            raise damaged(self.location, err, case_id) from None

    # -- definitions and officers ------------------------------------------------------------

    def pin(self, digest: str, key: str, text: str) -> None:
        with self._guard(), self._auto.connect() as conn:
            conn.execute(_PIN, {"digest": digest, "key": key, "text": text})

    def definition(self, digest: str) -> str:
        with self._guard(), self._auto.connect() as conn:
            text = conn.execute(sa.select(_definitions.c.text).where(_definitions.c.digest == digest)).scalar()
        if text is None:
            raise KeyError(digest)
        return str(text)

    def put_officer(self, officer: Officer, *, at: dt.datetime | None = None) -> None:
        with self._guard(), self._engine.begin() as conn:
            # One registration of an id at a time: the history's next seq is counted under the lock.
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtextextended(officer.id, _CREATING))))
            row = conn.execute(_SELECT_OFFICER.where(_officers.c.id == officer.id)).first()
            if row is not None and officer_from_row(row) == officer:
                return
            last = conn.execute(
                sa.select(sa.func.count()).select_from(_officer_records).where(_officer_records.c.officer == officer.id)
            ).scalar_one()
            conn.execute(_PUT_OFFICER, _named("o_", OFFICERS.names, officer_row(officer)))
            record = officer_record_row(OfficerRecord(last + 1, at, officer))
            conn.execute(_INSERT_OFFICER_RECORD, _named("r_", OFFICER_RECORDS.names, record))

    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        with self._guard(), self._auto.connect() as conn:
            rows = conn.execute(_SELECT_OFFICER_RECORDS, {"officer": officer_id}).all()
            return [officer_record_from_row(r) for r in rows]

    def officer(self, officer_id: str) -> Officer | None:
        with self._guard(), self._auto.connect() as conn:
            row = conn.execute(_SELECT_OFFICER.where(_officers.c.id == officer_id)).first()
            return officer_from_row(row) if row is not None else None

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        query = _SELECT_OFFICER.order_by(_officers.c.id)
        if agency is not None:
            query = query.where(_officers.c.agency == agency)
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
                        cursor.execute(_NEXT_SQL, {"prefix": prefix})
                        (seq,) = cursor.fetchone() or (None,)
                        if type(seq) is not int:
                            raise DamagedRow("sequences", f"prefix {prefix}", "last")
                        case = build(f"{prefix}{seq:04d}")
                        event = case.events[0]
                        cursor.execute(_CREATE_SQL, {**_named("c_", CASES.names, case_row(case)),
                                                     **_named("e_", EVENT_READ, event_row(case.id, event)[1:])})  # fmt: skip
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
            raise StoreError(tr(f"{self.location}: hồ sơ {visible(case.id)}: {_one_line(err)}",
                                f"{self.location}: case {visible(case.id)}: {_one_line(err)}"),
                             kind="io", location=self.location) from None  # fmt: skip
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: " + _one_line(err), kind="io", location=self.location) from None
        self._remember(case.copy())
        return case

    def append(self, case: Case, *, expected: int) -> None:
        event = case.events[-1]
        case_id = case.id
        params = {
            **_named("c_", CHANGING, changed_row(case)),
            **_named("e_", EVENT_READ, event_row(case_id, event)[1:]),
            "case_id": case_id,
            "expected": expected,
        }
        claimed = self._claims().get(case_id)
        try:
            if claimed is not None:
                with self._guard(case_id), claimed.begin_nested():
                    written = claimed.execute(_APPEND, params).first() is not None
            else:
                with self._guard(case_id), self._auto.connect() as conn:
                    written = conn.execute(_APPEND, params).first() is not None
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
            if case_id in claims or conn.execute(_CLAIM, {"case_id": case_id, "at": stamp(at)}).first() is None:
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
            found = conn.execute(_REVISION, {"case_id": case_id}).scalar()
        return found if type(found) is int else None

    def load(self, case_id: str) -> Case | None:
        # No read transaction is needed: a row at revision N is committed together with event
        # N, and the log only grows, so events read after the row are exactly 1..N. A case this
        # store already saw at the stored revision is not read again; otherwise only the events
        # newer than those seen are.
        with self._guard(case_id), self._auto.connect() as conn:
            row = conn.execute(_SELECT_CASE, {"case_id": case_id}).first()
            if row is None:
                self._seen.pop(case_id, None)
                return None
            revision = row[_REVISION_AT]
            if type(revision) is not int:
                raise DamagedRow("cases", f"id {case_id}", "revision")
            seen = self._seen.get(case_id)
            if seen is not None and seen.revision == revision:
                return seen.copy()
            known = seen.events[:revision] if seen is not None else ()
            if len(known) != revision:
                found = conn.execute(_SELECT_EVENTS, {"case_id": case_id, "after": len(known), "upto": revision})
                rows: list[Sequence[object]] = list(found)
                known = known + tuple(events_from_rows(case_id, rows))
                if len(known) != revision:
                    raise corrupt(self.location, tr(f"hồ sơ {visible(case_id)} có {len(known)} sự kiện cho phiên bản {revision}", f"case {visible(case_id)} has {len(known)} events for revision {revision}"))
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
        with self._guard(), self._auto.connect() as conn:
            found = conn.execute(_HOLDER, {"event_id": event_id}).scalar()
        return str(found) if found is not None else None

    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        c = _cases.c
        query = sa.select(c.id)
        if overdue_at is not None:
            query = query.where(c.open == _ONE, c.due < stamp(overdue_at), c.state != AWAITING_SUPPLEMENT,
                                c.stopped.is_(None)).order_by(c.due, c.id)  # fmt: skip
        else:
            query = query.order_by(c.id)
        if procedure is not None:
            query = query.where(c.procedure == procedure)
        if agency is not None:
            query = query.where(c.agency == agency)
        return self._ids(query)

    def timers_due(self, at: dt.datetime) -> list[str]:
        c = _cases.c
        return self._ids(sa.select(c.id).where(*_due(stamp(at))).order_by(c.timer_due, c.id))

    def _ids(self, query: sa.Select[Any]) -> list[str]:
        with self._guard(), self._auto.connect() as conn:
            return [str(i) for i in conn.execute(query).scalars().all()]


def _connection_errors() -> tuple[type[BaseException], ...]:
    return (psycopg.OperationalError, psycopg.InterfaceError)
