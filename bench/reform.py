"""Benchmark of the reform room: `motcua report` over a generated catalogue of 2,000 procedures.

Generates the catalogue from the shipped specs (``generated_catalog.generate``: renamed copies with
their own ids, titles and levels), then, ``--repeat`` times over, times in a fresh process:
  1. `motcua report --format json`, cold (a fresh validation cache: every file checked and built)
     and warm (the cache of the cold run: the findings are reused, the models built again, as
     the loader never reads a model from a cache);
  2. `motcua report --format text` and `--format html` (the charts drawn by matplotlib), warm;
and in this process, on the catalogue once loaded, the measuring alone (``build_report``) and the
HTML page alone (``report_page``). Then, unless ``--no-simulate``, `motcua simulate` for one
year of a province's load on one procedure against the same model written in SimPy, in the
same run (``bench/simulate.py``, whose options follow ``--`` and default to 300,000 cases over
250 working days). Prints seconds, procedures and events per second; asserts nothing.

    python bench/reform.py [--count 2000] [--repeat 1] [--keep DIR] [--no-simulate] [-- SIMULATE OPTIONS]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generated_catalog import generate  # a sibling script module


def run_report(catalogue: Path, cache: Path, fmt: str, out: Path) -> float:
    """Wall seconds of `motcua report` in a fresh interpreter, its validation cache in ``cache``."""
    command = "from motcua.cli.report import report; report()"
    env = {**os.environ, "MOTCUA_CACHE_DIR": str(cache)}
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", command, str(catalogue), "--format", fmt, "-o", str(out)],
                         capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        raise SystemExit(f"motcua report failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return elapsed


def in_process(catalogue: Path, cache: Path) -> tuple[float, float, int]:
    """Seconds of ``build_report`` and of ``report_page`` on the loaded catalogue, and how many
    procedures the report counted."""
    os.environ["MOTCUA_CACHE_DIR"] = str(cache)
    from motcua.reform.report import build_report
    from motcua.reform.reportpage import report_page

    from motcua.catalogs import open_catalog

    catalog = open_catalog(catalogue, cache_dir=str(cache)).catalog
    t0 = time.perf_counter()
    found = build_report(catalog, on=dt.date.today())
    t1 = time.perf_counter()
    report_page(found, lang="vi")
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(found.procedures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate the catalogue here and leave it")
    parser.add_argument("--no-simulate", action="store_true", help="measure the report only")
    parser.add_argument("simulate_options", nargs="*", help="options of bench/simulate.py, after --")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="motcua-bench-reform-"))
    catalogue = args.keep or work / "catalog"
    generate(catalogue, args.count)
    print(f"catalogue: {args.count} procedures in {catalogue}; load average {os.getloadavg()[0]:.2f}")
    rounds: dict[str, list[float]] = {"json cold": [], "json warm": [], "text warm": [], "html warm": [],
                                      "build_report": [], "report_page": []}
    counted = 0
    for n in range(args.repeat):
        cache = work / f"cache-{n}"
        out = work / f"out-{n}"
        rounds["json cold"].append(run_report(catalogue, cache, "json", out))
        for fmt in ("json", "text", "html"):
            rounds[f"{fmt} warm"].append(run_report(catalogue, cache, fmt, out))
        measured, page, counted = in_process(catalogue, cache)
        rounds["build_report"].append(measured)
        rounds["report_page"].append(page)
    print(f"procedures counted (in force today): {counted}")
    for name, seconds in rounds.items():
        median = statistics.median(seconds)
        print(f"  {name:<14} {median:8.3f} s  {args.count / median:10.0f} procedures/s  "
              f"(rounds: {', '.join(f'{s:.3f}' for s in seconds)})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not args.no_simulate:
        import simulate  # a sibling script module: bench/simulate.py

        print()
        simulate.main(list(args.simulate_options))


if __name__ == "__main__":
    main()
