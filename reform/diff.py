"""What changed between two versions of a procedure: steps, dossier, variants, channels, fees,
hand-offs between units, the legal and committed time and the slowest path.

``diff_procedures`` compares two ``Procedure`` models and returns a :class:`ProcedureDiff`;
``ProcedureDiff.as_dict`` is the JSON document of ``motcua diff --format json`` (keys in English,
texts in every language the spec writes). The routes walked (``main_path``, ``slowest_path``)
are here; the parts compared one by one are ``reform.diff_parts``, and the report for people
(``format_text``) is ``reform.diff_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from motcua.engine.spec.model import Calendar, Procedure, Step
from motcua.reform.diff_parts import (
    JSON,
    Change,
    channels_diff,
    fees_entry,
    item_kind,
    json_days,
    placed_items,
    record_changes,
    record_entry,
    step_changes,
    step_entry,
    text_dict,
    time_pair,
    variant_changes,
    variant_entry,
    working_days_of,
)

__all__ = ["ProcedureDiff", "diff_procedures", "handoffs", "main_path", "slowest_path"]


# -- paths ---------------------------------------------------------------------------------------


def main_path(proc: Procedure) -> list[Step]:
    """The main route: from the first step, each step's first target (``next``, else its first
    outcome, else its timeout), until an end or a step already walked."""
    steps = {s.id: s for s in proc.steps}
    path: list[Step] = []
    current = proc.steps[0] if proc.steps else None
    while current is not None and current not in path:
        path.append(current)
        first = next(current.targets(), None)
        current = steps.get(first) if first is not None else None
    return path


def handoffs(path: Sequence[Step]) -> int:
    """How many times the dossier passes from one unit to another along ``path``."""
    return sum(1 for a, b in zip(path, path[1:]) if a.unit != b.unit)


def slowest_path(proc: Procedure, cal: Calendar) -> list[Step]:
    """The steps of the slowest route from the first step to an end; a rework loop is walked once
    (the edges back to a step on the way are left out), as the timing checks walk it."""
    if not proc.steps:
        return []
    steps = {s.id: s for s in proc.steps}
    order: list[str] = []
    state: dict[str, int] = {proc.steps[0].id: 1}
    edges: dict[str, list[str]] = {proc.steps[0].id: []}
    stack = [(proc.steps[0].id, iter(_successors(steps, proc.steps[0].id)))]
    while stack:
        current, pending = stack[-1]
        target = next(pending, None)
        if target is None:
            state[current] = 2
            order.append(current)
            stack.pop()
        elif state.get(target) != 1:
            edges[current].append(target)
            if target not in state:
                state[target], edges[target] = 1, []
                stack.append((target, iter(_successors(steps, target))))
    best: dict[str, tuple[float, list[str]]] = {}
    for node in order:  # successors come first
        if node not in steps:
            best[node] = (0.0, [])
            continue
        tail = max((best[n] for n in edges[node] if n in best), key=lambda t: t[0], default=(0.0, []))
        best[node] = (working_days_of(steps[node].time, cal) + tail[0], [node, *tail[1]])
    return [steps[i] for i in best[proc.steps[0].id][1]]


def _successors(steps: dict[str, Step], node: str) -> list[str]:
    step = steps.get(node)
    return list(dict.fromkeys(step.targets())) if step is not None else []


# -- the whole comparison ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProcedureDiff:
    """Two versions of a procedure compared (``old`` and ``new``); ``as_dict`` is the JSON document."""

    old: Procedure
    new: Procedure
    steps_removed: list[JSON] = field(default_factory=list)
    steps_added: list[JSON] = field(default_factory=list)
    steps_changed: list[Change] = field(default_factory=list)
    records_removed: list[JSON] = field(default_factory=list)
    records_added: list[JSON] = field(default_factory=list)
    records_moved: list[JSON] = field(default_factory=list)
    records_changed: list[Change] = field(default_factory=list)
    variants_removed: list[JSON] = field(default_factory=list)
    variants_added: list[JSON] = field(default_factory=list)
    variants_changed: list[Change] = field(default_factory=list)
    channels: JSON = field(default_factory=dict)
    fees: JSON = field(default_factory=dict)
    handoffs: JSON = field(default_factory=dict)
    time_limit: JSON = field(default_factory=dict)
    committed_time: JSON = field(default_factory=dict)
    slowest_path: JSON = field(default_factory=dict)
    legal_basis: JSON = field(default_factory=dict)

    @property
    def removed_steps(self) -> set[str]:
        return {s["id"] for s in self.steps_removed}

    @property
    def added_steps(self) -> set[str]:
        return {s["id"] for s in self.steps_added}

    @property
    def changed_steps(self) -> set[str]:
        return {c.id for c in self.steps_changed}

    def as_dict(self) -> JSON:
        return {
            "old": _version(self.old),
            "new": _version(self.new),
            "steps_removed": self.steps_removed,
            "steps_added": self.steps_added,
            "steps_changed": [c.as_dict() for c in self.steps_changed],
            "records_removed": self.records_removed,
            "records_added": self.records_added,
            "records_moved": self.records_moved,
            "records_changed": [c.as_dict() for c in self.records_changed],
            "records_count": {"old": len(self.old.leaf_records()), "new": len(self.new.leaf_records())},
            "variants_removed": self.variants_removed,
            "variants_added": self.variants_added,
            "variants_changed": [c.as_dict() for c in self.variants_changed],
            "channels": self.channels,
            "fees": self.fees,
            "handoffs": self.handoffs,
            "time_limit": self.time_limit,
            "committed_time": self.committed_time,
            "slowest_path": self.slowest_path,
            "legal_basis": self.legal_basis,
        }


def _version(proc: Procedure) -> JSON:
    return {"procedure": proc.key, "agency": proc.agency, "id": proc.id, "version": proc.version,
            "code": proc.code, "title": proc.title.as_dict(), "file": proc.file or None,
            "valid_from": proc.valid_from.isoformat() if proc.valid_from else None,
            "valid_to": proc.valid_to.isoformat() if proc.valid_to else None}


def _path(path: Sequence[Step], cal: Calendar) -> JSON:
    return {"steps": [s.id for s in path],
            "working_days": json_days(sum(working_days_of(s.time, cal) for s in path)), "handoffs": handoffs(path)}


def diff_procedures(old: Procedure, new: Procedure, *, old_calendar: Calendar | None = None,
                    new_calendar: Calendar | None = None) -> ProcedureDiff:
    """What changed from ``old`` to ``new``; calendars (the agencies' office hours) size
    sessions and hours in working days, the default office day when not given."""
    cal_old, cal_new = old_calendar or Calendar(), new_calendar or Calendar()
    old_steps, new_steps = {s.id: s for s in old.steps}, {s.id: s for s in new.steps}
    steps_changed = [Change(s.id, text_dict(new_steps[s.id].title), c) for s in old.steps if s.id in new_steps
                     if (c := step_changes(s, new_steps[s.id], cal_old, cal_new))]
    old_items, new_items = placed_items(old.records), placed_items(new.records)
    moved = [{"id": i, "kind": item_kind(new_items[i].item), "title": text_dict(new_items[i].item.title),
              "old_group": p.group, "new_group": new_items[i].group,
              "old_in_choice": p.choice, "new_in_choice": new_items[i].choice}
             for i, p in old_items.items() if i in new_items
             and (p.group, p.choice) != (new_items[i].group, new_items[i].choice)]
    records_changed = [Change(i, text_dict(new_items[i].item.title), c) for i, p in old_items.items()
                       if i in new_items and (c := record_changes(p.item, new_items[i].item))]
    old_variants, new_variants = {v.id: v for v in old.variants}, {v.id: v for v in new.variants}
    variants_changed = [Change(v.id, text_dict(new_variants[v.id].title), c) for v in old.variants
                        if v.id in new_variants and (c := variant_changes(v, new_variants[v.id], cal_old, cal_new))]
    old_main, new_main = main_path(old), main_path(new)
    fees = {"old": fees_entry(old.fees), "new": fees_entry(new.fees),
            "changed": fees_entry(old.fees) != fees_entry(new.fees)}
    return ProcedureDiff(
        old=old,
        new=new,
        steps_removed=[step_entry(s, cal_old) for s in old.steps if s.id not in new_steps],
        steps_added=[step_entry(s, cal_new) for s in new.steps if s.id not in old_steps],
        steps_changed=steps_changed,
        records_removed=[record_entry(p) for i, p in old_items.items() if i not in new_items],
        records_added=[record_entry(p) for i, p in new_items.items() if i not in old_items],
        records_moved=moved,
        records_changed=records_changed,
        variants_removed=[variant_entry(v) for v in old.variants if v.id not in new_variants],
        variants_added=[variant_entry(v) for v in new.variants if v.id not in old_variants],
        variants_changed=variants_changed,
        channels=channels_diff(old.channels, new.channels, cal_old, cal_new),
        fees=fees,
        handoffs={"old": handoffs(old_main), "new": handoffs(new_main),
                  "old_path": [s.id for s in old_main], "new_path": [s.id for s in new_main]},
        time_limit=time_pair(old.time_limit, new.time_limit, cal_old, cal_new),
        committed_time=time_pair(old.committed_time, new.committed_time, cal_old, cal_new),
        slowest_path={"old": _path(slowest_path(old, cal_old), cal_old),
                      "new": _path(slowest_path(new, cal_new), cal_new)},
        legal_basis=_legal_basis(old, new),
    )


def _legal_basis(old: Procedure, new: Procedure) -> JSON:
    """``{removed, added}``: the documents of the legal basis (by id) that one version names and the other not."""
    old_ids, new_ids = {b.id for b in old.legal_basis}, {b.id for b in new.legal_basis}
    return {"removed": [{"id": b.id, "title": text_dict(b.title)} for b in old.legal_basis if b.id not in new_ids],
            "added": [{"id": b.id, "title": text_dict(b.title)} for b in new.legal_basis if b.id not in old_ids]}
