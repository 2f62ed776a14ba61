"""Time passing over all of a store's cases: those overdue, and the step timeouts a tick fires.

These go over whole lists of cases (``Engine.list`` and ``Engine.tick`` ask here, and so does
``motcua worker``, which ticks as a service). Each case is read through the engine, so it is
checked as every case read back is, and each timeout is fired as an event like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from motcua.engine.frame import EventRefused
from motcua.engine.ledger import Case
from motcua.engine.store.base import CaseStore, ConflictError

__all__ = ["list_cases", "tick"]


def list_cases(
    store: CaseStore, read: Callable[[list[str]], list[Case]], *, procedure: str | None, overdue_at: dt.datetime | None
) -> list[Case]:
    """The cases of ``store``, read together by ``read``: of one ``procedure`` (``id`` or
    ``agency/id``) if given, only those overdue at ``overdue_at`` if given (oldest appointment
    first), else by id."""
    agency, pid = None, None
    if procedure:
        owner, _, pid = procedure.rpartition("/")
        agency = owner or None
    return read(store.case_ids(procedure=pid, agency=agency, overdue_at=overdue_at))


def tick(
    store: CaseStore,
    read: Callable[[str], Case],
    fire: Callable[[Case, dt.datetime, str], Case],
    *,
    at: dt.datetime,
    each: Callable[[Case], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Case]:
    """Fire every step timeout due at ``at``, the oldest first; return the cases that moved.

    ``fire(case, when, note)`` records the timeout. It is dated when the step's time ran out (or
    at the case's last event, if later), so the log says when the silence decided, not when the
    engine noticed. Each case is claimed (:meth:`CaseStore.claim`) and fired in the claim's
    transaction, so workers ticking the same store together fire each timeout once: a case
    another worker holds or moved first is left to it, or to the next tick. ``each`` is told of
    each case moved once its timeout is committed; ``stop``, asked before each case, ends the
    round when it says so.
    """
    moved = []
    note = f"fired by tick at {at.isoformat()}"
    for case_id in store.timers_due(at):
        if stop is not None and stop():
            break
        with store.claim(case_id, at) as held:
            if not held:
                continue
            case = read(case_id)
            if case.timer_due is None or case.timer_due > at or case.closed_at is not None:
                continue
            try:
                done = fire(case, max(case.timer_due, case.last_at), note)
            except (ConflictError, EventRefused):
                continue  # another writer moved the case first; the next tick sees it again
        moved.append(done)
        if each is not None:
            each(done)
    return moved
