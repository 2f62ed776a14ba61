"""Charts kept between publishes: only changed procedures are drawn again, the site is the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Sequence

from motcua.engine.model import Agency, Catalog, Procedure, Text
from motcua.render.site import build_site
from motcua.render.site.chartcache import FOLDER, ChartCache


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def charts(cache: Path) -> set[str]:
    return {p.name for p in (cache / FOLDER).glob("*/*.svg")}


def test_a_chart_is_drawn_once_and_then_read(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, salt="test\n")
    asked: list[list[str]] = []

    def run(sources: Sequence[str]) -> list[bytes]:
        asked.append(list(sources))
        return [f"<svg>{s}</svg>\n".encode() for s in sources]

    assert cache.draw(["a", "b"], run) == [b"<svg>a</svg>\n", b"<svg>b</svg>\n"]
    assert cache.draw(["b", "c", "a"], run) == [b"<svg>b</svg>\n", b"<svg>c</svg>\n", b"<svg>a</svg>\n"]
    assert asked == [["a", "b"], ["c"]]
    # Another Graphviz (or font) is another salt: nothing drawn by the first is reused.
    assert ChartCache(tmp_path, salt="other\n").key("a") != cache.key("a")


def test_a_damaged_chart_is_drawn_again(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, salt="test\n")
    cache.draw(["a"], lambda sources: [b"<svg>a</svg>\n"])
    (stored,) = (tmp_path / FOLDER).glob("*/*.svg")
    stored.write_bytes(stored.read_bytes()[:5])  # torn, as by a full disk
    assert cache.draw(["a"], lambda sources: [b"<svg>again</svg>\n"]) == [b"<svg>again</svg>\n"]
    assert ChartCache(tmp_path, salt="test\n").draw(["a"], lambda s: [b"never"]) == [b"<svg>again</svg>\n"]


def test_publishing_again_draws_only_what_changed_and_writes_the_same_site(
    tmp_path: Path, agency: Agency, labour_rules: Procedure, war_invalid: Procedure
) -> None:
    cache = tmp_path / "cache"
    catalog = Catalog((agency,), (labour_rules, war_invalid))
    day = dt.date(2024, 1, 1)
    build_site(catalog, out=tmp_path / "plain", on=day)
    build_site(catalog, out=tmp_path / "first", on=day, cache_dir=cache)
    first = charts(cache)
    assert len(first) == 8  # two procedures, two languages, two views
    build_site(catalog, out=tmp_path / "second", on=day, cache_dir=cache)
    assert charts(cache) == first
    assert files(tmp_path / "plain") == files(tmp_path / "first") == files(tmp_path / "second")

    # A new title is page text (the charts' captions are on the page): nothing is drawn again.
    retitled = dataclasses.replace(war_invalid, title=Text((("vi", "Cấp giấy chứng nhận (mới)"), ("en", "New"))))
    build_site(Catalog((agency,), (labour_rules, retitled)), out=tmp_path / "third", on=day, cache_dir=cache)
    assert charts(cache) == first
    # A step renamed is drawn: that procedure's staff charts in both languages are new, their
    # old ones pruned; the citizen's charts fold the agency's steps into one box and stay.
    step = war_invalid.steps[1]
    renamed = dataclasses.replace(step, title=Text((("vi", "Thẩm định lại"), ("en", "Review again"))))
    changed = dataclasses.replace(war_invalid, steps=(war_invalid.steps[0], renamed, *war_invalid.steps[2:]))
    build_site(Catalog((agency,), (labour_rules, changed)), out=tmp_path / "fourth", on=day, cache_dir=cache)
    after = charts(cache)
    assert len(after - first) == 2 and len(first - after) == 2 and len(after) == 8


def test_the_cli_keeps_charts_in_its_cache_folder_unless_told_not_to(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from motcua.cli.publish import publish

    root = Path(__file__).resolve().parents[2] / "procedures"
    runner = CliRunner()
    done = runner.invoke(publish, [str(root), "-o", str(tmp_path / "a"), "--cache-dir", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    assert charts(tmp_path / "c")
    done = runner.invoke(publish, [str(root), "-o", str(tmp_path / "b"), "--no-cache",
                                   "--cache-dir", str(tmp_path / "none")])
    assert done.exit_code == 0, done.output
    assert not (tmp_path / "none").exists()
    assert files(tmp_path / "a") == files(tmp_path / "b")
