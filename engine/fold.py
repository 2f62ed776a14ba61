"""How each event moves a case and its deadlines: the fold over a case's log.

The log is the source of truth: :func:`start` and :func:`advance` are a pure fold over it, so
replaying a case's events (:func:`replay`) rebuilds exactly the state a store keeps beside
them. A ``correct`` event voids an earlier one without touching the log: the case is then the
fold of its effective events (:func:`effective_case`; :func:`voided`, :func:`correctable`).
Deadlines are counted on the definition's clock (the agency's
:class:`~motcua.engine.calendar.WorkCalendar`); :func:`breach_of` names the rule an allowed
event breaks. The records folded (``Case``, ``Event``, ``Definition``) are in ``ledger``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import fields

from motcua.engine.deadlines import extended, terms
from motcua.engine.frame import (
    ANSWER,
    APOLOGIZE,
    AWAITING_SUPPLEMENT,
    CORRECT,
    EXTEND,
    PAUSE,
    RECEIVE,
    REQUEST_SUPPLEMENT,
    RESUME,
    SUPPLEMENT,
    EventRefused,
)
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.spec.model import Step

__all__ = [
    "GUIDE_ONCE",
    "advance",
    "breach_of",
    "consult_due",
    "correctable",
    "effective_case",
    "replay",
    "start",
    "voided",
]

#: The breach recorded on a second supplement request: applicants are to be told every missing
#: item at once (Directive 10/CT-TTg of 2019; Form 02 of Circular 01/2018/TT-VPCP).
GUIDE_ONCE = "guide-once"


def start(
    event: Event, *, case_id: str, applicant: str, definition: Definition,
    variant: str | None = None, channel: str | None = None,
) -> Case:
    """The case a ``receive`` event opens: appointment from the time limit of its terms (the
    ``variant`` and ``channel`` chosen, ``deadlines.terms``), first step begun."""
    if event.event != RECEIVE:
        raise ValueError(f"a case starts with '{RECEIVE}', not '{event.event}'")
    proc = definition.procedure
    limit = terms(proc, variant, channel).time_limit
    if limit is None:
        raise ValueError(f"{proc.key} states no time limit for these terms")
    # The clock starts at receipt of the complete dossier, from the next session when received
    # after hours (calendar.clock_start; docs/time-counting.md).
    due = definition.clock.deadline(event.at, limit)
    case = Case(
        id=case_id,
        agency=proc.agency,
        procedure=proc.id,
        version=proc.version,
        digest=definition.digest,
        applicant=applicant,
        state=event.target,
        received_at=event.at,
        due=due,
        original_due=due,
        last_at=event.at,
        variant=variant,
        channel=channel,
        revision=1,
        events=(event,),
    )
    _enter(case, proc.step(event.target), event.at, definition)
    return case


def advance(case: Case, event: Event, definition: Definition) -> None:
    """Apply ``event`` (already allowed, ``event.target`` resolved) to ``case`` in place.

    A ``correct`` event folds the effective events again, without the one it voids.
    """
    name = event.event
    if name == CORRECT:
        _refold(case, event, definition)
        return
    at = event.at
    clock = definition.clock
    if name == REQUEST_SUPPLEMENT:
        case.paused_from = case.state
        case.paused_at = at
        case.supplement_requests += 1
    elif name == SUPPLEMENT:
        # The legal clock stood still from the request until the supplement arrived: every
        # running deadline moves by the working time paused (spec: the one-stop frame).
        _stood_still(case, case.paused_at, at, definition)
        case.paused_from = None
        case.paused_at = None
    elif name == EXTEND:
        add = next(x.add for x in definition.procedure.extensions if x.id == event.term)
        case.due = extended(clock, definition.agency.calendar, case.due, add)
    elif name == PAUSE:
        case.stopped = event.term
        case.stopped_at = at
    elif name == RESUME:
        # A period that does not count (a clock stop): as for a supplement, every running
        # deadline moves by the working time the clock stood still.
        _stood_still(case, case.stopped_at, at, definition)
        case.stopped = None
        case.stopped_at = None
    elif name == ANSWER:
        case.answered = case.answered + (event.actor.unit,)
    elif name == APOLOGIZE:
        case.due = event.until or case.due
        case.apologies += 1
    target = event.target
    if target != case.state and name != SUPPLEMENT:
        step = definition.machine.step(target)
        if step is not None:
            _enter(case, step, at, definition)
        elif target != AWAITING_SUPPLEMENT:
            case.closed_at = at
            case.step_started = case.step_due = case.timer_due = None
            case.step_paused = dt.timedelta(0)
            case.answered = ()
            case.paused_from = case.paused_at = None
            case.stopped = case.stopped_at = None
    case.state = target
    case.last_at = at
    case.revision += 1
    case.events = case.events + (event,)


def _stood_still(case: Case, since: dt.datetime | None, until: dt.datetime, definition: Definition) -> None:
    """Move every running deadline of ``case`` by the working time from ``since`` to ``until``."""
    clock = definition.clock
    paused = clock.working_time(since, until) if since is not None else dt.timedelta(0)
    case.due = clock.extend(case.due, paused)
    if case.step_due is not None:
        case.step_due = clock.extend(case.step_due, paused)
    if case.timer_due is not None:
        case.timer_due = clock.extend(case.timer_due, paused)
    case.step_paused += paused


_STATE_FIELDS = tuple(f.name for f in fields(Case) if f.name not in ("id", "applicant", "events", "revision"))


def _refold(case: Case, correction: Event, definition: Definition) -> None:
    log = case.events + (correction,)
    fresh = effective_case(log, case_id=case.id, applicant=case.applicant, definition=definition,
                           variant=case.variant, channel=case.channel)  # fmt: skip
    for name in _STATE_FIELDS:
        setattr(case, name, getattr(fresh, name))
    # The correction counts for time order: no later event may be dated before it.
    case.last_at = correction.at
    case.revision += 1
    case.events = log


def voided(events: Sequence[Event]) -> dict[int, Event]:
    """The seqs of the voided events of a log, each with the ``correct`` event voiding it."""
    return {e.corrects: e for e in events if e.corrects is not None}


def correctable(events: Sequence[Event]) -> Event | None:
    """The event a correction would void now: the latest one not voided, not a correction."""
    gone = voided(events)
    for e in reversed(events):
        if e.event != CORRECT and e.seq not in gone:
            return e
    return None


def effective_case(events: Sequence[Event], *, case_id: str, applicant: str, definition: Definition,
                   variant: str | None = None, channel: str | None = None) -> Case:  # fmt: skip
    """The fold of a log's effective events: corrections and what they void left out.

    Every effective event was decided on the fold of the effective events before it (a
    correction voids only the latest), so folding them again gives the case they made.
    """
    gone = voided(events)
    kept = [e for e in events if e.event != CORRECT and e.seq not in gone]
    case = start(kept[0], case_id=case_id, applicant=applicant, definition=definition, variant=variant, channel=channel)
    for e in kept[1:]:
        advance(case, e, definition)
    return case


def _enter(case: Case, step: Step, at: dt.datetime, definition: Definition) -> None:
    clock = definition.clock
    case.step_started = at
    case.step_due = clock.deadline(at, step.time)
    case.timer_due = clock.deadline(at, step.timeout.after) if step.timeout is not None else None
    case.step_paused = dt.timedelta(0)
    case.answered = ()


def consult_due(case: Case, step: Step, unit: str, definition: Definition) -> dt.datetime | None:
    """When the consulted ``unit`` of the current ``step`` is due to answer."""
    if case.step_started is None:
        return None
    for c in step.consult:
        if c.unit == unit:
            due = definition.clock.deadline(case.step_started, c.time)
            return definition.clock.extend(due, case.step_paused)
    return None


def replay(events: Iterable[Event], *, case_id: str, applicant: str, definition: Definition,
           variant: str | None = None, channel: str | None = None) -> Case:  # fmt: skip
    """Rebuild a case from its log, checking every event against the pinned machine.

    Raises ``ValueError`` when the log does not follow the machine (an edited or foreign log).
    """
    case: Case | None = None
    for ev in events:
        if case is None:
            if definition.machine.step(ev.target) is None:
                raise ValueError(f"case {case_id}: event {ev.seq} '{ev.event}' opens at '{ev.target}', not at a step")
            case = start(ev, case_id=case_id, applicant=applicant, definition=definition, variant=variant,
                         channel=channel)  # fmt: skip
            continue
        if ev.event == CORRECT:
            aim = correctable(case.events)
            if aim is None or aim.event == RECEIVE or ev.corrects != aim.seq:
                raise ValueError(f"case {case_id}: event {ev.seq} corrects event {ev.corrects}, which it may not void")
            target = effective_case(case.events + (ev,), case_id=case_id, applicant=applicant, definition=definition,
                                    variant=variant, channel=channel).state  # fmt: skip
        else:
            try:
                target = definition.machine.resolve(case, ev.event, ev.at)
            except EventRefused as err:
                raise ValueError(f"case {case_id}: event {ev.seq} '{ev.event}' replays refused: {err.reason}") from None
            if ev.corrects is not None or (ev.event == APOLOGIZE and ev.until is None):
                raise ValueError(f"case {case_id}: event {ev.seq} '{ev.event}' is incomplete or names a voided event")
        if target != ev.target or ev.seq != case.revision + 1 or ev.breach != breach_of(case, ev.event):
            raise ValueError(f"case {case_id}: event {ev.seq} '{ev.event}' replays to '{target}', log says '{ev.target}'")
        advance(case, ev, definition)
    if case is None:
        raise ValueError(f"case {case_id}: the log is empty")
    return case


def breach_of(case: Case, event: str) -> str | None:
    """The rule ``event`` breaks on ``case`` while being allowed, if any."""
    if event == REQUEST_SUPPLEMENT and case.supplement_requests >= 1:
        return GUIDE_ONCE
    return None
