"""Reaching a PostgreSQL store's server: which locations are PostgreSQL URLs, the URL as it may
be shown (without its password), the SQLAlchemy engine on psycopg, and the server's failures
turned into :class:`StoreError` naming the URL without its password.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store.base import StoreError

__all__ = [
    "SCHEMES",
    "connect_failure",
    "connection_errors",
    "failure",
    "is_url",
    "one_line",
    "server_engine",
    "shown_url",
]

#: The URL schemes that name a PostgreSQL store.
SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL store rather than an SQLite file."""
    return location.lower().startswith(SCHEMES)


def shown_url(location: str) -> str:
    """The URL as it may be shown: without its password (in the authority or the query)."""
    # Up to the last '@' before the path: a password written with an '@' in it is hidden whole.
    text = re.sub(r"^(\w[\w+.-]*://[^/@:?#]*):[^/?#]*@", r"\1:***@", location)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)


def server_engine(location: str, shown: str, *, read_only: bool) -> sa.Engine:
    """The SQLAlchemy engine (psycopg, a small pool) on the URL ``location``, shown as ``shown``;
    with ``read_only`` every transaction it begins is read-only."""
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
        raise StoreError(tr(f"{shown}: không phải URL PostgreSQL motcua dùng được: {one_line(err)} "
                            "(kiểm tra --db hoặc MOTCUA_DB)",
                            f"{shown}: not a PostgreSQL URL motcua can use: {one_line(err)} (check --db or MOTCUA_DB)"),
                         kind="missing", location=shown) from None  # fmt: skip
    if read_only:

        @sa.event.listens_for(engine, "connect")
        def _read_only(connection: Any, record: object) -> None:
            connection.execute("SET default_transaction_read_only = on")
            connection.commit()

    return engine


def one_line(err: BaseException) -> str:
    """A driver's message on one line, without the SQL and the hints SQLAlchemy adds."""
    text = str(getattr(err, "orig", None) or err)
    text = text.split("\n[SQL:")[0].split("\n(Background on this error")[0]
    text = re.sub(r"^connection failed: ", "", text.strip())
    return visible(" ".join(text.split()))


def connect_failure(shown: str, err: BaseException) -> StoreError:
    """The :class:`StoreError` for a server that could not be reached, or refused the login."""
    reason = one_line(err)
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


def failure(location: str, err: sa_exc.DBAPIError, *, case_id: str | None = None) -> StoreError:
    """The :class:`StoreError` for what the server reported on a statement (on ``case_id``)."""
    if err.connection_invalidated:
        return StoreError(tr(f"{location}: mất kết nối với máy chủ PostgreSQL: {one_line(err)}",
                             f"{location}: lost the PostgreSQL server: {one_line(err)}"),
                          kind="io", location=location)  # fmt: skip
    case = tr(f"hồ sơ {visible(case_id)}: ", f"case {visible(case_id)}: ") if case_id is not None else ""
    if getattr(err.orig, "sqlstate", None) == "25006":
        return StoreError(f"{location}: " + case + tr("kho hồ sơ đang mở chỉ để đọc", "the store is open read-only"),
                          kind="io", location=location)  # fmt: skip
    return StoreError(f"{location}: " + case + one_line(err), kind="io", location=location)


def connection_errors() -> tuple[type[BaseException], ...]:
    """The driver's errors that mean the server was not reached."""
    return (psycopg.OperationalError, psycopg.InterfaceError)
