"""The facts of the national procedure record as a page shows them: text with its paragraphs and
lists, the dossier tree, fee tables, channels with their own terms, sub-cases, bodies.

Helpers of ``render.site.pages``. Everything here is finished, escaped markup in one language:
spec text is escaped, never read as HTML, and a link is made only of a web address
(``render.site.links``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Sequence

from markupsafe import Markup, escape

from motcua.engine.spec.model import (
    ApplicantKind,
    ApplicantType,
    Body,
    ChannelOption,
    DossierItem,
    Fee,
    Form,
    Procedure,
    Record,
    RecordGroup,
    Text,
    Variant,
    fees_free,
    walk_items,
)
from motcua.render.site.links import web_link
from motcua.render.site.pageparts import fill, sentence, text
from motcua.render.site.vocabulary import (
    Lang,
    applicant_word,
    channel_word,
    format_amount,
    format_count,
    format_duration,
    word,
)

__all__ = [
    "ChannelView",
    "FeeRow",
    "FeeTable",
    "RecordRow",
    "VariantView",
    "applicant_line",
    "body_lines",
    "channel_views",
    "dossier_numbers",
    "dossier_rows",
    "extension_lines",
    "fee_table",
    "prose",
    "sets_line",
    "variant_views",
]

# A line of a list: "- ", "* ", "• ", "+ " or "– " before the item.
_BULLET: Final = re.compile(r"[-*•+–]\s+")
_PARAGRAPHS: Final = re.compile(r"\n[ \t]*\n")


def _blocks(said: str) -> Markup:
    """Paragraphs (split at blank lines; a line break inside one kept) and bulleted lists."""
    out: list[Markup] = []
    for paragraph in _PARAGRAPHS.split(said.strip()):
        lines: list[str] = []
        items: list[str] = []
        for raw in paragraph.splitlines():
            line = raw.strip()
            if not line:
                continue
            bullet = _BULLET.match(line)
            if bullet:
                _flush_lines(out, lines)
                items.append(line[bullet.end():])
            else:
                _flush_items(out, items)
                lines.append(line)
        _flush_lines(out, lines)
        _flush_items(out, items)
    return Markup("").join(out)


def _flush_lines(out: list[Markup], lines: list[str]) -> None:
    if lines:
        out.append(Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in lines)))
        lines.clear()


def _flush_items(out: list[Markup], items: list[str]) -> None:
    if items:
        out.append(Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(i) for i in items)))
        items.clear()


def prose(value: Text | None, lang: Lang) -> Markup:
    """Text as paragraphs and lists (``<p>``, ``<ul>``), escaped; text only written in another
    language is marked with its own ``lang``. Empty markup for no text."""
    if value is None or not value.values:
        return Markup("")
    if value.has(lang):
        return _blocks(value.get(lang))
    shown_lang, shown = value.values[0]
    if shown_lang and shown_lang != lang:
        return Markup('<div lang="{}">{}</div>').format(shown_lang, _blocks(shown))
    return _blocks(shown)


# -- The dossier -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordRow:
    """A row of the dossier table: a document, or the heading of a group of them."""

    number: str  # "3", "3.2": the item's place in the tree
    depth: int
    group: bool
    title: Markup
    choice: bool  # a group the applicant brings one of
    when: Markup
    marks: tuple[str, ...]  # "Xuất trình", "Có biểu mẫu điện tử"
    code: str
    note: Markup
    originals: str
    copies: str
    form: Markup


def _form(form: str | Form | None, lang: Lang) -> Markup:
    if form is None:
        return Markup("")
    if isinstance(form, str):
        return escape(form)
    parts = [escape(form.code)] if form.code else []
    if form.title is not None and form.title.values:
        parts.append(text(form.title, lang))
    name = Markup(": ").join(parts)
    link = web_link(form.file)
    if link is not None:
        label = name or escape(word("site.form_file", lang))
        return Markup('<a href="{}" rel="external">{}</a>').format(link, label)
    if not name and form.file:
        return escape(form.file)  # a path in the agency's files: shown, not linked
    return name


def _record_row(record: Record, number: str, depth: int, lang: Lang) -> RecordRow:
    marks = []
    if record.present_only:
        marks.append(word("site.present_only", lang))
    if record.eform:
        marks.append(word("site.eform", lang))
    return RecordRow(
        number=number,
        depth=depth,
        group=False,
        title=text(record.title, lang),
        choice=False,
        when=text(record.when, lang),
        marks=tuple(marks),
        code=record.code or "",
        note=prose(record.note, lang),
        originals=format_count(record.originals),
        copies=format_count(record.copies),
        form=_form(record.form, lang),
    )


def _group_row(group: RecordGroup, number: str, depth: int, lang: Lang) -> RecordRow:
    return RecordRow(
        number=number,
        depth=depth,
        group=True,
        title=text(group.title, lang),
        choice=group.is_choice,
        when=text(group.when, lang),
        marks=(),
        code="",
        note=prose(group.note, lang),
        originals="",
        copies="",
        form=Markup(""),
    )


def dossier_numbers(items: Sequence[DossierItem]) -> dict[str, str]:
    """Each record's and group's number in the dossier table: ``3``, and ``3.2`` inside a group."""
    numbers: dict[str, str] = {}
    stack = [(item, str(n)) for n, item in reversed(list(enumerate(items, start=1)))]
    while stack:
        item, number = stack.pop()
        numbers[item.id] = number
        if isinstance(item, RecordGroup):
            stack.extend((sub, f"{number}.{n}") for n, sub in reversed(list(enumerate(item.items, start=1))))
    return numbers


def dossier_rows(items: Sequence[DossierItem], lang: Lang) -> tuple[RecordRow, ...]:
    """The rows of the dossier table, the tree in spec order, each group before its items."""
    numbers = dossier_numbers(items)
    rows = []
    for item in walk_items(items):
        number = numbers[item.id]
        depth = number.count(".")
        if isinstance(item, RecordGroup):
            rows.append(_group_row(item, number, depth, lang))
        else:
            rows.append(_record_row(item, number, depth, lang))
    return tuple(rows)


def sets_line(procedure: Procedure, lang: Lang) -> str:
    """``Số lượng hồ sơ: 02 bộ.``: the number of sets the procedure asks for."""
    sets = procedure.dossier_sets
    return word("site.sets" if sets == 1 else "site.sets_many", lang, n=format_count(sets) if lang == "vi" else sets)


# -- Fees ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeeRow:
    number: int
    title: Markup
    kind: str
    channel: str
    applies_to: Markup
    amount: Markup


@dataclass(frozen=True, slots=True)
class FeeTable:
    """What a page says of fees: free, not stated, or a table with labelled columns."""

    said: str  # "Không thu phí, lệ phí." or "Chưa có thông tin…", when there is no table
    rows: tuple[FeeRow, ...]
    kinds: bool  # whether any row names its kind, channel or whom it applies to
    channels: bool
    applies: bool


def _fee_row(n: int, fee: Fee, lang: Lang) -> FeeRow:
    if fee.amount is not None:
        amount = escape(format_amount(fee.amount, fee.currency, lang))
        if fee.text is not None and fee.text.values:
            amount = Markup("{}{}").format(amount, prose(fee.text, lang))
    else:
        amount = prose(fee.text, lang)
    return FeeRow(
        number=n,
        title=text(fee.title, lang),
        kind=word(f"site.fee_kind.{fee.kind.value}", lang) if fee.kind is not None else "",
        channel=word(f"chart.channel.{fee.channel.value}", lang) if fee.channel is not None else "",
        applies_to=text(fee.applies_to, lang),
        amount=amount,
    )


def fee_table(fees: tuple[Fee, ...] | None, lang: Lang) -> FeeTable:
    """Fees as the page shows them: never "free" unless ``fees_free``; no ``fees`` is "not stated"."""
    if fees is None:
        return FeeTable(word("site.fees_not_stated", lang), (), False, False, False)
    if fees_free(fees):
        return FeeTable(word("site.free", lang), (), False, False, False)
    rows = tuple(_fee_row(n, fee, lang) for n, fee in enumerate(fees, start=1))
    return FeeTable(
        said="",
        rows=rows,
        kinds=any(r.kind for r in rows),
        channels=any(r.channel for r in rows),
        applies=any(r.applies_to for r in rows),
    )


# -- Channels, applicants, bodies -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChannelView:
    name: Markup
    time: str  # "thời hạn 25 ngày làm việc", "" when the procedure's applies
    committed: str
    fees: FeeTable | None  # the channel's own fees, None when the procedure's apply
    note: Markup


def channel_views(options: Sequence[ChannelOption], lang: Lang, *, unit: Markup) -> tuple[ChannelView, ...]:
    """Each channel with what is its own there: time limit, committed time, fees, a note."""
    return tuple(
        ChannelView(
            name=fill(escape(channel_word(o.channel, lang, unit="{unit}")), unit=unit),
            time=word("site.channel_time", lang, time=format_duration(o.time_limit, lang)) if o.time_limit else "",
            committed=format_duration(o.committed_time, lang) if o.committed_time else "",
            fees=fee_table(o.fees, lang) if o.fees is not None else None,
            note=prose(o.note, lang),
        )
        for o in options
    )


def applicant_line(applicant: ApplicantKind | ApplicantType, lang: Lang) -> Markup:
    """A v1 kind by name, or a national applicant type as ``ĐT1 — Công dân Việt Nam``."""
    if isinstance(applicant, ApplicantType):
        return Markup("{} — {}").format(applicant.code, text(applicant.title, lang))
    return escape(applicant_word(applicant, lang))


def body_lines(bodies: Sequence[Body], lang: Lang) -> tuple[Markup, ...]:
    """Bodies the record names, each with its code when it has one."""
    return tuple(
        Markup("{} ({})").format(text(b.title, lang), b.code) if b.code else text(b.title, lang) for b in bodies
    )


# -- Sub-cases ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariantView:
    anchor: str
    title: Markup
    code: str
    when: Markup
    time: str
    committed: str
    time_note: Markup
    channels: tuple[ChannelView, ...] | None
    dossier: tuple[Markup, ...] | None  # "3.2. Giấy khai sinh", the items of section 3 it asks for
    fees: FeeTable | None
    results: tuple[Markup, ...] | None


def variant_views(procedure: Procedure, lang: Lang, *, unit: Markup) -> tuple[VariantView, ...]:
    """Each sub-case as a section: what it says of its own, the procedure's terms elsewhere."""
    numbers = dossier_numbers(procedure.records)
    return tuple(_variant_view(v, procedure, numbers, lang, unit) for v in procedure.variants)


def _variant_view(v: Variant, p: Procedure, numbers: dict[str, str], lang: Lang, unit: Markup) -> VariantView:
    dossier = None
    if v.records is not None:
        dossier = tuple(_numbered(p, ref, numbers, lang) for ref in v.records)
    results = None
    if v.results is not None:
        results = tuple(_result_title(p, ref, lang) for ref in v.results)
    return VariantView(
        anchor=f"truong-hop-{v.id}",
        title=text(v.title, lang),
        code=v.code or "",
        when=prose(v.when, lang),
        time=format_duration(v.time_limit, lang) if v.time_limit else "",
        committed=format_duration(v.committed_time, lang) if v.committed_time else "",
        time_note=prose(v.time_note, lang),
        channels=channel_views(v.channels, lang, unit=unit) if v.channels is not None else None,
        dossier=dossier,
        fees=fee_table(v.fees, lang) if v.fees is not None else None,
        results=results,
    )


def _numbered(p: Procedure, ref: str, numbers: dict[str, str], lang: Lang) -> Markup:
    try:
        item = p.dossier_item(ref)
    except KeyError:
        return escape(ref)
    return Markup("{}. {}").format(numbers[ref], text(item.title, lang))


def _result_title(p: Procedure, ref: str, lang: Lang) -> Markup:
    try:
        return text(p.result(ref).title, lang)
    except KeyError:
        return escape(ref)


def extension_lines(procedure: Procedure, lang: Lang) -> tuple[Markup, ...]:
    """``Thêm 10 ngày làm việc: ở xã vùng sâu``: extra time and its condition."""
    return tuple(
        sentence("site.extension", lang, add=format_duration(e.add, lang), when=text(e.when, lang))
        for e in procedure.extensions
    )
