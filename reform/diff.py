"""What changed between two versions of a procedure: steps, dossier, variants, channels, fees,
hand-offs between units, the legal and committed time and the slowest path.

``diff_procedures`` compares two ``Procedure`` models and returns a :class:`ProcedureDiff`;
``ProcedureDiff.as_dict`` is the JSON document of ``motcua diff --format json`` (keys in English,
texts in every language the spec writes), ``format_text`` the report for people in Vietnamese or
English. Durations of different units are compared in approximate working days
(``engine.spec.durations.approximate_working_days``, on the agency's office hours); a "same day"
step counts as the whole office day of receipt, as the timing checks count it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Sequence

from motcua.engine.spec.durations import approximate_working_days, format_duration
from motcua.engine.spec.model import (
    Calendar,
    ChannelOption,
    DossierItem,
    Duration,
    Fee,
    Procedure,
    Record,
    RecordGroup,
    Step,
    Text,
    TimeUnit,
    Variant,
    fees_free,
)

__all__ = ["Change", "ProcedureDiff", "diff_procedures", "format_text", "handoffs", "main_path", "slowest_path"]

Lang = Literal["vi", "en"]
JSON = dict[str, Any]


def _days(value: float) -> int | float:
    """A number of working days as JSON shows it: whole numbers without a point, else two decimals."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _size(duration: Duration, cal: Calendar) -> float:
    if duration.unit is TimeUnit.SAME_DAY:
        return 1.0
    return approximate_working_days(duration, session_hours=cal.session_hours, day_hours=cal.day_hours)


def _duration(duration: Duration | None) -> str | None:
    return None if duration is None else format_duration(duration, lang="en")


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else text.as_dict()


def _pair(old: Any, new: Any) -> JSON:
    return {"old": old, "new": new}


def _time_pair(old: Duration | None, new: Duration | None, cal_old: Calendar, cal_new: Calendar) -> JSON:
    """``{old, new, old_working_days, new_working_days}``: the durations in English, and their size."""
    return {
        "old": _duration(old),
        "new": _duration(new),
        "old_working_days": None if old is None else _days(approximate_working_days(
            old, session_hours=cal_old.session_hours, day_hours=cal_old.day_hours)),
        "new_working_days": None if new is None else _days(approximate_working_days(
            new, session_hours=cal_new.session_hours, day_hours=cal_new.day_hours)),
    }


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
        best[node] = (_size(steps[node].time, cal) + tail[0], [node, *tail[1]])
    return [steps[i] for i in best[proc.steps[0].id][1]]


def _successors(steps: dict[str, Step], node: str) -> list[str]:
    step = steps.get(node)
    return list(dict.fromkeys(step.targets())) if step is not None else []


# -- the parts compared --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One thing found in both versions that differs: its id and ``{field: {old, new}}``
    (a list field such as a step's checks as ``{removed, added}``)."""

    id: str
    title: dict[str, str] | None
    changes: dict[str, JSON]

    def as_dict(self) -> JSON:
        return {"id": self.id, "title": self.title, "changes": self.changes}


def _step(step: Step, cal: Calendar) -> JSON:
    return {"id": step.id, "title": _text(step.title), "unit": step.unit, "time": _duration(step.time),
            "working_days": _days(_size(step.time, cal)), "checks": list(step.checks)}


def _list_change(old: Sequence[str], new: Sequence[str]) -> JSON | None:
    removed = [x for x in old if x not in new]
    added = [x for x in new if x not in old]
    return {"removed": removed, "added": added} if removed or added else None


def _step_changes(old: Step, new: Step, cal_old: Calendar, cal_new: Calendar) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    if old.unit != new.unit:
        changes["unit"] = _pair(old.unit, new.unit)
    if (old.time.value, old.time.unit) != (new.time.value, new.time.unit):
        changes["time"] = _time_pair(old.time, new.time, cal_old, cal_new)
    checks = _list_change(old.checks, new.checks)
    if checks is not None:
        changes["checks"] = checks
    if _text(old.title) != _text(new.title):
        changes["title"] = _pair(_text(old.title), _text(new.title))
    if list(old.targets()) != list(new.targets()):
        changes["leads_to"] = _pair(list(dict.fromkeys(old.targets())), list(dict.fromkeys(new.targets())))
    old_consult = [f"{c.unit} ({_duration(c.time)})" for c in old.consult]
    new_consult = [f"{c.unit} ({_duration(c.time)})" for c in new.consult]
    consult = _list_change(old_consult, new_consult)
    if consult is not None:
        changes["consult"] = consult
    return changes


@dataclass(frozen=True, slots=True)
class _Placed:
    """A dossier item and where it stands: the id of its group (``None`` at the top) and whether
    that group is a choice."""

    item: DossierItem
    group: str | None
    choice: bool


def _placed(items: Sequence[DossierItem], group: RecordGroup | None = None) -> dict[str, _Placed]:
    out: dict[str, _Placed] = {}
    for item in items:
        out[item.id] = _Placed(item, group.id if group else None, group.is_choice if group else False)
        if isinstance(item, RecordGroup):
            out.update(_placed(item.items, item))
    return out


def _kind(item: DossierItem) -> str:
    if isinstance(item, Record):
        return "record"
    return "one_of" if item.is_choice else "all_of"


def _record(placed: _Placed) -> JSON:
    item = placed.item
    out: JSON = {"id": item.id, "kind": _kind(item), "title": _text(item.title), "group": placed.group,
                 "in_choice": placed.choice}
    if isinstance(item, RecordGroup):
        out["items"] = [sub.id for sub in item.items]
    return out


def _record_changes(old: DossierItem, new: DossierItem) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    if _kind(old) != _kind(new):
        changes["kind"] = _pair(_kind(old), _kind(new))
    for name in ("title", "when", "note"):
        a, b = _text(getattr(old, name)), _text(getattr(new, name))
        if a != b:
            changes[name] = _pair(a, b)
    if isinstance(old, Record) and isinstance(new, Record):
        for name in ("originals", "copies", "present_only", "eform"):
            if getattr(old, name) != getattr(new, name):
                changes[name] = _pair(getattr(old, name), getattr(new, name))
        if old.form_label() != new.form_label():
            changes["form"] = _pair(old.form_label(), new.form_label())
    return changes


def _fee(fee: Fee) -> JSON:
    return {"title": _text(fee.title), "amount": None if fee.amount is None else _number(fee.amount),
            "currency": fee.currency, "text": _text(fee.text), "kind": fee.kind.value if fee.kind else None,
            "channel": fee.channel.value if fee.channel else None}


def _number(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _fees(fees: tuple[Fee, ...] | None) -> JSON:
    """``{stated, free, items}``: not stated (no ``fees`` key), free (every item a known zero), or the items."""
    return {"stated": fees is not None, "free": fees_free(fees), "items": [_fee(f) for f in fees or ()]}


def _channel(option: ChannelOption) -> JSON:
    return {"channel": option.channel.value, "time_limit": _duration(option.time_limit),
            "committed_time": _duration(option.committed_time),
            "fees": None if option.fees is None else _fees(option.fees)}


def _channels_diff(old: Sequence[ChannelOption], new: Sequence[ChannelOption], cal_old: Calendar,
                   cal_new: Calendar) -> JSON:
    by_old = {c.channel.value: _channel(c) for c in old}
    by_new = {c.channel.value: _channel(c) for c in new}
    options_old, options_new = {c.channel.value: c for c in old}, {c.channel.value: c for c in new}
    changed = []
    for name in by_old:
        if name in by_new and by_old[name] != by_new[name]:
            fields = {k: _pair(by_old[name][k], by_new[name][k]) for k in by_old[name]
                      if k != "channel" and by_old[name][k] != by_new[name][k]}
            for k in ("time_limit", "committed_time"):
                if k in fields:
                    fields[k] = _time_pair(getattr(options_old[name], k), getattr(options_new[name], k),
                                           cal_old, cal_new)
            changed.append({"channel": name, "changes": fields})
    return {"old": list(by_old), "new": list(by_new),
            "removed": [n for n in by_old if n not in by_new], "added": [n for n in by_new if n not in by_old],
            "changed": changed, "terms": {"old": list(by_old.values()), "new": list(by_new.values())}}


def _variant(variant: Variant) -> JSON:
    return {"id": variant.id, "code": variant.code, "title": _text(variant.title),
            "time_limit": _duration(variant.time_limit), "committed_time": _duration(variant.committed_time)}


def _variant_changes(old: Variant, new: Variant, cal_old: Calendar, cal_new: Calendar) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    for name in ("time_limit", "committed_time"):
        a, b = getattr(old, name), getattr(new, name)
        if _duration(a) != _duration(b):
            changes[name] = _time_pair(a, b, cal_old, cal_new)
    for name in ("title", "when"):
        if _text(getattr(old, name)) != _text(getattr(new, name)):
            changes[name] = _pair(_text(getattr(old, name)), _text(getattr(new, name)))
    if old.code != new.code:
        changes["code"] = _pair(old.code, new.code)
    for name in ("records", "results"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes[name] = _pair(None if a is None else list(a), None if b is None else list(b))
    if (old.channels, new.channels) != (None, None):
        channels = _channels_diff(old.channels or (), new.channels or (), cal_old, cal_new)
        if channels["old"] != channels["new"] or channels["changed"] or (old.channels is None) != (new.channels is None):
            changes["channels"] = _pair(None if old.channels is None else channels["old"],
                                        None if new.channels is None else channels["new"])
    if old.fees != new.fees:
        changes["fees"] = _pair(None if old.fees is None else _fees(old.fees), None if new.fees is None else _fees(new.fees))
    return changes


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
    return {"steps": [s.id for s in path], "working_days": _days(sum(_size(s.time, cal) for s in path)),
            "handoffs": handoffs(path)}


def diff_procedures(old: Procedure, new: Procedure, *, old_calendar: Calendar | None = None,
                    new_calendar: Calendar | None = None) -> ProcedureDiff:
    """What changed from ``old`` to ``new``; calendars (the agencies' office hours) size
    sessions and hours in working days, the default office day when not given."""
    cal_old, cal_new = old_calendar or Calendar(), new_calendar or Calendar()
    old_steps, new_steps = {s.id: s for s in old.steps}, {s.id: s for s in new.steps}
    steps_changed = [Change(s.id, _text(new_steps[s.id].title), c) for s in old.steps if s.id in new_steps
                     if (c := _step_changes(s, new_steps[s.id], cal_old, cal_new))]
    old_items, new_items = _placed(old.records), _placed(new.records)
    moved = [{"id": i, "kind": _kind(new_items[i].item), "title": _text(new_items[i].item.title),
              "old_group": p.group, "new_group": new_items[i].group,
              "old_in_choice": p.choice, "new_in_choice": new_items[i].choice}
             for i, p in old_items.items() if i in new_items
             and (p.group, p.choice) != (new_items[i].group, new_items[i].choice)]
    records_changed = [Change(i, _text(new_items[i].item.title), c) for i, p in old_items.items()
                       if i in new_items and (c := _record_changes(p.item, new_items[i].item))]
    old_variants, new_variants = {v.id: v for v in old.variants}, {v.id: v for v in new.variants}
    variants_changed = [Change(v.id, _text(new_variants[v.id].title), c) for v in old.variants
                        if v.id in new_variants and (c := _variant_changes(v, new_variants[v.id], cal_old, cal_new))]
    old_main, new_main = main_path(old), main_path(new)
    fees = {"old": _fees(old.fees), "new": _fees(new.fees), "changed": _fees(old.fees) != _fees(new.fees)}
    return ProcedureDiff(
        old=old,
        new=new,
        steps_removed=[_step(s, cal_old) for s in old.steps if s.id not in new_steps],
        steps_added=[_step(s, cal_new) for s in new.steps if s.id not in old_steps],
        steps_changed=steps_changed,
        records_removed=[_record(p) for i, p in old_items.items() if i not in new_items],
        records_added=[_record(p) for i, p in new_items.items() if i not in old_items],
        records_moved=moved,
        records_changed=records_changed,
        variants_removed=[_variant(v) for v in old.variants if v.id not in new_variants],
        variants_added=[_variant(v) for v in new.variants if v.id not in old_variants],
        variants_changed=variants_changed,
        channels=_channels_diff(old.channels, new.channels, cal_old, cal_new),
        fees=fees,
        handoffs={"old": handoffs(old_main), "new": handoffs(new_main),
                  "old_path": [s.id for s in old_main], "new_path": [s.id for s in new_main]},
        time_limit=_time_pair(old.time_limit, new.time_limit, cal_old, cal_new),
        committed_time=_time_pair(old.committed_time, new.committed_time, cal_old, cal_new),
        slowest_path={"old": _path(slowest_path(old, cal_old), cal_old),
                      "new": _path(slowest_path(new, cal_new), cal_new)},
        legal_basis=_legal_basis(old, new),
    )


def _legal_basis(old: Procedure, new: Procedure) -> JSON:
    """``{removed, added}``: the documents of the legal basis (by id) that one version names and the other not."""
    old_ids, new_ids = {b.id for b in old.legal_basis}, {b.id for b in new.legal_basis}
    return {"removed": [{"id": b.id, "title": _text(b.title)} for b in old.legal_basis if b.id not in new_ids],
            "added": [{"id": b.id, "title": _text(b.title)} for b in new.legal_basis if b.id not in old_ids]}


# -- the report for people -----------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "heading": ("So sánh {old} với {new}", "Comparing {old} with {new}"),
    "steps_removed": ("Bước bỏ đi", "Steps removed"),
    "steps_added": ("Bước thêm mới", "Steps added"),
    "steps_changed": ("Bước thay đổi", "Steps changed"),
    "records_removed": ("Thành phần hồ sơ bỏ đi", "Records removed"),
    "records_added": ("Thành phần hồ sơ thêm mới", "Records added"),
    "records_moved": ("Thành phần hồ sơ chuyển nhóm", "Records moved"),
    "records_changed": ("Thành phần hồ sơ thay đổi", "Records changed"),
    "variants_removed": ("Trường hợp bỏ đi", "Variants removed"),
    "variants_added": ("Trường hợp thêm mới", "Variants added"),
    "variants_changed": ("Trường hợp thay đổi", "Variants changed"),
    "channels": ("Cách thức thực hiện", "Channels"),
    "fees": ("Phí, lệ phí", "Fees"),
    "handoffs": ("Số lần chuyển hồ sơ giữa các đơn vị (luồng chính)", "Hand-offs between units (main path)"),
    "time_limit": ("Thời hạn giải quyết theo quy định", "Legal time limit"),
    "committed_time": ("Thời gian cam kết", "Committed time"),
    "slowest_path": ("Đường dài nhất", "Slowest path"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "unchanged": ("không đổi", "unchanged"),
    "nothing": ("Không có thay đổi.", "No change."),
    "none": ("không có", "none"),
    "not_stated": ("không nêu", "not stated"),
    "free": ("không thu phí", "free of charge"),
    "paid": ("có thu phí", "charged"),
    "top": ("danh sách chính", "the main list"),
    "choice": ("nhóm chọn một", "choice group"),
    "group": ("nhóm", "group"),
    "added": ("thêm", "added"),
    "removed": ("bỏ", "removed"),
    "working_days": ("ngày làm việc", "working days"),
    "unit": ("đơn vị", "unit"),
    "time": ("thời gian", "time"),
    "checks": ("kiểm tra", "checks"),
    "title": ("tên", "title"),
    "leads_to": ("chuyển tiếp", "leads to"),
    "consult": ("xin ý kiến", "consults"),
    "kind": ("loại", "kind"),
    "when": ("điều kiện", "when"),
    "note": ("ghi chú", "note"),
    "originals": ("bản chính", "originals"),
    "copies": ("bản sao", "copies"),
    "present_only": ("chỉ xuất trình", "shown only"),
    "eform": ("biểu mẫu điện tử", "e-form"),
    "form": ("mẫu", "form"),
    "code": ("mã", "code"),
    "records": ("hồ sơ", "records"),
    "results": ("kết quả", "results"),
}

_CHANNELS: dict[str, tuple[str, str]] = {
    "in-person": ("trực tiếp", "in person"),
    "post": ("qua bưu chính", "by post"),
    "online": ("trực tuyến", "online"),
}


def word(key: str, lang: Lang) -> str:
    """A word of the report in ``lang``."""
    vi, en = _WORDS[key]
    return vi if lang == "vi" else en


def channel_name(name: str, lang: Lang) -> str:
    vi, en = _CHANNELS.get(name, (name, name))
    return vi if lang == "vi" else en


def _say(title: dict[str, str] | None, lang: Lang, fallback: str = "") -> str:
    if not title:
        return fallback
    return " ".join((title.get(lang) or next(iter(title.values()))).split())


def say_duration(text: str | None, lang: Lang) -> str:
    """A duration of the JSON document (English) in ``lang``; "not stated" for none."""
    if text is None:
        return word("not_stated", lang)
    from motcua.engine.spec.durations import parse_duration

    return format_duration(parse_duration(text), lang=lang)


def _days_text(value: int | float | None, lang: Lang) -> str:
    if value is None:
        return ""
    shown = str(value).replace(".", ",") if lang == "vi" else str(value)
    return f"≈ {shown} {word('working_days', lang)}"


def _value(name: str, value: Any, lang: Lang) -> str:
    if value is None:
        return word("none", lang) if name not in ("time_limit", "committed_time", "time") else word("not_stated", lang)
    if isinstance(value, dict) and ("vi" in value or "en" in value):
        return _say(value, lang)
    if isinstance(value, dict) and "items" in value:
        return fees_summary(value, lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or word("none", lang)
    if name in ("time_limit", "committed_time", "time"):
        return say_duration(str(value), lang)
    return str(value)


def change_lines(changes: dict[str, JSON], lang: Lang) -> list[str]:
    """Each changed field of a ``Change`` as ``name: old → new`` (or ``name: removed …; added …``)."""
    lines = []
    for name, change in changes.items():
        label = word(name, lang) if name in _WORDS else name
        if "removed" in change:
            parts = [f"{word('removed', lang)} {', '.join(change['removed'])}" if change["removed"] else "",
                     f"{word('added', lang)} {', '.join(change['added'])}" if change["added"] else ""]
            lines.append(f"{label}: {'; '.join(p for p in parts if p)}")
        else:
            sizes = _sizes(change, lang) if "old_working_days" in change else ""
            lines.append(f"{label}: {_value(name, change['old'], lang)} → {_value(name, change['new'], lang)}{sizes}")
    return lines


def fees_summary(fees: JSON, lang: Lang) -> str:
    """``not stated``, ``free of charge``, or the items: ``Lệ phí: 50000 VND``."""
    if not fees["stated"]:
        return word("not_stated", lang)
    if fees["free"]:
        return word("free", lang)
    items = []
    for f in fees["items"]:
        amount = f"{_amount(f['amount'], lang)} {f['currency']}" if f["amount"] is not None else _say(f["text"], lang)
        title = _say(f["title"], lang)
        items.append(f"{title}: {amount}" if title else amount)
    return "; ".join(items) or word("paid", lang)


def _amount(value: int | str, lang: Lang) -> str:
    """An amount of money with thousands marked: ``50.000`` in Vietnamese, ``50,000`` in English."""
    if not isinstance(value, int):
        return value.replace(".", ",") if lang == "vi" else value
    shown = f"{value:,}"
    return shown.replace(",", ".") if lang == "vi" else shown


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def channel_terms(option: JSON, lang: Lang) -> str:
    """A channel with the terms of its own: ``trực tuyến (thời hạn 4 ngày làm việc)``."""
    own = [f"{_lower(word(k, lang))} {say_duration(option[k], lang)}" for k in ("time_limit", "committed_time")
           if option[k] is not None]
    if option["fees"] is not None:
        own.append(f"{word('fees', lang)}: {fees_summary(option['fees'], lang)}")
    return channel_name(option["channel"], lang) + (f" ({'; '.join(own)})" if own else "")


def _place(group: str | None, choice: bool, lang: Lang) -> str:
    if group is None:
        return word("top", lang)
    return f"{word('choice' if choice else 'group', lang)} {group}"


def _sizes(pair: JSON, lang: Lang) -> str:
    """`` (≈ 20 → ≈ 15 working days)`` when a duration is not already in working days."""
    if pair["old_working_days"] is None or pair["new_working_days"] is None:
        return ""
    if all(t is None or t.endswith(("working days", "working day")) for t in (pair["old"], pair["new"])):
        return ""
    return f" ({_days_text(pair['old_working_days'], lang)} → {_days_text(pair['new_working_days'], lang)})"


def format_text(diff: ProcedureDiff, *, lang: Lang = "vi") -> str:
    """The comparison as a plain-text report in Vietnamese (``vi``) or English (``en``)."""
    doc = diff.as_dict()
    out = [word("heading", lang).format(old=diff.old.key, new=diff.new.key),
           _say(doc["new"]["title"], lang), ""]

    def section(key: str, lines: list[str]) -> None:
        out.append(f"{word(key, lang)}:")
        out.extend(f"  - {line}" for line in lines or [word("none", lang)])

    section("steps_removed", [f"{s['id']}: {_say(s['title'], lang, s['id'])} ({s['unit']}, "
                              f"{say_duration(s['time'], lang)})" for s in doc["steps_removed"]])
    section("steps_added", [f"{s['id']}: {_say(s['title'], lang, s['id'])} ({s['unit']}, "
                            f"{say_duration(s['time'], lang)})" for s in doc["steps_added"]])
    section("steps_changed", [f"{c['id']}: {'; '.join(change_lines(c['changes'], lang))}" for c in doc["steps_changed"]])
    section("records_removed", [f"{r['id']}: {_say(r['title'], lang)}" for r in doc["records_removed"]])
    section("records_added", [f"{r['id']}: {_say(r['title'], lang)} ({_place(r['group'], r['in_choice'], lang)})"
                              for r in doc["records_added"]])
    if doc["records_moved"]:
        section("records_moved", [f"{r['id']}: {_place(r['old_group'], r['old_in_choice'], lang)} → "
                                  f"{_place(r['new_group'], r['new_in_choice'], lang)}" for r in doc["records_moved"]])
    if doc["records_changed"]:
        section("records_changed", [f"{c['id']}: {'; '.join(change_lines(c['changes'], lang))}"
                                    for c in doc["records_changed"]])
    if doc["variants_removed"] or doc["variants_added"] or doc["variants_changed"]:
        section("variants_removed", [f"{v['id']}: {_say(v['title'], lang)}" for v in doc["variants_removed"]])
        section("variants_added", [f"{v['id']}: {_say(v['title'], lang)}" for v in doc["variants_added"]])
        section("variants_changed", [f"{c['id']}: {'; '.join(change_lines(c['changes'], lang))}"
                                     for c in doc["variants_changed"]])
    channels = doc["channels"]
    channel_lines = [f"{', '.join(channel_terms(c, lang) for c in channels['terms']['old'])} → "
                     f"{', '.join(channel_terms(c, lang) for c in channels['terms']['new'])}"]
    channel_lines += [f"{channel_name(c['channel'], lang)}: {'; '.join(change_lines(c['changes'], lang))}"
                      for c in channels["changed"]]
    section("channels", channel_lines)
    fees = doc["fees"]
    section("fees", [f"{fees_summary(fees['old'], lang)} → {fees_summary(fees['new'], lang)}" if fees["changed"]
                     else f"{fees_summary(fees['new'], lang)} ({word('unchanged', lang)})"])
    basis = doc["legal_basis"]
    if basis["removed"] or basis["added"]:
        section("legal_basis", [f"{word('removed', lang)} {b['id']}: {_say(b['title'], lang)}" for b in basis["removed"]]
                + [f"{word('added', lang)} {b['id']}: {_say(b['title'], lang)}" for b in basis["added"]])
    section("handoffs", [f"{doc['handoffs']['old']} → {doc['handoffs']['new']}"])
    for key in ("time_limit", "committed_time"):
        t = doc[key]
        section(key, [f"{say_duration(t['old'], lang)} → {say_duration(t['new'], lang)}" + _sizes(t, lang)])
    slow = doc["slowest_path"]
    section("slowest_path", [f"{' → '.join(slow[v]['steps'])}: {_days_text(slow[v]['working_days'], lang)}"
                             for v in ("old", "new")])
    return "\n".join(out) + "\n"
