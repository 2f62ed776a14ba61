"""The case engine: open dossiers, fire events under the one-stop rules, find overdue cases.

The :class:`Engine` ties the pieces together: a catalogue to open cases from, the pinned
definitions and shared machines cases run on, the officers who act, and a store that makes
each event durable. Refused events raise :class:`EventRefused` and leave the case unchanged.

>>> import datetime as dt
>>> from motcua.engine.loading import load_catalog
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
import difflib
import os
from collections.abc import Sequence

from motcua.engine.frame import (
    ANSWER,
    APOLOGIZE,
    RECEIVE,
    REFUSE,
    REQUEST_SUPPLEMENT,
    SUPPLEMENT,
    TIMEOUT,
    EventRefused,
    required_units,
)
from motcua.engine.ledger import (
    Case,
    Definition,
    Event,
    advance,
    breach_of,
    dossier_prefix,
    local_time,
    new_event_id,
    now,
    replay,
    start,
)
from motcua.engine.model import Catalog
from motcua.engine.officers import ENGINE_ACTOR, Officer, check_officer
from motcua.engine.store import pinning
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, StoreError

__all__ = [
    "Case",
    "ConflictError",
    "Engine",
    "Event",
    "EventRefused",
    "InvalidInput",
    "StoreError",
    "UnknownCase",
]


class InvalidInput(ValueError):
    """Input that cannot name anything: an unknown procedure, officer, record or event, a
    missing reason, a time before the case's last event. Nothing was changed."""


class UnknownCase(InvalidInput, KeyError):
    """No case with this id in the store."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Engine:
    """Runs cases of a catalogue's procedures on a store.

    ``store`` is a :class:`~motcua.engine.store.base.CaseStore`, a path to an SQLite file,
    or ``None`` for an in-memory store. ``catalog`` is needed to open cases and register
    officers; running existing cases needs only the store, which keeps their definitions.
    """

    def __init__(self, catalog: Catalog | None = None, *, store: CaseStore | str | os.PathLike[str] | None = None) -> None:
        self.catalog = catalog
        if store is None:
            from motcua.engine.store.memory import MemoryStore

            store = MemoryStore()
        elif not isinstance(store, CaseStore):
            from motcua.engine.store.sqlite import SqliteStore

            store = SqliteStore(store)
        self.store: CaseStore = store
        self._definitions: dict[str, Definition] = {}
        self._pins: dict[str, Definition] = {}  # procedure key -> definition pinned by this engine
        self._officers: dict[str, Officer] = {}

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- officers -------------------------------------------------------------------------

    def add_officer(self, officer_id: str, *, agency: str, unit: str, name: str, position: str) -> Officer:
        """Register an officer of a catalogue agency's unit (replacing an earlier record)."""
        catalog = self._catalog()
        try:
            found = catalog.agency(agency)
        except KeyError:
            raise InvalidInput(f"no agency '{agency}' in the catalogue{_close(agency, [a.id for a in catalog.agencies])}") from None
        officer = Officer(officer_id, agency=agency, unit=unit, name=name, position=position)
        problem = check_officer(officer, found)
        if problem:
            raise InvalidInput(problem)
        self.store.put_officer(officer)
        self._officers[officer_id] = officer
        return officer

    def officer(self, officer_id: str) -> Officer:
        """A registered officer; :class:`InvalidInput` if unknown."""
        found = self._officers.get(officer_id) or self.store.officer(officer_id)
        if found is None:
            raise InvalidInput(f"unknown officer '{officer_id}'; register it with 'motcua officer add'")
        self._officers[officer_id] = found
        return found

    # -- definitions ------------------------------------------------------------------------

    def definition(self, case: Case | str) -> Definition:
        """The pinned definition a case runs on (by case or by digest)."""
        digest = case.digest if isinstance(case, Case) else case
        found = self._definitions.get(digest)
        if found is None:
            procedure, agency = pinning.decode(self.store.definition(digest))
            found = self._definitions[digest] = Definition(procedure, agency, digest)
        return found

    def _pin(self, ref: str, on: dt.date) -> Definition:
        catalog = self._catalog()
        try:
            procedure = catalog.procedure(ref, on=on)
        except KeyError as err:
            known = [p.id for p in catalog.procedures]
            raise InvalidInput(f"{err.args[0]}{_close(ref.rpartition('/')[2], known)}") from None
        found = self._pins.get(procedure.key)
        if found is not None and found.procedure is procedure:
            return found
        agency = catalog.agency(procedure.agency)
        text = pinning.encode(procedure, agency)
        digest = pinning.digest(text)
        self.store.pin(digest, procedure.key, text)
        found = self._definitions.get(digest) or Definition(procedure, agency, digest)
        self._definitions[digest] = self._pins[procedure.key] = found
        return found

    def _catalog(self) -> Catalog:
        if self.catalog is None:
            raise InvalidInput("this needs a procedure catalogue (--catalog)")
        return self.catalog

    # -- cases ----------------------------------------------------------------------------

    def open(
        self,
        procedure: str,
        *,
        applicant: str,
        actor: str,
        records: Sequence[str] | None = None,
        at: dt.datetime | None = None,
        event_id: str | None = None,
    ) -> Case:
        """Receive a dossier (the ``receive`` event) and return the new case.

        ``procedure`` is ``procedure-id`` or ``agency-id/procedure-id``; the version in force on
        the day of receipt is pinned. ``records`` are the records handed in (default: every
        record the spec does not make conditional). Retrying with the same ``event_id``
        returns the case that event opened instead of opening another.
        """
        at = local_time(at) if at is not None else now()
        if event_id is not None:
            holder = self.store.event_case(event_id)
            if holder is not None:
                return self.get(holder)
        if not applicant.strip():
            raise InvalidInput("the applicant's name is empty")
        definition = self._pin(procedure, at.date())
        proc, agency = definition.procedure, definition.agency
        officer = self.officer(actor)
        self._permit(officer, RECEIVE, None, definition, where="receipt", case_id=None)
        if records is None:
            received = tuple(r.id for r in proc.records if r.when is None)
        else:
            received = self._records(records, definition)
        target = definition.machine.target(RECEIVE, "new")
        assert target is not None
        event = Event(event_id or new_event_id(), 1, RECEIVE, officer, at, "new", target, records=received)

        def build(code: str) -> Case:
            return start(event, case_id=code, applicant=applicant.strip(), definition=definition)

        try:
            return self.store.create(dossier_prefix(agency, at.date()), build)
        except DuplicateEvent as dup:
            return self.get(dup.case_id)

    def get(self, case_id: str) -> Case:
        """The case with this dossier code; :class:`UnknownCase` if none."""
        case = self.store.load(case_id)
        if case is None:
            raise UnknownCase(f"no case '{case_id}' in {self.store.location}")
        return case

    def fire(
        self,
        case_id: str,
        event: str,
        *,
        actor: str,
        note: str | None = None,
        records: Sequence[str] = (),
        until: dt.datetime | None = None,
        at: dt.datetime | None = None,
        event_id: str | None = None,
        expected_revision: int | None = None,
    ) -> Case:
        """Fire ``event`` on a case as officer ``actor`` and return the case after it.

        ``note`` is the written reason of ``refuse`` and ``apologize``; ``records`` the missing
        records of ``request_supplement`` and those brought by ``supplement``; ``until`` the new
        appointment of ``apologize``. Raises :class:`EventRefused` when the rules forbid the
        event, :class:`ConflictError` when another writer changed the case since it was read
        (or since ``expected_revision``), :class:`InvalidInput` on bad input. Retrying with the
        same ``event_id`` is harmless: the case is returned as it is.
        """
        if event_id is not None:
            holder = self.store.event_case(event_id)
            if holder is not None:
                if holder != case_id:
                    raise InvalidInput(f"event id {event_id} is already recorded on case {holder}")
                return self.get(case_id)

        def decide(case: Case) -> Case:
            if expected_revision is not None and case.revision != expected_revision:
                raise ConflictError(case_id, expected=expected_revision, found=case.revision)
            if event == TIMEOUT:
                raise EventRefused(
                    f"case {case_id}: 'timeout' is fired by the engine when a step's time has passed "
                    "('motcua case tick')"
                )
            officer = self.officer(actor)
            return self._fire(case, event, officer, note=note, records=records, until=until, at=at, event_id=event_id)

        # A store may keep the cases it wrote or read, so firing on a case this process keeps
        # working on reads nothing. Another writer may have moved the case since: then the
        # revision-checked write fails, or a refusal rests on an old state, and either way the
        # case is read from the store and the event decided again on what is stored now.
        recalled = self.store.recall(case_id)
        if recalled is None:
            return decide(self.get(case_id))
        seen = recalled.revision  # before deciding: the case is advanced in place
        try:
            return decide(recalled)
        except (ConflictError, EventRefused, InvalidInput):
            stored = self.get(case_id)
            if stored.revision == seen:
                raise
        return decide(stored)

    def _fire(
        self,
        case: Case,
        event: str,
        officer: Officer,
        *,
        note: str | None,
        records: Sequence[str],
        until: dt.datetime | None,
        at: dt.datetime | None,
        event_id: str | None,
    ) -> Case:
        at = local_time(at) if at is not None else now()
        definition = self.definition(case)
        machine = definition.machine
        if event not in machine.machine.events:
            known = [e for e in machine.events if e not in (RECEIVE, TIMEOUT)]
            raise InvalidInput(f"'{event}' is not an event of {definition.key}{_close(event, known)}")
        if case.closed_at is not None:
            raise EventRefused(f"case {case.id} is finished ({case.state}); events on a finished case are refused")
        if at < case.last_at:
            raise InvalidInput(
                f"case {case.id}: {at.isoformat()} is before its last event ({case.last_at.isoformat()})"
            )
        if officer is not ENGINE_ACTOR and machine.applies(event, case.state):
            # Who may act is checked before what the case waits for: an officer without the
            # right learns that first, whatever the state of the consultations.
            self._permit(officer, event, case, definition, where=f"'{case.state}'", case_id=case.id)
        try:
            target = machine.resolve(case, event, at)
        except EventRefused as err:
            raise EventRefused(f"case {case.id}: {err.reason}") from None
        note, records_t, until = self._inputs(case, event, note, records, until, at, definition)
        new = Event(
            event_id or new_event_id(), case.revision + 1, event, officer, at, case.state, target,
            note=note, records=records_t, until=until, breach=breach_of(case, event),
        )  # fmt: skip
        expected = case.revision
        advance(case, new, definition)
        try:
            self.store.append(case, expected=expected)
        except DuplicateEvent as dup:
            return self.get(dup.case_id)
        return case

    def _permit(
        self, officer: Officer, event: str, case: Case | None, definition: Definition, *, where: str, case_id: str | None
    ) -> None:
        prefix = f"case {case_id}: " if case_id else ""
        if officer.agency != definition.agency.id:
            raise EventRefused(
                f"{prefix}officer '{officer.id}' of unit '{officer.unit}' belongs to agency '{officer.agency}', "
                f"not '{definition.agency.id}'"
            )
        step = None
        answered: tuple[str, ...] = ()
        if case is not None:
            step = definition.machine.step(case.paused_from or case.state)
            answered = case.answered
        key = (event, step.id if step is not None else None, answered)
        units = definition.permits.get(key)
        if units is None:
            units = definition.permits[key] = required_units(
                event, agency=definition.agency, step=step, answered=answered
            )
        if officer.unit in units:
            return
        if event == ANSWER and officer.unit in answered:
            raise EventRefused(f"{prefix}unit '{officer.unit}' has already answered at {where}")
        need = " or ".join(f"'{u}'" for u in units) or "none"
        raise EventRefused(
            f"{prefix}officer '{officer.id}' of unit '{officer.unit}' may not fire '{event}' at {where}: "
            f"it needs an officer of unit {need}"
        )

    def _inputs(
        self,
        case: Case,
        event: str,
        note: str | None,
        records: Sequence[str],
        until: dt.datetime | None,
        at: dt.datetime,
        definition: Definition,
    ) -> tuple[str | None, tuple[str, ...], dt.datetime | None]:
        note = note.strip() if note is not None and note.strip() else None
        if event in (REFUSE, APOLOGIZE) and note is None:
            # Written reasons are mandatory (Decree 63/2010/NĐ-CP Art. 18(5); Forms 03 and 04).
            raise InvalidInput(f"case {case.id}: '{event}' needs a written reason (--note)")
        if records and event not in (REQUEST_SUPPLEMENT, SUPPLEMENT):
            raise InvalidInput(f"case {case.id}: records are listed only with '{REQUEST_SUPPLEMENT}' and '{SUPPLEMENT}'")
        if event == REQUEST_SUPPLEMENT and not records:
            # Every missing item at once, in writing (Form 02; Directive 10/CT-TTg).
            raise InvalidInput(f"case {case.id}: '{REQUEST_SUPPLEMENT}' must list every missing record (--record)")
        if until is not None and event != APOLOGIZE:
            raise InvalidInput(f"case {case.id}: a new appointment (--until) goes only with '{APOLOGIZE}'")
        if event == APOLOGIZE:
            if until is None:
                raise InvalidInput(f"case {case.id}: '{APOLOGIZE}' needs the new appointment (--until)")
            until = local_time(until)
            if until <= at:
                raise InvalidInput(f"case {case.id}: the new appointment {until.isoformat()} must be later than {at.isoformat()}")
        return note, self._records(records, definition), until

    def _records(self, records: Sequence[str], definition: Definition) -> tuple[str, ...]:
        if not records:
            return ()
        known = [r.id for r in definition.procedure.records]
        for rid in records:
            if rid not in known:
                raise InvalidInput(f"{definition.key} has no record '{rid}'{_close(rid, known)}")
        return tuple(dict.fromkeys(records))

    # -- queries and timers -------------------------------------------------------------------

    def list(self, *, overdue: bool = False, procedure: str | None = None, at: dt.datetime | None = None) -> list[Case]:
        """Cases, optionally of one procedure, or only those overdue at ``at`` (default now)."""
        agency, pid = None, None
        if procedure:
            owner, _, pid = procedure.rpartition("/")
            agency = owner or None
        moment = (local_time(at) if at is not None else now()) if overdue else None
        ids = self.store.case_ids(procedure=pid, agency=agency, overdue_at=moment)
        return [self.get(i) for i in ids]

    def tick(self, *, at: dt.datetime | None = None) -> builtins.list[Case]:
        """Fire every timeout due at ``at`` (default now); return the cases that moved.

        The event is recorded at the moment the step's time ran out (or the case's last event,
        if later), so the log says when the silence decided, not when the engine noticed.
        """
        moment = local_time(at) if at is not None else now()
        moved = []
        for case_id in self.store.timers_due(moment):
            case = self.get(case_id)
            if case.timer_due is None or case.timer_due > moment or case.closed_at is not None:
                continue
            when = max(case.timer_due, case.last_at)
            note = f"fired by tick at {moment.isoformat()}"
            try:
                moved.append(self._fire(case, TIMEOUT, ENGINE_ACTOR, note=note, records=(), until=None,
                                        at=when, event_id=None))  # fmt: skip
            except (ConflictError, EventRefused):
                continue  # another writer moved the case first; the next tick sees it again
        return moved

    def replay(self, case_id: str) -> Case:
        """The case rebuilt from its event log alone (compare it with :meth:`get`)."""
        stored = self.get(case_id)
        return replay(stored.events, case_id=stored.id, applicant=stored.applicant, definition=self.definition(stored))


def _close(word: str, candidates: Sequence[str]) -> str:
    found = difflib.get_close_matches(word, list(dict.fromkeys(candidates)), n=1)
    return f"; did you mean '{found[0]}'?" if found else ""
