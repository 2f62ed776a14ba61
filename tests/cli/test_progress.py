"""The progress bar stands at the files done: ``progress(done, total)`` reports a running count,
whether a worker finished a batch or the cache answered for every file at once."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import motcua.cli.validate
from motcua.cli import main
from motcua.cli.common import ProgressBar
from motcua.validators.batches import PARALLEL_MIN
from motcua.validators.runner import validate_paths

AGENCY = Path(__file__).parents[1] / "engine" / "catalog" / "so-thu-nghiem"


def test_the_bar_stands_at_the_count_it_is_given() -> None:
    bar = ProgressBar("Validating", file=io.StringIO())
    for done in (19, 40, 40, 301):  # batches of a parallel run; a count may repeat
        bar(done, 301)
    assert bar.position == 301
    cached = ProgressBar("Validating", file=io.StringIO())
    cached(301, 301)  # every file from the cache, in one call
    assert cached.position == 301


def test_no_bar_below_the_minimum() -> None:
    out = io.StringIO()
    bar = ProgressBar("Validating", minimum=200, file=out)
    bar(5, 10)
    bar(10, 10)
    bar.close()
    assert bar.position == 0 and out.getvalue() == ""


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """An agency with more procedures than a run checks in one process."""
    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copy(AGENCY / "agency.yaml", folder / "agency.yaml")
    text = (AGENCY / "cap-phep.yaml").read_text(encoding="utf-8")
    for n in range(PARALLEL_MIN + 12):
        (folder / f"p{n}.yaml").write_text(text.replace("id: cap-phep", f"id: cap-phep-{n}", 1), encoding="utf-8")
    return folder


def test_a_parallel_run_and_a_cached_run_end_at_every_file(many: Path, tmp_path: Path) -> None:
    total = PARALLEL_MIN + 13
    for run in ("cold", "from the cache"):
        seen: list[tuple[int, int]] = []
        bar = ProgressBar("Validating", file=io.StringIO())

        def progress(done: int, all_files: int) -> None:
            seen.append((done, all_files))
            bar(done, all_files)

        report = validate_paths([many], cache_dir=str(tmp_path / "cache"), progress=progress, jobs=2)
        assert report.files == total and (report.cached == total) == (run == "from the cache")
        assert len(seen) < total  # batches: a bar moved by one per call would stop short
        assert seen[-1] == (total, total) and bar.position == total, run


def test_validate_draws_the_bar_to_the_end(many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bars: list[ProgressBar] = []

    def on_terminal(label: str, *, minimum: int = 0) -> ProgressBar:
        bars.append(ProgressBar(label, minimum=minimum, file=io.StringIO()))
        return bars[-1]

    monkeypatch.setattr(motcua.cli.validate.ProgressBar, "on_terminal", on_terminal)
    monkeypatch.setattr(motcua.cli.validate, "PROGRESS_MINIMUM", 100)
    for _ in range(2):  # cold, then from the cache
        r = CliRunner().invoke(main, ["validate", "-j", "2", "--cache-dir", str(tmp_path / "cache"), str(many)])
        assert r.exit_code == 0, r.output
        assert bars[-1].position == PARALLEL_MIN + 13
