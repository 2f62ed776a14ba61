"""What every test shares: its own cache folder, so no test reads or writes the user's caches;
English as the language of messages (``MOTCUA_LANG=en``: most tests read English text; the tests
of the two languages choose theirs); and a copy of the shipped catalogue, so no test depends on the working tree's ``procedures/``
as it happens to be (a spec the README tour wrote there, a local experiment)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
        mp.setenv("MOTCUA_LANG", "en")
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


#: Where ``pytest_configure`` copied the shipped catalogue, for modules that need it while they
#: are collected (parametrised over its procedures), before any fixture runs.
SHIPPED_ENV = "MOTCUA_TEST_SHIPPED_ROOT"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(SHIPPED_ENV):
        return  # a pytest run inside a test: use the copy of the run around it
    root = Path(tempfile.mkdtemp(prefix="motcua-shipped-"))
    for rel in shipped_files():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, root / rel)
    shutil.copytree(ROOT / "tests" / "cases", root / "tests" / "cases")
    os.environ[SHIPPED_ENV] = str(root)
    config.add_cleanup(lambda: (shutil.rmtree(root, ignore_errors=True), os.environ.pop(SHIPPED_ENV, None)))


@pytest.fixture(scope="session")
def shipped_root() -> Path:
    """A folder laid out as the repository for what tests and docstring examples read from it:
    ``procedures/``, a copy of the shipped catalogue (``shipped_files``), and ``tests/cases/``.
    Copied once per run and shared: copy it again before writing into it. Modules that need it
    while collected read ``os.environ[SHIPPED_ENV]``."""
    return Path(os.environ[SHIPPED_ENV])


@pytest.fixture(scope="session")
def shipped_catalog(shipped_root: Path) -> Path:
    """The ``procedures/`` folder of ``shipped_root``: the shipped catalogue, whatever else the
    working tree's ``procedures/`` holds. Shared by every test: copy it before writing into it."""
    return shipped_root / "procedures"
