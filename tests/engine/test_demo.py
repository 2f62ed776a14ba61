"""The scripted demo (demo/cases.sh) runs end to end with the real CLI on the shipped catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

# The case commands as a stand-alone program, whatever else the main CLI registers.
PROGRAM = """\
import click
from motcua.cli.case import case
from motcua.cli.officer import officer
click.Group("motcua", commands={"case": case, "officer": officer})()
"""


@pytest.mark.slow
def test_demo_walks_every_scenario(shipped_catalog: Path, tmp_path: Path) -> None:
    program = tmp_path / "motcua"
    program.write_text(f"#!{sys.executable}\n{PROGRAM}", encoding="utf-8")
    program.chmod(0o755)
    env = {**os.environ, "MOTCUA": str(program), "CATALOG": str(shipped_catalog)}
    run = subprocess.run(["bash", str(ROOT / "demo" / "cases.sh"), str(tmp_path / "demo.db")],
                         capture_output=True, text=True, env=env, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for seen in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                 "timeout by motcua", "[overdue]", "apologize", "guide-once", "Quá hạn", "refused",
                 "voided event 3: reject by o-ncc", "ĐÃ HỦY bởi đính chính #4"):  # fmt: skip
        assert seen in out
    assert "refused: case" in run.stderr and "Traceback" not in run.stderr
    assert "error: case" in run.stderr and "ahead of the clock" in run.stderr  # the mistyped year
