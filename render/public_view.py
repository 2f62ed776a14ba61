"""The citizen's view of a procedure: what to bring, where to submit, the fee, what may happen.

``build_diagram(..., view="public")`` lands here. The agency's internal steps fold into one box
with the total time; around it the one-stop frame every procedure shares (Decree 61/2018:
receipt slip, one written request to supplement, refusal with reasons, return on the appointment date).
"""

from __future__ import annotations

from typing import Final, Sequence

from motcua.engine.spec.model import (
    Agency,
    DossierItem,
    EndOutcome,
    Procedure,
    Record,
    RecordGroup,
    UnitRole,
    fees_free,
    leaf_records,
)
from motcua.engine.spec.vocabulary import language
from motcua.render.diagram import (
    Diagram,
    EdgeKind,
    LegendItem,
    NodeKind,
    Sketch,
    caption_lines,
    clean,
    safe_id,
    say,
)
from motcua.render.dottext import cut
from motcua.render.wording import fee_amount, format_count, format_duration, listed_amounts, phrase

__all__ = ["MOST_RECORDS", "build_public", "dossier_lines", "fee_line", "prepare_title", "record_line"]

_OUTCOME_ORDER = {o: i for i, o in enumerate(EndOutcome)}


#: The most documents the chart lists; the rest are counted and left to section 3 of the page,
#: so that a dossier of fifty records still gives a chart of readable size.
MOST_RECORDS: Final = 12
#: A document's title on the chart is cut at a word here; the page says it whole.
RECORD_TITLE_LIMIT: Final = 110


def record_line(record: Record, *, lang: str) -> str:
    """``Đơn đề nghị (theo Mẫu TB1): 1 bản chính`` with the condition when the record has one."""
    counts = []
    if record.originals:
        counts.append(format_count(record.originals, "original", lang=lang))
    if record.copies:
        counts.append(format_count(record.copies, "copy", lang=lang))
    if record.present_only:
        counts.append(phrase("chart.public.present", lang=lang))
    title = cut(say(record.title, lang, record.id), RECORD_TITLE_LIMIT)
    form = record.form_label(lang)
    if form:
        title = f"{title} ({phrase('chart.public.form', lang=lang, form=clean(form))})"
    count = ", ".join(counts)
    if record.when is not None:
        when = cut(say(record.when, lang), RECORD_TITLE_LIMIT)
        return phrase("chart.public.record.when", lang=lang, title=title, count=count, when=when)
    return phrase("chart.public.record", lang=lang, title=title, count=count)


def dossier_lines(items: Sequence[DossierItem], *, lang: str, most: int = MOST_RECORDS) -> tuple[str, ...]:
    """The chart's list of what to bring: at most ``most`` documents in spec order, a group's
    heading before its items ("◦" lines), then how many more the page lists in section 3."""
    lines: list[str] = []
    drawn = 0
    stack: list[tuple[DossierItem, int]] = [(item, 0) for item in reversed(items)]
    while stack and drawn < most:
        item, depth = stack.pop()
        mark = "• " if depth == 0 else "◦ "
        if isinstance(item, RecordGroup):
            title = cut(say(item.title, lang, item.id), RECORD_TITLE_LIMIT)
            head = phrase("chart.public.one-of", lang=lang, title=title) if item.is_choice else title
            lines.append(mark + head)
            stack.extend((sub, depth + 1) for sub in reversed(item.items))
            continue
        lines.append(mark + record_line(item, lang=lang))
        drawn += 1
    left = len(leaf_records(items)) - drawn
    if left == 1:
        lines.append(phrase("chart.public.more.one", lang=lang))
    elif left > 1:
        lines.append(phrase("chart.public.more", lang=lang, n=str(left)))
    return tuple(lines)


def prepare_title(procedure: Procedure, *, lang: str) -> str:
    """``Chuẩn bị hồ sơ (02 bộ)``: the number of sets the procedure asks for."""
    sets = procedure.dossier_sets
    n = f"{sets:02d}" if language(lang, otherwise="vi") == "vi" else str(sets)
    return phrase("chart.public.prepare" if sets == 1 else "chart.public.prepare.sets", lang=lang, n=n)


def fee_line(procedure: Procedure, *, lang: str) -> str:
    """The fees in one line: none only when the spec says so; not stated when it says nothing;
    a long table or a fee in prose is left to section 8 of the page."""
    fees = procedure.fees
    if fees is None:
        return phrase("chart.public.fee.not-stated", lang=lang)
    if fees_free(fees):
        return phrase("chart.public.fee.none", lang=lang)
    if not listed_amounts(fees):
        return phrase("chart.public.fee.see", lang=lang)
    said = "; ".join(f"{say(f.title, lang)} {fee_amount(f, lang=lang)}".strip() for f in fees)
    return phrase("chart.public.fee", lang=lang, fees=said)


def time_lines(procedure: Procedure, *, lang: str) -> list[str]:
    """How long the agency has: the legal limit (or where it is written), each channel's own
    limit, sub-cases, extra time and periods that do not count."""
    p = procedure
    if p.time_limit is not None:
        lines = [phrase("chart.public.process.time", lang=lang, time=format_duration(p.time_limit, lang=lang))]
    elif p.variants or any(c.time_limit is not None for c in p.channels):
        lines = [phrase("chart.public.process.varies", lang=lang)]
    else:
        lines = [phrase("chart.public.process.not-stated", lang=lang)]
    for option in p.channels:
        if option.time_limit is not None:
            channel = phrase(f"chart.channel.{option.channel.value}", lang=lang)
            time = format_duration(option.time_limit, lang=lang)
            lines.append(phrase("chart.public.process.channel", lang=lang, channel=channel, time=time))
    if p.committed_time is not None:
        committed = format_duration(p.committed_time, lang=lang)
        lines.append(phrase("chart.public.process.committed", lang=lang, time=committed))
    if p.variants:
        key = "chart.public.variants.one" if len(p.variants) == 1 else "chart.public.variants"
        lines.append(phrase(key, lang=lang, n=str(len(p.variants))))
    for extension in p.extensions:
        add = format_duration(extension.add, lang=lang)
        lines.append(phrase("chart.extension", lang=lang, add=add, when=cut(say(extension.when, lang), 90)))
    for stop in p.clock_stops:
        lines.append(phrase("chart.clock-stop", lang=lang, title=cut(say(stop.title, lang, stop.id), 90)))
    return lines


def build_public(procedure: Procedure, agency: Agency, *, lang: str = "vi") -> Diagram:
    """The public view of ``procedure`` in ``lang``."""
    p = procedure
    s = Sketch()
    agency_title = say(agency.title, lang, agency.id)
    one_stop = next((u for u in agency.units if u.role is UnitRole.ONE_STOP), None)
    if one_stop is None and p.steps:
        try:
            one_stop = agency.unit(p.steps[0].unit)
        except KeyError:
            one_stop = None
    desk_title = say(one_stop.title, lang, one_stop.id) if one_stop is not None else agency_title

    applicant = s.add_lane(phrase("chart.public.applicant", lang=lang), role="applicant")
    desk = s.add_lane(desk_title, unit=one_stop.id if one_stop else "", role=UnitRole.ONE_STOP.value)
    inside = s.add_lane(agency_title, role="agency")

    prepare = s.add(
        NodeKind.TASK,
        prepare_title(p, lang=lang),
        applicant,
        lines=dossier_lines(p.records, lang=lang),
    )
    where = [phrase("chart.public.submit.where", lang=lang, unit=desk_title, agency=agency_title)]
    if agency.address is not None:
        where.append(phrase("chart.public.submit.address", lang=lang, address=say(agency.address, lang)))
    if p.channels:
        channels = ", ".join(phrase(f"chart.channel.{c.value}", lang=lang) for c in p.channel_names)
        where.append(phrase("chart.public.submit.channels", lang=lang, channels=channels))
    where.append(fee_line(p, lang=lang))
    submit = s.add(NodeKind.START, phrase("chart.public.submit", lang=lang), desk, lines=tuple(where))
    complete = s.add(NodeKind.DECISION, phrase("chart.public.complete", lang=lang), desk)
    slip = s.add(NodeKind.STEP, phrase("chart.public.slip", lang=lang), desk)

    units = {st.unit for st in p.steps} | {c.unit for st in p.steps for c in st.consult}
    inside_lines = [
        phrase("chart.public.process.steps", lang=lang, steps=str(len(p.steps)), units=str(len(units))),
        *time_lines(p, lang=lang),
    ]
    process = s.add(
        NodeKind.FOLDED, phrase("chart.public.process", lang=lang, agency=agency_title), inside, lines=tuple(inside_lines)
    )
    supplement = s.add(
        NodeKind.TASK,
        phrase("chart.public.supplement", lang=lang),
        applicant,
        lines=(phrase("chart.public.supplement.once", lang=lang), phrase("chart.public.supplement.pause", lang=lang)),
    )
    come_back = s.add(
        NodeKind.EXIT,
        phrase("chart.public.come-back", lang=lang),
        desk,
        lines=(
            phrase("chart.public.come-back.slip", lang=lang),
            phrase("chart.public.come-back.where", lang=lang, unit=desk_title),
            phrase("chart.public.late", lang=lang),
        ),
    )

    # What may happen: each result the spec can grant, a refusal (always possible under the
    # one-stop frame, with written reasons: Decree 63/2010 art. 18(5)), and the spec's other ends.
    outcomes: list[tuple[EndOutcome, str, tuple[str, ...], str | None]] = []
    seen: set[tuple[EndOutcome, str]] = set()
    timeouts = {st.timeout.to: st.timeout.after for st in p.steps if st.timeout is not None}
    for end in p.ends:
        lines: tuple[str, ...] = ()
        if end.outcome is EndOutcome.GRANTED:
            name = "; ".join(
                _in_sentence(say(p.result(r).title, lang, r)) for r in end.result_ids if _has_result(p, r)
            )
            title = phrase("chart.public.granted", lang=lang, result=name) if name else say(end.title, lang, end.id)
        elif end.outcome is EndOutcome.REFUSED:
            title = phrase("chart.public.refused", lang=lang)
            lines = tuple(
                phrase("chart.result", lang=lang, result=say(p.result(r).title, lang, r))
                for r in end.result_ids
                if _has_result(p, r)
            )
        elif end.outcome is EndOutcome.DEEMED_GRANTED:
            title = phrase("chart.public.deemed", lang=lang)
            if end.id in timeouts:
                after = format_duration(timeouts[end.id], lang=lang)
                lines = (phrase("chart.public.deemed.after", lang=lang, time=after),)
        elif end.outcome is EndOutcome.TRANSFERRED:
            title = phrase("chart.public.transferred", lang=lang)
        else:
            continue  # withdrawing is the applicant's own choice, not something that happens to them
        if (end.outcome, title) in seen:
            continue
        seen.add((end.outcome, title))
        outcomes.append((end.outcome, title, lines, end.id))
    if not any(o is EndOutcome.REFUSED for o, *_ in outcomes):
        outcomes.append((EndOutcome.REFUSED, phrase("chart.public.refused", lang=lang), (), None))
    outcomes.sort(key=lambda item: _OUTCOME_ORDER[item[0]])

    s.link(prepare, submit)
    s.link(submit, complete)
    s.link(complete, supplement, EdgeKind.OUTCOME, phrase("chart.public.no", lang=lang))
    s.link(supplement, submit, back=True)
    s.link(complete, slip, EdgeKind.OUTCOME, phrase("chart.public.yes", lang=lang))
    s.link(slip, process)
    # Asked to supplement during processing: back to the applicant, the clock paused.
    s.link(process, supplement, EdgeKind.OUTCOME, phrase("chart.public.asked", lang=lang), back=True)
    s.link(process, come_back)
    for outcome, title, lines, ref in outcomes:
        node = s.add(NodeKind.END, title, applicant, lines=lines, outcome=outcome, ref=ref or "")
        if outcome is EndOutcome.DEEMED_GRANTED:
            label = lines[0] if lines else ""
            s.link(process, node, EdgeKind.TIMEOUT, label)
        else:
            s.link(come_back, node)

    title = say(p.title, lang, p.id)
    # Every box of this view says what it is in words, so it carries no legend.
    legend: list[LegendItem] = []
    description = " ".join(
        [phrase("chart.diagram.public", lang=lang, title=title) + "."]
        + [f"{line}." for line in caption_lines(p, lang)]
        + [_sentence(n.title, n.lines) for n in s.nodes if n.title]
    )
    return Diagram(
        name=f"motcua_{safe_id(p.id)}_public",
        id_prefix=f"{safe_id(p.id)}-public",
        view="public",
        lang=lang,
        title=title,
        heading=phrase("chart.diagram.public", lang=lang, title=title),
        caption=caption_lines(p, lang),
        lanes=tuple(s.lanes),
        nodes=tuple(s.nodes),
        edges=s.finished_edges(),
        legend=tuple(legend),
        description=description,
    )


def _sentence(title: str, lines: tuple[str, ...]) -> str:
    text = f"{title}: {'; '.join(lines)}" if lines else title
    return text if text.endswith(("?", ".", "!")) else f"{text}."


def _in_sentence(title: str) -> str:
    """A document title inside a sentence: "Nhận giấy chứng nhận", not "Nhận Giấy chứng nhận".

    Only the first letter of an ordinary word is lowered; acronyms (``UBND``) stay as written.
    """
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        return title[0].lower() + title[1:]
    return title


def _has_result(procedure: Procedure, result_id: str) -> bool:
    return any(r.id == result_id for r in procedure.results)
