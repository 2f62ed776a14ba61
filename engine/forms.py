"""The one-stop forms of Circular 01/2018/TT-VPCP as data, derived from a case's event log.

Form 01 (receipt and appointment), 02 (supplement request), 03 (refusal), 04 (apology and new
appointment), 05 (control sheet: each hand-off marked early, on time or late) and 06 (tracking
log: one row per event). Nothing here is stored: every form is rebuilt from the log, so the
forms can never disagree with it. ``render_*`` lay a form out as plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from motcua.engine.calendar import Status
from motcua.engine.durations import format_duration
from motcua.engine.frame import ANSWER, APOLOGIZE, REFUSE, REQUEST_SUPPLEMENT, SUPPLEMENT
from motcua.engine.ledger import Case, Definition, Event, advance, consult_due, start
from motcua.engine.model import Procedure
from motcua.engine.officers import Officer

__all__ = [
    "Apology",
    "ControlRow",
    "ControlSheet",
    "LogRow",
    "Receipt",
    "RecordLine",
    "Refusal",
    "SupplementRequest",
    "TrackingLog",
    "apologies",
    "case_document",
    "control_sheet",
    "event_document",
    "forms_document",
    "receipt",
    "refusal",
    "render_control_sheet",
    "render_receipt",
    "render_tracking_log",
    "supplement_requests",
    "tracking_log",
]


@dataclass(frozen=True, slots=True)
class RecordLine:
    """One record of the dossier as a form lists it."""

    id: str
    title: str
    originals: int
    copies: int
    form: str | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    """Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    dossier_code: str
    agency: str
    desk: str
    applicant: str
    procedure: str
    procedure_code: str | None
    records: tuple[RecordLine, ...]
    time_limit: str
    received_at: dt.datetime
    due: dt.datetime
    officer: Officer


@dataclass(frozen=True, slots=True)
class SupplementRequest:
    """Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. ``breach`` marks a second request."""

    dossier_code: str
    applicant: str
    procedure: str
    ordinal: int
    missing: tuple[RecordLine, ...]
    reason: str | None
    at: dt.datetime
    officer: Officer
    breach: str | None


@dataclass(frozen=True, slots=True)
class Refusal:
    """Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    dossier_code: str
    applicant: str
    procedure: str
    reason: str
    at: dt.datetime
    officer: Officer


@dataclass(frozen=True, slots=True)
class Apology:
    """Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""

    dossier_code: str
    applicant: str
    procedure: str
    received_at: dt.datetime
    previous_due: dt.datetime
    reason: str
    new_due: dt.datetime
    at: dt.datetime
    officer: Officer


@dataclass(frozen=True, slots=True)
class ControlRow:
    """One hand-off of Form 05: who gave the dossier to whom, when, against which deadline."""

    step: str
    from_unit: str
    to: str
    to_unit: str | None
    at: dt.datetime
    giver: Officer
    due: dt.datetime
    status: Status
    event: str


@dataclass(frozen=True, slots=True)
class ControlSheet:
    """Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    dossier_code: str
    agency: str
    procedure: str
    received_at: dt.datetime
    due: dt.datetime
    rows: tuple[ControlRow, ...]


@dataclass(frozen=True, slots=True)
class LogRow:
    """One event as Form 06 lists it, with the appointment in force after it."""

    seq: int
    at: dt.datetime
    event: str
    actor: Officer
    source: str
    target: str
    due: dt.datetime
    note: str | None
    records: tuple[str, ...]
    breach: str | None


@dataclass(frozen=True, slots=True)
class TrackingLog:
    """Form 06: Sổ theo dõi hồ sơ, for one dossier."""

    dossier_code: str
    procedure: str
    applicant: str
    received_at: dt.datetime
    due: dt.datetime
    state: str
    closed_at: dt.datetime | None
    rows: tuple[LogRow, ...]


def _lines(procedure: Procedure, ids: tuple[str, ...], lang: str) -> tuple[RecordLine, ...]:
    out = []
    for rid in ids:
        r = procedure.record(rid)
        out.append(RecordLine(r.id, r.title.get(lang), r.originals, r.copies, r.form))
    return tuple(out)


def receipt(case: Case, definition: Definition, *, lang: str | None = None) -> Receipt:
    """Form 01 of ``case``: the records received, the receiving officer, the appointment."""
    proc, agency = definition.procedure, definition.agency
    lang = lang or agency.lang
    first = case.events[0]
    desk = agency.unit(first.actor.unit).title.get(lang) if first.actor.unit in {u.id for u in agency.units} else first.actor.unit
    return Receipt(
        dossier_code=case.id,
        agency=agency.title.get(lang),
        desk=desk,
        applicant=case.applicant,
        procedure=proc.title.get(lang),
        procedure_code=proc.code,
        records=_lines(proc, first.records, lang),
        time_limit=format_duration(proc.time_limit, lang="en" if lang == "en" else "vi"),
        received_at=case.received_at,
        due=case.original_due,
        officer=first.actor,
    )


def supplement_requests(case: Case, definition: Definition, *, lang: str | None = None) -> tuple[SupplementRequest, ...]:
    """Every Form 02 issued on ``case``, in order; a second one carries its breach."""
    proc = definition.procedure
    lang = lang or definition.agency.lang
    found = [e for e in case.events if e.event == REQUEST_SUPPLEMENT]
    return tuple(
        SupplementRequest(case.id, case.applicant, proc.title.get(lang), i, _lines(proc, e.records, lang),
                          e.note, e.at, e.actor, e.breach)
        for i, e in enumerate(found, 1)
    )  # fmt: skip


def refusal(case: Case, definition: Definition, *, lang: str | None = None) -> Refusal | None:
    """Form 03 of a refused case, or ``None``."""
    lang = lang or definition.agency.lang
    for e in case.events:
        if e.event == REFUSE:
            return Refusal(case.id, case.applicant, definition.procedure.title.get(lang), e.note or "", e.at, e.actor)
    return None


def apologies(case: Case, definition: Definition, *, lang: str | None = None) -> tuple[Apology, ...]:
    """Every Form 04 of ``case``, each with the appointment it replaced."""
    lang = lang or definition.agency.lang
    title = definition.procedure.title.get(lang)
    out = []
    for before, e, _ in _walk(case, definition):
        if e.event == APOLOGIZE and e.until is not None:
            out.append(Apology(case.id, case.applicant, title, case.received_at, before.due, e.note or "",
                               e.until, e.at, e.actor))  # fmt: skip
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Before:
    """What the forms need of a case just before an event."""

    state: str
    due: dt.datetime
    step_due: dt.datetime | None
    answer_due: dt.datetime | None  # for an answer: when the answering unit was due


def _walk(case: Case, definition: Definition) -> Iterator[tuple[_Before, Event, Case]]:
    """Replay the log, giving the state before each event, the event and the case after it."""
    events = case.events
    if not events:
        return
    now = start(events[0], case_id=case.id, applicant=case.applicant, definition=definition)
    yield _Before("new", now.due, None, None), events[0], now
    for e in events[1:]:
        answer_due = None
        step = definition.machine.step(now.state)
        if e.event == ANSWER and step is not None:
            answer_due = consult_due(now, step, e.actor.unit, definition)
        before = _Before(now.state, now.due, now.step_due, answer_due)
        advance(now, e, definition)
        yield before, e, now


def control_sheet(case: Case, definition: Definition, *, lang: str | None = None) -> ControlSheet:
    """Form 05: a row for every hand-off, marked against the deadline of the step handed on.

    A step hands the dossier on when it completes (to the next step's unit, or back to the
    one-stop desk at an end); a consulted unit hands its answer to the step's unit.
    """
    proc, agency = definition.procedure, definition.agency
    lang = lang or agency.lang
    machine, clock = definition.machine, definition.clock
    rows = []
    for before, e, _ in _walk(case, definition):
        step = machine.step(before.state)
        if step is None or before.step_due is None:
            continue
        if e.event == ANSWER:
            due = before.answer_due or before.step_due
            rows.append(ControlRow(step.id, e.actor.unit, step.id, step.unit, e.at, e.actor, due,
                                   clock.status(due, e.at), e.event))  # fmt: skip
        elif e.target != before.state and e.event not in (REQUEST_SUPPLEMENT, SUPPLEMENT):
            nxt = machine.step(e.target)
            rows.append(ControlRow(step.id, step.unit, e.target, nxt.unit if nxt else None, e.at, e.actor,
                                   before.step_due, clock.status(before.step_due, e.at), e.event))  # fmt: skip
    return ControlSheet(case.id, agency.title.get(lang), proc.title.get(lang), case.received_at, case.due, tuple(rows))


def tracking_log(case: Case, definition: Definition, *, lang: str | None = None) -> TrackingLog:
    """Form 06 for one dossier: every event, with the appointment in force after it."""
    lang = lang or definition.agency.lang
    rows = tuple(
        LogRow(e.seq, e.at, e.event, e.actor, e.source, e.target, after.due, e.note, e.records, e.breach)
        for _, e, after in _walk(case, definition)
    )
    return TrackingLog(case.id, definition.procedure.title.get(lang), case.applicant, case.received_at,
                       case.due, case.state, case.closed_at, rows)  # fmt: skip


# -- plain text -------------------------------------------------------------------------------

_MARKS = {
    "vi": {"early": "Trước hạn", "on-time": "Đúng hạn", "late": "Quá hạn"},
    "en": {"early": "early", "on-time": "on time", "late": "late"},
}


def _when(t: dt.datetime, lang: str) -> str:
    return f"{t:%H:%M} ngày {t:%d/%m/%Y}" if lang == "vi" else f"{t:%Y-%m-%d %H:%M}"


def render_receipt(form: Receipt, *, lang: str = "vi") -> str:
    """Form 01 as text."""
    vi = lang == "vi"
    lines = [
        form.agency,
        form.desk,
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" if vi else "RECEIPT AND APPOINTMENT SLIP",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}",
        f"{'Tiếp nhận hồ sơ của' if vi else 'Received from'}: {form.applicant}",
        f"{'Nội dung yêu cầu giải quyết' if vi else 'Request'}: {form.procedure}"
        + (f" ({form.procedure_code})" if form.procedure_code else ""),
        f"{'Thành phần hồ sơ' if vi else 'Records'}:",
    ]
    for i, r in enumerate(form.records, 1):
        counts = f"{r.originals} {'bản chính' if vi else 'original(s)'}, {r.copies} {'bản sao' if vi else 'copy/copies'}"
        lines.append(f"  {i}. {r.title}" + (f" ({r.form})" if r.form else "") + f": {counts}")
    lines += [
        f"{'Số lượng hồ sơ' if vi else 'Sets'}: 01 {'bộ' if vi else 'set'}",
        f"{'Thời gian giải quyết hồ sơ theo quy định' if vi else 'Legal time limit'}: {form.time_limit}",
        f"{'Thời gian nhận hồ sơ' if vi else 'Received at'}: {_when(form.received_at, lang)}",
        f"{'Thời gian trả kết quả giải quyết hồ sơ' if vi else 'Result due'}: {_when(form.due, lang)}",
        f"{'Người tiếp nhận hồ sơ' if vi else 'Received by'}: {form.officer.badge()}",
    ]
    return "\n".join(lines)


def render_control_sheet(form: ControlSheet, *, lang: str = "vi") -> str:
    """Form 05 as text: one line per hand-off."""
    vi = lang == "vi"
    marks = _MARKS["vi" if vi else "en"]
    lines = [
        form.agency,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" if vi else "PROCESSING CONTROL SHEET",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}  {form.procedure}",
        f"{'Nhận' if vi else 'Received'}: {_when(form.received_at, lang)}   "
        f"{'Hẹn trả' if vi else 'Due'}: {_when(form.due, lang)}",
    ]
    if not form.rows:
        lines.append("  (chưa có lần giao nhận nào)" if vi else "  (no hand-off yet)")
    for i, r in enumerate(form.rows, 1):
        to = r.to_unit or r.to
        lines.append(
            f"  {i}. {r.from_unit} -> {to}  {_when(r.at, lang)}  {'giao' if vi else 'by'}: {r.giver.name} "
            f"({r.giver.position})  [{r.event}]  {'hạn' if vi else 'due'} {_when(r.due, lang)}: {marks[r.status]}"
        )
    return "\n".join(lines)


# -- JSON -------------------------------------------------------------------------------------

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


def _iso(t: dt.datetime | None) -> str | None:
    return t.isoformat(timespec="seconds") if t is not None else None


def _badge(o: Officer) -> dict[str, JSONValue]:
    return {"id": o.id, "name": o.name, "position": o.position, "unit": o.unit}


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
    }


def case_document(
    case: Case, definition: Definition, *, at: dt.datetime, forms: bool = True, lang: str | None = None
) -> dict[str, JSONValue]:
    """A case as JSON: state, deadlines and events, and with ``forms`` its forms 01-06.

    ``at`` is the moment ``overdue`` is judged at.
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
    doc: dict[str, JSONValue] = {
        "id": case.id,
        "agency": case.agency,
        "procedure": case.procedure,
        "version": case.version,
        "digest": case.digest,
        "applicant": case.applicant,
        "state": state,
        "state_kind": kind,
        "finished": case.finished,
        "outcome": outcome,
        "received_at": _iso(case.received_at),
        "due": _iso(case.due),
        "original_due": _iso(case.original_due),
        "overdue": case.overdue(at),
        "closed_at": _iso(case.closed_at),
        "step": current,
        "paused_from": case.paused_from,
        "paused_at": _iso(case.paused_at),
        "supplement_requests": case.supplement_requests,
        "guide_once_breached": case.guide_once_breached,
        "apologies": case.apologies,
        "revision": case.revision,
        "next_events": [] if case.finished else [e for e in machine.events_at(state) if e != "timeout"],
        "events": [event_document(e) for e in case.events],
    }
    if forms:
        doc.update(forms_document(case, definition, lang=lang))
    return doc


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
            "sets": 1,
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
             "event": row.event}
            for row in sheet.rows
        ],  # fmt: skip
        "tracking_log": [
            {"seq": row.seq, "at": _iso(row.at), "event": row.event, "actor": _badge(row.actor),
             "from": row.source, "to": row.target, "due": _iso(row.due), "note": row.note,
             "records": list(row.records), "breach": row.breach}
            for row in log.rows
        ],  # fmt: skip
    }


def render_tracking_log(form: TrackingLog, *, lang: str = "vi") -> str:
    """Form 06 for one dossier as text: one line per event."""
    vi = lang == "vi"
    lines = [
        "SỔ THEO DÕI HỒ SƠ" if vi else "TRACKING LOG",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}  {form.procedure}  ({form.applicant})",
    ]
    for r in form.rows:
        extra = "".join(
            [
                f"  [{', '.join(r.records)}]" if r.records else "",
                f"  “{r.note}”" if r.note else "",
                f"  !{r.breach}" if r.breach else "",
            ]
        )
        lines.append(
            f"  {r.seq:>2}. {_when(r.at, lang)}  {r.event:<18} {r.source} -> {r.target}  "
            f"{r.actor.name} ({r.actor.unit})  {'hẹn' if vi else 'due'} {_when(r.due, lang)}{extra}"
        )
    return "\n".join(lines)
