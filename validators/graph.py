"""Graph checks on a networkx graph of steps and ends: reachability, dead ends, how steps complete."""

from __future__ import annotations

from typing import Iterator

import networkx as nx
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Procedure
from motcua.engine.spec.names import RESERVED_EVENTS
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import closest
from motcua.engine.spec.yamlstrict import Document

__all__ = ["RESERVED_EVENTS", "procedure_graph", "check_graph"]


def procedure_graph(proc: Procedure) -> "nx.DiGraph[str]":
    """Steps and ends as nodes (spec order), an edge for every next, outcome and timeout."""
    g: nx.DiGraph[str] = nx.DiGraph()
    for s in proc.steps:
        g.add_node(s.id, kind="step")
    for e in proc.ends:
        g.add_node(e.id, kind="end")
    for s in proc.steps:
        for t in s.targets():
            if t in g:
                g.add_edge(s.id, t)
    return g


def check_graph(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    for i, s in enumerate(proc.steps):
        has_next, has_outcomes = s.next is not None, bool(s.outcomes)
        if has_next and has_outcomes:
            line, col = doc.locate(("steps", i, "outcomes"), key=True)
            yield diag("GRF004", tr(f"bước '{s.id}' có cả 'next' lẫn 'outcomes'",
                                    f"step '{s.id}' has both 'next' and 'outcomes'"), file=f, line=line, column=col,
                       hint=tr("dùng 'next' khi chỉ có một bước tiếp theo, hoặc 'outcomes' khi phải quyết định giữa "
                               "các hướng xử lý, không dùng cả hai",
                               "keep 'next' for one successor or 'outcomes' for a decision, not both"))
        elif not has_next and not has_outcomes and s.timeout is None:
            yield diag("GRF004", tr(f"bước '{s.id}' không có 'next' cũng không có 'outcomes'",
                                    f"step '{s.id}' has neither 'next' nor 'outcomes'"), file=f, pos=s.pos,
                       hint=tr("thêm 'next: <bước hoặc điểm kết thúc>' hoặc "
                               "'outcomes: {tên: <bước hoặc điểm kết thúc>}'",
                               "add 'next: <step or end>' or 'outcomes: {name: <step or end>}'"))
        for o in s.outcomes:
            if o.name in RESERVED_EVENTS:
                line, col = doc.locate(("steps", i, "outcomes", o.name), key=True)
                yield diag("GRF005", tr(f"tên hướng xử lý '{o.name}' của bước '{s.id}' là tên một sự kiện dành "
                                        "riêng của hệ thống",
                                        f"outcome name '{o.name}' of step '{s.id}' is an engine event"),
                           file=f, line=line, column=col,
                           hint=tr("đổi tên khác, ví dụ 'reject' hoặc 'khong-dat'",
                                   "rename it, e.g. 'reject' or 'khong-dat'"))
    if not proc.steps:
        return
    g = procedure_graph(proc)
    # A target that does not exist is reported by REF004. For reachability, read it as the id it
    # most likely misspells (or as a way out when none is close), so that one typo gives one
    # diagnostic rather than a cascade of unreachable steps and dead ends.
    unknown: list[str] = []
    known = list(g.nodes)
    for s in proc.steps:
        for t in s.targets():
            if t not in known:
                close = closest(t, known)
                if close:
                    g.add_edge(s.id, close)
                else:
                    unknown.append(t)
                    g.add_edge(s.id, f"?{t}")
    start = proc.steps[0].id
    reachable = nx.descendants(g, start) | {start}
    ends = [e.id for e in proc.ends] + [f"?{t}" for t in unknown]
    can_finish: set[str] = set(ends)
    for end_id in ends:
        can_finish |= nx.ancestors(g, end_id)
    for s in proc.steps:
        if s.id not in reachable:
            yield diag("GRF001", tr(f"không thể đi tới bước '{s.id}' từ bước đầu tiên '{start}'",
                                    f"step '{s.id}' cannot be reached from the first step '{start}'"),
                       file=f, pos=s.pos,
                       hint=tr("trỏ 'next' hoặc một hướng xử lý của một bước trước đó tới bước này",
                               "point a 'next' or an outcome of an earlier step at it"))
        elif s.id not in can_finish:
            yield diag("GRF002", tr(f"từ bước '{s.id}' không thể đi tới điểm kết thúc nào",
                                    f"no end can be reached from step '{s.id}'"), file=f, pos=s.pos,
                       hint=tr("cho bước này một 'next' hoặc một hướng xử lý dẫn tới điểm kết thúc",
                               "give it a 'next' or an outcome that leads to an end"))
    for end in proc.ends:
        if end.id not in reachable:
            yield diag("GRF003", tr(f"không thể đi tới điểm kết thúc '{end.id}' từ bước đầu tiên '{start}'",
                                    f"end '{end.id}' cannot be reached from the first step '{start}'"),
                       file=f, pos=end.pos, hint=tr("cho một hướng xử lý dẫn tới điểm kết thúc này, hoặc bỏ nó đi",
                                                    "lead an outcome to it, or remove it"))
