"""Benchmark: `motcua publish` on a generated catalogue of 2,000 procedures, against the naive way.

Generates the catalogue from the shipped specs (renamed copies with their own ids, titles and
levels), then in one run times, ``--repeat`` times over,
  1. `motcua publish` end to end in a fresh process (validate, load, draw, write both languages),
     cold (a fresh cache folder, as the first publish of a catalogue: every file checked, every
     chart drawn) and then warm (the cache of the cold run: the findings, the models and the
     charts of unchanged files are reused, as when publishing again after an edit),
  2. the naive way to draw the same diagrams: bare `dot -Tsvg`, one process per DOT file, as many
     at a time as there are cores (the DOT files are the exact sources the site draws),
  3. for reference, `motcua.render.graphviz.run_dot` on the same sources (dot started once per
     batch of graphs).
Prints pages/s, the CPU seconds each way used, and the ratio of (1) to (2), of each round and of
the medians; the target is under 0.25x. Other work on the machine slows both sides of a round
alike, so compare ratios of one run; the load average is printed before and after.

    python bench/publish.py [--count 2000] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generated_catalog import generate  # a sibling script module
def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def publish(catalogue: Path, out: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `motcua publish` with its validation cache in ``cache``."""
    t0, c0 = time.perf_counter(), _children_cpu()
    # The `publish` command itself, as `motcua publish` runs it, in a fresh interpreter.
    command = "from motcua.cli.publish import publish; publish()"
    env = {**os.environ, "MOTCUA_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-c", command, str(catalogue), "-o", str(out)],
                         capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        raise SystemExit(f"motcua publish failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return elapsed, _children_cpu() - c0


def dot_sources(catalogue: Path) -> list[str]:
    """The DOT text of every diagram the site draws, in the order the site asks for them."""
    import motcua
    from motcua.render.site import FigureRequest, dot_sources, published_procedures
    from motcua.render.site.pages import VIEWS
    from motcua.render.site.vocabulary import LANGUAGES

    entries, _ = published_procedures(motcua.load_catalog(catalogue))
    requests = [FigureRequest(p, a, lang, view) for p, a in entries for lang in LANGUAGES for view in VIEWS]
    return dot_sources(requests)


def naive(sources: list[str], folder: Path) -> tuple[float, float]:
    """Bare `dot -Tsvg in.dot -o out.svg`, one process per file, one process per core at a time:
    wall and CPU seconds."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    files = []
    for n, source in enumerate(sources):
        path = folder / f"g{n:05d}.dot"
        path.write_text(source, encoding="utf-8")
        files.append(path)

    def draw(path: Path) -> None:
        subprocess.run(["dot", "-Tsvg", str(path), "-o", str(path.with_suffix(".svg"))], check=True)

    t0, c0 = time.perf_counter(), _children_cpu()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(draw, files))
    return time.perf_counter() - t0, _children_cpu() - c0


def batched(sources: list[str]) -> float:
    from motcua.render.graphviz import run_dot

    t0 = time.perf_counter()
    run_dot(sources, format="svg")
    return time.perf_counter() - t0


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=2000, help="procedures to generate (default 2000)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of publish and naive (default 1)")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="motcua-bench-publish-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        catalogue = work / "procedures"
        generate(catalogue, args.count)
        cores = os.cpu_count() or 1
        print(f"catalogue: {args.count} procedures in {catalogue} ({cores} cores); load average {_load()}")
        sources = dot_sources(catalogue)
        site, site_warm, cache = work / "site", work / "site-warm", work / "cache"
        cold: list[float] = []
        warm: list[float] = []
        bare: list[float] = []
        for round_ in range(1, max(1, args.repeat) + 1):
            # Each publish writes a new folder: replacing a site would time deleting the old one.
            for folder in (cache, site, site_warm):
                if folder.exists():
                    shutil.rmtree(folder)
            wall, cpu = publish(catalogue, site, cache)
            cold.append(wall)
            pages = sum(1 for _ in site.rglob("*.html"))
            figures = sum(p.read_text(encoding="utf-8").count("<figure") for p in site.glob("vi/*/*.html"))
            assert 0 < len(sources) <= 2 * figures, (len(sources), figures)  # twins are drawn once
            print(f"[{round_}] motcua publish, cold: {pages} pages, {len(sources)} diagrams in {wall:.2f} s "
                  f"= {pages / wall:.0f} pages/s ({cpu:.1f} CPU s)")
            wall, cpu = publish(catalogue, site_warm, cache)
            warm.append(wall)
            print(f"[{round_}] motcua publish, warm cache: {wall:.2f} s = {pages / wall:.0f} pages/s ({cpu:.1f} CPU s)")
            wall, cpu = naive(sources, work / "naive")
            bare.append(wall)
            print(f"[{round_}] naive dot -Tsvg, one process per DOT file on {cores} cores: {len(sources)} graphs "
                  f"in {wall:.2f} s ({cpu:.1f} CPU s)")
            print(f"[{round_}] ratio publish / naive: cold {cold[-1] / wall:.3f}x, warm {warm[-1] / wall:.3f}x")
        if len(bare) > 1:
            c, w, b = statistics.median(cold), statistics.median(warm), statistics.median(bare)
            print(f"medians: publish cold {c:.2f} s ({pages / c:.0f} pages/s), warm {w:.2f} s, naive {b:.2f} s")
            print(f"ratio of medians: cold {c / b:.3f}x, warm {w / b:.3f}x (target < 0.25x)")
        else:
            print("target: under 0.25x")
        print(f"reference, run_dot alone on the same graphs: {batched(sources):.2f} s")
        print(f"load average at the end: {_load()}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
