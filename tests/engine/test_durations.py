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
from motcua.engine.spec.durations import DURATION_PATTERN, UNIT_WORDS, format_duration, parse_duration
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
    ["", "15", "working days", "15 weeks", "15 months", "15 giờ", "-1 days", "1.5.2 days", ".5 days",
     "15workingdays", "15 working", "15 ngày làm", "fifteen days", "١٥ days", "15 days extra"],
)
def test_parse_refuses_and_names_the_units(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_duration(text)
    message = str(err.value)
    for words in UNIT_WORDS.values():
        assert words[0] in message and words[-1] in message


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
        for value in ("1", "2", "0.25"):
            d = Duration(Decimal(value), unit)
            again = parse_duration(format_duration(d, lang="en"))
            assert (again.value, again.unit) == (d.value, d.unit)


# Letters of every unit word in both cases, digits, separators: enough to hit near misses.
_WORDS = [w for words in UNIT_WORDS.values() for w in words]
_LETTERS = sorted({c for w in _WORDS for c in w + w.upper() if not c.isspace()})
_ALPHABET = st.sampled_from(_LETTERS + list("0123456789.,-") + [" ", " ", "\t", "\n"])
_NEAR_MISS = st.one_of(
    st.text(_ALPHABET, max_size=24),
    st.builds(
        lambda n, sep, w, tail: f"{n}{sep}{w}{tail}",
        st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,2})?|[0-9],[0-9]", fullmatch=True),
        st.sampled_from(["", " ", "  ", "\t"]),
        st.sampled_from(_WORDS + ["weeks", "giờ", "ngày làm"]).map(
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
