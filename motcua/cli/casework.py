"""What ``motcua case`` and ``motcua officer`` share: the store, the catalogue and the options.

``store_options`` adds the options every such command takes (``--db``, or ``MOTCUA_DB``,
default ``./motcua.db``; ``--catalog``; ``--format``); ``open_engine`` opens the engine on
them, read-only for reading commands. ``check_texts`` and ``parse_time`` read option values
as the user's input, ``calendar_bounds`` turns a time beyond the calendar into an input
error, and ``emit`` prints a result as text or pure JSON.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import click

from motcua.catalogs import open_catalog
from motcua.cli.output import echo_json, format_option
from motcua.engine.case_json import JSONValue
from motcua.engine.cases import Engine, InvalidInput
from motcua.engine.inputs import DEFAULT_FUTURE_MARGIN, check_line
from motcua.engine.ledger import local_time
from motcua.engine.spec.i18n import tr
from motcua.engine.store import open_store

__all__ = ["calendar_bounds", "check_texts", "emit", "open_engine", "parse_time", "store_options"]

F = TypeVar("F", bound=Callable[..., object])


def store_options(func: F) -> F:
    """The options every command takes: where the store and the catalogue are, and the format."""
    func = format_option(help="Output format; json prints pure JSON on stdout.")(func)
    func = click.option(
        "--catalog", "catalog_path", default="procedures/", show_default=True, metavar="PATH",
        help="Procedure catalogue (needed to open cases and register officers).",
    )(func)  # fmt: skip
    func = click.option(
        "--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH|URL",
        help="Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).",
    )(func)  # fmt: skip
    return func


@contextmanager
def calendar_bounds() -> Iterator[None]:
    """A time beyond the calendar the engine counts on is the user's input, not a fault."""
    try:
        yield
    except OverflowError as err:
        raise InvalidInput(tr(f"một thời điểm nằm ngoài các năm 1 đến 9999 mà lịch tính được ({err}); "
                              "hãy kiểm tra các ngày",
                              f"a time falls outside the years 1 to 9999 the calendar counts ({err}); "
                              "check the dates")) from None


def open_engine(db: str, catalog_path: str | None, *, read_only: bool = False, create: bool = False,
                procedure: str | None = None) -> Engine:
    """The engine on the store at ``db``: read-only for reading commands; only a command that
    registers officers creates a store, so a mistyped ``--db`` is an error naming the path.

    Procedure files with errors are left out of the catalogue, so that a broken draft stops no
    work on the others; ``procedure`` (the one a case is opened for) being one of them is an
    error with its findings."""
    store = open_store(db, read_only=read_only, create=create)
    try:
        catalog = None
        if catalog_path is not None:
            loaded = open_catalog(catalog_path, leave_out_broken=True)
            if procedure is not None:
                loaded.refuse_left_out(procedure)
            catalog = loaded.catalog
        margin = DEFAULT_FUTURE_MARGIN if read_only else _future_margin()
        return Engine(catalog, store=store, future_margin=margin)
    except BaseException:
        store.close()
        raise


def _future_margin() -> dt.timedelta:
    """How far ahead of the clock an event may be dated: ``MOTCUA_FUTURE_MARGIN`` days."""
    raw = os.environ.get("MOTCUA_FUTURE_MARGIN", "").strip()
    if not raw:
        return DEFAULT_FUTURE_MARGIN
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InvalidInput(tr(f"MOTCUA_FUTURE_MARGIN={raw!r} không phải là một số ngày từ 0 trở lên (ví dụ 1 hoặc 0.5)",
                              f"MOTCUA_FUTURE_MARGIN={raw!r} is not a number of days, 0 or more (e.g. 1 or 0.5)"))
    try:
        return dt.timedelta(days=value)
    except OverflowError:
        return dt.timedelta.max


def check_texts(values: dict[str, str | Sequence[str] | None]) -> None:
    """Refuse a text option that is not one printable line, naming the option as typed."""
    for option, value in values.items():
        for item in [value] if value is None or isinstance(value, str) else value:
            check_line(item, option)


def parse_time(value: str | None, option: str) -> dt.datetime | None:
    """The time an option gives in ISO 8601, in Vietnam's time (``None`` if it is not given)."""
    if value is None:
        return None
    try:
        return local_time(dt.datetime.fromisoformat(value))
    except ValueError:
        raise InvalidInput(tr(f"{option} {value!r} không phải là thời điểm theo ISO 8601 (ví dụ 2025-03-03T08:00)",
                              f"{option} {value!r} is not an ISO 8601 time (e.g. 2025-03-03T08:00)")) from None
    except OverflowError:
        raise InvalidInput(tr(f"{option} {value!r} nằm ngoài các năm 1 đến 9999 theo giờ Việt Nam",
                              f"{option} {value!r} falls outside the years 1 to 9999 in Vietnam's time")) from None


def emit(fmt: str, data: JSONValue, text: str) -> None:
    """``data`` as pure JSON with ``--format json``, else ``text``."""
    if fmt == "json":
        echo_json(data)
    else:
        click.echo(text)
