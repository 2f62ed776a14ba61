"""The shared procedure machine: its table, its conditions, and that cases never become models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from motcua.engine.frame import AWAITING_SUPPLEMENT, NEW, REFUSED, WITHDRAWN, EventRefused
from motcua.engine.machine import ProcedureMachine
from motcua.engine.spec.model import Catalog, Outcome, Procedure

AT = dt.datetime(2025, 3, 3, 9, 0)


@dataclass
class Cursor:
    state: str
    paused_from: str | None = None
    answered: tuple[str, ...] = ()
    due: dt.datetime = dt.datetime(2025, 3, 18, 17, 0)
    stopped: str | None = None


@pytest.fixture(scope="module")
def procedure(catalog: Catalog) -> Procedure:
    return catalog.procedure("cap-phep", version="1")


@pytest.fixture(scope="module")
def machine(procedure: Procedure) -> ProcedureMachine:
    return ProcedureMachine(procedure)


def test_states_are_steps_ends_and_frame_states(machine: ProcedureMachine, procedure: Procedure) -> None:
    frame = {NEW, AWAITING_SUPPLEMENT, REFUSED, WITHDRAWN}
    assert sorted(machine.states) == sorted({s.id for s in procedure.steps} | {e.id for e in procedure.ends} | frame)


def test_events_of_a_step_follow_the_spec_and_the_frame(machine: ProcedureMachine) -> None:
    assert machine.events_at("tiep-nhan") == ("complete", "request_supplement", "refuse", "withdraw", "apologize")
    assert set(machine.events_at("tham-dinh")) == {
        "approve", "reject", "answer", "request_supplement", "refuse", "withdraw", "apologize",
    }  # fmt: skip
    assert set(machine.events_at(AWAITING_SUPPLEMENT)) == {"supplement", "refuse", "withdraw"}
    assert machine.events_at("da-cap") == ()


def test_one_machine_serves_many_cases_without_models(machine: ProcedureMachine) -> None:
    cases = [Cursor("tiep-nhan") for _ in range(50)]
    for c in cases:
        c.state = machine.resolve(c, "complete", AT)
    assert {c.state for c in cases} == {"tham-dinh"}
    assert machine.machine.models == []  # no case was ever added as a transitions model


def test_completion_waits_for_every_consulted_unit_in_any_order(machine: ProcedureMachine) -> None:
    c = Cursor("tham-dinh")
    with pytest.raises(EventRefused, match="waits for answers from ubnd-xa, cong-an"):
        machine.resolve(c, "approve", AT)
    assert machine.resolve(c, "answer", AT) == "tham-dinh"
    c.answered = ("cong-an",)
    with pytest.raises(EventRefused, match="waits for answers from ubnd-xa$"):
        machine.resolve(c, "reject", AT)
    c.answered = ("cong-an", "ubnd-xa")
    with pytest.raises(EventRefused, match="already answered"):
        machine.resolve(c, "answer", AT)
    assert machine.resolve(c, "approve", AT) == "trinh-ky"


def test_supplement_returns_to_the_step_it_was_requested_at(machine: ProcedureMachine) -> None:
    c = Cursor("trinh-ky")
    assert machine.resolve(c, "request_supplement", AT) == AWAITING_SUPPLEMENT
    c = Cursor(AWAITING_SUPPLEMENT, paused_from="trinh-ky")
    assert machine.resolve(c, "supplement", AT) == "trinh-ky"


def test_apologize_only_after_the_appointment(machine: ProcedureMachine) -> None:
    c = Cursor("trinh-ky")
    with pytest.raises(EventRefused, match="not overdue"):
        machine.resolve(c, "apologize", c.due)
    assert machine.resolve(c, "apologize", c.due + dt.timedelta(seconds=1)) == "trinh-ky"


def test_finished_and_unknown(machine: ProcedureMachine) -> None:
    with pytest.raises(EventRefused, match="finished"):
        machine.resolve(Cursor("da-cap"), "complete", AT)
    with pytest.raises(EventRefused, match="not an event"):
        machine.resolve(Cursor("tiep-nhan"), "aprove", AT)
    with pytest.raises(EventRefused, match="does not apply at 'tiep-nhan'"):
        machine.resolve(Cursor("tiep-nhan"), "approve", AT)


def test_spec_names_that_clash_with_the_frame_are_refused(procedure: Procedure) -> None:
    step = procedure.step("tham-dinh")
    bad = replace(step, outcomes=(Outcome("refuse", "trinh-ky"),))
    steps = tuple(bad if s.id == "tham-dinh" else s for s in procedure.steps)
    with pytest.raises(ValueError, match="reserved event name"):
        ProcedureMachine(replace(procedure, steps=steps))
    renamed = tuple(replace(s, id="withdrawn") if s.id == "trinh-ky" else s for s in procedure.steps)
    with pytest.raises(ValueError, match="clash with frame states"):
        ProcedureMachine(replace(procedure, steps=renamed))
