"""The case store's schema migrations: Alembic, run from this folder only.

Each revision in ``versions/`` brings the store to one schema version, and its id is that version
in four digits (``0004`` is schema 4), so the revision Alembic records in ``alembic_version``, the
SQLite file's ``user_version`` and the ``schema`` row of ``meta`` always say the same thing.

Alembic's configuration is built here, in code: no ``alembic.ini`` or ``pyproject.toml`` is read
from anywhere, nothing is put on ``sys.path``, and the only scripts loaded are this folder's
``env.py`` and the revisions in its ``versions/``. The store hands over one connection, in a
transaction it began holding its write lock; every pending revision runs in that transaction, and
the store commits it (PostgreSQL and SQLite both roll DDL back, so a failed upgrade leaves the
database as it was).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.pool import NullPool

__all__ = ["FOLDER", "config", "head", "known", "sqlite_engine", "upgrade"]

#: The folder of ``env.py`` and ``versions/``: the only place migrations are read from.
FOLDER = Path(__file__).resolve().parent


def config(connection: sa.Connection | None = None) -> Config:
    """Alembic's configuration, built in code, handing ``connection`` to ``env.py``."""
    found = Config(attributes={"connection": connection} if connection is not None else None)
    # A ConfigParser value: a '%' in the path would start an interpolation.
    found.set_main_option("script_location", str(FOLDER).replace("%", "%%"))
    found.set_main_option("path_separator", "os")
    return found


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision of ``versions/``."""
    found = _scripts().get_current_head()
    if found is None:
        raise RuntimeError(f"{FOLDER}: no migrations in versions/")
    return found


def known(revision: str) -> bool:
    """Whether ``revision`` is one of ``versions/``."""
    return any(script.revision == revision for script in _scripts().walk_revisions())


def upgrade(connection: sa.Connection) -> None:
    """Run every revision the database on ``connection`` lacks, in the transaction it is in."""
    command.upgrade(config(connection), "head")


def sqlite_engine(location: str, timeout: float) -> sa.Engine:
    """An engine on the SQLite file at ``location`` whose transactions begin with ``BEGIN IMMEDIATE``
    (the write lock, taken before the store is looked at again), DDL included."""

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(location, timeout=timeout, isolation_level=None, check_same_thread=False)

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
