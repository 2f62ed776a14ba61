"""A case and its event log, and how each event moves the case and its deadlines.

The log is the source of truth: :func:`start` and :func:`advance` are a pure fold over it, so
replaying a case's events (:func:`replay`) rebuilds exactly the state a store keeps beside
them. A ``correct`` event voids an earlier one without touching the log: the case is then the
fold of its effective events. Deadlines are counted on the agency's
:class:`~motcua.engine.calendar.WorkCalendar`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from motcua.engine.calendar import LOCAL_TIME, WorkCalendar
from motcua.engine.clock import Clock
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
from motcua.engine.deadlines import extended, terms
from motcua.engine.machine import ProcedureMachine
from motcua.engine.spec.model import Agency, Procedure, Step
from motcua.engine.officers import Officer

__all__ = [
    "GUIDE_ONCE",
    "Case",
    "Clock",
    "Definition",
    "Event",
    "advance",
    "breach_of",
    "consult_due",
    "correctable",
    "dossier_prefix",
    "effective_case",
    "new_event_id",
    "local_time",
    "now",
    "replay",
    "start",
    "voided",
]

#: The breach recorded on a second supplement request: applicants are to be told every missing
#: item at once (Directive 10/CT-TTg of 2019; Form 02 of Circular 01/2018/TT-VPCP).
GUIDE_ONCE = "guide-once"


def now() -> dt.datetime:
    """The current time in Vietnam (UTC+07:00, no daylight saving), naive, to the second."""
    return dt.datetime.now(LOCAL_TIME).replace(tzinfo=None, microsecond=0)


def local_time(value: dt.datetime) -> dt.datetime:
    """``value`` as naive Vietnam local time to the second (aware values are converted).

    >>> local_time(dt.datetime(2025, 3, 3, 1, 0, tzinfo=dt.timezone.utc))
    datetime.datetime(2025, 3, 3, 8, 0)
    """
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(LOCAL_TIME).replace(tzinfo=None)
    return value.replace(microsecond=0) if value.microsecond else value


@dataclass(frozen=True, slots=True, eq=False)
class Definition:
    """One pinned procedure version: the spec, its agency, the shared machine and clock.

    ``digest`` names the content (procedure and agency, see ``store.pinning``): a case keeps
    running on the definition it was opened under even after the spec changes.
    """

    procedure: Procedure
    agency: Agency
    digest: str
    machine: ProcedureMachine = field(init=False)
    clock: Clock = field(init=False)
    #: Units allowed to fire an event, by (event, step id, units already answered): the rules
    #: are fixed per definition, so each question is answered once.
    permits: dict[tuple[str, str | None, tuple[str, ...]], tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "machine", ProcedureMachine(self.procedure))
        object.__setattr__(self, "clock", Clock(WorkCalendar(self.agency.calendar)))
        object.__setattr__(self, "permits", {})

    @property
    def key(self) -> str:
        return self.procedure.key


@dataclass(frozen=True, slots=True, init=False)
class Event:
    """One row of a case's append-only log: what happened, who did it, when.

    ``source`` and ``target`` are the case's state before and after; ``breach`` names a rule
    the event broke while being allowed (``guide-once``). A ``correct`` event names in
    ``corrects`` the seq of the event it voids, and its reason in ``note``. ``term`` is the
    extension an ``extend`` event applies or the clock stop a ``pause`` event begins.
    """

    id: str
    seq: int
    event: str
    actor: Officer
    at: dt.datetime
    source: str
    target: str
    note: str | None = None
    records: tuple[str, ...] = ()
    until: dt.datetime | None = None
    breach: str | None = None
    corrects: int | None = None
    term: str | None = None

    def __init__(
        self,
        id: str,
        seq: int,
        event: str,
        actor: Officer,
        at: dt.datetime,
        source: str,
        target: str,
        note: str | None = None,
        records: tuple[str, ...] = (),
        until: dt.datetime | None = None,
        breach: str | None = None,
        corrects: int | None = None,
        term: str | None = None,
    ) -> None:
        # Every event of every case is built here. A frozen dataclass's own __init__ goes
        # through object.__setattr__ for each field; the slots' setters store the same values
        # in about a third of the time.
        put = _EVENT_SLOTS
        put[0](self, id)
        put[1](self, seq)
        put[2](self, event)
        put[3](self, actor)
        put[4](self, at)
        put[5](self, source)
        put[6](self, target)
        put[7](self, note)
        put[8](self, records)
        put[9](self, until)
        put[10](self, breach)
        put[11](self, corrects)
        put[12](self, term)


#: The setters of ``Event``'s slots, in the order of its fields.
_EVENT_SLOTS = tuple(getattr(Event, f.name).__set__ for f in fields(Event))


@dataclass(slots=True, eq=True)
class Case:
    """A dossier being handled: its current state and its log.

    ``id`` is the dossier code (agency code, receipt date, daily sequence). ``due`` is the
    appointment of Form 01, moved by supplement pauses and by apologies; ``original_due`` is the
    first one. ``step_due`` and ``timer_due`` are the current step's deadline and timeout;
    ``paused_from`` the step a case awaiting a supplement returns to. ``revision`` counts the
    rows of the log (voided and correcting events too) and guards against lost updates;
    ``last_at`` is the time of the last effective row, which no later event may precede.
    ``variant`` and ``channel`` are the sub-case and channel the case was opened on (``None``
    when none was chosen): they chose its time limit. ``stopped`` is the clock stop the case
    stands in since ``stopped_at`` (its clock does not run), ``None`` while the clock runs.
    """

    id: str
    agency: str
    procedure: str
    version: str
    digest: str
    applicant: str
    state: str
    received_at: dt.datetime
    due: dt.datetime
    original_due: dt.datetime
    last_at: dt.datetime
    variant: str | None = None
    channel: str | None = None
    step_started: dt.datetime | None = None
    step_due: dt.datetime | None = None
    step_paused: dt.timedelta = dt.timedelta(0)
    timer_due: dt.datetime | None = None
    paused_from: str | None = None
    paused_at: dt.datetime | None = None
    stopped: str | None = None
    stopped_at: dt.datetime | None = None
    answered: tuple[str, ...] = ()
    supplement_requests: int = 0
    apologies: int = 0
    closed_at: dt.datetime | None = None
    revision: int = 0
    events: tuple[Event, ...] = ()

    @property
    def finished(self) -> bool:
        return self.closed_at is not None

    @property
    def awaiting_supplement(self) -> bool:
        return self.state == AWAITING_SUPPLEMENT

    def copy(self) -> Case:
        """A shallow copy (the events tuple and its events are immutable and shared).

        Each field is set by name, without ``__init__`` and its defaults: stores copy a case
        on every write and read.
        """
        new = object.__new__(Case)
        new.id = self.id
        new.agency = self.agency
        new.procedure = self.procedure
        new.version = self.version
        new.digest = self.digest
        new.applicant = self.applicant
        new.state = self.state
        new.received_at = self.received_at
        new.due = self.due
        new.original_due = self.original_due
        new.last_at = self.last_at
        new.variant = self.variant
        new.channel = self.channel
        new.step_started = self.step_started
        new.step_due = self.step_due
        new.step_paused = self.step_paused
        new.timer_due = self.timer_due
        new.paused_from = self.paused_from
        new.paused_at = self.paused_at
        new.stopped = self.stopped
        new.stopped_at = self.stopped_at
        new.answered = self.answered
        new.supplement_requests = self.supplement_requests
        new.apologies = self.apologies
        new.closed_at = self.closed_at
        new.revision = self.revision
        new.events = self.events
        return new

    def overdue(self, at: dt.datetime) -> bool:
        """Past its appointment at ``at`` while its clock runs (not finished, not paused, not
        in a clock stop)."""
        return self.closed_at is None and self.state != AWAITING_SUPPLEMENT and self.stopped is None and at > self.due

    @property
    def guide_once_breached(self) -> bool:
        return self.supplement_requests > 1


def dossier_prefix(agency: Agency, day: dt.date) -> str:
    """The dossier code up to its daily sequence: agency code, then the receipt date.

    The code's three parts follow Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP: the
    agency's code (Decision 20/2020/QĐ-TTg; the agency id when it has none), the date of
    receipt as YYYYMMDD and the sequence of the dossier that day.
    """
    key = (agency.code or agency.id, day)
    found = _PREFIXES.get(key)
    if found is None:
        if len(_PREFIXES) >= 4096:
            _PREFIXES.clear()
        found = _PREFIXES[key] = f"{key[0]}-{day:%Y%m%d}-"
    return found


_PREFIXES: dict[tuple[str, dt.date], str] = {}  # dossier_prefix's answers


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


def new_event_id() -> str:
    """A random event id (128 bits of the system's randomness, hex).

    The randomness is read a block at a time (one system call for many ids); threads take
    their bits in turn, and a forked process reads its own.
    """
    with _unread.lock:
        block, used = _unread.block, _unread.used
        if used >= len(block):
            block = _unread.block = os.urandom(4096)
            used = 0
        _unread.used = used + 16
    return block[used : used + 16].hex()


class _Unread:
    """The system's randomness read and not yet given out as event ids."""

    __slots__ = ("block", "used", "lock")

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.block = b""
        self.used = 0
        self.lock = threading.Lock()


_unread = _Unread()
os.register_at_fork(after_in_child=_unread.forget)


def breach_of(case: Case, event: str) -> str | None:
    """The rule ``event`` breaks on ``case`` while being allowed, if any."""
    if event == REQUEST_SUPPLEMENT and case.supplement_requests >= 1:
        return GUIDE_ONCE
    return None
