"""The repository interface every case store implements (memory and SQLite now, PostgreSQL later).

A store keeps four things: pinned definitions (by digest), officers with the history of their
records, each case's append-only event log, and beside it the case's current-state row. The engine decides what happens; a
store only makes each event durable in one transaction and refuses lost updates. Every promise
written below is tested over every store by the contract suite in ``tests/engine/store/``.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.spec.errors import MotcuaError
from motcua.engine.spec.i18n import Tr, tr

__all__ = ["CaseStore", "ConflictError", "DuplicateEvent", "OfficerRecord", "StoreError"]


class StoreError(MotcuaError):
    """The store cannot be used: a foreign or corrupted file, a newer schema, an I/O failure.

    ``kind`` is ``"missing"``, ``"foreign"``, ``"newer"``, ``"outdated"``, ``"corrupt"`` or
    ``"io"``; ``location`` is the file or URL; ``code`` is ``"store-<kind>"``. A store that is not
    there (opened to read, or without ``create``), foreign files, newer schemas and a store to
    upgrade before it is read (``outdated``) are the user's input (exit 2); corruption and I/O
    failures are the environment's (exit 3).
    """

    #: The kinds that are the user's input (exit 2); the others are the environment's (exit 3).
    INPUT_KINDS = frozenset({"missing", "foreign", "newer", "outdated"})

    def __init__(self, message: str | Tr, *, kind: str, location: str) -> None:
        super().__init__(message, location=location)
        self.kind = kind
        self.location = location
        self.code = f"store-{kind}"
        self.exit_code = 2 if kind in self.INPUT_KINDS else 3


class ConflictError(MotcuaError):
    """Another writer changed the case first (optimistic concurrency); nothing was written."""

    code = "conflict"
    exit_code = 1

    def __init__(self, case_id: str, *, expected: int, found: int | None) -> None:
        super().__init__(tr(
            f"xung đột ở hồ sơ {case_id}: hồ sơ vừa được người khác thay đổi "
            f"(mong đợi phiên bản {expected}, thấy {found}); hãy xem lại hồ sơ rồi thử lại",
            f"conflict on case {case_id}: it was changed by someone else "
            f"(expected revision {expected}, found {found}); show it again and retry",
        ), case=case_id, expected=expected, found=found)  # fmt: skip
        self.case_id = case_id
        self.expected = expected
        self.found = found


class DuplicateEvent(Exception):
    """An event id already in the log: the event was recorded before (a retry)."""

    def __init__(self, event_id: str, case_id: str) -> None:
        super().__init__(f"event {event_id} is already recorded on case {case_id}")
        self.event_id = event_id
        self.case_id = case_id


@dataclass(frozen=True, slots=True)
class OfficerRecord:
    """One record of an officer's history: the details registered under an id from ``at`` on.

    ``seq`` counts the records of the id (1 is the first registration); ``at`` is when the
    record was made, ``None`` when not known (an officer registered before the store kept
    the history). The events an officer fired keep the details they were fired with.
    """

    seq: int
    at: dt.datetime | None
    officer: Officer


class CaseStore(abc.ABC):
    """Where cases live. Implementations must make :meth:`create` and :meth:`append` atomic.

    What every store guarantees besides each method's own promise:

    - It hands out copies: a case it returns (from :meth:`create`, :meth:`load` or
      :meth:`recall`) is the caller's to change, and so is a case after it was given to
      :meth:`create` or :meth:`append`; neither changes what the store holds.
    - A case reads back exactly as it was written: every field, times naive and to the
      microsecond, texts beyond ASCII, the log in ``seq`` order.
    - Lists come in a stated order. Ids are compared by code point, as Python compares ``str``
      (a database sorts them with a binary collation: PostgreSQL's ``COLLATE "C"``); times are
      compared as times.
    - A case's definition is pinned (:meth:`pin`) before the case is written; a store may
      refuse a row whose digest names no pinned definition.
    """

    location: str
    #: Whether what the store returns may have been written outside this process (a file, a
    #: server, an older version): the engine checks such cases against their definition before
    #: deciding on or showing them. A store holding only what this process wrote says ``False``.
    external: bool = True

    # -- definitions and officers ---------------------------------------------------------

    @abc.abstractmethod
    def pin(self, digest: str, key: str, text: str) -> None:
        """Keep a definition's text under its digest; ``key`` names it for people (``agency/id@version``).

        A digest already kept keeps its first text: pinning it again is a no-op.
        """

    @abc.abstractmethod
    def definition(self, digest: str) -> str:
        """The text pinned under ``digest``; ``KeyError`` if none."""

    @abc.abstractmethod
    def put_officer(self, officer: Officer, *, at: dt.datetime | None = None) -> None:
        """Register an officer, replacing the one registered under the same id, in one
        transaction with the record of it added to the id's history (:meth:`officer_history`),
        made ``at``. Registering the details already registered changes nothing.
        """

    @abc.abstractmethod
    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        """Every record registered under an id, the first registration first (``seq`` 1, 2...);
        empty for an id never registered. The history is append-only."""

    @abc.abstractmethod
    def officer(self, officer_id: str) -> Officer | None:
        """The officer registered under this id; ``None`` if none is."""

    @abc.abstractmethod
    def officers(self, *, agency: str | None = None) -> list[Officer]:
        """Registered officers, of one agency if ``agency`` is given, ordered by id."""

    # -- cases -----------------------------------------------------------------------------

    @abc.abstractmethod
    def create(self, prefix: str, build: Callable[[str], Case]) -> Case:
        """Open a case in one transaction.

        The store numbers the day's dossiers: it calls ``build`` with ``prefix`` followed by the
        next sequence for that prefix (``0001`` first, four digits at least: ``9999`` is followed
        by ``10000``), writes the case ``build`` returns, whose only event is its ``receive``,
        and returns that case. Each prefix counts on its own.

        Raises :class:`DuplicateEvent` when the receipt's event id is already recorded on any
        case. Then, or when ``build`` raises (its exception propagates), nothing is written and
        the number is not used up: the next case of the prefix gets it.
        """

    @abc.abstractmethod
    def append(self, case: Case, *, expected: int) -> None:
        """Write ``case.events[-1]`` and the new current-state row in one transaction.

        ``expected`` is the revision the writer decided on (``case.revision`` is one more).
        Raises :class:`DuplicateEvent` when the event id is already recorded on any case,
        whatever the stored revision: the event was recorded before (a retry), which is also
        what moved the revision on. Otherwise raises :class:`ConflictError` unless the stored
        revision is ``expected``; its ``found`` is the stored revision, ``None`` for a case
        never created. Either way nothing is written, and the next append goes through.
        """

    @abc.abstractmethod
    def load(self, case_id: str) -> Case | None:
        """The case with its whole log, as one consistent snapshot; ``None`` if unknown.

        The snapshot is the row at some revision N with exactly events 1..N, in ``seq`` order.
        It is read from the store now, never recalled: whatever any handle committed before
        the call is in it.
        """

    def load_many(self, case_ids: Sequence[str]) -> list[Case | None]:
        """:meth:`load` of each id, in the order given (``None`` for an unknown one). A store
        whose every read is a round trip to a server reads them together."""
        return [self.load(case_id) for case_id in case_ids]

    def recall(self, case_id: str) -> Case | None:
        """The case as this store last wrote or read it, if it keeps it in memory; else ``None``.

        Answered without asking the database, so it may be stale: another process may have
        moved the case since. A writer that fires on a recalled case relies on :meth:`append`'s
        revision check and, when that fails or the event is refused, reads the case again
        (:meth:`load`) and decides once more. A store that keeps nothing returns ``None``, and
        every store does for a case this handle never wrote or read.
        """
        return None

    @abc.abstractmethod
    def event_case(self, event_id: str) -> str | None:
        """The id of the case holding an event id; ``None`` if no case does (to make a retried
        event harmless). An event a refused write carried is not held."""

    @abc.abstractmethod
    def case_ids(
        self,
        *,
        procedure: str | None = None,
        agency: str | None = None,
        overdue_at: dt.datetime | None = None,
    ) -> list[str]:
        """Ids of cases, ordered by id; ``procedure`` and ``agency`` (each alone or both) keep
        only the cases of that procedure id and agency id.

        With ``overdue_at``, only the cases overdue at that moment (:meth:`Case.overdue`): open
        (``closed_at`` unset), their clock running (not awaiting a supplement, not in a clock
        stop) and their
        appointment ``due`` before ``overdue_at`` (a case due at that very moment is not yet
        late), ordered by ``due``, the oldest appointment first, then by id.
        """

    @abc.abstractmethod
    def timers_due(self, at: dt.datetime) -> list[str]:
        """Ids of the cases whose step timeout is due at ``at``, the oldest timeout first.

        A case is due when it is open, not awaiting a supplement nor in a clock stop (its clock
        stands still; the timer stays set) and its ``timer_due`` is at or before ``at``. The cases are ordered by
        ``timer_due``, then by id: a worker firing them in turn fires the one waiting longest
        first, and a round cut short (a crash, a batch limit) leaves the newest for the next.
        """

    @abc.abstractmethod
    def claim(self, case_id: str, at: dt.datetime) -> AbstractContextManager[bool]:
        """Hold a case whose step timeout is due, to fire it: ``with store.claim(id, at) as held:``.

        ``held`` is true when the case's timeout is due at ``at`` (as :meth:`timers_due` says) and
        no other claim holds the case; then, until the block ends, no other claim on any handle
        holds it, and what this handle appends to the case in the block is written in the
        claim's transaction: committed when the block ends, none of it when the block raises
        or the process dies (then the claim lapses with its transaction, and the timeout is due
        again for whoever claims it next). A claim of a held case yields false at once (a
        store that skips locked rows) or waits for the block to end and looks again (a store
        with one writer at a time): either way two claims never both fire the same timeout.
        In the block the handle reads, and appends to the claimed case; it writes nothing else.
        """

    def close(self) -> None:
        """Release the store's resources."""

    def __enter__(self) -> "CaseStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
