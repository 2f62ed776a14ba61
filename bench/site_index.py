"""Benchmark: the site's index page of a 2,000-procedure catalogue in Chromium.

Writes the index page of ``--count`` copies of the long national record used by the browser
tests (tests/render/bigindex.py) and, ``--repeat`` times, opens it in headless Chromium and
times: opening until every row is counted, filtering as the reader types a query, and filtering
by field. Prints the page size and the medians; it asserts nothing. Other work on the machine
slows it: compare figures of one run.

    python bench/site_index.py [--count 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "render"))

from bigindex import big_index  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

FILTER = """() => {
    const q = document.getElementById("q");
    const t0 = performance.now();
    q.value = "bien dong so 1999";
    q.dispatchEvent(new Event("input", {bubbles: true}));
    document.body.getBoundingClientRect();  // the layout the change asks for
    const typed = performance.now() - t0;
    const t1 = performance.now();
    const field = document.getElementById("field");
    q.value = "";
    field.value = "ho-tich";
    field.dispatchEvent(new Event("change", {bubbles: true}));
    document.body.getBoundingClientRect();
    return [typed, performance.now() - t1];
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        index = big_index(Path(tmp) / "site", args.count)
        size = index.stat().st_size
        opened: list[float] = []
        typed: list[float] = []
        field: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for _ in range(args.repeat):
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(index.as_uri())
                page.wait_for_function(
                    f"document.getElementById('count').textContent.includes('{args.count} trên {args.count}')")
                opened.append(time.perf_counter() - started)
                t, f = page.evaluate(FILTER)
                typed.append(t)
                field.append(f)
                page.close()
            browser.close()
    print(f"index of {args.count} procedures: {size:,} bytes ({size / args.count:.0f} bytes a procedure)")
    print(f"opened: median {statistics.median(opened):.2f} s; filtered typing a query: median "
          f"{statistics.median(typed):.0f} ms; by field: median {statistics.median(field):.0f} ms "
          f"({args.repeat} rounds)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
