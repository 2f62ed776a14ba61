"""Procedure -> BPMN process graph: the lanes, flow nodes and sequence flows of one procedure.

The first stage of the BPMN export: it decides what the process is (tasks, gateways, timers,
ends) and leaves where things go to ``render/bpmn_layout.py`` and the XML to ``render/bpmn.py``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import (
    Agency,
    Calendar,
    Duration,
    End,
    Procedure,
    Step,
    Text,
    TimeUnit,
)
from motcua.engine.spec.vocabulary import Lang, language, word
from motcua.render.wording import time_limit_words

__all__ = [
    "Flow", "Lane", "Node", "NodeKind", "ProcessGraph", "build_graph", "clean", "iso_duration", "outcome_variable",
]

NodeKind = Literal[
    "startEvent",
    "endEvent",
    "userTask",
    "exclusiveGateway",
    "parallelGateway",
    "subProcess",
    "boundaryEvent",
]


@dataclass(frozen=True, slots=True)
class Lane:
    id: str
    unit: str
    name: str


@dataclass(frozen=True, slots=True)
class Node:
    """One BPMN flow node. ``parent`` is the enclosing subprocess, ``attached_to`` a boundary event's host."""

    id: str
    kind: NodeKind
    lane: str
    name: str = ""
    documentation: str = ""
    parent: str | None = None
    attached_to: str | None = None
    timer: str | None = None
    direction: Literal["Diverging", "Converging"] | None = None


@dataclass(frozen=True, slots=True)
class Flow:
    id: str
    source: str
    target: str
    name: str = ""
    condition: str | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class ProcessGraph:
    id: str
    name: str
    documentation: str
    pool_name: str
    lanes: tuple[Lane, ...]
    nodes: tuple[Node, ...]
    flows: tuple[Flow, ...]

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


# Ids become XML ids and Python names in the conditions Spiff evaluates, so they must be the
# slugs the spec language allows (its "Common rules"); the loader has checked that already.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# XML 1.0 forbids most C0 controls; lxml refuses them outright, so they are dropped from spec text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Spec text as it may appear in XML: NFC, without characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", unicodedata.normalize("NFC", text))


def outcome_variable(step_id: str) -> str:
    """The process variable a step's decision is written to; slugs have no ``_``, so this is one-to-one."""
    return "outcome_" + step_id.replace("-", "_")


def iso_duration(duration: Duration, *, calendar: Calendar) -> str:
    """An ISO 8601 duration for a timer engine that counts wall-clock time.

    Calendar days are exact. Working time shorter than a working day stays as hours; longer
    working time becomes calendar days at 7/5 per working day (a five-day week), rounded to
    the nearest day. Holidays are not counted: the engine's own calendar does that exactly.
    """
    day_hours = Decimal(str(calendar.day_hours))
    if duration.unit is TimeUnit.DAYS:
        minutes = duration.value * 24 * 60
    else:
        if duration.unit is TimeUnit.WORKING_DAYS:
            hours = duration.value * day_hours
        elif duration.unit is TimeUnit.SESSIONS:
            hours = duration.value * Decimal(str(calendar.session_hours))
        else:
            hours = duration.value
        if hours < day_hours:
            minutes = hours * 60
        else:
            days = (hours / day_hours * 7 / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            minutes = days * 24 * 60
    total = int(minutes.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    d, rest = divmod(total, 24 * 60)
    h, m = divmod(rest, 60)
    text = "P" + (f"{d}D" if d else "")
    if h or m:
        text += "T" + (f"{h}H" if h else "") + (f"{m}M" if m else "")
    return text if text != "P" else "PT0S"


class _Builder:
    """Accumulates nodes and flows in spec order, which fixes every id and so the output bytes."""

    def __init__(self, procedure: Procedure, agency: Agency, lang: str) -> None:
        self.p = procedure
        self.agency = agency
        self.lang = lang
        # Names and notes in English when the agency writes in a language the vocabulary lacks.
        self.said: Lang = language(lang, otherwise="en")
        self.nodes: list[Node] = []
        self.flows: list[Flow] = []
        self.entry: dict[str, str] = {}
        self.parent: dict[str, str | None] = {}
        self.refs: dict[str, int] = {procedure.steps[0].id: 1}
        for step in procedure.steps:
            for target in step.targets():
                self.refs[target] = self.refs.get(target, 0) + 1
        self.pending: list[tuple[str, str, str, str | None]] = []

    def duration(self, value: Duration) -> str:
        return format_duration(value, lang=self.said)

    def word(self, key: str, **values: object) -> str:
        return word(key, self.said, **values)

    def text(self, value: Text | None, fallback: str = "") -> str:
        return clean(value.get(self.lang)) if value is not None else fallback

    def result_name(self, result_id: str) -> str:
        """A result's title, or its id when the spec does not define it."""
        try:
            return self.text(self.p.result(result_id).title, result_id)
        except KeyError:
            return result_id

    def unit_name(self, unit_id: str) -> str:
        try:
            return self.text(self.agency.unit(unit_id).title, unit_id)
        except KeyError:
            return unit_id

    def add(self, node: Node) -> str:
        self.nodes.append(node)
        self.parent[node.id] = node.parent
        return node.id

    def link(self, source: str, target: str, *, name: str = "", condition: str | None = None) -> None:
        parent = self.parent[source] if self.parent[source] == self.parent[target] else None
        self.flows.append(Flow(f"Flow_{len(self.flows) + 1}", source, target, name, condition, parent))

    def later(self, source: str, target: str, name: str = "", condition: str | None = None) -> None:
        """A flow to a step or end that may not have a node yet."""
        self.pending.append((source, target, name, condition))

    def step_documentation(self, step: Step) -> str:
        lines = [self.word("bpmn.time", time=self.duration(step.time))]
        if step.description is not None:
            lines.append(self.text(step.description).strip())
        if step.checks:
            titles = []
            for rid in step.checks:
                try:
                    titles.append(self.text(self.p.dossier_item(rid).title, rid))
                except KeyError:
                    titles.append(rid)
            lines.append(self.word("bpmn.checks", records="; ".join(titles)))
        if step.outcomes:
            names = ", ".join(o.name for o in step.outcomes)
            lines.append(self.word("bpmn.choose", var=outcome_variable(step.id), names=names))
        return "\n".join(lines)

    def add_consultation(self, step: Step, task: Node) -> str:
        """Fork, the step's own task beside one task per consulted unit, join; returns the node the
        step leaves from (the join, or the subprocess holding them all)."""
        parent: str | None = None
        before: str | None = None
        if step.timeout is not None:
            # A timeout ends the consultations still open too: a timer on the task alone would
            # leave their tokens waiting at the join, so the step becomes a subprocess.
            parent = self.add(Node(f"SubProcess_{step.id}", "subProcess", step.unit, task.name))
            self.entry[step.id] = parent
            before = self.add(Node(f"SubStart_{step.id}", "startEvent", step.unit, parent=parent))
        elif self.refs.get(step.id, 0) > 1:
            # A parallel gateway with several incoming flows would wait for all of them.
            before = self.add(Node(f"Merge_{step.id}", "exclusiveGateway", step.unit, direction="Converging"))
            self.entry[step.id] = before
        fork = self.add(Node(f"Fork_{step.id}", "parallelGateway", step.unit, self.word("bpmn.consult"),
                             parent=parent, direction="Diverging"))
        if before is None:
            self.entry[step.id] = fork
        else:
            self.link(before, fork)
        branches = [self.add(dataclasses.replace(task, parent=parent))]
        for c in step.consult:
            cid, n = f"Consult_{step.id}_{c.unit}", 2
            while cid in self.parent:  # the same unit asked twice
                cid, n = f"Consult_{step.id}_{c.unit}_{n}", n + 1
            name = self.word("bpmn.opinion", step=task.name)
            doc = self.word("bpmn.time", time=self.duration(c.time))
            branches.append(self.add(Node(cid, "userTask", c.unit, name, doc, parent=parent)))
        join = self.add(Node(f"Join_{step.id}", "parallelGateway", step.unit, parent=parent,
                             direction="Converging"))
        for branch in branches:
            self.link(fork, branch)
            self.link(branch, join)
        if parent is None:
            return join
        self.link(join, self.add(Node(f"SubEnd_{step.id}", "endEvent", step.unit, parent=parent)))
        return parent

    def add_step(self, step: Step) -> None:
        task = Node(f"Task_{step.id}", "userTask", step.unit, self.text(step.label), self.step_documentation(step))
        if step.consult:
            exit_id = self.add_consultation(step, task)
        else:
            exit_id = self.entry[step.id] = self.add(task)
        if step.next is not None:
            self.later(exit_id, step.next)
        if step.outcomes:
            gateway = self.add(Node(f"Gateway_{step.id}", "exclusiveGateway", step.unit, direction="Diverging"))
            self.link(exit_id, gateway)
            var = outcome_variable(step.id)
            for o in step.outcomes:
                # json.dumps of a slug is also a valid Python string literal, the dialect Spiff evaluates.
                condition = f"{var} == {json.dumps(o.name)}"
                self.later(gateway, o.to, self.text(o.title, o.name), condition)
        if step.timeout is not None:
            after = step.timeout.after
            time, text = self.duration(after), clean(str(after))
            iso = iso_duration(after, calendar=self.agency.calendar)
            timer = self.add(
                Node(
                    f"Timer_{step.id}", "boundaryEvent", step.unit, self.word("bpmn.after", time=time),
                    self.word("bpmn.timer", time=time, text=text, iso=iso), attached_to=exit_id, timer=iso,
                )
            )
            self.later(timer, step.timeout.to)

    def add_end(self, end: End, lane: str) -> None:
        outcome = self.word(f"bpmn.outcome.{end.outcome.value}")
        name = f"{self.text(end.label)} ({outcome})"
        doc = "\n".join(self.word("bpmn.result", result=self.result_name(r)) for r in end.result_ids)
        self.add(Node(f"End_{end.id}", "endEvent", lane, name, doc))

    def process_documentation(self) -> str:
        lines = []
        if self.p.code:
            lines.append(self.word("bpmn.code", code=clean(self.p.code)))
        lines.append(self.word("bpmn.time_limit", time=time_limit_words(self.p, lang=self.said)))
        if self.p.committed_time is not None:
            lines.append(self.word("bpmn.committed", time=self.duration(self.p.committed_time)))
        for option in self.p.channels:
            if option.time_limit is not None:
                lines.append(self.word("bpmn.channel", channel=self.word(f"chart.channel.{option.channel.value}"),
                                       time=self.duration(option.time_limit)))
        for v in self.p.variants:
            if v.time_limit is not None:
                code = f" ({clean(v.code)})" if v.code else ""
                lines.append(self.word("bpmn.variant", title=self.text(v.title), code=code,
                                       time=self.duration(v.time_limit)))
        for x in self.p.extensions:
            lines.append(self.word("bpmn.extension", time=self.duration(x.add), when=self.text(x.when)))
        for c in self.p.clock_stops:
            lines.append(self.word("bpmn.clock_stop", title=self.text(c.title)))
        return "\n".join(lines)

    def build(self) -> ProcessGraph:
        p = self.p
        units: list[str] = []
        for s in p.steps:
            for u in (s.unit, *(c.unit for c in s.consult)):
                if u not in units:
                    units.append(u)
        start = self.add(Node("StartEvent", "startEvent", p.steps[0].unit, self.word("bpmn.start")))
        for s in p.steps:
            self.add_step(s)
        for e in p.ends:
            lane = next((s.unit for s in p.steps if e.id in s.targets()), p.steps[0].unit)
            self.add_end(e, lane)
            self.entry[e.id] = f"End_{e.id}"
        self.link(start, self.entry[p.steps[0].id])
        for source, target, name, condition in self.pending:
            self.link(source, self.entry[target], name=name, condition=condition)
        lanes = tuple(Lane(f"Lane_{u}", u, self.unit_name(u)) for u in units)
        return ProcessGraph(
            id=f"Process_{p.id}",
            name=self.text(p.title, p.id),
            documentation=self.process_documentation(),
            pool_name=self.text(self.agency.title, self.agency.id),
            lanes=lanes,
            nodes=tuple(self.nodes),
            flows=tuple(self.flows),
        )


def _check_ids(procedure: Procedure) -> None:
    ids = [procedure.id, *(s.id for s in procedure.steps), *(e.id for e in procedure.ends)]
    for s in procedure.steps:
        ids += [s.unit, *(c.unit for c in s.consult), *(o.name for o in s.outcomes)]
    for i in ids:
        if not _SLUG.fullmatch(i):
            raise ValueError(f"BPMN export needs a validated procedure: {i!r} is not a slug")


def build_graph(procedure: Procedure, *, agency: Agency, lang: str | None = None) -> ProcessGraph:
    """The BPMN process of a procedure: a lane per unit in order of first appearance, a user task per
    step, a gateway per decision, a fork and join per consultation, a timer per timeout, an end per end.

    ``procedure`` must be valid (every reference resolves, every id is a slug; ``ValueError``
    otherwise); ``lang`` defaults to the agency's first language.
    """
    _check_ids(procedure)
    return _Builder(procedure, agency, lang or agency.lang).build()
