"""Every test runs with its own cache folder, so no test reads or writes the user's caches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOTCUA_CACHE_DIR", str(folder / "motcua"))
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder
