"""Spec durations: parsing every unit of the spec reference (docs/spec-reference.md), the schema pattern, display."""

from __future__ import annotations

import doctest
import re
import unicodedata
from decimal import Decimal

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.engine.spec import durations as durations_module
from motcua.engine.spec.durations import (
    DURATION_PATTERN,
    SAME_DAY_WORDS,
    UNIT_WORDS,
    approximate_working_days,
    format_duration,
    parse_duration,
)
from motcua.engine.spec.model import Duration, TimeUnit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("15 working days", "15", TimeUnit.WORKING_DAYS),
        ("1 working day", "1", TimeUnit.WORKING_DAYS),
        ("15 ngày làm việc", "15", TimeUnit.WORKING_DAYS),
        ("8 working hours", "8", TimeUnit.WORKING_HOURS),
        ("1 working hour", "1", TimeUnit.WORKING_HOURS),
        ("8 giờ làm việc", "8", TimeUnit.WORKING_HOURS),
        ("2 sessions", "2", TimeUnit.SESSIONS),
        ("1 session", "1", TimeUnit.SESSIONS),
        ("1 buổi", "1", TimeUnit.SESSIONS),
        ("30 days", "30", TimeUnit.DAYS),
        ("1 day", "1", TimeUnit.DAYS),
        ("30 ngày", "30", TimeUnit.DAYS),
        ("0.5 working days", "0.5", TimeUnit.WORKING_DAYS),
        ("  3   Working   Days  ", "3", TimeUnit.WORKING_DAYS),
        ("2 SESSIONS", "2", TimeUnit.SESSIONS),
        ("1 Buổi", "1", TimeUnit.SESSIONS),
        ("5 ngày\tlàm  việc", "5", TimeUnit.WORKING_DAYS),
        ("3 months", "3", TimeUnit.MONTHS),
        ("1 month", "1", TimeUnit.MONTHS),
        ("3 tháng", "3", TimeUnit.MONTHS),
        ("1.5 THÁNG", "1.5", TimeUnit.MONTHS),
        ("24 hours", "24", TimeUnit.HOURS),
        ("1 hour", "1", TimeUnit.HOURS),
        ("24 giờ", "24", TimeUnit.HOURS),
        ("0.5  Giờ", "0.5", TimeUnit.HOURS),
        # Longest first: "giờ làm việc" is a working hour, never a calendar hour with a tail.
        ("8 Giờ  Làm Việc", "8", TimeUnit.WORKING_HOURS),
        ("9999 tháng", "9999", TimeUnit.MONTHS),
        ("same day", "0", TimeUnit.SAME_DAY),
        ("trong ngày", "0", TimeUnit.SAME_DAY),
        ("  Trong   NGÀY ", "0", TimeUnit.SAME_DAY),
        ("Same\tDay", "0", TimeUnit.SAME_DAY),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_parse_accepts_the_spec_table(text: str, value: str, unit: TimeUnit) -> None:
    d = parse_duration(text)
    assert d.unit is unit
    assert d.value == Decimal(value)
    assert d.text == text.strip()


def test_parse_keeps_the_decimal_exactly() -> None:
    # "1.50" stays 1.50 (not the float 1.5 nor a rounded value): the validators compare budgets
    # and the calendar scales by it without binary rounding.
    d = parse_duration("1.50 days")
    assert d.value.as_tuple() == Decimal("1.50").as_tuple()
    assert parse_duration("0.1 working hours").value == Decimal("0.1")


def test_parse_reads_decomposed_vietnamese() -> None:
    # Typed on a keyboard that produces NFD ("a" + combining grave, ...), it must still parse.
    nfd = unicodedata.normalize("NFD", "2 ngày làm việc")
    assert nfd != "2 ngày làm việc"
    d = parse_duration(nfd)
    assert d.unit is TimeUnit.WORKING_DAYS
    assert d.text == "2 ngày làm việc"


@pytest.mark.parametrize(
    "text",
    ["", "15", "working days", "15 weeks", "-1 days", "1.5.2 days", ".5 days",
     "15workingdays", "15 working", "15 ngày làm", "fifteen days", "١٥ days", "15 days extra",
     "months", "15 giờ làm", "15 giờlàm việc", "15 tuan", "1 same day", "same day 1", "5 trong ngày",
     "trong ngày làm việc", "same", "trong", "sameday", "the same day", "trong 1 ngày", "0 same day"],
)
def test_parse_refuses_and_names_the_units(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_duration(text)
    message = str(err.value)
    for words in UNIT_WORDS.values():
        assert words[0] in message and words[-1] in message
    for word in SAME_DAY_WORDS:
        assert f"'{word}'" in message


@pytest.mark.parametrize("text", ["10000 months", "12345 giờ", "99999 hours"])
def test_the_cap_holds_for_every_unit(text: str) -> None:
    with pytest.raises(ValueError, match="at most 9999"):
        parse_duration(text)


def test_decimal_comma_gets_a_hint() -> None:
    with pytest.raises(ValueError, match=r"decimal point.*'1\.5 ngày'"):
        parse_duration("1,5 ngày")


def test_non_string_is_refused() -> None:
    with pytest.raises(ValueError, match="string"):
        parse_duration(15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("15 working days", "15 ngày làm việc", "15 working days"),
        ("1 buổi", "1 buổi", "1 session"),
        ("2 sessions", "2 buổi", "2 sessions"),
        ("1 working hour", "1 giờ làm việc", "1 working hour"),
        ("30 ngày", "30 ngày", "30 days"),
        ("1 day", "1 ngày", "1 day"),
        ("1.50 ngày làm việc", "1,5 ngày làm việc", "1.5 working days"),
        ("100 days", "100 ngày", "100 days"),
        ("0.5 sessions", "0,5 buổi", "0.5 sessions"),
        ("3 months", "3 tháng", "3 months"),
        ("1 tháng", "1 tháng", "1 month"),
        ("1.5 months", "1,5 tháng", "1.5 months"),
        ("24 giờ", "24 giờ", "24 hours"),
        ("1 hour", "1 giờ", "1 hour"),
        ("0.5 hours", "0,5 giờ", "0.5 hours"),
        ("8 giờ làm việc", "8 giờ làm việc", "8 working hours"),
        ("same day", "trong ngày", "same day"),
        ("Trong  ngày", "trong ngày", "same day"),
    ],
)
def test_format_duration(text: str, vi: str, en: str) -> None:
    d = parse_duration(text)
    assert format_duration(d) == vi
    assert format_duration(d, lang="vi") == vi
    assert format_duration(d, lang="en") == en


def test_docstring_examples() -> None:
    assert doctest.testmod(durations_module).failed == 0


def test_format_refuses_other_languages() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        format_duration(Duration(Decimal(1), TimeUnit.DAYS), lang="fr")  # type: ignore[arg-type]


def test_formatted_english_parses_back() -> None:
    for unit in TimeUnit:
        for value in (("0",) if unit is TimeUnit.SAME_DAY else ("1", "2", "0.25")):
            d = Duration(Decimal(value), unit)
            for lang in ("en", "vi"):
                shown = format_duration(d, lang=lang)  # type: ignore[arg-type]
                again = parse_duration(shown.replace(",", ".") if lang == "vi" else shown)
                assert (again.value, again.unit) == (d.value, d.unit), shown


def test_same_day_shows_its_words_whatever_its_value() -> None:
    # Only "same day" / "trong ngày" make this unit, with the value 0; a Duration built in
    # code with another value still reads as the same words, never as "3 trong ngày".
    d = Duration(Decimal(3), TimeUnit.SAME_DAY)
    assert (format_duration(d, lang="vi"), format_duration(d, lang="en")) == ("trong ngày", "same day")
    with pytest.raises(ValueError, match="unsupported language"):
        format_duration(d, lang="fr")  # type: ignore[arg-type]


def test_every_unit_has_words() -> None:
    numbered = set(UNIT_WORDS)
    assert numbered | {TimeUnit.SAME_DAY} == set(TimeUnit)
    assert TimeUnit.SAME_DAY not in numbered


# -- sizes for comparing units (validators' TIM rules) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("15 working days", 15.0),
        ("1 buổi", 0.5),
        ("4 working hours", 0.5),
        ("7 days", 5.0),
        # A month: 30.44 days on average, 5/7 of them weekdays (21.74), taken as 22.
        ("1 month", 22.0),
        ("1.5 tháng", 33.0),
        # Calendar hours: working time up to one office day ...
        ("4 giờ", 0.5),
        ("8 hours", 1.0),
        ("24 hours", 1.0),
        # ... then 1/24 of a calendar day (5/7 of a working day): a week is 5 working days.
        ("168 hours", 5.0),
        ("336 giờ", 10.0),
        # Same day: one session, the half day left on average after a receipt.
        ("same day", 0.5),
        ("trong ngày", 0.5),
    ],
)
def test_approximate_working_days(text: str, size: float) -> None:
    assert approximate_working_days(parse_duration(text)) == pytest.approx(size)


def test_approximate_working_days_follows_office_hours() -> None:
    # Three sessions of 3 h: a session is a third of the day, so is "same day"; 4 calendar
    # hours inside office hours are 4 of 9 working hours.
    assert approximate_working_days(parse_duration("same day"), session_hours=3.0, day_hours=9.0) == pytest.approx(1 / 3)
    assert approximate_working_days(parse_duration("4 giờ"), session_hours=3.0, day_hours=9.0) == pytest.approx(4 / 9)


def test_approximate_working_days_keeps_the_order_of_calendar_units() -> None:
    # 24 hours are 1 day, 30 days are at most a month, 31 days at least one.
    size = lambda text: approximate_working_days(parse_duration(text))  # noqa: E731
    assert size("48 hours") == pytest.approx(size("2 days"))
    assert size("720 hours") == pytest.approx(size("30 days"))
    assert size("30 days") < size("1 month") < size("31 days")
    assert size("same day") < size("1 working day")


# Letters of every unit word in both cases, digits, separators: enough to hit near misses.
_WORDS = [w for words in UNIT_WORDS.values() for w in words] + list(SAME_DAY_WORDS)
_LETTERS = sorted({c for w in _WORDS for c in w + w.upper() if not c.isspace()})
_ALPHABET = st.sampled_from(_LETTERS + list("0123456789.,-") + [" ", " ", "\t", "\n"])
_NEAR_MISS = st.one_of(
    st.text(_ALPHABET, max_size=24),
    st.builds(
        lambda n, sep, w, tail: f"{n}{sep}{w}{tail}",
        st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,2})?|[0-9],[0-9]", fullmatch=True),
        st.sampled_from(["", " ", "  ", "\t"]),
        st.sampled_from(_WORDS + ["weeks", "giờ làm", "ngày làm", "trong", "same"]).map(
            lambda w: w.upper() if len(w) % 2 else w
        ),
        st.sampled_from(["", " ", "s", " x"]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(_NEAR_MISS)
def test_schema_pattern_agrees_with_the_parser(text: str) -> None:
    # The JSON Schema carries DURATION_PATTERN; jsonschema-rs evaluates it with an ECMA-262
    # style engine, so this also checks the pattern means the same outside Python.
    try:
        parse_duration(text)
        accepted = True
    except ValueError:
        accepted = False
    assert (re.fullmatch(DURATION_PATTERN, text) is not None) == accepted
    validator = jsonschema_rs.validator_for({"type": "string", "pattern": DURATION_PATTERN})
    assert validator.is_valid(text) == accepted
