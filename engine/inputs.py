"""What the case engine accepts from people: one-line texts, and times the clock allows.

Every id, name, note and reason reaching the :class:`~motcua.engine.cases.Engine` is one line
of printable text (the characters of ``engine/printable``); an event is dated at most a margin
ahead of the clock. Text read back from a store (an older version may have written anything)
is shown with ``printable.visible``, and JSON output with :func:`json_visible`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import NoReturn, Union

from motcua.engine.ledger import local_time, now
from motcua.engine.spec.errors import InputError
from motcua.engine.spec.i18n import Lang, Tr, tr
from motcua.engine.spec.printable import FORBIDDEN_IN_LINE, find_forbidden

__all__ = [
    "DEFAULT_FUTURE_MARGIN",
    "InvalidInput",
    "LONGEST_POSTPONEMENT",
    "TimeInput",
    "check_fields",
    "check_line",
    "check_lines",
    "days",
    "event_time",
    "json_visible",
    "line_problem",
    "local_input",
    "parse_time",
]

#: How far ahead of the clock an event may be dated: enough for a clock a little slow or a
#: dossier dated at the next morning's session, never a mistyped year.
DEFAULT_FUTURE_MARGIN = dt.timedelta(days=1)
#: The latest new appointment an apology may set, after the apology: Form 04 postpones a late
#: result by days or weeks; years mean a typing mistake (and deadlines past year 9999).
LONGEST_POSTPONEMENT = dt.timedelta(days=366)


class InvalidInput(InputError, ValueError):
    """Input that cannot name anything: an unknown procedure, officer, record or event, a
    missing reason, a time before the case's last event or far ahead of the clock, a text
    with control characters. Nothing was changed."""

    code = "invalid-input"
    exit_code = 2


#: What ``json.dumps(..., ensure_ascii=False)`` leaves as it is of what ``printable.visible`` escapes:
#: it escapes the controls below U+0020 inside strings, and a line feed outside them is layout.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def _describe(ch: str) -> Tr:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        # How Python hands over a byte that is not UTF-8 (surrogateescape).
        return tr(f"byte 0x{code - 0xDC00:02X} không phải UTF-8", f"byte 0x{code - 0xDC00:02X} that is not UTF-8")
    if 0xD800 <= code <= 0xDFFF:
        return tr(f"một nửa cặp thay thế đứng lẻ (U+{code:04X})", f"a lone surrogate (U+{code:04X})")
    if ch in "\n\r\u2028\u2029\x0b\x0c\x85":
        return tr(f"một dấu xuống dòng (U+{code:04X})", f"a line break (U+{code:04X})")
    if unicodedata.category(ch) == "Cc":
        return tr(f"một ký tự điều khiển (U+{code:04X})", f"a control character (U+{code:04X})")
    return tr(f"một mã không phải ký tự (U+{code:04X})", f"a noncharacter (U+{code:04X})")


def line_problem(value: str) -> str | None:
    """Why ``value`` is not one line of printable text, or ``None``; never quotes ``value``.

    The characters refused are those of :data:`~motcua.engine.spec.printable.FORBIDDEN_IN_LINE`:
    controls, line and paragraph separators, noncharacters and lone surrogates (bytes that were
    not UTF-8, as Python hands them over).

    >>> line_problem("Công ty B\\nMã hồ sơ: X")
    'character 10 is a line break (U+000A)'
    >>> line_problem("Cty \\udcff")
    'character 5 is byte 0xFF that is not UTF-8'
    """
    problem = _line_problem(value)
    return problem.en if problem is not None else None


def _line_problem(value: str) -> Tr | None:
    index = find_forbidden(value, one_line=True)
    if index is None:
        return None
    return tr(f"ký tự thứ {index + 1} là ", f"character {index + 1} is ") + _describe(value[index])


def _fine(value: object) -> bool:
    # Every event checks a handful of short texts. str.isprintable (no controls, separators,
    # format or unassigned characters) answers most in C; the few it doubts (a no-break space,
    # a soft hyphen) go to the exact rule.
    return type(value) is str and (value.isprintable() or FORBIDDEN_IN_LINE.search(value) is None)


def check_line(value: str | None, field: str) -> None:
    """Raise :class:`InvalidInput` naming ``field`` when ``value`` is not one printable line."""
    if value is not None and not _fine(value):
        _refuse(value, field)


def check_fields(fields: Mapping[str, str | None]) -> None:
    """:func:`check_line` for each field, by name."""
    for field, value in fields.items():
        if value is not None and not (type(value) is str and value.isprintable()) and not _fine(value):
            _refuse(value, field)


def _refuse(value: object, field: str) -> NoReturn:
    if not isinstance(value, str):
        raise InvalidInput(tr(f"{field}: cần một đoạn văn bản, nhận được {type(value).__name__}",
                              f"{field}: expected text, got {type(value).__name__}"))
    problem = _line_problem(value) or tr("", "")
    raise InvalidInput(f"{field}: " + problem + tr("; hãy viết trên một dòng, không có ký tự điều khiển",
                                                   "; write it on one line without control characters"))


def check_lines(values: Iterable[str], field: str) -> None:
    """:func:`check_line` for every item of ``values`` (repeated options, lists of ids)."""
    for value in values:
        if not _fine(value):
            _refuse(value, field)


def json_visible(text: str) -> str:
    """JSON text with the characters ``printable.visible`` escapes written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` leaves C1 controls, separators, bidirectional
    marks, lone surrogates and noncharacters as they are; outside strings JSON text has none of
    them, so escaping them anywhere keeps the document and its values.
    """
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def days(margin: dt.timedelta, lang: Lang = "en") -> str:
    """A margin as people say it: ``1 day``, ``0.5 days`` (``1 ngày``, ``0.5 ngày``)."""
    count = margin / dt.timedelta(days=1)
    shown = f"{count:g}"
    if lang == "vi":
        return f"{shown} ngày"
    return f"{shown} day" if shown == "1" else f"{shown} days"


#: A time the engine takes: a ``datetime``, or its ISO 8601 text (``"2024-03-04T08:00"``,
#: ``"2024-03-04T08:00+07:00"``); a time without an offset is the agency's local time.
TimeInput = Union[dt.datetime, str]


def parse_time(value: TimeInput, field: str) -> dt.datetime:
    """``value`` as a ``datetime``: ISO 8601 text is read (a date alone is its midnight); any
    other text, or a value neither text nor a ``datetime``, is :class:`InvalidInput` naming
    ``field``.

    >>> parse_time("2024-03-04T08:00", "at")
    datetime.datetime(2024, 3, 4, 8, 0)
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(tr(f"{field} {value!r} không phải là thời điểm theo ISO 8601 (ví dụ 2024-03-04T08:00)",
                                  f"{field} {value!r} is not an ISO 8601 time (e.g. 2024-03-04T08:00)")) from None
    raise InvalidInput(tr(f"{field}: cần một datetime hoặc văn bản ISO 8601, nhận được {type(value).__name__}",
                          f"{field}: expected a datetime or ISO 8601 text, got {type(value).__name__}"))


def local_input(value: TimeInput, field: str) -> dt.datetime:
    """``value`` (see :func:`parse_time`) as naive local time; an aware time beyond year 9999 or
    before year 1 in Vietnam's zone is refused as :class:`InvalidInput` naming ``field``."""
    value = parse_time(value, field)
    try:
        return local_time(value)
    except OverflowError:
        raise InvalidInput(tr(
            f"{field}: {value.isoformat()} nằm ngoài các năm 1 đến 9999 theo giờ Việt Nam",
            f"{field}: {value.isoformat()} is outside the years 1 to 9999 in Vietnam's time",
        )) from None


def event_time(value: TimeInput | None, *, margin: dt.timedelta, field: str = "at",
               prefix: str | Tr | Callable[[], str | Tr] = "") -> dt.datetime:
    """The time an event is recorded at: ``value`` as local time, or the clock's time.

    ``prefix`` starts the message of a refusal (or makes it, called only then).

    An event dated more than ``margin`` ahead of the clock is refused: the log is append-only
    and no event may be earlier than the last, so one mistyped year would lock the case.
    """
    if type(value) is dt.datetime and value.tzinfo is None and not value.microsecond and value <= _seen[0]:
        return value  # already local time to the second, and not after a time the clock has shown
    if value is not None:
        at = local_input(value, field)
        if at <= _seen[0]:
            return at  # not after a time the clock has already shown: no need to ask it again
    clock = now()
    _seen[0] = max(_seen[0], clock)
    if value is None:
        return clock
    try:
        limit = clock + margin
    except OverflowError:
        limit = dt.datetime.max
    if at > limit:
        start = prefix() if callable(prefix) else prefix
        raise InvalidInput(start + tr(
            f"{field} {at.isoformat()} muộn hơn giờ hiện tại ({clock.isoformat()}) quá {days(margin, 'vi')}; "
            "hãy kiểm tra lại ngày, nhất là năm",
            f"{field} {at.isoformat()} is more than {days(margin)} ahead of the clock "
            f"({clock.isoformat()}); check the date, the year above all",
        ))
    return at


#: The latest time the clock was read at in this process.
_seen = [dt.datetime.min]
