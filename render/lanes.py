"""Where each box goes in the swimlane grid: its rank (column) and its lane (band).

``render.dot`` writes this plan as rank groups and same-rank chains, the two constraints dot
always keeps; so lanes stay in spec order and steps flow left to right whatever crossings cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from motcua.render.diagram import Diagram

__all__ = ["Grid", "plan_grid"]

#: Rank 0 is the left frame line, rank 1 the lane headers, rank 2 the line after the headers.
HEADER_RANK = 1
FIRST_RANK = 3


@dataclass(frozen=True, slots=True)
class Grid:
    """The rank of every node and the lane cells of every rank."""

    ranks: int  # number of ranks, frames included
    boundaries: int  # lines between lanes, the top and bottom frame included: lanes + 1
    rank_of: Mapping[str, int]
    cells: Mapping[int, Mapping[str, tuple[str, ...]]]  # rank -> lane id -> node ids in diagram order
    header_rank: int = HEADER_RANK
    first_rank: int = FIRST_RANK

    @property
    def frame_ranks(self) -> tuple[int, ...]:
        """Ranks that hold only a vertical line: the left frame, after the headers, the right frame."""
        return (0, HEADER_RANK + 1, self.ranks - 1)

    @staticmethod
    def point(boundary: int, rank: int) -> str:
        """The DOT name of the invisible point of line ``boundary`` on ``rank``."""
        return f"g{boundary}_{rank}"


def plan_grid(diagram: Diagram) -> Grid:
    """Longest-path ranks over the forward edges, so every forward edge points right."""
    rank = {n.id: FIRST_RANK for n in diagram.nodes}
    forward = [e for e in diagram.edges if not e.back and e.tail in rank and e.head in rank]
    # Forward edges go from an earlier node to a later one (Sketch.link), so they form a DAG.
    # Relaxing them in that order settles the ranks in one pass; the bounded loop only guards
    # diagrams built by hand whose "forward" edges form a cycle.
    order = {n.id: i for i, n in enumerate(diagram.nodes)}
    forward.sort(key=lambda e: (order[e.tail], order[e.head]))
    for _ in range(len(diagram.nodes)):
        changed = False
        for e in forward:
            if rank[e.head] < rank[e.tail] + 1:
                rank[e.head] = rank[e.tail] + 1
                changed = True
        if not changed:
            break
    last = max(rank.values(), default=FIRST_RANK)
    legend_columns = len(diagram.legend)
    ranks = max(last + 2, FIRST_RANK + legend_columns + 1)
    cells: dict[int, dict[str, list[str]]] = {}
    for n in diagram.nodes:
        if n.lane is not None:
            cells.setdefault(rank[n.id], {}).setdefault(n.lane, []).append(n.id)
    return Grid(
        ranks=ranks,
        boundaries=len(diagram.lanes) + 1,
        rank_of=rank,
        cells={r: {lane: tuple(ids) for lane, ids in by_lane.items()} for r, by_lane in cells.items()},
    )
