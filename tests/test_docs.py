"""Generated documentation matches its sources, and README examples still run."""

from __future__ import annotations

import doctest
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import motcua
from motcua.engine.spec.rules import render_rules_markdown

ROOT = Path(__file__).parent.parent


def test_rules_page_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_rules_markdown(), (
        "run: python -m motcua.engine.spec.rules docs/rules.md"
    )


def test_public_api_docstring_examples(shipped_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(shipped_root)
    result = doctest.testmod(motcua, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_readme_tour(shipped_catalog: Path, tmp_path: Path) -> None:
    """The ten-minute tour of the README: new, validate, see an error, fix it."""
    shutil.copytree(shipped_catalog, tmp_path / "procedures")
    motcua_cmd = [sys.executable, "-m", "motcua"]
    folder = "build/tour/ho-tich"
    r = subprocess.run(motcua_cmd + ["new", "procedure", "cap-ban-sao-trich-luc", "--agency", "ubnd-xa-muong-xen",
                                     "--dir", folder], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    spec = tmp_path / folder / "cap-ban-sao-trich-luc.yaml"
    r = subprocess.run(motcua_cmd + ["validate", "--no-cache", "procedures/", "build/tour/"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    spec.write_text(spec.read_text(encoding="utf-8").replace("next: tra-ket-qua", "next: tra-ket-qa"),
                    encoding="utf-8")
    r = subprocess.run(motcua_cmd + ["validate", "--no-cache", "procedures/", "build/tour/"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60, env=dict(os.environ, MOTCUA_LANG="en"))  # fmt: skip
    assert r.returncode == 1
    out = r.stdout.splitlines()
    # The template's placeholders are warned of (TPL001) before the error the tour shows.
    first = next(i for i, line in enumerate(out) if " REF004 " in line)
    shown = out[first:first + 3]
    for line in shown:
        assert line in readme, f"README tour is out of date; the validator now prints:\n{line}"
    r = subprocess.run(motcua_cmd + ["validate", "--no-cache", str(spec.relative_to(tmp_path)),
                                     "procedures/ubnd-xa-muong-xen/agency.yaml"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
