"""DOT text, SVG charts and the published site come out byte for byte the same whatever the
string hash seed: nothing drawn or written depends on the order of a set or a dict of sets.

Each test generates in fresh interpreters under two ``PYTHONHASHSEED``s, which order sets of
strings differently, and compares the bytes (and, where it is cheap, with this process's own,
under a third seed). The BPMN export is checked the same way in ``test_bpmn.py``.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import motcua
from motcua.engine.spec.model import Agency, Procedure
from motcua.render.charts import render_diagrams
from motcua.render.diagram import build_diagram

SEEDS = ("1", "2")

Pairs = list[tuple[Procedure, Agency]]

# Draws every procedure of the pickled list (this test's own output, never a file from elsewhere)
# in each language of its agency and both views, and writes the charts with a NUL between them.
DRAW = """
import pickle, sys
from motcua.render.charts import render_diagrams
from motcua.render.diagram import build_diagram
with open(sys.argv[1], "rb") as fh:
    pairs = pickle.load(fh)
diagrams = [build_diagram(p, a, lang=lang, view=view)
            for p, a in pairs for lang in a.languages for view in ("internal", "public")]
sys.stdout.buffer.write(b"\\0".join(render_diagrams(diagrams, format=sys.argv[2])))
"""

# Publishes the catalogue on a fixed day, without a chart cache.
PUBLISH = """
import datetime as dt, sys
import motcua
from motcua.render.site import build_site
build_site(motcua.load_catalog(sys.argv[1]), out=sys.argv[2], on=dt.date(2024, 1, 1), cache_dir=None)
"""


def under_each_seed(script: str, *args: str) -> list[bytes]:
    """What ``script`` writes to stdout, run once under each of ``SEEDS``."""
    outputs = []
    for seed in SEEDS:
        run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, timeout=600,
                             env={**os.environ, "PYTHONHASHSEED": seed})  # fmt: skip
        assert run.returncode == 0, run.stderr.decode(errors="replace")
        outputs.append(run.stdout)
    return outputs


def charts(pairs: Pairs) -> int:
    """How many charts ``DRAW`` gives for ``pairs``: one per language of the agency and view."""
    return sum(2 * len(a.languages) for _p, a in pairs)


def drawn_here(pairs: Pairs, format: str) -> bytes:
    diagrams = [build_diagram(p, a, lang=lang, view=view)
                for p, a in pairs for lang in a.languages for view in ("internal", "public")]  # fmt: skip
    return b"\0".join(render_diagrams(diagrams, format=format))


@pytest.fixture
def shipped_pairs(shipped_catalog: Path) -> Pairs:
    """Every version of every procedure of the shipped catalogue, with its agency."""
    catalog = motcua.load_catalog(shipped_catalog)
    return [(p, catalog.agency(p.agency)) for p in catalog.procedures]


@pytest.fixture
def hand_built_pairs(agency: Agency, labour_rules: Procedure, war_invalid: Procedure,
                     make_procedure: Callable[[int], Procedure],
                     make_hostile: Callable[[Procedure], Procedure]) -> Pairs:  # fmt: skip
    """The render tests' procedures: decisions, loops, consultations, timeouts, hostile texts."""
    procedures = [labour_rules, war_invalid, make_hostile(labour_rules), *(make_procedure(s) for s in range(30))]
    return [(p, agency) for p in procedures]


def pickled(pairs: Pairs, folder: Path) -> str:
    path = folder / "procedures.pickle"
    path.write_bytes(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL))
    return str(path)


def test_dot_text_is_the_same_under_every_hash_seed(shipped_pairs: Pairs, hand_built_pairs: Pairs,
                                                    tmp_path: Path) -> None:  # fmt: skip
    pairs = shipped_pairs + hand_built_pairs
    first, second = under_each_seed(DRAW, pickled(pairs, tmp_path), "dot")
    here = drawn_here(pairs, "dot")
    assert len(first.split(b"\0")) == charts(pairs)
    assert first == second == here


@pytest.mark.slow
def test_svg_charts_are_the_same_under_every_hash_seed(shipped_pairs: Pairs, hand_built_pairs: Pairs,
                                                       tmp_path: Path) -> None:  # fmt: skip
    pairs = shipped_pairs + hand_built_pairs[:8]
    first, second = under_each_seed(DRAW, pickled(pairs, tmp_path), "svg")
    drawn = first.split(b"\0")
    assert len(drawn) == charts(pairs) and all(c.startswith(b"<?xml") and c.endswith(b"</svg>\n") for c in drawn)
    assert first == second == drawn_here(pairs, "svg")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_the_site_is_the_same_under_every_hash_seed(shipped_catalog: Path, tmp_path: Path) -> None:
    sites = []
    for seed in SEEDS:
        out = tmp_path / f"seed-{seed}" / "site"
        run = subprocess.run([sys.executable, "-c", PUBLISH, str(shipped_catalog), str(out)], capture_output=True,
                             text=True, timeout=600, env={**os.environ, "PYTHONHASHSEED": seed})  # fmt: skip
        assert run.returncode == 0, run.stderr
        sites.append(files_of(out))
    first, second = sites
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
