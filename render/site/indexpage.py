"""The catalogue index as a page view: every published procedure in one language, grouped by
field, with the options of its filters (``templates/index.html``, ``static/search.js``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from motcua.engine.spec.model import Agency, Catalog, Level, Procedure
from motcua.render.site.folding import fold
from motcua.render.site.pageparts import Chrome, chrome, fee_summary, link_to, notice, page_path, text
from motcua.render.site.vocabulary import Lang, field_title, level_word, levels_words, word
from motcua.render.wording import time_limit_words

__all__ = ["FieldGroup", "IndexEntry", "IndexPage", "Option", "index_page"]


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class IndexEntry:
    href: str
    title: Markup
    code: str
    agency: str
    agency_title: Markup
    field: str
    field_title: str
    level: str
    level_title: str
    time_limit: str
    fee: str
    notice: str
    search: str


@dataclass(frozen=True, slots=True)
class FieldGroup:
    field: str
    title: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True, slots=True)
class IndexPage:
    chrome: Chrome
    agencies: tuple[Option, ...]
    fields: tuple[Option, ...]
    levels: tuple[Option, ...]
    groups: tuple[FieldGroup, ...]
    total: int
    subtitle: Markup
    footer: str


def _search_key(procedure: Procedure) -> str:
    parts = [v for _, v in procedure.title.values] + [procedure.code or "", procedure.id]
    return fold(" ".join(parts))


def index_page(
    catalog: Catalog,
    entries: list[tuple[Procedure, Agency]],
    *,
    lang: Lang,
    footer: str,
    day: dt.date,
    oversight: bool = False,
) -> IndexPage:
    """The catalogue index in one language: every published procedure, grouped by field; with
    ``oversight``, it links to the oversight page."""
    path = f"{lang}/index.html"
    rows: list[IndexEntry] = []
    for procedure, agency in entries:
        rows.append(
            IndexEntry(
                href=link_to(page_path(procedure, lang), start=path),
                title=text(procedure.title, lang),
                code=procedure.code or "",
                agency=agency.id,
                agency_title=text(agency.title, lang),
                field=procedure.field or "",
                field_title=field_title(procedure.field, lang, agency.fields) if procedure.field else "",
                level=" ".join(level.value for level in procedure.level),
                level_title=levels_words(procedure.level, lang),
                time_limit=time_limit_words(procedure, lang=lang),
                fee=fee_summary(procedure, lang),
                notice=notice(procedure, lang, day=day, badge=True),
                search=_search_key(procedure),
            )
        )
    groups: dict[str, list[IndexEntry]] = {}
    titles: dict[str, str] = {}  # a field's title: the first agency's that declares it
    for row in rows:
        groups.setdefault(row.field, []).append(row)
        if row.field and (row.field not in titles or titles[row.field] == field_title(row.field, lang)):
            titles[row.field] = row.field_title
    ordered = sorted(groups, key=lambda f: (f == "", fold(titles[f]) if f else ""))
    agencies = {a.id: a for _, a in entries}
    levels = sorted({level for p, _ in entries for level in p.level}, key=_LEVEL_ORDER.index)
    only_agency = next(iter(agencies.values())) if len(agencies) == 1 else None
    return IndexPage(
        chrome=chrome(path, lang, oversight=oversight),
        agencies=tuple(Option(a.id, a.title.get(lang)) for a in catalog.agencies if a.id in agencies),
        fields=tuple(Option(f, titles[f]) for f in ordered if f),
        levels=tuple(Option(level.value, level_word(level, lang)) for level in levels),
        groups=tuple(
            FieldGroup(f, titles[f] if f else word("site.other_field", lang), tuple(groups[f])) for f in ordered
        ),
        total=len(rows),
        subtitle=text(only_agency.title, lang) if only_agency is not None else Markup(""),
        footer=footer,
    )


_LEVEL_ORDER = [Level.MINISTRY, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
