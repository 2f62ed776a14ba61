"""Oversight from the case store, as an inspection team reads it: dossiers received, finished on
time and late, by procedure, unit and officer; open cases now overdue; apologies issued (Form 04);
second supplement requests (breaches of "guide once"); and the time each step took against its
budget, with the slowest steps named.

``oversee`` reads cases only through the store contract (``engine.store.base.CaseStore``: the
case ids, each case with its log, its pinned definition) and never writes. Each case's log is
folded again with the engine's own rules (``engine.fold.start`` and ``advance``) over its
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

The report's rows are :mod:`reform.oversight_rows`; its text for people, :mod:`reform.oversight_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from motcua.engine.fold import GUIDE_ONCE, advance, start, voided
from motcua.engine.frame import (
    APOLOGIZE,
    AWAITING_SUPPLEMENT,
    CORRECT,
    RECEIVE,
    REQUEST_SUPPLEMENT,
    SUPPLEMENT,
)
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.officers import ENGINE_ACTOR, Officer
from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import Step
from motcua.engine.store.base import CaseStore
from motcua.reform.oversight_rows import (
    HOUR,
    JSON,
    Oversight,
    Period,
    Row,
    StepVisits,
    Tally,
    iso,
    round_hours,
)

__all__ = ["effective", "oversee"]


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
            row = report.procedures[key] = Row({"agency": case.agency, "procedure": case.procedure,
                                                 "title": proc.title.as_dict()})  # fmt: skip
        self.procedure_row = row
        self.agency = agency

    def unit_row(self, unit: str) -> Row:
        key = (self.case.agency, unit)
        row = self.report.units.get(key)
        if row is None:
            try:
                title: JSON | None = self.agency.unit(unit).title.as_dict()
            except KeyError:
                title = None
            row = self.report.units[key] = Row({"agency": self.case.agency, "unit": unit, "title": title})
        return row

    def officer_row(self, officer: Officer) -> Row | None:
        if officer.id == ENGINE_ACTOR.id and officer == ENGINE_ACTOR:
            return None
        row = self.report.officers.get(officer.id)
        info = {"officer": officer.id, "name": officer.name, "position": officer.position,
                "agency": officer.agency, "unit": officer.unit}  # fmt: skip
        if row is None:
            row = self.report.officers[officer.id] = Row(info)
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

    def _taking_part(self) -> tuple[list[Row], list[Row]]:
        """The units and officers that fired an event on the case, once each."""
        units: dict[str, Row] = {}
        officers: dict[str, Row] = {}
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
            "state": case.state, "unit": None if step is None else step.unit, "due": iso(case.due),
            "overdue_hours": round_hours(clock.working_time(case.due, at) / HOUR),
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
            "officer": e.actor.id, "name": e.actor.name, "unit": e.actor.unit, "at": iso(e.at),
            "due_before": iso(due), "new_due": iso(e.until),
        }  # fmt: skip

    def _breach(self, e: Event, folded: Case) -> JSON:
        return {
            "case": self.case.id, "agency": self.case.agency, "procedure": self.case.procedure,
            "step": folded.paused_from or folded.state, "request": folded.supplement_requests + 1,
            "officer": e.actor.id, "name": e.actor.name, "unit": e.actor.unit, "at": iso(e.at),
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
            group = self.report.steps[key] = StepVisits({
                "agency": self.case.agency, "procedure": self.case.procedure, "title": proc.title.as_dict(),
                "step": step.id, "step_title": step.label.as_dict(), "unit": step.unit,
                "budget": {"vi": format_duration(step.time, lang="vi"), "en": format_duration(step.time, lang="en")},
            })  # fmt: skip
        group.spent.append(max(spent, dt.timedelta(0)) / HOUR)
        group.budget.append(budget / HOUR)
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
    supplement at it): it moves the case on to another step or an end, as ``fold.advance``
    enters them."""
    if e.event in (SUPPLEMENT, RECEIVE, REQUEST_SUPPLEMENT):
        return False
    return e.target != state and e.target != AWAITING_SUPPLEMENT

