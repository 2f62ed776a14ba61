"""Opening a PostgreSQL store: what the database holds (the ``meta`` table saying whose it is and
which schema; Alembic's ``alembic_version``), and making or upgrading its tables by the migrations
of ``store/migrations`` in one transaction holding an advisory lock.

A database holding other tables and no ``meta`` row of ours is refused, never written; a store of
a newer schema, or of a revision this code does not know, is refused and left alone; opened
read-only, a database with no store is an error and a store of an older schema is refused,
naming the command that upgrades it.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection

from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store.base import StoreError
from motcua.engine.store.connection import corrupt
from motcua.engine.store.postgres_connection import connect_failure, connection_errors, failure
from motcua.engine.store.postgres_statements import meta_table
from motcua.engine.store.schema import REVISION, SCHEMA_VERSION, UPGRADE_COMMAND, check_revision, newer

__all__ = ["APPLICATION", "CREATING", "FIRST_SCHEMA", "foreign", "identity", "prepare"]

#: The value of ``meta.application`` in a motcua store.
APPLICATION = "motcua case store"
#: The oldest schema a PostgreSQL store was written with (the first had the officers' history).
FIRST_SCHEMA = 4
#: The key of the advisory lock held while a store's tables are created or upgraded.
CREATING = 0x6D637561


def prepare(engine: sa.Engine, location: str, *, create: bool, read_only: bool) -> None:
    """Make the store's tables in an empty database (``create``), or upgrade an older store unless
    ``read_only``; refuse a database that holds no store, another application's or a newer one."""
    try:
        with engine.begin() as conn:
            found = identity(conn, location)
            if (found is None and create) or (found is not None and found[1] != REVISION and not read_only):
                # Looked at again under the lock: another process may have just created or upgraded it.
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(CREATING)))
                found = identity(conn, location)
                if (found is None and create) or (found is not None and found[1] != REVISION):
                    from motcua.engine.store import migrations

                    migrations.upgrade(conn)
                    found = identity(conn, location)
                    if found is None or found[1] != REVISION:
                        raise corrupt(location, tr("các bước chuyển đổi của kho hồ sơ để lại kho không có số hiệu chuyển đổi", "the case store's migrations left it without their revision"))
    except StoreError:
        raise
    except sa_exc.DBAPIError as err:
        if err.connection_invalidated or isinstance(err.orig, connection_errors()):
            raise connect_failure(location, err) from None
        raise failure(location, err) from None
    if found is None:
        raise StoreError(tr(f"{location}: một cơ sở dữ liệu chưa có kho hồ sơ (kiểm tra URL: --db hoặc MOTCUA_DB)",
                            f"{location}: a database with no case store yet (check the URL: --db or MOTCUA_DB)"),
                         kind="missing", location=location)  # fmt: skip
    if found[0] < SCHEMA_VERSION:
        # Opened read-only: this store reads only the schema it writes.
        raise StoreError(
            tr(f"{location}: lược đồ kho hồ sơ {found[0]} cũ hơn lược đồ phiên bản motcua này đọc "
               f"({SCHEMA_VERSION}); hãy nâng cấp kho trước: {UPGRADE_COMMAND.format(location=location)}",
               f"{location}: case store schema {found[0]} is older than this motcua reads ({SCHEMA_VERSION}); "
               f"upgrade it first: {UPGRADE_COMMAND.format(location=location)}"),
            kind="outdated", location=location,
        )  # fmt: skip


def identity(conn: Connection, location: str) -> tuple[int, str | None] | None:
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
        raise foreign(location)
    try:
        with conn.begin_nested():
            rows = {str(k): str(v) for k, v in conn.execute(sa.select(meta_table.c.key, meta_table.c.value)).all()}
    except sa_exc.DBAPIError:
        raise foreign(location) from None
    if rows.get("application") != APPLICATION:
        raise foreign(location)
    schema = rows.get("schema", "")
    if not schema.isascii() or not schema.isdigit() or int(schema) < FIRST_SCHEMA:
        raise corrupt(location, tr(f"lược đồ kho hồ sơ {visible(schema)!r} không phải do motcua ghi", f"case store schema {visible(schema)!r} is not one motcua wrote"))
    if int(schema) > SCHEMA_VERSION:
        raise newer(location, int(schema))
    revision = None
    if "alembic_version" in tables:
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(found) > 1:
            raise corrupt(location, tr("bảng alembic_version không giữ đúng một số hiệu chuyển đổi", "table alembic_version holds no single revision"))
        revision = str(found[0]) if found else None
    if revision is not None:
        check_revision(location, revision, int(schema))
    return int(schema), revision


def foreign(location: str) -> StoreError:
    """The refusal of a database of another application."""
    return StoreError(tr(f"{location}: không phải kho hồ sơ motcua (một cơ sở dữ liệu PostgreSQL của ứng dụng khác)",
                         f"{location}: not a motcua case store (a PostgreSQL database of another application)"),
                      kind="foreign", location=location)  # fmt: skip
