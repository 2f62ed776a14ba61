"""Benchmark: `motcua validate` on a province-scale catalogue of 2,000 procedures.

Generates the catalogue from the shipped specs (renamed copies with varied ids, titles and step
counts), then times, each in a fresh process and repeated (median of --repeat runs):
  1. a bare `yaml.load(..., Loader=yaml.CSafeLoader)` of every file (the floor),
  2. `motcua validate` cold (no cache; on all cores, and on one core for comparison),
  3. `motcua validate` again with nothing changed (the content-hash cache).
Prints procedures/s and the ratios to the bare parse measured in the same run.

    python bench/validate_catalog.py [--count 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generated_catalog import generate  # a sibling script module

BARE = """
import sys, yaml, os
n = 0
for dirpath, _d, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith('.yaml'):
            with open(os.path.join(dirpath, f), 'rb') as fh:
                yaml.load(fh.read(), Loader=yaml.CSafeLoader)
            n += 1
print(n)
"""


def timed(cmd: list[str], *, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if r.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    motcua = [sys.executable, "-m", "motcua"]
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        cat = Path(tmp) / "catalog"
        n = generate(cat, args.count)
        cache = Path(tmp) / "cache"
        bare, cold, single, warm = [], [], [], []
        env = dict(os.environ, MOTCUA_CACHE_DIR=str(cache))
        for _ in range(args.repeat):
            bare.append(timed([sys.executable, "-c", BARE, str(cat)]))
            shutil.rmtree(cache, ignore_errors=True)
            single.append(timed(motcua + ["validate", "-q", "--no-cache", "--jobs", "1", str(cat)], env=env))
            cold.append(timed(motcua + ["validate", "-q", str(cat)], env=env))
            warm.append(timed(motcua + ["validate", "-q", str(cat)], env=env))
        b, c, w = statistics.median(bare), statistics.median(cold), statistics.median(warm)
        one = statistics.median(single)
        print(f"catalogue: {n} procedures + 1 agency ({sum(f.stat().st_size for f in cat.rglob('*.yaml')) / 1e6:.1f} MB)")
        print(f"bare yaml.load(CSafeLoader):   {b:6.2f} s  ({n / b:,.0f} files/s)")
        print(f"motcua validate, cold:         {c:6.2f} s  ({n / c:,.0f} procedures/s)  ratio {c / b:.2f}x (target <= 2x)")
        print(f"  the same on one core (-j 1): {one:6.2f} s  ({n / one:,.0f} procedures/s)  ratio {one / b:.2f}x")
        print(f"motcua validate, unchanged:    {w:6.2f} s  ({n / w:,.0f} procedures/s)  ratio {w / b:.2f}x (target <= 0.3x)")
        print(f"(medians of {args.repeat} runs, each in a fresh process)")


if __name__ == "__main__":
    main()
