"""A discrete-event simulation of cases through one procedure, run by the case engine itself.

Every case is opened with :meth:`Engine.open` and moved with :meth:`Engine.fire` on an
in-memory store (which lets a case go once it is finished), so the states, the permits, the
legal appointment (``case.due``) and the working calendar are the engine's own; the simulation
adds only what the engine does not know: when dossiers arrive, how many officers each unit has,
and how long an officer works on a step.

The model (docs/reform.md, section "simulate"):

- **Time** runs in working time (whole seconds inside the agency's office hours) from the first
  opening on or after the start day; the calendar's ``Timeline`` (``WorkCalendar.extend`` from
  the first opening) turns it into the moment an event is dated. Nothing happens outside office
  hours.
- **Arrivals**: ``arrivals`` dossiers a working day, over ``days`` working days, as a Poisson
  process (``poisson``) or evenly spaced from each day's opening (``even``).
- **Officers**: ``staff[unit]`` officers per unit (1 when not given), each serving one job at a
  time, first come first served; a free officer with the lowest number takes the next job.
- **Jobs**: entering a step, a case puts one job on the step's unit and one on each consulted
  unit. A consulted unit's job ends with ``answer``; the step's decision (``complete``, or an
  outcome) is fired by the officer of the step's own job once that job and every answer are done.
- **Service time** of a job: its budget, the step's ``time`` (or the consultation's) in working
  time (``approximate_working_days`` on the agency's office day) times ``effort``, drawn as
  ``triangular`` (from half to one and a half budgets, mode and mean at the budget), ``lognormal``
  (median at the budget, sigma 0.3) or ``fixed`` (exactly the budget).
- **Decisions**: at a step with outcomes, the first outcome is drawn with probability 0.9 and the
  others share the rest equally (one outcome: always it), unless ``outcomes`` says otherwise.
- **Randomness**: two ``random.Random`` streams seeded from ``seed``, one for arrivals and one for
  service times and decisions, so a seed repeats a run exactly and a what-if on staff numbers
  meets the same dossiers.

A case is on time when the engine's ``closed_at`` is not after its ``due``. Queues count the
dossiers at a unit (waiting or being handled); waits run from a job's arrival at the unit to the
start of its handling, in working hours. Utilisation is the officers' handling time inside the
arrival period over the officers' working time of that period. The run goes on after the last
arrival until every case is finished. Timeouts (silence as consent) are not simulated: decisions
are made by officers.

The setup and its options are ``reform.simulate_setup``; the result and its reports
``reform.simulate_report``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import heapq
import math
import random
import statistics
from collections import deque
from dataclasses import dataclass, field

from motcua.engine.calendar import WorkCalendar
from motcua.engine.cases import Engine
from motcua.engine.frame import COMPLETE, one_stop_units
from motcua.engine.receipts import choose
from motcua.engine.store.memory import MemoryStore
from motcua.engine.timeline import Timeline
from motcua.engine.spec.durations import approximate_working_days
from motcua.engine.spec.errors import InputError
from motcua.engine.spec.model import Agency, Catalog, Duration, Procedure, Step
from motcua.engine.spec.i18n import tr
from motcua.reform.simulate_report import Result, UnitResult
from motcua.reform.simulate_setup import SERVICES, SPREADS, Setup, outcome_chances, units_of

__all__ = ["Simulation", "simulate"]

LOGNORMAL_SIGMA = 0.3
_HOUR = 3600


@dataclass(slots=True)
class _Unit:
    """One unit's officers, queue and counters."""

    id: str
    officers: int
    free: list[int]
    actors: tuple[str, ...]  # the officers' ids by number (from 1)
    waiting: deque[_Job] = field(default_factory=deque)
    present: int = 0
    queue_max: int = 0
    area: float = 0.0  # integral of ``present`` over the arrival period (job-seconds)
    since: int = 0
    busy: int = 0  # officer-seconds of handling inside the arrival period
    work: int = 0  # seconds of handling of the jobs that arrived inside the arrival period
    jobs: int = 0
    waits: list[int] = field(default_factory=list)


class _Open:
    """A case in the run: when it arrived, the step it is at, what that step waits for (answers,
    and the officer of its own job, who fires the decision)."""

    __slots__ = ("id", "arrived", "step", "answers", "decider")

    def __init__(self, case_id: str, arrived: int) -> None:
        self.id = case_id
        self.arrived = arrived
        self.step: Step | None = None
        self.answers = 0
        self.decider: str | None = None


class _Job:
    """Work of one officer on one case: a step's own, or a consultation's (``consult``)."""

    __slots__ = ("case", "unit", "seconds", "arrived", "consult", "officer")

    def __init__(self, case: _Open, unit: _Unit, seconds: int, arrived: int, consult: bool) -> None:
        self.case = case
        self.unit = unit
        self.seconds = seconds
        self.arrived = arrived
        self.consult = consult
        self.officer = 0  # the officer's number in the unit, once the job is started


def _unbounded(procedure: Procedure) -> Procedure:
    """``procedure`` in force on every day: a simulation may run any version on any dates."""
    return dataclasses.replace(procedure, valid_from=None, valid_to=None)


class Simulation:
    """One run of :func:`simulate`: the engine, the officers, the event list and the counters."""

    def __init__(self, procedure: Procedure, agency: Agency, setup: Setup) -> None:
        if setup.days < 1:
            raise InputError(tr(f"--days {setup.days}: cần số ngày làm việc là số nguyên từ 1 trở lên",
                                f"--days {setup.days}: expected a whole number of working days from 1"),
                             option="days")  # fmt: skip
        if setup.arrivals <= 0:
            raise InputError(tr(f"--arrivals {setup.arrivals}: cần số hồ sơ mỗi ngày lớn hơn 0",
                                f"--arrivals {setup.arrivals}: expected a positive number of dossiers a day"),
                             option="arrivals")  # fmt: skip
        if not 0 < setup.effort <= 10 or not math.isfinite(setup.effort):
            raise InputError(tr(f"--effort {setup.effort}: cần tỉ lệ thời gian của bước lớn hơn 0 (1 = toàn bộ)",
                                f"--effort {setup.effort}: expected a share of a step's time above 0 (1 = all of it)"),
                             option="effort")  # fmt: skip
        if setup.service not in SERVICES or setup.spread not in SPREADS:
            raise InputError(tr(f"không rõ cách tính thời gian xử lý '{setup.service}' hoặc cách phân bố hồ sơ đến "
                                f"'{setup.spread}'; service: {', '.join(SERVICES)}; spread: {', '.join(SPREADS)}",
                                f"service '{setup.service}' or spread '{setup.spread}' unknown; "
                                f"services: {', '.join(SERVICES)}; spreads: {', '.join(SPREADS)}"))  # fmt: skip
        terms = choose(procedure, variant=setup.variant, channel=setup.channel)
        desk = one_stop_units(agency)
        if not desk:
            raise InputError(tr(f"cơ quan {agency.id} không có bộ phận một cửa để tiếp nhận hồ sơ",
                                f"agency {agency.id} has no one-stop unit to receive dossiers"))
        assert terms.time_limit is not None  # ``choose`` refuses terms without one
        silent = [s.id for s in procedure.steps if s.next is None and not s.outcomes]
        if silent:
            raise InputError(tr(f"{procedure.key}: bước '{silent[0]}' chỉ kết thúc khi hết thời hạn (timeout); khi mô "
                                "phỏng, mọi bước đều do cán bộ quyết định và không xét hết thời hạn",
                                f"{procedure.key}: step '{silent[0]}' ends only by its timeout; the simulation has "
                                "officers decide every step and does not fire timeouts"))  # fmt: skip
        self.procedure, self.agency, self.setup = procedure, agency, setup
        self.time_limit = terms.time_limit
        self.engine = Engine(Catalog((agency,), (_unbounded(procedure),)), store=MemoryStore(keep_finished=False),
                             future_margin=dt.timedelta(days=366 * 200))  # fmt: skip
        self.ref = f"{procedure.agency}/{procedure.id}"
        cal = agency.calendar
        self.session_hours, self.day_hours = cal.session_hours, cal.day_hours
        self.calendar = WorkCalendar.shared(cal)
        self.timeline = Timeline(self.calendar, setup.start)
        self.origin, self.day = self.timeline.origin, self.timeline.day
        self.horizon = setup.days * self.day
        self.units = {u: self._unit(u, setup.staff.get(u, 1)) for u in units_of(procedure, agency)}
        self.receiver = f"{desk[0]}#1"
        self.records = procedure.default_received() or tuple(r.id for r in procedure.leaf_records() if not r.present_only)
        self.arrivals_rng = random.Random(f"arrivals:{setup.seed}")
        self.work_rng = random.Random(f"work:{setup.seed}")
        self.budgets: dict[Duration, float] = {}
        self.chances = {s.id: outcome_chances(s, setup.outcomes) for s in procedure.steps if s.outcomes}
        #: Per step: its jobs in the order they are put (consultations, then its own), each
        #: with its unit, mean handling time and whether it is a consultation's.
        self.plans = {s.id: (s, tuple((self.units[c.unit], self.mean(c.time), True) for c in s.consult)
                             + ((self.units[s.unit], self.mean(s.time), False),)) for s in procedure.steps}  # fmt: skip
        self.heap: list[tuple[int, int, int, _Job | None]] = []
        self.seq = 0
        self.cases = self.on_time = self.events = 0
        self.durations: list[float] = []
        self.ends: dict[str, int] = {}

    def _unit(self, unit: str, officers: int) -> _Unit:
        for k in range(1, officers + 1):
            self.engine.add_officer(f"{unit}#{k}", agency=self.agency.id, unit=unit,
                                    name=f"{unit} {k}", position="simulated officer")  # fmt: skip
        numbers = range(1, officers + 1)
        return _Unit(unit, officers, list(numbers), ("", *(f"{unit}#{k}" for k in numbers)))

    # -- handling times -------------------------------------------------------------------------

    def mean(self, budget: Duration) -> float:
        """The mean handling time, in working seconds, of a job whose budget is ``budget``."""
        mean = self.budgets.get(budget)
        if mean is None:
            days = approximate_working_days(budget, session_hours=self.session_hours, day_hours=self.day_hours)
            mean = self.budgets[budget] = days * self.day * self.setup.effort
        return mean

    def service(self, mean: float) -> int:
        """Seconds of work on a job whose mean is ``mean``, drawn as the setup says."""
        kind = self.setup.service
        if kind == "triangular":
            drawn = self.work_rng.triangular(0.5 * mean, 1.5 * mean, mean)
        elif kind == "lognormal":
            drawn = mean * math.exp(self.work_rng.gauss(0.0, LOGNORMAL_SIGMA))
        else:
            drawn = mean
        return max(1, round(drawn))

    # -- the run ------------------------------------------------------------------------------

    def push(self, t: int, kind: int, data: _Job | None) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (t, kind, self.seq, data))

    def run(self) -> Result:
        """Every arrival and every job, in time order, until every case is finished.

        The cyclic garbage collector is paused meanwhile (and resumed after): a run keeps
        millions of small objects alive and makes no cycles of its own, and the collector going
        over them again and again took half the run's time at 50,000 cases.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._arrivals()
            heap = self.heap
            while heap:
                t, _, _, job = heapq.heappop(heap)  # at the same moment, jobs end before arrivals
                if job is not None:
                    self._done(t, job)
                else:
                    self._arrive(t)
        finally:
            if collecting:
                gc.enable()
        return self._result()

    def _arrivals(self) -> None:
        s = self.setup
        if s.spread == "even":
            total = round(s.arrivals * s.days)
            for i in range(total):
                self.push(i * self.horizon // total, 1, None)
            return
        rate = s.arrivals / self.day
        t = self.arrivals_rng.expovariate(rate)
        while t < self.horizon:
            self.push(int(t), 1, None)
            t += self.arrivals_rng.expovariate(rate)

    def _arrive(self, t: int) -> None:
        self.cases += 1
        at = self.calendar.clock_start(self.timeline.moment(t))
        case = self.engine.open(self.ref, applicant=f"applicant {self.cases}", actor=self.receiver,
                                records=self.records, variant=self.setup.variant, channel=self.setup.channel, at=at)  # fmt: skip
        self.events += 1
        self._enter(_Open(case.id, t), case.state, t)

    def _enter(self, case: _Open, state: str, t: int) -> None:
        """``case`` enters the step ``state``: one job on each consulted unit, then its own."""
        case.step, jobs = self.plans[state]
        case.answers = len(jobs) - 1
        case.decider = None
        horizon = self.horizon
        for unit, mean, consult in jobs:
            job = _Job(case, unit, self.service(mean), t, consult)
            if t < horizon:
                unit.work += job.seconds
            if unit.since < horizon:  # the queue's area so far, then one more job present
                unit.area += unit.present * ((t if t < horizon else horizon) - unit.since)
            unit.since = t
            unit.present += 1
            if unit.present > unit.queue_max:
                unit.queue_max = unit.present
            if unit.free:  # an officer is free only while nothing waits
                self._start(unit, job, heapq.heappop(unit.free), t)
            else:
                unit.waiting.append(job)

    def _start(self, unit: _Unit, job: _Job, officer: int, t: int) -> None:
        """``officer`` of ``unit`` starts ``job`` at ``t``; its end is put on the event list."""
        job.officer = officer
        unit.waits.append(t - job.arrived)
        end = t + job.seconds
        horizon = self.horizon
        if t < horizon:
            unit.busy += (end if end < horizon else horizon) - t
        unit.jobs += 1
        self.seq += 1
        heapq.heappush(self.heap, (end, 0, self.seq, job))

    def _done(self, t: int, job: _Job) -> None:
        unit = job.unit
        heapq.heappush(unit.free, job.officer)
        horizon = self.horizon
        if unit.since < horizon:  # the queue's area so far, then one job fewer present
            unit.area += unit.present * ((t if t < horizon else horizon) - unit.since)
        unit.since = t
        unit.present -= 1
        if unit.waiting:
            self._start(unit, unit.waiting.popleft(), heapq.heappop(unit.free), t)
        actor = unit.actors[job.officer]
        case = job.case
        if job.consult:
            self.engine.fire(case.id, "answer", actor=actor, at=self.timeline.moment(t))
            self.events += 1
            case.answers -= 1
        else:
            case.decider = actor
        if case.answers == 0 and case.decider is not None:
            self._decide(case, t)

    def _decide(self, case: _Open, t: int) -> None:
        step = case.step
        assert step is not None and case.decider is not None
        if step.next is not None:
            event = COMPLETE
        else:
            names, weights = self.chances[step.id]
            event = self.work_rng.choices(names, weights)[0]
        fired = self.engine.fire(case.id, event, actor=case.decider, at=self.timeline.moment(t))
        self.events += 1
        if fired.closed_at is None:
            self._enter(case, fired.state, t)
            return
        self.on_time += fired.closed_at <= fired.due
        self.ends[fired.state] = self.ends.get(fired.state, 0) + 1
        self.durations.append((t - case.arrived) / self.day)

    def _result(self) -> Result:
        units = []
        for u in self.units.values():
            waits = [w / _HOUR for w in u.waits]
            units.append(UnitResult(
                u.id, u.officers, u.jobs, u.queue_max, u.area / self.horizon,
                statistics.median(waits) if waits else 0.0, statistics.fmean(waits) if waits else 0.0,
                max(waits, default=0.0), u.busy / (u.officers * self.horizon), u.work / self.horizon))  # fmt: skip
        return Result(self.procedure, self.agency, self.setup, self.time_limit, self.origin, self.cases,
                      len(self.durations), self.on_time, self.events, tuple(self.durations), self.ends,
                      tuple(units))  # fmt: skip


def simulate(procedure: Procedure, agency: Agency, setup: Setup) -> Result:
    """Run ``setup`` on ``procedure`` (any version, on any dates) and return what it predicts.

    Raises :class:`InputError` for a setup that cannot run: a variant, channel or unit the
    procedure does not have, terms without a time limit, no one-stop desk to receive.
    """
    return Simulation(procedure, agency, setup).run()
