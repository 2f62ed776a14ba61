"""Benchmark of `motcua import dvcqg`; prints numbers, asserts nothing.

For the records of the national procedure database the project keeps (25: sources/dvcqg and
tests/data/dvcqg) and for a catalogue of
``--count`` records generated from them (each a copy with its own code, sub-case codes, id and
name), it times:
  1. the import alone, in this process (records imported per second, the best of ``--repeat``);
  2. the whole path in fresh processes: `motcua import dvcqg`, `motcua validate` and
     `motcua publish` of the imported catalogue, each with an empty cache folder (a first run).
A publish that fails (a catalogue with errors, or a site not buildable) is reported with its
exit status and the rest still printed.

    python bench/import.py [--records DIR] [--count 2000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from motcua.importers.dvcqg.run import import_records

_ROOT = Path(__file__).resolve().parent.parent
#: The 25 records the project keeps: those of the current catalogue and those of the tests.
RECORDS = [_ROOT / "sources" / "dvcqg", _ROOT / "tests" / "data" / "dvcqg"]
MOTCUA = str(Path(sys.executable).with_name("motcua"))


def generate(records: Path, out: Path, count: int) -> int:
    """Write ``count`` records varied from those in ``records`` into ``out``; returns how many."""
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(records.glob("*.json"))]
    out.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        answer = json.loads(json.dumps(sources[n % len(sources)]))
        data = answer["data"]
        copy = n // len(sources)
        code = f"9.{n:06d}"
        for case in data.get("cases") or []:
            case["code"] = code + case["code"][len(data["code"]):]
        data["code"] = data["codeNotation"] = code
        data["id"] = f"bench-{n:06d}"
        data["name"] = f"{data['name']} (bản {copy + 1})"
        (out / f"{code}.json").write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    return count


def in_process(records: Path, repeat: int) -> tuple[float, int]:
    """Best wall seconds of importing ``records`` into a fresh folder, and the records imported."""
    best, done = float("inf"), 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            report = import_records([str(records)], str(Path(tmp) / "out"))
            best = min(best, time.perf_counter() - t0)
            done = report.totals()["imported"]
    return best, done


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    run = subprocess.run([MOTCUA, *args], capture_output=True, text=True, env=env)
    tail = (run.stdout.strip().splitlines() or [""])[-1] + (run.stderr.strip().splitlines() or [""])[-1]
    return time.perf_counter() - t0, run.returncode, tail


def whole_path(records: Path, work: Path) -> dict[str, Any]:
    catalogue, site, cache = work / "catalogue", work / "site", work / "cache"
    env = {**os.environ, "MOTCUA_CACHE_DIR": str(cache)}
    out: dict[str, Any] = {}
    for step, args in (("import", ["import", "dvcqg", str(records), "-o", str(catalogue)]),
                       ("validate", ["validate", str(catalogue)]),
                       ("publish", ["publish", str(catalogue), "-o", str(site)])):
        seconds, status, tail = timed(args, env)
        out[step] = {"seconds": round(seconds, 2), "exit": status, "last line": tail[:200]}
    return out


def report(label: str, records: Path, repeat: int, work: Path) -> None:
    seconds, done = in_process(records, repeat)
    print(f"{label}: {done} records imported in {seconds:.3f} s in process: {done / seconds:,.0f} records/s")
    steps = whole_path(records, work)
    total = sum(s["seconds"] for s in steps.values())
    for name, s in steps.items():
        print(f"  {name:<8} {s['seconds']:>7.2f} s  exit {s['exit']}  {s['last line']}")
    ok = sum(s["seconds"] for n, s in steps.items() if n != "publish")
    print(f"  import + validate {ok:.2f} s; import + validate + publish {total:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=Path, nargs="+", default=RECORDS, help="folders of records")
    parser.add_argument("--count", type=int, default=2000, help="records in the generated catalogue")
    parser.add_argument("--repeat", type=int, default=3, help="in-process import runs (the best is shown)")
    parser.add_argument("--keep", type=Path, help="keep the generated records and outputs here")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="motcua-import-bench-"))
    try:
        print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
        records = work / "kept"
        records.mkdir(parents=True)
        for folder in args.records:
            for f in sorted(folder.glob("*.json")):
                shutil.copyfile(f, records / f.name)
        report(f"{len(list(records.glob('*.json')))} kept records", records, args.repeat, work / "shared")
        generated = work / "records"
        generate(records, generated, args.count)
        report(f"{args.count} generated records", generated, args.repeat, work / "generated")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
