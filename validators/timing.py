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
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Agency, Calendar, ChannelOption, Duration, Procedure, Step, TimeUnit
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.wording import duration

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


def _both(d: Duration) -> Tr:
    """A duration as ``format_duration`` shows it in each language."""
    return tr(format_duration(d, lang="vi"), format_duration(d, lang="en"))


def _show(total: Sequence[Duration], cal: Calendar) -> Tr:
    """The times of a path as one sum; times of several units also as their total in working
    days, as the comparison counts them (a time of nothing adds nothing and is not shown)."""
    shown = [d for d in total if d.value or d.unit is TimeUnit.SAME_DAY] or list(total[:1])
    units = {d.unit for d in shown}
    if len(units) == 1 and TimeUnit.SAME_DAY not in units:
        unit = units.pop()
        value = sum((d.value for d in shown), Decimal(0))
        return _both(Duration(value, unit, ""))
    days = Decimal(str(round(sum(_size(d, cal) for d in shown), 2))).normalize()
    whole = _both(Duration(days, TimeUnit.WORKING_DAYS, ""))
    parts = [_both(d) for d in shown]
    return tr(" + ".join(p.vi for p in parts) + f", tổng cộng khoảng {whole.vi}",
              " + ".join(p.en for p in parts) + f", about {whole.en} in all")


#: The name of the procedure's own terms (:attr:`Terms.name`).
_PROCEDURE = "the procedure"


@dataclass(frozen=True, slots=True)
class Terms:
    """The time limit and commitment in force in one place: the procedure, a variant, a channel
    of either. ``limit_at`` / ``committed_at`` are where this place writes its own (``None``
    where it takes the enclosing one's). ``name`` says the place in English (``"variant 'v'"``),
    ``called`` in both languages, for messages."""

    name: str
    limit: Duration | None
    committed: Duration | None
    limit_at: Path | None
    committed_at: Path | None
    called: Tr

    @property
    def of(self) -> Tr:
        """What a message adds after a term to say whose it is: nothing for the procedure's own."""
        if self.name == _PROCEDURE:
            return tr("", "")
        return tr(f" của {self.called.vi}", f" of {self.called.en}")


def _channel_terms(channels: Sequence[ChannelOption], outer: Terms, at: Path) -> Iterator[Terms]:
    for j, c in enumerate(channels):
        if c.time_limit is None and c.committed_time is None:
            continue
        where = at + (j,)
        channel = c.channel.value
        nested = outer.name != _PROCEDURE
        yield Terms(
            name=f"channel '{channel}'" + (f" of {outer.name}" if nested else ""),
            called=tr(f"cách thức nộp '{channel}'" + (f" thuộc {outer.called.vi}" if nested else ""),
                      f"channel '{channel}'" + (f" of {outer.called.en}" if nested else "")),
            limit=c.time_limit if c.time_limit is not None else outer.limit,
            committed=c.committed_time if c.committed_time is not None else outer.committed,
            limit_at=where + ("time_limit",) if c.time_limit is not None else None,
            committed_at=where + ("committed_time",) if c.committed_time is not None else None,
        )


def stated_terms(proc: Procedure) -> Iterator[Terms]:
    """The procedure's own terms, then each variant's and channel's that state their own."""
    top = Terms(_PROCEDURE, proc.time_limit, proc.committed_time,
                ("time_limit",) if proc.time_limit is not None else None,
                ("committed_time",) if proc.committed_time is not None else None,
                called=tr("thủ tục", _PROCEDURE))
    yield top
    yield from _channel_terms(proc.channels, top, ("channels",))
    for i, v in enumerate(proc.variants):
        at: Path = ("variants", i)
        own = Terms(
            name=f"variant '{v.id}'",
            called=tr(f"trường hợp '{v.id}'", f"variant '{v.id}'"),
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
    hint = tr("ghi 'time_limit:' (cho thủ tục, cho từng trường hợp hoặc từng cách thức nộp); phần bản ghi nêu "
              "bằng lời thì giữ ở 'time_note:'. Không thể mở hồ sơ nào khi chưa có thời hạn giải quyết",
              "write 'time_limit:' (for the procedure, each variant or each channel); keep what the record "
              "says in prose in 'time_note:'. No case can be opened without a time limit")
    if not proc.variants:
        line, col = doc.locate(("id",), key=True)
        yield diag("TIM006", tr("chưa quy định thời hạn giải quyết: thủ tục không có 'time_limit', các trường hợp và "
                                "cách thức nộp của thủ tục cũng không có",
                                "no time limit is stated: the procedure has no 'time_limit', and neither its "
                                "variants nor its channels give one"), file=doc.file, line=line, column=col, hint=hint)
        return
    for i, v in enumerate(proc.variants):
        if not _limited(v.time_limit, v.channels if v.channels is not None else proc.channels):
            line, col = doc.locate(("variants", i, "id"), key=True)
            yield diag("TIM006", tr(f"chưa quy định thời hạn giải quyết cho trường hợp '{v.id}': trường hợp này không "
                                    "có 'time_limit', các cách thức nộp của nó và thủ tục cũng không có",
                                    f"no time limit is stated for variant '{v.id}': it has no 'time_limit', nor "
                                    "its channels, nor the procedure"), file=doc.file, line=line, column=col, hint=hint)


def _judge(terms: Terms, path: list[Step], cal: Calendar, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    of = terms.of
    times = [s.time for s in path]
    route = " -> ".join(s.id for s in path)
    limit, committed = terms.limit, terms.committed
    own_limit, own_committed = terms.limit_at is not None, terms.committed_at is not None
    if limit is not None and committed is not None and (own_limit or own_committed) \
            and exceeds([committed], limit, cal):
        line, col = doc.locate(terms.committed_at or terms.limit_at or ())
        c, lim = duration(committed), duration(limit)
        yield diag("TIM005", tr(f"thời gian cam kết (committed_time) {c.vi} dài hơn thời hạn giải quyết (time_limit) "
                                f"{lim.vi}{of.vi}", f"committed_time {c.en} is longer than time_limit {lim.en}{of.en}"),
                   file=f, line=line, column=col,
                   hint=tr("thời gian cam kết không được dài hơn thời hạn giải quyết theo quy định",
                           "the commitment must be at most the legal time"))
    if times and limit is not None and terms.limit_at is not None and exceeds(times, limit, cal):
        line, col = doc.locate(terms.limit_at)
        took, lim = _show(times, cal), duration(limit)
        yield diag("TIM001", tr(f"đường xử lý chậm nhất {route} mất {took.vi}; thời hạn giải quyết (time_limit)"
                                f"{of.vi} là {lim.vi}",
                                f"the slowest path {route} takes {took.en}; time_limit{of.en} is {lim.en}"),
                   file=f, line=line, column=col,
                   hint=tr("rút ngắn thời gian các bước hoặc sửa lại time_limit",
                           "shorten step times or correct time_limit"))
    if times and committed is not None and terms.committed_at is not None and exceeds(times, committed, cal):
        line, col = doc.locate(terms.committed_at)
        took, c = _show(times, cal), duration(committed)
        yield diag("TIM002", tr(f"đường xử lý chậm nhất {route} mất {took.vi}; thời gian cam kết (committed_time)"
                                f"{of.vi} là {c.vi}",
                                f"the slowest path {route} takes {took.en}; committed_time{of.en} is {c.en}"),
                   file=f, line=line, column=col,
                   hint=tr("rút ngắn thời gian các bước hoặc thời gian cam kết",
                           "shorten step times or the commitment"))


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
                asked, own = duration(c.time), duration(s.time)
                yield diag("TIM003", tr(f"lấy ý kiến '{c.unit}' mất {asked.vi}, lâu hơn thời gian của bước '{s.id}' "
                                        f"({own.vi})",
                                        f"consulting '{c.unit}' takes {asked.en}, longer than step '{s.id}' ({own.en})"),
                           file=f, line=line, column=col,
                           hint=tr("thời gian của một bước đã bao gồm thời gian lấy ý kiến của bước đó",
                                   "a step's time includes its consultations"))
        if s.timeout is not None and exceeds([s.timeout.after], s.time, cal):
            line, col = doc.locate(("steps", i, "timeout", "after"))
            after, own = duration(s.timeout.after), duration(s.time)
            yield diag("TIM004", tr(f"thời gian chờ (timeout) của bước '{s.id}' ({after.vi}) dài hơn thời gian của "
                                    f"chính bước đó ({own.vi})",
                                    f"the timeout of step '{s.id}' ({after.en}) is longer than its time ({own.en})"),
                       file=f, line=line, column=col,
                       hint=tr("đặt thời gian chờ (timeout) không dài hơn thời gian của bước",
                               "make the timeout at most the step's time"))
