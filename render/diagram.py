"""The neutral diagram model: lanes, nodes and edges built from a procedure and its agency.

``build_diagram`` turns a spec into a drawing-agnostic structure in either the staff view
(``internal``, built by ``render.swimlanes``) or the citizen view (``public``, ``render.public_view``);
``render.dot`` turns it into DOT text. Every id here is generated (``l1``, ``n1``), never the spec's.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from motcua.engine.spec.model import Agency, EndOutcome, Procedure, Text
from motcua.render.wording import format_duration, phrase, time_limit_words

__all__ = [
    "Diagram",
    "Edge",
    "EdgeKind",
    "Lane",
    "LegendItem",
    "Node",
    "NodeKind",
    "View",
    "build_diagram",
    "safe_id",
]

View = Literal["internal", "public"]


class NodeKind(enum.Enum):
    """What a box stands for; ``render.look`` gives each kind its shape and colours."""

    START = "start"  # the one-stop entry: the applicant hands in the dossier
    EXIT = "exit"  # the one-stop exit: the result goes back to the applicant
    STEP = "step"  # a step of the agency, in its unit's lane
    DECISION = "decision"  # where a step's outcomes branch
    FORK = "fork"  # a step asks other units in parallel
    JOIN = "join"  # every consulted unit has answered
    CONSULT = "consult"  # a consulted unit's answer
    END = "end"  # an end of the procedure; ``Node.outcome`` says which
    TASK = "task"  # public view: something the applicant does
    FOLDED = "folded"  # public view: the agency's internal steps as one box


class EdgeKind(enum.Enum):
    FLOW = "flow"  # the dossier moves on
    OUTCOME = "outcome"  # one branch of a decision, labelled
    TIMEOUT = "timeout"  # moves by itself when time has passed (dashed)
    CONSULT = "consult"  # to and from a consulted unit


@dataclass(frozen=True, slots=True)
class Lane:
    """One swimlane: a responsible unit (or, in the public view, the applicant or the agency)."""

    id: str
    title: str
    unit: str = ""  # the spec's unit id, "" for lanes the view adds
    role: str = ""  # UnitRole value, "applicant" or "agency"


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    title: str
    lane: str | None = None
    lines: tuple[str, ...] = ()  # smaller text under the title: time, result, where
    tooltip: str = ""
    outcome: EndOutcome | None = None
    ref: str = ""  # the spec's step or end id this node draws, "" when none

    @property
    def name(self) -> str:
        """What to call the node in running text: its title, or for a diamond what it stands for."""
        if self.kind in (NodeKind.DECISION, NodeKind.FORK, NodeKind.JOIN) or not self.title:
            return self.tooltip or self.title
        return self.title


@dataclass(frozen=True, slots=True)
class Edge:
    tail: str
    head: str
    kind: EdgeKind = EdgeKind.FLOW
    label: str = ""
    back: bool = False  # goes back to an earlier node: drawn, but does not push the layout


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend entry: a node kind, an edge kind or an end outcome, and what it means."""

    sample: NodeKind | EdgeKind | EndOutcome
    label: str


@dataclass(frozen=True, slots=True)
class Diagram:
    """A drawing of one procedure version in one language and one view."""

    name: str  # a DOT-safe graph name
    id_prefix: str  # prefix of every element id in the SVG, unique per procedure and view
    view: View
    lang: str
    title: str  # the procedure's title
    heading: str  # what the chart is: "Sơ đồ quy trình nội bộ: ..."
    caption: tuple[str, ...]
    lanes: tuple[Lane, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    legend: tuple[LegendItem, ...]
    description: str  # a text alternative of the whole chart, for <desc>

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def lane(self, lane_id: str) -> Lane:
        for lane in self.lanes:
            if lane.id == lane_id:
                return lane
        raise KeyError(lane_id)

    def nodes_in(self, lane_id: str | None) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.lane == lane_id)


_UNSAFE = re.compile(r"[^a-z0-9]+")


def safe_id(text: str) -> str:
    """A ``[a-z0-9_]`` form of a slug, for graph names and SVG id prefixes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("_", ascii_text.lower()).strip("_") or "x"


def clean(text: str) -> str:
    """Spec text as it is drawn: NFC, whitespace runs (newlines included) made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def say(text: Text | None, lang: str, fallback: str = "") -> str:
    return clean(text.get(lang)) if text is not None and text.values else fallback


def build_diagram(procedure: Procedure, agency: Agency, *, lang: str = "vi", view: View = "internal") -> Diagram:
    """The diagram of ``procedure`` in ``lang``: the staff swimlanes or the citizen's guide."""
    # Each view builds on this module's types, hence the late imports.
    if view == "internal":
        from motcua.render.swimlanes import build_internal

        return build_internal(procedure, agency, lang=lang)
    if view == "public":
        from motcua.render.public_view import build_public

        return build_public(procedure, agency, lang=lang)
    raise ValueError(f"unknown view {view!r}; expected 'internal' or 'public'")


def caption_lines(procedure: Procedure, lang: str) -> tuple[str, ...]:
    """Code and version, then the legal time and the committed time (Decree 63/2010 art. 8(2)(đ))."""
    first = []
    if procedure.code:
        first.append(phrase("chart.caption.code", lang=lang, code=clean(procedure.code)))
    first.append(phrase("chart.caption.version", lang=lang, version=clean(procedure.version)))
    times = [phrase("chart.caption.legal", lang=lang, time=time_limit_words(procedure, lang=lang))]
    if procedure.committed_time is not None:
        committed = format_duration(procedure.committed_time, lang=lang)
        times.append(phrase("chart.caption.committed", lang=lang, time=committed))
    return (" · ".join(first), " · ".join(times))


class Sketch:
    """Nodes, edges and lanes as a view adds them; ids count from 1 in each sketch."""

    def __init__(self) -> None:
        self.lanes: list[Lane] = []
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []

    def add_lane(self, title: str, *, unit: str = "", role: str = "") -> str:
        lane = Lane(id=f"l{len(self.lanes) + 1}", title=title, unit=unit, role=role)
        self.lanes.append(lane)
        return lane.id

    def add(
        self,
        kind: NodeKind,
        title: str,
        lane: str | None,
        *,
        lines: tuple[str, ...] = (),
        tooltip: str = "",
        outcome: EndOutcome | None = None,
        ref: str = "",
    ) -> str:
        node_id = f"n{len(self.nodes) + 1}"
        node = Node(node_id, kind, title, lane, lines, tooltip or title, outcome, ref)
        self.nodes.append(node)
        return node_id

    def link(
        self, tail: str, head: str, kind: EdgeKind = EdgeKind.FLOW, label: str = "", *, back: bool = False
    ) -> None:
        """An edge; ``back=True`` says it returns to an earlier point whatever the walk finds."""
        self.edges.append(Edge(tail=tail, head=head, kind=kind, label=label, back=back))

    def finished_edges(self) -> tuple[Edge, ...]:
        """The edges, those closing a cycle marked ``back``.

        A depth-first walk from the nodes in the order they were added, following edges in the
        order they were linked, marks each edge that reaches a node still on the walk's path:
        the rest form a DAG that can flow left to right.
        """
        out: dict[str, list[int]] = {n.id: [] for n in self.nodes}
        back = {i for i, e in enumerate(self.edges) if e.back}
        for i, e in enumerate(self.edges):
            if i not in back:
                out[e.tail].append(i)
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        for root in self.nodes:
            if root.id in state:
                continue
            state[root.id] = 1
            stack: list[tuple[str, int]] = [(root.id, 0)]
            while stack:
                node, i = stack[-1]
                if i == len(out[node]):
                    state[node] = 2
                    stack.pop()
                    continue
                stack[-1] = (node, i + 1)
                edge = out[node][i]
                head = self.edges[edge].head
                if state.get(head) == 1:
                    back.add(edge)
                elif head not in state:
                    state[head] = 1
                    stack.append((head, 0))
        return tuple(
            Edge(e.tail, e.head, e.kind, e.label, back=i in back) for i, e in enumerate(self.edges)
        )
