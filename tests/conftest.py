"""What every test shares: its own cache folder, so no test reads or writes the user's caches,
and a copy of the shipped catalogue, so no test depends on the working tree's ``procedures/``
as it happens to be (a spec the README tour wrote there, a local experiment)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOTCUA_CACHE_DIR", str(folder / "motcua"))
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


def shipped_files() -> list[Path]:
    """The files of the shipped catalogue, relative to the repository: those git tracks under
    ``procedures/`` (files added since are not shipped; edits to tracked files are, as the change
    being made), or every file there when the tree is not a git checkout (an unpacked sdist)."""
    try:
        top = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True, timeout=60).stdout.strip()  # fmt: skip
        if Path(top).resolve() == ROOT:
            listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--", "procedures"],
                                    capture_output=True, text=True, check=True, timeout=60).stdout  # fmt: skip
            return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]
    except (OSError, subprocess.SubprocessError):
        pass
    return [p.relative_to(ROOT) for p in sorted((ROOT / "procedures").rglob("*")) if p.is_file()]


@pytest.fixture(scope="session")
def shipped_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as the repository for what tests and docstring examples read from it:
    ``procedures/``, a copy of the shipped catalogue (``shipped_files``), and ``tests/cases/``.
    Copied once per session and shared: copy it again before writing into it."""
    root = tmp_path_factory.mktemp("shipped")
    for rel in shipped_files():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, root / rel)
    shutil.copytree(ROOT / "tests" / "cases", root / "tests" / "cases")
    return root


@pytest.fixture(scope="session")
def shipped_catalog(shipped_root: Path) -> Path:
    """The ``procedures/`` folder of ``shipped_root``: the shipped catalogue, whatever else the
    working tree's ``procedures/`` holds. Shared by every test: copy it before writing into it."""
    return shipped_root / "procedures"
