"""Where each box goes in the swimlane chart: its rank, its lane, and the ruled lines between lanes.

``render.dot`` writes this plan as rank groups and same-rank edges, the constraints dot keeps
best; so lanes stay in spec order and steps follow the flow whatever crossings cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from motcua.render.diagram import Diagram, Edge

__all__ = ["Grid", "plan_grid"]

#: Rank 0 is where the ruled lines start, left of the lane headers on rank 1.
HEADER_RANK = 1
FIRST_RANK = 2


@dataclass(frozen=True, slots=True)
class Grid:
    """The rank of every node, the lane cells of every rank, the lines and the edge-label ranks.

    Line ``b`` runs between lane ``b - 1`` and lane ``b`` (0-based) from rank 0 to the last rank,
    with a point on every rank (a chart drawn for a page, whose lines the page draws across the
    whole drawing, keeps only the ranks from the header rank to the last box). A box is held in its band by same-rank edges to the points of the
    lines on either side of it; dot keeps such an order only between real nodes, so a line with
    a point on fewer ranks would run through the others as a free dummy node and bend around
    boxes. The outer sides of the first and last lane are open, which spares dot two lines of
    points; a chart with a legend keeps the line that sets it apart.

    A labelled edge that runs forward gets a rank of its own for its label, which ``render.dot``
    writes as a small node just after the box or diamond the edge leaves: an ordinary edge label
    would make dot double every rank of the chart, and lay out twice the points.
    """

    ranks: int  # number of ranks, the line ends included
    lanes: int
    lines: tuple[int, ...]  # the ruled lines, in lane order
    rank_of: Mapping[str, int]
    cells: Mapping[int, Mapping[str, tuple[str, ...]]]  # rank -> lane id -> node ids, in order
    labels: Mapping[int, tuple[int, str]]  # edge index (0-based) -> (rank, lane id) of its label
    label_cells: Mapping[int, Mapping[str, tuple[str, ...]]]  # rank -> lane id -> label node names
    #: The place of each node id and label name in its cell, top to bottom (left to right in a
    #: chart that runs down): the order of what leads to them, so paths do not cross in a lane.
    place: Mapping[str, int] = field(default_factory=dict)
    header_rank: int = HEADER_RANK
    first_rank: int = FIRST_RANK

    @staticmethod
    def point(line: int, rank: int) -> str:
        """The DOT name of the point of line ``line`` on ``rank``."""
        return f"g{line}_{rank}"

    @staticmethod
    def label(edge: int) -> str:
        """The DOT name of the label node of edge ``edge`` (0-based)."""
        return f"m{edge + 1}"

    def above(self, lane: int) -> int | None:
        """The line before lane ``lane`` (0-based), None for the first lane."""
        return lane if lane in self.lines else None

    def below(self, lane: int) -> int | None:
        """The line after lane ``lane`` (0-based), None for a last lane with no legend after it."""
        return lane + 1 if lane + 1 in self.lines else None


def plan_grid(diagram: Diagram, *, legend: bool = True) -> Grid:
    """Longest-path ranks over the forward edges, so every forward edge goes with the flow.

    A labelled forward edge counts two ranks, its label on the rank after its tail, in the head's
    lane: a branch is named beside the decision it leaves, and runs on in the lane it goes to
    rather than through the lanes between (where it would cross a consultation's arrows). A
    labelled return edge that spans two ranks or more has its label on the rank after its head.
    Two lines side by side across two lanes or more count two ranks too (``_side_by_side``).
    Legend entries take one rank each from ``FIRST_RANK``, past the last lane; ``legend=False``
    plans the chart without them (a page shows the legend itself).
    """
    rank = {n.id: FIRST_RANK for n in diagram.nodes}
    order = {n.id: i for i, n in enumerate(diagram.nodes)}
    forward = sorted(
        (e for e in diagram.edges if not e.back and e.tail in rank and e.head in rank),
        key=lambda e: (order[e.tail], order[e.head]),
    )
    far = _side_by_side(diagram, forward)
    # Forward edges go from an earlier node to a later one (Sketch.link), so they form a DAG.
    # Relaxing them in that order settles the ranks in one pass; the bounded loop only guards
    # diagrams built by hand whose "forward" edges form a cycle.
    for _ in range(len(diagram.nodes)):
        changed = False
        for e in forward:
            reach = rank[e.tail] + (2 if e.label or (e.tail, e.head) in far else 1)
            if rank[e.head] < reach:
                rank[e.head] = reach
                changed = True
        if not changed:
            break
    lane_ids = [lane.id for lane in diagram.lanes]
    known = set(lane_ids)
    lane_of = {n.id: n.lane for n in diagram.nodes}
    labels: dict[int, tuple[int, str]] = {}
    for i, e in enumerate(diagram.edges):
        if not e.label or e.tail not in rank or e.head not in rank:
            continue
        lane = lane_of[e.head]
        if lane is None or lane not in known:
            continue
        if not e.back and rank[e.head] >= rank[e.tail] + 2:
            labels[i] = (rank[e.tail] + 1, lane)
        elif e.back and rank[e.tail] - rank[e.head] >= 2:
            labels[i] = (rank[e.head] + 1, lane)
    last = max(rank.values(), default=FIRST_RANK)
    legend_rows = len(diagram.legend) if legend else 0
    cells: dict[int, dict[str, list[str]]] = {}
    for n in diagram.nodes:
        if n.lane in known:
            cells.setdefault(rank[n.id], {}).setdefault(n.lane, []).append(n.id)
    label_cells: dict[int, dict[str, list[str]]] = {}
    for i, (r, lane) in labels.items():
        label_cells.setdefault(r, {}).setdefault(lane, []).append(Grid.label(i))
    count = len(lane_ids)
    lines = list(range(1, count))
    if legend_rows or count <= 1:
        lines.append(count)  # the line above the legend, or the one line of a one-lane chart
    return Grid(
        place=_places(diagram, labels, cells, label_cells, lane_ids),
        ranks=max(last + 2, FIRST_RANK + legend_rows + 1),
        lanes=count,
        lines=tuple(lines),
        rank_of=rank,
        cells={r: {lane: tuple(ids) for lane, ids in by_lane.items()} for r, by_lane in cells.items()},
        labels=labels,
        label_cells={r: {lane: tuple(ids) for lane, ids in by_lane.items()} for r, by_lane in label_cells.items()},
    )


def _places(
    diagram: Diagram,
    labels: Mapping[int, tuple[int, str]],
    cells: Mapping[int, Mapping[str, list[str]]],
    label_cells: Mapping[int, Mapping[str, list[str]]],
    lane_ids: list[str],
) -> dict[str, int]:
    """The order of the members of every cell, rank by rank along the flow: by the mean height
    of what leads to each (its forward edges' tails, or the label an edge runs through), ties and
    members nothing leads to in the order they were drawn. Two branches that part in one lane
    and go on to another then keep their order, and their lines do not cross."""
    before: dict[str, list[str]] = {}
    for i, e in enumerate(diagram.edges):
        if e.back:
            continue
        if i in labels:
            before.setdefault(Grid.label(i), []).append(e.tail)
            before.setdefault(e.head, []).append(Grid.label(i))
        else:
            before.setdefault(e.head, []).append(e.tail)
    height: dict[str, float] = {}
    place: dict[str, int] = {}
    for r in sorted(set(cells) | set(label_cells)):
        for k, lane in enumerate(lane_ids):
            members = [*cells.get(r, {}).get(lane, ()), *label_cells.get(r, {}).get(lane, ())]
            if not members:
                continue

            def key(member: str, k: int = k) -> float:
                seen = [height[m] for m in before.get(member, ()) if m in height]
                return sum(seen) / len(seen) if seen else k + 0.5

            ordered = sorted(members, key=key)  # sorted is stable: ties keep the drawn order
            for n, member in enumerate(ordered):
                place[member] = n
                height[member] = k + (n + 1) / (len(ordered) + 1)
    return place


def _side_by_side(diagram: Diagram, forward: list[Edge]) -> set[tuple[str, str]]:
    """(tail, head) of the edges that cross two lane lines or more beside another: from boxes
    that share a lane and a predecessor (the branches of one decision) to boxes that share a
    lane. Such a pair, drawn between neighbouring ranks, bends across itself in the narrow gap;
    a rank more between them lets dot lay the two lines side by side."""
    position = {lane.id: i for i, lane in enumerate(diagram.lanes)}
    lane_at = {n.id: position[n.lane] for n in diagram.nodes if n.lane in position}
    before: dict[str, set[str]] = {}
    for e in forward:
        before.setdefault(e.head, set()).add(e.tail)
    far = [e for e in forward
           if e.tail in lane_at and e.head in lane_at and abs(lane_at[e.tail] - lane_at[e.head]) >= 2]
    found: set[tuple[str, str]] = set()
    for a in far:
        for b in far:
            if (a.tail != b.tail and lane_at[a.tail] == lane_at[b.tail] and lane_at[a.head] == lane_at[b.head]
                    and before.get(a.tail, set()) & before.get(b.tail, set())):
                found.add((a.tail, a.head))
    return found
