"""No command leaves a cache in the folder it runs from: caches live in the user's cache folder
(``engine/spec/cachedir.py``), so a checkout stays as it was after validate, render, export and
publish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")

LONG = Path(__file__).parent / "catalogs" / "long-record"
SPEC = "dang-ky-bien-dong-dat-dai.yaml"


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_commands_write_only_what_they_are_asked_to_in_the_working_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(LONG, work / "procedures" / "ubnd-xa-song-lam")
    before = tree(work)
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_CACHE_DIR"}
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    spec = f"procedures/ubnd-xa-song-lam/{SPEC}"
    for args in (["validate", "procedures"], ["validate", spec],
                 ["render", spec, "-o", "out/chart.svg"], ["render", spec, "--view", "public", "-o", "out/guide.png"],
                 ["export", "bpmn", spec, "-o", "out/chart.bpmn"],
                 ["publish", "procedures", "-o", "out/site"], ["publish", "procedures", "-o", "out/site"]):
        (work / "out").mkdir(exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "motcua", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (args, done.stderr)
    after = {p for p in tree(work) if p != "out" and not p.startswith("out/")}
    assert after == before
    assert {"out/chart.svg", "out/guide.png", "out/chart.bpmn", "out/site/index.html"} <= tree(work)
    # The caches went to the user's cache folder instead.
    assert any((tmp_path / "user-cache" / "motcua").rglob("*.json"))
