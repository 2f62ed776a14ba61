"""The catalogue site's diagrams, drawn a batch at a time.

A batch goes diagram model -> DOT text -> ``render.graphviz.run_dot`` (one ``dot`` process fed
many graphs) -> accessible SVG (``render.svg``). ``render.site.workers`` gives each worker
process its own batches, so one core lays out a batch while another writes pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from motcua.engine.model import Agency, Procedure
from motcua.render.site.pages import View
from motcua.render.site.vocabulary import Lang

if TYPE_CHECKING:
    from motcua.render.diagram import Diagram

__all__ = ["Draw", "FigureRequest", "draw_figures"]


@dataclass(frozen=True, slots=True)
class FigureRequest:
    """One diagram the site needs: a procedure in one language and one view."""

    procedure: Procedure
    agency: Agency
    lang: Lang
    view: View


#: Turns figure requests into SVG documents, one per request, in order.
Draw = Callable[[Sequence[FigureRequest]], list[bytes]]


@dataclass(slots=True)
class _Job:
    requests: Sequence[FigureRequest]
    diagrams: list[Diagram] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    which: list[int] = field(default_factory=list)


def _prepare(requests: Sequence[FigureRequest]) -> _Job:
    """Diagram models and DOT text; a procedure written in one language draws the same chart for
    both, and such twins are laid out once."""
    from motcua.render.diagram import build_diagram
    from motcua.render.dot import to_dot

    job = _Job(requests)
    seen: dict[Diagram, int] = {}
    for r in requests:
        diagram = build_diagram(r.procedure, r.agency, lang=r.lang, view=r.view)
        if diagram not in seen:
            seen[diagram] = len(job.diagrams)
            job.diagrams.append(diagram)
            job.sources.append(to_dot(diagram))
        job.which.append(seen[diagram])
    return job


def _run(job: _Job, *, jobs: int | None) -> list[bytes]:
    from motcua.render.graphviz import run_dot

    return run_dot(job.sources, format="svg", jobs=jobs)


def _finish(job: _Job, drawn: list[bytes]) -> list[bytes]:
    from motcua.render.svg import accessible_svg

    svgs = [accessible_svg(svg, diagram=d) for svg, d in zip(drawn, job.diagrams)]
    return [svgs[i] for i in job.which]


def draw_figures(requests: Sequence[FigureRequest], *, jobs: int | None = None) -> list[bytes]:
    """Accessible SVG for each request, through one batched ``dot`` run on ``jobs`` cores
    (default: all of them)."""
    job = _prepare(requests)
    return _finish(job, _run(job, jobs=jobs))
