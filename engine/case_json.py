"""A case as JSON: its state, deadlines and events, and its Forms 01-06.

:func:`case_document` is the JSON case (``motcua case show --json``, the server's case pages),
:func:`event_document` one event of its log and :func:`forms_document` its forms, built by
``form_build``. Times carry their offset (the engine keeps naive local time, UTC+07:00).
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.calendar import LOCAL_TIME
from motcua.engine.deadlines import terms
from motcua.engine.decisions import possible_events
from motcua.engine.fold import consult_due
from motcua.engine.form_build import apologies, clock_rows, control_sheet, receipt, refusal, supplement_requests, tracking_log
from motcua.engine.form_data import ClockRow, Correction, RecordLine
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.officers import Officer

__all__ = ["JSONValue", "case_document", "event_document", "forms_document"]

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
