"""Durations of spec language v1: ``"<number> <unit>"`` strings read into ``model.Duration``.

The loader parses every ``time``, ``time_limit``, ``committed_time`` and ``after`` with
``parse_duration``; the JSON Schema mirrors ``DURATION_PATTERN`` so editors flag a bad duration
while it is typed; ``engine.calendar`` counts them and ``format_duration`` shows them.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Literal

from motcua.engine.spec.model import Duration, TimeUnit

__all__ = ["DURATION_PATTERN", "MAX_NUMBER", "UNIT_WORDS", "format_duration", "parse_duration"]

#: The words accepted for each unit (spec table "Durations"): English plural and singular,
#: then Vietnamese, which has no plural. Matching ignores case and repeated spaces.
UNIT_WORDS: dict[TimeUnit, tuple[str, ...]] = {
    TimeUnit.WORKING_DAYS: ("working days", "working day", "ngày làm việc"),
    TimeUnit.WORKING_HOURS: ("working hours", "working hour", "giờ làm việc"),
    TimeUnit.SESSIONS: ("sessions", "session", "buổi"),
    TimeUnit.DAYS: ("days", "day", "ngày"),
}

_LOOKUP: dict[str, TimeUnit] = {word: unit for unit, words in UNIT_WORDS.items() for word in words}

#: The largest number of a duration: 9999 of any unit is longer than any procedure takes
#: (27 years in days), and a bound keeps every deadline inside the calendar's years.
MAX_NUMBER = 9999

# ASCII digits only: Python's \d also matches other scripts' digits, ECMA-262's does not, and
# Decimal would accept them; the schema and the parser must agree on every string. At most
# four digits before the point (MAX_NUMBER).
_NUMBER = r"[0-9]{1,4}(?:\.[0-9]+)?"
_TOO_LONG = re.compile(r"\s*0*[1-9][0-9]{4,}(?:\.[0-9]+)?\s+\S.*", re.DOTALL)

_DECIMAL_COMMA = re.compile(r"\s*[0-9]+,[0-9]+(?:\s.*)?", re.DOTALL)

_ACCEPTED = ", ".join(f"{words[0]} / {words[-1]}" for words in UNIT_WORDS.values())


def _caseless(word: str) -> str:
    """A regex for ``word`` that ignores letter case without flags.

    JSON Schema patterns (ECMA-262) have no inline ``(?i)``, so each cased letter becomes a
    two-letter class; spaces become ``\\s+`` so repeated spaces are tolerated as in the parser.
    """
    parts: list[str] = []
    for token in word.split():
        chars = []
        for ch in token:
            up = ch.upper()
            chars.append(f"[{ch}{up}]" if up != ch and len(up) == 1 else re.escape(ch))
        parts.append("".join(chars))
    return r"\s+".join(parts)


def _build_pattern(*, capture: bool) -> str:
    # Longest first, so that "ngày làm việc" is not read as "ngày" with trailing words.
    words = sorted(_LOOKUP, key=len, reverse=True)
    units = "|".join(_caseless(w) for w in words)
    group = "(" if capture else "(?:"
    return r"^\s*" + group + _NUMBER + r")\s+" + group + units + r")\s*$"


#: A regular expression that matches exactly the strings ``parse_duration`` accepts (in NFC).
#: It is valid both for Python's ``re`` and for ECMA-262, the dialect of JSON Schema ``pattern``.
DURATION_PATTERN: str = _build_pattern(capture=False)

# The parser accepts by the very same expression, so schema and parser cannot drift apart.
_PARSE = re.compile(_build_pattern(capture=True))


def parse_duration(text: str) -> Duration:
    """Read a spec duration such as ``"15 working days"`` or ``"1 buổi"``.

    The number keeps its exact decimal value (``"1.50 days"`` has ``value == Decimal("1.50")``).
    Raises ``ValueError`` naming the accepted units when ``text`` is not a duration; a
    decimal comma (``"1,5 ngày"``) gets a hint to write a decimal point.

    >>> parse_duration("15 ngày làm việc").unit
    <TimeUnit.WORKING_DAYS: 'working days'>
    >>> parse_duration("1.5  Working Days").value
    Decimal('1.5')
    """
    if not isinstance(text, str):
        raise ValueError(f"a duration is a string like '15 working days', not {type(text).__name__}")
    # Text typed on some keyboards arrives decomposed (NFD); the spec compares text in NFC.
    norm = unicodedata.normalize("NFC", text)
    found = _PARSE.fullmatch(norm)
    if found is None:
        raise ValueError(_explain(norm))
    # The matched unit holds only the letters of one accepted word, in either case.
    unit = _LOOKUP[" ".join(found.group(2).split()).lower()]
    return Duration(value=Decimal(found.group(1)), unit=unit, text=norm.strip())


def _explain(text: str) -> str:
    if _TOO_LONG.fullmatch(text):
        return f"'{text.strip()}' is longer than any procedure takes: the number is at most {MAX_NUMBER}"
    if _DECIMAL_COMMA.fullmatch(text):
        fixed = text.strip().replace(",", ".", 1)
        return f"'{text.strip()}' is not a duration: write the decimal point as '.', e.g. '{fixed}'"
    return (
        f"'{text.strip()}' is not a duration: expected '<number> <unit>' such as "
        f"'15 working days' or '1 buổi', the unit one of {_ACCEPTED}"
    )


_VI_NAMES: dict[TimeUnit, str] = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.SESSIONS: "buổi",
    TimeUnit.DAYS: "ngày",
}
_EN_NAMES: dict[TimeUnit, tuple[str, str]] = {
    TimeUnit.WORKING_DAYS: ("working day", "working days"),
    TimeUnit.WORKING_HOURS: ("working hour", "working hours"),
    TimeUnit.SESSIONS: ("session", "sessions"),
    TimeUnit.DAYS: ("day", "days"),
}


def format_duration(duration: Duration, *, lang: Literal["vi", "en"] = "vi") -> str:
    """Show a duration to people: ``"15 ngày làm việc"``, ``"1 buổi"``, ``"15 working days"``.

    Vietnamese writes a decimal comma (``"1,5 ngày làm việc"``), as official documents do;
    English writes a decimal point and uses the singular only for exactly one.

    >>> format_duration(parse_duration("1 session"), lang="vi")
    '1 buổi'
    >>> format_duration(parse_duration("1.5 ngày"), lang="vi")
    '1,5 ngày'
    """
    number = _plain(duration.value)
    if lang == "vi":
        return f"{number.replace('.', ',')} {_VI_NAMES[duration.unit]}"
    if lang == "en":
        one, many = _EN_NAMES[duration.unit]
        return f"{number} {one if duration.value == 1 else many}"
    raise ValueError(f"format_duration: unsupported language {lang!r} (use 'vi' or 'en')")


def _plain(value: Decimal) -> str:
    """``Decimal`` without exponent or trailing zeros: 15, 1.5, 0.25."""
    return format(value.normalize(), "f")
