"""The agency model: an agency, its units, its working calendar and the fields it declares.

``engine.spec.model`` names every class here again; procedures name their agency by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from motcua.engine.spec.values import NOWHERE, Pos, Text, UnitRole

__all__ = ["Agency", "Calendar", "DayOff", "Field", "Unit"]


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    title: Text
    role: UnitRole
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class DayOff:
    """A day off the agency announces, and why (a text in its languages, or none)."""

    date: dt.date
    note: Text | None = None
    pos: Pos = NOWHERE

    def __post_init__(self) -> None:
        # A plain string, as code may write a note, is a text in the first language (Vietnamese).
        note: object = self.note
        if isinstance(note, str):
            object.__setattr__(self, "note", Text.of(note))


@dataclass(frozen=True, slots=True)
class Calendar:
    """An agency's working calendar: public holidays of a country plus announced changes."""

    holidays: str = "VN"
    office_hours: tuple[tuple[dt.time, dt.time], ...] = (
        (dt.time(7, 0), dt.time(11, 30)),
        (dt.time(13, 30), dt.time(17, 0)),
    )
    days_off: tuple[DayOff, ...] = ()
    working_days: tuple[dt.date, ...] = ()

    @property
    def day_hours(self) -> float:
        return sum(_hours(a, b) for a, b in self.office_hours) or 8.0

    @property
    def session_hours(self) -> float:
        return self.day_hours / max(1, len(self.office_hours))


def _hours(a: dt.time, b: dt.time) -> float:
    return (b.hour * 60 + b.minute - a.hour * 60 - a.minute) / 60.0


@dataclass(frozen=True, slots=True)
class Field:
    """A field (lĩnh vực) an agency declares: its slug, its title and the national code."""

    id: str
    title: Text
    code: str | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    title: Text
    languages: tuple[str, ...]
    units: tuple[Unit, ...]
    calendar: Calendar = field(default_factory=Calendar)
    code: str | None = None
    address: Text | None = None
    phone: str | None = None
    fields: tuple[Field, ...] = ()
    file: str = ""
    pos: Pos = NOWHERE

    def unit(self, unit_id: str) -> Unit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "vi"
