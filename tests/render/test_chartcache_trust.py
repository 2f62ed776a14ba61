"""The chart cache as input: a planted chart, link or pipe never reaches a page or a file outside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import motcua
from motcua.cli.publish import publish
from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.render.diagram import build_diagram
from motcua.render.dot import to_dot
from motcua.render.graphviz import run_dot
from motcua.render.site import FigureRequest, build_site, dot_sources
from motcua.render.site.chartcache import FOLDER, ChartCache
from motcua.render.site.chartcheck import drawn_by_dot

from .conftest import hostile_procedure

SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"
DAY = dt.date(2024, 1, 1)
PAGE = "vi/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.html"


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def catalog(agency: Agency, labour_rules: Procedure, war_invalid: Procedure) -> Catalog:
    return Catalog((agency,), (labour_rules, war_invalid))


def chart_file(cache: Path, catalog: Catalog) -> Path:
    """Where the cache keeps the citizen's chart of the labour rules in Vietnamese: the key a
    real chart is kept under."""
    procedure, agency = catalog.procedures[0], catalog.agencies[0]
    (source,) = dot_sources([FigureRequest(procedure, agency, "vi", "public")])
    key = ChartCache(cache).key(source)
    path = cache / FOLDER / key[:2] / f"{key}.svg"
    assert path.is_file()
    return path


def _before_end(chart: bytes, payload: bytes) -> bytes:
    return chart.replace(b"</svg>\n", payload + b"\n</svg>\n")


PLANTED = {
    "script": lambda c: _before_end(c, b"<script>alert('planted')</script>"),
    "script in a title": lambda c: c.replace(b"<title>", b"<title><script>alert('planted')</script>", 1),
    "foreignObject": lambda c: _before_end(
        c, b'<foreignObject width="9" height="9"><img src="x" onerror="alert(\'planted\')"/></foreignObject>'),
    "handler": lambda c: c.replace(b'<g id="', b'<g onmouseover="alert(\'planted\')" id="', 1),
    "handler in capitals": lambda c: c.replace(b'<g id="', b'<g ONLOAD="alert(\'planted\')" id="', 1),
    "javascript link": lambda c: _before_end(c, b'<a xlink:href="javascript:alert(\'planted\')"><text>x</text></a>'),
    "javascript in a tooltip": lambda c: _before_end(c, b'<a xlink:title="javascript:alert(\'planted\')"></a>'),
    "external link": lambda c: _before_end(c, b'<a xlink:href="https://planted.example/"><text>x</text></a>'),
    "external href": lambda c: _before_end(c, b'<a href="https://planted.example/"><text>x</text></a>'),
    "external paint": lambda c: c.replace(b'fill="#', b'fill="url(https://planted.example/p.svg#x)" data-x="#', 1),
    "style": lambda c: c.replace(b'<g id="', b'<g style="background:url(https://planted.example/)" id="', 1),
    "entity": lambda c: c.replace(
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
        b'<!DOCTYPE svg [<!ENTITY planted "<script>alert(1)</script>">]>', 1).replace(b"<title>", b"<title>&planted;", 1),
    "cdata": lambda c: _before_end(c, b"<![CDATA[<script>alert('planted')</script>]]>"),
    "second svg": lambda c: _before_end(c, b'<svg onload="alert(\'planted\')"></svg>'),
    "escape from the svg": lambda c: c.replace(b"</svg>\n", b"</svg><img src=x onerror=alert('planted')>\n<svg></svg>\n"),
    "comment trick": lambda c: _before_end(c, b"<!-- --><script>alert('planted')</script><!-- -->"),
}


@pytest.mark.parametrize("name", PLANTED)
def test_a_planted_chart_is_drawn_again(tmp_path: Path, catalog: Catalog, name: str) -> None:
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "first", on=DAY, cache_dir=cache)
    stored = chart_file(cache, catalog)
    real = stored.read_bytes()
    planted = PLANTED[name](real)
    assert planted != real and planted.endswith(b"</svg>\n")
    stored.write_bytes(planted)
    build_site(catalog, out=tmp_path / "second", on=DAY, cache_dir=cache)
    page = (tmp_path / "second" / PAGE).read_bytes()
    assert b"planted" not in page
    assert files(tmp_path / "second") == files(tmp_path / "first")
    assert stored.read_bytes() == real  # drawn again and kept in its place


def test_a_real_chart_is_read_back(tmp_path: Path, catalog: Catalog) -> None:
    """The check passes what dot drew: a changed chart that stays within it is used as it is."""
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "first", on=DAY, cache_dir=cache)
    stored = chart_file(cache, catalog)
    stored.write_bytes(re.sub(rb"(<text [^>]*>)", rb"\1Kept from the cache ", stored.read_bytes(), count=1))
    build_site(catalog, out=tmp_path / "second", on=DAY, cache_dir=cache)
    assert b"Kept from the cache" in (tmp_path / "second" / PAGE).read_bytes()


def test_every_chart_dot_draws_for_us_passes_the_check(agency: Agency, labour_rules: Procedure) -> None:
    """The lists of ``chartcheck`` hold what dot writes: for the shipped catalogue, for hostile
    text, in both views and languages, for the page and standalone."""
    shipped = motcua.load_catalog(SHIPPED)
    pairs = [(p, shipped.agency(p.agency)) for p in shipped.procedures]
    pairs.append((hostile_procedure(labour_rules), agency))
    sources = []
    for procedure, owner in pairs:
        for lang in ("vi", "en"):
            for view in ("internal", "public"):
                diagram = build_diagram(procedure, owner, lang=lang, view=view)  # type: ignore[arg-type]
                sources.append(to_dot(diagram))
                sources.append(to_dot(dataclasses.replace(diagram, id_prefix="c"), standalone=False))
    drawn = run_dot(sources)
    assert [i for i, chart in enumerate(drawn) if not drawn_by_dot(chart)] == []


def test_a_link_planted_in_the_cache_is_neither_read_nor_written_through(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "first", on=DAY, cache_dir=cache)
    stored = chart_file(cache, catalog)
    # A file outside the cache that passes as a chart, and a link to it where the chart goes.
    outside = tmp_path / "outside.svg"
    outside.write_bytes(re.sub(rb"(<text [^>]*>)", rb"\1planted through a link ", stored.read_bytes(), count=1))
    before = outside.read_bytes()
    stored.unlink()
    stored.symlink_to(outside)
    build_site(catalog, out=tmp_path / "second", on=DAY, cache_dir=cache)
    assert b"planted" not in (tmp_path / "second" / PAGE).read_bytes()
    assert outside.read_bytes() == before  # not written through the link
    assert not stored.is_symlink() and stored.is_file()


def test_a_folder_linked_out_of_the_cache_is_not_pruned_through(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "first", on=DAY, cache_dir=cache)
    # Someone's folder, with a file named as a chart and one not, linked in as a chart folder.
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / f"{'f' * 40}.svg").write_text("keep", encoding="utf-8")
    (theirs / "notes.txt").write_text("keep", encoding="utf-8")
    (cache / FOLDER / "ff").symlink_to(theirs, target_is_directory=True)
    # And a file in a real chart folder that is not a chart: prune leaves what it did not write.
    real_folder = chart_file(cache, catalog).parent
    (real_folder / "notes.txt").write_text("keep", encoding="utf-8")
    build_site(catalog, out=tmp_path / "second", on=DAY, cache_dir=cache)
    assert sorted(p.name for p in theirs.iterdir()) == [f"{'f' * 40}.svg", "notes.txt"]
    assert (real_folder / "notes.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_where_a_chart_goes_does_not_hang_the_publish(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "first", on=DAY, cache_dir=cache)
    stored = chart_file(cache, catalog)
    stored.unlink()
    os.mkfifo(stored)
    done: list[bool] = []
    worker = threading.Thread(
        target=lambda: done.append(bool(build_site(catalog, out=tmp_path / "second", on=DAY, cache_dir=cache, jobs=1))),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=60)
    if not done:  # let a writer stuck on the pipe go before failing
        os.close(os.open(stored, os.O_RDONLY | os.O_NONBLOCK))
    assert done == [True]
    assert files(tmp_path / "second") == files(tmp_path / "first")


def test_cache_folders_are_private(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    build_site(catalog, out=tmp_path / "site", on=DAY, cache_dir=cache)
    folders = [cache, cache / FOLDER, *(p for p in (cache / FOLDER).iterdir() if p.is_dir())]
    assert len(folders) > 3
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o700}


def test_publish_keeps_its_cache_in_the_users_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --cache-dir, charts go to MOTCUA_CACHE_DIR, else the user's cache folder; never
    to the folder publish runs in."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    chosen = tmp_path / "chosen"
    done = CliRunner(env={"MOTCUA_CACHE_DIR": str(chosen)}).invoke(publish, [str(SHIPPED), "-o", "a"])
    assert done.exit_code == 0, done.output
    assert list((chosen / FOLDER).glob("*/*.svg"))
    xdg = tmp_path / "xdg"
    done = CliRunner(env={"MOTCUA_CACHE_DIR": None, "XDG_CACHE_HOME": str(xdg)}).invoke(
        publish, [str(SHIPPED), "-o", "b"])
    assert done.exit_code == 0, done.output
    if sys.platform.startswith("linux"):
        assert list((xdg / "motcua" / FOLDER).glob("*/*.svg"))
    assert sorted(p.name for p in work.iterdir()) == ["a", "b"]
    # help text wraps where the option column ends: compare the words, not the line breaks
    assert "the user's cache folder (MOTCUA_CACHE_DIR)" in " ".join(CliRunner().invoke(publish, ["--help"]).output.split())
