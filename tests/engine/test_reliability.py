"""Reliability with real processes on real SQLite files: kill -9, concurrent writers, replay.

The writers correct events as they go, so replaying every log (corrections and the events
they void included) must give the stored rows.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from motcua.engine.cases import Engine

# Every script is run as: python -c SCRIPT CATALOG OFFICERS-JSON DB [ARGS...]
SETUP = """
import datetime as dt, json, os, sys
from motcua.engine.cases import ConflictError, Engine, EventRefused
from motcua.engine.spec.loading import load_catalog
catalog, officers, db = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
engine = Engine(load_catalog(catalog), store=db)
for oid, unit, name, position in officers:
    engine.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=name, position=position)
DAY = dt.datetime(2025, 3, 3, 8, 0)
WALK = [("complete", "o-mc"), ("answer", "o-xa"), ("answer", "o-ca"), ("approve", "o-cm"),
        ("complete", "o-gd"), ("complete", "o-mc")]

# Says ready, then blocks until the test closes the gate's other end: every process waiting
# on one gate wakes at that moment, however long each took to get here.
def wait_at(gate):
    print("ready", flush=True)
    os.read(int(gate), 1)
"""

# Walks cases to their end forever, printing each event id once its transaction committed.
WRITER = SETUP + """
i = 0
while True:
    case = engine.open("cap-phep", applicant=f"A{i}", actor="o-mc", at=DAY)
    print(case.events[-1].id, flush=True)
    for n, (event, actor) in enumerate(WALK, 1):
        case = engine.fire(case.id, event, actor=actor, at=DAY + dt.timedelta(minutes=n))
        print(case.events[-1].id, flush=True)
        if n == 3:  # the second answer voided and given again: the log keeps both
            case = engine.correct(case.id, actor="o-mc", reason="Nhầm", at=DAY + dt.timedelta(minutes=3, seconds=20))
            print(case.events[-1].id, flush=True)
            case = engine.fire(case.id, "answer", actor="o-ca", at=DAY + dt.timedelta(minutes=3, seconds=40))
            print(case.events[-1].id, flush=True)
    i += 1
"""

# Opens and advances its own cases while other processes do the same, from the moment the gate opens.
BATCH = SETUP + """
count, name = int(sys.argv[4]), sys.argv[5]
wait_at(sys.argv[6])
for i in range(count):
    case = engine.open("cap-phep", applicant=f"{name}-{i}", actor="o-mc", at=DAY)
    for n, (event, actor) in enumerate(WALK[:3], 1):
        engine.fire(case.id, event, actor=actor, at=DAY + dt.timedelta(minutes=n))
    engine.correct(case.id, actor="o-mc", reason="Nhầm", at=DAY + dt.timedelta(minutes=4))
    engine.fire(case.id, "answer", actor="o-ca", at=DAY + dt.timedelta(minutes=5))
print("done", flush=True)
"""

# Reads a shared case, waits at the gate for the others, then tries to write the same next event.
RACER = SETUP + """
from motcua.engine.event_ids import new_event_id
from motcua.engine.fold import advance
from motcua.engine.ledger import Event
case_id, actor = sys.argv[4], sys.argv[5]
case = engine.get(case_id)
definition = engine.definition(case)
target = definition.machine.resolve(case, "answer", DAY)
event = Event(new_event_id(), case.revision + 1, "answer", engine.officer(actor), DAY, case.state, target)
expected = case.revision
advance(case, event, definition)
wait_at(sys.argv[6])
try:
    engine.store.append(case, expected=expected)
    print("won", flush=True)
except ConflictError as err:
    print("conflict", case_id in str(err), flush=True)
"""


Run = Callable[..., "subprocess.Popen[str]"]


class Gate:
    """A barrier for processes, made of a pipe: each is handed the read end (``fd``), says it is
    ready and blocks reading it; ``open`` waits for every ready and then closes the write end,
    which wakes them all at once, however long each took to start on a loaded machine."""

    def __init__(self) -> None:
        self.fd, self._write_end = os.pipe()
        self._open = [self.fd, self._write_end]

    def open(self, procs: list[subprocess.Popen[str]], *, timeout: float = 120) -> None:
        self._close(self.fd)  # the processes hold their own copies
        deadline = time.monotonic() + timeout
        for proc in procs:
            assert proc.stdout is not None
            readable, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            assert readable, f"a process was not ready within {timeout} s"
            line = proc.stdout.readline()
            assert line == "ready\n", line + proc.communicate()[1]
        self._close(self._write_end)

    def _close(self, fd: int) -> None:
        if fd in self._open:
            self._open.remove(fd)
            os.close(fd)

    def close(self) -> None:
        for fd in list(self._open):
            self._close(fd)


@pytest.fixture
def gate() -> Iterator[Gate]:
    g = Gate()
    yield g
    g.close()


@pytest.fixture
def run(catalog_dir: Path, officers: tuple[tuple[str, ...], ...]) -> Iterator[Run]:
    """``run(script, db, *args, gate=None)``: a process running ``script`` on the engine tests'
    catalogue and officers, handed ``gate``'s end of the pipe as its last argument."""
    started: list[subprocess.Popen[str]] = []

    def start(script: str, db: Path, *args: str, gate: Gate | None = None) -> subprocess.Popen[str]:
        fds = () if gate is None else (gate.fd,)
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(catalog_dir), json.dumps(officers), str(db), *args,
             *(str(fd) for fd in fds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            pass_fds=fds,
        )  # fmt: skip
        started.append(proc)
        return proc

    yield start
    for proc in started:  # a failed test leaves no process behind
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def assert_replays(db: Path) -> int:
    with Engine(None, store=db) as e:
        cases = e.list()
        for c in cases:
            assert e.replay(c.id) == c
        return sum(len(c.events) for c in cases)


@pytest.mark.slow
def test_kill_9_mid_stream_loses_no_committed_event(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    proc = run(WRITER, db)
    assert proc.stdout is not None
    committed = []
    while len(committed) < 150:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "writer died"
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate()
    committed += rest.split()
    assert proc.returncode == -signal.SIGKILL
    with Engine(None, store=db) as e:
        missing = [ev for ev in committed if e.store.event_case(ev) is None]
    assert missing == []
    assert assert_replays(db) >= len(committed)


@pytest.mark.slow
def test_several_processes_write_at_once(run: Run, gate: Gate, tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    Engine(None, store=db).close()  # create the file first, as an installation would
    writers = [run(BATCH, db, "12", f"p{i}", gate=gate) for i in range(4)]
    gate.open(writers)
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        assert out.strip() == "done"
    with Engine(None, store=db) as e:
        ids = [c.id for c in e.list()]
    # One daily sequence shared by every writer: 48 dossiers numbered 1..48 without a gap.
    assert sorted(int(i.rsplit("-", 1)[1]) for i in ids) == list(range(1, 49))
    assert assert_replays(db) == 48 * 6  # receive, three events, a correction and the event again


@pytest.mark.slow
def test_racing_writers_on_one_case_one_wins_the_others_conflict(run: Run, gate: Gate, tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    setup = run(SETUP + "\nc = engine.open('cap-phep', applicant='A', actor='o-mc', at=DAY)\n"
                "engine.fire(c.id, 'complete', actor='o-mc', at=DAY)\nprint(c.id)\n", db)  # fmt: skip
    out, err = setup.communicate(timeout=60)
    assert setup.returncode == 0, err
    case_id = out.strip()
    # Each racer reads the case at revision 2 and prepares revision 3 before the gate opens.
    racers = [run(RACER, db, case_id, actor, gate=gate) for actor in ("o-xa", "o-ca", "o-xa", "o-ca")]
    gate.open(racers)
    results = []
    for r in racers:
        out, err = r.communicate(timeout=60)
        assert r.returncode == 0, err
        results.append(out.strip())
    assert sorted(results) == ["conflict True"] * 3 + ["won"]
    with Engine(None, store=db) as e:
        assert e.get(case_id).revision == 3
    assert assert_replays(db) == 3
