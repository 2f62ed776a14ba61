"""A store in process memory: for tests, simulations and benchmarks, never for real dossiers.

It keeps the same rules as the durable stores (one revision at a time, event ids unique,
daily sequences) so code that runs on it runs unchanged on SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord

__all__ = ["MemoryStore"]


class MemoryStore(CaseStore):
    """Cases in dictionaries, copied in and out, so callers never share state with the store."""

    external = False  # it holds only what this process wrote

    def __init__(self) -> None:
        self.location = ":memory:"
        self._definitions: dict[str, str] = {}
        self._officers: dict[str, Officer] = {}
        self._history: dict[str, list[OfficerRecord]] = {}
        self._cases: dict[str, Case] = {}
        self._event_case: dict[str, str] = {}
        self._sequences: dict[str, int] = {}

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
        self._cases[case.id] = case.copy()
        self._event_case[event_id] = case.id

    def load(self, case_id: str) -> Case | None:
        stored = self._cases.get(case_id)
        return stored.copy() if stored is not None else None

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
        due = [
            (c.timer_due, c.id)
            for c in self._cases.values()
            if c.timer_due is not None and c.timer_due <= at and c.closed_at is None and c.state != AWAITING_SUPPLEMENT
            and c.stopped is None
        ]
        return [case_id for _, case_id in sorted(due)]
