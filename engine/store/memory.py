"""A store in process memory: for tests, simulations and benchmarks, never for real dossiers.

It keeps the same rules as the durable stores (one revision at a time, event ids unique,
daily sequences) so code that runs on it runs unchanged on SQLite.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord

__all__ = ["MemoryStore"]


class MemoryStore(CaseStore):
    """Cases in dictionaries, copied in and out, so callers never share state with the store.

    With ``keep_finished=False`` a case is let go, with its event ids, once it is finished: a
    simulation that moves hundreds of thousands of dossiers and never looks back at a closed
    one keeps only the cases still open. A finished case is then unknown to the store.
    """

    external = False  # it holds only what this process wrote

    def __init__(self, *, keep_finished: bool = True) -> None:
        self.location = ":memory:"
        self.keep_finished = keep_finished
        self._definitions: dict[str, str] = {}
        self._officers: dict[str, Officer] = {}
        self._history: dict[str, list[OfficerRecord]] = {}
        self._cases: dict[str, Case] = {}
        self._event_case: dict[str, str] = {}
        self._sequences: dict[str, int] = {}
        #: The cases claimed now, each with what its claim appended: (the case before, event id).
        self._held: dict[str, list[tuple[Case, str]]] = {}
        self._claiming = threading.Lock()  # threads sharing the store take claims one at a time

    def pin(self, digest: str, key: str, text: str) -> None:
        self._definitions.setdefault(digest, text)

    def definition(self, digest: str) -> str:
        return self._definitions[digest]

    def put_officer(self, officer: Officer, *, at: dt.datetime | None = None) -> None:
        if self._officers.get(officer.id) == officer:
            return
        history = self._history.setdefault(officer.id, [])
        history.append(OfficerRecord(len(history) + 1, at, officer))
        self._officers[officer.id] = officer

    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        return list(self._history.get(officer_id, ()))

    def officer(self, officer_id: str) -> Officer | None:
        return self._officers.get(officer_id)

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        return sorted(
            (o for o in self._officers.values() if agency is None or o.agency == agency),
            key=lambda o: o.id,
        )

    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        seq = self._sequences.get(prefix, 0) + 1
        case = build(f"{prefix}{seq:04d}")
        event_id = case.events[0].id
        if event_id in self._event_case:
            raise DuplicateEvent(event_id, self._event_case[event_id])
        self._sequences[prefix] = seq
        self._cases[case.id] = case.copy()
        self._event_case[event_id] = case.id
        return case

    def append(self, case: Case, *, expected: int) -> None:
        event_id = case.events[-1].id
        if event_id in self._event_case:  # before the revision: a retry is what moved it on
            raise DuplicateEvent(event_id, self._event_case[event_id])
        stored = self._cases.get(case.id)
        found = stored.revision if stored is not None else None
        if found != expected:
            raise ConflictError(case.id, expected=expected, found=found)
        undo = self._held.get(case.id)
        if undo is not None and stored is not None:
            undo.append((stored, event_id))
        if case.closed_at is not None and not self.keep_finished:
            self._forget(case)
            return
        self._cases[case.id] = case.copy()
        self._event_case[event_id] = case.id

    def _forget(self, case: Case) -> None:
        self._cases.pop(case.id, None)
        for event in case.events:
            self._event_case.pop(event.id, None)

    @contextmanager
    def claim(self, case_id: str, at: dt.datetime) -> Iterator[bool]:
        undo: list[tuple[Case, str]] = []
        with self._claiming:
            stored = self._cases.get(case_id)
            held = case_id not in self._held and stored is not None and _timer_due(stored, at)
            if held:
                self._held[case_id] = undo
        if not held:
            yield False
            return
        try:
            yield True
        except BaseException:
            for before, event_id in reversed(undo):
                self._event_case.pop(event_id, None)
                self._cases[case_id] = before
            raise
        finally:
            del self._held[case_id]

    def load(self, case_id: str) -> Case | None:
        stored = self._cases.get(case_id)
        return stored.copy() if stored is not None else None

    def recall(self, case_id: str) -> Case | None:
        # Every case is in memory, and no other process writes here: what is kept is current.
        return self.load(case_id)

    def event_case(self, event_id: str) -> str | None:
        return self._event_case.get(event_id)

    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        found = [
            c
            for c in self._cases.values()
            if (procedure is None or c.procedure == procedure)
            and (agency is None or c.agency == agency)
            and (overdue_at is None or c.overdue(overdue_at))
        ]
        if overdue_at is not None:
            found.sort(key=lambda c: (c.due, c.id))
        else:
            found.sort(key=lambda c: c.id)
        return [c.id for c in found]

    def timers_due(self, at: dt.datetime) -> list[str]:
        due = [(c.timer_due, c.id) for c in self._cases.values() if _timer_due(c, at)]
        return [case_id for _, case_id in sorted(due)]


def _timer_due(case: Case, at: dt.datetime) -> bool:
    """Whether the step timeout of ``case`` is due at ``at`` (see :meth:`CaseStore.timers_due`)."""
    return (case.timer_due is not None and case.timer_due <= at and case.closed_at is None
            and case.state != AWAITING_SUPPLEMENT and case.stopped is None)  # fmt: skip
