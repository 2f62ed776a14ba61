"""The site's HTML files: page views from ``render.site.pages`` put through the jinja2 templates.

The page stage of ``build_site``, run in the worker processes of ``render.site.workers`` for
each procedure and language: templates compiled once per process, diagrams spliced into the
encoded page as the bytes they are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import jinja2
from markupsafe import Markup, escape

from motcua.engine.spec.model import Agency, Procedure
from motcua.render.site.figures import svg_element
from motcua.render.site.links import CONTENT_SECURITY_POLICY
from motcua.render.site.pageparts import VIEW_WORDS, Chrome, chrome, link_to
from motcua.render.site.pages import VIEWS, View, plain, procedure_page
from motcua.render.site.versions import SiteLinks
from motcua.render.site.vocabulary import LANGUAGES, Lang, format_date, word
from motcua.render.wording import time_limit_words

__all__ = ["FramedPage", "footer", "framed_page", "render_page", "template", "write_file", "write_procedure"]

_HERE = Path(__file__).parent


# An interface word the template says as ``{{ w("site.key") }}`` (an entry of
# ``engine.spec.vocabulary``), and a template it extends.
_WORD = re.compile(r"""\{\{\s*w\((["'])([\w.-]+)\1\)\s*\}\}""")
_EXTENDS = re.compile(r"""\{%-?\s*extends\s+(["'])([\w.]+)\1\s*-?%\}""")


def _source(name: str) -> tuple[str, str | None, Callable[[], bool]] | None:
    """A template's text; ``vi/procedure.html`` is ``procedure.html`` with its interface words
    written in as Vietnamese text. A page then fills in only what differs between pages: a
    procedure page says some sixty words, which would otherwise be looked up and escaped on
    every page."""
    lang, _, base = name.rpartition("/")
    path = _HERE / "templates" / base
    if not path.is_file() or (lang and lang not in LANGUAGES):
        return None
    text = path.read_text(encoding="utf-8")
    if lang:

        def literal(found: re.Match[str]) -> str:
            said = str(escape(word(found.group(2), lang)))
            # Text that jinja would read as its own syntax stays a call.
            return found.group(0) if any(mark in said for mark in ("{{", "{%", "{#")) else said

        text = _WORD.sub(literal, text)
        text = _EXTENDS.sub(lambda found: f'{{% extends "{lang}/{found.group(2)}" %}}', text)
    return text, str(path), lambda: True


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates ship with the package and do not change while a site is written; without
        # this, every page would stat its template files again.
        auto_reload=False,
    )
    # Every page, the front page's forward included, says which scripts and styles may run.
    environment.globals["csp"] = Markup(CONTENT_SECURITY_POLICY)  # no quote to escape in it
    return environment


@lru_cache(maxsize=None)
def template(name: str, lang: Lang | None = None) -> jinja2.Template:
    """A template of the site, compiled once per process; with ``lang``, its interface words
    are written in (see ``_source``)."""
    return _environment().get_template(f"{lang}/{name}" if lang else name)


def render_page(name: str, lang: Lang, **context: object) -> str:
    """Template ``name`` filled with ``context``; templates say interface words as ``w("site.key")``."""

    def w(key: str, **values: object) -> str:
        return word(key, lang, **values)

    return template(name, lang).render(w=w, **context)


def write_file(root: Path, relative: str, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends) to ``root/relative``, making folders."""
    target = root / relative
    # Worker processes write side by side into the same folders: one may create a folder
    # between another's check and its own mkdir.
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def footer(lang: Lang, on: dt.date | None) -> str:
    """The footer line: the day the site shows the procedures in force on, when one was chosen."""
    return word("site.footer_on", lang, date=format_date(on, lang)) if on is not None else word("site.footer", lang)


def write_procedure(
    root: Path,
    procedure: Procedure,
    agency: Agency,
    svgs: dict[tuple[Lang, View], bytes],
    *,
    day: dt.date,
    on: dt.date | None,
    links: SiteLinks | None = None,
) -> int:
    """Write the page of ``procedure`` in every language with its diagrams; returns the pages
    written. ``links`` places the page among its versions (see ``procedure_page``)."""
    links = links or SiteLinks()
    for lang in LANGUAGES:
        title = plain(procedure.title, lang)
        desc = word(
            "site.diagram_desc", lang, title=title, steps=len(procedure.steps),
            time=time_limit_words(procedure, lang=lang),
        )
        figures = [
            svg_element(
                svgs[(lang, view)], prefix=f"fig-{view}", title=f"{word(VIEW_WORDS[view][0], lang)}: {title}", desc=desc
            )
            for view in VIEWS
        ]
        page = procedure_page(procedure, agency, lang=lang, svgs=_PLACES, footer=footer(lang, on), day=day, links=links)
        html = render_page("procedure.html", lang, c=page.chrome, p=page)
        write_file(root, page.chrome.path, _splice(html, figures))
    return len(LANGUAGES)


# The page is rendered with a place for each diagram and the diagrams' bytes go into the
# encoded page: a chart is most of a page, and putting it through the template as text would
# decode it, copy it in every join and encode it again. Spec text cannot make a place: the
# template escapes every "<" that does not come from it or from here.
_PLACES: dict[str, Markup] = {view: Markup(f'<motcua-figure view="{view}"/>') for view in VIEWS}
_PLACE_BYTES = [_PLACES[view].encode("utf-8") for view in VIEWS]


def _splice(page: str, figures: list[bytes]) -> bytes:
    """``page`` as UTF-8 with each figure in its place, in the order of ``VIEWS``."""
    data = page.encode("utf-8")
    parts: list[bytes] = []
    for place, figure in zip(_PLACE_BYTES, figures):
        before, found, data = data.partition(place)
        if not found or place in data:
            raise RuntimeError(f"the procedure page must hold {place.decode()} exactly once")
        parts += (before, figure)
    parts.append(data)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class FramedPage:
    """A page made elsewhere (a comparison of two versions) in the site's frame."""

    chrome: Chrome
    title: str
    crumbs: tuple[tuple[str, str], ...]  # (href, label), after the catalogue's home
    body: Markup
    styles: tuple[str, ...]
    footer: str


def framed_page(
    path: str,
    lang: Lang,
    *,
    title: str,
    body: Markup,
    crumbs: Sequence[tuple[str, str]] = (),
    styles: Sequence[str] = (),
    on: dt.date | None = None,
    oversight: bool = False,
) -> str:
    """The page at ``path`` (site-root relative) with the site's head, policy, masthead, language
    switch and footer around ``body``, which the caller has escaped and which goes inside
    ``<main id="main">``. ``crumbs`` are ``(target, label)`` with site-root relative targets,
    ``styles`` the site-root relative style sheets the page adds to the site's own (the policy
    allows no ``<style>``); with ``oversight`` the masthead links to the oversight page."""
    view = FramedPage(
        chrome=chrome(path, lang, oversight=oversight),
        title=title,
        crumbs=tuple((link_to(target, start=path), label) for target, label in crumbs),
        body=body,
        styles=tuple(link_to(s, start=path) for s in styles),
        footer=footer(lang, on),
    )
    return render_page("framed.html", lang, c=view.chrome, p=view)
