"""The procedure model: frozen, typed dataclasses built from validated specs.

This is the one model that the validators, the engine and the renderers share. Field names
are the YAML keys of spec language v1 word for word; ``pos`` and ``file`` only say where a
thing was written and are not spec keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterator, Protocol, Sequence, TypeVar

from motcua.engine.spec.values import (
    NOWHERE,
    ApplicantKind,
    Channel,
    Duration,
    EndOutcome,
    Level,
    Pos,
    Text,
    TimeUnit,
    UnitRole,
)

__all__ = [
    "Agency",
    "ApplicantKind",
    "Calendar",
    "Catalog",
    "Channel",
    "Consult",
    "DayOff",
    "Duration",
    "End",
    "EndOutcome",
    "Fee",
    "LegalBasis",
    "Level",
    "Outcome",
    "Pos",
    "Procedure",
    "Record",
    "Result",
    "Step",
    "Text",
    "TimeUnit",
    "Timeout",
    "Unit",
    "UnitRole",
    "META_FIELDS",
    "by_id",
]

#: Dataclass fields that record where a thing was written rather than what it says.
META_FIELDS = frozenset({"pos", "file"})


class _Named(Protocol):
    @property
    def id(self) -> str: ...


N = TypeVar("N", bound=_Named)


def by_id(items: Sequence[N], wanted: str) -> N:
    """The item whose ``id`` is ``wanted``; ``KeyError`` when none is."""
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    title: Text
    role: UnitRole
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class DayOff:
    date: dt.date
    note: str | None = None
    pos: Pos = NOWHERE


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
class Agency:
    id: str
    title: Text
    languages: tuple[str, ...]
    units: tuple[Unit, ...]
    calendar: Calendar = field(default_factory=Calendar)
    code: str | None = None
    address: Text | None = None
    phone: str | None = None
    file: str = ""
    pos: Pos = NOWHERE

    def unit(self, unit_id: str) -> Unit:
        return by_id(self.units, unit_id)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "vi"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    id: str
    title: Text
    url: str | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Fee:
    title: Text
    amount: Decimal
    currency: str = "VND"
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    title: Text
    originals: int = 1
    copies: int = 0
    form: str | None = None
    when: Text | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    title: Text
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Consult:
    unit: str
    time: Duration
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Timeout:
    after: Duration
    to: str
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Outcome:
    """One branch of a decision: ``name: target`` or ``name: {to, title}``."""

    name: str
    to: str
    title: Text | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    unit: str
    time: Duration
    title: Text | None = None
    checks: tuple[str, ...] = ()
    next: str | None = None
    outcomes: tuple[Outcome, ...] = ()
    consult: tuple[Consult, ...] = ()
    timeout: Timeout | None = None
    pos: Pos = NOWHERE

    def targets(self) -> Iterator[str]:
        """Every step or end this step can lead to, in spec order."""
        if self.next is not None:
            yield self.next
        for o in self.outcomes:
            yield o.to
        if self.timeout is not None:
            yield self.timeout.to

    @property
    def label(self) -> Text:
        return self.title if self.title is not None else Text((("", self.id),))


@dataclass(frozen=True, slots=True)
class End:
    id: str
    outcome: EndOutcome
    title: Text | None = None
    result: str | None = None
    pos: Pos = NOWHERE

    @property
    def label(self) -> Text:
        return self.title if self.title is not None else Text((("", self.id),))


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str
    agency: str
    title: Text
    version: str
    time_limit: Duration
    records: tuple[Record, ...]
    results: tuple[Result, ...]
    steps: tuple[Step, ...]
    ends: tuple[End, ...]
    code: str | None = None
    field: str | None = None
    level: Level | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    supersedes: str | None = None
    legal_basis: tuple[LegalBasis, ...] = ()
    applicants: tuple[ApplicantKind, ...] = ()
    channels: tuple[Channel, ...] = ()
    fees: tuple[Fee, ...] = ()
    committed_time: Duration | None = None
    description: Text | None = None
    conditions: tuple[Text, ...] = ()
    file: str = ""
    pos: Pos = NOWHERE

    @property
    def first_step(self) -> Step:
        return self.steps[0]

    def step(self, step_id: str) -> Step:
        return by_id(self.steps, step_id)

    def end(self, end_id: str) -> End:
        return by_id(self.ends, end_id)

    def record(self, record_id: str) -> Record:
        return by_id(self.records, record_id)

    def result(self, result_id: str) -> Result:
        return by_id(self.results, result_id)

    def is_step(self, node_id: str) -> bool:
        return any(s.id == node_id for s in self.steps)

    def is_end(self, node_id: str) -> bool:
        return any(e.id == node_id for e in self.ends)

    def in_force(self, day: dt.date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        return True

    @property
    def key(self) -> str:
        """``agency-id/procedure-id@version``: names one version in a catalogue."""
        return f"{self.agency}/{self.id}@{self.version}"


@dataclass(frozen=True, slots=True)
class Catalog:
    """A loaded catalogue: agencies and every version of every procedure."""

    agencies: tuple[Agency, ...]
    procedures: tuple[Procedure, ...]
    root: str = ""

    def agency(self, agency_id: str) -> Agency:
        return by_id(self.agencies, agency_id)

    def versions(self, ref: str) -> tuple[Procedure, ...]:
        """Every version of ``procedure-id`` or ``agency-id/procedure-id``."""
        agency, _, pid = ref.rpartition("/")
        return tuple(
            p for p in self.procedures if p.id == pid and (not agency or p.agency == agency)
        )

    def procedure(self, ref: str, *, on: dt.date | None = None, version: str | None = None) -> Procedure:
        """The version of a procedure in force on a date, or a named version.

        Without a date: the version in force today, or else the latest one (a catalogue may keep
        procedures whose last version has ended, for the record and for comparisons). Raises
        ``KeyError`` with a readable message when nothing matches.
        """
        found = self.versions(ref)
        if not found:
            raise KeyError(f"no procedure '{ref}' in the catalogue")
        agencies = {p.agency for p in found}
        if len(agencies) > 1:
            raise KeyError(
                f"'{ref}' names procedures of several agencies ({', '.join(sorted(agencies))}); "
                "write agency-id/procedure-id"
            )
        if version is not None:
            for p in found:
                if p.version == version:
                    return p
            raise KeyError(f"procedure '{ref}' has no version '{version}'")
        day = on or dt.date.today()
        in_force = [p for p in found if p.in_force(day)]
        if in_force:
            return in_force[0]
        if on is None:
            return max(found, key=lambda p: (p.valid_from or dt.date.min, p.version))
        raise KeyError(f"no version of '{ref}' is in force on {day.isoformat()}")


def _state_functions(names: tuple[str, ...]) -> tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any, Any], None]]:
    get = operator.attrgetter(*names)
    single = len(names) == 1

    def getstate(self: Any) -> tuple[Any, ...]:
        value = get(self)
        return (value,) if single else value

    def setstate(self: Any, state: Any) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    return getstate, setstate


_VALUES = Pos.__module__


def _pickle_by_fields() -> None:
    """Give each frozen, slotted model class state functions that know its fields.

    Pickling such a class goes through dataclasses' generic state functions, which look its
    fields up again for every object; the processes that validate and publish on every core
    hand whole catalogues to each other pickled (never through a file), where that lookup was
    most of the cost.
    """
    for cls in list(globals().values()):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ in (__name__, _VALUES):
            getstate, setstate = _state_functions(tuple(f.name for f in dataclasses.fields(cls)))
            setattr(cls, "__getstate__", getstate)
            setattr(cls, "__setstate__", setstate)


_pickle_by_fields()
