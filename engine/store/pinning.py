"""Pinned definitions: a procedure version and its agency as canonical JSON, and back.

A case runs on the definition it was opened under. Stores keep that definition's text,
named by its SHA-256 digest, so an edited spec or a later version never changes the path of
an open case, and the digest tells whether two cases ran on the same rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import types
import typing
from decimal import Decimal
from typing import Any

from motcua.engine.spec.model import META_FIELDS, Agency, Form, Procedure, Text

__all__ = ["FORMAT", "decode", "digest", "encode"]

#: Version of the pinned-definition JSON layout.
FORMAT = 1


def encode(procedure: Procedure, agency: Agency) -> str:
    """The canonical JSON of a procedure with its agency (no source positions or file names).

    >>> from motcua.engine.spec.model import *
    >>> from decimal import Decimal
    >>> d = Duration(Decimal("1.5"), TimeUnit.WORKING_DAYS, "1.5 working days")
    >>> agency = Agency("a", Text.of("Sở"), ("vi",), (Unit("mot-cua", Text.of("Một cửa"), UnitRole.ONE_STOP),))
    >>> proc = Procedure("p", "a", Text.of("Thủ tục"), "1", d, (), (),
    ...     (Step("tiep-nhan", "mot-cua", d, next="xong"),), (End("xong", EndOutcome.GRANTED),))
    >>> decode(encode(proc, agency)) == (proc, agency)
    True
    """
    doc = {"format": FORMAT, "procedure": _plain(procedure), "agency": _plain(agency)}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    """The SHA-256 of a pinned definition's text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(text: str) -> tuple[Procedure, Agency]:
    """Read back what :func:`encode` wrote. Raises ``ValueError`` on another layout."""
    doc = json.loads(text)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"not a pinned definition of format {FORMAT}")
    proc = _build(Procedure, doc["procedure"])
    agency = _build(Agency, doc["agency"])
    assert isinstance(proc, Procedure) and isinstance(agency, Agency)
    return proc, agency


def _plain(value: object) -> Any:
    if isinstance(value, Text):
        return [list(pair) for pair in value.values]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in META_FIELDS or (f.name == "file" and isinstance(value, Form))
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot pin a {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _pick(options: list[Any], raw: Any) -> Any:
    """The type of a union a plain value was written from: a mapping is the first dataclass
    whose fields hold its keys (a group of records has ``one_of`` or ``all_of``, a record does
    not), anything else the first option that is no dataclass."""
    if len(options) == 1:
        return options[0]
    if isinstance(raw, dict):
        for tp in options:
            if isinstance(tp, type) and dataclasses.is_dataclass(tp) and set(raw) <= {f.name for f in dataclasses.fields(tp)}:
                return tp
    else:
        for tp in options:
            if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
                return tp
    return options[0]


def _build(tp: Any, raw: Any) -> Any:
    """A value of type ``tp`` from its plain JSON form, guided by the model's annotations."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if raw is None:
            return None
        return _build(_pick(options, raw), raw)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in raw)
        return tuple(_build(a, v) for a, v in zip(args, raw))
    if tp is Text:
        return Text(tuple((str(k), str(v)) for k, v in raw))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _build(hints[f.name], raw[f.name])
            for f in dataclasses.fields(tp)
            if f.init and f.name in raw
        }
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(raw)
    if tp is Decimal:
        return Decimal(raw)
    if tp is dt.date:
        return dt.date.fromisoformat(raw)
    if tp is dt.time:
        return dt.time.fromisoformat(raw)
    if tp in (str, int, float, bool):
        return raw
    raise TypeError(f"cannot read a pinned {tp!r}")
