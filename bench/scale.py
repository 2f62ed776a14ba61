"""Benchmark of the engine past one process; prints numbers, asserts nothing.

(1) events per second with 1, 2 and 4 processes, each firing ``complete`` on cases of its own
    (opened beforehand), on PostgreSQL and on an SQLite file (synchronous FULL) in the same run;
    then the timeouts those events started, fired by as many ``motcua worker --once`` processes;
(2) HTTP on loopback: an open-loop load generator (a fixed schedule, whatever the answers) firing
    events at ``motcua serve`` with API tokens: p50 and p99 latency at a steady offered rate,
    then the highest rate, in steps, held with p99 under 100 ms and no error;
(3) the store's overdue query (``case_ids(overdue_at=...)``) over many stored cases on
    PostgreSQL, rows copied server-side from cases the engine wrote.

It starts its own throw-away PostgreSQL server (``bench/pgserver.py``; durable: fsync and
synchronous commits on) and its own ``motcua serve`` processes. The cases are of the engine
tests' catalogue (``tests/engine/catalog``, procedure ``dang-ky``).

    python bench/scale.py [--parts 123] [--cases 2000] [--processes 1,2,4]
        [--rate 200] [--duration 30] [--rates 100:1000:50] [--step-duration 10] [--http-stores sqlite,postgres]
        [--overdue-cases 1000000] [--overdue-late 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing as mp
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
import psycopg  # noqa: E402

from motcua.engine.cases import Engine  # noqa: E402
from motcua.engine.spec.loading import load_catalog  # noqa: E402
from motcua.engine.store import open_store  # noqa: E402
from motcua.engine.store.sqlite import SqliteStore  # noqa: E402
from motcua.engine.store.tokens import Keyring  # noqa: E402
from pgserver import PgServer, pg_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "tests" / "engine" / "catalog"
PROCEDURE = "dang-ky"
OPENED, COMPLETED = "2025-03-03T08:00", "2025-03-03T09:00"
#: A commit not waiting for the disk, for filling stores before what is measured.
FAST_PG = "?options=-csynchronous_commit%3Doff"
_ENV = {**os.environ, "MOTCUA_LANG": "en"}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Store:
    """A store the benchmark's processes open: ``db`` as they open it, ``fill`` to fill it fast."""

    kind: str
    db: str
    fill: str

    def filler(self) -> Engine:
        store = SqliteStore(self.fill, synchronous="NORMAL") if self.kind == "sqlite" else open_store(self.fill)
        return Engine(load_catalog(str(CATALOG)), store=store)


def new_store(kind: str, name: str, folder: Path, server: PgServer | None) -> Store:
    if kind == "sqlite":
        path = str(folder / f"{name}.db")
        return Store(kind, path, path)
    assert server is not None
    url = server.create_database(name)
    return Store(kind, url, url + FAST_PG)


def add_officers(engine: Engine) -> None:
    engine.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa", position="Chuyên viên")
    engine.add_officer("o-cm", agency="so-thu-nghiem", unit="phong-chuyen-mon", name="Trần Văn Bình",
                       position="Chuyên viên")  # fmt: skip


def open_cases(engine: Engine, count: int, *, at: str | None = OPENED) -> list[str]:
    return [engine.open(PROCEDURE, applicant=f"Công ty {n}", actor="o-mc", at=at).id for n in range(count)]


def spread(items: list[str], parts: int) -> list[list[str]]:
    return [items[i::parts] for i in range(parts)]


# -- (1) events and timeouts by processes ---------------------------------------------------------


def _fire_all(db: str, ids: list[str], barrier: mp.synchronize.Barrier, done: mp.Queue[tuple[int, int]]) -> None:
    """A process firing ``complete`` on each of ``ids`` once the others are ready too."""
    with Engine(None, store=open_store(db, create=False)) as engine:
        engine.get(ids[0])  # connected, and the definition read, before the clock starts
        barrier.wait()
        fired = conflicts = 0
        for case_id in ids:
            try:
                engine.fire(case_id, "complete", actor="o-mc", at=COMPLETED)
                fired += 1
            except Exception:  # noqa: BLE001 -- counted and shown, never expected
                conflicts += 1
        done.put((fired, conflicts))


def fire_with_processes(db: str, ids: list[str], processes: int) -> tuple[float, int, int]:
    """Seconds from the common start to the last process's end, events fired, failures."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    done: mp.Queue[tuple[int, int]] = ctx.Queue()
    workers = [ctx.Process(target=_fire_all, args=(db, part, barrier, done)) for part in spread(ids, processes)]
    for w in workers:
        w.start()
    barrier.wait(timeout=120)
    t0 = time.perf_counter()
    results = [done.get(timeout=3600) for _ in workers]
    seconds = time.perf_counter() - t0
    for w in workers:
        w.join()
    return seconds, sum(r[0] for r in results), sum(r[1] for r in results)


def run_workers(db: str, processes: int) -> tuple[float, int, int]:
    """``processes`` ``motcua worker --once`` started together: seconds until the last exits,
    timeouts they say they fired, and how many exited with an error."""
    t0 = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "motcua", "worker", "--db", db, "--once", "--format", "json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_ENV)
             for _ in range(processes)]  # fmt: skip
    outs = [p.communicate(timeout=3600) for p in procs]
    seconds = time.perf_counter() - t0
    fired = sum(len(out.splitlines()) for out, _ in outs)
    failed = sum(p.returncode != 0 for p in procs)
    for p, (_, err) in zip(procs, outs):
        if p.returncode != 0:
            print(f"    worker failed: {err.strip()[-300:]}")
    return seconds, fired, failed


def part_events(cases: int, counts: list[int], folder: Path, server: PgServer) -> None:
    print(f"(1) events fired by 1..{max(counts)} processes, {cases:,} cases each run "
          f"(load {load()}; {os.cpu_count()} CPUs)")  # fmt: skip
    for kind in ("postgresql", "sqlite"):
        store = new_store("sqlite" if kind == "sqlite" else "postgres", f"events_{kind}", folder, server)
        t0 = time.perf_counter()
        with store.filler() as engine:
            add_officers(engine)
            batches = [open_cases(engine, cases) for _ in counts]
        print(f"  {kind}: {cases * len(counts):,} cases opened in {time.perf_counter() - t0:.1f} s "
              "(setup, commits not synced)")  # fmt: skip
        idle, _, _ = run_workers(store.db, 1)
        for processes, ids in zip(counts, batches):
            seconds, fired, failed = fire_with_processes(store.db, ids, processes)
            note = f", {failed} failed" if failed else ""
            print(f"  {kind:10} {processes} process{'es' if processes > 1 else '  '}: {fired / seconds:8,.0f} events/s"
                  f"  ({fired:,} in {seconds:.2f} s{note}; load {load()})")  # fmt: skip
            seconds, fired, failed = run_workers(store.db, processes)
            note = f", {failed} workers failed" if failed else ""
            print(f"  {kind:10} {processes} worker{'s' if processes > 1 else ' '} --once: "
                  f"{fired / seconds:8,.0f} timeouts/s, {fired / max(seconds - idle, 1e-3):8,.0f}/s without the "
                  f"~{idle:.2f} s a worker takes to start and exit with nothing due  ({fired:,} in {seconds:.2f} s "
                  f"wall{note})")  # fmt: skip


# -- (2) HTTP ---------------------------------------------------------------------------------------


@contextmanager
def serving(db: str, workers: int) -> Iterator[str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen([sys.executable, "-m", "motcua", "serve", "--db", db, "--catalog", str(CATALOG),
                             "--port", str(port), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_ENV)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{url}/openapi.json", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"motcua serve did not start: {proc.communicate()[1][-500:]}")
        time.sleep(0.1)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Run:
    rate: float
    sent: int
    latencies: list[float]
    errors: dict[str, int]
    seconds: float

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)] * 1e3 if ordered else math.inf

    def held(self, limit_ms: float) -> bool:
        return not self.errors and self.quantile(0.99) < limit_ms

    def line(self) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "no errors"
        return (f"{self.rate:6.0f} req/s offered, {len(self.latencies) / self.seconds:6.0f} answered/s: "
                f"p50 {self.quantile(0.5):7.1f} ms  p99 {self.quantile(0.99):7.1f} ms  max {self.quantile(1.0):7.1f} ms"
                f"  ({self.sent:,} sent, {errors}; load {load()})")  # fmt: skip


async def offer(url: str, tokens: list[str], ids: list[str], rate: float, connections: int = 64) -> Run:
    """Fire ``complete`` on each of ``ids``, request i due at start + i/rate whatever the answers,
    over ``connections`` keep-alive connections; a latency counts from when the request was due,
    so a slow server is not hidden by the client waiting for it. Requests are written by hand
    (HTTP/1.1, a JSON body): the client must cost little beside the server on the same machine."""
    host, port = url.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors: dict[str, int] = {}
    due_queue: asyncio.Queue[tuple[int, float] | None] = asyncio.Queue()
    body = b'{"event": "complete"}'

    def failed(key: str) -> None:
        errors[key] = errors.get(key, 0) + 1

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        while (item := await due_queue.get()) is not None:
            i, due = item
            head = (f"POST /api/cases/{ids[i]}/events HTTP/1.1\r\nHost: {host}\r\n"
                    f"Authorization: Bearer {tokens[i % len(tokens)]}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n")  # fmt: skip
            try:
                writer.write(head.encode() + body)
                status_line = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                answer = await reader.readexactly(length)
                status = int(status_line.split()[1])
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as err:
                failed(type(err).__name__)
                writer.close()
                reader, writer = await asyncio.open_connection(host, int(port))
                continue
            if status == 200:
                latencies.append(time.perf_counter() - due)
            else:
                code = answer.split(b'"code":"', 1)[-1].split(b'"', 1)[0].decode(errors="replace")[:40]
                failed(f"{status} {code}")
        writer.close()

    pool = [asyncio.create_task(connection()) for _ in range(connections)]
    start = time.perf_counter() + 0.2
    for i in range(len(ids)):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due_queue.put_nowait((i, due))
    for _ in pool:
        due_queue.put_nowait(None)
    await asyncio.gather(*pool)
    return Run(rate, len(ids), latencies, errors, time.perf_counter() - start)


def parse_rates(text: str) -> list[float]:
    low, high, step = (float(x) for x in text.split(":"))
    return [low + k * step for k in range(int((high - low) / step) + 1)]


def part_http(kinds: list[str], rate: float, duration: float, rates: list[float], step: float, serve_workers: int,
              folder: Path, server: PgServer | None) -> None:  # fmt: skip
    print(f"(2) HTTP on loopback: POST /api/cases/ID/events {{\"event\": \"complete\"}} with API tokens, "
          f"motcua serve --workers {serve_workers} (load {load()})")  # fmt: skip
    # The server allows 20 requests/s for each token: enough tokens that the limit never refuses.
    token_count = max(1, math.ceil(max([rate, *rates]) / 10))
    for kind in kinds:
        store = new_store(kind, f"http_{kind}", folder, server)
        with store.filler() as engine:
            add_officers(engine)
        with Keyring(store.db) as keyring:
            tokens = [keyring.create("o-mc")[1] for _ in range(token_count)]
        with serving(store.db, serve_workers) as url:
            httpx.post(f"{url}/api/cases/none/events", json={"event": "complete"})  # the first request's imports
            with store.filler() as engine:
                warm = open_cases(engine, int(rate * min(duration, 3.0)), at=None)
                ids = open_cases(engine, int(rate * duration), at=None)
            asyncio.run(offer(url, tokens, warm, rate))  # connections made, code paths warm: not shown
            run = asyncio.run(offer(url, tokens, ids, rate))
            print(f"  {kind:10} steady {duration:.0f} s: {run.line()}")
            best = None
            for offered in rates:
                with store.filler() as engine:
                    ids = open_cases(engine, int(offered * step), at=None)
                run = asyncio.run(offer(url, tokens, ids, offered))
                print(f"  {kind:10} step {step:.0f} s:   {run.line()}")
                if not run.held(100.0):
                    break
                best = offered
            shown = f"{best:.0f} req/s" if best is not None else f"none of the rates from {rates[0]:.0f} req/s"
            print(f"  {kind:10} highest rate held with p99 < 100 ms and no error: {shown}")


# -- (3) overdue over many cases ------------------------------------------------------------------


def part_overdue(stored: int, late: int, folder: Path, server: PgServer, runs: int = 7) -> None:
    store = new_store("postgres", "overdue", folder, server)
    with store.filler() as engine:
        add_officers(engine)
        # The two rows copied: a case open in its review, and one closed by its review's timeout.
        closed_id = open_cases(engine, 1)[0]
        engine.fire(closed_id, "complete", actor="o-mc", at=COMPLETED)
        engine.tick(at="2025-03-10T08:00")
        open_id = open_cases(engine, 1)[0]
        engine.fire(open_id, "complete", actor="o-mc", at=COMPLETED)
        assert engine.get(closed_id).closed_at is not None and engine.get(open_id).closed_at is None
    now = "2025-06-02 09:00"
    open_count = min(stored, late * 10)
    columns = _columns(store.db, "cases")
    event_columns = _columns(store.db, "events")
    # Case g: open and late (g < late), open and due later (g < open_count), else closed; ids C0000001...
    due = (f"to_char(CASE WHEN g <= {late} THEN timestamp '{now}' - g * interval '1 hour' "
           f"WHEN g <= {open_count} THEN timestamp '{now}' + (1 + g % 30) * interval '1 day' "
           f"ELSE timestamp '{now}' - interval '1 day' - (g % 700) * interval '1 day' END, "
           "'YYYY-MM-DD\"T\"HH24:MI:SS')")  # fmt: skip
    template = f"CASE WHEN g <= {open_count} THEN '{open_id}' ELSE '{closed_id}' END"
    picked = {"id": "'C' || lpad(g::text, 7, '0')", "due": due}
    case_sql = (f"INSERT INTO cases ({', '.join(columns)}) SELECT {', '.join(picked.get(c, f't.{c}') for c in columns)} "
                f"FROM generate_series(1, {stored}) g JOIN cases t ON t.id = {template}")  # fmt: skip
    event_picked = {"case_id": "'C' || lpad(g::text, 7, '0')", "id": "e.id || '-' || g"}
    event_sql = (f"INSERT INTO events ({', '.join(event_columns)}) "
                 f"SELECT {', '.join(event_picked.get(c, f'e.{c}') for c in event_columns)} "
                 f"FROM generate_series(1, {stored}) g JOIN events e ON e.case_id = {template}")  # fmt: skip
    t0 = time.perf_counter()
    with psycopg.connect(store.db, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("SET LOCAL synchronous_commit = off")
            conn.execute(case_sql)
            conn.execute(event_sql)
        conn.execute("VACUUM ANALYZE cases")
        conn.execute("VACUUM ANALYZE events")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()
    built = time.perf_counter() - t0
    print(f"(3) overdue over {stored + 2:,} stored cases on PostgreSQL ({open_count + 1:,} open, {late + 1:,} late; "
          f"their events copied too); built server-side in {built:.1f} s, database {size[0] if size else '?'} "
          f"(load {load()})")  # fmt: skip
    import datetime as dt

    at = dt.datetime.fromisoformat(now)
    with open_store(store.db, read_only=True) as reader:
        times, found = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            found = len(reader.case_ids(overdue_at=at))
            times.append(time.perf_counter() - t0)
    print(f"  store.case_ids(overdue_at=...): median {statistics.median(times) * 1e3:8.2f} ms of {runs} runs "
          f"(min {min(times) * 1e3:.2f}, max {max(times) * 1e3:.2f}); {found:,} cases")  # fmt: skip
    with Engine(None, store=open_store(store.db, read_only=True)) as engine:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            found = len(engine.list(overdue=True, at=now.replace(" ", "T")))
            times.append(time.perf_counter() - t0)
    print(f"  Engine.list(overdue=True), each case read whole: median {statistics.median(times) * 1e3:8.2f} ms "
          f"of 3 runs; {found:,} cases")  # fmt: skip


def _columns(url: str, table: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                            "AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall()  # fmt: skip
    return [str(r[0]) for r in rows]


# -- the command -------------------------------------------------------------------------------------


def main() -> None:
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # servers stopped on the way out
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="123", help="which parts to run (default 123)")
    parser.add_argument("--cases", type=int, default=2000, help="(1) cases fired on in each run")
    parser.add_argument("--processes", default="1,2,4", help="(1) numbers of processes")
    parser.add_argument("--rate", type=float, default=200.0, help="(2) the steady offered rate, requests/s")
    parser.add_argument("--duration", type=float, default=30.0, help="(2) seconds at the steady rate")
    parser.add_argument("--rates", default="100:1000:50", help="(2) the search's rates LOW:HIGH:STEP")
    parser.add_argument("--step-duration", type=float, default=10.0, help="(2) seconds of each search step")
    parser.add_argument("--http-stores", default="sqlite,postgres", help="(2) stores served, in turn")
    parser.add_argument("--serve-workers", type=int, default=1, help="(2) motcua serve --workers")
    parser.add_argument("--overdue-cases", type=int, default=1_000_000, help="(3) cases stored")
    parser.add_argument("--overdue-late", type=int, default=2000, help="(3) of them open and late")
    args = parser.parse_args()
    print(f"bench/scale.py: load average {load()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="motcua-scale-") as tmp, pg_server(durable=True) as server:
        folder = Path(tmp)
        if "1" in args.parts:
            part_events(args.cases, [int(x) for x in args.processes.split(",")], folder, server)
        if "2" in args.parts:
            kinds = [k.strip() for k in args.http_stores.split(",") if k.strip()]
            part_http(kinds, args.rate, args.duration, parse_rates(args.rates), args.step_duration,
                      args.serve_workers, folder, server)  # fmt: skip
        if "3" in args.parts:
            part_overdue(args.overdue_cases, args.overdue_late, folder, server)


if __name__ == "__main__":
    main()
