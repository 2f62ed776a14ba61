"""Texts as long as a spec allows: charts show their start, cut at a word; pages show them whole."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from motcua.cli.export import export
from motcua.cli.publish import publish
from motcua.cli.render import render
from motcua.render.dottext import TITLE_LIMIT, cut, wrap

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")

SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures" / "ldtbxh-nghe-an"
#: Longer than dot's 16,384-byte quoted strings once a step's hover text joins three of them.
LENGTH = 12_100


def test_a_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "Cấp lại giấy phép hoạt động dịch vụ việc làm, trong trường hợp bị mất"
    assert cut(text, 200) == text
    assert cut(text, 40) == "Cấp lại giấy phép hoạt động dịch vụ…"
    assert cut(text, 47) == "Cấp lại giấy phép hoạt động dịch vụ việc làm…"  # no comma before "…"
    assert len(cut(text, 40)) <= 40 and len(cut(text, 47)) <= 47
    # A word longer than the room is cut inside; wrapping splits it across lines.
    assert cut("x" * 500, 10) == "x" * 9 + "…"
    assert wrap("ab " + "y" * 25, 10) == ("ab", "y" * 10, "y" * 10, "y" * 5)
    assert cut("  dòng một\n dòng hai  ", 100) == "dòng một dòng hai"


def _long(seed: str, n: int) -> str:
    """``seed`` repeated, numbered, to exactly ``LENGTH`` characters: words all the way."""
    words: list[str] = []
    size = 0
    while size < LENGTH:
        words.append(f"{seed} {n}.{len(words)}")
        size += len(words[-1]) + 1
    return " ".join(words)[:LENGTH]


def _lengthen(value: object, count: list[int]) -> object:
    """Every text of a spec (a map of languages) made ``LENGTH`` characters long."""
    if isinstance(value, dict):
        if value and set(value) <= {"vi", "en"} and all(isinstance(v, str) for v in value.values()):
            count[0] += 1
            return {lang: _long(text, count[0]) for lang, text in value.items()}
        return {key: _lengthen(item, count) for key, item in value.items()}
    if isinstance(value, list):
        return [_lengthen(item, count) for item in value]
    return value


@pytest.fixture(scope="module")
def long_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Nghệ An agency and a procedure with a consultation, decisions and a time-out, every
    text of both 12,100 characters long."""
    root = tmp_path_factory.mktemp("long") / "procedures"
    folder = root / "ldtbxh-nghe-an"
    folder.mkdir(parents=True)
    count = [0]
    for source, name in ((SHIPPED / "agency.yaml", "agency.yaml"),
                         (SHIPPED / "nguoi-co-cong" / "di-chuyen-ho-so-nguoi-co-cong.yaml", "ho-so.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data.pop("supersedes", None)
        text = yaml.safe_dump(_lengthen(data, count), allow_unicode=True, sort_keys=False, width=1_000_000)
        (folder / name).write_text(text, encoding="utf-8")
    assert count[0] > 20
    return root


def _runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"MOTCUA_CACHE_DIR": str(tmp_path / "cache")})


def _title(catalogue: Path, lang: str) -> str:
    data = yaml.safe_load((catalogue / "ldtbxh-nghe-an" / "ho-so.yaml").read_text(encoding="utf-8"))
    title: str = data["title"][lang]
    assert len(title) == LENGTH
    return title


@pytest.mark.parametrize("view", ["internal", "public"])
def test_render_draws_a_procedure_of_long_texts(long_catalogue: Path, tmp_path: Path, view: str) -> None:
    spec = long_catalogue / "ldtbxh-nghe-an" / "ho-so.yaml"
    for fmt in ("svg", "png"):
        out = tmp_path / f"chart.{fmt}"
        done = _runner(tmp_path).invoke(render, [str(spec), "--view", view, "--lang", "vi", "-o", str(out)])
        assert done.exit_code == 0, done.output
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = lxml.etree.parse(str(tmp_path / "chart.svg")).getroot()
    ns = {"s": "http://www.w3.org/2000/svg", "x": "http://www.w3.org/1999/xlink"}
    title = _title(long_catalogue, "vi")
    # The chart shows the start of each text, cut with "…"; the caption over it the procedure's name.
    shown = [t.text or "" for t in svg.iterfind(".//s:text", ns)]
    assert any(t.endswith("…") for t in shown)
    assert max(len(t) for t in shown) < 100
    assert title.startswith("".join(shown[:4]).replace("…", "")[:80])
    # The whole text is in the SVG: its name, each box's title (the hover text) and the tooltips.
    assert title in svg.findtext("s:title", namespaces=ns)
    hover = [t.text or "" for t in svg.iterfind(".//s:g/s:title", ns)]
    assert max(len(t) for t in hover) > LENGTH
    tips = [a.get(f"{{{ns['x']}}}title") or "" for a in svg.iterfind(".//s:a", ns)]
    assert view == "public" or max(len(t) for t in tips) > LENGTH


def test_publish_puts_the_whole_text_on_the_page(long_catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = _runner(tmp_path).invoke(publish, [str(long_catalogue), "-o", str(out)])
    assert done.exit_code == 0, done.output
    for lang in ("vi", "en"):
        path = out / lang / "ldtbxh-nghe-an" / "di-chuyen-ho-so-nguoi-co-cong.html"
        doc = lxml.html.fromstring(path.read_bytes())
        assert doc.xpath("string(//h1)") == _title(long_catalogue, lang)
        charts = doc.xpath("//figure/div[@class='canvas']/*[local-name()='svg']")
        assert len(charts) == 2
        for chart in charts:
            shown = [t.text or "" for t in chart.iter("{*}text", "text")]
            assert shown and max(len(t) for t in shown) < 100
        # A chart of sensible size: no box hundreds of lines tall.
        heights = [float(re.sub(r"[^\d.]", "", c.get("height"))) for c in charts]
        assert max(heights) < 3000, heights


def test_export_bpmn_of_long_texts(long_catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "ho-so.bpmn"
    spec = long_catalogue / "ldtbxh-nghe-an" / "ho-so.yaml"
    done = _runner(tmp_path).invoke(export, ["bpmn", str(spec), "-o", str(out)])
    assert done.exit_code == 0, done.output
    root = lxml.etree.parse(str(out)).getroot()
    names = [e.get("name") or "" for e in root.iter() if e.get("name")]
    assert any(len(n) >= TITLE_LIMIT for n in names)


def test_the_shipped_catalogues_charts_show_every_text_whole() -> None:
    """The limits leave real texts alone: every text of the shipped catalogue's charts fits."""
    import motcua
    from motcua.render.diagram import build_diagram
    from motcua.render.dottext import (
        CAPTION_LINE_LIMIT,
        CAPTION_TITLE_LIMIT,
        EDGE_LIMIT,
        LANE_LIMIT,
        LINE_LIMIT,
        plain,
    )

    catalog = motcua.load_catalog(SHIPPED.parent)
    longest = {"title": 0, "line": 0, "lane": 0, "edge": 0, "caption": 0, "name": 0}
    for procedure in catalog.procedures:
        for lang in ("vi", "en"):
            for view in ("internal", "public"):
                d = build_diagram(procedure, catalog.agency(procedure.agency), lang=lang, view=view)  # type: ignore[arg-type]
                for node in d.nodes:
                    longest["title"] = max(longest["title"], len(plain(node.title)))
                    longest["line"] = max([longest["line"], *(len(plain(line.removeprefix("• "))) for line in node.lines)])
                longest["lane"] = max([longest["lane"], *(len(plain(lane.title)) for lane in d.lanes)])
                longest["edge"] = max([longest["edge"], *(len(plain(edge.label)) for edge in d.edges)])
                longest["caption"] = max([longest["caption"], *(len(plain(line)) for line in d.caption)])
                longest["name"] = max(longest["name"], len(plain(d.title)))
    limits = {"title": TITLE_LIMIT, "line": LINE_LIMIT, "lane": LANE_LIMIT, "edge": EDGE_LIMIT,
              "caption": CAPTION_LINE_LIMIT, "name": CAPTION_TITLE_LIMIT}
    assert all(longest[kind] <= limits[kind] for kind in limits), longest
    assert longest["line"] > 200  # the records with their forms: the longest texts a chart shows
