"""Timing checks: step budgets along the slowest path fit the legal and the committed time.

Durations of one unit compare exactly; mixed units compare through working-day equivalents
(a session is one office block, calendar days count 5/7), which the rule docs state.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import Agency, Calendar, Duration, Procedure, Step
from motcua.engine.spec.yamlstrict import Document
from motcua.engine.spec.rules import diag

__all__ = ["slowest_path", "check_timing", "exceeds"]


def _size(d: Duration, cal: Calendar) -> float:
    return d.in_working_days(session_hours=cal.session_hours, day_hours=cal.day_hours)


def exceeds(total: list[Duration], limit: Duration, cal: Calendar) -> bool:
    """Whether the sum of ``total`` is longer than ``limit`` (exact when the units agree)."""
    if all(d.unit is limit.unit for d in total):
        return sum((d.value for d in total), Decimal(0)) > limit.value
    return sum(_size(d, cal) for d in total) > _size(limit, cal) + 1e-9


def slowest_path(proc: Procedure, cal: Calendar) -> list[Step]:
    """The steps of the slowest route from the first step to an end (loops are walked once)."""
    if not proc.steps:
        return []
    steps = {s.id: s for s in proc.steps}
    # Drop back edges found by a depth-first walk from the start, then take the longest path.
    order: list[str] = []
    state: dict[str, int] = {}
    edges: dict[str, list[str]] = {}

    def visit(node: str) -> None:
        stack = [(node, iter(_succ(steps, node)))]
        state[node] = 1
        edges[node] = []
        while stack:
            cur, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[cur] = 2
                order.append(cur)
                stack.pop()
                continue
            if state.get(nxt) == 1:
                continue  # back edge: a rework loop, counted once
            edges[cur].append(nxt)
            if nxt not in state:
                state[nxt] = 1
                edges[nxt] = []
                stack.append((nxt, iter(_succ(steps, nxt))))

    visit(proc.steps[0].id)
    best: dict[str, tuple[float, list[str]]] = {}
    for node in order:  # post-order: successors first
        if node not in steps:
            best[node] = (0.0, [])
            continue
        own = _size(steps[node].time, cal)
        tail = max((best[n] for n in edges[node] if n in best), key=lambda t: t[0], default=(0.0, []))
        best[node] = (own + tail[0], [node] + tail[1])
    return [steps[i] for i in best[proc.steps[0].id][1]]


def _succ(steps: dict[str, Step], node: str) -> list[str]:
    s = steps.get(node)
    return list(dict.fromkeys(s.targets())) if s is not None else []


def _show(total: list[Duration]) -> str:
    units = {d.unit for d in total}
    if len(units) == 1:
        unit = units.pop()
        value = sum((d.value for d in total), Decimal(0))
        return format_duration(Duration(value, unit, ""), lang="en")
    return " + ".join(format_duration(d, lang="en") for d in total)


def check_timing(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    cal = agency.calendar if agency is not None else Calendar()
    if proc.committed_time is not None and exceeds([proc.committed_time], proc.time_limit, cal):
        line, col = doc.locate(("committed_time",))
        yield diag("TIM005", f"committed_time {proc.committed_time} is longer than time_limit {proc.time_limit}",
                   file=f, line=line, column=col, hint="the commitment must be at most the legal time")
    path = slowest_path(proc, cal)
    times = [s.time for s in path]
    route = " -> ".join(s.id for s in path)
    if times and exceeds(times, proc.time_limit, cal):
        line, col = doc.locate(("time_limit",))
        yield diag("TIM001", f"the slowest path {route} takes {_show(times)}; time_limit is {proc.time_limit}",
                   file=f, line=line, column=col, hint="shorten step times or correct time_limit")
    if times and proc.committed_time is not None and exceeds(times, proc.committed_time, cal):
        line, col = doc.locate(("committed_time",))
        yield diag("TIM002", f"the slowest path {route} takes {_show(times)}; committed_time is {proc.committed_time}",
                   file=f, line=line, column=col, hint="shorten step times or the commitment")
    for i, s in enumerate(proc.steps):
        for j, c in enumerate(s.consult):
            if exceeds([c.time], s.time, cal):
                line, col = doc.locate(("steps", i, "consult", j, "time"))
                yield diag("TIM003", f"consulting '{c.unit}' takes {c.time}, longer than step '{s.id}' ({s.time})",
                           file=f, line=line, column=col, hint="a step's time includes its consultations")
        if s.timeout is not None and exceeds([s.timeout.after], s.time, cal):
            line, col = doc.locate(("steps", i, "timeout", "after"))
            yield diag("TIM004", f"the timeout of step '{s.id}' ({s.timeout.after}) is longer than its time ({s.time})",
                       file=f, line=line, column=col, hint="make the timeout at most the step's time")

