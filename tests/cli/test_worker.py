"""``motcua worker`` as real processes on a real SQLite file and a real PostgreSQL server.

Several workers over many due timeouts fire each once; a worker frozen in the middle of a claim
and killed with SIGKILL loses nothing, and another takes its work over; SIGTERM lets a worker
finish the timeout it is firing. Nothing here assumes how fast anything runs: the tests wait on
conditions (the store's state, a process's exit) with generous deadlines.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.cases import Engine
from motcua.engine.ledger import now
from motcua.engine.spec.loading import load_catalog
from motcua.engine.store import open_store
from motcua.engine.store.sqlite import SqliteStore
from tests.engine.store.conftest import PostgresServer, postgres_server

__all__ = ["postgres_server"]  # the session's server, as the store tests start it

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")
#: Generous: a loaded machine may be slow; nothing waits this long when all is well.
DEADLINE = 120.0


@dataclass
class Store:
    """A store worker processes can open: ``db`` for --db, ``held`` the cases claimed now."""

    db: str
    held: Callable[[], set[str]]


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        path = tmp_path / "cases.db"

        def held_sqlite() -> set[str]:
            # A worker writes only in a claim: the write lock held means a claim is held.
            with sqlite3.connect(path, timeout=0, isolation_level=None) as probe:
                try:
                    probe.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as err:
                    assert "locked" in str(err)
                    return {"?"}
                probe.execute("ROLLBACK")
                return set()

        yield Store(str(path), held_sqlite)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    schema = f"worker_{os.getpid()}_{random.randrange(10**9)}"
    server.admin.exec_driver_sql(f"CREATE SCHEMA {schema}")

    def held_postgres() -> set[str]:
        # The cases another transaction holds FOR UPDATE: those a claim holds.
        with transactions(server) as conn, conn.begin():
            ids = conn.exec_driver_sql(f"SELECT id FROM {schema}.cases").scalars().all()
            free = conn.exec_driver_sql(f"SELECT id FROM {schema}.cases FOR UPDATE SKIP LOCKED").scalars().all()
        return set(ids) - set(free)

    yield Store(server.url(schema=schema), held_postgres)
    server.admin.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


def transactions(server: PostgresServer) -> sa.Connection:
    """A connection of its own to the server whose ``begin()`` begins a transaction (the admin's
    connection commits each statement)."""
    return server.admin.engine.connect().execution_options(isolation_level="READ COMMITTED")


def due_cases(db: str, count: int) -> list[str]:
    """``count`` cases of the test catalogue's ``dang-ky``, each with its review's timeout long due
    (it moves the case to ``co-hieu-luc``, where no timer runs)."""
    store = SqliteStore(db, synchronous="NORMAL") if not db.startswith("postgresql") else open_store(db)
    with Engine(load_catalog(CATALOG), store=store) as engine:
        engine.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa", position="Chuyên viên")
        ids = []
        for n in range(count):
            case = engine.open("dang-ky", applicant=f"Công ty {n}", actor="o-mc", at="2025-03-03T08:00")
            engine.fire(case.id, "complete", actor="o-mc", at="2025-03-03T09:00")
            ids.append(case.id)
    return ids


def timeouts(db: str) -> Counter[str]:
    """How many timeouts each case of the store holds."""
    with open_store(db, read_only=True) as store:
        found: Counter[str] = Counter()
        for case_id in store.case_ids():
            case = store.load(case_id)
            assert case is not None
            found[case_id] = sum(e.event == "timeout" for e in case.events)
        return found


def still_due(db: str) -> list[str]:
    with open_store(db, read_only=True) as store:
        return store.timers_due(now())


def start(db: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "motcua", "worker", "--db", db, "--format", "json", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MOTCUA_LANG": "en"})  # fmt: skip


def fired(out: str) -> list[str]:
    """The cases a worker's output says it fired the timeout of."""
    lines = [json.loads(line) for line in out.splitlines()]
    assert all(line["event"] == "timeout" and line["to"] == "co-hieu-luc" for line in lines)
    return [line["case"] for line in lines]


def finished(worker: subprocess.Popen[str]) -> str:
    out, err = worker.communicate(timeout=DEADLINE)
    assert worker.returncode == 0, err
    assert err == ""
    return out


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {DEADLINE:.0f} s for {what}")
        time.sleep(0.05)


def each_fired_once(db: str, cases: list[str]) -> None:
    assert timeouts(db) == {case_id: 1 for case_id in cases}
    assert still_due(db) == []


def test_workers_once_together_fire_each_timeout_once(store: Store) -> None:
    cases = due_cases(store.db, 60)
    workers = [start(store.db, "--once") for _ in range(3)]
    outputs = [fired(finished(w)) for w in workers]
    each_fired_once(store.db, cases)
    assert sorted(c for out in outputs for c in out) == sorted(cases)  # each told once, by the worker that fired it


def test_looping_workers_take_new_work_and_stop_on_sigterm(store: Store) -> None:
    first = due_cases(store.db, 30)
    workers = [start(store.db, "--interval", "0.1") for _ in range(3)]
    try:
        wait_for(lambda: not still_due(store.db), "the workers to fire the first cases")
        second = due_cases(store.db, 30)  # due when they are opened: the next rounds fire them
        wait_for(lambda: not still_due(store.db), "the workers to fire the cases opened later")
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
    outputs = [fired(finished(w)) for w in workers]
    each_fired_once(store.db, first + second)
    assert sorted(c for out in outputs for c in out) == sorted(first + second)


@pytest.mark.parametrize("run", [1, 2, 3])
def test_a_worker_killed_in_the_middle_of_a_claim_loses_nothing(store: Store, run: int) -> None:
    cases = due_cases(store.db, 300)
    rng = random.Random(run)
    victim = start(store.db, "--interval", "0.1")
    try:
        # Once it has fired some, freeze the worker at random moments until one finds it holding a
        # claim, then kill it there.
        some = rng.randrange(100)
        wait_for(lambda: len(still_due(store.db)) <= len(cases) - some, f"the worker to fire {some} timeouts")
        deadline = time.monotonic() + DEADLINE
        while True:
            time.sleep(rng.uniform(0, 0.02))
            victim.send_signal(signal.SIGSTOP)
            if store.held():
                break
            victim.send_signal(signal.SIGCONT)
            assert still_due(store.db), "the worker fired everything before it was caught in a claim"
            assert time.monotonic() < deadline, "the worker was never caught in a claim"
        held = store.held()
    finally:
        victim.kill()
        out, _ = victim.communicate(timeout=DEADLINE)
    told_before = fired(out)
    assert set(told_before) <= set(cases) and still_due(store.db)
    # Its claim lapsed with it: another worker fires what is left, the held case too.
    heir = start(store.db, "--interval", "0.1")
    try:
        wait_for(lambda: not still_due(store.db), "another worker to take the work over")
    finally:
        heir.send_signal(signal.SIGTERM)
    told_after = fired(finished(heir))
    each_fired_once(store.db, cases)
    assert not set(told_before) & set(told_after)
    assert held - {"?"} <= set(told_after)  # the case it held (named where the store can tell)


def test_a_held_case_is_skipped_and_a_stopping_worker_finishes_its_claim(postgres_server: PostgresServer) -> None:
    schema = f"worker_stop_{os.getpid()}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {schema}")
    db = postgres_server.url(schema=schema)
    try:
        cases = due_cases(db, 5)
        with transactions(postgres_server) as conn:
            # Another transaction holds the oldest case: a worker fires the others and leaves it.
            with conn.begin():
                conn.exec_driver_sql(f"SELECT id FROM {schema}.cases WHERE id = '{cases[0]}' FOR UPDATE")
                assert sorted(fired(finished(start(db, "--once")))) == cases[1:]
            assert still_due(db) == [cases[0]]
            later = due_cases(db, 3)
            # Inserting events waits behind a lock: the worker claims the oldest case and waits in its claim.
            with conn.begin():
                conn.exec_driver_sql(f"LOCK TABLE {schema}.events IN EXCLUSIVE MODE")
                worker = start(db, "--interval", "0.1")
                wait_for(lambda: bool(waiting(postgres_server)), "the worker to wait inside its claim")
                worker.send_signal(signal.SIGTERM)
            # The lock gone, it finishes the claim it was in and stops: that timeout only is fired.
            assert fired(finished(worker)) == [cases[0]]
            assert still_due(db) == later
    finally:
        postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


def waiting(server: PostgresServer) -> list[int]:
    """The server's backends waiting for a lock."""
    return list(server.admin.exec_driver_sql(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'motcua'"
    ).scalars())  # fmt: skip


def test_a_worker_without_a_store_ends_in_one_line(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["worker", "--once", "--db", str(tmp_path / "none.db"), "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and "none.db" in r.stderr and r.stderr.count("\n") == 1


def test_worker_once_in_text_tells_each_timeout(tmp_path: Path) -> None:
    db = str(tmp_path / "cases.db")
    (case_id,) = due_cases(db, 1)
    r = CliRunner().invoke(main, ["worker", "--once", "--db", db, "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    (line,) = r.stdout.splitlines()
    assert line.startswith(f"{case_id}  timeout  xem-xet -> co-hieu-luc  at 2025-03-06T17:00:00+07:00  (event ")
    assert CliRunner().invoke(main, ["worker", "--once", "--db", db]).stdout == ""


def test_a_worker_that_loses_the_server_says_so_and_goes_on(postgres_server: PostgresServer) -> None:
    schema = f"worker_lost_{os.getpid()}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {schema}")
    db = postgres_server.url(schema=schema)
    try:
        first = due_cases(db, 3)
        worker = start(db, "--interval", "0.1")
        try:
            wait_for(lambda: not still_due(db), "the worker to fire the first cases")
            # The server ends every connection the worker holds (as a restart would).
            ended = postgres_server.admin.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'motcua' AND pid <> pg_backend_pid()"
            ).scalars().all()  # fmt: skip
            assert ended and all(ended)
            later = due_cases(db, 3)
            wait_for(lambda: not still_due(db), "the worker to fire the cases opened after the server was lost")
        finally:
            worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=DEADLINE)
        assert worker.returncode == 0, err
        assert sorted(fired(out)) == first + later
        lines = err.splitlines()
        assert lines and all(line.startswith(f"error: {db}: ") for line in lines), err
        each_fired_once(db, first + later)
    finally:
        postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
