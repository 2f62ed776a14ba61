"""The case engine: open dossiers, fire events under the one-stop rules, find overdue cases.

The :class:`Engine` ties the pieces together: a catalogue to open cases from, the pinned
definitions and shared machines cases run on (``definitions``), the officers who act, and a
store that makes each event durable. It checks what callers give (``inputs``), reads the case,
has the event decided (``decisions``, ``corrections``), and records it; whole lists of cases,
the overdue and the due timeouts, are gone over in ``timers``. Refused events raise
:class:`EventRefused` and leave the case unchanged. :meth:`Engine.next_events` says what can be
fired on a case now, :meth:`Engine.forms` gives its Forms 01-06; every method taking a time
takes a ``datetime`` or its ISO 8601 text (``inputs.parse_time``).

>>> import datetime as dt
>>> from motcua.engine.spec.loading import load_catalog
>>> engine = Engine(load_catalog("procedures"))          # an in-memory store
>>> _ = engine.add_officer("o-mc", agency="ldtbxh-nghe-an", unit="mot-cua",
...                        name="Nguyễn Thị Hoa", position="Chuyên viên")
>>> case = engine.open("di-chuyen-ho-so-nguoi-co-cong", applicant="Trần Văn An",
...                    actor="o-mc", at=dt.datetime(2013, 9, 9, 8, 0))
>>> case.id, case.state, case.due.isoformat()
('000.00.20.H40-20130909-0001', 'tiep-nhan', '2013-09-24T17:00:00')
>>> case = engine.fire(case.id, "complete", actor="o-mc", at=dt.datetime(2013, 9, 9, 10, 0))
>>> case.state, [e.event for e in case.events]
('kiem-tra-ho-so', ['receive', 'complete'])
>>> engine.fire(case.id, "approve", actor="o-mc")
Traceback (most recent call last):
...
motcua.engine.frame.EventRefused: case 000.00.20.H40-20130909-0001: officer 'o-mc' of unit 'mot-cua' may not fire 'approve' at 'kiem-tra-ho-so': it needs an officer of unit 'phong-nguoi-co-cong'
"""

from __future__ import annotations

import builtins
import datetime as dt
import os
from collections.abc import Callable, Sequence

from motcua.engine import timers
from motcua.engine.amendments import Amendments, beyond_calendar, case_prefix
from motcua.engine.decisions import decision, possible_events
from motcua.engine.definitions import Definitions, corrupted
from motcua.engine.event_ids import new_event_id
from motcua.engine.fold import advance, replay, start
from motcua.engine.forms import CaseForms, case_forms
from motcua.engine.frame import CORRECT, EXTEND, PAUSE, RECEIVE, RESUME, TIMEOUT, EventRefused
from motcua.engine.inputs import DEFAULT_FUTURE_MARGIN, InvalidInput, check_fields, check_line, check_lines
from motcua.engine.inputs import TimeInput, event_time, local_input
from motcua.engine.integrity import case_damage
from motcua.engine.ledger import Case, Definition, Event, dossier_prefix, now
from motcua.engine.officers import ENGINE_ACTOR, Officer
from motcua.engine.permits import permit
from motcua.engine.receipts import choose, received
from motcua.engine.registry import Registry
from motcua.engine.retries import Attempt, check_retry
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Catalog
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord, StoreError

__all__ = [
    "Case",
    "ConflictError",
    "Engine",
    "Event",
    "EventRefused",
    "InvalidInput",
    "OfficerRecord",
    "StoreError",
    "UnknownCase",
]


#: Where a receipt is refused, in a refusal's words.
_AT_RECEIPT = tr("khâu tiếp nhận", "receipt")
#: Events fired otherwise than by :meth:`Engine.fire`, and how.
_OWN_COMMANDS = {
    TIMEOUT: tr("do bộ xử lý hồ sơ ghi khi thời gian của một bước đã hết ('motcua case tick')",
                "by the engine when a step's time has passed ('motcua case tick')"),
    CORRECT: tr("kèm lý do ('motcua case correct', Engine.correct)",
                "with its reason ('motcua case correct', Engine.correct)"),
    EXTEND: tr("kèm tên lần gia hạn và lý do ('motcua case extend', Engine.extend)",
               "naming the extension, with its reason ('motcua case extend', Engine.extend)"),
    PAUSE: tr("kèm tên điểm tạm dừng tính thời gian và lý do ('motcua case pause', Engine.pause)",
              "naming the clock stop, with its reason ('motcua case pause', Engine.pause)"),
    RESUME: tr("bằng 'motcua case resume' (Engine.resume)", "by 'motcua case resume' (Engine.resume)"),
}


class UnknownCase(InvalidInput, KeyError):
    """No case with this id in the store."""

    code = "unknown-case"

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Engine(Registry, Amendments):
    """Runs cases of a catalogue's procedures on a store.

    ``store`` is a :class:`~motcua.engine.store.base.CaseStore`, a path to an SQLite file or a
    PostgreSQL URL (``postgresql://...``),
    or ``None`` for an in-memory store. ``catalog`` is needed to open cases and register
    officers; running existing cases needs only the store, which keeps their definitions.
    ``future_margin`` is how far ahead of the clock an event may be dated: the log is
    append-only and time never runs backwards in it, so a mistyped year is refused.
    """

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        store: CaseStore | str | os.PathLike[str] | None = None,
        future_margin: dt.timedelta = DEFAULT_FUTURE_MARGIN,
    ) -> None:
        if future_margin < dt.timedelta(0):
            raise InvalidInput(tr(f"future_margin {future_margin} là số âm", f"future_margin {future_margin} is negative"))
        self.future_margin = future_margin
        if store is None:
            from motcua.engine.store.memory import MemoryStore

            store = MemoryStore()
        elif not isinstance(store, CaseStore):
            from motcua.engine.store import open_store

            store = open_store(store)
        self.store: CaseStore = store
        self._definitions = Definitions(store, catalog)
        self._officers: dict[str, Officer] = {}

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cases ----------------------------------------------------------------------------

    def open(
        self,
        procedure: str,
        *,
        applicant: str,
        actor: str,
        records: Sequence[str] | None = None,
        variant: str | None = None,
        channel: str | None = None,
        at: TimeInput | None = None,
        event_id: str | None = None,
    ) -> Case:
        """Receive a dossier (the ``receive`` event) and return the new case.

        ``procedure`` is ``procedure-id`` or ``agency-id/procedure-id`` (or a national code); the
        version in force on the day of receipt is pinned. ``procedure@version`` names that version,
        as ``motcua render`` takes it: a version not in force on the day of receipt is refused,
        naming every version and its period. ``records`` are the records handed in (default: every
        record handed in that the spec does not make conditional, ``Procedure.default_received``).
        ``variant`` is the sub-case (its id or national code) and ``channel`` the channel
        (``in-person``, ``post``, ``online``) the dossier came through; the appointment counts
        the time limit of the most specific of them that states one (``deadlines.terms``), and
        a procedure stating none for them is refused. Retrying with the same ``event_id``
        returns the case that event opened instead of opening another; a call that reuses it
        for another receipt (procedure, applicant, actor, records, terms or time) is refused.
        """
        check_fields({"procedure": procedure, "applicant": applicant, "actor": actor, "event id": event_id,
                      "variant": variant, "channel": channel})  # fmt: skip
        check_lines(records or (), "record")
        moment = event_time(at, margin=self.future_margin)

        def attempt() -> Attempt:
            return Attempt(RECEIVE, actor, records=tuple(records) if records is not None else None,
                           at=moment if at is not None else None, procedure=procedure.partition("@")[0],
                           applicant=applicant,
                           variant=variant, channel=channel)  # fmt: skip

        if event_id is not None and (again := self._retry(event_id, attempt())) is not None:
            return again
        if not applicant.strip():
            raise InvalidInput(tr("tên người nộp hồ sơ bị để trống", "the applicant's name is empty"))
        definition = self._definitions.pin(procedure, moment.date())
        proc, agency = definition.procedure, definition.agency
        terms = choose(proc, variant=variant, channel=channel)
        officer = self.officer(actor)
        permit(officer, RECEIVE, None, definition, where=_AT_RECEIPT, case_id=None)
        handed = received(proc, records)
        target = definition.machine.target(RECEIVE, "new")
        assert target is not None
        event = Event(event_id or new_event_id(), 1, RECEIVE, officer, moment, "new", target, records=handed)
        chosen = terms.variant.id if terms.variant is not None else None
        way = terms.channel.value if terms.channel is not None else None

        def build(code: str) -> Case:
            return start(event, case_id=code, applicant=applicant.strip(), definition=definition, variant=chosen,
                         channel=way)  # fmt: skip

        try:
            return self.store.create(dossier_prefix(agency, moment.date()), build)
        except DuplicateEvent as dup:
            return self._retried(dup.case_id, dup.event_id, attempt())
        except OverflowError:
            raise beyond_calendar("", moment) from None

    def get(self, case_id: str) -> Case:
        """The case with this dossier code; :class:`UnknownCase` if none.

        A case whose row or log the engine could not have written raises :class:`StoreError`
        (``kind="corrupt"``) naming the row.
        """
        check_line(case_id, "case id")
        return self._stored(case_id)

    def _stored(self, case_id: str) -> Case:
        return self._checked(case_id, self.store.load(case_id))

    def _stored_many(self, case_ids: Sequence[str]) -> builtins.list[Case]:
        return [self._checked(i, case) for i, case in zip(case_ids, self.store.load_many(case_ids), strict=True)]

    def _checked(self, case_id: str, case: Case | None) -> Case:
        """``case`` as the store gave it under ``case_id``: :class:`UnknownCase` for none, and a
        case whose row or log the engine could not have written a corrupted store."""
        if case is None:
            raise UnknownCase(tr(f"không có hồ sơ '{case_id}' trong {self.store.location}",
                                 f"no case '{case_id}' in {self.store.location}"))
        damage = case_damage(case, self.definition(case)) if self.store.external else None
        if damage is not None:
            where = tr(f"dòng {damage.row}: ", f"row {damage.row}: ")
            raise corrupted(self.store, case_prefix(case_id) + where + damage.why)
        return case

    def fire(
        self,
        case_id: str,
        event: str,
        *,
        actor: str,
        note: str | None = None,
        records: Sequence[str] = (),
        until: TimeInput | None = None,
        at: TimeInput | None = None,
        event_id: str | None = None,
        expected_revision: int | None = None,
    ) -> Case:
        """Fire ``event`` on a case as officer ``actor`` and return the case after it.

        ``note`` is the written reason of ``refuse`` and ``apologize``; ``records`` the missing
        records of ``request_supplement`` and those brought by ``supplement``; ``until`` the new
        appointment of ``apologize``. Raises :class:`EventRefused` when the rules forbid the
        event, :class:`ConflictError` when another writer changed the case since it was read
        (or since ``expected_revision``), :class:`InvalidInput` on bad input. Retrying with the
        same ``event_id`` is harmless: the case is returned as it is; a call that reuses it for
        another event (name, actor, note, records, appointment or time) is refused.
        """
        check_fields({"case id": case_id, "event": event, "actor": actor, "note": note, "event id": event_id})
        if records:
            check_lines(records, "record")
        moment = event_time(at, margin=self.future_margin, prefix=lambda: case_prefix(case_id))
        until = local_input(until, "until") if until is not None else None
        if event_id is not None:
            attempt = Attempt(event, actor, case_id, note, tuple(records), until, moment if at is not None else None)
            if (again := self._retry(event_id, attempt)) is not None:
                return again

        def decide(case: Case) -> Case:
            if expected_revision is not None and case.revision != expected_revision:
                raise ConflictError(case_id, expected=expected_revision, found=case.revision)
            if event in _OWN_COMMANDS:
                raise EventRefused(tr(f"hồ sơ {case_id}: '{event}' được ghi ", f"case {case_id}: '{event}' is fired ")
                                   + _OWN_COMMANDS[event])
            definition = self.definition(case)
            new = decision(case, event, self.officer(actor), note=note, records=records, until=until, at=moment,
                           event_id=event_id, definition=definition)  # fmt: skip
            return self._append(case, new, definition)

        return self._on_case(case_id, decide)

    def _on_case(self, case_id: str, decide: Callable[[Case], Case]) -> Case:
        # A store may keep the cases it wrote or read, so firing on a case this process keeps
        # working on reads nothing. Another writer may have moved the case since: then the
        # revision-checked write fails, or a refusal rests on an old state, and either way the
        # case is read from the store and the event decided again on what is stored now.
        recalled = self.store.recall(case_id)
        if recalled is None:
            return decide(self._stored(case_id))
        seen = recalled.revision  # before deciding: the case is advanced in place
        try:
            return decide(recalled)
        except (ConflictError, EventRefused, InvalidInput):
            stored = self._stored(case_id)
            if stored.revision == seen:
                raise
        return decide(stored)

    def _retry(self, event_id: str, attempt: Attempt) -> Case | None:
        """The case that already holds ``event_id``, if any, when ``attempt`` asks for that event."""
        holder = self.store.event_case(event_id)
        return self._retried(holder, event_id, attempt) if holder is not None else None

    def _retried(self, holder: str, event_id: str, attempt: Attempt) -> Case:
        """The case holding ``event_id`` when ``attempt`` asks for the event recorded under it."""
        case = self._stored(holder)
        stored = next((e for e in case.events if e.id == event_id), None)
        if stored is None:
            raise corrupted(self.store, case_prefix(holder) + tr(
                f"dòng events (id {event_id}) không có trong nhật ký của hồ sơ",
                f"row events (id {event_id}) is not in its log",
            ))
        check_retry(attempt, case=case, stored=stored, definition=self.definition(case))
        return case

    def _fire(self, case: Case, event: str, officer: Officer, *, note: str | None, records: Sequence[str],
              until: dt.datetime | None, at: dt.datetime, event_id: str | None, term: str | None = None) -> Case:  # fmt: skip
        definition = self.definition(case)
        new = decision(case, event, officer, note=note, records=records, until=until, at=at, event_id=event_id,
                       definition=definition, term=term)  # fmt: skip
        return self._append(case, new, definition)

    def _append(self, case: Case, new: Event, definition: Definition) -> Case:
        expected = case.revision
        try:
            advance(case, new, definition)
        except OverflowError:
            raise beyond_calendar(case_prefix(case.id), new.at) from None
        try:
            self.store.append(case, expected=expected)
        except DuplicateEvent as dup:
            # Another writer recorded this event id first, between the check and the write. The
            # times are not compared: a retry without one was dated by each writer's clock.
            attempt = Attempt(new.event, new.actor.id, case.id, new.note, new.records, new.until, term=new.term)
            return self._retried(dup.case_id, dup.event_id, attempt)
        return case

    # -- queries and timers -------------------------------------------------------------------

    def forms(self, case: Case | str, *, lang: str | None = None) -> CaseForms:
        """Forms 01-06 of ``case`` (a case or its id) in ``lang`` (default: the agency's
        language), rebuilt from its log: people and units by name, events in that language."""
        found = self.get(case) if isinstance(case, str) else case
        return case_forms(found, self.definition(found), lang=lang)

    def next_events(self, case: Case | str, officer: Officer | str | None = None, *,
                    at: TimeInput | None = None) -> builtins.list[str]:  # fmt: skip
        """The events that can be fired on ``case`` (a case or its id) at ``at`` (default now),
        by ``officer`` (an officer or a registered officer's id) when given.

        None on a finished case; no decision (``approve``, ``complete``...) while a consulted
        unit has not answered; while the clock stands still in a clock stop only ``resume``,
        ``extend``, ``refuse`` and ``withdraw``; ``apologize`` only once the appointment has
        passed; with an officer, only what their agency and unit may fire. The receipt,
        timeouts and corrections are not listed (:meth:`correct` voids the latest event).
        ``extend``, ``pause`` and ``resume`` are fired with :meth:`extend`, :meth:`pause` and
        :meth:`resume`, the rest with :meth:`fire`.
        """
        found = self.get(case) if isinstance(case, str) else case
        who = self.officer(officer) if isinstance(officer, str) else officer
        moment = local_input(at, "at") if at is not None else now()
        return possible_events(found, self.definition(found), at=moment, officer=who)

    def list(self, *, overdue: bool = False, procedure: str | None = None, at: TimeInput | None = None) -> list[Case]:
        """Cases, by id, optionally of one procedure (``id`` or ``agency/id``), or only those
        overdue at ``at`` (default now), the oldest appointment first."""
        check_line(procedure, "procedure")
        given = local_input(at, "at") if at is not None else None
        moment = (given or now()) if overdue else None
        return timers.list_cases(self.store, self._stored_many, procedure=procedure, overdue_at=moment)

    def tick(self, *, at: TimeInput | None = None, each: Callable[[Case], None] | None = None,
             stop: Callable[[], bool] | None = None) -> builtins.list[Case]:  # fmt: skip
        """Fire every timeout due at ``at`` (default now), the oldest first; return the cases that moved.

        The event is recorded at the moment the step's time ran out (or the case's last event,
        if later), so the log says when the silence decided, not when the engine noticed. Each
        case is claimed in the store first, so engines ticking one store together fire each
        timeout once. ``each`` is told of every case moved as its timeout is committed;
        ``stop``, asked before each case, ends the round early when it returns true.
        """
        moment = event_time(at, margin=self.future_margin)
        return timers.tick(self.store, self._stored, self._timeout, at=moment, each=each, stop=stop)

    def _timeout(self, case: Case, at: dt.datetime, note: str) -> Case:
        return self._fire(case, TIMEOUT, ENGINE_ACTOR, note=note, records=(), until=None, at=at, event_id=None)

    def replay(self, case_id: str) -> Case:
        """The case rebuilt from its event log alone (compare it with :meth:`get`)."""
        stored = self.get(case_id)
        return replay(stored.events, case_id=stored.id, applicant=stored.applicant, definition=self.definition(stored),
                      variant=stored.variant, channel=stored.channel)  # fmt: skip
