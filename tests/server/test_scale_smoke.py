"""bench/scale.py runs end to end at tiny sizes and prints each of its parts (it starts its own
PostgreSQL server and its own motcua serve; the numbers it prints are not looked at)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_scale_benchmark_prints_each_part() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--cases", "8", "--processes", "1,2", "--rate", "20",
         "--duration", "1", "--rates", "20:20:20", "--step-duration", "1", "--http-stores", "sqlite,postgres",
         "--overdue-cases", "300", "--overdue-late", "5"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ, "MOTCUA_LANG": "en"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for kind in ("postgresql", "sqlite"):
        for processes in ("1 process ", "2 processes"):
            assert f"{kind:10} {processes}" in out, out
        assert f"{kind:10} 2 workers --once:" in out, out
    assert "(8 in " in out and "failed" not in out, out
    for kind in ("sqlite", "postgres"):
        assert f"{kind:10} steady 1 s:" in out and f"{kind:10} step 1 s:" in out, out
        assert f"{kind:10} highest rate held with p99 < 100 ms and no error:" in out, out
    assert "(3) overdue over 302 stored cases on PostgreSQL" in out, out
    assert "store.case_ids(overdue_at=...): median" in out and "; 6 cases" in out, out
