"""The real ``dot``: batching, splitting, errors, determinism, layout, injection and accessible SVG."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest

from motcua.engine.spec.model import Agency, Procedure
from motcua.render.charts import render_diagrams, render_procedure
from motcua.render.diagram import Diagram, build_diagram
from motcua.render.dot import to_dot
from motcua.render.graphviz import GraphvizError, GraphvizNotFound, dot_version, draw, run_dot
from motcua.render.svg import inline_svg, label_svg

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


XML_NAME = re.compile(r"[A-Za-z_][\w.\-]*")


def ids_of(svg: bytes) -> list[str]:
    return [html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', svg.decode("utf-8"))]


def test_every_svg_of_a_batch_has_clean_ids() -> None:
    # dot 2.43 names the root group of each graph after the first of a run "page0,1_<id>".
    sources = [f'digraph g{i} {{ graph [id="chart{i}"]; a -> b; }}\n' for i in range(12)]
    raw = subprocess.run(["dot", "-Tsvg"], input="".join(sources).encode(), capture_output=True, check=True).stdout
    assert b'id="page0,1_chart1"' in raw
    for jobs in (1, 2):
        for i, svg in enumerate(run_dot(sources, jobs=jobs)):
            assert re.search(rf'<g id="chart{i}" class="graph"', svg.decode()), i
            assert all(XML_NAME.fullmatch(x) for x in ids_of(svg)), ids_of(svg)


def test_an_svg_from_another_batch_comes_out_clean() -> None:
    sources = 'digraph a { graph [id="one"]; a; }\ndigraph b { graph [id="two"]; b; }\n'
    raw = subprocess.run(["dot", "-Tsvg"], input=sources.encode(), capture_output=True, check=True).stdout
    second = raw[raw.rindex(b"<?xml ") :]
    assert b"page0,1_two" in second
    labelled = label_svg(second, title="Hai", description="Một nút.", id_prefix="two", titles={})
    assert b"page0" not in labelled and b'<g id="two" class="graph"' in labelled
    assert "page0" not in inline_svg(second)


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


# -- one chart through the graphviz package ----------------------------------------------------


@pytest.mark.parametrize(("fmt", "dpi"), [("svg", None), ("png", 120.0), ("png", None)])
def test_one_chart_through_the_package_is_the_batch_s_bytes(
    fmt: str, dpi: float | None, make_procedure: Callable[[int], Procedure], agency: Agency
) -> None:
    sources = [to_dot(build_diagram(make_procedure(seed), agency, view=view))
               for seed in (1, 2) for view in ("internal", "public")]  # fmt: skip
    assert [draw(s, format=fmt, dpi=dpi) for s in sources] == run_dot(sources, format=fmt, dpi=dpi, jobs=1)


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_render_procedure_draws_what_the_site_s_batches_draw(fmt: str, labour_rules: Procedure, agency: Agency) -> None:
    for view in ("internal", "public"):
        diagram = build_diagram(labour_rules, agency, lang="en", view=view)
        assert render_procedure(labour_rules, agency, format=fmt, lang="en", view=view) == render_diagrams(
            [diagram], format=fmt)[0]  # fmt: skip


def test_the_package_s_errors_come_out_as_ours(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(GraphvizError) as caught:
        draw("digraph b { -> }")
    assert (caught.value.index, caught.value.returncode != 0) == (0, True)
    assert "syntax error" in caught.value.stderr and str(caught.value).startswith("dot failed on graph 0: ")
    with pytest.raises(ValueError, match="format"):
        draw(small("a"), format="gif")
    monkeypatch.setenv("PATH", str(tmp_path))
    for call in (lambda: draw(small("a")), dot_version):
        with pytest.raises(GraphvizNotFound, match=r"install Graphviz: apt-get install graphviz") as missing:
            call()
        assert missing.value.executable == "dot"


def test_the_version_is_the_one_dot_reports() -> None:
    said = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=True).stderr
    assert re.fullmatch(r"\d+(\.\d+){1,3}", dot_version()) and f"version {dot_version()}" in said


def test_only_render_graphviz_imports_the_graphviz_package() -> None:
    root = Path(__file__).parent.parent.parent
    users = sorted(str(p.relative_to(root)) for folder in ("engine", "validators", "render", "motcua")
                   for p in (root / folder).rglob("*.py")
                   if re.search(r"^\s*(import graphviz|from graphviz)\b", p.read_text(encoding="utf-8"), re.M))  # fmt: skip
    assert users == ["render/graphviz.py"]


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
        if el.tag == f"{SVG}text":  # the baseline, and the top of the letters above it
            y = float(el.get("y", 0))
            xs.append(float(el.get("x", 0)))
            ys.extend((y, y - float(el.get("font-size", 0))))
    return min(xs), min(ys), max(xs), max(ys)


def check_layout(diagram: Diagram, svg: bytes) -> None:
    """Lines straight and in order; each node and edge label inside its lane's band, the legend
    past the last line; every forward edge goes with the flow (left to right in the staff view,
    top to bottom in the citizen's)."""
    groups = {g.get("id"): g for g in ET.fromstring(svg).iter(f"{SVG}g")}
    prefix = diagram.id_prefix
    count = len(diagram.lanes)
    lines = list(range(1, count)) + ([count] if diagram.legend or count <= 1 else [])
    # Staff lanes are bands one above the other and the flow runs right; the citizen's lanes are
    # columns side by side and the flow runs down.
    across, along = (0, 1) if diagram.view == "public" else (1, 0)

    def span(name: str) -> tuple[float, float, float, float]:
        """(low, high) across the lanes, then (low, high) along the flow, of an element."""
        box = element_box(groups[f"{prefix}-{name}"])
        return box[across], box[across + 2], box[along], box[along + 2]

    line_at = {}
    for b in lines:
        segments = [key for key in groups if re.fullmatch(rf"{prefix}-g{b}_\d+-g{b}_\d+", key or "")]
        assert segments, b
        at = {v for key in segments for v in span(key[len(prefix) + 1 :])[:2]}
        assert len(at) == 1, (diagram.name, b, at)  # the line is straight, all along
        line_at[b] = at.pop()
    assert [line_at[b] for b in lines] == sorted(line_at.values())

    def inside(name: str, lane: int) -> float:
        low, high, start, end = span(name)
        if lane in line_at:
            assert line_at[lane] < low, (diagram.name, name, "before its band")
        if lane + 1 in line_at:
            assert high < line_at[lane + 1], (diagram.name, name, "after its band")
        return (start + end) / 2

    lanes = [lane.id for lane in diagram.lanes]
    centre = {node.id: inside(f"n{i}", lanes.index(node.lane)) for i, node in enumerate(diagram.nodes, start=1)}
    for i in range(count):
        inside(f"l{i + 1}", i)
    for i, edge in enumerate(diagram.edges, start=1):
        if f"{prefix}-m{i}" in groups:
            inside(f"m{i}", lanes.index(diagram.node(edge.head).lane))
        if not edge.back:
            assert centre[edge.tail] < centre[edge.head], (diagram.name, edge)
    for i in range(len(diagram.legend) + (1 if diagram.legend else 0)):
        low, *_ = span("legend" + (f"_{i}" if i else ""))
        assert line_at[count] < low, (diagram.name, "legend before its line")


def test_lanes_hold_their_nodes_in_spec_order(
    labour_rules: Procedure, war_invalid: Procedure, agency: Agency, make_procedure: Callable[[int], Procedure]
) -> None:
    diagrams = [build_diagram(p, agency, view=v) for p in (labour_rules, war_invalid) for v in ("internal", "public")]
    diagrams += [build_diagram(make_procedure(seed), agency, lang="en") for seed in range(40)]
    diagrams += [build_diagram(make_procedure(seed), agency, view="public") for seed in range(10)]
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
    assert not [t for t in titles if re.fullmatch(r"(n|l|g|m)\d+(_\d+)?(->.*)?|motcua_.*", t)]
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
