"""Procedure pages on every core: worker processes each draw a batch of diagrams and write its pages.

The middle stage of ``build_site``. A worker turns a batch of procedures into DOT text, waits
while one ``dot`` process lays the batch out, then labels the SVG and writes the batch's pages;
with one worker per core, each core is always busy with either a worker's Python or its ``dot``.
The workers are forked from the publishing process, so they start with the catalogue, the
modules and the compiled templates already in memory and are sent only batch numbers.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from motcua.engine.spec.bulk import collector_paused, cores
from motcua.engine.spec.model import Agency, Procedure
from motcua.render.site.chartcache import ChartCache
from motcua.render.site.drawing import Draw, FigureRequest, draw_figures
from motcua.render.site.html import template, write_procedure
from motcua.render.site.pages import VIEWS
from motcua.render.site.versions import SiteLinks
from motcua.render.site.vocabulary import LANGUAGES

__all__ = ["write_procedures"]


@dataclass(frozen=True, slots=True)
class _Plan:
    root: Path
    batches: list[Sequence[tuple[Procedure, Agency]]]
    draw: Draw | None
    day: dt.date
    on: dt.date | None
    dot_jobs: int | None
    cache: ChartCache | None
    links: SiteLinks


#: What the workers work on: set in the parent just before it forks them, so that they inherit
#: it instead of receiving it pickled.
_PLAN: _Plan | None = None


def _requests(batch: Sequence[tuple[Procedure, Agency]]) -> list[FigureRequest]:
    return [FigureRequest(p, a, lang, view) for p, a in batch for lang in LANGUAGES for view in VIEWS]


def _write_batch(plan: _Plan, index: int) -> int:
    """Draw the diagrams of batch ``index`` and write its pages; returns the pages written."""
    with collector_paused():
        return _write_pages(plan, index)


def _write_pages(plan: _Plan, index: int) -> int:
    batch = plan.batches[index]
    asked = _requests(batch)
    if plan.draw is not None:
        svgs = plan.draw(asked)
    else:
        svgs = draw_figures(asked, jobs=plan.dot_jobs, cache=plan.cache)
    if len(svgs) != len(asked):
        raise RuntimeError(f"the diagram stage returned {len(svgs)} SVGs for {len(asked)} figures")
    pages = 0
    each = len(LANGUAGES) * len(VIEWS)
    for n, (procedure, agency) in enumerate(batch):
        mine = {(asked[i].lang, asked[i].view): svgs[i] for i in range(n * each, (n + 1) * each)}
        pages += write_procedure(plan.root, procedure, agency, mine, day=plan.day, on=plan.on, links=plan.links)
    return pages


@dataclass(frozen=True, slots=True)
class _DotFailed:
    """A Graphviz error on its way back to the parent: its classes take more than the message
    that pickling an exception keeps, so they travel as the values that make them again."""

    executable: str | None
    index: int = 0
    stderr: str = ""
    returncode: int = 0

    def error(self) -> Exception:
        from motcua.render.graphviz import GraphvizError, GraphvizNotFound

        if self.executable is not None:
            return GraphvizNotFound(self.executable)
        return GraphvizError(self.index, self.stderr, self.returncode)


def _work(index: int) -> int | _DotFailed:
    """A batch in a worker process; every exception comes back in a form the parent can unpickle."""
    from motcua.engine.spec.errors import MotcuaError
    from motcua.render.graphviz import GraphvizError, GraphvizNotFound

    assert _PLAN is not None, "the plan is set before the workers are forked"
    try:
        return _write_batch(_PLAN, index)
    except GraphvizNotFound as error:
        return _DotFailed(error.executable)
    except GraphvizError as error:
        return _DotFailed(None, error.index, error.stderr, error.returncode)
    except (MotcuaError, OSError):
        raise  # both rebuild whole in the parent (MotcuaError by its own __reduce__)
    except Exception as error:
        # Any other class may need more than its message to be made again: it travels as text.
        raise RuntimeError(f"{type(error).__name__}: {error}") from None


#: The smallest batch worth a dot process of its own: starting dot costs about as much as laying
#: out four charts.
MIN_BATCH = 4


def _batches(
    entries: Sequence[tuple[Procedure, Agency]], *, size: int, workers: int
) -> list[Sequence[tuple[Procedure, Agency]]]:
    """Batches of ``size`` procedures, smaller towards the end: a worker given the last big batch
    would keep the others waiting, so the batches shrink to share out what is left."""
    out: list[Sequence[tuple[Procedure, Agency]]] = []
    at = 0
    while at < len(entries):
        left = len(entries) - at
        take = min(size, max(MIN_BATCH, -(-left // (2 * workers))))
        out.append(entries[at : at + take])
        at += take
    return out


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def write_procedures(
    entries: Sequence[tuple[Procedure, Agency]],
    *,
    root: Path,
    day: dt.date,
    on: dt.date | None,
    draw: Draw | None = None,
    batch: int = 50,
    jobs: int | None = None,
    cache: ChartCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    links: SiteLinks | None = None,
) -> int:
    """Write the page of every entry in every language (where ``links`` places it among its
    versions), up to ``batch`` procedures to a worker
    task, on ``jobs`` worker processes (default: one per core); returns the pages written.
    Charts found in ``cache`` are not drawn again, and those drawn are kept there.

    ``progress(done, total)`` is told as batches finish, in the order they finish. ``meanwhile``
    runs in this process while the workers work. Pages do not depend on which worker wrote
    them, so the site is the same bytes whatever the number of workers.
    """
    links = links or SiteLinks()
    workers = jobs or cores()
    batches = _batches(entries, size=max(1, batch), workers=workers)
    for folder in sorted({str(Path(links.versions.path(p, lang)).parent) for p, _ in entries for lang in LANGUAGES}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    if min(workers, len(batches)) <= 1 or not _can_fork():
        # Too little work to share, or no fork here: one batch after another in this process,
        # each laid out by as many dot processes as there are cores.
        here = _Plan(root, batches, draw, day, on, dot_jobs=None, cache=cache, links=links)
        return _write_here(here, len(entries), progress=progress, meanwhile=meanwhile)
    plan = _Plan(root, batches, draw, day, on, dot_jobs=1, cache=cache, links=links)
    workers = min(workers, len(batches))
    return _write_forked(plan, len(entries), workers=workers, progress=progress, meanwhile=meanwhile)


def _write_here(
    plan: _Plan,
    total: int,
    *,
    progress: Callable[[int, int], None] | None,
    meanwhile: Callable[[], None] | None,
) -> int:
    if meanwhile is not None:
        meanwhile()
    pages = done = 0
    for index, chunk in enumerate(plan.batches):
        pages += _write_batch(plan, index)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    return pages


def _write_forked(
    plan: _Plan,
    total: int,
    *,
    workers: int,
    progress: Callable[[int, int], None] | None,
    meanwhile: Callable[[], None] | None,
) -> int:
    global _PLAN
    # Compile the templates before forking, so that no worker compiles them again.
    for lang in LANGUAGES:
        template("procedure.html", lang)
    _PLAN = plan
    # The catalogue and the modules are shared with the workers copy-on-write; a garbage
    # collection in a worker would touch (and so copy) every one of their objects.
    frozen = gc.get_freeze_count()
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = {pool.submit(_work, i): i for i in range(len(plan.batches))}
        if meanwhile is not None:
            meanwhile()
        pages = done = 0
        pending: set[Future[int | _DotFailed]] = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                result = future.result()
                if isinstance(result, _DotFailed):
                    raise result.error()
                pages += result
                done += len(plan.batches[futures[future]])
                if progress is not None:
                    progress(done, total)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _PLAN = None
        if not frozen:  # leave a caller's own frozen objects as they were
            gc.unfreeze()
    pool.shutdown(wait=True)
    return pages
