"""Cases a store keeps between events, and other writers on the same file.

The SQLite store remembers the cases it wrote or read, so firing on them reads nothing back.
Another engine (or process) on the same file makes that copy stale: the revision-checked write
or a refusal then sends the engine back to the file, and the event is decided on the stored case.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.engine.cases import ConflictError, Engine, EventRefused, InvalidInput
from motcua.engine.spec.loading import load_catalog
from motcua.engine.store.sqlite import SqliteStore

CATALOG = Path(__file__).parent / "catalog"
MON = dt.datetime(2025, 3, 3, 8, 0)  # Monday 3 March 2025, 08:00
OFFICERS = [
    ("o-mc", "mot-cua"),
    ("o-cm", "phong-chuyen-mon"),
    ("o-gd", "giam-doc"),
    ("o-xa", "ubnd-xa"),
    ("o-ca", "cong-an"),
]


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


@pytest.fixture
def first(path: Path) -> Iterator[Engine]:
    with Engine(load_catalog(CATALOG), store=path) as e:
        for oid, unit in OFFICERS:
            e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=oid, position="Chuyên viên")
        yield e


@pytest.fixture
def second(first: Engine, path: Path) -> Iterator[Engine]:
    with Engine(None, store=path) as e:
        yield e


def at_appraisal(engine: Engine) -> str:
    """A case at 'tham-dinh', which waits for answers from 'ubnd-xa' and 'cong-an'."""
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=MON)
    return engine.fire(case.id, "complete", actor="o-mc", at=t(3, 9)).id


def stored(path: Path, case_id: str) -> tuple[int, list[str]]:
    with SqliteStore(path) as store:
        case = store.load(case_id)
    assert case is not None
    return case.revision, [f"{e.seq}:{e.event}:{e.actor.id}" for e in case.events]


def test_a_case_changed_by_another_engine_between_two_fires_is_read_again(
    first: Engine, second: Engine, path: Path
) -> None:
    cid = at_appraisal(first)
    second.fire(cid, "answer", actor="o-xa", at=t(4, 9))
    case = first.fire(cid, "answer", actor="o-ca", at=t(4, 10))
    assert case.revision == 4 and case.answered == ("ubnd-xa", "cong-an")
    assert stored(path, cid) == (4, ["1:receive:o-mc", "2:complete:o-mc", "3:answer:o-xa", "4:answer:o-ca"])
    assert second.get(cid) == case == first.get(cid)
    assert first.replay(cid) == case


def test_an_event_refused_on_the_old_state_is_allowed_on_the_stored_one(first: Engine, second: Engine) -> None:
    cid = at_appraisal(first)
    second.fire(cid, "answer", actor="o-xa", at=t(4, 9))
    second.fire(cid, "answer", actor="o-ca", at=t(4, 10))
    # As the first engine last saw it, the step still waits for both answers.
    case = first.fire(cid, "approve", actor="o-cm", at=t(5, 9))
    assert case.revision == 5 and case.state != "tham-dinh"
    assert [e.event for e in case.events] == ["receive", "complete", "answer", "answer", "approve"]


def test_an_event_no_longer_allowed_is_refused_on_the_stored_state_and_changes_nothing(
    first: Engine, second: Engine, path: Path
) -> None:
    cid = at_appraisal(first)
    second.fire(cid, "answer", actor="o-xa", at=t(4, 9))
    with pytest.raises(EventRefused, match="unit 'ubnd-xa' has already answered"):
        first.fire(cid, "answer", actor="o-xa", at=t(4, 10))
    assert stored(path, cid) == (3, ["1:receive:o-mc", "2:complete:o-mc", "3:answer:o-xa"])
    second.fire(cid, "refuse", actor="o-cm", note="Không thuộc thẩm quyền", at=t(4, 11))
    with pytest.raises(EventRefused, match="is finished"):
        first.fire(cid, "withdraw", actor="o-mc", note="Người nộp rút hồ sơ", at=t(4, 12))
    assert stored(path, cid)[0] == 4


def test_a_time_before_another_writers_event_is_refused_on_the_stored_case(first: Engine, second: Engine) -> None:
    cid = at_appraisal(first)
    second.fire(cid, "answer", actor="o-xa", at=t(6, 9))
    with pytest.raises(InvalidInput, match="before its last event"):
        first.fire(cid, "answer", actor="o-ca", at=t(5, 9))


def test_expected_revision_is_checked_against_the_stored_case(first: Engine, second: Engine) -> None:
    cid = at_appraisal(first)
    seen = first.get(cid).revision
    second.fire(cid, "answer", actor="o-xa", at=t(4, 9))
    with pytest.raises(ConflictError, match=cid) as err:
        first.fire(cid, "answer", actor="o-ca", at=t(4, 10), expected_revision=seen)
    assert (err.value.expected, err.value.found) == (seen, seen + 1)
    case = first.fire(cid, "answer", actor="o-ca", at=t(4, 10), expected_revision=seen + 1)
    assert case.revision == seen + 2


def test_an_event_retried_through_another_engine_is_harmless(first: Engine, second: Engine, path: Path) -> None:
    cid = at_appraisal(first)
    fired = first.fire(cid, "answer", actor="o-xa", at=t(4, 9), event_id="ev-xa")
    again = second.fire(cid, "answer", actor="o-xa", at=t(4, 9), event_id="ev-xa")
    assert again == fired and stored(path, cid)[0] == 3


def test_the_case_an_engine_keeps_is_the_case_a_fresh_reader_gets(first: Engine, path: Path) -> None:
    cid = at_appraisal(first)
    first.fire(cid, "request_supplement", actor="o-cm", records=["don"], note="Thiếu đơn", at=t(4, 9))
    first.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(5, 9))
    first.fire(cid, "answer", actor="o-xa", at=t(5, 10))
    first.fire(cid, "answer", actor="o-ca", at=t(5, 11))
    first.fire(cid, "reject", actor="o-cm", at=t(21, 10))
    kept = first.fire(cid, "apologize", actor="o-mc", note="Trễ", until=t(26, 17), at=t(21, 11))
    with Engine(None, store=path) as reader:
        assert reader.get(cid) == kept == reader.replay(cid)


FIRE = """
import datetime as dt, sys
from motcua.engine.cases import Engine
with Engine(None, store=sys.argv[1]) as e:
    e.fire(sys.argv[2], "answer", actor="o-xa", at=dt.datetime(2025, 3, 4, 9, 0))
"""


@pytest.mark.slow
def test_a_case_changed_by_another_process_between_two_fires_is_read_again(first: Engine, path: Path) -> None:
    cid = at_appraisal(first)
    done = subprocess.run([sys.executable, "-c", FIRE, str(path), cid], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    case = first.fire(cid, "answer", actor="o-ca", at=t(4, 10))
    assert case.revision == 4 and case.answered == ("ubnd-xa", "cong-an")
    assert stored(path, cid) == (4, ["1:receive:o-mc", "2:complete:o-mc", "3:answer:o-xa", "4:answer:o-ca"])
