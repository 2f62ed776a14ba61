"""Procedure charts end to end: spec -> diagram -> DOT -> Graphviz -> accessible SVG, PNG or PDF.

``render_procedure`` draws one chart through the ``graphviz`` package (``render.graphviz.draw``);
``render_diagrams`` draws many through one batched ``run_dot`` call, one ``dot`` process per chunk
of charts on every core, as the catalogue site does.
"""

from __future__ import annotations

from typing import Final, Sequence

from motcua.engine.spec.model import Agency, Procedure
from motcua.render.diagram import Diagram, View, build_diagram
from motcua.render.dot import to_dot
from motcua.render.graphviz import draw, run_dot
from motcua.render.svg import accessible_svg

__all__ = ["CHART_FORMATS", "PNG_DPI", "render_diagrams", "render_procedure"]

#: What a chart can be written as; "dot" is the DOT text itself, drawn by nothing.
CHART_FORMATS: Final = ("svg", "png", "pdf", "dot")

#: Resolution of PNG charts: sharp on a projector and in a printed report.
PNG_DPI: Final = 120


def render_diagrams(diagrams: Sequence[Diagram], *, format: str = "svg", jobs: int | None = None) -> list[bytes]:
    """Each diagram drawn in ``format``, in order; SVG comes out accessible (``render.svg``)."""
    if format not in CHART_FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(CHART_FORMATS)}")
    sources = [to_dot(d) for d in diagrams]
    if format == "dot":
        return [s.encode("utf-8") for s in sources]
    drawn = run_dot(sources, format=format, jobs=jobs, dpi=PNG_DPI if format == "png" else None)
    if format == "svg":
        return [accessible_svg(svg, diagram=d) for svg, d in zip(drawn, diagrams)]
    return drawn


def render_procedure(
    procedure: Procedure,
    agency: Agency,
    *,
    format: str = "svg",
    lang: str = "vi",
    view: View = "internal",
) -> bytes:
    """The chart of ``procedure``: staff swimlanes (``internal``) or the citizen's guide (``public``),
    the same bytes ``render_diagrams`` gives for it."""
    if format not in CHART_FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(CHART_FORMATS)}")
    diagram = build_diagram(procedure, agency, lang=lang, view=view)
    source = to_dot(diagram)
    if format == "dot":
        return source.encode("utf-8")
    drawn = draw(source, format=format, dpi=PNG_DPI if format == "png" else None)
    return accessible_svg(drawn, diagram=diagram) if format == "svg" else drawn
