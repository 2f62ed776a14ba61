"""DOT text: golden files, determinism, escaping and the grid that pins lanes (no Graphviz needed).

Golden files are rewritten only with MOTCUA_UPDATE_GOLDEN=1 in the environment; review the diff.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Callable

import pytest

from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import Agency, End, EndOutcome, Procedure, Step, Text
from motcua.render.diagram import Diagram, EdgeKind, NodeKind, Sketch, build_diagram
from motcua.render.dot import MEASURE, element_titles, html_text, quote, to_dot
from motcua.render.lanes import plan_grid

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MOTCUA_UPDATE_GOLDEN") == "1"



@pytest.mark.parametrize(
    ("name", "view", "lang"),
    [
        ("labour_rules", "internal", "vi"),
        ("labour_rules", "public", "en"),
        ("war_invalid", "internal", "en"),
        ("war_invalid", "public", "vi"),
    ],
)
def test_dot_matches_golden(name: str, view: str, lang: str, request: pytest.FixtureRequest, agency: Agency) -> None:
    procedure: Procedure = request.getfixturevalue(name)
    text = to_dot(build_diagram(procedure, agency, lang=lang, view=view))  # type: ignore[arg-type]
    golden = GOLDEN / f"{name}-{view}-{lang}.dot"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with MOTCUA_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_same_diagram_same_bytes(labour_rules: Procedure, agency: Agency) -> None:
    first = to_dot(build_diagram(labour_rules, agency)).encode("utf-8")
    assert all(to_dot(build_diagram(labour_rules, agency)).encode("utf-8") == first for _ in range(3))


def test_html_text_escapes_markup_and_backslashes() -> None:
    assert html_text('<b> & "x" \\N') == "&lt;b&gt; &amp; &quot;x&quot; \\\\N"
    assert html_text("a\nb\x07c") == "a bc"


def test_quote_makes_escapes_literal() -> None:
    assert quote('say "hi" \\N') == '"say \\"hi\\" \\\\N"'
    assert quote("trailing \\") == '"trailing \\\\"'
    assert quote("two\nlines") == '"two lines"'


def test_spec_text_only_reaches_dot_inside_labels(
    labour_rules: Procedure, agency: Agency, make_hostile: Callable[[Procedure], Procedure]
) -> None:
    text = to_dot(build_diagram(make_hostile(labour_rules), agency))
    name = r"(?:n\d+|l\d+|m\d+|g\d+_\d+|legend(?:_\d+)?)"
    shapes = [
        r"digraph motcua_\w+ \{",
        r"  (?:graph|node|edge) \[.*\];",
        r"  label=<.*>;",
        r"  subgraph grid \{",
        r"    (?:node|edge) \[.*\];",
        rf"    {name}(?: -> {name})+(?: \[weight=100\])?;",
        rf"  {name}(?: -> {name})* \[.*\];",
        rf"  \{{rank=same; {name}(?:; {name})*;\}}",
        r"\s*\}",
    ]
    for line in text.splitlines():
        # Every line is one statement of a shape to_dot writes, naming generated nodes only.
        assert any(re.fullmatch(shape, line) for shape in shapes), line
    assert '\\"]; evil' in text  # the quote stays escaped inside a quoted tooltip
    assert "\x07" not in text and "\x1b" not in text
    assert "&lt;Điều kiện&gt;" in text
    assert "C:\\\\new\\\\table" in text
    assert "\\\\N \\\\G \\\\L" in text
    # No quoted string ends in an odd number of backslashes (which would swallow its closing quote).
    for quoted in re.findall(r'"((?:[^"\\]|\\.)*)"', text):
        assert not re.search(r"(?<!\\)(\\\\)*\\$", quoted), quoted


def test_hand_made_diagram_names_are_checked(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency)
    with pytest.raises(ValueError, match="not a plain DOT identifier"):
        to_dot(dataclasses.replace(d, name='g" { evil }'))
    with pytest.raises(ValueError, match="id prefix"):
        to_dot(dataclasses.replace(d, id_prefix='x" onload="alert(1)'))
    with pytest.raises(ValueError, match="not a plain DOT identifier"):
        to_dot(dataclasses.replace(d, name="subgraph"))


def test_node_names_are_positions_not_diagram_ids(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency)
    renamed = dataclasses.replace(
        d,
        nodes=tuple(dataclasses.replace(n, id=f"x:{n.id}") for n in d.nodes),
        edges=tuple(dataclasses.replace(e, tail=f"x:{e.tail}", head=f"x:{e.head}") for e in d.edges),
    )
    assert to_dot(renamed) == to_dot(d)


def rank_groups(text: str) -> list[list[str]]:
    return [g.split("; ") for g in re.findall(r"\{rank=same; (.*);\}", text)]


def lines_of(d: Diagram) -> list[int]:
    """The ruled lines a chart has: between lanes, and above the legend when it has one."""
    count = len(d.lanes)
    return list(range(1, count)) + ([count] if d.legend or count <= 1 else [])


@pytest.mark.parametrize("view", ["internal", "public"])
def test_every_node_sits_in_one_rank_between_its_lane_lines(
    view: str, war_invalid: Procedure, agency: Agency
) -> None:
    d = build_diagram(war_invalid, agency, view=view)  # type: ignore[arg-type]
    text = to_dot(d)
    groups = rank_groups(text)
    lines = lines_of(d)
    # Every line has a point on every rank, chained along the flow.
    for b in lines:
        chain = " -> ".join(f"g{b}_{r}" for r in range(len(groups)))
        assert f"    {chain} [weight=100];" in text
    for r, members in enumerate(groups):
        assert [m for m in members if m.startswith("g")] == [f"g{b}_{r}" for b in lines]

    def held(name: str, lane: int, rank: int) -> None:
        chain = ([f"g{lane}_{rank}"] if lane in lines else []) + [name]
        chain += [f"g{lane + 1}_{rank}"] if lane + 1 in lines else []
        assert f"  {' -> '.join(chain)} [style=invis];" in text, name

    lanes = [lane.id for lane in d.lanes]
    for i, node in enumerate(d.nodes, start=1):
        (rank,) = [r for r, members in enumerate(groups) if f"n{i}" in members]
        held(f"n{i}", lanes.index(node.lane), rank)
    # Edge labels on ranks of their own, in the lane of the box they lead to: a forward edge's
    # on the rank after its tail (a branch is named beside its decision, and runs on in the
    # lane it goes to), a return edge's on the rank after its head.
    labels = re.findall(r"^  (m\d+) \[", text, re.M)
    assert labels
    for name in labels:
        edge = d.edges[int(name[1:]) - 1]
        (rank,) = [r for r, members in enumerate(groups) if name in members]
        held(name, lanes.index(d.node(edge.head).lane), rank)
        tail, head = [next(r for r, m in enumerate(groups) if f"n{d.nodes.index(d.node(x)) + 1}" in m)
                      for x in (edge.tail, edge.head)]
        assert rank == (head + 1 if edge.back else tail + 1), name
    # Lane headers share the header rank, one per band, in spec order.
    for i in range(len(d.lanes)):
        assert f"l{i + 1}" in groups[1]
        held(f"l{i + 1}", i, 1)


def test_forward_edges_point_to_a_later_rank(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency)
    text = to_dot(d)
    rank = {name: r for r, members in enumerate(rank_groups(text)) for name in members}
    pieces = re.findall(r"^  ([nm]\d+) -> ([nm]\d+) \[id=\"[^\"]*-e(\d+)t?\"([^\n]*)\];$", text, re.M)
    assert {int(index) for *_, index, _ in pieces} == set(range(1, len(d.edges) + 1))
    for tail, head, index, _ in pieces:
        assert rank[tail] < rank[head], (tail, head)
    # The loop back to the review is the one edge drawn against the flow.
    backward = {index for *_, index, rest in pieces if "dir=back" in rest}
    assert [d.edges[int(i) - 1].back for i in backward] == [True]
    assert sum(e.back for e in d.edges) == 1


def test_staff_read_across_and_citizens_down(war_invalid: Procedure, agency: Agency) -> None:
    internal = to_dot(build_diagram(war_invalid, agency))
    public = to_dot(build_diagram(war_invalid, agency, view="public"))
    assert "rankdir=LR" in internal and "rankdir=TB" not in internal
    assert "rankdir=TB" in public and "rankdir=LR" not in public
    # A label is entered and left along the flow: from the left in a row, from above in a column.
    assert "headport=w" in internal and "tailport=e" in internal
    assert "headport=n" in public and "tailport=s" in public


def test_element_titles_name_every_drawn_thing(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi")
    titles = element_titles(d)
    prefix = d.id_prefix
    assert titles[f"{prefix}-graph"] == d.heading
    assert titles[f"{prefix}-l1"] == "Bộ phận Tiếp nhận và Trả kết quả"
    assert titles[f"{prefix}-n2"].startswith("1. Tiếp nhận và kiểm tra hồ sơ")
    assert any(t.endswith(": sau 4 ngày làm việc") for t in titles.values())
    assert titles[f"{prefix}-legend"] == "Chú giải"


def test_a_procedure_with_one_step_and_an_unknown_unit(agency: Agency) -> None:
    session = parse_duration("1 buổi")
    lone = Procedure(
        id="mot-buoc", agency="khac", title=Text.of("Một bước"), version="1", time_limit=session,
        records=(), results=(), steps=(Step("b", "khong-co", session, next="xong"),),
        ends=(End("xong", EndOutcome.WITHDRAWN),),
    )
    d = build_diagram(lone, agency)
    assert [lane.title for lane in d.lanes] == ["khong-co"]
    assert "digraph motcua_mot_buoc_internal {" in to_dot(d)


@pytest.mark.parametrize(("lang", "questions"), [("vi", ["Kết quả<BR ALIGN=\"CENTER\"/>bước 2?",
                                                        "Kết quả<BR ALIGN=\"CENTER\"/>bước 3?"]),
                                                 ("en", ["Outcome of<BR ALIGN=\"CENTER\"/>step 2?",
                                                         "Outcome of<BR ALIGN=\"CENTER\"/>step 3?"])])
def test_a_decision_asks_its_question_inside_its_diamond(lang: str, questions: list[str], labour_rules: Procedure,
                                                         agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang=lang)
    decisions = [n for n in d.nodes if n.kind is NodeKind.DECISION]
    text = to_dot(d)
    for decision, question in zip(decisions, questions, strict=True):
        name = f"n{d.nodes.index(decision) + 1}"
        (line,) = [x for x in text.splitlines() if x.startswith(f"  {name} [")]
        assert f'label=<<FONT POINT-SIZE="9">{question}</FONT>>' in line
        assert "xlabel" not in line and "fixedsize" not in line and "shape=diamond" in line
    # Its hover text names the step in full.
    assert decisions[0].tooltip.startswith("2. Xem xét nội dung nội quy lao động · " if lang == "vi"
                                           else "2. Review the labour rules · ")


def test_staff_texts_wrap_narrower_than_the_citizens(labour_rules: Procedure, agency: Agency) -> None:
    """The staff chart runs left to right, where a line of text widens the whole chart."""
    title = Text((("vi", "Xem xét nội dung nội quy lao động và các văn bản kèm theo"),))
    steps = (dataclasses.replace(labour_rules.steps[0], title=title), *labour_rules.steps[1:])
    text = to_dot(build_diagram(dataclasses.replace(labour_rules, steps=steps), agency))
    rows = re.findall(r"<B>([^<]*)</B>", text)
    start = rows.index("1. Xem xét nội dung")
    assert rows[start:start + 3] == ["1. Xem xét nội dung", "nội quy lao động và", "các văn bản kèm theo"]
    assert MEASURE["internal"].title == 20 < MEASURE["public"].title


def sketched(build: Callable[[Sketch, list[str]], None], lanes: int = 3) -> Diagram:
    """A staff diagram drawn by hand on ``lanes`` lanes."""
    sketch = Sketch()
    ids = [sketch.add_lane(f"Lane {i}") for i in range(1, lanes + 1)]
    build(sketch, ids)
    return Diagram(name="hand", id_prefix="hand", view="internal", lang="en", title="Hand", heading="Hand",
                   caption=(), lanes=tuple(sketch.lanes), nodes=tuple(sketch.nodes),
                   edges=sketch.finished_edges(), legend=(), description="")


def test_a_cell_keeps_the_order_of_what_leads_to_it() -> None:
    """Two branches part in one lane and go on to another: the boxes they reach stand in the
    order of the boxes they come from, whatever order they were drawn in, held by a chain."""
    def build(s: Sketch, lane: list[str]) -> None:
        ask = s.add(NodeKind.DECISION, "Q?", lane[1])
        upper, lower = s.add(NodeKind.STEP, "Upper", lane[2]), s.add(NodeKind.STEP, "Lower", lane[2])
        s.link(ask, upper)
        s.link(ask, lower)
        # Drawn the other way round: the end of the lower path first.
        late = s.add(NodeKind.END, "From lower", lane[0])
        early = s.add(NodeKind.END, "From upper", lane[0])
        s.link(lower, late)
        s.link(upper, early)

    d = sketched(build)
    grid = plan_grid(d, legend=False)
    by_title = {n.title: n.id for n in d.nodes}
    assert grid.place[by_title["Upper"]] == 0 and grid.place[by_title["Lower"]] == 1
    assert grid.place[by_title["From upper"]] == 0 and grid.place[by_title["From lower"]] == 1
    text = to_dot(d)
    names = {n.title: f"n{i}" for i, n in enumerate(d.nodes, start=1)}
    assert f"  {names['From upper']} -> {names['From lower']} [style=invis];" in text
    assert f"  {names['Upper']} -> {names['Lower']} [style=invis];" in text


def test_a_branch_leaves_its_diamond_by_the_corner_facing_its_lane() -> None:
    def build(s: Sketch, lane: list[str]) -> None:
        ask = s.add(NodeKind.DECISION, "Q?", lane[1])
        up, down, on = (s.add(NodeKind.STEP, t, lane[k]) for t, k in (("Up", 0), ("Down", 2), ("On", 1)))
        for head, label in ((up, "yes"), (down, "no"), (on, "")):
            s.link(ask, head, EdgeKind.OUTCOME, label)
        # Of two branches into one lane, the one placed nearer the corner takes it.
        twin = s.add(NodeKind.DECISION, "R?", lane[1])
        s.link(on, twin)
        for title in ("A", "B"):
            s.link(twin, s.add(NodeKind.STEP, title, lane[2]), EdgeKind.OUTCOME, title.lower())

    text = to_dot(sketched(build))
    # A labelled edge's piece at its tail is "e<i>t"; an unlabelled edge is one piece, "e<i>".
    pieces = dict(re.findall(r'^  (?:n|m)\d+ -> (?:n|m)\d+ \[id="hand-(e\d+t?)"([^\n]*)$', text, re.M))
    assert "tailport=n," in pieces["e1t"] and "tailport=s," in pieces["e2t"]
    assert "tailport" not in pieces["e3"]  # the same lane: by the tip
    assert "tailport=e," in pieces["e5t"] and "tailport=s," in pieces["e6t"]


def test_side_by_side_lines_across_two_lanes_get_a_rank_between() -> None:
    """Two branches that go on from one lane to a lane two lines away get a rank more, where dot
    lays their lines side by side instead of bending them across each other in a narrow gap;
    a lone line across two lanes does not."""
    def build(s: Sketch, lane: list[str]) -> None:
        ask = s.add(NodeKind.DECISION, "Q?", lane[1])
        upper, lower = s.add(NodeKind.STEP, "Upper", lane[2]), s.add(NodeKind.STEP, "Lower", lane[2])
        s.link(ask, upper)
        s.link(ask, lower)
        s.link(upper, s.add(NodeKind.STEP, "From upper", lane[0]))
        s.link(lower, s.add(NodeKind.STEP, "From lower", lane[0]))
        # A box of the same lane reached another way: its line has none beside it.
        other = s.add(NodeKind.STEP, "Other", lane[1])
        alone = s.add(NodeKind.STEP, "Alone", lane[2])
        s.link(other, alone)
        s.link(alone, s.add(NodeKind.STEP, "Far alone", lane[0]))

    d = sketched(build)
    rank = plan_grid(d, legend=False).rank_of
    by = {n.title: n.id for n in d.nodes}
    assert rank[by["From upper"]] == rank[by["Upper"]] + 2
    assert rank[by["From lower"]] == rank[by["Lower"]] + 2
    assert rank[by["Far alone"]] == rank[by["Alone"]] + 1  # no line beside it
