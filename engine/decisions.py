"""Deciding an event on a case: whether the rules allow it now, and the row it adds to the log.

The engine reads the case, then asks here (or ``corrections`` for a ``correct`` event) for the
event to record, and records it: nothing here writes. The order of the checks is what an
officer reads first when several fail: an unknown event, a finished case, a time before the
last event, then who may act (``permits``), then what the case waits for (``machine``), then
what the event must carry. :func:`possible_events` asks the same questions of every event, to
say what could be fired now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from motcua.engine.event_ids import new_event_id
from motcua.engine.fold import breach_of, voided
from motcua.engine.frame import (
    ANSWER,
    APOLOGIZE,
    CORRECT,
    EXTEND,
    PAUSE,
    RECEIVE,
    REFUSE,
    REQUEST_SUPPLEMENT,
    RESUME,
    SUPPLEMENT,
    TIMEOUT,
    WITHDRAW,
    EventRefused,
)
from motcua.engine.inputs import InvalidInput
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.officers import ENGINE_ACTOR, Officer
from motcua.engine.permits import event_inputs, permit
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.suggest import did_you_mean_tr

__all__ = ["decision", "possible_events"]

#: Events no officer fires by name on a case: the receipt opens it, the engine fires timeouts,
#: and a correction voids an event rather than moving the case.
_NOT_FIRED = frozenset({RECEIVE, TIMEOUT, CORRECT})
#: The order the frame's events are listed in, after the step's own (``complete``, outcomes).
_FRAME_ORDER = {e: n for n, e in enumerate(
    (ANSWER, REQUEST_SUPPLEMENT, SUPPLEMENT, REFUSE, WITHDRAW, APOLOGIZE, EXTEND, PAUSE, RESUME), 1)}  # fmt: skip


def decision(
    case: Case,
    event: str,
    officer: Officer,
    *,
    note: str | None,
    records: Sequence[str],
    until: dt.datetime | None,
    at: dt.datetime,
    event_id: str | None,
    definition: Definition,
    term: str | None = None,
) -> Event:
    """The event ``event`` that ``officer`` fires on ``case`` at ``at``, its target resolved.

    Raises :class:`EventRefused` when the rules forbid it now and :class:`InvalidInput` when
    the event is unknown, dated before the case's last event, or lacks what it must carry
    (``permits.event_inputs``; ``term`` is the extension or clock stop it names). The engine's own events (``ENGINE_ACTOR``: a due timeout) are
    not asked for a permit.
    """
    machine = definition.machine
    if event not in machine.machine.events:
        known = [e for e in machine.events if e not in (RECEIVE, TIMEOUT)]
        raise InvalidInput(tr(f"'{event}' không phải là một sự kiện của {definition.key}",
                              f"'{event}' is not an event of {definition.key}") + did_you_mean_tr(event, known))
    if case.closed_at is not None:
        raise EventRefused(tr(
            f"hồ sơ {case.id} đã kết thúc ({case.state}); mọi sự kiện trên hồ sơ đã kết thúc đều bị từ chối "
            "(sự kiện cuối cùng ghi nhầm được huỷ bằng 'motcua case correct')",
            f"case {case.id} is finished ({case.state}); events on a finished case are refused "
            "(a mistaken last event is voided with 'motcua case correct')",
        ))
    if at < case.last_at:
        raise InvalidInput(tr(
            f"hồ sơ {case.id}: {at.isoformat()} sớm hơn sự kiện cuối cùng của hồ sơ ({case.last_at.isoformat()})",
            f"case {case.id}: {at.isoformat()} is before its last event ({case.last_at.isoformat()})",
        ))
    if officer is not ENGINE_ACTOR and machine.applies(event, case.state):
        # Who may act is checked before what the case waits for: an officer without the
        # right learns that first, whatever the state of the consultations.
        permit(officer, event, case, definition, where=f"'{case.state}'", case_id=case.id)
    try:
        target = machine.resolve(case, event, at)
    except EventRefused as err:
        raise EventRefused(tr(f"hồ sơ {case.id}: ", f"case {case.id}: ") + err.said()) from None
    note, kept, until = event_inputs(case, event, note, records, until, at, definition, term)
    return Event(
        event_id or new_event_id(), case.revision + 1, event, officer, at, case.state, target,
        note, kept, until, breach_of(case, event), None, term,  # note, records, until, breach, corrects, term
    )  # fmt: skip


def possible_events(case: Case, definition: Definition, *, at: dt.datetime, officer: Officer | None = None) -> list[str]:
    """The events that could be fired on ``case`` at ``at`` (by ``officer`` when given): the
    step's own (``complete``, its outcomes in the spec's order), then the frame's. None on a finished case; no decision while a consulted unit has not
    answered; while the clock stands still in a clock stop only what may happen then
    (``machine.WHILE_STOPPED``); an extension only while one is left to apply; and, for an
    officer, only the events their agency and unit may fire (``permits.permit``).

    What an event must carry (a reason, records, a new appointment) is not asked here: the
    list says what may happen now, :func:`decision` checks what the officer gives with it.
    """
    if case.closed_at is not None:
        return []
    machine = definition.machine
    found = []
    for event in machine.events_at(case.state):
        if event in _NOT_FIRED or (event == EXTEND and not _extension_left(case, definition)):
            continue
        try:
            machine.resolve(case, event, at)
            if officer is not None:
                permit(officer, event, case, definition, where=f"'{case.state}'", case_id=case.id)
        except EventRefused:
            continue
        found.append(event)
    return sorted(found, key=lambda e: _FRAME_ORDER.get(e, 0))


def _extension_left(case: Case, definition: Definition) -> bool:
    gone = voided(case.events)
    applied = {e.term for e in case.events if e.event == EXTEND and e.seq not in gone}
    return any(x.id not in applied for x in definition.procedure.extensions)
