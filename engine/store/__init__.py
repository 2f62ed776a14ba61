"""Durable case stores behind one small repository interface.

:func:`open_store` turns what ``--db`` or ``MOTCUA_DB`` says into a store: a PostgreSQL URL
(``postgresql://user:password@host:port/database``, also ``postgresql+psycopg://``) opens the
PostgreSQL store, anything else is the path of an SQLite file.
"""

from __future__ import annotations

import os
import re

from motcua.engine.spec.i18n import tr
from motcua.engine.store.base import CaseStore, StoreError

__all__ = ["open_store"]

#: A location written as a URL (``scheme://``), as opposed to a file's path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def open_store(location: str | os.PathLike[str], *, read_only: bool = False, create: bool = True) -> CaseStore:
    """The store at ``location``: a PostgreSQL URL or an SQLite file's path.

    ``read_only`` opens it for reading only; without ``create`` a store that is not there yet is
    an error rather than a new one. A URL of another database is refused (kind ``missing``).
    """
    text = os.fspath(location)
    if isinstance(text, str) and _URL.match(text):
        from motcua.engine.store.postgres import PostgresStore
        from motcua.engine.store.postgres_connection import is_url, shown_url

        if not is_url(text):
            shown = shown_url(text)
            raise StoreError(
                tr(f"{shown}: không phải kho hồ sơ motcua mở được: hãy cho một URL PostgreSQL "
                   "(postgresql://user@host/database) hoặc đường dẫn của một tệp SQLite (kiểm tra --db hoặc MOTCUA_DB)",
                   f"{shown}: not a store motcua opens: give a PostgreSQL URL (postgresql://user@host/database) "
                   "or an SQLite file's path (check --db or MOTCUA_DB)"),
                kind="missing", location=shown,
            )  # fmt: skip
        return PostgresStore(text, read_only=read_only, create=create)
    from motcua.engine.store.sqlite import SqliteStore

    return SqliteStore(text, read_only=read_only, create=create)
