"""The repository interface every case store implements (SQLite now, PostgreSQL later).

A store keeps four things: pinned definitions (by digest), officers, each case's append-only
event log, and beside it the case's current-state row. The engine decides what happens; a
store only makes each event durable in one transaction and refuses lost updates.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable

from motcua.engine.ledger import Case
from motcua.engine.officers import Officer

__all__ = ["CaseStore", "ConflictError", "DuplicateEvent", "StoreError"]


class StoreError(Exception):
    """The store cannot be used: a foreign or corrupted file, a newer schema, an I/O failure.

    ``kind`` is ``"missing"``, ``"foreign"``, ``"newer"``, ``"corrupt"`` or ``"io"``;
    ``location`` is the file or URL. A store that is not there (opened to read, or without
    ``create``), foreign files and newer schemas are the user's input (the CLI exits 2);
    corruption and I/O failures are the environment's (exit 3).
    """

    def __init__(self, message: str, *, kind: str, location: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.location = location


class ConflictError(Exception):
    """Another writer changed the case first (optimistic concurrency); nothing was written."""

    def __init__(self, case_id: str, *, expected: int, found: int | None) -> None:
        super().__init__(
            f"conflict on case {case_id}: it was changed by someone else "
            f"(expected revision {expected}, found {found}); show it again and retry"
        )
        self.case_id = case_id
        self.expected = expected
        self.found = found


class DuplicateEvent(Exception):
    """An event id already in the log: the event was recorded before (a retry)."""

    def __init__(self, event_id: str, case_id: str) -> None:
        super().__init__(f"event {event_id} is already recorded on case {case_id}")
        self.event_id = event_id
        self.case_id = case_id


class CaseStore(abc.ABC):
    """Where cases live. Implementations must make :meth:`create` and :meth:`append` atomic."""

    location: str
    #: Whether what the store returns may have been written outside this process (a file, a
    #: server, an older version): the engine checks such cases against their definition before
    #: deciding on or showing them. A store holding only what this process wrote says ``False``.
    external: bool = True

    # -- definitions and officers ---------------------------------------------------------

    @abc.abstractmethod
    def pin(self, digest: str, key: str, text: str) -> None:
        """Keep a definition's text under its digest (a no-op when already kept)."""

    @abc.abstractmethod
    def definition(self, digest: str) -> str:
        """The text pinned under ``digest``; ``KeyError`` if none."""

    @abc.abstractmethod
    def put_officer(self, officer: Officer) -> None:
        """Register or update an officer."""

    @abc.abstractmethod
    def officer(self, officer_id: str) -> Officer | None:
        """The officer with this id, if registered."""

    @abc.abstractmethod
    def officers(self, *, agency: str | None = None) -> list[Officer]:
        """Registered officers, by id."""

    # -- cases -----------------------------------------------------------------------------

    @abc.abstractmethod
    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        """Open a case in one transaction.

        The store numbers the day's dossiers: it calls ``build`` with ``prefix`` followed by the
        next sequence for that prefix (four digits at least) and writes the returned case, whose
        only event is its ``receive``. Raises :class:`DuplicateEvent` when that event's id is
        already recorded.
        """

    @abc.abstractmethod
    def append(self, case: Case, *, expected: int) -> None:
        """Write ``case.events[-1]`` and the new current-state row in one transaction.

        Raises :class:`ConflictError` unless the stored revision is ``expected`` (then nothing
        is written) and :class:`DuplicateEvent` when the event id is already recorded.
        """

    @abc.abstractmethod
    def load(self, case_id: str) -> Case | None:
        """The case with its whole log, as one consistent snapshot; ``None`` if unknown."""

    def recall(self, case_id: str) -> Case | None:
        """The case as this store last wrote or read it, if it keeps it in memory; else ``None``.

        Answered without asking the database, so it may be stale: another process may have
        moved the case since. A writer that fires on a recalled case relies on :meth:`append`'s
        revision check and, when that fails or the event is refused, reads the case again
        (:meth:`load`) and decides once more. A store that keeps nothing returns ``None``.
        """
        return None

    @abc.abstractmethod
    def event_case(self, event_id: str) -> str | None:
        """The case holding an event id, if any (to make a retried event harmless)."""

    @abc.abstractmethod
    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        """Ids of cases, optionally of one procedure (and agency), or only those overdue at
        ``overdue_at`` (open, clock running, appointment passed), oldest appointment first."""

    @abc.abstractmethod
    def timers_due(self, at: dt.datetime) -> list[str]:
        """Ids of cases whose step timeout has passed at ``at``."""

    def close(self) -> None:
        """Release the store's resources."""

    def __enter__(self) -> "CaseStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
