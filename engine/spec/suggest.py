"""Close matches for a mistyped name: the "did you mean" of every message motcua prints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from motcua.engine.spec.i18n import Tr, tr

__all__ = ["closest", "did_you_mean", "did_you_mean_tr"]


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


def did_you_mean_tr(word: str, choices: Iterable[str]) -> Tr:
    """The same suggestion in both languages (both empty when nothing is close), to add to a
    message given as ``tr(vi, en)``.

    >>> did_you_mean_tr("tra-ket-qa", ["tiep-nhan", "tra-ket-qua"]).vi
    "; có phải 'tra-ket-qua'?"
    """
    found = closest(word, choices)
    return tr(f"; có phải '{found}'?", f"; did you mean '{found}'?") if found else tr("", "")
