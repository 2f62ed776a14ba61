"""Building the one-stop forms of Circular 01/2018/TT-VPCP from a case's event log.

One function per form: :func:`receipt` (Form 01), :func:`supplement_requests` (every Form 02),
:func:`refusal` (Form 03), :func:`apologies` (every Form 04), :func:`control_sheet` (Form 05,
with :func:`clock_rows`) and :func:`tracking_log` (Form 06), each replaying the log so the form
can never disagree with it. :class:`Names` gives what a form prints for the ids of a definition,
in the form's language; :func:`corrections` the correction that voided each voided event.
The forms' fields are in ``form_data``; ``forms`` gathers all six of a case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from motcua.engine.deadlines import describe, terms
from motcua.engine.fold import advance, consult_due, start, voided
from motcua.engine.form_data import (
    Apology,
    ClockRow,
    ControlRow,
    ControlSheet,
    Correction,
    LogRow,
    Receipt,
    RecordLine,
    Refusal,
    SupplementRequest,
    TrackingLog,
)
from motcua.engine.frame import ANSWER, APOLOGIZE, CORRECT, EXTEND, PAUSE, REFUSE, REQUEST_SUPPLEMENT, RESUME, SUPPLEMENT
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.spec.model import Procedure
from motcua.engine.spec.vocabulary import VOCABULARY, Lang, language, word

__all__ = [
    "Names",
    "apologies",
    "clock_rows",
    "control_sheet",
    "corrections",
    "receipt",
    "refusal",
    "supplement_requests",
    "tracking_log",
]


@dataclass(frozen=True, slots=True)
class Names:
    """What a form prints for the ids of a definition, in a language: units by title, states by
    the title of their step or end, events by the title of the outcome or the vocabulary's word
    (``form.event.*``); an id with no title is printed as it is."""

    definition: Definition
    lang: str

    def unit(self, unit_id: str) -> str:
        units = {u.id: u for u in self.definition.agency.units}
        found = units.get(unit_id)
        return found.title.get(self.lang) if found is not None else unit_id

    def state(self, state: str) -> str:
        proc = self.definition.procedure
        step = self.definition.machine.step(state)
        if step is not None:
            return step.title.get(self.lang) if step.title is not None else state
        if proc.is_end(state):
            return proc.end(state).label.get(self.lang) or state
        key = f"form.state.{state}"
        return word(key, self._words) if key in VOCABULARY else state

    def event(self, event: str, state: str) -> str:
        """``event`` as fired at ``state``: an outcome's title, else the vocabulary's word."""
        step = self.definition.machine.step(state)
        titled = next((o.title for o in (step.outcomes if step is not None else ()) if o.name == event), None)
        if titled is not None:
            return titled.get(self.lang)
        key = f"form.event.{event}"
        return word(key, self._words) if key in VOCABULARY else event.replace("_", " ").replace("-", " ")

    @property
    def _words(self) -> Lang:
        return language(self.lang, otherwise="en")


def corrections(events: Sequence[Event]) -> dict[int, Correction]:
    """The voided events of a log, by seq, each with the correction that voided it."""
    return {seq: Correction(c.seq, c.note or "", c.actor, c.at) for seq, c in voided(events).items()}


def _lines(procedure: Procedure, ids: tuple[str, ...], lang: str) -> tuple[RecordLine, ...]:
    out = []
    for rid in ids:
        r = procedure.record(rid)
        out.append(RecordLine(r.id, r.title.get(lang), r.originals, r.copies, r.form_label(lang)))
    return tuple(out)


def receipt(case: Case, definition: Definition, *, lang: str | None = None) -> Receipt:
    """Form 01 of ``case``: the records received (those the officer named, else those every
    applicant hands in), the terms it runs on, the receiving officer, the appointment."""
    proc, agency = definition.procedure, definition.agency
    lang = lang or agency.lang
    first = case.events[0]
    desk = agency.unit(first.actor.unit).title.get(lang) if first.actor.unit in {u.id for u in agency.units} else first.actor.unit
    chosen = terms(proc, case.variant, case.channel)
    variant = chosen.variant
    return Receipt(
        dossier_code=case.id,
        agency=agency.title.get(lang),
        desk=desk,
        applicant=case.applicant,
        procedure=proc.title.get(lang),
        procedure_code=proc.code,
        records=_lines(proc, first.records, lang),
        time_limit=describe(chosen.time_limit, language(lang, otherwise="vi")),
        received_at=case.received_at,
        due=case.original_due,
        officer=first.actor,
        variant=variant.title.get(lang) if variant is not None else None,
        variant_code=variant.code if variant is not None else None,
        channel=case.channel,
        sets=proc.dossier_sets,
    )


def supplement_requests(case: Case, definition: Definition, *, lang: str | None = None) -> tuple[SupplementRequest, ...]:
    """Every Form 02 issued on ``case`` and not voided, in order; a second one carries its breach."""
    proc = definition.procedure
    lang = lang or definition.agency.lang
    names = Names(definition, lang)
    agency = definition.agency.title.get(lang)
    gone = voided(case.events)
    found = [e for e in case.events if e.event == REQUEST_SUPPLEMENT and e.seq not in gone]
    return tuple(
        SupplementRequest(case.id, case.applicant, proc.title.get(lang), i, _lines(proc, e.records, lang),
                          e.note, e.at, e.actor, e.breach, agency, names.unit(e.actor.unit))
        for i, e in enumerate(found, 1)
    )  # fmt: skip


def refusal(case: Case, definition: Definition, *, lang: str | None = None) -> Refusal | None:
    """Form 03 of a refused case, or ``None`` (a voided refusal is none)."""
    lang = lang or definition.agency.lang
    gone = voided(case.events)
    for e in case.events:
        if e.event == REFUSE and e.seq not in gone:
            return Refusal(case.id, case.applicant, definition.procedure.title.get(lang), e.note or "", e.at, e.actor,
                           definition.agency.title.get(lang), Names(definition, lang).unit(e.actor.unit))  # fmt: skip
    return None


def apologies(case: Case, definition: Definition, *, lang: str | None = None) -> tuple[Apology, ...]:
    """Every Form 04 of ``case`` not voided, each with the appointment it replaced."""
    lang = lang or definition.agency.lang
    title = definition.procedure.title.get(lang)
    names = Names(definition, lang)
    agency = definition.agency.title.get(lang)
    gone = voided(case.events)
    out = []
    for before, e, _ in _walk(case, definition):
        if e.event == APOLOGIZE and e.until is not None and e.seq not in gone:
            out.append(Apology(case.id, case.applicant, title, case.received_at, before.due, e.note or "",
                               e.until, e.at, e.actor, agency, names.unit(e.actor.unit)))  # fmt: skip
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Before:
    """What the forms need of a case just before an event."""

    state: str
    due: dt.datetime
    step_due: dt.datetime | None
    answer_due: dt.datetime | None  # for an answer: when the answering unit was due
    stopped: str | None = None  # the clock stop the case stood in
    stopped_at: dt.datetime | None = None


def _walk(case: Case, definition: Definition) -> Iterator[tuple[_Before, Event, Case]]:
    """Replay the log, giving the state before each event, the event and the case after it."""
    events = case.events
    if not events:
        return
    now = start(events[0], case_id=case.id, applicant=case.applicant, definition=definition, variant=case.variant,
                channel=case.channel)  # fmt: skip
    yield _Before("new", now.due, None, None), events[0], now
    for e in events[1:]:
        answer_due = None
        step = definition.machine.step(now.state)
        if e.event == ANSWER and step is not None:
            answer_due = consult_due(now, step, e.actor.unit, definition)
        before = _Before(now.state, now.due, now.step_due, answer_due, now.stopped, now.stopped_at)
        advance(now, e, definition)
        yield before, e, now


def control_sheet(case: Case, definition: Definition, *, lang: str | None = None) -> ControlSheet:
    """Form 05: a row for every hand-off, marked against the deadline of the step handed on.

    A step hands the dossier on when it completes (to the next step's unit, or back to the
    one-stop desk at an end); a consulted unit hands its answer to the step's unit. A hand-off
    whose event was voided stays, marked with its correction.
    """
    proc, agency = definition.procedure, definition.agency
    lang = lang or agency.lang
    machine, clock = definition.machine, definition.clock
    names = Names(definition, lang)
    marks = corrections(case.events)
    rows = []
    for before, e, _ in _walk(case, definition):
        step = machine.step(before.state)
        if step is None or before.step_due is None or e.event == CORRECT:
            continue
        said = names.event(e.event, before.state)
        if e.event == ANSWER:
            due = before.answer_due or before.step_due
            rows.append(ControlRow(step.id, e.actor.unit, step.id, step.unit, e.at, e.actor, due,
                                   clock.status(due, e.at), e.event, marks.get(e.seq), names.unit(e.actor.unit),
                                   names.unit(step.unit), said))  # fmt: skip
        elif e.target != before.state and e.event not in (REQUEST_SUPPLEMENT, SUPPLEMENT):
            nxt = machine.step(e.target)
            to = names.unit(nxt.unit) if nxt else names.state(e.target)
            rows.append(ControlRow(step.id, step.unit, e.target, nxt.unit if nxt else None, e.at, e.actor,
                                   before.step_due, clock.status(before.step_due, e.at), e.event,
                                   marks.get(e.seq), names.unit(step.unit), to, said))  # fmt: skip
    return ControlSheet(case.id, agency.title.get(lang), proc.title.get(lang), case.received_at, case.due, tuple(rows),
                        clock_rows(case, definition, lang=lang))  # fmt: skip


def clock_rows(case: Case, definition: Definition, *, lang: str | None = None) -> tuple[ClockRow, ...]:
    """The events of ``case`` that changed its time (Form 05): each extension applied and each
    clock stop begun and ended, with its reason, officer and the appointment after it; a voided
    one marked with its correction."""
    proc = definition.procedure
    lang = lang or definition.agency.lang
    titles = {x.id: x.when.get(lang) for x in proc.extensions} | {c.id: c.title.get(lang) for c in proc.clock_stops}
    marks = corrections(case.events)
    rows = []
    for before, e, after in _walk(case, definition):
        if e.event not in (EXTEND, PAUSE, RESUME):
            continue
        term = (e.term if e.event != RESUME else before.stopped) or ""
        still = None
        if e.event == RESUME and before.stopped_at is not None:
            still = definition.clock.working_time(before.stopped_at, e.at)
        rows.append(ClockRow(e.seq, e.event, term, titles.get(term, term), e.note, e.at, e.actor, after.due, still,
                             marks.get(e.seq)))  # fmt: skip
    return tuple(rows)


def tracking_log(case: Case, definition: Definition, *, lang: str | None = None) -> TrackingLog:
    """Form 06 for one dossier: every event, with the appointment in force after it; a voided
    event is marked with its correction."""
    lang = lang or definition.agency.lang
    names = Names(definition, lang)
    marks = corrections(case.events)
    rows = tuple(
        LogRow(e.seq, e.at, e.event, e.actor, e.source, e.target, after.due, e.note, e.records, e.breach,
               e.corrects, marks.get(e.seq), e.term, names.event(e.event, e.source), names.state(e.source),
               names.state(e.target), names.unit(e.actor.unit) if e.actor.unit else e.actor.name)  # fmt: skip
        for _, e, after in _walk(case, definition)
    )
    return TrackingLog(case.id, definition.procedure.title.get(lang), case.applicant, case.received_at,
                       case.due, case.state, case.closed_at, rows)  # fmt: skip
