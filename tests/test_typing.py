"""mypy --strict passes on the whole package, read through a link tree of the installed layout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_mypy_strict(tmp_path: Path) -> None:
    # motcua.engine, .validators, .render and .importers live in top-level folders (setuptools package-dir);
    # mypy reads packages from folders, so lay the installed layout out with symlinks.
    pkg = tmp_path / "motcua"
    pkg.mkdir()
    for item in (ROOT / "motcua").iterdir():
        (pkg / item.name).symlink_to(item)
    for sub in ("engine", "validators", "render", "importers", "reform", "server"):
        (pkg / sub).symlink_to(ROOT / sub)
    env = dict(os.environ, MYPYPATH=str(tmp_path))
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11",
         "--config-file", str(ROOT / "pyproject.toml"), "-p", "motcua"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600,
    )
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
