"""Several processes on one store (an SQLite file, a PostgreSQL server): events raced onto the
same cases are each stored once, and every loser is told of a conflict naming the case.

The racers (``racer.py``) are real processes. Each round they all read the cases, then all
append on the revisions they read, so on every case one wins and the others must conflict;
they retry until their event is in. No timing is assumed: the rounds are held together by the
racers saying ``ready`` and being told ``go``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from motcua.engine.store.base import CaseStore
from tests.engine.store.test_contract import DEFINITION, DIGEST, opened

ROOT = Path(__file__).parents[3]
RACERS, ROUNDS, CASES = 4, 3, 5


@pytest.fixture(params=["sqlite", "postgres"])
def shared(request: pytest.FixtureRequest) -> CaseStore:
    """A handle on a store other processes can open too."""
    opener: Callable[[], CaseStore] = request.getfixturevalue(request.param)
    store = opener()
    store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    return store


def test_events_raced_onto_the_same_cases_are_each_stored_once(shared: CaseStore) -> None:
    case_ids = [opened(shared).id for _ in range(CASES)]
    racers = [
        subprocess.Popen([sys.executable, "-m", "tests.engine.store.racer", shared.location, f"racer{n}", str(ROUNDS),
                          *case_ids], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)  # fmt: skip
        for n in range(RACERS)
    ]
    try:
        for _ in range(ROUNDS):
            for racer in racers:
                assert racer.stdout is not None and racer.stdout.readline() == "ready\n", racer.stderr
            for racer in racers:
                assert racer.stdin is not None
                racer.stdin.write("go\n")
                racer.stdin.flush()
        results = []
        for racer in racers:
            out, err = racer.communicate(timeout=300)
            assert racer.returncode == 0, err
            results.append(json.loads(out))
    finally:
        for racer in racers:
            if racer.poll() is None:
                racer.kill()
                racer.wait()

    accepted = [event_id for r in results for event_id in r["accepted"]]
    assert len(accepted) == RACERS * ROUNDS * CASES == len(set(accepted))  # every racer's every event went in
    conflicts = [c for r in results for c in r["conflicts"]]
    # All racers read the same revision each round: on each case one won and the others lost at least once.
    assert len(conflicts) >= ROUNDS * CASES * (RACERS - 1)
    for conflict in conflicts:
        assert conflict["case"] in case_ids and f"case {conflict['case']}" in conflict["message"]
        assert conflict["found"] is not None and conflict["found"] > conflict["expected"]
    stored = []
    for case_id in case_ids:
        case = shared.load(case_id)
        assert case is not None
        assert [e.seq for e in case.events] == list(range(1, 2 + RACERS * ROUNDS))
        stored += [e.id for e in case.events[1:]]
        assert Counter(e.note for e in case.events[1:]) == {f"racer{n}": ROUNDS for n in range(RACERS)}
    assert sorted(stored) == sorted(accepted)
