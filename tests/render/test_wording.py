"""Words around spec text: durations, money and document counts in Vietnamese and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import EndOutcome
from motcua.render.wording import format_count, format_duration, format_money, outcome_phrase, phrase


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("15 working days", "15 ngày làm việc", "15 working days"),
        ("1 buổi", "1 buổi", "1 session"),
        ("1.5 ngày làm việc", "1,5 ngày làm việc", "1.5 working days"),
        ("4 giờ làm việc", "4 giờ làm việc", "4 working hours"),
        ("15 ngày", "15 ngày", "15 days"),
    ],
)
def test_durations_in_both_languages(text: str, vi: str, en: str) -> None:
    d = parse_duration(text)
    assert format_duration(d, lang="vi") == vi
    assert format_duration(d, lang="en") == en
    assert format_duration(d, lang="fr") == vi  # a language we have no words for falls back


def test_money_groups_thousands_the_local_way() -> None:
    assert format_money(Decimal("50000"), lang="vi") == "50.000 đồng"
    assert format_money(Decimal("50000"), lang="en") == "VND 50,000"
    assert format_money(Decimal("1234567.5"), lang="vi") == "1.234.567,5 đồng"
    assert format_money(Decimal("20"), currency="USD", lang="vi") == "20 USD"


def test_document_counts() -> None:
    assert format_count(2, "original", lang="vi") == "2 bản chính"
    assert format_count(1, "original", lang="en") == "1 original"
    assert format_count(2, "original", lang="en") == "2 originals"
    assert format_count(3, "copy", lang="en") == "3 copies"
    assert format_count(1, "copy", lang="vi") == "1 bản sao"
    assert format_count(3, "copy", lang="vi") == "3 bản sao"
    assert format_count(2, "original", lang="fr") == "2 bản chính"


def test_phrases_fill_slots_without_reading_braces_in_values() -> None:
    assert phrase("chart.timeout", lang="vi", time="{x} 3 ngày") == "sau {x} 3 ngày"
    assert phrase("chart.timeout", lang="fr", time="3 ngày") == "sau 3 ngày"  # a language we have no words for
    assert outcome_phrase(EndOutcome.DEEMED_GRANTED, lang="en") == "Deemed granted"
    with pytest.raises(KeyError):
        phrase("timeout", lang="vi")  # a key is the whole key, named where it is said
