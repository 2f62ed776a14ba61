"""DOT text from a diagram: deterministic, laid out as a swimlane grid, closed to injection.

Identifiers are the diagram's generated ids (``n1``, ``l1``); spec text reaches DOT only as an
HTML-like label escaped by ``html_text`` or a quoted string escaped by ``quote``, and only as
much of it as a chart shows (``render.dottext`` cuts long texts at a word). The same diagram
always gives the same text, so golden tests compare DOT without running Graphviz.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from motcua.engine.spec.model import EndOutcome
from motcua.render.diagram import Diagram, EdgeKind, LegendItem, Node, NodeKind
from motcua.render.dottext import (
    CAPTION_LINE_LIMIT,
    CAPTION_TITLE_LIMIT,
    EDGE_LIMIT,
    LANE_LIMIT,
    LINE_LIMIT,
    TIP_LIMIT,
    TITLE_LIMIT,
    centred,
    cut,
    html_text,
    plain,
    quote,
    wrap,
)
from motcua.render.lanes import Grid, plan_grid
from motcua.render.look import DIAMOND, EDGE_STYLE, END_STYLE, LINE, LINE_COLOUR, NODE_STYLE, node_style
from motcua.render.wording import phrase

__all__ = ["FONT", "PAD", "element_titles", "html_text", "quote", "to_dot"]

FONT: Final = "Noto Sans"
#: The margin around every chart, in inches.
PAD: Final = 0.25

TITLE_WIDTH: Final = 30  # characters per line of a box title
LINE_WIDTH: Final = 36  # characters per line of the smaller text under it
LIST_WIDTH: Final = 46  # characters per line of a left-aligned list (the records to bring)
LANE_WIDTH: Final = 18  # characters per line of a lane header
LABEL_WIDTH: Final = 24  # characters per line of an edge label


class Measure(NamedTuple):
    """Characters per line of a box title, of the smaller text under it, and of an edge label."""

    title: int
    line: int
    label: int


#: How wide each view's texts wrap. The staff chart runs left to right, so every character
#: of a line widens the whole chart; its texts wrap narrower and its boxes grow down instead,
#: into lanes that have the room.
MEASURE: Final[dict[str, Measure]] = {
    "internal": Measure(title=20, line=24, label=16),
    "public": Measure(title=TITLE_WIDTH, line=LINE_WIDTH, label=LABEL_WIDTH),
}
QUESTION_WIDTH: Final = 10  # characters per line of a decision's question, inside its diamond
#: A decision diamond with its question inside, as small as the text allows.
QUESTION: Final = 'shape=diamond, margin="0.03,0.01"'


#: How each view runs: (rankdir, the side a label node is entered by, the side it is left by).
#: Staff read the swimlanes left to right; the citizen's chart runs top to bottom, which fits a
#: phone screen and the A4 sheet posted at the counter.
_DIRECTION: Final[dict[str, tuple[str, str, str]]] = {"internal": ("LR", "w", "e"), "public": ("TB", "n", "s")}


#: How a line of a list starts: an item ("• "), or an item of a group under it ("◦ ").
_ITEMS: Final = ("• ", "◦ ")


def _rows(lines: list[tuple[str, str, bool]], *, size: int = 9) -> str:
    """A borderless table, one row a line: (text, align, bold); a text starting "• " is a list
    item, its bullet in a column of its own so wrapped lines hang ("◦ ": an item of a group). Rows keep stacked Vietnamese
    diacritics clear of the line above, which plain ``<BR/>`` lines crowd."""
    cells = []
    # One column unless a list item needs two: dot sizes a table with spanning cells by solving
    # a network-simplex problem, a plain column by adding up its rows.
    span = ' COLSPAN="2"' if any(text.startswith(_ITEMS) for text, _, _ in lines) else ""
    for text, align, bold in lines:
        if text.startswith(_ITEMS):
            # An item of a group ("◦ ") stands one step in, under its heading's bullet column.
            sub = text.startswith("◦ ")
            wrapped = '<BR ALIGN="LEFT"/>'.join(html_text(w) for w in wrap(text[2:], LIST_WIDTH - 2 * sub))
            mark = "" if sub else f'<FONT POINT-SIZE="{size}">•</FONT>'
            body = f"◦ {wrapped}" if sub else wrapped
            cells.append(
                f'<TR><TD ALIGN="RIGHT" VALIGN="TOP">{mark}</TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size}">{body}</FONT></TD></TR>'
            )
            continue
        body = f"<B>{html_text(text)}</B>" if bold else f'<FONT POINT-SIZE="{size}">{html_text(text)}</FONT>'
        cells.append(f'<TR><TD{span} ALIGN="{align}">{body}</TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(cells) + "</TABLE>>"


def _node_label(node: Node, measure: Measure) -> str:
    if node.kind is NodeKind.DECISION:
        # The diamond grows around its question: dot places external labels over lines and edges.
        return f'<<FONT POINT-SIZE="9">{centred(cut(node.title, EDGE_LIMIT), QUESTION_WIDTH)}</FONT>>' if node.title else '""'
    if node.kind in (NodeKind.FORK, NodeKind.JOIN):
        return f"<{html_text(cut(node.title, TITLE_LIMIT))}>" if node.title else '""'
    rows = [(line, "CENTER", True) for line in wrap(cut(node.title, TITLE_LIMIT), measure.title)]
    for line in node.lines:
        if line.startswith(_ITEMS):
            rows.append((line[:2] + cut(line[2:], LINE_LIMIT), "LEFT", False))
        elif node.kind in (NodeKind.TASK, NodeKind.START):
            rows.extend((more, "LEFT", False) for more in wrap(cut(line, LINE_LIMIT), LIST_WIDTH))
        else:
            rows.extend((more, "CENTER", False) for more in wrap(cut(line, LINE_LIMIT), measure.line))
    return _rows(rows)


def _node(name: str, node: Node, *, tips: bool, measure: Measure) -> str:
    classes = " ".join([node.kind.value] + ([node.outcome.value] if node.outcome else []))
    tip = f"tooltip={quote(cut(node.tooltip or node.title, TIP_LIMIT))}, " if tips else ""
    style = node_style(node.kind, node.outcome)
    if node.kind is NodeKind.DECISION and node.title:
        style = style.replace(DIAMOND, QUESTION)
    if not tips and '"rounded,' in style:
        # On a page the box is drawn square and rounded by ``render.svg.round_boxes``: dot's
        # rounded corners are a path of seventeen points, a twentieth of its work per chart.
        style = style.replace('"rounded,', '"')
        classes += " rounded"
    return (
        f"  {name} [class={quote(classes)}, label={_node_label(node, measure)}, "
        f"{tip}{style}];"
    )


def _edge_title(tail: Node, head: Node, label: str) -> str:
    text = f"{tail.name} → {head.name}"
    return f"{text}: {label}" if label else text


def _edges(
    diagram: Diagram, grid: Grid, names: dict[str, str], nodes: dict[str, Node], *, tips: bool
) -> list[str]:
    """Each edge, from the lower rank to the higher; a label on a node of its own where it has one.

    Ranks are pinned, so an edge is written from the lower rank to the higher (on one rank: from
    the earlier lane to the later) and a return edge drawn with its arrow reversed; an edge
    against the pinned ranks would make dot's constraints contradict each other. A labelled edge
    runs through its label node (``Grid.labels``) in two pieces, the arrow on the piece at its
    head; the pieces meet the label at its two ends, so the label reads as part of the line.
    """
    prefix = diagram.id_prefix
    lanes = {lane.id: i for i, lane in enumerate(diagram.lanes)}
    _, entry, leave = _DIRECTION[diagram.view]
    width = MEASURE[diagram.view].label
    # (decision, lane): what its branches into that lane reach first (a label, or the head).
    branches: dict[tuple[str, int], list[str]] = {}
    for i, edge in enumerate(diagram.edges):
        tail, head = nodes.get(edge.tail), nodes.get(edge.head)
        if tail is not None and head is not None and tail.kind is NodeKind.DECISION and not edge.back:
            reached = grid.label(i) if i in grid.labels else edge.head
            branches.setdefault((tail.id, lanes.get(head.lane or "", -1)), []).append(reached)
    out = []
    for i, edge in enumerate(diagram.edges):
        if edge.tail not in names or edge.head not in names:
            continue
        index = i + 1
        tail, head = nodes[edge.tail], nodes[edge.head]
        rank_t, rank_h = grid.rank_of[edge.tail], grid.rank_of[edge.head]
        lane_t, lane_h = lanes.get(tail.lane or "", -1), lanes.get(head.lane or "", -1)
        reverse = rank_t > rank_h or (rank_t == rank_h and lane_t > lane_h)
        style = EDGE_STYLE[edge.kind]
        tip = f"tooltip={quote(cut(_edge_title(tail, head, edge.label), TIP_LIMIT))}, " if tips else ""
        common = f"class={quote(edge.kind.value)}, {tip}"
        first, second = names[edge.tail], names[edge.head]
        if reverse:
            first, second = second, first
        arrow = "dir=back, " if reverse else ""
        port = ""
        if diagram.view == "internal" and not reverse:
            port = _branch_port(tail, lane_t, lane_h, grid.label(i) if i in grid.labels else edge.head, branches, grid)
        if i in grid.labels:
            label = grid.label(i)
            colour = "#744210" if edge.kind is EdgeKind.TIMEOUT else "#1a202c"
            out.append(
                f"  {label} [class={quote('label ' + edge.kind.value)}, label=<{centred(cut(edge.label, EDGE_LIMIT), width)}>, "
                f'{tip}shape=plaintext, width=0, height=0, margin="0.04,0.02", fontsize=9, '
                f'fontcolor="{colour}"];'
            )
            at_head = f'id="{prefix}-e{index}", {common}{arrow}'
            at_tail = f'id="{prefix}-e{index}t", {common}dir=none, '
            into, out_of = (at_head, at_tail) if reverse else (at_tail, at_head)
            out.append(f"  {first} -> {label} [{into}{port}headport={entry}, {style}];")
            out.append(f"  {label} -> {second} [{out_of}tailport={leave}, {style}];")
            continue
        # A label without a rank of its own (a return edge between neighbouring ranks) floats
        # beside its edge: an ordinary edge label would make dot double every rank.
        text = f"xlabel=<{centred(cut(edge.label, EDGE_LIMIT), width)}>, " if edge.label else ""
        out.append(f'  {first} -> {second} [id="{prefix}-e{index}", {common}{text}{arrow}{port}{style}];')
    return out


def _branch_port(tail: Node, lane_t: int, lane_h: int, reached: str,
                 branches: dict[tuple[str, int], list[str]], grid: Grid) -> str:
    """The corner a decision's branch leaves by in a staff chart: the top one for a branch to a
    lane above, the bottom one for a branch to a lane below; branches that all leave by the tip
    bend across each other as they part. Of several branches into one lane, only the outermost
    (the one placed nearest the corner, ``Grid.place``) takes the corner, the others the tip."""
    if tail.kind is not NodeKind.DECISION or lane_h == lane_t:
        return ""
    siblings = sorted(branches.get((tail.id, lane_h), [reached]), key=lambda m: grid.place.get(m, 0))
    if lane_h < lane_t:
        return "tailport=n, " if reached == siblings[0] else "tailport=e, "
    return "tailport=s, " if reached == siblings[-1] else "tailport=e, "


def _graph_label(diagram: Diagram) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="15"><B>{centred(cut(diagram.title, CAPTION_TITLE_LIMIT), 90)}</B></FONT></TD></TR>']
    rows.extend(
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{html_text(cut(line, CAPTION_LINE_LIMIT))}</FONT></TD></TR>'
        for line in diagram.caption
        if line
    )
    return '<<TABLE BORDER="0" CELLSPACING="1" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _legend_node(item: LegendItem, name: str) -> str:
    """The statement drawing one legend entry: a sample of what it explains, with its meaning."""
    label = cut(item.label, EDGE_LIMIT)
    text = f"<{centred(label, 22)}>"
    tip = f"tooltip={quote(cut(item.label, TIP_LIMIT))}"
    sample = item.sample
    if isinstance(sample, EndOutcome):
        return f'  {name} [class="legend", label={text}, {tip}, fontsize=9, {END_STYLE[sample]}];'
    if isinstance(sample, EdgeKind):
        style = ' STYLE="dashed"' if sample is EdgeKind.TIMEOUT else ""
        colour = "#b7791f" if sample is EdgeKind.TIMEOUT else "#4a5568"
        table = (
            '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR>'
            f'<TD WIDTH="36" HEIGHT="8" SIDES="B" BORDER="2"{style} COLOR="{colour}"></TD>'
            f'<TD><FONT POINT-SIZE="9">{centred(label, 22)}</FONT></TD></TR></TABLE>>'
        )
        return f'  {name} [class="legend", shape=plaintext, label={table}, {tip}];'
    if sample in (NodeKind.DECISION, NodeKind.FORK, NodeKind.JOIN):
        # The sample diamond grows around its text: a diamond as small as the chart's would need
        # the text beside it, and dot places such external labels unreliably.
        style = NODE_STYLE[sample].replace(DIAMOND, "shape=diamond, margin=0")
        return f'  {name} [class="legend", label={text}, {tip}, {style}, fontsize=9];'
    return f'  {name} [class="legend", label={text}, {tip}, fontsize=9, {NODE_STYLE[sample]}];'


_SAFE_PREFIX = re.compile(r"[a-z0-9][a-z0-9_-]*")
_SAFE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def to_dot(diagram: Diagram, *, standalone: bool = True) -> str:
    """The DOT text of ``diagram``: one ``digraph`` named after it, lanes as bands between lines.

    Nodes and lanes are renamed ``n1``, ``l1``... by position, so a hand-made diagram cannot
    smuggle DOT syntax through its ids either; the diagram's name and id prefix must be plain.

    A standalone chart (a file of its own) carries its caption, its legend and hover tooltips.
    ``standalone=False`` draws the chart for a web page that shows the caption and the legend
    as text beside it and whose SVG gets each element's hover text as its ``<title>``
    (``render.svg``): a quarter less for dot to lay out and draw, and a smaller SVG.
    """
    if not _SAFE_NAME.fullmatch(diagram.name) or diagram.name.lower() in _KEYWORDS:
        raise ValueError(f"diagram name {diagram.name!r} is not a plain DOT identifier")
    if not _SAFE_PREFIX.fullmatch(diagram.id_prefix):
        raise ValueError(f"id prefix {diagram.id_prefix!r} must match [a-z0-9][a-z0-9_-]*")
    prefix = diagram.id_prefix
    nodes = {n.id: n for n in diagram.nodes}
    names = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes, start=1)}
    grid = plan_grid(diagram, legend=standalone)
    out = [
        f"digraph {diagram.name} {{",
        f'  graph [id="{prefix}-graph", class={quote(f"motcua {diagram.view}")}, rankdir={_DIRECTION[diagram.view][0]}, '
        f'fontname="{FONT}", fontsize=11, labelloc=t, labeljust=l, nodesep=0.22, ranksep=0.3, '
        f'pad={PAD}, bgcolor="#ffffff", outputorder=edgesfirst];',
        # Every SVG element gets an id under the diagram's prefix, so two charts inlined in one
        # page never share an id (dot alone numbers them node1, node2... in each chart).
        f'  node [id="{prefix}-\\N", fontname="{FONT}", fontsize=10, margin="0.12,0.06"];',
        f'  edge [id="{prefix}-\\T-\\H", fontname="{FONT}", fontsize=9, arrowsize=0.7];',
    ]
    if standalone:
        out.append(f"  label={_graph_label(diagram)};")
    # A page chart's lines are drawn edge to edge by the page (``render.svg.rule_lines``), so dot
    # needs no ranks beyond the boxes for their ends to reach.
    ranks = range(grid.ranks) if standalone else range(grid.header_rank, grid.ranks - 1)
    out.extend(_line_statements(grid, ranks, drawn=standalone))
    for i, lane in enumerate(diagram.lanes, start=1):
        role = lane.role or "unit"
        out.append(
            f"  l{i} [class={quote(f'lane {role}')}, shape=plaintext, width=1.7, "
            f"fontsize=11, {f'tooltip={quote(cut(lane.title, TIP_LIMIT))}, ' if standalone else ''}"
            f"label={_rows([(line, 'CENTER', True) for line in wrap(cut(lane.title, LANE_LIMIT), LANE_WIDTH)])}];"
        )
    for node in diagram.nodes:
        out.append(_node(names[node.id], node, tips=standalone, measure=MEASURE[diagram.view]))
    legend = []
    if diagram.legend and standalone:
        out.append(
            '  legend [class="legend", shape=plaintext, fontsize=11, '
            f'label=<<B>{html_text(phrase("chart.legend", lang=diagram.lang))}</B>>];'
        )
        legend.append("legend")
        for i, item in enumerate(diagram.legend, start=1):
            out.append(_legend_node(item, f"legend_{i}"))
            legend.append(f"legend_{i}")
    out.extend(_order_statements(diagram, grid, legend, names, ranks))
    out.extend(_edges(diagram, grid, names, nodes, tips=standalone))
    out.append("}")
    return "\n".join(out) + "\n"


def _line_statements(grid: Grid, ranks: range, *, drawn: bool = True) -> list[str]:
    """The ruled lines between lanes: a point on every rank, joined by straight, heavy edges.

    dot stops each edge a point short of a node even unclipped, so the points are drawn as beads
    of the line's colour that close the gaps. With ``drawn=False`` dot lays the lines out but
    draws only their end points, and ``render.svg.rule_lines`` draws each line as one stroke
    between them: an eighth less work for dot, the same chart.
    """
    bead = f'style=filled, penwidth=0, fillcolor="{LINE_COLOUR}"'
    out = [
        "  subgraph grid {",
        f'    node [class="grid", shape=point, width=0.025, height=0.025, {bead if drawn else "style=invis"}, '
        'label=""];',
        f'    edge [class="grid", {LINE if drawn else "style=invis"}];',
    ]
    for b in grid.lines:
        out.append("    " + " -> ".join([f"g{b}_{r}" for r in ranks]) + " [weight=100];")
        if not drawn:
            # The ends are drawn, thinner than the line the page draws over them.
            end = f"{bead}, width=0.01, height=0.01"
            out.append(f"    g{b}_{ranks[0]} [{end}]; g{b}_{ranks[-1]} [{end}];")
    out.append("  }")
    return out


def _order_statements(
    diagram: Diagram, grid: Grid, legend: list[str], names: dict[str, str], ranks: range
) -> list[str]:
    """Rank groups and invisible same-rank edges that pin every node between its lane's lines.

    dot keeps the order of two nodes joined by an edge inside one rank, while the order of
    clusters is only a preference that crossing reduction overrides; so lanes are bands between
    lines, and each box is joined to the points of the lines on either side of it. Two lines
    with an empty lane between them on a rank are joined too, so no line can slip past another.
    """
    out = []
    lanes = [lane.id for lane in diagram.lanes]
    bounds = [(grid.above(i), grid.below(i)) for i in range(len(lanes))]
    headers: dict[str, tuple[str, ...]] = {lane: (f"l{i}",) for i, lane in enumerate(lanes, start=1)}
    for r in ranks:
        if r == grid.header_rank:
            cells: dict[str, tuple[str, ...]] = headers
            column = legend[:1]
        else:
            in_cell: dict[str, list[str]] = {lane: list(ids) for lane, ids in grid.cells.get(r, {}).items()}
            for lane, labels in grid.label_cells.get(r, {}).items():
                in_cell.setdefault(lane, []).extend(labels)
            cells = {lane: tuple(names.get(m, m) for m in sorted(ids, key=lambda m: grid.place.get(m, 0)))
                     for lane, ids in in_cell.items()}
            k = r - grid.first_rank + 1
            column = legend[k : k + 1] if 0 < k < len(legend) else []
        members = [f"g{b}_{r}" for b in grid.lines]
        held: list[str] = []
        for lane, (upper, lower) in zip(lanes, bounds):
            ids = cells.get(lane, ())
            members.extend(ids)
            above = f"g{upper}_{r} -> " if upper is not None else ""
            below = f" -> g{lower}_{r}" if lower is not None else ""
            if ids and (above or below):
                held.extend(f"  {above}{n}{below} [style=invis];" for n in ids)
            if len(ids) > 1:  # the members of a cell in their planned order (``Grid.place``)
                held.append(f"  {' -> '.join(ids)} [style=invis];")
            elif not ids and upper is not None and lower is not None:
                held.append(f"  g{upper}_{r} -> g{lower}_{r} [style=invis];")
        members.extend(column)
        out.append("  {rank=same; " + "; ".join(members) + ";}")
        out.extend(held)
        if column:
            out.append(f"  g{grid.lanes}_{r} -> {column[0]} [style=invis];")
    return out


def element_titles(diagram: Diagram) -> dict[str, str]:
    """Human text for each SVG element id ``to_dot`` gives a meaning to (nodes, lanes, edges, legend).

    ``render.svg`` puts these in the elements' ``<title>`` in place of DOT names like ``n3``.
    """
    prefix = diagram.id_prefix
    nodes = {n.id: n for n in diagram.nodes}
    titles = {f"{prefix}-graph": diagram.heading}
    for i, node in enumerate(diagram.nodes, start=1):
        titles[f"{prefix}-n{i}"] = plain(node.tooltip or node.title)
    for i, lane in enumerate(diagram.lanes, start=1):
        titles[f"{prefix}-l{i}"] = plain(lane.title)
    for i, edge in enumerate(diagram.edges, start=1):
        tail, head = nodes.get(edge.tail), nodes.get(edge.head)
        if tail is None or head is None:
            continue
        text = plain(_edge_title(tail, head, edge.label))
        titles[f"{prefix}-e{i}"] = titles[f"{prefix}-e{i}t"] = titles[f"{prefix}-m{i}"] = text
    if diagram.legend:
        titles[f"{prefix}-legend"] = phrase("chart.legend", lang=diagram.lang)
    for i, item in enumerate(diagram.legend, start=1):
        titles[f"{prefix}-legend_{i}"] = plain(item.label)
    return titles
