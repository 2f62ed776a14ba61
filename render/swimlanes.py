"""The staff view of a procedure: one swimlane per responsible unit, a box per step.

``build_diagram(..., view="internal")`` lands here. Steps keep their spec numbering; decisions,
consultations (a fork and a join), timeouts and ends by outcome follow the spec exactly, between
the one-stop entry and exit the frame adds to every procedure (Decree 61/2018).
"""

from __future__ import annotations

from collections import deque

from motcua.engine.spec.model import Agency, EndOutcome, Procedure, Step, UnitRole
from motcua.render.diagram import (
    Diagram,
    Edge,
    EdgeKind,
    LegendItem,
    Node,
    NodeKind,
    Sketch,
    caption_lines,
    safe_id,
    say,
)
from motcua.render.wording import format_duration, outcome_phrase, phrase

__all__ = ["build_internal", "chart_legend", "flow_order"]

_OUTCOMES = tuple(EndOutcome)  # iterating an Enum class is slow, and every chart does it


def build_internal(procedure: Procedure, agency: Agency, *, lang: str = "vi") -> Diagram:
    """The internal view of ``procedure`` in ``lang``."""
    return _Internal(procedure, agency, lang).build()


def chart_legend(procedure: Procedure, lang: str = "vi") -> tuple[LegendItem, ...]:
    """The legend of the internal chart of ``procedure``: the entry and a step, then each kind of
    decision, consultation, timeout and end the chart draws. A page that shows the legend beside
    the chart (``render.site``) reads it from here without building the chart."""
    targets = {s.id for s in procedure.steps} | {e.id for e in procedure.ends}
    legend = [
        LegendItem(NodeKind.START, phrase("chart.legend.entry", lang=lang)),
        LegendItem(NodeKind.STEP, phrase("chart.legend.step", lang=lang)),
    ]
    if any(s.outcomes for s in procedure.steps):
        legend.append(LegendItem(NodeKind.DECISION, phrase("chart.legend.decision", lang=lang)))
    if any(s.consult for s in procedure.steps):
        legend.append(LegendItem(NodeKind.FORK, phrase("chart.legend.parallel", lang=lang)))
    if any(s.timeout is not None and s.timeout.to in targets for s in procedure.steps):
        legend.append(LegendItem(EdgeKind.TIMEOUT, phrase("chart.legend.timeout", lang=lang)))
    outcomes = {e.outcome for e in procedure.ends}
    legend.extend(LegendItem(o, outcome_phrase(o, lang=lang)) for o in _OUTCOMES if o in outcomes)
    return tuple(legend)


def flow_order(procedure: Procedure) -> list[Step]:
    """Steps breadth-first from the first step, following targets in spec order; then the rest."""
    if not procedure.steps:
        return []
    by_id = {s.id: s for s in procedure.steps}
    seen = {procedure.steps[0].id}
    order: list[Step] = []
    queue = deque([procedure.steps[0]])
    while queue:
        step = queue.popleft()
        order.append(step)
        for target in step.targets():
            if target in by_id and target not in seen:
                seen.add(target)
                queue.append(by_id[target])
    order.extend(s for s in procedure.steps if s.id not in seen)
    return order


class _Internal:
    """Builds the staff view: one lane per responsible unit, a box per step."""

    def __init__(self, procedure: Procedure, agency: Agency, lang: str) -> None:
        self.p = procedure
        self.agency = agency
        self.lang = lang
        self.sketch = Sketch()
        self.lanes = self.sketch.lanes
        self.nodes = self.sketch.nodes
        self.edges = self.sketch.edges
        self.add = self.sketch.add
        self.link = self.sketch.link
        self.lane_of_unit: dict[str, str] = {}
        self.node_of: dict[str, str] = {}  # spec step/end id -> node id
        self.exit_of: dict[str, str] = {}  # step id -> the node its outgoing edges leave from

    def unit_title(self, unit_id: str) -> tuple[str, str]:
        try:
            unit = self.agency.unit(unit_id)
        except KeyError:
            return unit_id, ""
        return say(unit.title, self.lang, unit_id), unit.role.value

    def result_name(self, result_id: str) -> str:
        """A result's title, or its id when the spec does not define it."""
        try:
            return say(self.p.result(result_id).title, self.lang, result_id)
        except KeyError:
            return result_id

    def lane_for(self, unit_id: str) -> str:
        if unit_id not in self.lane_of_unit:
            title, role = self.unit_title(unit_id)
            self.lane_of_unit[unit_id] = self.sketch.add_lane(title, unit=unit_id, role=role)
        return self.lane_of_unit[unit_id]

    def one_stop_lane(self) -> str | None:
        for lane in self.lanes:
            if lane.role == UnitRole.ONE_STOP.value:
                return lane.id
        return self.lanes[0].id if self.lanes else None

    def build(self) -> Diagram:
        p, lang = self.p, self.lang
        # Lanes in order of the units' first appearance in the spec's steps.
        for step in p.steps:
            self.lane_for(step.unit)
            for c in step.consult:
                self.lane_for(c.unit)
        order = flow_order(p)
        number = {s.id: i for i, s in enumerate(p.steps, start=1)}
        first_lane = self.lane_of_unit[p.steps[0].unit] if p.steps else None
        start = self.add(
            NodeKind.START, phrase("chart.start", lang=lang), first_lane, tooltip=phrase("chart.start", lang=lang)
        )
        for step in order:
            self.add_step(step, number[step.id])
        end_lane = self.one_stop_lane()
        for end in p.ends:
            title = say(end.title, lang, outcome_phrase(end.outcome, lang=lang))
            lines = tuple(
                phrase("chart.result", lang=lang, result=self.result_name(result)) for result in end.result_ids
            )
            self.node_of[end.id] = self.add(
                NodeKind.END,
                title,
                end_lane,
                lines=lines,
                outcome=end.outcome,
                ref=end.id,
                tooltip=" · ".join((outcome_phrase(end.outcome, lang=lang), title, *lines)),
            )
        exit_node = self.add(NodeKind.EXIT, phrase("chart.exit", lang=lang), end_lane, tooltip=phrase("chart.exit", lang=lang))
        if p.steps:
            self.link(start, self.node_of[p.steps[0].id])
        for step in order:
            self.link_step(step)
        for end in p.ends:
            self.link(self.node_of[end.id], exit_node)
        return self.finish()

    def add_step(self, step: Step, number: int) -> None:
        lang = self.lang
        lane = self.lane_of_unit[step.unit]
        title = f"{number}. {say(step.title, lang, step.id)}"
        time = format_duration(step.time, lang=lang)
        unit_title = self.unit_title(step.unit)[0]
        node = self.add(
            NodeKind.STEP, title, lane, lines=(time,), ref=step.id, tooltip=f"{title} · {unit_title} · {time}"
        )
        self.node_of[step.id] = node
        tail = node
        if step.consult:
            fork = self.add(NodeKind.FORK, "+", lane, tooltip=phrase("chart.legend.parallel", lang=lang))
            self.link(node, fork)
            answers = []
            for c in step.consult:
                consulted = self.unit_title(c.unit)[0]
                ctime = format_duration(c.time, lang=lang)
                answer = self.add(
                    NodeKind.CONSULT,
                    phrase("chart.consult", lang=lang),
                    self.lane_of_unit[c.unit],
                    lines=(ctime,),
                    tooltip=f"{consulted} · {phrase('chart.consult', lang=lang)} "
                    f"{phrase('chart.consult.for', lang=lang, step=title)} · {ctime}",
                )
                self.link(fork, answer, EdgeKind.CONSULT)
                answers.append(answer)
            join = self.add(NodeKind.JOIN, "+", lane, tooltip=phrase("chart.legend.parallel", lang=lang))
            for answer in answers:
                self.link(answer, join, EdgeKind.CONSULT)
            tail = join
        if step.outcomes:
            # The question names the step by its number: its box is the one just before.
            question = phrase("chart.decision", lang=lang, n=str(number))
            decision = self.add(NodeKind.DECISION, question, lane, tooltip=f"{title} · {question}")
            self.link(tail, decision)
            tail = decision
        self.exit_of[step.id] = tail

    def link_step(self, step: Step) -> None:
        tail = self.exit_of[step.id]
        if step.next is not None and step.next in self.node_of:
            self.link(tail, self.node_of[step.next])
        for outcome in step.outcomes:
            if outcome.to in self.node_of:
                label = say(outcome.title, self.lang, outcome.name)
                self.link(tail, self.node_of[outcome.to], EdgeKind.OUTCOME, label)
        if step.timeout is not None and step.timeout.to in self.node_of:
            label = phrase("chart.timeout", lang=self.lang, time=format_duration(step.timeout.after, lang=self.lang))
            self.link(self.node_of[step.id], self.node_of[step.timeout.to], EdgeKind.TIMEOUT, label)

    def finish(self) -> Diagram:
        p, lang = self.p, self.lang
        title = say(p.title, lang, p.id)
        return Diagram(
            name=f"motcua_{safe_id(p.id)}_internal",
            id_prefix=f"{safe_id(p.id)}-internal",
            view="internal",
            lang=lang,
            title=title,
            heading=phrase("chart.diagram.internal", lang=lang, title=title),
            caption=caption_lines(p, lang),
            lanes=tuple(self.lanes),
            nodes=tuple(self.nodes),
            edges=self.sketch.finished_edges(),
            legend=chart_legend(p, lang),
            description=self.describe(title),
        )

    def describe(self, title: str) -> str:
        """The chart as sentences: each step with its unit and time, and where it leads."""
        lang = self.lang
        lane_title = {lane.id: lane.title for lane in self.lanes}
        by_id = {n.id: n for n in self.nodes}
        out: dict[str, list[Edge]] = {}
        first_in: dict[str, str] = {}  # node -> the tail of its first incoming edge
        for e in self.edges:
            out.setdefault(e.tail, []).append(e)
            first_in.setdefault(e.head, e.tail)
        parts = [phrase("chart.diagram.internal", lang=lang, title=title) + "."]
        parts.extend(f"{line}." for line in caption_lines(self.p, lang))
        for n in self.nodes:
            if n.kind is NodeKind.STEP:
                where = ", ".join([lane_title.get(n.lane or "", ""), *n.lines])
                # A consultation's answers hang off the fork that follows the step.
                consulted = [
                    f"{lane_title.get(by_id[e.head].lane or '', '')} ({', '.join(by_id[e.head].lines)})"
                    for e in self.edges
                    if by_id[e.head].kind is NodeKind.CONSULT and first_in.get(e.tail, "") == n.id
                ]
                sentence = f"{n.title} ({where})"
                if consulted:
                    sentence += f"; {phrase('chart.describe.consult', lang=lang)}: {', '.join(consulted)}"
                leads = [f"{label}: {target}" if label else target for label, target in _leads(n.id, by_id, out)]
                parts.append(f"{sentence} → {'; '.join(leads)}." if leads else f"{sentence}.")
            elif n.kind is NodeKind.END:
                parts.append(f"{n.tooltip}.")
        return " ".join(parts)


_PASSING = frozenset({NodeKind.DECISION, NodeKind.FORK, NodeKind.JOIN, NodeKind.CONSULT})


def _leads(node_id: str, by_id: dict[str, Node], out: dict[str, list[Edge]]) -> list[tuple[str, str]]:
    """(label, target name) for each step or end reachable from a node through diamonds and
    consultations, breadth first in the order the edges were linked."""
    found: list[tuple[str, str]] = []
    seen = {node_id}
    todo = deque((e, e.label) for e in out.get(node_id, ()))
    while todo:
        edge, label = todo.popleft()
        head = by_id[edge.head]
        if head.kind in _PASSING:
            if head.id not in seen:
                seen.add(head.id)
                todo.extend((e, e.label or label) for e in out.get(head.id, ()))
            continue
        item = (label, head.title)
        if item not in found:
            found.append(item)
    return found
