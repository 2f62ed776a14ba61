"""One state machine per procedure version, shared by every case of that version.

This is the only module that imports ``transitions``. A :class:`ProcedureMachine` holds one
``transitions.Machine`` built from a spec wrapped in the one-stop frame; cases never become
models of it (a Machine or ``add_model`` per case costs tens of kilobytes and grows worse
than linearly). Instead each event looks up ``machine.events[event].transitions[state]`` and
checks the transition's named conditions against the case's own small state object. The
lookup is a table built once from the machine's events, (state, event) to each transition's
target and named conditions, so that firing an event is one dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Protocol, cast

from transitions import Machine, Transition

from motcua.engine.frame import (
    ANSWER,
    APOLOGIZE,
    AWAITING_SUPPLEMENT,
    COMPLETE,
    EXTEND,
    FRAME_STATES,
    NEW,
    PAUSE,
    RECEIVE,
    REFUSE,
    REFUSED,
    REQUEST_SUPPLEMENT,
    RESERVED_EVENTS,
    RESUME,
    SUPPLEMENT,
    TIMEOUT,
    WITHDRAW,
    WITHDRAWN,
    EventRefused,
)
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Procedure, Step

__all__ = ["Cursor", "ProcedureMachine"]


class Cursor(Protocol):
    """What the machine reads of a case: where it is and what its conditions depend on."""

    @property
    def state(self) -> str: ...
    @property
    def paused_from(self) -> str | None: ...
    @property
    def answered(self) -> tuple[str, ...]: ...
    @property
    def due(self) -> dt.datetime: ...
    @property
    def stopped(self) -> str | None: ...


# Named conditions on transitions. transitions would resolve these names on a model; we
# evaluate them ourselves on the case's cursor so that no case is ever a model.
ANSWERS_IN = "answers_in"  # every consulted unit has answered (spec "Events")
ANSWER_PENDING = "answer_pending"  # some consulted unit has not answered yet
RESUMES = "resumes"  # a supplement returns the case to the step it was paused at
OVERDUE = "overdue"  # apologize only when the appointment has passed (Form 04)
STOPPED = "stopped"  # the clock stands still in a clock stop: resume it, do not stop it again

#: What may happen while the clock stands still in a clock stop: it resumes, the appointment
#: is extended, or the case ends by refusal or withdrawal; the rest waits for the clock (a
#: second pause is refused by its own condition, which says why).
WHILE_STOPPED = frozenset({RESUME, EXTEND, REFUSE, WITHDRAW, PAUSE})

_Check = Callable[["ProcedureMachine", Cursor, str | None, dt.datetime], bool]

#: One transition as the table keeps it: its target (``None``: internal, the state stays) and
#: its named conditions, each with the value it must have (``False`` for an ``unless``).
Row = tuple[str | None, tuple[tuple[str, bool], ...]]


class ProcedureMachine:
    """The states and events of one procedure version inside the one-stop frame.

    >>> from decimal import Decimal
    >>> from motcua.engine.spec.model import *
    >>> d = Duration(Decimal(1), TimeUnit.WORKING_DAYS)
    >>> proc = Procedure("p", "a", Text.of("P"), "1", d, (), (),
    ...     (Step("tiep-nhan", "mot-cua", d, next="duyet"),
    ...      Step("duyet", "phong", d, outcomes=(Outcome("approve", "xong"),))),
    ...     (End("xong", EndOutcome.GRANTED),))
    >>> m = ProcedureMachine(proc)
    >>> m.events_at("tiep-nhan")
    ('complete', 'request_supplement', 'refuse', 'withdraw', 'apologize')
    >>> m.target("receive", "new")
    'tiep-nhan'
    >>> m.is_finished("xong"), m.is_finished("duyet")
    (True, False)
    """

    __slots__ = ("procedure", "machine", "_events", "_steps", "_finished", "_checks", "_table", "_at")

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self._steps: dict[str, Step] = {s.id: s for s in procedure.steps}
        ends = tuple(e.id for e in procedure.ends)
        clash = sorted((set(self._steps) | set(ends)) & {NEW, *FRAME_STATES})
        if clash:
            raise ValueError(f"{procedure.key}: step or end ids {clash} clash with frame states")
        self._finished = frozenset(ends + (REFUSED, WITHDRAWN))
        self.machine = Machine(
            model=None,
            states=[NEW, *self._steps, *ends, *FRAME_STATES],
            initial=NEW,
            transitions=list(_transitions(procedure)),
            auto_transitions=False,
            name=procedure.key,
        )
        self._events = self.machine.events
        self._table = _table(self.machine)
        self._at: dict[str, tuple[str, ...]] = {}
        self._checks: Mapping[str, _Check] = {
            ANSWERS_IN: _answers_in,
            ANSWER_PENDING: _answer_pending,
            RESUMES: _resumes,
            OVERDUE: _overdue,
            STOPPED: _stopped,
        }

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.machine.states)

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(self._events)

    def step(self, state: str) -> Step | None:
        """The spec step of a state, or ``None`` for ends and frame states."""
        return self._steps.get(state)

    def is_finished(self, state: str) -> bool:
        """True for ends and for the frame's ``refused`` and ``withdrawn``."""
        return state in self._finished

    @property
    def table(self) -> Mapping[tuple[str, str], tuple[Row, ...]]:
        """The transitions of the machine by (state, event), in the machine's order: each its
        target and named conditions (built once from ``machine.events``)."""
        return self._table

    def events_at(self, state: str) -> tuple[str, ...]:
        """Events that have a transition from ``state`` (their conditions aside)."""
        found = self._at.get(state)
        if found is None:
            found = self._at[state] = tuple(name for name, ev in self._events.items() if state in ev.transitions)
        return found

    def applies(self, event: str, state: str) -> bool:
        """Whether the table has a transition for ``event`` from ``state`` (conditions aside)."""
        return (state, event) in self._table

    def target(self, event: str, state: str) -> str | None:
        """The first target of ``event`` from ``state`` in the table, ignoring conditions."""
        found = self._table.get((state, event))
        return found[0][0] if found else None

    def resolve(self, cursor: Cursor, event: str, at: dt.datetime) -> str:
        """The state ``event`` moves the case to (its own state for an internal event).

        Raises :class:`EventRefused` when the event has no transition from the case's state
        or when a condition fails; the reason says which.
        """
        state = cursor.state
        ev = self._events.get(event)
        if ev is None:
            raise EventRefused(tr(f"'{event}' không phải là một sự kiện của {self.procedure.key}",
                                  f"'{event}' is not an event of {self.procedure.key}"))
        if cursor.stopped is not None and event not in WHILE_STOPPED and state not in self._finished:
            raise EventRefused(tr(
                f"'{event}' phải chờ: hồ sơ đang tạm dừng tính thời gian theo điểm tạm dừng '{cursor.stopped}'; "
                "hãy cho hồ sơ tiếp tục trước",
                f"'{event}' must wait: the clock stands still in clock stop '{cursor.stopped}'; "
                "resume the case first",
            ))
        found = self._table.get((state, event))
        if not found:
            allowed = ", ".join(e for e in self.events_at(state) if e != TIMEOUT)
            if state in self._finished:
                raise EventRefused(tr(f"hồ sơ đã kết thúc ({state}); không sự kiện nào áp dụng được",
                                      f"the case is finished ({state}); no event applies"))
            raise EventRefused(tr(
                f"'{event}' không áp dụng được tại '{state}'; các sự kiện tại đó: {allowed or 'không có'}",
                f"'{event}' does not apply at '{state}'; events there: {allowed or 'none'}",
            ))
        failed = ""
        for dest, conditions in found:
            for name, expected in conditions:
                if self._checks[name](self, cursor, dest, at) != expected:
                    failed = name
                    break
            else:
                return dest if dest is not None else state
        raise EventRefused(self._explain(failed, cursor, event))

    def pending(self, cursor: Cursor) -> tuple[str, ...]:
        """Consulted units of the current step that have not answered yet."""
        step = self._steps.get(cursor.state)
        if step is None:
            return ()
        return tuple(c.unit for c in step.consult if c.unit not in cursor.answered)

    def _explain(self, failed: str, cursor: Cursor, event: str) -> Tr:
        if failed == ANSWERS_IN:
            waiting = ", ".join(self.pending(cursor))
            return tr(f"'{event}' phải chờ: bước '{cursor.state}' đang chờ ý kiến trả lời của {waiting}",
                      f"'{event}' must wait: step '{cursor.state}' waits for answers from {waiting}")
        if failed == ANSWER_PENDING:
            return tr(f"mọi đơn vị được lấy ý kiến tại bước '{cursor.state}' đều đã trả lời",
                      f"every unit consulted at step '{cursor.state}' has already answered")
        if failed == STOPPED:
            if event == PAUSE:
                return tr(f"hồ sơ đã tạm dừng tính thời gian rồi, theo điểm tạm dừng '{cursor.stopped}'",
                          f"the clock already stands still in clock stop '{cursor.stopped}'")
            return tr("thời gian đang được tính: không có lần tạm dừng nào để cho tiếp tục",
                      "the clock is running: there is no clock stop to resume")
        if failed == OVERDUE:
            due = cursor.due.isoformat(timespec="minutes")
            return tr(f"hồ sơ chưa quá hạn (hẹn trả {due}); phiếu xin lỗi chỉ dành cho hồ sơ quá hạn",
                      f"the case is not overdue (appointment {due}); an apology is only for overdue cases")
        return tr(f"'{event}' không thể đưa hồ sơ trở lại '{cursor.paused_from}'",
                  f"'{event}' cannot return the case to '{cursor.paused_from}'")


def _answers_in(m: ProcedureMachine, c: Cursor, dest: str | None, at: dt.datetime) -> bool:
    return not m.pending(c)


def _answer_pending(m: ProcedureMachine, c: Cursor, dest: str | None, at: dt.datetime) -> bool:
    return bool(m.pending(c))


def _resumes(m: ProcedureMachine, c: Cursor, dest: str | None, at: dt.datetime) -> bool:
    return bool(c.paused_from == dest)


def _overdue(m: ProcedureMachine, c: Cursor, dest: str | None, at: dt.datetime) -> bool:
    return at > c.due


def _stopped(m: ProcedureMachine, c: Cursor, dest: str | None, at: dt.datetime) -> bool:
    return c.stopped is not None


def _table(machine: Machine) -> dict[tuple[str, str], tuple[Row, ...]]:
    """The machine's transitions by (state, event): targets and named conditions, in its order."""
    table: dict[tuple[str, str], tuple[Row, ...]] = {}
    for name, ev in machine.events.items():
        for source, found in ev.transitions.items():
            table[(source, name)] = tuple(_row(t) for t in found)
    return table


def _row(transition: Transition) -> Row:
    dest: str | None = transition.dest
    # Our conditions are always names (see _transitions), evaluated by ProcedureMachine._checks.
    return dest, tuple((cast(str, c.func), bool(c.target)) for c in transition.conditions)


def _transitions(procedure: Procedure) -> list[dict[str, object]]:
    """The transition table: the spec's steps wrapped in the one-stop frame."""
    out: list[dict[str, object]] = [
        {"trigger": RECEIVE, "source": NEW, "dest": procedure.first_step.id}
    ]
    for step in procedure.steps:
        done = [ANSWERS_IN] if step.consult else []
        if step.next is not None:
            out.append({"trigger": COMPLETE, "source": step.id, "dest": step.next, "conditions": done})
        for outcome in step.outcomes:
            if outcome.name in RESERVED_EVENTS:
                raise ValueError(f"{procedure.key}: outcome '{outcome.name}' is a reserved event name")
            out.append(
                {"trigger": outcome.name, "source": step.id, "dest": outcome.to, "conditions": done}
            )
        if step.consult:
            out.append(
                {"trigger": ANSWER, "source": step.id, "dest": None, "conditions": [ANSWER_PENDING]}
            )
        if step.timeout is not None:
            out.append({"trigger": TIMEOUT, "source": step.id, "dest": step.timeout.to})
        out.append({"trigger": REQUEST_SUPPLEMENT, "source": step.id, "dest": AWAITING_SUPPLEMENT})
        out.append({"trigger": REFUSE, "source": step.id, "dest": REFUSED})
        out.append({"trigger": WITHDRAW, "source": step.id, "dest": WITHDRAWN})
        out.append({"trigger": APOLOGIZE, "source": step.id, "dest": None, "conditions": [OVERDUE]})
        out.append(
            {"trigger": SUPPLEMENT, "source": AWAITING_SUPPLEMENT, "dest": step.id, "conditions": [RESUMES]}
        )
        if procedure.extensions:
            out.append({"trigger": EXTEND, "source": step.id, "dest": None})
        if procedure.clock_stops:
            # A clock stop is a period of the step's work that does not count (financial
            # obligations, public posting); awaiting a supplement, the clock stands still already.
            out.append({"trigger": PAUSE, "source": step.id, "dest": None, "unless": [STOPPED]})
            out.append({"trigger": RESUME, "source": step.id, "dest": None, "conditions": [STOPPED]})
    # While a supplement is awaited the clock is stopped, so the case cannot fall overdue;
    # the applicant may still withdraw, and the dossier may still be refused.
    out.append({"trigger": REFUSE, "source": AWAITING_SUPPLEMENT, "dest": REFUSED})
    out.append({"trigger": WITHDRAW, "source": AWAITING_SUPPLEMENT, "dest": WITHDRAWN})
    if procedure.extensions:
        out.append({"trigger": EXTEND, "source": AWAITING_SUPPLEMENT, "dest": None})
    return out
