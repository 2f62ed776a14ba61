"""How the charts say their words: fixed phrases, durations, money and document counts in vi and en.

The words themselves are entries of ``engine.spec.vocabulary`` (keys ``chart.*`` and ``money.*``);
this module fills them in for the diagrams (``render.swimlanes``, ``render.public_view``,
``render.dot``), and the catalogue site formats amounts and durations through it, so page and
chart agree. A language the table has no words for falls back to Vietnamese, the language of
the procedures' legal texts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal

from motcua.engine.spec.durations import format_duration as _engine_format_duration
from motcua.engine.spec.model import Duration, EndOutcome, Fee, Procedure, fees_free
from motcua.engine.spec.vocabulary import LANGUAGES as _LANGUAGES
from motcua.engine.spec.vocabulary import language, word

__all__ = [
    "LANGUAGES",
    "fee_amount",
    "format_count",
    "format_duration",
    "format_money",
    "listed_amounts",
    "outcome_phrase",
    "phrase",
    "time_limit_words",
]

#: Languages the renderers have words for; the first is the fallback.
LANGUAGES: Final = _LANGUAGES

#: The entries ``format_count`` says a count with: (one, more than one).
_COUNTS: Final = {
    "original": ("chart.public.original", "chart.public.originals"),
    "copy": ("chart.public.copy", "chart.public.copies"),
}


def phrase(key: str, *, lang: str, **values: str) -> str:
    """The vocabulary entry ``key`` in ``lang`` (Vietnamese for a language it has no words for),
    with ``{name}`` slots filled from ``values``.

    Slot values are inserted as they are (``str.format`` does not re-read them), so spec text
    containing braces is safe here.
    """
    return word(key, language(lang, otherwise="vi"), **values)


def format_duration(duration: Duration, *, lang: str) -> str:
    """``15 ngày làm việc`` / ``15 working days`` (the engine's wording, in a language we have)."""
    return _engine_format_duration(duration, lang=language(lang, otherwise="vi"))


def format_money(amount: Decimal, *, currency: str = "VND", lang: str) -> str:
    """``50.000 đồng`` in Vietnamese (dot groups thousands), ``VND 50,000`` in English."""
    said = language(lang, otherwise="vi")
    whole = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount
    text = f"{whole:,}"
    if said == "vi":
        # Vietnamese swaps the separators: 1.234.567,5
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    key = "money.vnd" if currency == "VND" else "money.other"
    return word(key, said, amount=text, currency=currency)


def format_count(n: int, key: Literal["original", "copy"], *, lang: str) -> str:
    """``2 bản chính`` / ``2 originals``: a count of documents (key ``original`` or ``copy``)."""
    one, more = _COUNTS[key]
    return phrase(one if n == 1 else more, lang=lang, n=str(n))


def outcome_phrase(outcome: EndOutcome, *, lang: str) -> str:
    """How an end's outcome is named in a legend or a tooltip."""
    return phrase(f"chart.outcome.{outcome.value}", lang=lang)


def time_limit_words(procedure: Procedure, *, lang: str) -> str:
    """The procedure's legal time limit in words; when it states none of its own, whether its
    sub-cases or channels carry one ("depends on the sub-case or channel") or none does."""
    if procedure.time_limit is not None:
        return format_duration(procedure.time_limit, lang=lang)
    if any(v.time_limit is not None for v in procedure.variants) or any(
        c.time_limit is not None for c in procedure.channels
    ):
        return phrase("chart.time.varies", lang=lang)
    return phrase("chart.time.not-stated", lang=lang)


def fee_amount(fee: Fee, *, lang: str) -> str:
    """A fee's amount as money, else what the record says of it in prose, else ``""``."""
    if fee.amount is not None:
        return format_money(fee.amount, currency=fee.currency, lang=lang)
    if fee.text is not None and fee.text.values:
        return fee.text.get(lang)
    return ""


def listed_amounts(fees: tuple[Fee, ...] | None, *, most: int = 3) -> bool:
    """Whether ``fees`` can be said in one line: stated, not free, at most ``most`` items, and
    every one a known amount (a fee in prose or a long table is told where it is written)."""
    return (
        fees is not None
        and not fees_free(fees)
        and len(fees) <= most
        and all(f.amount is not None for f in fees)
    )
