"""Oversight from the case store, as an inspection team reads it: dossiers received, finished on
time and late, by procedure, unit and officer; open cases now overdue; apologies issued (Form 04);
second supplement requests (breaches of "guide once"); and the time each step took against its
budget, with the slowest steps named.

``oversee`` reads cases only through the store contract (``engine.store.base.CaseStore``: the
case ids, each case with its log, its pinned definition) and never writes. Each case's log is
folded again with the engine's own rules (``engine.ledger.start`` and ``advance``) over its
effective events (a corrected event and its correction left out), so a step's start, deadline
and the time its clock stood still are the engine's, not a copy of them.

What counts, for a period ``[start, end)`` (none: all time) and a moment ``at``:

- *received*: the receipt is in the period; *carried over*: received before it and still open at
  its start; *cases* are both.
- *finished*: the case closed in the period (approved, refused, withdrawn, ended by a timeout);
  *late* when it closed after its appointment, or when an apology was issued on it (Form 04 is
  written only once the appointment has passed, so a case apologised for is late even when it
  closed by the new appointment the apology set); otherwise *on time*.
- *overdue open*: of those cases, the ones open at ``at``, their clock running and their
  appointment passed (``Case.overdue``).
- *apologies*: apologies issued in the period; *guide-once breaches*: supplement requests in the
  period that were not the case's first (each is recorded with the breach).
- a *step visit* ends when the case leaves the step (to another step or an end) in the period; it
  took the working time from entering it to leaving it, less the time the clock stood still
  (supplement waits, clock stops); it is *over budget* when it left after the step's deadline
  (the step's ``time`` from its start, moved by those pauses).

Rows: a procedure counts its cases; a unit and an officer count the receipts they made, the
apologies and requests they issued and the steps they finished, and the finished cases they took
part in (fired an event on); a unit's ``overdue_open`` counts the overdue cases waiting at a step
of that unit, an officer's those the officer took part in. Timeouts fired by the engine belong to
no officer.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from motcua.engine.frame import (
    APOLOGIZE,
    AWAITING_SUPPLEMENT,
    CORRECT,
    RECEIVE,
    REQUEST_SUPPLEMENT,
    SUPPLEMENT,
)
from motcua.engine.ledger import (
    GUIDE_ONCE,
    Case,
    Definition,
    Event,
    advance,
    start,
    voided,
)
from motcua.engine.officers import ENGINE_ACTOR, Officer
from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import Step
from motcua.engine.store.base import CaseStore

__all__ = ["SLOWEST", "Oversight", "Period", "Tally", "format_text", "oversee"]

Lang = Literal["vi", "en"]
JSON = dict[str, Any]

#: How many of the slowest steps the report names.
SLOWEST = 5

_HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers: from ``first`` to ``last``, both included; ``None`` is open."""

    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def start(self) -> dt.datetime | None:
        return None if self.first is None else dt.datetime.combine(self.first, dt.time())

    @property
    def end(self) -> dt.datetime | None:
        return None if self.last is None else dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time())

    def holds(self, moment: dt.datetime) -> bool:
        start, end = self.start, self.end
        return (start is None or moment >= start) and (end is None or moment < end)


@dataclass(slots=True)
class Tally:
    """The counts of one row (a procedure, a unit, an officer) or of the whole report."""

    received: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    overdue_open: int = 0
    apologies: int = 0
    guide_once_breaches: int = 0
    steps_done: int = 0
    steps_over_budget: int = 0

    def as_dict(self) -> JSON:
        return {
            "received": self.received,
            "finished": self.finished,
            "on_time": self.on_time,
            "late": self.late,
            "overdue_open": self.overdue_open,
            "apologies": self.apologies,
            "guide_once_breaches": self.guide_once_breaches,
            "steps_done": self.steps_done,
            "steps_over_budget": self.steps_over_budget,
        }


@dataclass(slots=True)
class _Row:
    """A row with what names it (``info``, JSON-ready) and its counts."""

    info: JSON
    tally: Tally = field(default_factory=Tally)

    def as_dict(self) -> JSON:
        return {**self.info, **self.tally.as_dict()}


@dataclass(slots=True)
class _Steps:
    """The visits to one step of one procedure: working time spent and budget, in hours."""

    info: JSON
    spent: list[float] = field(default_factory=list)
    budget: list[float] = field(default_factory=list)
    over: int = 0

    def ratio(self) -> float | None:
        """The median of spent / budget over the visits (``None`` when no budget is above zero)."""
        ratios = [s / b for s, b in zip(self.spent, self.budget) if b > 0]
        return statistics.median(ratios) if ratios else None

    def as_dict(self) -> JSON:
        ratio = self.ratio()
        return {
            **self.info,
            "visits": len(self.spent),
            "over_budget": self.over,
            "spent_hours_median": _hours(statistics.median(self.spent)),
            "spent_hours_max": _hours(max(self.spent)),
            "budget_hours_median": _hours(statistics.median(self.budget)),
            "ratio_median": None if ratio is None else round(ratio, 2),
        }


def _hours(value: float) -> float:
    return round(value, 2)


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


@dataclass(slots=True)
class Oversight:
    """What :func:`oversee` found; :meth:`as_dict` is the JSON of ``motcua oversight``."""

    period: Period
    at: dt.datetime
    total: Tally = field(default_factory=Tally)
    cases: int = 0
    carried_over: int = 0
    open: int = 0
    guide_once_cases: int = 0
    procedures: dict[tuple[str, str], _Row] = field(default_factory=dict)
    units: dict[tuple[str, str], _Row] = field(default_factory=dict)
    officers: dict[str, _Row] = field(default_factory=dict)
    steps: dict[tuple[str, str, str], _Steps] = field(default_factory=dict)
    overdue: list[JSON] = field(default_factory=list)
    apologies: list[JSON] = field(default_factory=list)
    breaches: list[JSON] = field(default_factory=list)

    def step_rows(self) -> list[JSON]:
        return [self.steps[k].as_dict() for k in sorted(self.steps)]

    def slowest(self, count: int = SLOWEST) -> list[JSON]:
        """The steps taking longest against their budget (median ratio), most over budget first."""
        rows = [s for s in self.steps.values() if s.ratio() is not None]
        rows.sort(key=lambda s: (-(s.ratio() or 0.0), -s.over, s.info["procedure"], s.info["step"]))
        return [s.as_dict() for s in rows[:count]]

    def as_dict(self) -> JSON:
        t = self.total
        return {
            "from": None if self.period.first is None else self.period.first.isoformat(),
            "to": None if self.period.last is None else self.period.last.isoformat(),
            "at": self.at.isoformat(),
            "cases": self.cases,
            "carried_over": self.carried_over,
            **t.as_dict(),
            "on_time_rate": round(t.on_time / t.finished, 4) if t.finished else None,
            "open": self.open,
            "guide_once_cases": self.guide_once_cases,
            "procedures": [self.procedures[k].as_dict() for k in sorted(self.procedures)],
            "units": [self.units[k].as_dict() for k in sorted(self.units)],
            "officers": [self.officers[k].as_dict() for k in sorted(self.officers)],
            "steps": self.step_rows(),
            "slowest_steps": self.slowest(),
            "overdue_cases": self.overdue,
            "apologies_issued": self.apologies,
            "breaches": self.breaches,
        }


def oversee(
    store: CaseStore,
    definition: Callable[[Case], Definition],
    *,
    period: Period = Period(),
    at: dt.datetime,
    procedures: Collection[tuple[str, str]] | None = None,
    load: Callable[[str], Case | None] | None = None,
) -> Oversight:
    """The oversight report over every case of ``store`` (only those of ``procedures``, pairs of
    agency and procedure id, when given), for ``period``, judging overdue at ``at``.

    ``definition`` gives a case's pinned definition (``Engine.definition``); ``load`` reads a
    case by id (default ``store.load``; ``Engine.get`` also checks it against its definition,
    so that a damaged row is an error, not a wrong count).
    """
    report = Oversight(period=period, at=at)
    read = store.load if load is None else load
    for case_id in store.case_ids():
        case = read(case_id)
        if case is None:  # gone between the listing and the reading
            continue
        if procedures is not None and (case.agency, case.procedure) not in procedures:
            continue
        if _in_period(case, period):
            _CaseReading(report, case, definition(case)).read()
    report.overdue.sort(key=lambda row: (row["due"], row["case"]))
    return report


def _in_period(case: Case, period: Period) -> bool:
    """Whether a case was handled in the period: received before its end, not closed before its start."""
    start_, end = period.start, period.end
    if end is not None and case.received_at >= end:
        return False
    return start_ is None or case.closed_at is None or case.closed_at >= start_


def effective(events: Iterable[Event]) -> list[Event]:
    """The events that count: corrections and the events they void left out."""
    events = list(events)
    gone = voided(events)
    return [e for e in events if e.event != CORRECT and e.seq not in gone]


class _CaseReading:
    """One case added to a report."""

    def __init__(self, report: Oversight, case: Case, definition: Definition) -> None:
        self.report = report
        self.case = case
        self.definition = definition
        self.period = report.period
        self.events = effective(case.events)
        proc, agency = definition.procedure, definition.agency
        key = (case.agency, case.procedure)
        row = report.procedures.get(key)
        if row is None:
            row = report.procedures[key] = _Row({"agency": case.agency, "procedure": case.procedure,
                                                 "title": proc.title.as_dict()})  # fmt: skip
        self.procedure_row = row
        self.agency = agency

    def unit_row(self, unit: str) -> _Row:
        key = (self.case.agency, unit)
        row = self.report.units.get(key)
        if row is None:
            try:
                title: JSON | None = self.agency.unit(unit).title.as_dict()
            except KeyError:
                title = None
            row = self.report.units[key] = _Row({"agency": self.case.agency, "unit": unit, "title": title})
        return row

    def officer_row(self, officer: Officer) -> _Row | None:
        if officer.id == ENGINE_ACTOR.id and officer == ENGINE_ACTOR:
            return None
        row = self.report.officers.get(officer.id)
        info = {"officer": officer.id, "name": officer.name, "position": officer.position,
                "agency": officer.agency, "unit": officer.unit}  # fmt: skip
        if row is None:
            row = self.report.officers[officer.id] = _Row(info)
        else:
            row.info = info  # the details of the latest event read
        return row

    def rows_of(self, officer: Officer) -> list[Tally]:
        """The procedure's, the officer's unit's and the officer's counts."""
        rows = [self.procedure_row.tally]
        if officer.id == ENGINE_ACTOR.id and officer == ENGINE_ACTOR:
            return rows
        rows.append(self.unit_row(officer.unit).tally)
        mine = self.officer_row(officer)
        if mine is not None:
            rows.append(mine.tally)
        return rows

    def read(self) -> None:
        case, report, period = self.case, self.report, self.period
        report.cases += 1
        if period.start is not None and case.received_at < period.start:
            report.carried_over += 1
        if case.closed_at is None:
            report.open += 1
        receipt = self.events[0]
        if period.holds(receipt.at):
            for tally in [report.total, *self.rows_of(receipt.actor)]:
                tally.received += 1
        self._events()
        self._finished()
        self._overdue()

    def _taking_part(self) -> tuple[list[_Row], list[_Row]]:
        """The units and officers that fired an event on the case, once each."""
        units: dict[str, _Row] = {}
        officers: dict[str, _Row] = {}
        for e in self.events:
            row = self.officer_row(e.actor)
            if row is None:
                continue
            officers.setdefault(e.actor.id, row)
            units.setdefault(e.actor.unit, self.unit_row(e.actor.unit))
        return list(units.values()), list(officers.values())

    def _finished(self) -> None:
        case = self.case
        if case.closed_at is None or not self.period.holds(case.closed_at):
            return
        late = case.closed_at > case.due or case.apologies > 0
        units, officers = self._taking_part()
        for tally in [self.report.total, self.procedure_row.tally, *(r.tally for r in units + officers)]:
            tally.finished += 1
            if late:
                tally.late += 1
            else:
                tally.on_time += 1

    def _overdue(self) -> None:
        case, at = self.case, self.report.at
        if case.received_at > at or not case.overdue(at):
            return
        step = self.definition.machine.step(case.state)
        rows = [self.report.total, self.procedure_row.tally]
        if step is not None:
            rows.append(self.unit_row(step.unit).tally)
        _, officers = self._taking_part()
        rows.extend(r.tally for r in officers)
        for tally in rows:
            tally.overdue_open += 1
        clock = self.definition.clock
        self.report.overdue.append({
            "case": case.id, "agency": case.agency, "procedure": case.procedure, "version": case.version,
            "state": case.state, "unit": None if step is None else step.unit, "due": _iso(case.due),
            "overdue_hours": _hours(clock.working_time(case.due, at) / _HOUR),
        })  # fmt: skip

    def _events(self) -> None:
        """Fold the effective events again, noting apologies, breaches and step visits."""
        case, definition, report = self.case, self.definition, self.report
        first = self.events[0]
        folded = start(first, case_id=case.id, applicant=case.applicant, definition=definition,
                       variant=case.variant, channel=case.channel)  # fmt: skip
        breached = False
        for e in self.events[1:]:
            before = _Before(folded, definition)
            if e.event == APOLOGIZE and self.period.holds(e.at):
                for tally in [report.total, *self.rows_of(e.actor)]:
                    tally.apologies += 1
                report.apologies.append(self._issued(e, before.due))
            if e.event == REQUEST_SUPPLEMENT and e.breach == GUIDE_ONCE and self.period.holds(e.at):
                for tally in [report.total, *self.rows_of(e.actor)]:
                    tally.guide_once_breaches += 1
                breached = True
                report.breaches.append(self._breach(e, folded))
            advance(folded, e, definition)
            if before.step is not None and _leaves(e, before.state) and self.period.holds(e.at):
                self._visit(before, e)
        if breached:
            report.guide_once_cases += 1

    def _issued(self, e: Event, due: dt.datetime) -> JSON:
        return {
            "case": self.case.id, "agency": self.case.agency, "procedure": self.case.procedure,
            "officer": e.actor.id, "name": e.actor.name, "unit": e.actor.unit, "at": _iso(e.at),
            "due_before": _iso(due), "new_due": _iso(e.until),
        }  # fmt: skip

    def _breach(self, e: Event, folded: Case) -> JSON:
        return {
            "case": self.case.id, "agency": self.case.agency, "procedure": self.case.procedure,
            "step": folded.paused_from or folded.state, "request": folded.supplement_requests + 1,
            "officer": e.actor.id, "name": e.actor.name, "unit": e.actor.unit, "at": _iso(e.at),
        }  # fmt: skip

    def _visit(self, before: _Before, e: Event) -> None:
        step = before.step
        assert step is not None and before.started is not None and before.due is not None
        clock = self.definition.clock
        # A step left while its clock stood still (a refusal while awaiting a supplement or in a
        # clock stop): that last stretch does not count either.
        still = before.standing_since
        running = clock.working_time(still, e.at) if still is not None and still < e.at else dt.timedelta(0)
        spent = clock.working_time(before.started, e.at) - before.paused - running
        budget = clock.working_time(before.started, clock.deadline(before.started, step.time))
        deadline = clock.extend(before.step_due, running) if before.step_due is not None else None
        over = deadline is not None and e.at > deadline
        proc = self.definition.procedure
        key = (self.case.agency, self.case.procedure, step.id)
        group = self.report.steps.get(key)
        if group is None:
            group = self.report.steps[key] = _Steps({
                "agency": self.case.agency, "procedure": self.case.procedure, "title": proc.title.as_dict(),
                "step": step.id, "step_title": step.label.as_dict(), "unit": step.unit,
                "budget": {"vi": format_duration(step.time, lang="vi"), "en": format_duration(step.time, lang="en")},
            })  # fmt: skip
        group.spent.append(max(spent, dt.timedelta(0)) / _HOUR)
        group.budget.append(budget / _HOUR)
        rows = [self.report.total, self.procedure_row.tally, self.unit_row(step.unit).tally]
        mine = self.officer_row(e.actor)
        if mine is not None:
            rows.append(mine.tally)
        for tally in rows:
            tally.steps_done += 1
            if over:
                tally.steps_over_budget += 1
        if over:
            group.over += 1


@dataclass(slots=True)
class _Before:
    """The folded case's step as it stood before an event."""

    state: str
    step: Step | None
    started: dt.datetime | None
    step_due: dt.datetime | None
    due: dt.datetime
    paused: dt.timedelta
    standing_since: dt.datetime | None

    def __init__(self, case: Case, definition: Definition) -> None:
        self.state = case.state
        current = case.paused_from if case.state == AWAITING_SUPPLEMENT else case.state
        self.step = definition.machine.step(current) if current is not None else None
        self.started = case.step_started
        self.step_due = case.step_due
        self.due = case.due
        self.paused = case.step_paused
        self.standing_since = case.paused_at if case.state == AWAITING_SUPPLEMENT else case.stopped_at


def _leaves(e: Event, state: str) -> bool:
    """Whether ``e`` ends the visit to the step the case stood at (``state``, or awaiting a
    supplement at it): it moves the case on to another step or an end, as ``ledger.advance``
    enters them."""
    if e.event in (SUPPLEMENT, RECEIVE, REQUEST_SUPPLEMENT):
        return False
    return e.target != state and e.target != AWAITING_SUPPLEMENT


# -- text -----------------------------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Báo cáo giám sát giải quyết hồ sơ", "Oversight of dossiers handled"),
    "period": ("Kỳ báo cáo", "Period"),
    "all_time": ("toàn bộ thời gian", "all time"),
    "at": ("Thời điểm xét quá hạn", "Overdue judged at"),
    "cases": ("Hồ sơ trong kỳ", "Cases in the period"),
    "carried_over": ("Kỳ trước chuyển sang", "Carried over"),
    "received": ("Tiếp nhận", "Received"),
    "finished": ("Đã giải quyết", "Finished"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "open": ("Đang giải quyết", "Open"),
    "overdue_open": ("Đang giải quyết quá hạn", "Open and overdue"),
    "apologies": ("Văn bản xin lỗi (Mẫu 04)", "Apologies (Form 04)"),
    "guide_once_breaches": ("Yêu cầu bổ sung lần thứ hai trở đi (vi phạm hướng dẫn một lần)",
                            "Second or later supplement requests (guide-once breaches)"),
    "guide_once_cases": ("Hồ sơ bị yêu cầu bổ sung nhiều lần", "Cases asked for supplements more than once"),
    "steps_done": ("Bước đã xử lý", "Steps finished"),
    "steps_over_budget": ("Bước quá thời gian", "Steps over budget"),
    "procedures": ("Theo thủ tục", "By procedure"),
    "units": ("Theo đơn vị", "By unit"),
    "officers": ("Theo cán bộ", "By officer"),
    "slowest": ("Các bước chậm nhất so với thời gian quy định", "Slowest steps against their budget"),
    "step_table": ("Thời gian xử lý từng bước", "Time spent per step"),
    "overdue_list": ("Hồ sơ đang quá hạn", "Open cases overdue"),
    "apology_list": ("Văn bản xin lỗi đã ban hành", "Apologies issued"),
    "breach_list": ("Yêu cầu bổ sung vi phạm hướng dẫn một lần", "Supplement requests breaching guide once"),
    "none": ("không có", "none"),
    "row_received": ("tiếp nhận", "received"),
    "row_finished": ("đã giải quyết", "finished"),
    "row_on_time": ("đúng hạn", "on time"),
    "row_late": ("trễ hạn", "late"),
    "row_overdue_open": ("đang quá hạn", "open and overdue"),
    "row_apologies": ("xin lỗi", "apologies"),
    "row_guide_once_breaches": ("bổ sung lần 2 trở đi", "second or later supplement requests"),
    "row_steps_done": ("bước đã xử lý", "steps finished"),
    "row_steps_over_budget": ("bước quá thời gian", "steps over budget"),
    "visits": ("lượt", "visits"),
    "visit": ("lượt", "visit"),
    "over_budget_visits": ("lượt quá thời gian", "over budget"),
    "spent": ("thời gian thực tế (giờ làm việc): trung vị", "spent (working hours): median"),
    "longest": ("lâu nhất", "longest"),
    "budget": ("định mức", "budget"),
    "ratio": ("thực tế / định mức", "spent / budget"),
    "hours": ("giờ làm việc", "working hours"),
    "due": ("hẹn trả", "due"),
    "overdue_by": ("quá", "overdue by"),
    "request": ("lần", "request"),
    "by": ("bởi", "by"),
    "new_due": ("hẹn mới", "new appointment"),
}


def word(key: str, lang: Lang) -> str:
    """An interface word of the report in ``lang``."""
    vi, en = _WORDS[key]
    return vi if lang == "vi" else en


def say(title: JSON | None, lang: Lang, fallback: str = "") -> str:
    """A text of the spec (``{vi, en}``) in ``lang``, else its first language, else ``fallback``."""
    if not title:
        return fallback
    return str(title.get(lang) or next(iter(title.values())))


def number(value: float, lang: Lang) -> str:
    """A number as people read it: a decimal comma in Vietnamese."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "vi" else text


def period_text(doc: JSON, lang: Lang) -> str:
    first, last = doc["from"], doc["to"]
    if first is None and last is None:
        return word("all_time", lang)
    return f"{first or '…'} – {last or '…'}"


#: The counts of a row, in the order tables show them.
COUNTS = ("received", "finished", "on_time", "late", "overdue_open", "apologies", "guide_once_breaches",
          "steps_done", "steps_over_budget")  # fmt: skip


def format_text(report: Oversight, *, lang: Lang = "vi") -> str:
    """The report for people, in Vietnamese or English."""
    from motcua.engine.spec.printable import visible

    doc = report.as_dict()
    lines = [word("title", lang), "",
             f"{word('period', lang)}: {period_text(doc, lang)}",
             f"{word('at', lang)}: {doc['at']}", ""]  # fmt: skip
    for key in ("cases", "carried_over", "received", "finished", "on_time", "late", "open", "overdue_open",
                "apologies", "guide_once_breaches", "guide_once_cases", "steps_done", "steps_over_budget"):  # fmt: skip
        lines.append(f"  {word(key, lang)}: {doc[key]}")
    rate = doc["on_time_rate"]
    lines.append(f"  {word('on_time_rate', lang)}: {'—' if rate is None else number(round(rate * 100, 1), lang) + ' %'}")
    lines += _rows(doc["procedures"], "procedures", lang, lambda r: f"{r['agency']}/{r['procedure']}  {say(r['title'], lang)}")
    lines += _rows(doc["units"], "units", lang, lambda r: f"{r['agency']}/{r['unit']}  {say(r['title'], lang)}")
    lines += _rows(doc["officers"], "officers", lang,
                   lambda r: f"{r['officer']}  {r['name']}, {r['position']} ({r['agency']}/{r['unit']})")
    lines += ["", word("slowest", lang)]
    lines += [line for s in doc["slowest_steps"] for line in _step_lines(s, lang)] or [f"  {word('none', lang)}"]
    lines += ["", word("step_table", lang)]
    lines += [line for s in doc["steps"] for line in _step_lines(s, lang)] or [f"  {word('none', lang)}"]
    lines += ["", word("overdue_list", lang)]
    lines += [f"  {o['case']}  {o['agency']}/{o['procedure']}  {o['state']}  {word('due', lang)} {o['due']}  "
              f"{word('overdue_by', lang)} {number(o['overdue_hours'], lang)} {word('hours', lang)}"
              for o in doc["overdue_cases"]] or [f"  {word('none', lang)}"]  # fmt: skip
    lines += ["", word("apology_list", lang)]
    lines += [f"  {a['case']}  {a['at']}  {word('by', lang)} {a['officer']} ({a['name']}, {a['unit']})  "
              f"{word('due', lang)} {a['due_before']} → {word('new_due', lang)} {a['new_due']}"
              for a in doc["apologies_issued"]] or [f"  {word('none', lang)}"]  # fmt: skip
    lines += ["", word("breach_list", lang)]
    lines += [f"  {b['case']}  {b['at']}  {word('request', lang)} {b['request']}  {b['step']}  "
              f"{word('by', lang)} {b['officer']} ({b['name']}, {b['unit']})"
              for b in doc["breaches"]] or [f"  {word('none', lang)}"]  # fmt: skip
    return "\n".join(visible(line) for line in lines) + "\n"


def _rows(rows: list[JSON], heading: str, lang: Lang, name: Callable[[JSON], str]) -> list[str]:
    out = ["", word(heading, lang)]
    if not rows:
        return out + [f"  {word('none', lang)}"]
    for r in rows:
        counts = ", ".join(f"{word('row_' + k, lang)} {r[k]}" for k in COUNTS)
        out += [f"  {name(r)}", f"    {counts}"]
    return out


def _step_lines(s: JSON, lang: Lang) -> list[str]:
    """The step, its unit and procedure; then its visits and times against its budget."""
    ratio = "—" if s["ratio_median"] is None else number(s["ratio_median"], lang)
    visits = word("visit" if s["visits"] == 1 else "visits", lang)
    return [f"  {s['step']}  {say(s['step_title'], lang)} [{s['unit']}], {s['agency']}/{s['procedure']}",
            f"    {word('budget', lang)} {s['budget'][lang]}; {s['visits']} {visits}, {s['over_budget']} "
            f"{word('over_budget_visits', lang)}; {word('spent', lang)} {number(s['spent_hours_median'], lang)}, "
            f"{word('longest', lang)} {number(s['spent_hours_max'], lang)}, {word('budget', lang)} "
            f"{number(s['budget_hours_median'], lang)}; {word('ratio', lang)} {ratio}"]
