"""The loss report: what a record holds that the spec language has no place for.

Every fact of a record lands in the spec or here, never nowhere. An entry names its kind (a
short slug such as ``level-flag`` or ``result-code``), says what was left out, and where in the
record it stood (a JSON path). ``counted=False`` marks entries that are not losses of meaning
(a blank item skipped), listed so that the report accounts for every item all the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Loss", "Losses"]


@dataclass(frozen=True, slots=True)
class Loss:
    kind: str
    message: str
    where: str
    counted: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "where": self.where, "counted": self.counted}


@dataclass
class Losses:
    """The losses of one record, in the order found."""

    entries: list[Loss] = field(default_factory=list)

    def add(self, kind: str, message: str, where: str, *, counted: bool = True) -> None:
        self.entries.append(Loss(kind, " ".join(message.split()), where, counted))

    @property
    def counted(self) -> list[Loss]:
        return [e for e in self.entries if e.counted]

    def by_kind(self) -> Counter[str]:
        return Counter(e.kind for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)
