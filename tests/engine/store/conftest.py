"""The stores the contract suite runs over.

Every test of this folder asks for ``store`` (or ``opener``, for another handle on the same
storage) and so runs once per store. A new store joins the suite with one fixture decorated
``@store_kind``: it yields a function opening a handle on one empty storage, each call a new
handle on the same storage where the store can have several (a file, a server), the same
object where it cannot (process memory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.engine.store.base import CaseStore
from motcua.engine.store.memory import MemoryStore
from motcua.engine.store.sqlite import SqliteStore

Opener = Callable[[], CaseStore]

#: The fixtures of the stores under contract, by name; ``@store_kind`` adds one.
STORES: list[str] = []


def store_kind(factory: Callable[..., Iterator[Opener]]) -> Any:
    """Make ``factory`` a fixture and a store the suite runs over (the fixture's name is its id)."""
    STORES.append(factory.__name__)
    return pytest.fixture(factory)


@store_kind
def memory() -> Iterator[Opener]:
    store = MemoryStore()
    yield lambda: store


@store_kind
def sqlite(tmp_path: Path) -> Iterator[Opener]:
    path = tmp_path / "cases.db"
    handles: list[SqliteStore] = []

    def open_handle() -> CaseStore:
        # NORMAL: the contract does not depend on syncing every commit, and the suite writes a lot.
        handles.append(SqliteStore(path, synchronous="NORMAL"))
        return handles[-1]

    yield open_handle
    for handle in handles:
        handle.close()


@pytest.fixture(params=STORES)
def opener(request: pytest.FixtureRequest) -> Opener:
    """Opens handles on one empty storage of each store in turn."""
    found: Opener = request.getfixturevalue(request.param)
    return found


@pytest.fixture
def store(opener: Opener) -> CaseStore:
    """A handle on one empty storage of each store in turn."""
    return opener()
