"""The catalogue site's diagrams, drawn in batches so that ``dot`` never waits for Python.

Each batch goes diagram model -> DOT text (Python, here) -> ``render.graphviz.run_dot`` (dot
processes on every core, from a helper thread) -> accessible SVG (``render.svg``). While dot lays
out the next batches, the caller writes the pages of this one; on two cores, keeping dot fed is
what decides how long a 2,000-procedure catalogue takes.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from motcua.engine.model import Agency, Procedure
from motcua.render.site.pages import View
from motcua.render.site.vocabulary import Lang

if TYPE_CHECKING:
    from motcua.render.diagram import Diagram

__all__ = ["Draw", "FigureRequest", "draw_batches", "draw_figures"]


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


def _run(job: _Job) -> list[bytes]:
    from motcua.render.graphviz import run_dot

    # One dot process per batch; the batches themselves run side by side, one per core, so a
    # core never idles while another finishes the last graphs of a split batch.
    return run_dot(job.sources, format="svg", jobs=1)


def _finish(job: _Job, drawn: list[bytes]) -> list[bytes]:
    from motcua.render.svg import accessible_svg

    svgs = [accessible_svg(svg, diagram=d) for svg, d in zip(drawn, job.diagrams)]
    return [svgs[i] for i in job.which]


def draw_figures(requests: Sequence[FigureRequest]) -> list[bytes]:
    """Accessible SVG for each request, through one batched ``dot`` run on every core."""
    job = _prepare(requests)
    return _finish(job, _run(job))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def draw_batches(
    batches: Sequence[Sequence[FigureRequest]], *, draw: Draw | None = None, jobs: int | None = None
) -> Iterator[list[bytes]]:
    """The SVGs of each batch, in order, while later batches are laid out, ``jobs`` (default: one
    per core) at a time.

    ``draw`` replaces the whole diagram stage (it then runs on a helper thread as it is).
    """
    workers = max(1, jobs or _cores())
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="motcua-dot") as pool:
        pending: deque[tuple[_Job, Future[list[bytes]]]] = deque()
        upcoming = iter(batches)

        def start_next() -> None:
            requests = next(upcoming, None)
            if requests is None:
                return
            if draw is None:
                job = _prepare(requests)
                pending.append((job, pool.submit(_run, job)))
            else:
                pending.append((_Job(requests), pool.submit(draw, requests)))

        for _ in range(workers + 1):
            start_next()
        while pending:
            job, future = pending.popleft()
            drawn = future.result()
            start_next()  # queue the next layout before this batch's Python work
            expected = len(job.requests) if draw is not None else len(job.sources)
            if len(drawn) != expected:
                raise RuntimeError(f"the diagram stage returned {len(drawn)} SVGs for {expected} graphs")
            yield drawn if draw is not None else _finish(job, drawn)
