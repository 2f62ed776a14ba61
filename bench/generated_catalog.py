"""A province-scale catalogue for the benchmarks: renamed copies of the shipped procedures.

Each copy gets its own id, title and level, and no version period or supersedes, so that every
copy is a standalone procedure of its own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "procedures" / "ldtbxh-nghe-an"
LEVELS = ("province", "district", "commune")
TITLE = re.compile(r'^(title:\n(?:  #.*\n)*  vi: "[^"\n]*)(")\n((?:  #.*\n)*  en: "[^"\n]*)(")', re.M)


def generate(target: Path, count: int) -> int:
    """Write ``count`` procedures (copies of the shipped ones with new ids, titles and levels)."""
    agency = target / "ldtbxh-nghe-an"
    agency.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "agency.yaml", agency / "agency.yaml")
    sources = sorted(p for p in SHIPPED.rglob("*.yaml") if p.name != "agency.yaml")
    if not sources:
        raise SystemExit("no shipped procedures to copy")
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        old_id = re.search(r"^id: (\S+)", text, re.M)
        assert old_id is not None
        new_id = f"{old_id.group(1)}-{i:05d}"
        text = re.sub(r"^id: \S+", f"id: {new_id}", text, count=1, flags=re.M)
        # Each copy is its own procedure: distinct titles, so no two draw the same graph.
        text, titled = TITLE.subn(rf"\g<1> ({i:04d})\g<2>\n\g<3> ({i:04d})\g<4>", text, count=1)
        assert titled == 1, src
        text = re.sub(r"^level: \S+", f"level: {LEVELS[i % len(LEVELS)]}", text, count=1, flags=re.M)
        # supersedes and version periods point at sibling files; keep each copy standalone.
        text = re.sub(r"^supersedes: .*$", "supersedes: null", text, flags=re.M)
        text = re.sub(r"^(valid_from|valid_to): .*$", r"\1: null", text, flags=re.M)
        text = text.replace("$schema=../", "$schema=../../")
        folder = agency / src.parent.name
        folder.mkdir(exist_ok=True)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return count
