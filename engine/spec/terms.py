"""The terms a procedure is offered on, as the national procedure database records them:
sub-cases (variants), channels with their own times and fees, extra time and periods that do
not count, the national applicant types, the bodies named, and where an imported spec came from.

``engine.spec.model`` builds a ``Procedure`` out of these and names every class here again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motcua.engine.spec.dossier import Fee
from motcua.engine.spec.values import NOWHERE, Channel, Duration, Pos, Text

__all__ = ["ApplicantType", "Body", "ChannelOption", "ClockStop", "Extension", "Source", "Variant"]


@dataclass(frozen=True, slots=True)
class ChannelOption:
    """A channel (in person, post, online) with what is its own there: time limit, fees, a note.

    ``fees`` is ``None`` when the channel states none of its own (the procedure's apply).
    """

    channel: Channel
    time_limit: Duration | None = None
    committed_time: Duration | None = None
    fees: tuple[Fee, ...] | None = None
    note: Text | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Variant:
    """A sub-case (trường hợp) with its own code, time, channels, dossier, fees or results.

    ``channels``, ``records``, ``fees`` and ``results`` are ``None`` where the variant says
    nothing of its own: the procedure's apply. ``records`` and ``results`` are ids of the
    procedure's records (or groups) and results.
    """

    id: str
    title: Text
    code: str | None = None
    when: Text | None = None
    time_limit: Duration | None = None
    committed_time: Duration | None = None
    time_note: Text | None = None
    channels: tuple[ChannelOption, ...] | None = None
    records: tuple[str, ...] | None = None
    fees: tuple[Fee, ...] | None = None
    results: tuple[str, ...] | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Extension:
    """Extra time under a condition, e.g. ten more working days in remote communes."""

    id: str
    when: Text
    add: Duration
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class ClockStop:
    """A period that does not count towards the time limit (financial obligations, posting)."""

    id: str
    title: Text
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class ApplicantType:
    """A national applicant type, e.g. ``ĐT1`` Công dân Việt Nam."""

    code: str
    title: Text
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Body:
    """A body the record names (deciding, executing, coordinating, delegated): its title, and
    where the catalogue has it, its agency and unit ids."""

    title: Text
    code: str | None = None
    agency: str | None = None
    unit: str | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True, slots=True)
class Source:
    """Where an imported spec came from: the system, the record's code and id, the decision
    that published it and its date, and a digest of the record read."""

    system: str
    code: str | None = None
    id: str | None = None
    decision: str | None = None
    decided_on: dt.date | None = None
    digest: str | None = None
    pos: Pos = NOWHERE
