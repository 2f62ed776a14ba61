"""One of several processes racing to append events to the same cases (run by test_concurrency.py).

``python -m tests.engine.store.racer LOCATION NAME ROUNDS CASE...``: each round it reads every
case, says ``ready`` and waits for ``go`` on stdin, so that all racers decide on the same
revisions; then it appends one event to each case, and on a conflict reads the case again and
retries until its event is accepted. It ends by printing, as one JSON object, the ids of the
events accepted and each conflict it met (case, message, expected and found revisions).
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from motcua.engine.store import open_store
from motcua.engine.store.base import ConflictError
from tests.engine.store.test_contract import then


def main(location: str, name: str, rounds: int, case_ids: list[str]) -> None:
    accepted: list[str] = []
    conflicts: list[dict[str, object]] = []
    with open_store(location, create=False) as store:
        for r in range(rounds):
            seen = {case_id: store.load(case_id) for case_id in case_ids}
            print("ready", flush=True)
            if sys.stdin.readline().strip() != "go":
                sys.exit(3)
            for case_id in case_ids:
                case = seen[case_id]
                event_id = f"{name}-{r}-{case_id}"
                while True:
                    assert case is not None
                    new = then(case, "answer", at=case.last_at + dt.timedelta(minutes=1), event_id=event_id, note=name)
                    try:
                        store.append(new, expected=case.revision)
                    except ConflictError as err:
                        conflicts.append({"case": err.case_id, "message": str(err), "expected": err.expected,
                                          "found": err.found})  # fmt: skip
                        case = store.load(case_id)
                        continue
                    accepted.append(event_id)
                    break
    print(json.dumps({"accepted": accepted, "conflicts": conflicts}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:])
