"""An event id names one event (issue 8, finding 8).

A retry with the same id and the same parameters returns the case as the first call left it;
a call reusing the id for another event used to succeed silently and record nothing. It is
refused now, naming the recorded event and the one asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.engine.cases import Engine, InvalidInput
from motcua.engine.spec.model import Catalog
from motcua.engine.store.sqlite import SqliteStore

Clock = Callable[..., dt.datetime]
Staff = Callable[[Engine], Engine]


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, catalog: Catalog, staff: Staff, tmp_path: Path) -> Iterator[Engine]:
    with staff(Engine(catalog, store=None if request.param == "memory" else tmp_path / "cases.db")) as e:
        yield e


#: A supplement requested on Tuesday 4 March at 09:00.
REQUEST: dict[str, Any] = {"actor": "o-cm", "records": ["don"], "note": "Thiếu chữ ký", "at": dt.datetime(2025, 3, 4, 9),
                           "event_id": "E1"}  # fmt: skip


@pytest.mark.parametrize(
    ("event", "change", "differ"),
    [
        ("withdraw", {"actor": "o-mc", "records": (), "note": None}, "event, actor, note, records"),
        ("request_supplement", {"actor": "o-mc"}, "actor"),
        ("request_supplement", {"note": "Khác"}, "note"),
        ("request_supplement", {"records": ["ban-sao"]}, "records"),
        ("request_supplement", {"at": dt.datetime(2025, 3, 4, 10)}, "at"),
    ],
    ids=["another-event", "actor", "note", "records", "at"],
)
def test_a_retry_that_differs_is_refused_naming_both(engine: Engine, event: str, change: dict[str, Any],
                                                      differ: str, t: Clock) -> None:  # fmt: skip
    cid = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 9))
    first = engine.fire(cid, "request_supplement", **REQUEST)
    with pytest.raises(InvalidInput) as err:
        engine.fire(cid, event, **{**REQUEST, **change})
    message = str(err.value)
    assert message.startswith(f"event id E1 is already recorded on case {cid} as event 3 'request_supplement' by o-cm")
    assert f"this call asks for '{event}'" in message and message.endswith(f"differ in {differ}: give another event another id")
    assert engine.get(cid) == first
    assert engine.fire(cid, "request_supplement", **REQUEST) == first  # the same event again: harmless
    assert engine.fire(cid, "request_supplement", **{**REQUEST, "note": " Thiếu chữ ký ", "at": None}) == first


def test_an_apology_retried_with_another_appointment_is_refused(engine: Engine, t: Clock) -> None:
    cid = engine.open("dang-ky", applicant="A", actor="o-mc", at=t(3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=t(3, 9))
    engine.fire(cid, "object", actor="o-cm", at=t(4, 9))
    late = {"actor": "o-gd", "note": "Chờ", "at": t(17, 9), "event_id": "A1"}  # due on the 11th
    first = engine.fire(cid, "apologize", until=t(19, 17), **late)
    with pytest.raises(InvalidInput, match="differ in until"):
        engine.fire(cid, "apologize", until=t(20, 17), **late)
    assert engine.fire(cid, "apologize", until=t(19, 17), **late) == first


def test_a_receipt_retried_for_another_dossier_is_refused(engine: Engine, t: Clock) -> None:
    first = engine.open("cap-phep", applicant="Công ty A", actor="o-mc", at=t(3, 8), event_id="R1")
    for change, differ in [({"applicant": "Công ty B"}, "applicant"), ({"procedure": "dang-ky"}, "procedure"),
                           ({"records": ["don"]}, "records"), ({"at": t(3, 9)}, "at")]:  # fmt: skip
        call: dict[str, Any] = {"procedure": "cap-phep", "applicant": "Công ty A", "actor": "o-mc", "at": t(3, 8),
                                "event_id": "R1", **change}  # fmt: skip
        with pytest.raises(InvalidInput, match=f"as event 1 'receive' by o-mc .* differ in {differ}:"):
            engine.open(call.pop("procedure"), **call)
    again = engine.open("so-thu-nghiem/cap-phep", applicant=" Công ty A ", actor="o-mc", records=["don", "ban-sao"],
                        event_id="R1")  # fmt: skip
    assert again == first and len(engine.list()) == 1


def test_an_event_id_of_another_case_is_refused(engine: Engine, t: Clock) -> None:
    a = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
    b = engine.open("cap-phep", applicant="B", actor="o-mc", at=t(3, 8)).id
    engine.fire(a, "complete", actor="o-mc", at=t(3, 9), event_id="C1")
    with pytest.raises(InvalidInput, match=f"recorded on case {a} .* on case {b}; they differ in case"):
        engine.fire(b, "complete", actor="o-mc", at=t(3, 9), event_id="C1")
    assert engine.get(b).revision == 1


class LateLookup(SqliteStore):
    """A store whose id lookup comes too late: another writer records the id between the
    engine's check and its write, so only the write learns of it."""

    def event_case(self, event_id: str) -> str | None:
        return None


def test_a_racing_writer_reusing_an_id_for_another_event_is_refused(catalog: Catalog, staff: Staff, tmp_path: Path,
                                                                   t: Clock) -> None:  # fmt: skip
    path = tmp_path / "cases.db"
    with staff(Engine(catalog, store=path)) as first:
        cid = first.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
        first.fire(cid, "complete", actor="o-mc", at=t(3, 9))
        with Engine(None, store=LateLookup(path)) as second, Engine(None, store=LateLookup(path)) as third:
            seen = second.get(cid)  # the writers have all seen the case at appraisal
            assert third.get(cid) == seen
            recorded = first.fire(cid, "request_supplement", **REQUEST)
            with pytest.raises(InvalidInput, match="as event 3 'request_supplement' .* differ in event, actor, note, records"):
                second.fire(cid, "withdraw", actor="o-mc", note="Rút", event_id="E1", at=t(4, 9))
            assert second.get(cid) == recorded != seen
            # The same event raced for: harmless, whatever each writer's clock said.
            assert third.fire(cid, "request_supplement", **{**REQUEST, "at": None}) == recorded
