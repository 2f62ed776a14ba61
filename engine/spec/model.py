"""The procedure model: frozen, typed dataclasses built from validated specs.

This is the one model that the validators, the engine and the renderers share. Field names
are the YAML keys of the spec language word for word; ``pos`` and ``file`` only say where a
thing was written and are not spec keys. The dossier and fee classes live in
``engine.spec.dossier``, variants, channels and the other terms of the national record in
``engine.spec.terms``; this module names them all again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Protocol, Sequence, TypeVar

from motcua.engine.spec import agency as _agency
from motcua.engine.spec import dossier as _dossier
from motcua.engine.spec import terms as _terms
from motcua.engine.spec.agency import Agency, Calendar, DayOff, Field, Unit
from motcua.engine.spec.dossier import (
    DossierItem,
    Fee,
    FeeKind,
    Form,
    Record,
    RecordGroup,
    default_received,
    fees_free,
    find_item,
    leaf_records,
    walk_items,
)
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.terms import ApplicantType, Body, ChannelOption, ClockStop, Extension, Source, Variant
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
    "ApplicantType",
    "Body",
    "Calendar",
    "Catalog",
    "Channel",
    "ChannelOption",
    "ClockStop",
    "Consult",
    "DayOff",
    "DossierItem",
    "Duration",
    "End",
    "EndOutcome",
    "Extension",
    "Fee",
    "FeeKind",
    "Field",
    "Form",
    "LegalBasis",
    "Level",
    "Outcome",
    "Pos",
    "Procedure",
    "Record",
    "RecordGroup",
    "Result",
    "Source",
    "Step",
    "Text",
    "TimeUnit",
    "Timeout",
    "Unit",
    "UnitRole",
    "Variant",
    "META_FIELDS",
    "NotInCatalog",
    "by_id",
    "default_received",
    "fees_free",
    "find_item",
    "leaf_records",
    "walk_items",
]

class NotInCatalog(KeyError):
    """No procedure, or no version of it, matches a lookup: ``args[0]`` is the English,
    ``said`` the message in both languages."""

    def __init__(self, said: Tr) -> None:
        super().__init__(said.en)
        self.said = said


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
class LegalBasis:
    id: str
    title: Text
    url: str | None = None
    code: str | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    title: Text
    code: str | None = None
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
    description: Text | None = None
    skeleton: bool = False
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
    results: tuple[str, ...] = ()
    pos: Pos = NOWHERE

    @property
    def label(self) -> Text:
        return self.title if self.title is not None else Text((("", self.id),))

    @property
    def result_ids(self) -> tuple[str, ...]:
        """The results this end returns: ``result`` or ``results``, whichever is written."""
        return (self.result,) if self.result is not None else self.results


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str
    agency: str
    title: Text
    version: str
    #: ``None`` when the procedure states no time limit of its own (its variants or channels may).
    time_limit: Duration | None
    #: The dossier: records and groups of records (``engine.spec.dossier``), a tree.
    records: tuple[DossierItem, ...]
    results: tuple[Result, ...]
    steps: tuple[Step, ...]
    ends: tuple[End, ...]
    code: str | None = None
    field: str | None = None
    #: Every level that carries the procedure out; empty when none is stated.
    level: tuple[Level, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    supersedes: str | None = None
    legal_basis: tuple[LegalBasis, ...] = ()
    applicants: tuple[ApplicantKind | ApplicantType, ...] = ()
    channels: tuple[ChannelOption, ...] = ()
    #: ``()`` is free of charge; ``None`` (no ``fees`` key) is "not stated".
    fees: tuple[Fee, ...] | None = None
    committed_time: Duration | None = None
    description: Text | None = None
    conditions: tuple[Text, ...] = ()
    time_note: Text | None = None
    variants: tuple[Variant, ...] = ()
    extensions: tuple[Extension, ...] = ()
    clock_stops: tuple[ClockStop, ...] = ()
    dossier_sets: int = 1
    authority: tuple[Body, ...] = ()
    executing: tuple[Body, ...] = ()
    coordinating: tuple[Body, ...] = ()
    delegated: tuple[Body, ...] = ()
    where: tuple[Text, ...] = ()
    source: Source | None = None
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
        """The record (a document, not a group) with this id anywhere in the dossier tree."""
        found = find_item(self.records, record_id)
        if not isinstance(found, Record):
            raise KeyError(record_id)
        return found

    def dossier_item(self, item_id: str) -> DossierItem:
        """The record or group with this id anywhere in the dossier tree."""
        return find_item(self.records, item_id)

    def leaf_records(self) -> tuple[Record, ...]:
        """Every record of the dossier tree, groups left out, in spec order."""
        return leaf_records(self.records)

    def default_received(self) -> tuple[str, ...]:
        """The records received when an officer names none (``engine.spec.dossier.default_received``)."""
        return default_received(self.records)

    def variant(self, ref: str) -> Variant:
        """The variant whose id or national code is ``ref``; ``KeyError`` when none is."""
        for v in self.variants:
            if ref in (v.id, v.code):
                return v
        raise KeyError(ref)

    @property
    def channel_names(self) -> tuple[Channel, ...]:
        return tuple(c.channel for c in self.channels)

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

    def __repr__(self) -> str:
        # A catalogue holds thousands of models: its repr counts them instead of listing them.
        counts = ((len(self.agencies), "agency", "agencies"),
                  (len({(p.agency, p.id) for p in self.procedures}), "procedure", "procedures"),
                  (len(self.procedures), "version", "versions"))  # fmt: skip
        said = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
        return f"<Catalog {self.root or '(no root)'}: {said}>"

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
        :class:`NotInCatalog` (a ``KeyError``) with a readable message in both languages when
        nothing matches.
        """
        found = self.versions(ref)
        if not found:
            raise NotInCatalog(tr(f"không có thủ tục '{ref}' trong danh mục", f"no procedure '{ref}' in the catalogue"))
        agencies = {p.agency for p in found}
        if len(agencies) > 1:
            named = ", ".join(sorted(agencies))
            raise NotInCatalog(tr(f"'{ref}' là tên thủ tục của nhiều cơ quan ({named}); hãy viết "
                                  "agency-id/procedure-id",
                                  f"'{ref}' names procedures of several agencies ({named}); write agency-id/procedure-id"))
        if version is not None:
            for p in found:
                if p.version == version:
                    return p
            raise NotInCatalog(tr(f"thủ tục '{ref}' không có phiên bản '{version}'",
                                  f"procedure '{ref}' has no version '{version}'"))
        day = on or dt.date.today()
        in_force = [p for p in found if p.in_force(day)]
        if in_force:
            return in_force[0]
        if on is None:
            return max(found, key=lambda p: (p.valid_from or dt.date.min, p.version))
        raise NotInCatalog(tr(f"không có phiên bản nào của '{ref}' có hiệu lực vào ngày {day.isoformat()}",
                              f"no version of '{ref}' is in force on {day.isoformat()}"))


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


#: The modules whose dataclasses make up the model.
_MODULES = (__name__, Pos.__module__, _agency.__name__, _dossier.__name__, _terms.__name__)


def _pickle_by_fields() -> None:
    """Give each frozen, slotted model class state functions that know its fields.

    Pickling such a class goes through dataclasses' generic state functions, which look its
    fields up again for every object; the processes that validate and publish on every core
    hand whole catalogues to each other pickled (never through a file), where that lookup was
    most of the cost.
    """
    for cls in list(globals().values()):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ in _MODULES:
            getstate, setstate = _state_functions(tuple(f.name for f in dataclasses.fields(cls)))
            setattr(cls, "__getstate__", getstate)
            setattr(cls, "__setstate__", setstate)


_pickle_by_fields()
