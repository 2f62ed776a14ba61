"""The machine's table against transitions' own machine: the engine looks up (state, event) in a
table built from the ``transitions`` machine; transitions, triggering the same events on a model,
must move every shipped procedure's cases to the same states and refuse the same events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from transitions import EventData, Machine, MachineError

from motcua.engine.frame import EventRefused
from motcua.engine.machine import WHILE_STOPPED, ProcedureMachine
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Procedure

ROOT = Path(__file__).resolve().parents[2]
DUE = dt.datetime(2025, 3, 18, 17, 0)


@cache
def shipped() -> tuple[Procedure, ...]:
    return load_catalog(ROOT / "procedures").procedures


@cache
def machine(index: int) -> ProcedureMachine:
    return ProcedureMachine(shipped()[index])


@dataclass
class Cursor:
    state: str
    paused_from: str | None = None
    answered: tuple[str, ...] = ()
    due: dt.datetime = DUE
    stopped: str | None = None


class Model:
    """A case as transitions sees it: its conditions are methods, asked by transitions' trigger."""

    def __init__(self, m: ProcedureMachine, cursor: Cursor, at: dt.datetime) -> None:
        self.m, self.cursor, self.at = m, cursor, at

    def answers_in(self, event: EventData) -> bool:
        return not self.m.pending(self.cursor)

    def answer_pending(self, event: EventData) -> bool:
        return bool(self.m.pending(self.cursor))

    def resumes(self, event: EventData) -> bool:
        assert event.transition is not None
        return self.cursor.paused_from == event.transition.dest

    def overdue(self, event: EventData) -> bool:
        return self.at > self.cursor.due

    def stopped(self, event: EventData) -> bool:
        return self.cursor.stopped is not None


def triggered(m: ProcedureMachine, cursor: Cursor, event: str, at: dt.datetime) -> str | None:
    """The state transitions' trigger moves ``cursor`` to, or ``None`` when it does not move it."""
    model = Model(m, cursor, at)
    Machine(model=model, states=list(m.states), initial=cursor.state, auto_transitions=False, send_event=True,
            transitions=[{"trigger": name, "source": source, "dest": t.dest,
                          "conditions": [c.func for c in t.conditions if c.target],
                          "unless": [c.func for c in t.conditions if not c.target]}
                         for name, ev in m.machine.events.items()
                         for source, found in ev.transitions.items() for t in found])  # fmt: skip
    try:
        moved = model.trigger(event)  # type: ignore[attr-defined]
    except MachineError:
        return None
    return str(model.state) if moved else None  # type: ignore[attr-defined]


def test_the_table_holds_every_transition_of_every_shipped_procedure() -> None:
    for index, procedure in enumerate(shipped()):
        m = machine(index)
        for state in m.states:
            for event in m.events:
                found = m.machine.events[event].transitions.get(state, [])
                rows = tuple((t.dest, tuple((c.func, c.target) for c in t.conditions)) for t in found)
                assert m.table.get((state, event), ()) == rows, (procedure.key, state, event)
                assert m.applies(event, state) == bool(found)
                assert m.target(event, state) == (found[0].dest if found else None)
        assert set(m.events_at(m.states[0])) == {e for (s, e) in m.table if s == m.states[0]}


@st.composite
def cases(draw: st.DrawFn) -> tuple[ProcedureMachine, Cursor, str, dt.datetime]:
    m = machine(draw(st.integers(0, len(shipped()) - 1)))
    steps = [s for s in m.states if m.step(s) is not None]
    consulted = sorted({c.unit for s in steps for c in m.step(s).consult})  # type: ignore[union-attr]
    cursor = Cursor(
        state=draw(st.sampled_from(m.states)),
        paused_from=draw(st.none() | st.sampled_from(steps)),
        answered=tuple(draw(st.lists(st.sampled_from(consulted), unique=True))) if consulted else (),
        stopped=draw(st.none() | st.just("stop")),
    )
    at = DUE + dt.timedelta(minutes=draw(st.integers(-60, 60)))
    return m, cursor, draw(st.sampled_from(m.events)), at


@settings(max_examples=2000, deadline=None)
@given(cases())
def test_resolving_by_the_table_is_what_transitions_trigger_does(case: tuple[ProcedureMachine, Cursor, str, dt.datetime]) -> None:
    m, cursor, event, at = case
    try:
        resolved: str | None = m.resolve(cursor, event, at)
    except EventRefused:
        resolved = None
    held = cursor.stopped is not None and event not in WHILE_STOPPED and not m.is_finished(cursor.state)
    # A clock stop holds back events whatever the table says: the engine's own rule, before it.
    assert resolved == (None if held else triggered(m, cursor, event, at))
