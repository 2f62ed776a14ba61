"""Benchmark of ``motcua simulate``; prints numbers, asserts nothing.

One year of a province's load on one procedure (300,000 dossiers over 250 working days) through
``reform.simulate`` (every case opened and moved by the case engine on an in-memory store),
beside the same model written directly in SimPy, measured in the same run: the same arrivals
(Poisson, in working time), officers per unit as ``simpy.Resource`` capacities, handling times
drawn the same way around each step's time, consultations answered in parallel with the step's
own work, the same outcome chances, and the legal appointment from the agency's calendar. Both
count the same case events (receipt, answers, decisions); events per second are those events
over each model's wall time. The engine's own cost per event is measured alone too (the same
events fired on a bare engine, no simulation around them), to say what share of the
simulation's time it takes. ``motcua simulate`` pauses the cyclic garbage collector while it
runs; the SimPy model is timed both with the collector on (as it is usually run) and paused.

Each round runs the three one after the other; the figures are the medians of the rounds (the
machine is shared, so single runs vary by a tenth or more).

    python bench/simulate.py [--cases 300000] [--days 250] [--procedure REF] [--effort 0.1] [--seed 1] [--repeats 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import random
import resource
import statistics
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import simpy
from motcua.engine.calendar import WorkCalendar
from motcua.engine.spec.durations import approximate_working_days
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Agency, Procedure
from motcua.reform.simulate import Simulation, simulate
from motcua.reform.simulate_setup import FIRST_OUTCOME, Setup, units_of

ROOT = Path(__file__).resolve().parents[1]
REF = "ldtbxh-nghe-an/di-chuyen-ho-so-nguoi-co-cong"
START = dt.date(2025, 1, 2)
TARGET_LOAD = 0.85  # officers per unit chosen so that each is busy about this share of the day


def staff_for(procedure: Procedure, agency: Agency, per_day: float, effort: float) -> dict[str, int]:
    """Officers per unit for a utilisation near ``TARGET_LOAD`` at ``per_day`` dossiers a day
    (every step counted once: the main path, an upper bound for the others)."""
    cal = agency.calendar
    need: dict[str, float] = {u: 0.0 for u in units_of(procedure, agency)}
    for step in procedure.steps:
        jobs = [(step.unit, step.time)] + [(c.unit, c.time) for c in step.consult]
        for unit, budget in jobs:
            days = approximate_working_days(budget, session_hours=cal.session_hours, day_hours=cal.day_hours)
            need[unit] += per_day * days * effort
    return {u: max(1, math.ceil(load / TARGET_LOAD)) for u, load in need.items()}


class SimpyModel:
    """The model of ``reform.simulate`` in SimPy: the same draws, no case engine."""

    def __init__(self, procedure: Procedure, agency: Agency, setup: Setup) -> None:
        self.p, self.setup = procedure, setup
        cal = agency.calendar
        self.day = round(cal.day_hours * 3600)
        self.calendar = WorkCalendar.shared(cal)
        self.origin = self.calendar.clock_start(dt.datetime.combine(setup.start, dt.time(0)))
        self.env = simpy.Environment()
        self.units = {u: simpy.Resource(self.env, capacity=setup.staff.get(u, 1))
                      for u in units_of(procedure, agency)}  # fmt: skip
        self.arrivals_rng = random.Random(f"arrivals:{setup.seed}")
        self.work_rng = random.Random(f"work:{setup.seed}")
        self.means = {}
        for step in procedure.steps:
            for budget in (step.time, *(c.time for c in step.consult)):
                days = approximate_working_days(budget, session_hours=cal.session_hours, day_hours=cal.day_hours)
                self.means[budget] = days * self.day * setup.effort
        self.limit = procedure.time_limit
        self.cases = self.on_time = self.events = 0

    def service(self, budget: Any) -> int:
        mean = self.means[budget]
        return max(1, round(self.work_rng.triangular(0.5 * mean, 1.5 * mean, mean)))

    def moment(self, t: float) -> dt.datetime:
        return self.calendar.extend(self.origin, dt.timedelta(seconds=int(t)))

    def job(self, unit: str, seconds: int) -> Generator[Any, Any, None]:
        with self.units[unit].request() as req:
            yield req
            yield self.env.timeout(seconds)

    def case(self) -> Generator[Any, Any, None]:
        env = self.env
        received = self.calendar.clock_start(self.moment(env.now))
        due = self.calendar.deadline(received, self.limit)
        self.events += 1
        node = self.p.first_step.id
        while self.p.is_step(node):
            step = self.p.step(node)
            answers = [env.process(self.job(c.unit, self.service(c.time))) for c in step.consult]
            own = env.process(self.job(step.unit, self.service(step.time)))
            yield env.all_of([own, *answers])
            self.events += len(answers) + 1
            if step.next is not None:
                node = step.next
            else:
                names = [o.name for o in step.outcomes]
                rest = (1 - FIRST_OUTCOME) / (len(names) - 1) if len(names) > 1 else 0.0
                weights = [FIRST_OUTCOME if i == 0 else rest for i in range(len(names))] if len(names) > 1 else [1.0]
                chosen = self.work_rng.choices(names, weights)[0]
                node = next(o.to for o in step.outcomes if o.name == chosen)
        self.on_time += self.moment(env.now) <= due

    def arrivals(self) -> Generator[Any, Any, None]:
        horizon = self.setup.days * self.day
        rate = self.setup.arrivals / self.day
        while True:
            gap = self.arrivals_rng.expovariate(rate)
            if self.env.now + gap >= horizon:
                return
            yield self.env.timeout(gap)
            self.cases += 1
            self.env.process(self.case())

    def run(self) -> None:
        self.env.process(self.arrivals())
        self.env.run()


def engine_share(procedure: Procedure, agency: Agency, setup: Setup) -> tuple[int, float, float]:
    """A run with every call into the engine timed: (events, seconds in the engine, seconds in all)."""
    sim = Simulation(procedure, agency, setup)
    spent = [0.0]
    engine = sim.engine
    open_, fire = engine.open, engine.fire

    def timed(call: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t
        return run

    engine.open, engine.fire = timed(open_), timed(fire)  # type: ignore[method-assign]
    t0 = time.perf_counter()
    result = sim.run()
    return result.events, spent[0], time.perf_counter() - t0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--procedure", default=REF)
    parser.add_argument("--effort", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the three runs, one after the other")
    args = parser.parse_args(argv)

    catalog = load_catalog(ROOT / "procedures")
    procedure = catalog.procedure(args.procedure)
    agency = catalog.agency(procedure.agency)
    per_day = args.cases / args.days
    staff = staff_for(procedure, agency, per_day, args.effort)
    setup = Setup(arrivals=per_day, days=args.days, start=START, staff=staff, seed=args.seed, effort=args.effort)
    print(f"simulate {procedure.key}: {per_day:,.0f} dossiers a working day for {args.days} working days "
          f"(about {args.cases:,}), effort {args.effort}, staff {staff}")  # fmt: skip
    simulate(procedure, agency, Setup(arrivals=1, days=1, start=START, seed=0))  # imports and the calendar, once
    WorkCalendar.shared(agency.calendar).deadline(dt.datetime.combine(START, dt.time(8)), procedure.time_limit)  # type: ignore[arg-type]

    times: dict[str, list[float]] = {"motcua": [], "simpy": [], "simpy-paused": []}
    for round_ in range(1, args.repeats + 1):
        print(f"  round {round_} of {args.repeats}")
        gc.collect()
        t0 = time.perf_counter()
        ours = simulate(procedure, agency, setup)
        spent = time.perf_counter() - t0
        times["motcua"].append(spent)
        events = ours.events
        print(f"    motcua simulate (engine)     {ours.cases:>8,} cases {events:>10,} events  {spent:8.2f} s  "
              f"{events / spent:>10,.0f} events/s  ({spent / events * 1e6:6.2f} µs each)  "
              f"on time {ours.on_time_rate:.4f}  peak RSS {rss_mb():,.0f} MB")  # fmt: skip
        del ours
        for paused in (False, True):
            model = SimpyModel(procedure, agency, setup)
            gc.collect()
            if paused:
                gc.disable()
            t0 = time.perf_counter()
            model.run()
            spent = time.perf_counter() - t0
            gc.enable()
            times["simpy-paused" if paused else "simpy"].append(spent)
            rate = model.on_time / model.cases if model.cases else 0.0
            how = "collector paused" if paused else "collector on    "
            print(f"    SimPy, {how}  {model.cases:>8,} cases {model.events:>10,} events  {spent:8.2f} s  "
                  f"{model.events / spent:>10,.0f} events/s  ({spent / model.events * 1e6:6.2f} µs each)  "
                  f"on time {rate:.4f}")  # fmt: skip
            del model
    ours_median = statistics.median(times["motcua"])
    for key, how in (("simpy", "with its collector on"), ("simpy-paused", "with its collector paused")):
        theirs = statistics.median(times[key])
        each = [m / s for m, s in zip(times["motcua"], times[key])]
        print(f"  ratio of medians: motcua simulate takes {ours_median / theirs:.2f}x the SimPy model's time {how} "
              f"(each round: {', '.join(f'{r:.2f}' for r in each)})")  # fmt: skip
    part = Setup(arrivals=per_day, days=max(1, args.days // 5), start=START, staff=staff, seed=args.seed,
                 effort=args.effort)  # fmt: skip
    events, inside, whole = engine_share(procedure, agency, part)
    print(f"  in the engine (open, fire; a fifth of the days, calls timed): {inside / events * 1e6:6.2f} µs an event, "
          f"{inside / whole:.0%} of the simulation's {whole / events * 1e6:.2f} µs an event")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
