"""What every page of the catalogue site shares: where pages live, links between them, text in one
language, the page's chrome (language switch, style sheets, script), and the lines the index and
the procedure pages both show (fees, a version out of force).

Helpers of ``render.site.pages`` (procedure pages) and ``render.site.indexpage`` (the index).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from markupsafe import Markup, escape

from motcua.engine.spec.model import Procedure, Text, fees_free
from motcua.engine.spec.vocabulary import Lang, word
from motcua.render.site.vocabulary import format_amount, format_date
from motcua.render.wording import listed_amounts

__all__ = [
    "VIEWS",
    "VIEW_WORDS",
    "Chrome",
    "View",
    "chrome",
    "fee_summary",
    "fill",
    "link_to",
    "notice",
    "page_path",
    "plain",
    "sentence",
    "text",
]

View = Literal["public", "internal"]
#: The site shows the applicant's chart first and the staff's swimlanes below it.
VIEWS: Final[tuple[View, ...]] = ("public", "internal")
#: The vocabulary entries of each view's figure: its heading and the note under it.
VIEW_WORDS: Final[dict[View, tuple[str, str]]] = {
    "public": ("site.public_view", "site.public_view_note"),
    "internal": ("site.internal_view", "site.internal_view_note"),
}


def page_path(procedure: Procedure, lang: Lang) -> str:
    """Where a procedure's page lives, relative to the site root."""
    return f"{lang}/{procedure.agency}/{procedure.id}.html"


def link_to(target: str, *, start: str) -> str:
    """A relative link from the page at ``start`` to ``target`` (both site-root relative), so
    that the site works from ``file://`` and from any folder of a web server."""
    up = start.count("/")
    if target == ".":
        return "../" * up or "./"
    return "../" * up + target


def text(value: Text | None, lang: Lang) -> Markup:
    """Escaped text in ``lang``; text only written in another language is marked with its own ``lang``."""
    if value is None or not value.values:
        return Markup("")
    if value.has(lang):
        return escape(value.get(lang))
    shown_lang, shown = value.values[0]
    if shown_lang and shown_lang != lang:
        return Markup('<span lang="{}">{}</span>').format(shown_lang, shown)
    return escape(shown)


def sentence(key: str, lang: Lang, **values: object) -> Markup:
    """An interface sentence with values put in; text values are escaped, Markup ones kept."""
    return fill(escape(word(key, lang)), **values)


def fill(said: Markup, **values: object) -> Markup:
    """``said.format(**values)`` for sentences whose places are plain ``{name}``s, as the
    interface sentences are: the same escaping without ``Markup.format``'s formatter, which
    cost more than the rest of a page's sentences together."""
    return Markup(str.format(said, **{name: escape(value) for name, value in values.items()}))


def plain(value: Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page shares: its language, where it is, and the way to the other language."""

    lang: Lang
    path: str
    root: str
    switch_href: str
    switch_lang: Lang
    switch_name: str
    home_href: str
    css_href: str
    print_href: str
    js_href: str
    icon_href: str
    #: The oversight page ``motcua publish --db`` added, or ``""`` when the site has none.
    oversight_href: str = ""


def chrome(path: str, lang: Lang, *, oversight: bool = False) -> Chrome:
    """The chrome of the page at ``path``; with ``oversight``, it links to the oversight page."""
    other: Lang = "en" if lang == "vi" else "vi"
    other_path = other + path[len(lang):]
    return Chrome(
        lang=lang,
        path=path,
        root=link_to(".", start=path),
        switch_href=link_to(other_path, start=path),
        switch_lang=other,
        switch_name=word("site.language_name", other),
        home_href=link_to(f"{lang}/index.html", start=path),
        css_href=link_to("static/site.css", start=path),
        print_href=link_to("static/print.css", start=path),
        js_href=link_to("static/search.js", start=path),
        icon_href=link_to("static/icon.svg", start=path),
        oversight_href=link_to(f"{lang}/oversight.html", start=path) if oversight else "",
    )


def fee_summary(procedure: Procedure, lang: Lang) -> str:
    """The fees in a few words: free only when the spec says so (``fees_free``), "not stated"
    when it says nothing, up to three known amounts, else where the page lists them."""
    fees = procedure.fees
    if fees is None:
        return word("site.fees_not_stated_short", lang)
    if fees_free(fees):
        return word("site.free_short", lang)
    if listed_amounts(fees):
        return "; ".join(format_amount(f.amount, f.currency, lang) for f in fees if f.amount is not None)
    if len(fees) > 1:
        return word("site.fees_several", lang, n=len(fees))
    return word("site.fees_see", lang)


def notice(procedure: Procedure, lang: Lang, *, day: dt.date, badge: bool) -> str:
    """Why a published version is not the one in force on ``day``; empty when it is."""
    if procedure.in_force(day):
        return ""
    if procedure.valid_to is not None and procedure.valid_to < day:
        return word("site.expired_badge", lang) if badge else word("site.expired", lang, date=format_date(procedure.valid_to, lang))
    if procedure.valid_from is not None:
        return word("site.not_yet_badge", lang) if badge else word("site.not_yet", lang, date=format_date(procedure.valid_from, lang))
    return ""
