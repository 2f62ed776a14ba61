"""A case and its event log: the records the engine keeps, and the time they are kept in.

:class:`Case` is a dossier being handled (its state, deadlines and log), :class:`Event` one row
of its append-only log and :class:`Definition` the pinned procedure version it runs on, with
its machine and clock. Times are naive Vietnam local time (:func:`now`, :func:`local_time`);
:func:`dossier_prefix` begins a dossier's code. How each event moves a case and its deadlines
(the fold over the log) is in ``fold``; event ids are made in ``event_ids``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from motcua.engine.calendar import LOCAL_TIME, WorkCalendar
from motcua.engine.clock import Clock
from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.machine import ProcedureMachine
from motcua.engine.spec.model import Agency, Procedure
from motcua.engine.officers import Officer

__all__ = [
    "Case",
    "Clock",
    "Definition",
    "Event",
    "dossier_prefix",
    "local_time",
    "now",
]


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
