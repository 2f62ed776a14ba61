"""Opening a case store file, and SQLite's failures told as :class:`StoreError`.

A file is checked before SQLite writes anything into it (another program's data is left
alone), created only when asked, and opened with SQLite's ``mode=ro`` for reading. Opened for
writing, a new file gets its tables, and a file of an older schema (or written before migrations)
is upgraded in place, by the migrations of ``store/migrations`` run in one ``BEGIN IMMEDIATE``
transaction; a file opened read-only is read as it is. What SQLite reports about a damaged
file becomes one "corrupted" error naming the row being read.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.printable import visible
from motcua.engine.store.base import StoreError
from motcua.engine.store.rows import TABLES, DamagedRow
from motcua.engine.store.schema import APPLICATION_ID, REVISION, SCHEMA_VERSION, check_revision, newer

__all__ = ["Synchronous", "corrupt", "damaged", "failure", "not_utf8", "open_file", "rollback", "transaction"]

Synchronous = Literal["FULL", "NORMAL"]

_HEADER = b"SQLite format 3\x00"


def open_file(
    location: str, *, synchronous: Synchronous, timeout: float, read_only: bool, create: bool
) -> tuple[sqlite3.Connection, int]:
    """A connection to the store at ``location`` and the schema version it holds."""
    if not _check_header(location) and (read_only or not create):
        there = (tr("một tệp rỗng, chưa có kho hồ sơ", "an empty file, no case store yet") if os.path.exists(location)
                 else tr("không có kho hồ sơ ở đó", "no case store there"))
        raise StoreError(f"{location}: " + there + tr(" (kiểm tra đường dẫn: --db hoặc MOTCUA_DB)",
                                                      " (check the path: --db or MOTCUA_DB)"),
                         kind="missing", location=location)  # fmt: skip
    try:
        db = _connect(location, timeout, read_only=read_only)
    except sqlite3.Error as err:
        raise StoreError(tr(f"{location}: không mở được: {err}", f"{location}: cannot open: {err}"),
                         kind="io", location=location) from None  # fmt: skip
    except UnicodeDecodeError:  # SQLite's message quotes a damaged name of the schema
        raise corrupt(location, tr("SQLite báo lược đồ bị hỏng", "SQLite reports a damaged schema")) from None
    try:
        return db, _prepare(db, location, synchronous, read_only=read_only, timeout=timeout)
    except sqlite3.DatabaseError as err:
        db.close()
        raise failure(location, err) from None
    except UnicodeDecodeError:
        db.close()
        raise corrupt(location, tr("SQLite báo lược đồ bị hỏng", "SQLite reports a damaged schema")) from None
    except StoreError:
        db.close()
        raise


def _connect(location: str, timeout: float, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(location, timeout=timeout, isolation_level=None, check_same_thread=False)
    path = urllib.parse.quote(os.fsencode(os.path.abspath(location)))
    uri = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as err:
        # A WAL file needs its -shm index beside it, which a read-only folder cannot hold.
        # With no -wal file every committed transaction is in the main file, and no writer
        # can start where it could not create one: the file may be read as immutable.
        if immutable or "unable to open" not in str(err) or os.path.exists(location + "-wal"):
            return db  # preparing reports the failure
        db.close()
        return _connect(location, timeout, read_only=True, immutable=True)
    except sqlite3.DatabaseError:
        return db  # preparing reports the failure
    return db


def _prepare(db: sqlite3.Connection, location: str, synchronous: Synchronous, *, read_only: bool,
             timeout: float) -> int:  # fmt: skip
    found = _state(db, location)
    if read_only:
        if found is None:
            raise StoreError(tr(f"{location}: một tệp SQLite chưa có kho hồ sơ",
                                f"{location}: an SQLite file with no case store yet"),
                             kind="missing", location=location)  # fmt: skip
        # Every schema from 1 is read as it is (a column added since reads as null).
        return found[0]
    if found is None or found[1] != REVISION:
        _migrate(location, timeout)
        found = _state(db, location)
        if found is None or found[1] != REVISION:
            raise corrupt(location, tr("các bước chuyển đổi của kho hồ sơ để lại kho không có số hiệu chuyển đổi",
                                       "the case store's migrations left it without their revision"))
    # Only now that the file is ours: WAL is a persistent property of the file.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    db.execute("PRAGMA foreign_keys = ON")
    return found[0]


def _state(db: sqlite3.Connection, location: str) -> tuple[int, str | None] | None:
    """The schema of the store in ``db`` and its migration revision (``None`` for a file written
    before migrations); ``None`` for a file with no store yet. A file of another application, of a
    newer schema or whose marks disagree is refused."""
    app_id, version = _identity(db)
    if (app_id, version) == (0, 0) and not _has_tables(db):
        return None
    if app_id != APPLICATION_ID:
        raise StoreError(
            tr(f"{location}: không phải kho hồ sơ motcua (một cơ sở dữ liệu SQLite của ứng dụng khác)",
               f"{location}: not a motcua case store (an SQLite database of another application)"),
            kind="foreign",
            location=location,
        )
    if version > SCHEMA_VERSION:
        raise newer(location, version)
    if version < 1:
        raise corrupt(location, tr(f"lược đồ kho hồ sơ {version} không phải do motcua ghi",
                                   f"case store schema {version} is not one motcua wrote"))
    revision = _revision(db, location)
    if revision is not None:
        check_revision(location, revision, version)
    return version, revision


def _revision(db: sqlite3.Connection, location: str) -> str | None:
    """The revision recorded in ``alembic_version``; ``None`` where there is none yet."""
    try:
        found = db.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            return None
        raise
    if not found:
        return None
    if len(found) > 1 or type(found[0][0]) is not str:
        raise corrupt(location, tr("bảng alembic_version không giữ đúng một số hiệu chuyển đổi", "table alembic_version holds no single revision"))
    return str(found[0][0])


def _migrate(location: str, timeout: float) -> None:
    """Run the pending migrations, holding the write lock: the file is looked at again under it,
    since another process may have just created or upgraded it."""
    import sqlalchemy as sa

    from motcua.engine.store import migrations

    engine = migrations.sqlite_engine(location, timeout)
    try:
        with engine.connect() as conn, conn.begin():
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            found = _state(raw, location)
            if found is None or found[1] != REVISION:
                migrations.upgrade(conn)
    except sa.exc.DBAPIError as err:
        if isinstance(err.orig, sqlite3.Error):
            raise failure(location, err.orig) from None
        raise
    finally:
        engine.dispose()


def _identity(db: sqlite3.Connection) -> tuple[int, int]:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(app_id), int(version)


def _has_tables(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0)


def _check_header(path: str) -> bool:
    """Whether ``path`` holds something; refuse a file that is not SQLite before SQLite writes
    anything into it."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_HEADER))
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise StoreError(tr(f"{path}: là một thư mục, không phải kho hồ sơ", f"{path}: is a directory, not a case store"),
                         kind="foreign", location=path) from None  # fmt: skip
    except OSError as err:
        raise StoreError(tr(f"{path}: không đọc được: {err.strerror}", f"{path}: cannot read: {err.strerror}"),
                         kind="io", location=path) from None  # fmt: skip
    if head and head != _HEADER:
        raise StoreError(tr(f"{path}: không phải kho hồ sơ motcua (không phải cơ sở dữ liệu SQLite)",
                            f"{path}: not a motcua case store (not an SQLite database)"),
                         kind="foreign", location=path)  # fmt: skip
    return bool(head)


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction, committed unless the block raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        rollback(db)
        raise


def rollback(db: sqlite3.Connection) -> None:
    # A failed COMMIT may leave the transaction open (SQLITE_BUSY, I/O errors) or may have
    # rolled it back already; either way the connection must be usable for the next event.
    if db.in_transaction:
        db.execute("ROLLBACK")


# -- failures --------------------------------------------------------------------------------


def corrupt(location: str, what: str | Tr) -> StoreError:
    said = f"{location}: " + what + tr("; kho hồ sơ bị hỏng; hãy khôi phục kho từ một bản sao lưu",
                                       "; the case store is corrupted; restore it from a backup")
    return StoreError(said, kind="corrupt", location=location)


def damaged(location: str, err: DamagedRow, case_id: str | None = None) -> StoreError:
    case = tr(f"hồ sơ {visible(case_id)}: ", f"case {visible(case_id)}: ") if case_id is not None else ""
    return corrupt(location, case + tr(f"dòng {err.table} ({err.key}) có giá trị bị hỏng ở cột '{err.column}'",
                                       f"row {err.table} ({err.key}) has a damaged value in column '{err.column}'"))


def failure(location: str, err: sqlite3.Error, *, row: str | None = None, case_id: str | None = None) -> StoreError:
    """The :class:`StoreError` for what SQLite reported while reading ``row`` (of ``case_id``)."""
    text = str(err)
    if isinstance(err, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return StoreError(tr(f"{location}: kho hồ sơ vẫn bận: {text}", f"{location}: the store stayed busy: {text}"),
                          kind="io", location=location)  # fmt: skip
    case = tr(f"hồ sơ {visible(case_id)}: ", f"case {visible(case_id)}: ") if case_id is not None else ""
    where = tr(f" (khi đọc {visible(row)})", f" (reading {visible(row)})") if row else ""
    if undecodable(err):
        # SQLite's message quotes the undecodable text; name the row instead.
        return corrupt(location, case + tr("văn bản không phải UTF-8", "text that is not UTF-8") + where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return corrupt(location, case + text + where)
    return StoreError(f"{location}: " + case + visible(text) + where, kind="io", location=location)


def undecodable(err: sqlite3.Error) -> bool:
    """Whether SQLite failed to read text that is not UTF-8."""
    return str(err).startswith("Could not decode to UTF-8")


def not_utf8(db: sqlite3.Connection, version: int, table: str, where: str = "",
             args: tuple[object, ...] = ()) -> DamagedRow | None:  # fmt: skip
    """The first row and column of ``table`` (``where``) holding text that is not UTF-8.

    Asked once reading failed, to name the row: every key is read as bytes, then each column
    of that row on its own.
    """
    keys = TABLES[table].key
    match = " AND ".join(f"CAST({k} AS BLOB) = ?" for k in keys)
    columns = TABLES[table].names_at(version)
    try:
        found = db.execute(
            f"SELECT {', '.join(f'CAST({k} AS BLOB)' for k in keys)} FROM {table}" + (f" WHERE {where}" if where else ""),
            args,
        ).fetchall()
        for key in found:
            for column in columns:
                try:
                    db.execute(f"SELECT {column} FROM {table} WHERE {match}", key).fetchall()
                except sqlite3.OperationalError as err:
                    if undecodable(err):
                        shown = ", ".join(f"{k} {bytes(v).decode('utf-8', 'backslashreplace')}" for k, v in zip(keys, key))
                        return DamagedRow(table, shown, column)
    except sqlite3.DatabaseError:
        pass  # the pages around are damaged too: the caller reports the first failure
    return None
