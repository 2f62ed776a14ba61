"""Deciding an event on a case: whether the rules allow it now, and the row it adds to the log.

The engine reads the case, then asks here (or ``corrections`` for a ``correct`` event) for the
event to record, and records it: nothing here writes. The order of the checks is what an
officer reads first when several fail: an unknown event, a finished case, a time before the
last event, then who may act (``permits``), then what the case waits for (``machine``), then
what the event must carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from motcua.engine.frame import RECEIVE, TIMEOUT, EventRefused
from motcua.engine.inputs import InvalidInput
from motcua.engine.ledger import Case, Definition, Event, breach_of, new_event_id
from motcua.engine.officers import ENGINE_ACTOR, Officer
from motcua.engine.permits import event_inputs, permit
from motcua.engine.spec.suggest import did_you_mean

__all__ = ["decision"]


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
        raise InvalidInput(f"'{event}' is not an event of {definition.key}{did_you_mean(event, known)}")
    if case.closed_at is not None:
        raise EventRefused(
            f"case {case.id} is finished ({case.state}); events on a finished case are refused "
            "(a mistaken last event is voided with 'motcua case correct')"
        )
    if at < case.last_at:
        raise InvalidInput(f"case {case.id}: {at.isoformat()} is before its last event ({case.last_at.isoformat()})")
    if officer is not ENGINE_ACTOR and machine.applies(event, case.state):
        # Who may act is checked before what the case waits for: an officer without the
        # right learns that first, whatever the state of the consultations.
        permit(officer, event, case, definition, where=f"'{case.state}'", case_id=case.id)
    try:
        target = machine.resolve(case, event, at)
    except EventRefused as err:
        raise EventRefused(f"case {case.id}: {err.reason}") from None
    note, kept, until = event_inputs(case, event, note, records, until, at, definition, term)
    return Event(
        event_id or new_event_id(), case.revision + 1, event, officer, at, case.state, target,
        note=note, records=kept, until=until, breach=breach_of(case, event), term=term,
    )  # fmt: skip
