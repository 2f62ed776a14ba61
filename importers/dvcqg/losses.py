"""The loss report: what a record holds that the spec language has no place for.

Every fact of a record lands in the spec or here, never nowhere. An entry names its kind (a
short slug such as ``level-flag`` or ``result-code``), says what was left out, and where in the
record it stood (a JSON path). ``counted=False`` marks entries that are not losses of meaning
(a blank item skipped), listed so that the report accounts for every item all the same.
What was left out is said in both languages: the report (text and ``--format json``) in the
run's, the comment the spec file opens with in English (the spec file is a document, the same
whatever language the import ran in).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from motcua.engine.spec.i18n import Tr, tr

__all__ = ["Loss", "Losses"]


@dataclass(frozen=True, slots=True)
class Loss:
    kind: str
    message: Tr
    where: str
    counted: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": str(self.message), "where": self.where, "counted": self.counted}


@dataclass
class Losses:
    """The losses of one record, in the order found."""

    entries: list[Loss] = field(default_factory=list)

    def add(self, kind: str, message: Tr, where: str, *, counted: bool = True) -> None:
        said = tr(" ".join(message.vi.split()), " ".join(message.en.split()))
        self.entries.append(Loss(kind, said, where, counted))

    @property
    def counted(self) -> list[Loss]:
        return [e for e in self.entries if e.counted]

    def by_kind(self) -> Counter[str]:
        return Counter(e.kind for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)
