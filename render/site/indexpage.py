"""The catalogue index as a page view: every published procedure in one language, grouped by
field, with the options of its filters (``templates/index.html``, ``static/search.js``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.render.site.folding import fold
from motcua.render.site.pageparts import Chrome, chrome, fee_summary, link_to, notice, page_path, text
from motcua.render.site.vocabulary import Lang, field_title, format_duration, level_word, word

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
) -> IndexPage:
    """The catalogue index in one language: every published procedure, grouped by field."""
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
                field_title=field_title(procedure.field, lang) if procedure.field else "",
                level=procedure.level.value if procedure.level is not None else "",
                level_title=level_word(procedure.level, lang) if procedure.level is not None else "",
                time_limit=format_duration(procedure.time_limit, lang),
                fee=fee_summary(procedure, lang),
                notice=notice(procedure, lang, day=day, badge=True),
                search=_search_key(procedure),
            )
        )
    groups: dict[str, list[IndexEntry]] = {}
    for row in rows:
        groups.setdefault(row.field, []).append(row)
    ordered = sorted(groups, key=lambda f: (f == "", fold(field_title(f, lang)) if f else ""))
    agencies = {a.id: a for _, a in entries}
    levels = sorted({r.level for r in rows if r.level}, key=_LEVEL_ORDER.index)
    only_agency = next(iter(agencies.values())) if len(agencies) == 1 else None
    return IndexPage(
        chrome=chrome(path, lang),
        agencies=tuple(Option(a.id, a.title.get(lang)) for a in catalog.agencies if a.id in agencies),
        fields=tuple(Option(f, field_title(f, lang)) for f in ordered if f),
        levels=tuple(Option(v, next(r.level_title for r in rows if r.level == v)) for v in levels),
        groups=tuple(
            FieldGroup(f, field_title(f, lang) if f else word("site.other_field", lang), tuple(groups[f]))
            for f in ordered
        ),
        total=len(rows),
        subtitle=text(only_agency.title, lang) if only_agency is not None else Markup(""),
        footer=footer,
    )


_LEVEL_ORDER = ["ministry", "province", "district", "commune"]
