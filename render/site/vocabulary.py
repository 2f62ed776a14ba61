"""How the catalogue site says things in Vietnamese and English: levels, channels, applicants,
outcomes and fields by name, and how numbers, durations and dates read.

The words are entries of ``engine.spec.vocabulary`` (keys ``site.*``), which the page builders
and the templates (``w("site....")``) look up with ``word``. Headings follow the official
procedure sheet (Decree 63/2010/NĐ-CP Art. 8; the 2013 Nghệ An posting).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Sequence

from motcua.engine.spec.model import ApplicantKind, Channel, Duration, EndOutcome, Field, Level
from motcua.engine.spec.vocabulary import LANGUAGES, VOCABULARY, Lang, word
from motcua.render import wording

__all__ = [
    "LANGUAGES",
    "Lang",
    "applicant_word",
    "channel_word",
    "count_words",
    "field_title",
    "format_amount",
    "format_count",
    "format_date",
    "format_duration",
    "level_word",
    "levels_words",
    "outcome_word",
    "word",
]


def level_word(level: Level, lang: Lang) -> str:
    return word(f"site.level.{level.value}", lang)


def levels_words(levels: Sequence[Level], lang: Lang) -> str:
    """Every level that carries the procedure out, joined; ``""`` when none is stated."""
    return ", ".join(level_word(level, lang) for level in levels)


def channel_word(channel: Channel, lang: Lang, *, unit: str) -> str:
    return word(f"site.channel.{channel.value}", lang, unit=unit)


def applicant_word(kind: ApplicantKind, lang: Lang) -> str:
    return word(f"site.applicant.{kind.value}", lang)


def outcome_word(outcome: EndOutcome, lang: Lang) -> str:
    return word(f"site.outcome.{outcome.value}", lang)


def field_title(slug: str, lang: Lang, fields: Sequence[Field] = ()) -> str:
    """The name of a field: as the agency declares it (``fields``), else as the vocabulary has
    it; an unknown slug reads as its words, which is all it carries."""
    for declared in fields:
        if declared.id == slug and declared.title.values:
            return declared.title.get(lang)
    key = f"site.field.{slug}"
    if key in VOCABULARY:
        return word(key, lang)
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def format_duration(duration: Duration, lang: Lang) -> str:
    """``15 ngày làm việc`` / ``15 working days``, whatever language the spec wrote it in.

    The diagrams print durations through the same wording, so page and chart agree.
    """
    return wording.format_duration(duration, lang=lang)


def format_amount(amount: Decimal, currency: str, lang: Lang) -> str:
    """``50.000 đồng`` in Vietnamese (dot groups thousands), ``VND 50,000`` in English."""
    return wording.format_money(amount, currency=currency, lang=lang)


def format_count(count: int) -> str:
    """Official sheets write counts with two digits: ``01``, ``02``; nought stays a plain ``0``."""
    return f"{count:02d}" if count > 0 else "0"


#: What may be counted, each with its entry for one and for several (the same in Vietnamese).
_COUNTED: dict[str, tuple[str, str]] = {
    "procedures": ("site.count.procedures.one", "site.count.procedures"),
    "pages": ("site.count.pages.one", "site.count.pages"),
    "files": ("site.count.files.one", "site.count.files"),
}


def count_words(count: int, what: str, lang: Lang) -> str:
    """``1 procedure``, ``2 procedures``; ``1 thủ tục``, ``2 thủ tục``. ``what`` is a key of the
    counted nouns (``procedures``, ``pages``, ``files``)."""
    one, several = _COUNTED[what]
    return word(one if count == 1 else several, lang, n=count)


def format_date(day: dt.date, lang: Lang) -> str:
    """``05/03/2025`` in Vietnamese, ``5 March 2025`` in English."""
    return word("site.date", lang, d=day, month=word(f"site.month.{day.month}", lang))
