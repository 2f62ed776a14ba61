"""Close matches for a mistyped name: the "did you mean" of every message motcua prints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (``difflib`` ratio at least ``cutoff``), never ``word``
    itself, or ``None``."""
    others = [c for c in dict.fromkeys(choices) if c != word]
    found = difflib.get_close_matches(word, others, n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or ``""``.

    >>> did_you_mean("tra-ket-qa", ["tiep-nhan", "tra-ket-qua"])
    "; did you mean 'tra-ket-qua'?"
    """
    found = closest(word, choices)
    return f"; did you mean '{found}'?" if found else ""
