"""Timing checks: step budgets along the slowest path fit the legal and the committed time.

A procedure states its time limit once, or per sub-case (variant) or per channel, or both; the
steps are judged against every limit and commitment stated, and a procedure that states no limit
at all is pointed out. Durations of one unit compare exactly; mixed units compare through
working-day equivalents (``engine.spec.durations.approximate_working_days``: a session is one
office block, calendar days count 5/7, a month 22 working days), which the rule docs state. A
"same day" time counts as the whole office day of receipt, the longest it can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.durations import approximate_working_days, format_duration
from motcua.engine.spec.model import Agency, Calendar, ChannelOption, Duration, Procedure, Step, TimeUnit
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import Document

__all__ = ["Terms", "check_timing", "exceeds", "slowest_path", "stated_terms"]

Path = tuple[str | int, ...]


def _size(d: Duration, cal: Calendar) -> float:
    if d.unit is TimeUnit.SAME_DAY:
        return 1.0
    return approximate_working_days(d, session_hours=cal.session_hours, day_hours=cal.day_hours)


def exceeds(total: Sequence[Duration], limit: Duration, cal: Calendar) -> bool:
    """Whether the sum of ``total`` is longer than ``limit`` (exact when the units agree)."""
    if limit.unit is not TimeUnit.SAME_DAY and all(d.unit is limit.unit for d in total):
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


def _show(total: Sequence[Duration], cal: Calendar) -> str:
    """The times of a path as one sum; times of several units also as their total in working
    days, as the comparison counts them (a time of nothing adds nothing and is not shown)."""
    shown = [d for d in total if d.value or d.unit is TimeUnit.SAME_DAY] or list(total[:1])
    units = {d.unit for d in shown}
    if len(units) == 1 and TimeUnit.SAME_DAY not in units:
        unit = units.pop()
        value = sum((d.value for d in shown), Decimal(0))
        return format_duration(Duration(value, unit, ""), lang="en")
    days = Decimal(str(round(sum(_size(d, cal) for d in shown), 2))).normalize()
    whole = format_duration(Duration(days, TimeUnit.WORKING_DAYS, ""), lang="en")
    return " + ".join(format_duration(d, lang="en") for d in shown) + f", about {whole} in all"


@dataclass(frozen=True, slots=True)
class Terms:
    """The time limit and commitment in force in one place: the procedure, a variant, a channel
    of either. ``limit_at`` / ``committed_at`` are where this place writes its own (``None``
    where it takes the enclosing one's)."""

    name: str
    limit: Duration | None
    committed: Duration | None
    limit_at: Path | None
    committed_at: Path | None


def _channel_terms(channels: Sequence[ChannelOption], outer: Terms, at: Path) -> Iterator[Terms]:
    for j, c in enumerate(channels):
        if c.time_limit is None and c.committed_time is None:
            continue
        where = at + (j,)
        yield Terms(
            name=f"channel '{c.channel.value}'" + (f" of {outer.name}" if outer.name != "the procedure" else ""),
            limit=c.time_limit if c.time_limit is not None else outer.limit,
            committed=c.committed_time if c.committed_time is not None else outer.committed,
            limit_at=where + ("time_limit",) if c.time_limit is not None else None,
            committed_at=where + ("committed_time",) if c.committed_time is not None else None,
        )


def stated_terms(proc: Procedure) -> Iterator[Terms]:
    """The procedure's own terms, then each variant's and channel's that state their own."""
    top = Terms("the procedure", proc.time_limit, proc.committed_time,
                ("time_limit",) if proc.time_limit is not None else None,
                ("committed_time",) if proc.committed_time is not None else None)
    yield top
    yield from _channel_terms(proc.channels, top, ("channels",))
    for i, v in enumerate(proc.variants):
        at: Path = ("variants", i)
        own = Terms(
            name=f"variant '{v.id}'",
            limit=v.time_limit if v.time_limit is not None else proc.time_limit,
            committed=v.committed_time if v.committed_time is not None else proc.committed_time,
            limit_at=at + ("time_limit",) if v.time_limit is not None else None,
            committed_at=at + ("committed_time",) if v.committed_time is not None else None,
        )
        if own.limit_at is not None or own.committed_at is not None:
            yield own
        if v.channels is not None:
            yield from _channel_terms(v.channels, own, at + ("channels",))


def _limited(limit: Duration | None, channels: Sequence[ChannelOption]) -> bool:
    """Whether a time limit is stated: its own, or one on every channel it is offered on."""
    return limit is not None or (bool(channels) and all(c.time_limit is not None for c in channels))


def _no_limit(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    """TIM006 where no time limit is stated: for the procedure, or for each variant without one."""
    if proc.time_limit is not None or (not proc.variants and _limited(None, proc.channels)):
        return
    hint = ("write 'time_limit:' (for the procedure, each variant or each channel); keep what the record "
            "says in prose in 'time_note:'. No case can be opened without a time limit")
    if not proc.variants:
        line, col = doc.locate(("id",), key=True)
        yield diag("TIM006", "no time limit is stated: the procedure has no 'time_limit', and neither its "
                   "variants nor its channels give one", file=doc.file, line=line, column=col, hint=hint)
        return
    for i, v in enumerate(proc.variants):
        if not _limited(v.time_limit, v.channels if v.channels is not None else proc.channels):
            line, col = doc.locate(("variants", i, "id"), key=True)
            yield diag("TIM006", f"no time limit is stated for variant '{v.id}': it has no 'time_limit', nor "
                       "its channels, nor the procedure", file=doc.file, line=line, column=col, hint=hint)


def _judge(terms: Terms, path: list[Step], cal: Calendar, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    of = "" if terms.name == "the procedure" else f" of {terms.name}"
    times = [s.time for s in path]
    route = " -> ".join(s.id for s in path)
    limit, committed = terms.limit, terms.committed
    own_limit, own_committed = terms.limit_at is not None, terms.committed_at is not None
    if limit is not None and committed is not None and (own_limit or own_committed) \
            and exceeds([committed], limit, cal):
        line, col = doc.locate(terms.committed_at or terms.limit_at or ())
        yield diag("TIM005", f"committed_time {committed} is longer than time_limit {limit}{of}", file=f,
                   line=line, column=col, hint="the commitment must be at most the legal time")
    if times and limit is not None and terms.limit_at is not None and exceeds(times, limit, cal):
        line, col = doc.locate(terms.limit_at)
        yield diag("TIM001", f"the slowest path {route} takes {_show(times, cal)}; time_limit{of} is {limit}",
                   file=f, line=line, column=col, hint="shorten step times or correct time_limit")
    if times and committed is not None and terms.committed_at is not None and exceeds(times, committed, cal):
        line, col = doc.locate(terms.committed_at)
        yield diag("TIM002", f"the slowest path {route} takes {_show(times, cal)}; committed_time{of} is {committed}",
                   file=f, line=line, column=col, hint="shorten step times or the commitment")


def check_timing(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    cal = agency.calendar if agency is not None else Calendar()
    path = slowest_path(proc, cal)
    yield from _no_limit(proc, doc)
    for terms in stated_terms(proc):
        yield from _judge(terms, path, cal, doc)
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
