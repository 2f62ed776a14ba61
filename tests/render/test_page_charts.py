"""Charts drawn for the site: caption and legend move to the page, hover texts to ``<title>``."""

from __future__ import annotations

import os
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import lxml.html
import pytest

import motcua
from motcua.engine.spec.model import Agency, Catalog, EndOutcome, Procedure
from motcua.render.diagram import EdgeKind, NodeKind, build_diagram, caption_lines
from motcua.render.dot import to_dot
from motcua.render.lanes import plan_grid
from motcua.render.look import edge_style, node_style
from motcua.render.site import FigureRequest, build_site, dot_sources, draw_figures
from motcua.render.site.drawing import PAGE_PREFIX
from motcua.render.site.legend import swatch
from motcua.render.swimlanes import chart_legend

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def shipped() -> list[tuple[Procedure, Agency]]:
    catalog = motcua.load_catalog(Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures")
    agencies = {a.id: a for a in catalog.agencies}
    return [(p, agencies[p.agency]) for p in catalog.procedures]


def test_the_page_legend_names_exactly_what_the_chart_draws(
    agency: Agency, labour_rules: Procedure, war_invalid: Procedure
) -> None:
    cases = [(labour_rules, agency), (war_invalid, agency), *shipped()]
    seen: set[object] = set()
    for procedure, owner in cases:
        for lang in ("vi", "en"):
            diagram = build_diagram(procedure, owner, lang=lang, view="internal")
            drawn: set[object] = {n.kind for n in diagram.nodes} | {e.kind for e in diagram.edges}
            drawn |= {n.outcome for n in diagram.nodes if n.outcome is not None}
            # Node and edge kinds that have a legend entry, and every end outcome, as drawn.
            explained = {NodeKind.START, NodeKind.STEP, NodeKind.DECISION, NodeKind.FORK, EdgeKind.TIMEOUT,
                         *EndOutcome}
            legend = chart_legend(procedure, lang)
            assert {item.sample for item in legend} == drawn & explained, procedure.id
            assert len({item.label for item in legend}) == len(legend)
            seen |= {item.sample for item in legend}
    # The cases cover each kind of entry at least once, so the comparison above means something.
    assert seen >= {NodeKind.DECISION, NodeKind.FORK, EdgeKind.TIMEOUT, EndOutcome.GRANTED,
                    EndOutcome.REFUSED, EndOutcome.DEEMED_GRANTED}


def test_a_page_chart_leaves_caption_legend_and_tooltips_out(labour_rules: Procedure, agency: Agency) -> None:
    diagram = build_diagram(labour_rules, agency, lang="vi", view="internal")
    assert diagram.legend
    alone, on_page = to_dot(diagram), to_dot(diagram, standalone=False)
    assert "tooltip=" in alone and "legend" in alone and re.search(r"(?m)^  label=<", alone)
    assert "tooltip=" not in on_page and "legend" not in on_page and not re.search(r"(?m)^  label=", on_page)
    # No ruled line sets a legend apart: one line between each two lanes, no more.
    assert plan_grid(diagram, legend=False).lines == tuple(range(1, len(diagram.lanes)))
    assert plan_grid(diagram).lines == tuple(range(1, len(diagram.lanes) + 1))
    assert len(on_page) < 0.85 * len(alone)


def test_page_charts_have_human_titles_and_no_link_wrappers(labour_rules: Procedure, agency: Agency) -> None:
    requests = [FigureRequest(labour_rules, agency, "vi", view) for view in ("public", "internal")]
    public, internal = draw_figures(requests, jobs=1)
    for svg in (public, internal):
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert not list(root.iter(f"{SVG}a")), "hover texts are <title>s, not xlink:title wrappers"
        ids = [e.get("id") or "" for e in root.iter() if e.get("id")]
        assert ids and all(i.startswith(f"{PAGE_PREFIX}-") for i in ids)
    titles = [t.text or "" for t in ET.fromstring(internal).iter(f"{SVG}title")]
    assert "2. Xem xét nội dung nội quy lao động · Phòng Lao động - Tiền lương - Bảo hiểm xã hội · 4 ngày làm việc" in titles
    assert not [t for t in titles if re.fullmatch(r"(n|l|g|m)\d+(_\d+)?(->.*)?|motcua_.*", t)]
    texts = " ".join(t.text or "" for t in ET.fromstring(internal).iter(f"{SVG}text"))
    assert "Chú giải" not in texts and "Mã thủ tục" not in texts


def test_the_site_draws_what_dot_sources_gives(labour_rules: Procedure, agency: Agency) -> None:
    requests = [FigureRequest(labour_rules, agency, lang, view) for lang in ("vi", "en") for view in ("public", "internal")]
    sources = dot_sources(requests)
    assert len(sources) == 4 and all("tooltip=" not in s for s in sources)
    assert sources == [to_dot(dataclasses.replace(build_diagram(r.procedure, r.agency, lang=r.lang, view=r.view),
                                                  id_prefix=PAGE_PREFIX), standalone=False) for r in requests]


LEGEND_SAMPLES = [NodeKind.START, NodeKind.STEP, NodeKind.DECISION, NodeKind.FORK, EdgeKind.TIMEOUT, *EndOutcome]


@pytest.mark.parametrize("sample", LEGEND_SAMPLES)
def test_a_swatch_is_drawn_in_the_charts_colours(sample: object) -> None:
    if isinstance(sample, EdgeKind):
        style = edge_style(sample)
    elif isinstance(sample, EndOutcome):
        style = node_style(NodeKind.END, sample)
    else:
        style = node_style(sample)  # type: ignore[arg-type]
    markup = swatch(sample)  # type: ignore[arg-type]
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg" and root.get("aria-hidden") == "true"
    painted = {e.get("stroke") for e in root.iter()} | {e.get("fill") for e in root.iter()}
    colour = re.search(r'\bcolor="(#[0-9a-f]{6})"', style)
    assert colour is not None and colour.group(1) in painted
    fill = re.search(r'fillcolor="(#[0-9a-f]{6})"', style)
    if fill is not None:
        assert fill.group(1) in painted


def test_swatches_tell_the_samples_apart() -> None:
    drawings = {str(swatch(s)) for s in LEGEND_SAMPLES}  # type: ignore[arg-type]
    assert len(drawings) == len(LEGEND_SAMPLES)
    for sample in [*NodeKind, *EdgeKind]:  # any kind draws, legend entry or not
        assert ET.fromstring(str(swatch(sample))).tag == f"{SVG}svg"


def test_the_page_shows_the_caption_and_the_legend(tmp_path: Path, agency: Agency, labour_rules: Procedure) -> None:
    out = tmp_path / "site"
    build_site(Catalog((agency,), (labour_rules,)), out=out, on=dt.date(2024, 1, 1))
    for lang in ("vi", "en"):
        doc = lxml.html.fromstring((out / lang / "ldtbxh-nghe-an" / "dang-ky-noi-quy-lao-dong.html").read_bytes())
        internal = doc.xpath("//figure[contains(@class, 'diagram-internal')]")[0]
        public = doc.xpath("//figure[contains(@class, 'diagram-public')]")[0]
        for figure in (internal, public):
            caption = [" ".join(s.text_content().split()) for s in figure.xpath(".//*[@class='figure-caption']")]
            assert caption == list(caption_lines(labour_rules, lang))
        items = internal.xpath(".//div[@class='legend']//li")
        assert [" ".join(li.text_content().split()) for li in items] == [
            item.label for item in chart_legend(labour_rules, lang)]
        assert all(li.xpath("./*[local-name()='svg' and @aria-hidden='true']") for li in items)
        assert not public.xpath(".//div[@class='legend']")
        heading = internal.xpath(".//*[@class='legend-title']")[0]
        assert internal.xpath(".//div[@class='legend']/ul")[0].get("aria-labelledby") == heading.get("id")


def test_page_charts_draw_each_line_once_with_every_box_between_its_lines(
    agency: Agency, labour_rules: Procedure, war_invalid: Procedure, make_procedure: Callable[[int], Procedure]
) -> None:
    """dot lays out the lines of a page chart but draws only their ends; the page draws each
    line as one stroke. Every box, lane header and edge label lies inside its band."""
    from motcua.render.site.drawing import _finish, _prepare, _run

    procedures = [labour_rules, war_invalid, *(make_procedure(seed) for seed in range(30))]
    requests = [FigureRequest(p, agency, "vi", view) for p in procedures for view in ("internal", "public")]
    job = _prepare(requests)
    for diagram, svg in zip(job.diagrams, _finish(job, _run(job, jobs=None))):
        root = ET.fromstring(svg)
        groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
        across = 0 if diagram.view == "public" else 1  # x for the citizen's columns, y for staff rows
        strokes = [p for p in root.iter(f"{SVG}path") if p.get("class") == "grid"]
        assert len(strokes) == len(diagram.lanes) - 1, diagram.name
        at = []
        for stroke in strokes:
            x0, y0, x1, y1 = map(float, re.findall(r"-?\d+(?:\.\d+)?", stroke.get("d", "")))
            assert (x0, y0)[across] == (x1, y1)[across]  # straight along the flow
            at.append((x0, y0)[across])
        assert at == sorted(at)
        assert not [g for g in groups if g and re.search(r"-g\d+_\d+-g\d+_\d+$", g)], "no segments from dot"

        def band(name: str, lane: int) -> None:
            low, high = box(groups[f"{PAGE_PREFIX}-{name}"], across)
            if lane > 0:
                assert at[lane - 1] < low, (diagram.name, name)
            if lane < len(at):
                assert high < at[lane], (diagram.name, name)

        lanes = [lane.id for lane in diagram.lanes]
        for i, node in enumerate(diagram.nodes, start=1):
            band(f"n{i}", lanes.index(node.lane))
        for i in range(len(lanes)):
            band(f"l{i + 1}", i)


def box(group: ET.Element, axis: int) -> tuple[float, float]:
    """The extent of what a group draws along ``axis`` (0: x, 1: y)."""
    values: list[float] = []
    for el in group.iter():
        raw = " ".join(el.get(a, "") for a in ("points", "d"))
        values.extend([float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", raw)][axis::2])
        if el.get("cx"):
            values.append(float(el.get("cy" if axis else "cx", 0)))
        if el.tag == f"{SVG}text":
            y = float(el.get("y", 0))
            values.extend((y, y - float(el.get("font-size", 0))) if axis else (float(el.get("x", 0)),))
    return min(values), max(values)


def test_page_charts_round_the_boxes_dot_drew_square(labour_rules: Procedure, agency: Agency) -> None:
    """Rounded boxes (steps, the one-stop entry and exit, granted ends...) are drawn square by
    dot on a page chart and rounded after, with the double border of a granted end kept."""
    requests = [FigureRequest(labour_rules, agency, "vi", view) for view in ("public", "internal")]
    seen = 0
    for svg in draw_figures(requests, jobs=1):
        for group in ET.fromstring(svg).iter(f"{SVG}g"):
            classes = (group.get("class") or "").split()
            if "node" not in classes:
                continue
            outlines = [e for e in group if e.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}rect")]
            if "rounded" in classes:
                seen += 1
                assert outlines and all(e.tag == f"{SVG}rect" and e.get("rx") == "6" for e in outlines)
                assert len(outlines) == (2 if "granted" in classes else 1)
                assert float(outlines[0].get("width", 0)) > 20 and float(outlines[0].get("height", 0)) > 10
            else:
                assert not any(e.tag == f"{SVG}rect" for e in outlines)
    assert seen >= 8
    # A chart of its own keeps dot's own rounded corners.
    alone = to_dot(build_diagram(labour_rules, agency, view="internal"))
    assert 'style="rounded,' in alone and ' rounded"' not in alone
