"""What each page of the catalogue site says: procedures and agencies turned into page views.

The views hold finished, escaped text in one language; the jinja2 templates only lay them out.
Sections follow the order of the posted procedure sheet (Decree 63/2010/NĐ-CP Art. 8; Circular
02/2017/TT-VPCP): steps, channels, dossier (with its forms), time limit, applicants, bodies,
result, fee, conditions, legal basis. The index page is built by ``render.site.indexpage``, and
what both pages share is in ``render.site.pageparts``; this module names them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from motcua.engine.spec.model import Agency, Procedure, Step, Text, UnitRole
from motcua.render.diagram import caption_lines
from motcua.render.site.indexpage import FieldGroup, IndexEntry, IndexPage, Option, index_page
from motcua.render.site.facts import (
    ChannelView,
    FeeTable,
    RecordRow,
    VariantView,
    applicant_line,
    body_lines,
    channel_views,
    dossier_rows,
    extension_lines,
    fee_table,
    prose,
    sets_line,
    variant_views,
)
from motcua.render.site.legend import LegendEntry, legend_entries
from motcua.render.site.links import web_link
from motcua.render.site.pageparts import (
    VIEW_WORDS,
    VIEWS,
    Chrome,
    View,
    chrome,
    fee_summary,
    notice,
    page_path,
    plain,
    sentence,
    text,
)
from motcua.render.site.versions import SiteLinks, VersionRow, validity, version_rows
from motcua.render.site.vocabulary import (
    Lang,
    field_title,
    format_date,
    format_duration,
    levels_words,
    outcome_word,
    word,
)
from motcua.render.swimlanes import chart_legend
from motcua.render.wording import phrase, time_limit_words

__all__ = [
    "VIEWS",
    "Chrome",
    "View",
    "FieldGroup",
    "Figure",
    "IndexEntry",
    "IndexPage",
    "Option",
    "ProcedurePage",
    "index_page",
    "notice",
    "page_path",
    "plain",
    "procedure_page",
    "text",
]


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    title: Markup
    unit: Markup
    time: str
    consults: tuple[Markup, ...]
    branches: tuple[Markup, ...]
    description: Markup


@dataclass(frozen=True, slots=True)
class Figure:
    view: str
    anchor: str
    heading: str
    note: str
    svg: Markup
    caption: tuple[str, ...]  # code and version; the legal and the committed time
    legend_title: str
    legend: tuple[LegendEntry, ...]  # the staff chart's legend, shown under it


@dataclass(frozen=True, slots=True)
class LegalRow:
    title: Markup
    url: str | None


@dataclass(frozen=True, slots=True)
class ProcedurePage:
    chrome: Chrome
    title: Markup
    title_plain: str
    agency: Markup
    agency_plain: str
    code: str
    field: str
    field_slug: str
    level: str
    version: str
    validity: str
    versions: tuple[VersionRow, ...]
    description: Markup
    variants_note: str
    time_limit: str
    committed_time: str
    time_note: Markup
    extensions: tuple[Markup, ...]
    clock_stops: tuple[Markup, ...]
    fee_summary: str
    one_stop: Markup
    one_stop_plain: str
    posted_at: Markup
    address: Markup
    phone: str
    office_hours: str
    submit_line: Markup
    receive_line: Markup
    steps: tuple[StepView, ...]
    channels: tuple[ChannelView, ...]
    where: tuple[Markup, ...]
    records: tuple[RecordRow, ...]
    sets: str
    applicants: tuple[Markup, ...]
    competent: tuple[Markup, ...]
    executing: tuple[Markup, ...]
    coordinating: tuple[Markup, ...]
    delegated: tuple[Markup, ...]
    results: tuple[Markup, ...]
    fees: FeeTable
    conditions: tuple[Markup, ...]
    legal: tuple[LegalRow, ...]
    source: tuple[str, ...]
    variants: tuple[VariantView, ...]
    figures: tuple[Figure, ...]
    footer: str
    notice: str
    sections: tuple[tuple[str, str], ...]


_SECTIONS = (
    ("trinh-tu", "site.h_steps"),
    ("cach-thuc", "site.h_channels"),
    ("ho-so", "site.h_dossier"),
    ("thoi-han", "site.h_time"),
    ("doi-tuong", "site.h_applicants"),
    ("co-quan", "site.h_agency"),
    ("ket-qua", "site.h_result"),
    ("le-phi", "site.h_fees"),
    ("dieu-kien", "site.h_conditions"),
    ("can-cu", "site.h_legal"),
)
#: Sub-cases follow the sheet's ten sections, so that their numbers stay the same on every page.
_VARIANTS_SECTION = ("truong-hop", "site.h_variants")


def _one_stop(agency: Agency, procedure: Procedure) -> Text:
    first = procedure.first_step.unit
    for unit in agency.units:
        if unit.id == first and unit.role is UnitRole.ONE_STOP:
            return unit.title
    for unit in agency.units:
        if unit.role is UnitRole.ONE_STOP:
            return unit.title
    return agency.title


def _unit_title(agency: Agency, unit_id: str) -> Text:
    for unit in agency.units:
        if unit.id == unit_id:
            return unit.title
    return Text((("", unit_id),))


def _target(procedure: Procedure, target: str, numbers: dict[str, int], lang: Lang) -> Markup:
    """Where a branch leads, in words: another step by its number, or an end and what it returns."""
    if target in numbers:
        return escape(word("site.go_to_step", lang, n=numbers[target]))
    if not procedure.is_end(target):
        return escape(target)
    end = procedure.end(target)
    label = text(end.title, lang) if end.title is not None else escape(outcome_word(end.outcome, lang))
    known = {r.id for r in procedure.results}
    results = [text(procedure.result(r).title, lang) for r in end.result_ids if r in known]
    if results:
        return sentence("site.to_end_result", lang, end=label, result=Markup("; ").join(results))
    return sentence("site.to_end", lang, end=label)


def _step_view(step: Step, n: int, procedure: Procedure, agency: Agency, numbers: dict[str, int], lang: Lang) -> StepView:
    consults = tuple(
        Markup("{} ({})").format(text(_unit_title(agency, c.unit), lang), format_duration(c.time, lang))
        for c in step.consult
    )
    branches: list[Markup] = []
    for outcome in step.outcomes:
        name = text(outcome.title, lang) if outcome.title is not None else escape(outcome.name.replace("-", " "))
        target = _target(procedure, outcome.to, numbers, lang)
        branches.append(sentence("site.if_outcome", lang, outcome=name, target=target))
    if step.next is not None and not (step.next in numbers and numbers[step.next] == n + 1):
        target = _target(procedure, step.next, numbers, lang)
        branches.append(sentence("site.then_next", lang, target=target))
    if step.timeout is not None:
        target = _target(procedure, step.timeout.to, numbers, lang)
        time = format_duration(step.timeout.after, lang)
        branches.append(sentence("site.on_timeout", lang, time=time, target=target))
    title = text(step.title, lang) if step.title is not None else escape(step.id)
    return StepView(
        number=n,
        title=title,
        unit=text(_unit_title(agency, step.unit), lang),
        time=format_duration(step.time, lang),
        consults=consults,
        branches=tuple(branches),
        description=prose(step.description, lang),
    )


def _office_hours(agency: Agency, lang: Lang) -> str:
    blocks = [f"{a.strftime('%H:%M')}–{b.strftime('%H:%M')}" for a, b in agency.calendar.office_hours]
    if len(blocks) == 2:
        joined = word("site.hours_two", lang, morning=blocks[0], afternoon=blocks[1])
    else:
        joined = ", ".join(blocks)
    return word("site.hours_text", lang, blocks=joined)


def _involved_units(procedure: Procedure, agency: Agency) -> tuple[list[str], list[str]]:
    """Units that handle the dossier (divisions, leaders) and bodies that take part (external
    units doing a step, and every consulted unit), each in order of first appearance."""
    roles = {u.id: u.role for u in agency.units}
    executing: list[str] = []
    coordinating: list[str] = []
    for step in procedure.steps:
        role = roles.get(step.unit)
        if role in (UnitRole.DIVISION, UnitRole.LEADERSHIP):
            if step.unit not in executing:
                executing.append(step.unit)
        elif role is not UnitRole.ONE_STOP and step.unit not in coordinating:
            coordinating.append(step.unit)
        for consult in step.consult:
            if consult.unit not in coordinating:
                coordinating.append(consult.unit)
    return executing, [u for u in coordinating if u not in executing]


def _bodies(procedure: Procedure, agency: Agency, lang: Lang) -> dict[str, tuple[Markup, ...]]:
    """The bodies of section 6: those the record names, else what the steps show (the agency
    decides; its divisions and leaders handle the dossier; other units and those consulted
    take part)."""
    executing, coordinating = _involved_units(procedure, agency)
    return {
        "competent": body_lines(procedure.authority, lang) or (text(agency.title, lang),),
        "executing": body_lines(procedure.executing, lang)
        or tuple(text(_unit_title(agency, u), lang) for u in executing),
        "coordinating": body_lines(procedure.coordinating, lang)
        or tuple(text(_unit_title(agency, u), lang) for u in coordinating),
        "delegated": body_lines(procedure.delegated, lang),
    }


def _source(procedure: Procedure, lang: Lang) -> tuple[str, ...]:
    """Where an imported spec came from: the decision that published the record, its code."""
    source = procedure.source
    if source is None:
        return ()
    lines = []
    if source.decision:
        line = word("site.published_by", lang, decision=source.decision)
        if source.decided_on is not None:
            line += " " + word("site.published_on", lang, date=format_date(source.decided_on, lang))
        lines.append(line)
    if source.code:
        lines.append(word("site.source_code", lang, code=source.code))
    return tuple(lines)


def _variants_note(count: int, lang: Lang) -> str:
    """Where the sheet's head sends a reader to the sub-cases: none, one, or several."""
    if count == 0:
        return ""
    return word("site.variants_see.one" if count == 1 else "site.variants_see", lang, n=count)


def procedure_page(
    procedure: Procedure,
    agency: Agency,
    *,
    lang: Lang,
    svgs: dict[str, Markup],
    footer: str,
    day: dt.date,
    links: SiteLinks | None = None,
) -> ProcedurePage:
    """The page of one procedure in one language; ``svgs`` maps a view name to its inlined SVG.
    ``links`` says where this version's page is, its other versions and the comparisons, and
    whether the site has an oversight page."""
    links = links or SiteLinks()
    path = links.versions.path(procedure, lang)
    numbers = {step.id: n for n, step in enumerate(procedure.steps, start=1)}
    one_stop = _one_stop(agency, procedure)
    captions = caption_lines(procedure, lang)
    figures = tuple(
        Figure(
            view=view,
            anchor=f"so-do-{view}",
            heading=word(VIEW_WORDS[view][0], lang),
            note=word(VIEW_WORDS[view][1], lang),
            svg=svgs[view],
            caption=captions,
            legend_title=phrase("chart.legend", lang=lang),
            legend=legend_entries(chart_legend(procedure, lang)) if view == "internal" else (),
        )
        for view in VIEWS
        if view in svgs
    )
    receive_unit = text(one_stop, lang)
    unit = _lower_first(receive_unit, lang)
    sections = _SECTIONS + ((_VARIANTS_SECTION,) if procedure.variants else ())
    return ProcedurePage(
        chrome=chrome(path, lang, oversight=links.oversight(lang)),
        title=text(procedure.title, lang),
        title_plain=plain(procedure.title, lang),
        agency=text(agency.title, lang),
        agency_plain=plain(agency.title, lang),
        code=procedure.code or "",
        field=field_title(procedure.field, lang, agency.fields) if procedure.field else "",
        field_slug=procedure.field or "",
        level=levels_words(procedure.level, lang),
        version=procedure.version,
        validity=validity(procedure, lang),
        versions=version_rows(procedure, links, lang),
        description=prose(procedure.description, lang),
        variants_note=_variants_note(len(procedure.variants), lang),
        time_limit=time_limit_words(procedure, lang=lang),
        committed_time=format_duration(procedure.committed_time, lang) if procedure.committed_time else "",
        time_note=prose(procedure.time_note, lang),
        extensions=extension_lines(procedure, lang),
        clock_stops=tuple(text(stop.title, lang) for stop in procedure.clock_stops),
        fee_summary=fee_summary(procedure, lang),
        one_stop=receive_unit,
        one_stop_plain=plain(one_stop, lang),
        posted_at=sentence("site.posted_at", lang, unit=_lower_first(receive_unit, lang)),
        address=text(agency.address, lang),
        phone=agency.phone or "",
        office_hours=_office_hours(agency, lang),
        submit_line=sentence("site.submit_step", lang, unit=_lower_first(receive_unit, lang)),
        receive_line=sentence("site.receive_step", lang, unit=_lower_first(receive_unit, lang)),
        steps=tuple(_step_view(s, numbers[s.id], procedure, agency, numbers, lang) for s in procedure.steps),
        channels=channel_views(procedure.channels, lang, unit=unit),
        where=tuple(prose(w, lang) for w in procedure.where),
        records=dossier_rows(procedure.records, lang),
        sets=sets_line(procedure, lang),
        applicants=tuple(applicant_line(a, lang) for a in procedure.applicants),
        **_bodies(procedure, agency, lang),
        results=tuple(text(r.title, lang) for r in procedure.results),
        fees=fee_table(procedure.fees, lang),
        conditions=tuple(prose(c, lang) for c in procedure.conditions),
        legal=tuple(LegalRow(text(b.title, lang), web_link(b.url)) for b in procedure.legal_basis),
        source=_source(procedure, lang),
        variants=variant_views(procedure, lang, unit=unit),
        figures=figures,
        footer=footer,
        notice=notice(procedure, lang, day=day, badge=False),
        sections=tuple((anchor, word(key, lang)) for anchor, key in sections),
    )


def _lower_first(value: Markup, lang: Lang) -> Markup:
    """English sentences say "at the one-stop desk"; Vietnamese keeps the unit's capital (a proper name)."""
    if lang == "en" and value[:1].isupper() and not value.startswith("<"):
        return Markup(value[:1].lower() + value[1:])
    return value
