"""The citizen's view of a procedure: what to bring, where to submit, the fee, what may happen.

``build_diagram(..., view="public")`` lands here. The agency's internal steps fold into one box
with the total time; around it the one-stop frame every procedure shares (Decree 61/2018:
receipt slip, one written request to supplement, refusal with reasons, return on the appointment date).
"""

from __future__ import annotations

from motcua.engine.spec.model import Agency, EndOutcome, Procedure, Record, UnitRole
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
from motcua.render.wording import format_count, format_duration, format_money, phrase

__all__ = ["build_public"]

_OUTCOME_ORDER = {o: i for i, o in enumerate(EndOutcome)}


def record_line(record: Record, *, lang: str) -> str:
    """``Đơn đề nghị (theo Mẫu TB1): 1 bản chính`` with the condition when the record has one."""
    counts = []
    if record.originals:
        counts.append(format_count(record.originals, "original", lang=lang))
    if record.copies:
        counts.append(format_count(record.copies, "copy", lang=lang))
    title = say(record.title, lang, record.id)
    if record.form:
        title = f"{title} ({phrase('chart.public.form', lang=lang, form=clean(record.form))})"
    count = ", ".join(counts)
    if record.when is not None:
        return phrase("chart.public.record.when", lang=lang, title=title, count=count, when=say(record.when, lang))
    return phrase("chart.public.record", lang=lang, title=title, count=count)


def fee_line(procedure: Procedure, *, lang: str) -> str:
    if not procedure.fees or all(f.amount == 0 for f in procedure.fees):
        return phrase("chart.public.fee.none", lang=lang)
    fees = "; ".join(
        f"{say(f.title, lang)} {format_money(f.amount, currency=f.currency, lang=lang)}".strip()
        for f in procedure.fees
    )
    return phrase("chart.public.fee", lang=lang, fees=fees)


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
        phrase("chart.public.prepare", lang=lang),
        applicant,
        lines=tuple(f"• {record_line(r, lang=lang)}" for r in p.records),
    )
    where = [phrase("chart.public.submit.where", lang=lang, unit=desk_title, agency=agency_title)]
    if agency.address is not None:
        where.append(phrase("chart.public.submit.address", lang=lang, address=say(agency.address, lang)))
    if p.channels:
        channels = ", ".join(phrase(f"chart.channel.{c.value}", lang=lang) for c in p.channels)
        where.append(phrase("chart.public.submit.channels", lang=lang, channels=channels))
    where.append(fee_line(p, lang=lang))
    submit = s.add(NodeKind.START, phrase("chart.public.submit", lang=lang), desk, lines=tuple(where))
    complete = s.add(NodeKind.DECISION, phrase("chart.public.complete", lang=lang), desk)
    slip = s.add(NodeKind.STEP, phrase("chart.public.slip", lang=lang), desk)

    units = {st.unit for st in p.steps} | {c.unit for st in p.steps for c in st.consult}
    limit = format_duration(p.time_limit, lang=lang)
    inside_lines = [
        phrase("chart.public.process.steps", lang=lang, steps=str(len(p.steps)), units=str(len(units))),
        phrase("chart.public.process.time", lang=lang, time=limit),
    ]
    if p.committed_time is not None:
        committed = format_duration(p.committed_time, lang=lang)
        inside_lines.append(phrase("chart.public.process.committed", lang=lang, time=committed))
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
            result = end.result
            name = say(p.result(result).title, lang, result) if result and _has_result(p, result) else ""
            name = _in_sentence(name)
            title = phrase("chart.public.granted", lang=lang, result=name) if name else say(end.title, lang, end.id)
        elif end.outcome is EndOutcome.REFUSED:
            title = phrase("chart.public.refused", lang=lang)
            if end.result and _has_result(p, end.result):
                lines = (phrase("chart.result", lang=lang, result=say(p.result(end.result).title, lang, end.result)),)
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
