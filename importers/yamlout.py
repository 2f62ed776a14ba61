"""A small YAML writer for spec files: block style, comments, and quoting that cannot misread.

Specs are read by ``engine.spec.yamlstrict`` (every plain scalar text unless the key holds a
number) and by editors, which read YAML 1.2; PyYAML and other tools read YAML 1.1, where ``no``
is false, ``1:30`` is 90 and ``1.000656`` a float. So a text is written plain only when every
reader takes it as the same text: an id or a choice (``tiep-nhan``, ``in-person``), a duration
(``5 working days``), and never a word YAML 1.1 reads as a boolean or null. Everything else is
double-quoted with escapes, and a text of several lines is a literal block (``|``), which keeps
its line breaks. Mappings keep their key order; :class:`Comment` keys write comment lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping, Sequence

__all__ = ["Comment", "dump", "plain_data"]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment line (or lines) written before the next key of a mapping; its value is ignored.

    ``key`` only tells two comments of one mapping apart.
    """

    text: str
    key: int = 0


#: Plain scalars every reader takes as the same text: a slug that starts with a letter, or a
#: duration (a number, a space and words of lowercase letters).
_PLAIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{1,4}(?:\.[0-9]+)? [a-zà-ỹ]+(?: [a-zà-ỹ]+)*")
#: Words YAML 1.1 reads as booleans or null (lowercase: the slug pattern admits no capitals).
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
#: Characters written as escapes inside double quotes.
_ESCAPE = re.compile("[\\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_NAMED = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
#: Flow lists are kept to short lines.
_FLOW_WIDTH = 80


def _quoted(text: str) -> str:
    def esc(m: re.Match[str]) -> str:
        c = m.group()
        return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")

    return '"' + _ESCAPE.sub(esc, text) + '"'


def _is_plain(text: str) -> bool:
    return _PLAIN.fullmatch(text) is not None and text not in _YAML11_WORDS


def _number(value: int | float | Decimal) -> str:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def _scalar(value: Any) -> str:
    """A one-line scalar; multi-line texts are written by :func:`_block`."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float, Decimal)):
        return _number(value)
    if isinstance(value, str):
        return value if _is_plain(value) else _quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _block(text: str, indent: int) -> list[str]:
    """A literal block scalar: its header (``|-``...) and its indented lines."""
    chomp = "-" if not text.endswith("\n") else ("+" if text.endswith("\n\n") else "")
    body = text[:-1] if chomp == "" else text.rstrip("\n") if chomp == "+" else text
    lines = body.split("\n")
    # A first line that starts with a space (or is empty) would set the indentation itself.
    explicit = str(2) if lines and (lines[0].startswith(" ") or lines[0] == "") else ""
    pad = " " * (indent + 2)
    out = [f"|{explicit}{chomp}"]
    out += [pad + ln if ln else "" for ln in lines]
    if chomp == "+":
        out += [""] * (len(text) - len(text.rstrip("\n")) - 1)
    return out


def _is_multiline(value: Any) -> bool:
    return isinstance(value, str) and "\n" in value


def _flow(items: Sequence[Any]) -> str | None:
    """``[a, b]`` for a short list of plain scalars, else ``None``."""
    if not items or not all(isinstance(v, str) and _is_plain(v) for v in items):
        return None
    text = "[" + ", ".join(items) + "]"
    return text if len(text) <= _FLOW_WIDTH else None


def _value_lines(value: Any, indent: int) -> tuple[str, list[str]]:
    """What follows ``key:`` on its line, and the lines under it."""
    if isinstance(value, Mapping):
        if not value:
            return " {}", []
        return "", _mapping(value, indent + 2)
    if isinstance(value, (list, tuple)):
        if not value:
            return " []", []
        flow = _flow(value)
        if flow is not None:
            return " " + flow, []
        return "", _sequence(value, indent + 2)
    if _is_multiline(value):
        head, *rest = _block(value, indent)
        return " " + head, rest
    return " " + _scalar(value), []


def _comment_lines(comment: Comment, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {ln}".rstrip() for ln in comment.text.split("\n")]


def _mapping(data: Mapping[Any, Any], indent: int) -> list[str]:
    out: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if isinstance(key, Comment):
            out += _comment_lines(key, indent)
            continue
        if value is None:
            continue
        if not isinstance(key, str) or not _is_plain(key.replace("_", "-")) or "_-" in key or "-_" in key:
            raise ValueError(f"a spec key is a word of letters, digits, underscores or hyphens, not {key!r}")
        head, rest = _value_lines(value, indent)
        out.append(f"{pad}{key}:{head}")
        out += rest
    return out


def _sequence(items: Sequence[Any], indent: int) -> list[str]:
    out: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, Mapping) and item:
            lines = _mapping(item, indent + 2)
            # The first line of the item's mapping follows the dash; a leading comment goes above.
            while lines and lines[0].lstrip().startswith("#"):
                out.append(pad + lines.pop(0).lstrip())
            if lines:
                out.append(f"{pad}- {lines[0][indent + 2:]}")
                out += lines[1:]
            continue
        head, rest = _value_lines(item, indent)
        out.append(f"{pad}-{head}")
        out += rest
    return out


def dump(data: Mapping[Any, Any]) -> str:
    """``data`` (mappings, lists, texts, numbers, booleans; ``None`` values are left out) as
    YAML text ending with a line break."""
    return "\n".join(_mapping(data, 0)) + "\n"


def plain_data(value: Any) -> Any:
    """``value`` as a reader gives it back: comments and ``None`` values left out, tuples as lists."""
    if isinstance(value, Mapping):
        return {k: plain_data(v) for k, v in value.items() if not isinstance(k, Comment) and v is not None}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    return value
