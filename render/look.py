"""How a chart looks: the shape, fill and line of each kind of node and edge, as DOT attributes.

``render.dot`` draws the charts with these, and ``render.site.legend`` draws the legend's samples
from the same attributes, so a legend never tells another story than its chart.
"""

from __future__ import annotations

from typing import Final

from motcua.engine.spec.model import EndOutcome
from motcua.render.diagram import EdgeKind, NodeKind

__all__ = [
    "BOX",
    "DIAMOND",
    "EDGE_STYLE",
    "END_STYLE",
    "LINE",
    "LINE_COLOUR",
    "NODE_STYLE",
    "edge_style",
    "node_style",
]

# Dark text on light fills (contrast above WCAG AA). Outcome colours follow the usual reading,
# and each outcome also has its own shape, so the chart reads in greyscale too.

BOX: Final = 'shape=box, style="rounded,filled"'
DIAMOND: Final = "shape=diamond, width=0.38, height=0.38, fixedsize=true"

NODE_STYLE: Final[dict[NodeKind, str]] = {
    NodeKind.START: 'shape=box, style="rounded,filled,bold", fillcolor="#fff4d6", color="#b7791f"',
    NodeKind.EXIT: 'shape=box, style="rounded,filled,bold", fillcolor="#fff4d6", color="#b7791f"',
    NodeKind.STEP: f'{BOX}, fillcolor="#ffffff", color="#2b6cb0", penwidth=1.3',
    NodeKind.DECISION: f'{DIAMOND}, style=filled, fillcolor="#fffbe6", color="#b7791f", penwidth=1.3',
    NodeKind.FORK: f'{DIAMOND}, style=filled, fillcolor="#ede9fe", color="#6b46c1", fontsize=13',
    NodeKind.JOIN: f'{DIAMOND}, style=filled, fillcolor="#ede9fe", color="#6b46c1", fontsize=13',
    NodeKind.CONSULT: 'shape=box, style="rounded,filled,dashed", fillcolor="#f5f0ff", color="#6b46c1"',
    NodeKind.TASK: f'{BOX}, fillcolor="#fffaf0", color="#975a16"',
    NodeKind.FOLDED: 'shape=box3d, style=filled, fillcolor="#ebf4ff", color="#2b6cb0", penwidth=1.3',
    NodeKind.END: BOX,
}

END_STYLE: Final[dict[EndOutcome, str]] = {
    EndOutcome.GRANTED: 'shape=box, style="rounded,filled,bold", peripheries=2, fillcolor="#e6f4ea", color="#276749"',
    EndOutcome.REFUSED: 'shape=octagon, style="filled,bold", fillcolor="#fdecec", color="#c53030"',
    EndOutcome.DEEMED_GRANTED: 'shape=hexagon, style="filled,bold", fillcolor="#e6fffa", color="#2c7a7b"',
    EndOutcome.WITHDRAWN: 'shape=box, style="rounded,filled,dashed", fillcolor="#f1f3f5", color="#4a5568"',
    EndOutcome.TRANSFERRED: 'shape=cds, style=filled, fillcolor="#e8f1fb", color="#2c5282"',
}

EDGE_STYLE: Final[dict[EdgeKind, str]] = {
    EdgeKind.FLOW: 'color="#4a5568"',
    EdgeKind.OUTCOME: 'color="#4a5568", fontcolor="#1a202c"',
    EdgeKind.TIMEOUT: 'style=dashed, color="#b7791f", fontcolor="#744210"',
    EdgeKind.CONSULT: 'color="#6b46c1", arrowsize=0.6',
}


LINE_COLOUR: Final = "#a0aec0"
LINE: Final = f'arrowhead=none, headclip=false, tailclip=false, color="{LINE_COLOUR}", penwidth=1'


def node_style(kind: NodeKind, outcome: EndOutcome | None = None) -> str:
    """The DOT attributes that draw a node of ``kind`` (an end: of ``outcome``)."""
    if kind is NodeKind.END and outcome is not None:
        return END_STYLE[outcome]
    return NODE_STYLE[kind]


def edge_style(kind: EdgeKind) -> str:
    """The DOT attributes that draw an edge of ``kind``."""
    return EDGE_STYLE[kind]
