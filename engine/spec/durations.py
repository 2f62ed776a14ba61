"""Durations of the spec language: ``"<number> <unit>"`` strings, or ``"same day"``, read into
``model.Duration``.

The loader parses every ``time``, ``time_limit``, ``committed_time`` and ``after`` with
``parse_duration``; the JSON Schema mirrors ``DURATION_PATTERN`` so editors flag a bad duration
while it is typed; ``engine.calendar`` counts them and ``format_duration`` shows them.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Literal

from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Duration, TimeUnit

__all__ = [
    "DURATION_PATTERN",
    "DurationError",
    "MAX_NUMBER",
    "SAME_DAY_WORDS",
    "UNIT_WORDS",
    "WORKING_DAYS_PER_MONTH",
    "approximate_working_days",
    "duration_problem",
    "format_duration",
    "parse_duration",
    "suggest_duration",
]

#: The words accepted after a number for each unit (spec table "Durations"): English plural and
#: singular, Vietnamese typed without its marks (as on a keyboard without a Vietnamese input
#: method), then Vietnamese, which has no plural; the last word of each is the one shown.
#: Matching ignores case and repeated spaces. ``giờ`` alone is a calendar hour (elapsed clock
#: time); a working hour is ``giờ làm việc``.
UNIT_WORDS: dict[TimeUnit, tuple[str, ...]] = {
    TimeUnit.WORKING_DAYS: ("working days", "working day", "ngay lam viec", "ngày làm việc"),
    TimeUnit.WORKING_HOURS: ("working hours", "working hour", "gio lam viec", "giờ làm việc"),
    TimeUnit.SESSIONS: ("sessions", "session", "buoi", "buổi"),
    TimeUnit.DAYS: ("days", "day", "ngay", "ngày"),
    TimeUnit.MONTHS: ("months", "month", "thang", "tháng"),
    TimeUnit.HOURS: ("hours", "hour", "gio", "giờ"),
}

#: A whole duration without a number: the result is returned within the day of receipt
#: (``TimeUnit.SAME_DAY``, value 0): English, Vietnamese without its marks, Vietnamese.
SAME_DAY_WORDS: tuple[str, ...] = ("same day", "trong ngay", "trong ngày")

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
_SAME_DAY_ACCEPTED = " or ".join(f"'{w}'" for w in SAME_DAY_WORDS)
_SAME_DAY_ACCEPTED_VI = " hoặc ".join(f"'{w}'" for w in SAME_DAY_WORDS)


class DurationError(ValueError):
    """A text that is not a duration: the ``ValueError`` says it in English, ``said`` in both
    languages."""

    def __init__(self, said: Tr) -> None:
        super().__init__(said.en)
        self.said = said


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
    # Longest first, so that "ngày làm việc" is not read as "ngày" with trailing words, nor
    # "giờ làm việc" as "giờ" (the anchors make any order correct; this order says the intent).
    words = sorted(_LOOKUP, key=len, reverse=True)
    units = "|".join(_caseless(w) for w in words)
    same_day = "|".join(_caseless(w) for w in SAME_DAY_WORDS)
    group = "(" if capture else "(?:"
    numbered = group + _NUMBER + r")\s+" + group + units + ")"
    return r"^\s*(?:" + numbered + "|" + group + same_day + r"))\s*$"


#: A regular expression that matches exactly the strings ``parse_duration`` accepts (in NFC).
#: It is valid both for Python's ``re`` and for ECMA-262, the dialect of JSON Schema ``pattern``.
DURATION_PATTERN: str = _build_pattern(capture=False)

# The parser accepts by the very same expression, so schema and parser cannot drift apart.
_PARSE = re.compile(_build_pattern(capture=True))


def parse_duration(text: str) -> Duration:
    """Read a spec duration such as ``"15 working days"``, ``"1 buổi"`` or ``"trong ngày"``.

    The number keeps its exact decimal value (``"1.50 days"`` has ``value == Decimal("1.50")``);
    ``"same day"`` / ``"trong ngày"`` has the value 0. Raises ``ValueError`` naming the accepted
    units when ``text`` is not a duration (a :class:`DurationError`, which says it in both
    languages too); a decimal comma (``"1,5 ngày"``) gets a hint to write
    a decimal point.

    >>> parse_duration("15 ngày làm việc").unit
    <TimeUnit.WORKING_DAYS: 'working days'>
    >>> parse_duration("1.5  Working Days").value
    Decimal('1.5')
    >>> parse_duration("2 tháng").unit, parse_duration("24 giờ").unit
    (<TimeUnit.MONTHS: 'months'>, <TimeUnit.HOURS: 'hours'>)
    >>> parse_duration("Trong ngày")
    Duration(value=Decimal('0'), unit=<TimeUnit.SAME_DAY: 'same day'>, text='Trong ngày')
    """
    if not isinstance(text, str):
        raise DurationError(tr(f"thời hạn phải là văn bản dạng '15 ngày làm việc', không phải {type(text).__name__}",
                               f"a duration is a string like '15 working days', not {type(text).__name__}"))
    # Text typed on some keyboards arrives decomposed (NFD); the spec compares text in NFC.
    norm = unicodedata.normalize("NFC", text)
    found = _PARSE.fullmatch(norm)
    if found is None:
        raise DurationError(_explain(norm))
    if found.group(3) is not None:
        return Duration(value=Decimal(0), unit=TimeUnit.SAME_DAY, text=norm.strip())
    # The matched unit holds only the letters of one accepted word, in either case.
    unit = _LOOKUP[" ".join(found.group(2).split()).lower()]
    return Duration(value=Decimal(found.group(1)), unit=unit, text=norm.strip())


def _explain(text: str) -> Tr:
    shown = text.strip()
    if _TOO_LONG.fullmatch(text):
        return tr(f"'{shown}' dài hơn thời gian của bất kỳ thủ tục nào: con số tối đa là {MAX_NUMBER}",
                  f"'{shown}' is longer than any procedure takes: the number is at most {MAX_NUMBER}")
    if _DECIMAL_COMMA.fullmatch(text):
        fixed = shown.replace(",", ".", 1)
        return tr(f"'{shown}' không phải là một khoảng thời gian: viết dấu thập phân là '.', ví dụ '{fixed}'",
                  f"'{shown}' is not a duration: write the decimal point as '.', e.g. '{fixed}'")
    return tr(
        f"'{shown}' không phải là một khoảng thời gian: cần dạng '<số> <đơn vị>' như '15 ngày làm việc' hoặc "
        f"'1 buổi', đơn vị là một trong {_ACCEPTED}; hoặc {_SAME_DAY_ACCEPTED_VI}",
        f"'{shown}' is not a duration: expected '<number> <unit>' such as "
        f"'15 working days' or '1 buổi', the unit one of {_ACCEPTED}; or {_SAME_DAY_ACCEPTED}",
    ) + _closest_unit(text)


_NUMBERED = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*?)\s*", re.DOTALL)


def _closest_unit(text: str) -> Tr:
    """``"; did you mean '2 ngày làm việc'?"`` for a number with a mistyped unit, else ``""``
    (in both languages)."""
    found = suggest_duration(text)
    return tr(f"; có phải '{found}'?", f"; did you mean '{found}'?") if found is not None else tr("", "")


def suggest_duration(text: str) -> str | None:
    """The duration ``text`` was likely meant to be, when it is not one: a decimal comma
    written as a point (``2,5 ngày`` -> ``2.5 ngày``), a mistyped unit as the closest unit
    (``2 ngày làm viêc`` -> ``2 ngày làm việc``), in lower case with single spaces, as the
    schema has them; ``None`` when nothing close parses.

    >>> suggest_duration("2,5 ngày làm việc"), suggest_duration("3 ngay lam vec")
    ('2.5 ngày làm việc', '3 ngay lam viec')
    """
    import difflib

    found = _NUMBERED.fullmatch(unicodedata.normalize("NFC", text))
    if found is None or not found.group(2):
        return None
    number = found.group(1).replace(",", ".")
    typed = " ".join(found.group(2).split()).lower()
    if typed not in _LOOKUP:
        close = difflib.get_close_matches(typed, list(_LOOKUP), n=1, cutoff=0.75)
        if not close:
            return None
        typed = close[0]
    meant = f"{number} {typed}"
    return meant if meant != text and _PARSE.fullmatch(meant) else None


def duration_problem(text: str) -> Tr:
    """Why ``text`` is not a duration, with the fix: a decimal comma to write as a point, the
    unit a mistyped one is closest to, or the accepted units (what ``parse_duration`` says), in
    both languages."""
    return _explain(unicodedata.normalize("NFC", text))


_VI_NAMES: dict[TimeUnit, str] = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.SESSIONS: "buổi",
    TimeUnit.DAYS: "ngày",
    TimeUnit.MONTHS: "tháng",
    TimeUnit.HOURS: "giờ",
}
_EN_NAMES: dict[TimeUnit, tuple[str, str]] = {
    TimeUnit.WORKING_DAYS: ("working day", "working days"),
    TimeUnit.WORKING_HOURS: ("working hour", "working hours"),
    TimeUnit.SESSIONS: ("session", "sessions"),
    TimeUnit.DAYS: ("day", "days"),
    TimeUnit.MONTHS: ("month", "months"),
    TimeUnit.HOURS: ("hour", "hours"),
}
# A duration without a number, shown as its words whatever its value (which parses as 0).
_WHOLE_NAMES: dict[TimeUnit, tuple[str, str]] = {TimeUnit.SAME_DAY: ("trong ngày", "same day")}


def format_duration(duration: Duration, *, lang: Literal["vi", "en"] = "vi") -> str:
    """Show a duration to people: ``"15 ngày làm việc"``, ``"1 buổi"``, ``"15 working days"``.

    Vietnamese writes a decimal comma (``"1,5 ngày làm việc"``), as official documents do;
    English writes a decimal point and uses the singular only for exactly one.

    >>> format_duration(parse_duration("1 session"), lang="vi")
    '1 buổi'
    >>> format_duration(parse_duration("1.5 ngày"), lang="vi")
    '1,5 ngày'
    >>> format_duration(parse_duration("trong ngày"), lang="en")
    'same day'
    """
    whole = _WHOLE_NAMES.get(duration.unit)
    if whole is not None and lang in ("vi", "en"):
        return whole[0] if lang == "vi" else whole[1]
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


#: Working days counted for one calendar month when durations of different units are compared
#: (``approximate_working_days``): a month averages 365.25 / 12 = 30.44 days, of which 5/7 are
#: weekdays, 21.74, taken as the whole 22 (the ratio calendar days use; holidays are not taken
#: off for days either). The calendar counts real months on the agency calendar instead.
WORKING_DAYS_PER_MONTH = 22.0


def approximate_working_days(duration: Duration, *, session_hours: float = 4.0, day_hours: float = 8.0) -> float:
    """An approximate size in working days, for comparing durations of different units.

    Working hours and sessions are shares of the office day; calendar days count 5/7 of a
    working day (a five-day week); a month counts ``WORKING_DAYS_PER_MONTH``. Calendar hours
    count the larger of two readings: as working time up to one office day (a short period
    inside office hours is all working time: 4 hours are half a day), and as 1/24 of a calendar
    day (24 hours are a day, 5/7 of a working day; 168 hours are a week, 5 working days). Same
    day counts one session: a dossier arriving at a random moment of the office day has on
    average half the day, one of two sessions, left. ``engine.calendar`` counts real deadlines.

    >>> approximate_working_days(parse_duration("4 giờ")), approximate_working_days(parse_duration("168 hours"))
    (0.5, 5.0)
    """
    v = float(duration.value)
    unit = duration.unit
    if unit is TimeUnit.WORKING_DAYS:
        return v
    if unit is TimeUnit.SESSIONS:
        return v * session_hours / day_hours
    if unit is TimeUnit.WORKING_HOURS:
        return v / day_hours
    if unit is TimeUnit.DAYS:
        return v * 5.0 / 7.0
    if unit is TimeUnit.MONTHS:
        return v * WORKING_DAYS_PER_MONTH
    if unit is TimeUnit.HOURS:
        return max(min(v, day_hours) / day_hours, v / 24.0 * 5.0 / 7.0)
    if unit is TimeUnit.SAME_DAY:
        return session_hours / day_hours
    raise AssertionError(f"unknown time unit {unit!r}")
