"""Reliability with real processes on real SQLite files: kill -9, concurrent writers, replay.

The writers correct events as they go, so replaying every log (corrections and the events
they void included) must give the stored rows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua.engine.cases import Engine

CATALOG = Path(__file__).parent / "catalog"

SETUP = """
import datetime as dt, sys
from motcua.engine.cases import ConflictError, Engine, EventRefused
from motcua.engine.spec.loading import load_catalog
catalog, db = sys.argv[1], sys.argv[2]
engine = Engine(load_catalog(catalog), store=db)
for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-gd", "giam-doc"),
                  ("o-xa", "ubnd-xa"), ("o-ca", "cong-an")]:
    engine.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=oid, position="Chuyên viên")
DAY = dt.datetime(2025, 3, 3, 8, 0)
WALK = [("complete", "o-mc"), ("answer", "o-xa"), ("answer", "o-ca"), ("approve", "o-cm"),
        ("complete", "o-gd"), ("complete", "o-mc")]
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

# Opens and advances its own cases while other processes do the same.
BATCH = SETUP + """
for i in range(int(sys.argv[3])):
    case = engine.open("cap-phep", applicant=f"{sys.argv[4]}-{i}", actor="o-mc", at=DAY)
    for n, (event, actor) in enumerate(WALK[:3], 1):
        engine.fire(case.id, event, actor=actor, at=DAY + dt.timedelta(minutes=n))
    engine.correct(case.id, actor="o-mc", reason="Nhầm", at=DAY + dt.timedelta(minutes=4))
    engine.fire(case.id, "answer", actor="o-ca", at=DAY + dt.timedelta(minutes=5))
print("done", flush=True)
"""

# Reads a shared case, waits for the others, then tries to write the same next event.
RACER = SETUP + """
import time
from motcua.engine.ledger import Event, advance, new_event_id
case_id, start_at, actor = sys.argv[3], float(sys.argv[4]), sys.argv[5]
case = engine.get(case_id)
definition = engine.definition(case)
target = definition.machine.resolve(case, "answer", DAY)
event = Event(new_event_id(), case.revision + 1, "answer", engine.officer(actor), DAY, case.state, target)
expected = case.revision
advance(case, event, definition)
time.sleep(max(0.0, start_at - time.time()))
try:
    engine.store.append(case, expected=expected)
    print("won", flush=True)
except ConflictError as err:
    print("conflict", case_id in str(err), flush=True)
"""


def run(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(CATALOG), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_replays(db: Path) -> int:
    with Engine(None, store=db) as e:
        cases = e.list()
        for c in cases:
            assert e.replay(c.id) == c
        return sum(len(c.events) for c in cases)


@pytest.mark.slow
def test_kill_9_mid_stream_loses_no_committed_event(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    proc = run(WRITER, str(db))
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
def test_several_processes_write_at_once(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    Engine(None, store=db).close()  # create the file first, as an installation would
    writers = [run(BATCH, str(db), "12", f"p{i}") for i in range(4)]
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
def test_racing_writers_on_one_case_one_wins_the_others_conflict(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    setup = run(SETUP + "\nc = engine.open('cap-phep', applicant='A', actor='o-mc', at=DAY)\n"
                "engine.fire(c.id, 'complete', actor='o-mc', at=DAY)\nprint(c.id)\n", str(db))  # fmt: skip
    out, err = setup.communicate(timeout=60)
    assert setup.returncode == 0, err
    case_id = out.strip()
    start_at = time.time() + 3.0
    racers = [run(RACER, str(db), case_id, str(start_at), actor) for actor in ("o-xa", "o-ca", "o-xa", "o-ca")]
    results = []
    for r in racers:
        out, err = r.communicate(timeout=60)
        assert r.returncode == 0, err
        results.append(out.strip())
    assert results.count("won") == 1
    assert sorted(results)[:3] == ["conflict True"] * 3
    with Engine(None, store=db) as e:
        assert e.get(case_id).revision == 3
    assert assert_replays(db) == 3
