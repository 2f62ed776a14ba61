"""The values a spec is written in: positions, texts in several languages, durations, and the
closed choices (unit roles, levels, applicant kinds, channels, end outcomes).

``engine.spec.model`` builds procedures and agencies out of them and names them all again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

__all__ = [
    "EMPTY_TEXT",
    "NOWHERE",
    "ApplicantKind",
    "Channel",
    "Duration",
    "EndOutcome",
    "Level",
    "Pos",
    "Text",
    "TimeUnit",
    "UnitRole",
]


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in a spec file."""

    line: int = 0
    column: int = 0


NOWHERE = Pos()


@dataclass(frozen=True, slots=True)
class Text:
    """Text in one or more languages: ``{vi: ..., en: ...}``.

    ``values`` keeps the languages in the order they were written. ``get`` falls back to the
    first language written when the wanted one is missing.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value: str | Mapping[str, str], *, lang: str = "vi") -> "Text":
        if isinstance(value, str):
            return cls(((lang, value),))
        return cls(tuple((str(k), str(v)) for k, v in value.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.values)

    def get(self, lang: str | None = None) -> str:
        for k, v in self.values:
            if k == lang:
                return v
        return self.values[0][1] if self.values else ""

    def has(self, lang: str) -> bool:
        return any(k == lang for k, _ in self.values)

    def __str__(self) -> str:
        return self.get()

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


EMPTY_TEXT = Text(())


class TimeUnit(enum.Enum):
    """Units of a duration (spec table "Durations")."""

    WORKING_DAYS = "working days"
    WORKING_HOURS = "working hours"
    SESSIONS = "sessions"
    DAYS = "days"
    MONTHS = "months"  # calendar months (Civil Code 2015 Art. 148(3))
    HOURS = "hours"  # calendar hours: elapsed clock time, unlike WORKING_HOURS
    SAME_DAY = "same day"  # "trong ngày": returned within the day of receipt; value 0


@dataclass(frozen=True, slots=True)
class Duration:
    """``"<number> <unit>"``, e.g. ``15 working days`` or ``1 buổi``."""

    value: Decimal
    unit: TimeUnit
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.value} {self.unit.value}"

    def in_working_days(self, *, session_hours: float = 4.0, day_hours: float = 8.0) -> float:
        """An approximate size in working days, for comparing durations of different units.

        Calendar days count 5/7 of a working day (a five-day working week); the engine counts
        real deadlines on the agency calendar instead.
        """
        v = float(self.value)
        if self.unit is TimeUnit.WORKING_DAYS:
            return v
        if self.unit is TimeUnit.SESSIONS:
            return v * session_hours / day_hours
        if self.unit is TimeUnit.WORKING_HOURS:
            return v / day_hours
        return v * 5.0 / 7.0


class UnitRole(enum.Enum):
    ONE_STOP = "one-stop"
    DIVISION = "division"
    LEADERSHIP = "leadership"
    EXTERNAL = "external"


class Level(enum.Enum):
    MINISTRY = "ministry"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class ApplicantKind(enum.Enum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    ENTERPRISE = "enterprise"


class Channel(enum.Enum):
    IN_PERSON = "in-person"
    POST = "post"
    ONLINE = "online"


class EndOutcome(enum.Enum):
    GRANTED = "granted"
    REFUSED = "refused"
    DEEMED_GRANTED = "deemed-granted"
    WITHDRAWN = "withdrawn"
    TRANSFERRED = "transferred"
