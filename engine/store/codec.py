"""Columns and how their values are stored: a table declared once, written and read by its names.

A :class:`Column` has a name, the attribute of the object it holds (``due``, ``actor.unit``)
and a :class:`Kind`: how values are stored (times as ISO text, lists as JSON text, durations in
microseconds). A :class:`Table` turns objects into rows and rows back into values by column
name, whatever order a statement lists its columns in. Nothing here knows a database: the
SQLite store writes its statements from the names, and a PostgreSQL store can declare its
tables from the same columns and reuse the writers and readers.

Reading is strict: a value of the wrong type, a time that is no time (``2014-02-30``), an aware
time, a list that is not a JSON list of texts does not read, and :meth:`Table.damaged` names
the table, the row's key and the column, so a damaged store ends in one clear error.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import keyword
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from motcua.engine.spec.printable import visible

__all__ = [
    "INTEGER",
    "MICROSECONDS",
    "OPEN",
    "OPTIONAL_INTEGER",
    "OPTIONAL_TEXT",
    "OPTIONAL_TIME",
    "TEXT",
    "TEXTS",
    "TIME",
    "Column",
    "DamagedRow",
    "Kind",
    "Table",
    "stamp",
]


class DamagedRow(Exception):
    """A stored row the store cannot have written: ``table``, its ``key`` and the ``column``."""

    def __init__(self, table: str, key: str, column: str) -> None:
        key = visible(key)
        super().__init__(f"{table} ({key}) column '{column}'")
        self.table = table
        self.key = key
        self.column = column


# -- kinds of values -------------------------------------------------------------------------
# Each reader raises TypeError or ValueError on a value its writer never produces. Times are
# written and read through caches: a case's row repeats most of its times event after event.


@dataclass(frozen=True, slots=True)
class Kind:
    """How values of one kind are stored: ``write`` gives the stored value, ``read`` takes it
    back (``None`` for ``write``: stored as it is)."""

    name: str
    write: Callable[[Any], object] | None
    read: Callable[[object], Any]


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _integer(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _optional_integer(value: object) -> int | None:
    return None if value is None else _integer(value)


@functools.lru_cache(maxsize=4096)
def stamp(value: dt.datetime) -> str:
    """A time as stored: ISO 8601 text, seconds, or microseconds when there are any (a deadline
    of a fraction of a working day may fall between seconds).

    Times in a store are naive local time, so text in this one layout sorts as the times do,
    and a row reads back exactly as the case that was written. An aware time never reaches a
    store (``ledger.local_time``); one that did is written with its offset and refused when read.
    """
    return value.isoformat()


def _optional_stamp(value: dt.datetime | None) -> str | None:
    return None if value is None else stamp(value)


@functools.lru_cache(maxsize=4096)
def _time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)  # TypeError when not text
    if value.tzinfo is not None:
        raise ValueError("an aware time")
    return value


def _optional_time(text: object) -> dt.datetime | None:
    return None if text is None else _time(text)  # TypeError when not text


def _texts(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False) if items else "[]"


def _read_texts(value: object) -> tuple[str, ...]:
    # Most lists stored are empty; json.loads would cost more than the rest of the row.
    if value == "[]":
        return ()
    items = json.loads(_text(value))
    if type(items) is not list or any(type(i) is not str for i in items):
        raise TypeError("not a JSON list of texts")
    return tuple(items)


_US = dt.timedelta(microseconds=1)


def _microseconds(value: dt.timedelta) -> int:
    return value // _US


def _duration(value: object) -> dt.timedelta:
    return dt.timedelta(microseconds=_integer(value))


def _open(closed_at: dt.datetime | None) -> int:
    return int(closed_at is None)


TEXT = Kind("text", None, _text)
OPTIONAL_TEXT = Kind("text or null", None, _optional_text)
INTEGER = Kind("integer", None, _integer)
OPTIONAL_INTEGER = Kind("integer or null", None, _optional_integer)
TIME = Kind("time: naive ISO 8601 text", stamp, _time)
OPTIONAL_TIME = Kind("time or null", _optional_stamp, _optional_time)
TEXTS = Kind("texts: a JSON list", _texts, _read_texts)
MICROSECONDS = Kind("duration: integer microseconds", _microseconds, _duration)
#: Written from ``closed_at``: 1 while the case is open, so the overdue query can use an index.
OPEN = Kind("1 while closed_at is null, else 0", _open, _integer)


# -- columns and tables ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its ``name``, ``kind`` and the ``attr`` of the object it holds (dotted for a
    nested one, ``None`` when the caller gives the value; the name by default).

    A ``derived`` column is written from its attribute and never read back into it; a
    ``fixed`` one is written once, with the row, and never updated; ``since`` is the schema
    version that added the column.
    """

    name: str
    kind: Kind
    attr: str | None = ""
    derived: bool = False
    fixed: bool = False
    since: int = 1

    def __post_init__(self) -> None:
        if self.attr == "":
            object.__setattr__(self, "attr", self.name)
        # Names go into the statements a store writes from them.
        for word in (self.name, *(self.attr or "").split(".")):
            if word and not (word.isidentifier() and word.isascii() and not keyword.iskeyword(word)):
                raise ValueError(f"column {self.name!r}: {word!r} is not a plain name")


_DAMAGED = object()


class Table:
    """A table's columns in their declared order, and its ``key``: the columns naming a row."""

    def __init__(self, name: str, key: tuple[str, ...], *columns: Column) -> None:
        if not (name.isidentifier() and name.isascii()):
            raise ValueError(f"table {name!r}: not a plain name")
        self.name = name
        self.key = key
        self.columns = columns
        self.names = tuple(c.name for c in columns)
        self._by_name = {c.name: c for c in columns}
        self._by_attr = {c.attr: c for c in columns if c.attr is not None and not c.derived}

    def column(self, name: str) -> Column:
        return self._by_name[name]

    def names_at(self, version: int) -> tuple[str, ...]:
        """The columns a store of schema ``version`` holds."""
        return tuple(c.name for c in self.columns if c.since <= version)

    def writer(self, names: Sequence[str]) -> Callable[[Any], tuple[object, ...]]:
        """A function giving the stored values of the columns ``names`` (in that order) from an
        object; each of them must hold an attribute."""
        columns = [self._by_name[name] for name in names]
        for column in columns:
            if column.attr is None:
                raise ValueError(f"column {self.name}.{column.name} holds no attribute: its value is the caller's to give")
        # One C-level fetch of every attribute, then the few conversions (times, lists).
        get = operator.attrgetter(*(c.attr or "" for c in columns))
        conversions = tuple((i, c.kind.write) for i, c in enumerate(columns) if c.kind.write is not None)
        single = len(columns) == 1

        def write(obj: Any) -> tuple[object, ...]:
            values = [get(obj)] if single else list(get(obj))
            for i, convert in conversions:
                values[i] = convert(values[i])
            return tuple(values)

        return write

    def reader(self, names: Sequence[str], attrs: Sequence[str]) -> Callable[[Sequence[object]], tuple[Any, ...]]:
        """A function reading the attributes ``attrs`` (in that order) from a row of the columns
        ``names``; it raises ``TypeError`` or ``ValueError`` when a value does not read (then
        :meth:`damaged` names the column)."""
        index = {n: i for i, n in enumerate(names)}
        columns = [self._by_attr[attr] for attr in attrs]
        positions = [index[c.name] for c in columns]
        readers = tuple(c.kind.read for c in columns)
        call = operator.call

        if len(positions) == 1:
            (position,), (read_one,) = positions, readers

            def read_single(row: Sequence[object]) -> tuple[Any, ...]:
                return (read_one(row[position]),)

            return read_single
        pick = operator.itemgetter(*positions)

        def read(row: Sequence[object]) -> tuple[Any, ...]:
            return tuple(map(call, readers, pick(row)))

        return read

    def picker(self, names: Sequence[str], attrs: Sequence[str]) -> Callable[[Sequence[object]], tuple[object, ...]]:
        """A function taking the stored values of ``attrs`` (two or more) from a row of ``names``."""
        index = {n: i for i, n in enumerate(names)}
        if len(attrs) < 2:
            raise ValueError("a picker takes two values or more")
        return operator.itemgetter(*(index[self._by_attr[a].name] for a in attrs))

    def damaged(self, names: Sequence[str], row: Sequence[object], **given: object) -> DamagedRow:
        """The first column of a row of ``names`` that does not read (asked once the row failed
        to); ``given`` are values of the key the row does not hold."""
        values = {**dict(zip(names, row)), **given}
        shown = [self._read(k, values.get(k)) for k in self.key]
        key = ", ".join(f"{k} {'(damaged)' if v is _DAMAGED else v}" for k, v in zip(self.key, shown))
        for name, value in zip(names, row):
            if self._read(name, value) is _DAMAGED:
                return DamagedRow(self.name, key, name)
        return DamagedRow(self.name, key, "(several)")

    def _read(self, name: str, value: object) -> object:
        try:
            return self._by_name[name].kind.read(value)
        except (TypeError, ValueError, OverflowError):
            return _DAMAGED
