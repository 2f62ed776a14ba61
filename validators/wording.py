"""Pieces the validators' messages are made of that read differently in each language: a
"did you mean", a duration. Each is a :class:`~motcua.engine.spec.i18n.Tr`, joined into a
message with ``+``."""

from __future__ import annotations

from collections.abc import Iterable

from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Duration
from motcua.engine.spec.suggest import closest

__all__ = ["did_you_mean", "duration"]


def did_you_mean(word: str, choices: Iterable[str]) -> Tr:
    """``"; did you mean 'x'?"`` (``"; có phải 'x'?"``) for the closest choice, or nothing.

    >>> did_you_mean("tra-ket-qa", ["tiep-nhan", "tra-ket-qua"])
    Tr(vi="; có phải 'tra-ket-qua'?", en="; did you mean 'tra-ket-qua'?")
    """
    found = closest(word, choices)
    return tr(f"; có phải '{found}'?", f"; did you mean '{found}'?") if found else tr("", "")


def duration(d: Duration) -> Tr:
    """A duration of the spec: in Vietnamese as ``format_duration`` writes it (``5 ngày làm
    việc``), in English as the author wrote it.

    >>> from motcua.engine.spec.durations import parse_duration
    >>> duration(parse_duration("1.5 working days"))
    Tr(vi='1,5 ngày làm việc', en='1.5 working days')
    """
    return tr(format_duration(d, lang="vi"), str(d))
