"""The catalogue site's diagrams, drawn a batch at a time.

A batch goes diagram model -> DOT text -> ``render.graphviz.run_dot`` (one ``dot`` process fed
many graphs) -> accessible SVG (``render.svg``). ``render.site.workers`` gives each worker
process its own batches, so one core lays out a batch while another writes pages.

The charts are drawn for the page (``to_dot(..., standalone=False)``): the page shows each
chart's caption and legend as text, so dot lays out neither, and their element ids start with
``PAGE_PREFIX``, which the page puts under a prefix of each figure's own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from motcua.engine.spec.model import Agency, Procedure
from motcua.render.site.pages import View
from motcua.render.site.vocabulary import Lang

if TYPE_CHECKING:
    from motcua.render.diagram import Diagram
    from motcua.render.site.chartcache import ChartCache

__all__ = ["PAGE_PREFIX", "Draw", "FigureRequest", "dot_sources", "draw_figures"]

#: The id prefix of the charts drawn for pages: short, since every element id carries it.
PAGE_PREFIX = "c"


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
    # Twins are found by what is drawn and said of them: hashing a few strings is cheaper
    # than hashing a whole diagram.
    seen: dict[tuple[str, str, str], int] = {}
    for r in requests:
        diagram = build_diagram(r.procedure, r.agency, lang=r.lang, view=r.view)
        diagram = dataclasses.replace(diagram, id_prefix=PAGE_PREFIX)
        source = to_dot(diagram, standalone=False)
        key = (source, diagram.heading, diagram.description)
        if key not in seen:
            seen[key] = len(job.diagrams)
            job.diagrams.append(diagram)
            job.sources.append(source)
        job.which.append(seen[key])
    return job


def _run(job: _Job, *, jobs: int | None, cache: ChartCache | None = None) -> list[bytes]:
    from motcua.render.graphviz import run_dot

    if cache is None:
        return run_dot(job.sources, format="svg", jobs=jobs)
    return cache.draw(job.sources, lambda missing: run_dot(missing, format="svg", jobs=jobs))


def _finish(job: _Job, drawn: list[bytes]) -> list[bytes]:
    from motcua.render.svg import accessible_svg, round_boxes, rule_lines

    svgs = [accessible_svg(round_boxes(rule_lines(svg)), diagram=d) for svg, d in zip(drawn, job.diagrams)]
    return [svgs[i] for i in job.which]


def dot_sources(requests: Sequence[FigureRequest]) -> list[str]:
    """The DOT text the site gives dot for ``requests``, each distinct chart once."""
    return _prepare(requests).sources


def draw_figures(
    requests: Sequence[FigureRequest], *, jobs: int | None = None, cache: ChartCache | None = None
) -> list[bytes]:
    """Accessible SVG for each request, through one batched ``dot`` run on ``jobs`` cores
    (default: all of them); charts found in ``cache`` are not drawn again."""
    job = _prepare(requests)
    return _finish(job, _run(job, jobs=jobs, cache=cache))
