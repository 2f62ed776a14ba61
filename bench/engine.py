"""Benchmark of the case engine; prints numbers, asserts nothing.

(a) in memory: 100,000 cases stepped through a shipped procedure on one shared machine, beside a
bare dict transition table (the floor) and a transitions Machine per case (the naive way, sampled);
(b) SQLite: each event its own WAL transaction through the engine, beside a bare INSERT + UPDATE
loop writing the same rows in the same run, for synchronous FULL (the store's default) and
NORMAL, in alternating runs (the ratio of each run's totals, and their median);
(c) the overdue query over 1,000,000 stored cases of which about 2,000 are open and late.

    python bench/engine.py [--cases 100000] [--sqlite-events 4000] [--repeats 3] [--stored 1000000] [--parts abc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from transitions import Machine

from motcua.engine.cases import Engine
from motcua.engine.ledger import Case
from motcua.engine.spec.loading import load_catalog
from motcua.engine.machine import ProcedureMachine
from motcua.engine.spec.model import Procedure
from motcua.engine.store.sqlite import _INSERT_EVENT, _UPDATE_CASE, SqliteStore, Synchronous, _event_row, _update_row

ROOT = Path(__file__).resolve().parents[1]
REF = "ldtbxh-nghe-an/cap-doi-the-thuong-binh-benh-binh-liet-si"
DAY = dt.datetime(2013, 9, 23, 8, 0)
OFFICERS = {"mot-cua": "o-mc", "phong-nguoi-co-cong": "o-ncc", "giam-doc": "o-gd"}


def path_of(procedure: Procedure) -> list[tuple[str, str]]:
    """The happy path as (event, unit): ``complete`` or the first outcome at each step."""
    walk = []
    node = procedure.first_step.id
    while procedure.is_step(node):
        step = procedure.step(node)
        if step.next is not None:
            walk.append(("complete", step.unit))
            node = step.next
        else:
            walk.append((step.outcomes[0].name, step.unit))
            node = step.outcomes[0].to
    return walk


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f}/s  ({seconds / count * 1e6:7.2f} µs each)"


def measure_memory(make: Callable[[int], object], n: int) -> float:
    """Bytes allocated per item when ``make`` builds ``n`` items that stay alive."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = make(n)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / n


def bench_memory(procedure: Procedure, n: int) -> None:
    print(f"(a) in memory: {n:,} cases through {procedure.key}")
    walk = path_of(procedure)
    events = [e for e, _ in walk]
    machine = ProcedureMachine(procedure)
    first = procedure.first_step.id

    # The floor: a dict table and a list of state strings.
    table: dict[str, dict[str, str]] = {}
    for s in procedure.steps:
        row = table.setdefault(s.id, {})
        if s.next:
            row["complete"] = s.next
        for o in s.outcomes:
            row[o.name] = o.to
    states = [first] * n
    t0 = time.perf_counter()
    for ev in events:
        for i in range(n):
            states[i] = table[states[i]][ev]
    bare = time.perf_counter() - t0
    bare_mem = measure_memory(lambda k: [first[:] + "" for _ in range(k)], n)  # a list slot per case
    print(f"  bare dict table        events {per_second(n * len(events), bare)}   idle case {bare_mem + 8:7.0f} B")

    # transitions' own trigger on one shared Machine and one model (the reference cost).
    class Model:
        pass

    one = Model()
    shared = Machine(model=one, states=list(machine.states), initial=first, auto_transitions=False,
                     transitions=[{"trigger": e, "source": s.id, "dest": d}
                                  for s in procedure.steps for e, d in table[s.id].items()])  # fmt: skip
    rounds = max(1, n // 10)
    t0 = time.perf_counter()
    for _ in range(rounds):
        shared.set_state(first, model=one)
        for ev in events:
            one.trigger(ev)  # type: ignore[attr-defined]
    trig = time.perf_counter() - t0
    print(f"  transitions trigger    events {per_second(rounds * len(events), trig)}   (one shared Machine, one model)")

    # Our shared machine: the case's own slotted state, the machine's table and conditions.
    cursors = [Case("x", "a", "p", "1", "d", "A", first, DAY, DAY, DAY, DAY) for _ in range(n)]
    t0 = time.perf_counter()
    for ev in events:
        for c in cursors:
            c.state = machine.resolve(c, ev, DAY)
    ours = time.perf_counter() - t0
    print(f"  shared machine resolve events {per_second(n * len(events), ours)}   ({ours / trig * rounds / n:.2f}x transitions' trigger)")

    # The whole engine in memory: receipt with deadlines, roles, audit events, a memory store.
    catalog = load_catalog(ROOT / "procedures")
    engine = Engine(catalog)
    for unit, oid in OFFICERS.items():
        engine.add_officer(oid, agency=procedure.agency, unit=unit, name=oid, position="Chuyên viên")
    t0 = time.perf_counter()
    ids = [engine.open(REF, applicant="Nguyễn Văn A", actor="o-mc", at=DAY).id for _ in range(n)]
    opened = time.perf_counter() - t0
    print(f"  engine open            cases  {per_second(n, opened)}")
    t0 = time.perf_counter()
    for k, (ev, unit) in enumerate(walk, 1):
        at = DAY + dt.timedelta(minutes=k)
        actor = OFFICERS[unit]
        for cid in ids:
            engine.fire(cid, ev, actor=actor, at=at)
    fired = time.perf_counter() - t0
    print(f"  engine fire            events {per_second(n * len(walk), fired)}   ({fired / (n * len(walk)) / (trig / (rounds * len(events))):.2f}x transitions' trigger)")
    del engine, ids
    small = min(n, 20_000)
    mem_case = measure_memory(lambda k: [Case(f"000.00.20.H40-20130923-{i:06d}", "a", "p", "1", "d", "Nguyễn Văn A", first,
                                              DAY, DAY, DAY, DAY) for i in range(k)], small)  # fmt: skip

    def open_many(k: int) -> Engine:
        e = Engine(catalog)
        for unit, oid in OFFICERS.items():
            e.add_officer(oid, agency=procedure.agency, unit=unit, name=oid, position="Chuyên viên")
        e.open(REF, applicant="warm-up", actor="o-mc", at=DAY)
        gc.collect()
        return e

    warm = open_many(0)
    mem_engine = measure_memory(lambda k: [warm.open(REF, applicant="Nguyễn Văn A", actor="o-mc", at=DAY) for _ in range(k)], small)
    print(f"  idle case: Case object {mem_case:7.0f} B; opened through the engine with its receive event "
          f"and the memory store's copy {mem_engine:7.0f} B")

    # The naive way, sampled: one transitions Machine per case.
    sample = min(n, 2_000)
    models = [Model() for _ in range(sample)]

    def machines(k: int) -> list[Machine]:
        return [Machine(model=models[i], states=list(machine.states), initial=first, auto_transitions=False,
                        transitions=[{"trigger": e, "source": s.id, "dest": d}
                                     for s in procedure.steps for e, d in table[s.id].items()])
                for i in range(k)]  # fmt: skip

    t0 = time.perf_counter()
    built = machines(sample)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for ev in events:
        for mdl in models:
            mdl.trigger(ev)  # type: ignore[attr-defined]
    naive = time.perf_counter() - t0
    del built
    models = [Model() for _ in range(sample)]
    naive_mem = measure_memory(machines, sample)
    print(f"  Machine per case       events {per_second(sample * len(events), naive)}   idle case {naive_mem:7.0f} B, "
          f"{build / sample * 1e3:.2f} ms to build (sampled on {sample:,} cases)")


def bench_sqlite(procedure: Procedure, events: int, synchronous: Synchronous, folder: Path) -> tuple[float, float]:
    """The engine's events against the same rows written by a bare loop into the same schema.

    One engine registers the officers and opens the cases (untimed); the bare file is a copy of
    its store at that moment. Then, 100 events a round, the engine fires events (each one
    ``BEGIN IMMEDIATE`` ... ``COMMIT``) and the bare loop writes exactly the rows the engine
    wrote: the revision-checked case-row ``UPDATE`` and the event ``INSERT``, one transaction
    each. A round's bare loop follows its engine events at once, so a busy neighbour slows both
    alike. The engine fires on cases its store keeps (the last 4,096 it wrote or read), as a
    process serving an office does. A second part does the same for the first event on cases a
    fresh engine has not seen yet, which it reads from the file first (as each ``motcua case
    fire`` command does). Returns the two ratios of the total times.
    """
    walk = path_of(procedure)
    path = folder / f"engine-{synchronous}.db"
    bare_path = folder / f"bare-{synchronous}.db"
    catalog = load_catalog(ROOT / "procedures")
    cases = events // len(walk) + 1
    unseen = min(cases, 1000)
    engine = Engine(catalog, store=SqliteStore(path, synchronous=synchronous))
    for unit, oid in OFFICERS.items():
        engine.add_officer(oid, agency=procedure.agency, unit=unit, name=oid, position="Chuyên viên")
    opened = [engine.open(REF, applicant="Nguyễn Văn A", actor="o-mc", at=DAY) for _ in range(cases + unseen)]
    ids, cold_ids = [c.id for c in opened[:cases]], [c.id for c in opened[cases:]]
    source, target = sqlite3.connect(path), sqlite3.connect(bare_path)
    source.backup(target)  # a consistent copy of the store as it is, WAL included
    source.close()
    target.close()
    db = sqlite3.connect(bare_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    db.execute("PRAGMA foreign_keys = ON")

    def rounds(fire: Callable[[str, str, str, dt.datetime], Case], plan: list[tuple[str, str, str, dt.datetime]]) -> tuple[float, float]:
        ours = bare = 0.0
        for r in range(0, len(plan), 100):
            t0 = time.perf_counter()
            fired = [fire(cid, ev, actor, at) for cid, ev, actor, at in plan[r : r + 100]]
            ours += time.perf_counter() - t0
            written = [(_update_row(c, c.revision - 1), _event_row(c.id, c.events[-1])) for c in fired]
            t0 = time.perf_counter()
            for update_row, event_row in written:
                db.execute("BEGIN IMMEDIATE")
                db.execute(_UPDATE_CASE, update_row)
                db.execute(_INSERT_EVENT, event_row)
                db.execute("COMMIT")
            bare += time.perf_counter() - t0
        return ours / len(plan), bare / len(plan)

    def report(label: str, ours: float, bare: float) -> float:
        # Whole runs, not per-round medians: every few hundred events a WAL checkpoint lands in
        # one round (with two fsyncs even under NORMAL), and both sides pay as many of them.
        print(f"  synchronous={synchronous:<6} {label:<10} engine {1 / ours:>8,.0f}/s ({ours * 1e6:6.1f} µs)   "
              f"bare INSERT+UPDATE {1 / bare:>8,.0f}/s ({bare * 1e6:6.1f} µs)   ratio {ours / bare:.2f}x")  # fmt: skip
        return ours / bare

    plan = [(cid, ev, OFFICERS[unit], DAY + dt.timedelta(minutes=k))
            for k, (ev, unit) in enumerate(walk, 1) for cid in ids][:events]  # fmt: skip
    with engine:
        warm = report("events", *rounds(lambda c, e, a, t: engine.fire(c, e, actor=a, at=t), plan))
    first, unit = walk[0]
    plan = [(cid, first, OFFICERS[unit], DAY + dt.timedelta(minutes=1)) for cid in cold_ids]
    with Engine(None, store=SqliteStore(path, synchronous=synchronous)) as fresh:
        fresh.definition(opened[0].digest)  # once per process, not per case: read before timing
        for oid in OFFICERS.values():
            fresh.officer(oid)
        cold = report("first seen", *rounds(lambda c, e, a, t: fresh.fire(c, e, actor=a, at=t), plan))
    db.close()
    return warm, cold


def bench_overdue(stored: int, late: int, folder: Path) -> None:
    path = folder / "overdue.db"
    SqliteStore(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("INSERT INTO definitions VALUES ('d', 'k', '{}')")
    now = dt.datetime(2025, 6, 2, 9, 0)
    open_cases = late * 10

    def rows() -> object:
        for i in range(stored):
            received = now - dt.timedelta(minutes=i)  # a million dossiers over about two years
            if i < open_cases:
                due = now - dt.timedelta(hours=1 + i) if i < late else now + dt.timedelta(days=1 + i % 30)
                closed = None
            else:
                due = received + dt.timedelta(days=15)
                due = min(due, now - dt.timedelta(days=1))
                closed = due - dt.timedelta(hours=2)
            t = received.isoformat(timespec="seconds")
            d = due.isoformat(timespec="seconds")
            yield (f"C{i:07d}", "a", "p", "1", "d", "A", "tra-ket-qua" if closed is None else "da-cap",
                   int(closed is None), t, d, d, t, None, None, 0, None, None, None, "[]", 0, 0,
                   closed.isoformat(timespec="seconds") if closed else None, 2)  # fmt: skip

    t0 = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(f"INSERT INTO cases VALUES ({', '.join('?' * 23)})", rows())  # type: ignore[arg-type]
    db.execute("COMMIT")
    db.execute("ANALYZE")
    print(f"(c) overdue query over {stored:,} stored cases ({open_cases:,} open, {late:,} late); filled in {time.perf_counter() - t0:.1f} s")
    at = now.isoformat(timespec="seconds")

    def timed(sql: str, runs: int = 7) -> tuple[float, int]:
        found = 0
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            found = len(db.execute(sql, (at, "awaiting-supplement")).fetchall())
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1e3, found

    db.close()
    store = SqliteStore(path)
    times = []
    found = 0
    for _ in range(7):
        t0 = time.perf_counter()
        found = len(store.case_ids(overdue_at=now))
        times.append(time.perf_counter() - t0)
    store.close()
    print(f"  store.case_ids(overdue) with the partial index: {statistics.median(times) * 1e3:8.2f} ms  ({found:,} cases)")
    db = sqlite3.connect(path, isolation_level=None)
    scan, n1 = timed("SELECT id FROM cases NOT INDEXED WHERE open = 1 AND due < ? AND state <> ? ORDER BY due, id", runs=3)
    print(f"  full scan (NOT INDEXED):                        {scan:8.2f} ms  ({n1:,} cases)")
    db.execute("CREATE INDEX plain_due ON cases(due)")
    plain, n2 = timed("SELECT id FROM cases INDEXED BY plain_due WHERE open = 1 AND due < ? AND state <> ? ORDER BY due, id", runs=3)
    print(f"  plain index on due:                             {plain:8.2f} ms  ({n2:,} cases)")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sqlite-events", type=int, default=4_000)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of (b) for each synchronous setting")
    parser.add_argument("--parts", default="abc", help="which parts to run, e.g. 'b'")
    args = parser.parse_args()
    procedure = load_catalog(ROOT / "procedures").procedure(REF, on=DAY.date())
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    if "a" in args.parts:
        bench_memory(procedure, args.cases)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        if "b" in args.parts:
            print(f"(b) SQLite, one transaction per event, WAL, {args.sqlite_events:,} events, {args.repeats} runs each")
            ratios: dict[str, list[tuple[float, float]]] = {"FULL": [], "NORMAL": []}
            for run in range(args.repeats):
                order: tuple[Synchronous, Synchronous] = ("FULL", "NORMAL") if run % 2 == 0 else ("NORMAL", "FULL")
                for sync in order:
                    folder = Path(tmp) / f"run-{run}"
                    folder.mkdir(exist_ok=True)
                    ratios[sync].append(bench_sqlite(procedure, args.sqlite_events, sync, folder))
            for name, found in ratios.items():
                print(f"  synchronous={name:<6} median ratio over {len(found)} runs: "
                      f"{statistics.median(w for w, _ in found):.2f}x (first event on an unseen case "
                      f"{statistics.median(c for _, c in found):.2f}x)")  # fmt: skip
        if "c" in args.parts:
            bench_overdue(args.stored, 2_000, Path(tmp))


if __name__ == "__main__":
    main()
