"""The static catalogue site: an index and a page per procedure, in Vietnamese and English.

Last stage of the render pipeline. Diagrams go spec -> ``render.diagram`` -> ``render.dot`` ->
``render.graphviz`` (dot started once for many graphs, on every core), and the pages are
jinja2 templates filled from ``render.site.pages``. The site makes no external request and
works from ``file://``; the same catalogue and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import jinja2
from markupsafe import Markup

from motcua.engine.model import Agency, Catalog, Procedure
from motcua.render.site.drawing import Draw, FigureRequest, draw_batches, draw_figures
from motcua.render.site.figures import inline_svg
from motcua.render.site.folding import fold
from motcua.render.site.pages import (
    VIEWS,
    View,
    index_page,
    page_path,
    plain,
    procedure_page,
)
from motcua.render.site.vocabulary import LANGUAGES, Lang, format_date, format_duration, word

__all__ = [
    "Draw",
    "FigureRequest",
    "SiteReport",
    "View",
    "build_site",
    "can_publish_to",
    "draw_figures",
    "published_procedures",
]

#: A file in every published site, so that publishing again may replace the folder safely.
MARKER = ".motcua-site"
_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a publish wrote."""

    out: Path
    procedures: int
    pages: int
    figures: int
    not_in_force: tuple[str, ...]

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def published_procedures(
    catalog: Catalog, *, on: dt.date | None = None, today: dt.date | None = None
) -> tuple[list[tuple[Procedure, Agency]], list[str]]:
    """The version of each procedure to publish, in catalogue order, and the procedures left out.

    With ``on``, the version in force on that day, and procedures with none are left out. Without
    it, the version in force ``today``, or else the latest one, so that a catalogue of procedures
    no longer in force (a reform archive) still publishes; its pages say they are out of force.
    Order: agency as the catalogue lists them, then field (none last), then title without diacritics.
    """
    agencies = {a.id: a for a in catalog.agencies}
    refs: dict[tuple[str, str], list[Procedure]] = {}
    for p in catalog.procedures:
        refs.setdefault((p.agency, p.id), []).append(p)
    chosen: list[tuple[Procedure, Agency]] = []
    missing: list[str] = []
    day = on or today or dt.date.today()
    for (agency_id, pid), versions in refs.items():
        in_force = [p for p in versions if p.in_force(day)]
        if not in_force and on is None:
            in_force = sorted(versions, key=lambda p: (p.valid_from or dt.date.min, p.version))[-1:]
        if not in_force or agency_id not in agencies:
            missing.append(f"{agency_id}/{pid}")
            continue
        chosen.append((in_force[0], agencies[agency_id]))
    order = {a.id: n for n, a in enumerate(catalog.agencies)}
    chosen.sort(
        key=lambda e: (order[e[1].id], e[0].field is None, e[0].field or "", fold(e[0].title.get()), e[0].id)
    )
    return chosen, sorted(missing)


def can_publish_to(out: str | Path) -> bool:
    """Whether ``out`` is free to hold the site: missing, empty, or a site published before."""
    path = Path(out)
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    return (path / MARKER).is_file() or not any(path.iterdir())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(template: str, lang: Lang, **context: object) -> str:
    def w(key: str, **values: object) -> str:
        return word(key, lang, **values)

    return _environment().get_template(template).render(w=w, **context)


def _write(root: Path, relative: str, data: str | bytes) -> None:
    target = root / relative
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True)
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8", newline="\n")
    else:
        target.write_bytes(data)


def _requests(batch: Sequence[tuple[Procedure, Agency]]) -> list[FigureRequest]:
    return [
        FigureRequest(p, a, lang, view) for p, a in batch for lang in LANGUAGES for view in VIEWS
    ]


def _footer(lang: Lang, on: dt.date | None) -> str:
    return word("footer_on", lang, date=format_date(on, lang)) if on is not None else word("footer", lang)


def _write_procedure(
    root: Path,
    procedure: Procedure,
    agency: Agency,
    svgs: dict[tuple[Lang, View], bytes],
    *,
    day: dt.date,
    on: dt.date | None,
) -> int:
    for lang in LANGUAGES:
        title = plain(procedure.title, lang)
        desc = word(
            "diagram_desc", lang, title=title, steps=len(procedure.steps),
            time=format_duration(procedure.time_limit, lang),
        )
        inlined: dict[str, Markup] = {}
        for view in VIEWS:
            svg = svgs[(lang, view)]
            heading = word(f"{view}_view", lang)
            inlined[view] = Markup(inline_svg(svg, prefix=f"fig-{view}", title=f"{heading}: {title}", desc=desc))
        page = procedure_page(
            procedure, agency, lang=lang, svgs=inlined, footer=_footer(lang, on), day=day
        )
        _write(root, page_path(procedure, lang), _render("procedure.html", lang, c=page.chrome, p=page))
    return len(LANGUAGES)


def build_site(
    catalog: Catalog,
    *,
    out: str | Path,
    lang: Lang = "vi",
    on: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    draw: Draw | None = None,
    batch: int = 25,
) -> SiteReport:
    """Publish ``catalog`` as a static site in ``out`` and say what was written.

    ``lang`` is the language the root ``index.html`` opens; ``on`` publishes the versions in
    force that day (default: see ``published_procedures``). ``progress(done, total)`` is told
    after each batch of procedures. ``draw`` replaces the diagram stage (see ``drawing``). The
    site is built next to ``out`` and moved into place at the end, so a failed run leaves the
    old site. Raises ``FileExistsError`` when ``out`` holds something other than a published site.
    """
    out = Path(out)
    if not can_publish_to(out):
        raise FileExistsError(f"{out} exists and is not a site published by motcua; choose another folder")
    day = on or dt.date.today()
    entries, missing = published_procedures(catalog, on=on, today=day)
    staging = out.parent / f".{out.name}.partial-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        shutil.copytree(_HERE / "static", staging / "static")
        _write(staging, MARKER, "A catalogue site published by motcua; `motcua publish` may replace this folder.\n")
        pages = _write_procedures(staging, entries, draw, day, on, progress, max(1, batch))
        for page_lang in LANGUAGES:
            view = index_page(catalog, entries, lang=page_lang, footer=_footer(page_lang, on), day=day)
            _write(staging, f"{page_lang}/index.html", _render("index.html", page_lang, c=view.chrome, p=view))
            pages += 1
        _write(
            staging,
            "index.html",
            _environment().get_template("root.html").render(
                lang=lang,
                title=word("site_title", lang),
                redirect=word("redirect", lang),
                languages=[{"lang": l, "name": word("language_name", l)} for l in LANGUAGES],
            ),
        )
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteReport(
        out=out,
        procedures=len(entries),
        pages=pages + 1,
        figures=len(entries) * len(LANGUAGES) * len(VIEWS),
        not_in_force=tuple(missing),
    )


def _write_procedures(
    root: Path,
    entries: list[tuple[Procedure, Agency]],
    draw: Draw | None,
    day: dt.date,
    on: dt.date | None,
    progress: Callable[[int, int], None] | None,
    batch: int,
) -> int:
    """Write every procedure page, batch by batch, as the batch's diagrams come back from dot."""
    batches = [entries[i : i + batch] for i in range(0, len(entries), batch)]
    requests = [_requests(chunk) for chunk in batches]
    pages = done = 0
    for chunk, asked, svgs in zip(batches, requests, draw_batches(requests, draw=draw)):
        by_key = {(r.procedure.key, r.lang, r.view): svg for r, svg in zip(asked, svgs)}
        for procedure, agency in chunk:
            mine = {(l, v): by_key[(procedure.key, l, v)] for l in LANGUAGES for v in VIEWS}
            pages += _write_procedure(root, procedure, agency, mine, day=day, on=on)
        done += len(chunk)
        if progress is not None:
            progress(done, len(entries))
    return pages
