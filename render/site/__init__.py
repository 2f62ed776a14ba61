"""The static catalogue site: an index and a page per procedure (and per version it replaced,
``render.site.versions``), in Vietnamese and English.

Last stage of the render pipeline. Worker processes (``render.site.workers``) draw the diagrams
a batch at a time (spec -> ``render.diagram`` -> ``render.dot`` -> one ``dot`` process per
batch) and write the procedure pages, jinja2 templates filled from ``render.site.pages``. The
site makes no external request and works from ``file://``; the same catalogue and date give
the same bytes, whatever the number of cores.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.render.site.drawing import Draw, FigureRequest, dot_sources, draw_figures
from motcua.render.site.folding import fold
from motcua.render.site.html import footer, render_page, template, write_file
from motcua.render.site.manifest import MANIFEST
from motcua.render.site.output import (
    CACHE_FOLDER,
    CATALOGUE,
    CURRENT_FOLDER,
    Guarded,
    OutputRefused,
    check_output,
    move_into_place,
    staging_folder,
)
from motcua.render.site.pages import VIEWS, View, index_page
from motcua.render.site.versions import SiteLinks, SiteVersions, site_versions
from motcua.render.site.vocabulary import LANGUAGES, Lang, word
from motcua.render.site.workers import write_procedures

__all__ = [
    "MANIFEST",
    "Draw",
    "FigureRequest",
    "Guarded",
    "OutputRefused",
    "SiteReport",
    "SiteVersions",
    "View",
    "build_site",
    "can_publish_to",
    "check_output",
    "guarded_folders",
    "dot_sources",
    "draw_figures",
    "published_procedures",
    "site_versions",
]

_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a publish wrote."""

    out: Path
    procedures: int
    pages: int
    figures: int
    not_in_force: tuple[str, ...]
    #: Pages of versions that a version shown replaced (``render.site.versions``), in each language.
    earlier_versions: int = 0

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
    """Whether ``out`` is free to hold the site: missing, empty, or a site published before
    (``check_output`` says why not)."""
    try:
        check_output(Path(out))
    except OutputRefused:
        return False
    return True


def guarded_folders(catalog: Catalog, cache_dir: str | Path | None, more: Sequence[Guarded] = ()) -> list[Guarded]:
    """The folders a site must not hold or be inside: the catalogue, the cache folder, and
    (not to be held) the current folder."""
    guarded = list(more)
    if catalog.root:
        guarded.append(Guarded(CATALOGUE, Path(catalog.root)))
    if cache_dir is not None:
        guarded.append(Guarded(CACHE_FOLDER, Path(cache_dir)))
    guarded.append(Guarded(CURRENT_FOLDER, Path.cwd(), inside=False))
    return guarded


def build_site(
    catalog: Catalog,
    *,
    out: str | Path,
    lang: Lang = "vi",
    on: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    draw: Draw | None = None,
    batch: int = 50,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    guarded: Sequence[Guarded] = (),
    extra_pages: Mapping[str, str] | None = None,
) -> SiteReport:
    """Publish ``catalog`` as a static site in ``out`` and say what was written.

    ``lang`` is the language the root ``index.html`` opens; ``on`` publishes the versions in
    force that day (default: see ``published_procedures``). ``progress(done, total)`` is told
    as batches of up to ``batch`` procedures are written, on ``jobs`` worker processes (default:
    one per core). ``draw`` replaces the diagram stage (see ``drawing``; it runs in the workers).

    The site is written next to ``out`` and moved into place at the end (``output``): a failed
    run leaves the old site as it was, and only the files an earlier publish wrote are
    replaced or removed. Raises ``OutputRefused`` (a ``FileExistsError``) when ``out`` holds
    something other than a published site, or holds or lies inside the catalogue's folder,
    ``cache_dir`` or a ``guarded`` folder, or holds the current folder.

    Beside each procedure's page, the site publishes a page for every version it replaced
    (``supersedes``, ``render.site.versions``), and lists the versions on each of them.

    ``extra_pages`` are pages made elsewhere, by their path inside the site: written with the
    site's own, and replaced or removed as they are. The site links to those it knows: the
    oversight page (``{lang}/oversight.html``, made by ``motcua publish --db``) from the index
    and every page's masthead, and the comparisons of two versions (at
    ``SiteVersions.diff_path``, made by ``motcua publish`` through the reform room) from the
    versions' list.

    With ``cache_dir``, the charts drawn are kept there (``chartcache``), and a later publish
    draws only the charts whose procedure changed; charts of procedures no longer published
    are dropped from it.
    """
    out = Path(out)
    guarded = guarded_folders(catalog, cache_dir, guarded)
    check_output(out, guarded=guarded)
    day = on or dt.date.today()
    entries, missing = published_procedures(catalog, on=on, today=day)
    versions = site_versions(catalog, [p for p, _ in entries])
    links = SiteLinks(versions, frozenset(extra_pages or ()))
    earlier = versions.earlier({a.id: a for a in catalog.agencies})
    cache = None
    if cache_dir is not None and draw is None:
        from motcua.render.site.chartcache import ChartCache

        cache = ChartCache(cache_dir)
    staging = staging_folder(out)

    def write_indexes() -> None:
        for page_lang in LANGUAGES:
            view = index_page(catalog, entries, lang=page_lang, footer=footer(page_lang, on), day=day,
                              oversight=links.oversight(page_lang))
            write_file(staging, f"{page_lang}/index.html", render_page("index.html", page_lang, c=view.chrome, p=view))
        root = template("root.html").render(
            lang=lang,
            title=word("site.site_title", lang),
            redirect=word("site.redirect", lang),
            languages=[{"lang": l, "name": word("site.language_name", l)} for l in LANGUAGES],
        )
        write_file(staging, "index.html", root)

    try:
        shutil.copytree(_HERE / "static", staging / "static")
        pages = write_procedures(
            [*entries, *earlier], root=staging, links=links, day=day, on=on, draw=draw, batch=batch, jobs=jobs, cache=cache,
            progress=progress, meanwhile=write_indexes,
        )
        for relative, text in (extra_pages or {}).items():
            write_file(staging, relative, text)
        move_into_place(staging, out, guarded=guarded)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if cache is not None:
        cache.prune()
    return SiteReport(
        out=out,
        procedures=len(entries),
        pages=pages + len(LANGUAGES) + 1 + sum(1 for p in extra_pages or () if p.endswith(".html")),
        figures=(len(entries) + len(earlier)) * len(LANGUAGES) * len(VIEWS),
        not_in_force=tuple(missing),
        earlier_versions=len(earlier),
    )
