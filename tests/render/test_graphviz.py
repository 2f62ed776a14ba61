"""The real ``dot``: batching, splitting, errors, determinism, layout, injection and accessible SVG."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest

from motcua.engine.model import Agency, Procedure
from motcua.render.charts import render_diagrams, render_procedure
from motcua.render.diagram import Diagram, build_diagram
from motcua.render.dot import to_dot
from motcua.render.graphviz import GraphvizError, GraphvizNotFound, run_dot
from motcua.render.svg import inline_svg

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")

SVG = "{http://www.w3.org/2000/svg}"


def small(name: str) -> str:
    return f"digraph {name} {{ a -> b; }}\n"


# -- run_dot ------------------------------------------------------------------------------------


def test_no_sources_no_process() -> None:
    assert run_dot([]) == []


def test_one_output_per_graph_in_order() -> None:
    sources = [small(f"g{i}") for i in range(25)]
    out = run_dot(sources, jobs=2)
    assert len(out) == 25
    for i, svg in enumerate(out):
        assert svg.startswith(b"<?xml ") and svg.rstrip().endswith(b"</svg>")
        assert f"<title>g{i}</title>".encode() in svg


def test_batch_output_equals_one_process_per_graph(
    make_procedure: Callable[[int], Procedure], agency: Agency
) -> None:
    sources = [to_dot(build_diagram(make_procedure(seed), agency)) for seed in range(20)]
    batched = run_dot(sources, jobs=2)
    assert run_dot(sources, jobs=1) == batched
    for i in (0, 7, 19):
        assert run_dot([sources[i]]) == [batched[i]]


def test_png_is_split_on_its_chunk_structure() -> None:
    out = run_dot([small("a"), small("b"), small("c")], format="png", dpi=72)
    assert len(out) == 3
    for png in out:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert png.endswith(b"IEND\xaeB`\x82")
    assert run_dot([small("a")], format="png", dpi=72)[0] == out[0]


def test_pdf_documents_are_split() -> None:
    out = run_dot([small("a"), small("b")], format="pdf")
    assert len(out) == 2
    assert all(pdf.startswith(b"%PDF-") and pdf.endswith(b"%%EOF\n") for pdf in out)


def test_missing_dot_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizNotFound, match=r"install Graphviz: apt-get install graphviz"):
        run_dot([small("a")])


def test_a_broken_graph_is_named_by_its_position() -> None:
    sources = [small("a"), "digraph b { -> }", small("c")]
    with pytest.raises(GraphvizError) as caught:
        run_dot(sources)
    assert caught.value.index == 1
    assert "syntax error" in caught.value.stderr
    with pytest.raises(GraphvizError) as two:
        run_dot([small("a"), small("b") + small("extra")])
    assert two.value.index == 1


def test_bad_arguments_are_programmer_errors() -> None:
    with pytest.raises(ValueError, match="format"):
        run_dot([small("a")], format="gif")
    with pytest.raises(TypeError):
        run_dot(small("a"))


# -- charts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["svg", "png", "dot"])
def test_same_spec_same_bytes(fmt: str, labour_rules: Procedure, agency: Agency) -> None:
    first = render_procedure(labour_rules, agency, format=fmt)
    assert render_procedure(labour_rules, agency, format=fmt) == first


def test_pdf_chart_renders(war_invalid: Procedure, agency: Agency) -> None:
    assert render_procedure(war_invalid, agency, format="pdf", lang="en").startswith(b"%PDF-")


def test_vietnamese_text_is_drawn_in_noto_sans(labour_rules: Procedure, agency: Agency) -> None:
    svg = render_procedure(labour_rules, agency, lang="vi").decode("utf-8")
    assert 'font-family="Noto Sans"' in svg
    assert "Đăng ký nội quy lao động của doanh nghiệp" in svg
    assert "Bộ phận Tiếp nhận" in svg and "ngày làm việc" in svg


def texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("view", ["internal", "public"])
def test_hostile_spec_text_is_drawn_literally(
    view: str, labour_rules: Procedure, agency: Agency, make_hostile: Callable[[Procedure], Procedure]
) -> None:
    diagram = build_diagram(make_hostile(labour_rules), agency, view=view)  # type: ignore[arg-type]
    source = to_dot(diagram)
    raw = run_dot([source])[0]
    root = ET.fromstring(raw)
    # The nodes dot drew are exactly the ones to_dot declared: no text added a node or an edge.
    statements = re.findall(r"^ +(\w+(?: -> \w+)*) \[", source, re.M)
    declared = {name for s in statements for name in s.split(" -> ")} - {"graph", "node", "edge"}
    drawn = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("node")}
    assert drawn == declared
    edges = sum(1 for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("edge"))
    chains = re.findall(r"^ +(\w+(?: -> \w+)+)(.*)$", source, re.M)  # invisible edges draw nothing
    assert edges == sum(len(c.split(" -> ")) - 1 for c, rest in chains if "style=invis" not in rest)
    shown = " ".join(texts(raw).split())
    expected = ['x"]; evil [label="pwned"]; y [label="', "Tên: \\N \\G \\L \\E \\T \\H"]
    if view == "internal":
        expected += ["C:\\new\\table", "kết thúc \\", "<Điều kiện>", "<<B>in đậm</B>>", "a:b; c -> d }"]
    else:
        expected += ["dòng một dòng hai ba", "chuông và [31m", "&amp; &#92;N"]
    for literal in expected:
        assert literal in shown, literal


def element_box(group: ET.Element) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for el in group.iter():
        raw = " ".join(el.get(a, "") for a in ("points", "d"))
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", raw)]
        xs.extend(numbers[0::2])
        ys.extend(numbers[1::2])
        if el.get("cx"):
            xs.append(float(el.get("cx", 0)))
            ys.append(float(el.get("cy", 0)))
    return min(xs), min(ys), max(xs), max(ys)


def check_layout(diagram: Diagram, svg: bytes) -> None:
    """Each node lies inside its lane's band; every forward edge goes left to right."""
    groups = {g.get("id"): g for g in ET.fromstring(svg).iter(f"{SVG}g")}
    prefix = diagram.id_prefix
    line_y = []
    for b in range(len(diagram.lanes) + 1):
        _, y0, _, y1 = element_box(groups[f"{prefix}-g{b}_0-g{b}_1"])
        assert y0 == y1  # the line is straight
        line_y.append(y0)
    assert line_y == sorted(line_y)
    lanes = [lane.id for lane in diagram.lanes]
    centre = {}
    for i, node in enumerate(diagram.nodes, start=1):
        x0, y0, x1, y1 = element_box(groups[f"{prefix}-n{i}"])
        centre[node.id] = ((x0 + x1) / 2, (y0 + y1) / 2)
        band = lanes.index(node.lane)
        assert line_y[band] < centre[node.id][1] < line_y[band + 1], (diagram.name, node.title)
    for edge in diagram.edges:
        if not edge.back:
            assert centre[edge.tail][0] < centre[edge.head][0], (diagram.name, edge)


def test_lanes_hold_their_nodes_in_spec_order(
    labour_rules: Procedure, war_invalid: Procedure, agency: Agency, make_procedure: Callable[[int], Procedure]
) -> None:
    diagrams = [build_diagram(p, agency, view=v) for p in (labour_rules, war_invalid) for v in ("internal", "public")]
    diagrams += [build_diagram(make_procedure(seed), agency, lang="en") for seed in range(40)]
    for diagram, svg in zip(diagrams, run_dot([to_dot(d) for d in diagrams])):
        check_layout(diagram, svg)


# -- accessibility ------------------------------------------------------------------------------


def test_svg_root_is_a_labelled_described_image(labour_rules: Procedure, agency: Agency) -> None:
    svg = render_procedure(labour_rules, agency, lang="vi")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = (root.get("aria-labelledby") or "").split()
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title", title_id, "Sơ đồ quy trình nội bộ: Đăng ký nội quy lao động của doanh nghiệp")
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", desc_id)
    assert "3. Ký văn bản xác nhận (Giám đốc Sở, 1,5 ngày làm việc)" in (desc.text or "")


def test_hover_texts_are_human(labour_rules: Procedure, agency: Agency) -> None:
    svg = render_procedure(labour_rules, agency, lang="vi")
    titles = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}title")]
    assert not [t for t in titles if re.fullmatch(r"(n|l|g)\d+(_\d+)?(->.*)?|motcua_.*", t)]
    assert "Giám đốc Sở" in titles
    tooltips = {a.get("{http://www.w3.org/1999/xlink}title") for a in ET.fromstring(svg).iter(f"{SVG}a")}
    assert "2. Xem xét nội dung nội quy lao động · Phòng Lao động - Tiền lương - Bảo hiểm xã hội · 4 ngày làm việc" in tooltips


def test_two_charts_on_one_page_share_no_id(labour_rules: Procedure, agency: Agency) -> None:
    diagrams = [build_diagram(labour_rules, agency, view=v) for v in ("public", "internal")]
    page = "<div>" + "".join(inline_svg(svg) for svg in render_diagrams(diagrams)) + "</div>"
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) > 50
    assert not page.lstrip("<div>").startswith("<?xml")
    assert "<!--" not in page
    ET.fromstring(page)  # still well-formed XML
