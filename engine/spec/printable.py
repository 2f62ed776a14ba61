"""Which characters a text may hold, and how to show any text safely on a terminal.

Spec texts and command-line input are refused when they hold control characters: a C0 or C1
control (tab and line feed aside, where a text may span lines), a line or paragraph separator,
a noncharacter or a lone surrogate. Such characters forge lines on a printed form, move a
terminal's cursor, or are forbidden in HTML. Text that reaches a terminal from elsewhere (a
file's source line, a stored value) goes through :func:`visible`, which writes them as escapes.
"""

from __future__ import annotations

import re

__all__ = ["FORBIDDEN", "FORBIDDEN_IN_LINE", "describe", "find_forbidden", "visible"]

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: Characters no text may hold (tab and line feed are allowed where a text may span lines).
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")
#: The same for one-line values (names, ids, reasons given on the command line): no tab or line feed.
FORBIDDEN_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")
#: What :func:`visible` escapes: the forbidden characters, and the marks that reorder text on
#: screen (bidirectional embeddings, overrides and isolates), which can make a line read as
#: something it is not.
_UNSAFE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     f"\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")
_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMES:
        return _NAMES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def describe(char: str) -> str:
    """A character named without printing it: ``U+001B``."""
    return f"U+{ord(char):04X}"


def find_forbidden(text: str, *, one_line: bool = False) -> int | None:
    """The index of the first character ``text`` may not hold, or ``None``."""
    found = (FORBIDDEN_IN_LINE if one_line else FORBIDDEN).search(text)
    return found.start() if found is not None else None


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, separator, bidirectional mark and noncharacter written as
    an escape (``\\x1b``, ``\\u202e``), so that printing it cannot move the cursor, colour the
    terminal or forge a line. Tabs are kept; line feeds too with ``keep_newlines``.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: m.group() if keep_newlines and m.group() == "\n" else _escape(m.group()), text)
