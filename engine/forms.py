"""The one-stop forms of Circular 01/2018/TT-VPCP derived from a case's event log, and as JSON.

Form 01 (receipt and appointment), 02 (supplement request), 03 (refusal), 04 (apology and new
appointment), 05 (control sheet: each hand-off marked early, on time or late) and 06 (tracking
log: one row per event). Nothing here is stored: every form is rebuilt from the log, so the
forms can never disagree with it. ``Engine.forms`` (or :func:`case_forms`) gives all six of a
case as a :class:`CaseForms`; this module is public as ``motcua.forms``. The forms' fields are
in ``form_data``; ``render_*`` (from ``form_text``) lay each form out as plain text. Forms print
people and units by name and events in the form's language (:class:`Names`).

A voided event stays on Forms 05 and 06, marked with the correction that voided it (reason,
officer, time); Forms 02, 03 and 04 list only events that stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from motcua.engine.calendar import LOCAL_TIME
from motcua.engine.deadlines import describe, terms
from motcua.engine.decisions import possible_events
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
from motcua.engine.form_text import (
    render_apology,
    render_control_sheet,
    render_receipt,
    render_refusal,
    render_supplement_request,
    render_tracking_log,
)
from motcua.engine.frame import ANSWER, APOLOGIZE, CORRECT, EXTEND, PAUSE, REFUSE, REQUEST_SUPPLEMENT, RESUME, SUPPLEMENT
from motcua.engine.ledger import Case, Definition, Event, advance, consult_due, start, voided
from motcua.engine.spec.model import Procedure
from motcua.engine.spec.vocabulary import VOCABULARY, Lang, language, word
from motcua.engine.officers import Officer

__all__ = [
    "Apology",
    "CaseForms",
    "ClockRow",
    "ControlRow",
    "ControlSheet",
    "Correction",
    "JSONValue",
    "LogRow",
    "Names",
    "Receipt",
    "RecordLine",
    "Refusal",
    "SupplementRequest",
    "TrackingLog",
    "apologies",
    "case_document",
    "case_forms",
    "clock_rows",
    "control_sheet",
    "corrections",
    "event_document",
    "forms_document",
    "receipt",
    "refusal",
    "render_apology",
    "render_control_sheet",
    "render_receipt",
    "render_refusal",
    "render_supplement_request",
    "render_tracking_log",
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


@dataclass(frozen=True, slots=True)
class CaseForms:
    """Forms 01-06 of one case in one language (``lang``), rebuilt from its log.

    ``receipt`` is Form 01; ``supplement_requests`` every Form 02 and ``apologies`` every Form
    04 not voided; ``refusal`` Form 03 of a refused case (else ``None``); ``control_sheet``
    Form 05 and ``tracking_log`` Form 06. :meth:`text` lays out Forms 01, 05 and 06 as printed.
    """

    lang: str
    receipt: Receipt
    supplement_requests: tuple[SupplementRequest, ...]
    refusal: Refusal | None
    apologies: tuple[Apology, ...]
    control_sheet: ControlSheet
    tracking_log: TrackingLog

    def text(self, *, lookup_secret: str | None = None) -> str:
        """Every form of the case as text, in the order of the forms' numbers (01, each 02, 03 of
        a refused case, each 04, 05, 06), blank lines between; Form 01 with ``lookup_secret``
        (the citizen's status page) when given."""
        lang = self.lang
        parts = [render_receipt(self.receipt, lang=lang, lookup_secret=lookup_secret)]
        parts += [render_supplement_request(f, lang=lang) for f in self.supplement_requests]
        parts += [render_refusal(self.refusal, lang=lang)] if self.refusal is not None else []
        parts += [render_apology(f, lang=lang) for f in self.apologies]
        parts += [render_control_sheet(self.control_sheet, lang=lang), render_tracking_log(self.tracking_log, lang=lang)]
        return "\n\n".join(parts)


def case_forms(case: Case, definition: Definition, *, lang: str | None = None) -> CaseForms:
    """Forms 01-06 of ``case`` in ``lang`` (default: the agency's language)."""
    lang = lang or definition.agency.lang
    return CaseForms(lang, receipt(case, definition, lang=lang), supplement_requests(case, definition, lang=lang),
                     refusal(case, definition, lang=lang), apologies(case, definition, lang=lang),
                     control_sheet(case, definition, lang=lang), tracking_log(case, definition, lang=lang))  # fmt: skip


# -- JSON -------------------------------------------------------------------------------------

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


def _iso(t: dt.datetime | None) -> str | None:
    """A time of the case as ISO 8601 with its offset: the engine keeps local time (UTC+07:00)."""
    return t.replace(tzinfo=LOCAL_TIME).isoformat(timespec="seconds") if t is not None else None


def _badge(o: Officer) -> dict[str, JSONValue]:
    return {"id": o.id, "name": o.name, "position": o.position, "unit": o.unit}


def _correction(c: Correction | None) -> JSONValue:
    if c is None:
        return None
    return {"seq": c.seq, "reason": c.reason, "at": _iso(c.at), "officer": _badge(c.officer)}


def _record_lines(lines: tuple[RecordLine, ...]) -> list[JSONValue]:
    return [
        {"id": r.id, "title": r.title, "originals": r.originals, "copies": r.copies, "form": r.form}
        for r in lines
    ]


def event_document(e: Event) -> dict[str, JSONValue]:
    """One event as JSON: ``event``, ``actor`` (the officer id), ``at`` and the rest."""
    return {
        "seq": e.seq,
        "id": e.id,
        "event": e.event,
        "actor": e.actor.id,
        "badge": _badge(e.actor),
        "at": _iso(e.at),
        "from": e.source,
        "to": e.target,
        "note": e.note,
        "records": list(e.records),
        "until": _iso(e.until),
        "breach": e.breach,
        "corrects": e.corrects,
        "term": e.term,
    }


def case_document(
    case: Case, definition: Definition, *, at: dt.datetime, forms: bool = True, lang: str | None = None,
    officer: Officer | None = None,
) -> dict[str, JSONValue]:
    """A case as JSON: state, deadlines and events, and with ``forms`` its forms 01-06.

    ``at`` is the moment ``overdue`` (open and past its appointment) and ``next_events``
    (``decisions.possible_events``, by ``officer`` when given) are judged at; ``late`` says a finished case finished after
    its appointment. Times carry their offset (``2025-03-03T08:00:00+07:00``).
    """
    machine = definition.machine
    state = case.state
    step = machine.step(state)
    kind = "step" if step is not None else ("end" if definition.procedure.is_end(state) else "frame")
    current: JSONValue = None
    if step is not None:
        current = {
            "id": step.id,
            "unit": step.unit,
            "started_at": _iso(case.step_started),
            "due": _iso(case.step_due),
            "timeout_at": _iso(case.timer_due),
            "consult": [
                {"unit": c.unit, "due": _iso(consult_due(case, step, c.unit, definition)), "answered": c.unit in case.answered}
                for c in step.consult
            ],
        }
    outcome = definition.procedure.end(state).outcome.value if kind == "end" else (state if case.finished else None)
    stop: JSONValue = None
    if case.stopped is not None:
        stop = {"id": case.stopped, "since": _iso(case.stopped_at)}
    doc: dict[str, JSONValue] = {
        "id": case.id,
        "agency": case.agency,
        "procedure": case.procedure,
        "version": case.version,
        "digest": case.digest,
        "applicant": case.applicant,
        "variant": case.variant,
        "channel": case.channel,
        "time_limit": _time_limit(case, definition),
        "state": state,
        "state_kind": kind,
        "finished": case.finished,
        "outcome": outcome,
        "received_at": _iso(case.received_at),
        "due": _iso(case.due),
        "original_due": _iso(case.original_due),
        "overdue": case.overdue(at),
        "late": case.closed_at is not None and case.closed_at > case.due,
        "closed_at": _iso(case.closed_at),
        "step": current,
        "paused_from": case.paused_from,
        "paused_at": _iso(case.paused_at),
        "clock_stop": stop,
        "time_events": [_clock_row(r) for r in clock_rows(case, definition, lang=lang)],
        "supplement_requests": case.supplement_requests,
        "guide_once_breached": case.guide_once_breached,
        "apologies": case.apologies,
        "revision": case.revision,
        "next_events": list(possible_events(case, definition, at=at, officer=officer)),
        "events": [event_document(e) for e in case.events],
    }
    if forms:
        doc.update(forms_document(case, definition, lang=lang))
    return doc


def _time_limit(case: Case, definition: Definition) -> str | None:
    limit = terms(definition.procedure, case.variant, case.channel).time_limit
    return str(limit) if limit is not None else None


def _clock_row(r: ClockRow) -> dict[str, JSONValue]:
    still = r.stood_still
    return {"seq": r.seq, "event": r.event, "term": r.term, "title": r.title, "reason": r.reason, "at": _iso(r.at),
            "officer": _badge(r.officer), "due": _iso(r.due),
            "stood_still_minutes": None if still is None else still // dt.timedelta(minutes=1),
            "corrected": _correction(r.corrected)}  # fmt: skip


def forms_document(case: Case, definition: Definition, *, lang: str | None = None) -> dict[str, JSONValue]:
    """Forms 01-06 of a case as JSON."""
    r = receipt(case, definition, lang=lang)
    sheet = control_sheet(case, definition, lang=lang)
    log = tracking_log(case, definition, lang=lang)
    refused = refusal(case, definition, lang=lang)
    return {
        "receipt": {
            "form": "01",
            "dossier_code": r.dossier_code,
            "agency": r.agency,
            "desk": r.desk,
            "applicant": r.applicant,
            "procedure": r.procedure,
            "procedure_code": r.procedure_code,
            "records": _record_lines(r.records),
            "sets": r.sets,
            "variant": r.variant,
            "variant_code": r.variant_code,
            "channel": r.channel,
            "time_limit": r.time_limit,
            "received_at": _iso(r.received_at),
            "due": _iso(r.due),
            "officer": _badge(r.officer),
        },
        "supplement_forms": [
            {"form": "02", "ordinal": s.ordinal, "missing": _record_lines(s.missing), "reason": s.reason,
             "at": _iso(s.at), "officer": _badge(s.officer), "breach": s.breach}
            for s in supplement_requests(case, definition, lang=lang)
        ],  # fmt: skip
        "refusal": None if refused is None else
            {"form": "03", "reason": refused.reason, "at": _iso(refused.at), "officer": _badge(refused.officer)},
        "apology_forms": [
            {"form": "04", "received_at": _iso(a.received_at), "previous_due": _iso(a.previous_due),
             "reason": a.reason, "new_due": _iso(a.new_due), "at": _iso(a.at), "officer": _badge(a.officer)}
            for a in apologies(case, definition, lang=lang)
        ],  # fmt: skip
        "control_sheet": [
            {"step": row.step, "from_unit": row.from_unit, "to": row.to, "to_unit": row.to_unit,
             "at": _iso(row.at), "giver": _badge(row.giver), "due": _iso(row.due), "status": row.status,
             "event": row.event, "corrected": _correction(row.corrected), "from_title": row.from_title,
             "to_title": row.to_title, "event_title": row.event_title}
            for row in sheet.rows
        ],  # fmt: skip
        "control_sheet_time": [_clock_row(r) for r in sheet.clock],
        "tracking_log": [
            {"seq": row.seq, "at": _iso(row.at), "event": row.event, "actor": _badge(row.actor),
             "from": row.source, "to": row.target, "due": _iso(row.due), "note": row.note,
             "records": list(row.records), "breach": row.breach, "corrects": row.corrects,
             "term": row.term, "corrected": _correction(row.corrected), "event_title": row.event_title,
             "unit_title": row.unit_title}
            for row in log.rows
        ],  # fmt: skip
    }


