"""The pinned definitions an engine runs cases on: pinned from the catalogue, read back checked.

A case runs on the procedure version it was opened under (``store/pinning``). Read back from a
store, a definition is input like any other: a text missing, not matching its digest or not
reading as a procedure is a corrupted store, named by its row.
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.inputs import InvalidInput
from motcua.engine.ledger import Definition
from motcua.engine.spec.model import Catalog
from motcua.engine.spec.suggest import did_you_mean
from motcua.engine.store import pinning
from motcua.engine.store.base import CaseStore, StoreError

__all__ = ["Definitions", "corrupted"]


def corrupted(store: CaseStore, what: str) -> StoreError:
    """The error for a store that holds what the engine could not have written."""
    return StoreError(
        f"{store.location}: {what}; the case store is corrupted; restore it from a backup",
        kind="corrupt",
        location=store.location,
    )


class Definitions:
    """The definitions of one engine, by digest, each built once (with its machine and clock)."""

    def __init__(self, store: CaseStore, catalog: Catalog | None) -> None:
        self.store = store
        self.catalog = catalog
        #: Definitions built so far, by digest (read directly on the path every event takes).
        self.known: dict[str, Definition] = {}
        self._pins: dict[str, Definition] = {}  # procedure key -> definition pinned by this engine

    def get(self, digest: str, *, case_id: str | None = None) -> Definition:
        """The definition pinned under ``digest``, for the case ``case_id`` if named."""
        found = self.known.get(digest)
        if found is None:
            found = self.known[digest] = self._read(digest, case_id)
        return found

    def _read(self, digest: str, case_id: str | None) -> Definition:
        whose = f"case {case_id}: " if case_id is not None else ""
        try:
            text = self.store.definition(digest)
        except KeyError:
            if case_id is None:
                raise
            raise corrupted(self.store, f"{whose}row cases (id {case_id}) column 'digest' names no pinned definition") from None
        row = f"{whose}row definitions (digest {digest})"
        if pinning.digest(text) != digest:
            raise corrupted(self.store, f"{row} does not match its digest")
        try:
            procedure, agency = pinning.decode(text)
            return Definition(procedure, agency, digest)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            raise corrupted(self.store, f"{row} does not read as a procedure definition") from None

    def pin(self, ref: str, on: dt.date) -> Definition:
        """The catalogue's version of ``ref`` in force ``on``, pinned in the store."""
        catalog = self.need_catalog()
        try:
            procedure = catalog.procedure(ref, on=on)
        except KeyError as err:
            known = [p.id for p in catalog.procedures]
            raise InvalidInput(f"{err.args[0]}{did_you_mean(ref.rpartition('/')[2], known)}") from None
        found = self._pins.get(procedure.key)
        if found is not None and found.procedure is procedure:
            return found
        agency = catalog.agency(procedure.agency)
        text = pinning.encode(procedure, agency)
        digest = pinning.digest(text)
        self.store.pin(digest, procedure.key, text)
        found = self.known.get(digest) or Definition(procedure, agency, digest)
        self.known[digest] = self._pins[procedure.key] = found
        return found

    def need_catalog(self) -> Catalog:
        if self.catalog is None:
            raise InvalidInput("this needs a procedure catalogue (--catalog)")
        return self.catalog
