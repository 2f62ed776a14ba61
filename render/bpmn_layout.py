"""BPMN process graph -> diagram geometry: bounds for the pool, lanes and nodes, waypoints for flows.

The second stage of the BPMN export (after ``render/bpmn_graph.py``): lanes are horizontal bands,
nodes sit on a grid of columns given by their longest distance from the start, and flows are
routed with right angles, so bpmn.io and Camunda Modeler open the file already laid out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from motcua.render.bpmn_graph import Node, ProcessGraph

__all__ = ["Bounds", "Geometry", "Point", "lay_out"]

Point = tuple[int, int]

POOL_X, POOL_Y = 40, 40
HEADER = 30            # the vertical title strip of the pool, and again of each lane
MARGIN = 20            # space between the lane header and the first column, and after the last
TASK_WIDTH = 140
GUTTER = 70            # between columns: where flows bend and outcome labels sit
COLUMN = TASK_WIDTH + GUTTER
SIZES = {
    "exclusiveGateway": (50, 50),
    "parallelGateway": (50, 50),
    "startEvent": (36, 36),
    "endEvent": (36, 36),
    "boundaryEvent": (36, 36),
}
LABEL_WIDTH = 100
LINE_HEIGHT = 14
CHARS_PER_LINE = 17    # about how many letters of bpmn-js's 11-12 px labels fit LABEL_WIDTH
TASK_CHARS_PER_LINE = 16  # and how many of its 12 px task titles fit a line of a task box
LETTER = 7             # about how wide a letter of a lane or pool title is, in px
SPREAD = (0, -12, 12, -24, 24)  # offsets from a gutter's middle for flows that turn in it


@dataclass(frozen=True, slots=True)
class Bounds:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where everything is drawn: the pool, then lanes and nodes by id, labels by node or flow id."""

    pool: Bounds
    shapes: dict[str, Bounds]
    labels: dict[str, Bounds]
    edges: dict[str, tuple[Point, ...]]


def _columns(graph: ProcessGraph) -> dict[str, int]:
    """Longest distance from the start over the flows that do not loop back (found by depth-first search)."""
    order = {n.id: i for i, n in enumerate(graph.nodes)}
    host = {n.id: n.attached_to for n in graph.nodes if n.attached_to is not None}
    inner_start = {n.parent: n.id for n in graph.nodes if n.parent and n.kind == "startEvent"}
    inner_end = {n.parent: n.id for n in graph.nodes if n.parent and n.kind == "endEvent"}

    def source_of(node_id: str) -> str:
        node_id = host.get(node_id, node_id)
        return inner_end.get(node_id, node_id)

    placed = [n.id for n in graph.nodes if n.kind not in ("subProcess", "boundaryEvent")]
    succ: dict[str, list[str]] = defaultdict(list)
    for f in graph.flows:
        succ[source_of(f.source)].append(inner_start.get(f.target, f.target))

    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in placed:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack.pop()
            if i < len(succ[node]):
                stack.append((node, i + 1))
                nxt = succ[node][i]
                if state.get(nxt) == 1:
                    back.add((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2

    indegree = {n: 0 for n in placed}
    for a in placed:
        for b in succ[a]:
            if (a, b) not in back:
                indegree[b] += 1
    column = {n: 0 for n in placed}
    ready = sorted((n for n in placed if indegree[n] == 0), key=order.__getitem__)
    while ready:
        a = ready.pop(0)
        for b in succ[a]:
            if (a, b) in back:
                continue
            column[b] = max(column[b], column[a] + 1)
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
                ready.sort(key=order.__getitem__)
    return column


def _label(anchor_x: int, top: int, text: str, *, width: int = LABEL_WIDTH) -> Bounds:
    lines = max(1, math.ceil(len(text) / (CHARS_PER_LINE * width / LABEL_WIDTH)))
    return Bounds(anchor_x - width // 2, top, width, lines * LINE_HEIGHT)


def _flow_label(points: tuple[Point, ...], text: str) -> Bounds:
    """Where a flow's name reads best: on the first stretch no other flow from the same side shares."""
    (x1, y1), (x2, y2) = points[0], points[1]
    if len(points) > 2 and y1 == y2:
        # It leaves a side that other flows may leave too: name it beside the run where it turns.
        (_, y3) = points[2]
        label = _label(0, 0, text)
        return Bounds(x2 + 6, (y2 + y3 - label.height) // 2, label.width, label.height)
    if len(points) > 2:
        (x1, y1), (x2, y2) = points[1], points[2]
    width = max(60, min(abs(x2 - x1) - 12, LABEL_WIDTH + 20))
    label = _label(0, 0, text, width=width)
    x = x1 + 6 if x2 >= x1 else x1 - 6 - width
    return Bounds(x, y1 - 4 - label.height, width, label.height)


def _size(node: Node) -> tuple[int, int]:
    if node.kind == "userTask":
        # Vietnamese task titles run long: the box grows downwards so bpmn-js keeps the text
        # inside, below the task-type icon in the top left corner.
        lines = math.ceil(len(node.name) / TASK_CHARS_PER_LINE)
        return TASK_WIDTH, max(80, LINE_HEIGHT * lines + 40)
    return SIZES[node.kind]


def _crosses(points: tuple[Point, ...], boxes: list[Bounds]) -> bool:
    """Whether a right-angled path passes through any of ``boxes``."""
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        left, right, top, bottom = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        if any(b.x <= right and left <= b.right and b.y <= bottom and top <= b.bottom for b in boxes):
            return True
    return False


class _Layout:
    """Grid placement: ``column`` from the flows, a row per node sharing a lane and column."""

    def __init__(self, graph: ProcessGraph) -> None:
        self.graph = graph
        self.column = _columns(graph)
        self.kind = {n.id: n.kind for n in graph.nodes}
        self.size = {n.id: _size(n) for n in graph.nodes if n.kind != "subProcess"}
        # Every row is as high as the tallest task plus room under it for a timer and the flows
        # that leave the timer (28 px under its host) or go back (at least 40 px under it).
        tallest = max([h for _, h in self.size.values()] + [80])
        self.centre = 20 + tallest // 2
        self.row_height = tallest + 70
        self.x0 = POOL_X + 2 * HEADER + MARGIN
        self.shapes: dict[str, Bounds] = {}
        self.row_bottom: dict[str, int] = {}
        self.side: dict[str, int] = {}
        self.row: dict[str, int] = {}
        self.lane_top: dict[str, int] = {}
        self.verticals: list[tuple[int, int, int, str, str]] = []
        for n in graph.nodes:  # a subprocess and a timer sit in the column of what they hold
            if n.kind == "subProcess":
                self.column[n.id] = min(self.column[c.id] for c in graph.nodes if c.parent == n.id)
        for n in graph.nodes:
            if n.attached_to is not None:
                self.column[n.id] = self.column[n.attached_to]

    def gutter(self, column: int) -> int:
        """The x of the middle of the gap just left of a column, where flows turn."""
        return self.x0 + COLUMN * column

    def place_lanes(self) -> Bounds:
        graph = self.graph
        taken: dict[tuple[str, int], int] = defaultdict(int)
        for n in graph.nodes:
            if n.kind not in ("subProcess", "boundaryEvent"):
                self.row[n.id] = taken[(n.lane, self.column[n.id])]
                taken[(n.lane, self.column[n.id])] += 1
        heights = [
            # Lane and pool titles are drawn across their height, in at most two lines.
            max(self.row_height * max([taken[k] for k in taken if k[0] == lane.unit] or [1]),
                LETTER * len(lane.name) // 2 + 60)
            for lane in graph.lanes
        ]
        width = 2 * HEADER + 2 * MARGIN + COLUMN * (max(self.column.values(), default=0) + 1)
        height = max(sum(heights), LETTER * len(graph.pool_name) // 2 + 60)
        heights[-1] += height - sum(heights)
        top = POOL_Y
        for lane, lane_height in zip(graph.lanes, heights):
            self.lane_top[lane.unit] = top
            self.shapes[lane.id] = Bounds(POOL_X + HEADER, top, width - HEADER, lane_height)
            top += lane_height
        return Bounds(POOL_X, POOL_Y, width, height)

    def place_nodes(self) -> None:
        nodes = self.graph.nodes
        for n in nodes:
            if n.id in self.row:
                w, h = self.size[n.id]
                top = self.lane_top[n.lane] + self.row_height * self.row[n.id]
                cx = self.x0 + COLUMN * self.column[n.id] + COLUMN // 2
                self.shapes[n.id] = Bounds(cx - w // 2, top + self.centre - h // 2, w, h)
                self.row_bottom[n.id] = top + self.row_height
        for n in nodes:
            if n.kind == "subProcess":
                inner = [c.id for c in nodes if c.parent == n.id]
                boxes = [self.shapes[c] for c in inner]
                left, right = min(b.x for b in boxes) - MARGIN, max(b.right for b in boxes) + MARGIN
                top, bottom = min(b.y for b in boxes) - 2 * MARGIN, max(b.bottom for b in boxes) + 8
                self.shapes[n.id] = Bounds(left, top, right - left, bottom - top)
                self.row_bottom[n.id] = max(self.row_bottom[c] for c in inner)
                self.side[n.id] = boxes[0].cy  # its start event, in the step's own lane
        for n in nodes:
            if n.attached_to is not None:
                # On the host's bottom edge, towards its right end, clear of flows leaving the centre.
                host = self.shapes[n.attached_to]
                w, h = self.size[n.id]
                self.shapes[n.id] = Bounds(host.right - w - 4, host.bottom - h // 2, w, h)
                self.row_bottom[n.id] = self.row_bottom[n.attached_to]

    def label_nodes(self) -> dict[str, Bounds]:
        labels: dict[str, Bounds] = {}
        for n in self.graph.nodes:
            b = self.shapes[n.id]
            if not n.name or not n.kind.endswith(("Event", "Gateway")):
                continue
            if n.kind == "boundaryEvent":  # under the host, left of the timer's flow
                labels[n.id] = _label(b.x - LABEL_WIDTH // 2, b.bottom - LINE_HEIGHT, n.name)
            elif n.kind.endswith("Gateway"):  # above and to the left, clear of flows at the corners
                label = _label(b.cx - LABEL_WIDTH // 2 - 6, 0, n.name)
                labels[n.id] = Bounds(label.x, b.y - label.height, label.width, label.height)
            else:
                labels[n.id] = _label(b.cx, b.bottom + 4, n.name)
        return labels

    def route(self, source: str, target: str, obstacles: list[Bounds]) -> tuple[Point, ...]:
        """Right-angled waypoints; flows leave and enter the sides of tasks and events, the corners
        of gateways, and go back to earlier columns along the bottom of the lower row."""
        s, t = self.shapes[source], self.shapes[target]
        sy, ty = self.side.get(source, s.cy), self.side.get(target, t.cy)
        # Flows turning in the same gutter keep apart, so each can be followed by eye.
        late = [self.gutter(self.column[target]) + d for d in SPREAD]
        early = [self.gutter(self.column[source] + 1) + d for d in SPREAD]
        candidates: list[tuple[Point, ...]]
        if self.kind[source] == "boundaryEvent":
            low = s.bottom + 10
            candidates = [((s.cx, s.bottom), (s.cx, low), (x, low), (x, ty), (t.x, ty)) for x in late if x > s.cx + 10]
            candidates.append(((s.cx, s.bottom), (s.cx, low), (t.cx, low), (t.cx, t.bottom if ty < low else t.y)))
        elif t.x <= s.right:
            under = max(self.row_bottom[source], self.row_bottom[target]) - 10
            candidates = [((s.cx, s.bottom), (s.cx, under), (t.cx, under), (t.cx, t.bottom))]
        else:
            side: list[tuple[Point, ...]] = [((s.right, sy), (x, sy), (x, ty), (t.x, ty)) for x in (*late, *early)]
            if sy == ty:
                candidates = [((s.right, sy), (t.x, ty))]
            elif self.kind[source].endswith("Gateway"):
                candidates = [((s.cx, s.y if ty < sy else s.bottom), (s.cx, ty), (t.x, ty)), *side]
            elif self.kind[target].endswith("Gateway"):
                candidates = [((s.right, sy), (t.cx, sy), (t.cx, t.y if sy < ty else t.bottom)), *side]
            else:
                candidates = side
        others = [b for b in obstacles if b is not s and b is not t]
        # The first way that neither passes through another shape nor runs along another flow's
        # vertical stretch; failing that, the first.
        chosen = next(
            (c for c in candidates if not _crosses(c, others) and not self.overlaps(c, source, target)),
            candidates[0],
        )
        for (x1, y1), (x2, y2) in zip(chosen, chosen[1:]):
            if x1 == x2 and y1 != y2:
                self.verticals.append((x1, min(y1, y2), max(y1, y2), source, target))
        return chosen

    def overlaps(self, points: tuple[Point, ...], source: str, target: str) -> bool:
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if x1 != x2:
                continue
            top, bottom = min(y1, y2), max(y1, y2)
            for x, a, b, other_source, other_target in self.verticals:
                if x == x1 and a < bottom and top < b and source != other_source and target != other_target:
                    return True
        return False


def lay_out(graph: ProcessGraph) -> Geometry:
    """Place every lane, node and flow of ``graph``; the same graph always gives the same numbers."""
    layout = _Layout(graph)
    pool = layout.place_lanes()
    layout.place_nodes()
    labels = layout.label_nodes()
    obstacles = [layout.shapes[n.id] for n in graph.nodes if n.kind not in ("subProcess", "boundaryEvent")]
    edges: dict[str, tuple[Point, ...]] = {}
    for f in graph.flows:
        points = edges[f.id] = layout.route(f.source, f.target, obstacles)
        if f.name:
            labels[f.id] = _flow_label(points, f.name)
    return Geometry(pool, layout.shapes, labels, edges)
