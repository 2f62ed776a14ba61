"""Pieces the validators' messages are made of that read differently in each language: a
duration (the "did you mean" is ``engine.spec.suggest.did_you_mean_tr``). Each is a
:class:`~motcua.engine.spec.i18n.Tr`, joined into a message with ``+``."""

from __future__ import annotations

from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Duration

__all__ = ["duration"]


def duration(d: Duration) -> Tr:
    """A duration of the spec: in Vietnamese as ``format_duration`` writes it (``5 ngày làm
    việc``), in English as the author wrote it.

    >>> from motcua.engine.spec.durations import parse_duration
    >>> duration(parse_duration("1.5 working days"))
    Tr(vi='1,5 ngày làm việc', en='1.5 working days')
    """
    return tr(format_duration(d, lang="vi"), str(d))
