"""The parts of two versions of a procedure compared one by one, for ``reform.diff``: a step, a
dossier item, a variant, the channels and the fees, each as its JSON entry and as its changes
(:class:`Change`). Durations of different units are sized in approximate working days
(``engine.spec.durations.approximate_working_days``, on the agency's office hours); a "same day"
step counts as the whole office day of receipt, as the timing checks count it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Sequence

from motcua.engine.spec.durations import approximate_working_days, format_duration
from motcua.engine.spec.model import (
    Calendar,
    ChannelOption,
    DossierItem,
    Duration,
    Fee,
    Record,
    RecordGroup,
    Step,
    Text,
    TimeUnit,
    Variant,
    fees_free,
)

__all__ = [
    "JSON",
    "Change",
    "Lang",
    "channels_diff",
    "fees_entry",
    "item_kind",
    "json_days",
    "placed_items",
    "record_changes",
    "record_entry",
    "step_changes",
    "step_entry",
    "text_dict",
    "time_pair",
    "variant_changes",
    "variant_entry",
    "working_days_of",
]

Lang = Literal["vi", "en"]
JSON = dict[str, Any]


def json_days(value: float) -> int | float:
    """A number of working days as JSON shows it: whole numbers without a point, else two decimals."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def working_days_of(duration: Duration, cal: Calendar) -> float:
    """``duration`` in approximate working days on ``cal``'s office hours; "same day" is one day."""
    if duration.unit is TimeUnit.SAME_DAY:
        return 1.0
    return approximate_working_days(duration, session_hours=cal.session_hours, day_hours=cal.day_hours)


def _duration(duration: Duration | None) -> str | None:
    return None if duration is None else format_duration(duration, lang="en")


def text_dict(text: Text | None) -> dict[str, str] | None:
    """A text of the spec as JSON shows it: ``{lang: text}``."""
    return None if text is None else text.as_dict()


def _pair(old: Any, new: Any) -> JSON:
    return {"old": old, "new": new}


def time_pair(old: Duration | None, new: Duration | None, cal_old: Calendar, cal_new: Calendar) -> JSON:
    """``{old, new, old_working_days, new_working_days}``: the durations in English, and their size."""
    return {
        "old": _duration(old),
        "new": _duration(new),
        "old_working_days": None if old is None else json_days(approximate_working_days(
            old, session_hours=cal_old.session_hours, day_hours=cal_old.day_hours)),
        "new_working_days": None if new is None else json_days(approximate_working_days(
            new, session_hours=cal_new.session_hours, day_hours=cal_new.day_hours)),
    }


@dataclass(frozen=True, slots=True)
class Change:
    """One thing found in both versions that differs: its id and ``{field: {old, new}}``
    (a list field such as a step's checks as ``{removed, added}``)."""

    id: str
    title: dict[str, str] | None
    changes: dict[str, JSON]

    def as_dict(self) -> JSON:
        return {"id": self.id, "title": self.title, "changes": self.changes}


def step_entry(step: Step, cal: Calendar) -> JSON:
    return {"id": step.id, "title": text_dict(step.title), "unit": step.unit, "time": _duration(step.time),
            "working_days": json_days(working_days_of(step.time, cal)), "checks": list(step.checks)}


def _list_change(old: Sequence[str], new: Sequence[str]) -> JSON | None:
    removed = [x for x in old if x not in new]
    added = [x for x in new if x not in old]
    return {"removed": removed, "added": added} if removed or added else None


def step_changes(old: Step, new: Step, cal_old: Calendar, cal_new: Calendar) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    if old.unit != new.unit:
        changes["unit"] = _pair(old.unit, new.unit)
    if (old.time.value, old.time.unit) != (new.time.value, new.time.unit):
        changes["time"] = time_pair(old.time, new.time, cal_old, cal_new)
    checks = _list_change(old.checks, new.checks)
    if checks is not None:
        changes["checks"] = checks
    if text_dict(old.title) != text_dict(new.title):
        changes["title"] = _pair(text_dict(old.title), text_dict(new.title))
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


def placed_items(items: Sequence[DossierItem], group: RecordGroup | None = None) -> dict[str, _Placed]:
    out: dict[str, _Placed] = {}
    for item in items:
        out[item.id] = _Placed(item, group.id if group else None, group.is_choice if group else False)
        if isinstance(item, RecordGroup):
            out.update(placed_items(item.items, item))
    return out


def item_kind(item: DossierItem) -> str:
    if isinstance(item, Record):
        return "record"
    return "one_of" if item.is_choice else "all_of"


def record_entry(placed: _Placed) -> JSON:
    item = placed.item
    out: JSON = {"id": item.id, "kind": item_kind(item), "title": text_dict(item.title), "group": placed.group,
                 "in_choice": placed.choice}
    if isinstance(item, RecordGroup):
        out["items"] = [sub.id for sub in item.items]
    return out


def record_changes(old: DossierItem, new: DossierItem) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    if item_kind(old) != item_kind(new):
        changes["kind"] = _pair(item_kind(old), item_kind(new))
    for name in ("title", "when", "note"):
        a, b = text_dict(getattr(old, name)), text_dict(getattr(new, name))
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
    return {"title": text_dict(fee.title), "amount": None if fee.amount is None else _number(fee.amount),
            "currency": fee.currency, "text": text_dict(fee.text), "kind": fee.kind.value if fee.kind else None,
            "channel": fee.channel.value if fee.channel else None}


def _number(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def fees_entry(fees: tuple[Fee, ...] | None) -> JSON:
    """``{stated, free, items}``: not stated (no ``fees`` key), free (every item a known zero), or the items."""
    return {"stated": fees is not None, "free": fees_free(fees), "items": [_fee(f) for f in fees or ()]}


def _channel(option: ChannelOption) -> JSON:
    return {"channel": option.channel.value, "time_limit": _duration(option.time_limit),
            "committed_time": _duration(option.committed_time),
            "fees": None if option.fees is None else fees_entry(option.fees)}


def channels_diff(old: Sequence[ChannelOption], new: Sequence[ChannelOption], cal_old: Calendar,
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
                    fields[k] = time_pair(getattr(options_old[name], k), getattr(options_new[name], k),
                                           cal_old, cal_new)
            changed.append({"channel": name, "changes": fields})
    return {"old": list(by_old), "new": list(by_new),
            "removed": [n for n in by_old if n not in by_new], "added": [n for n in by_new if n not in by_old],
            "changed": changed, "terms": {"old": list(by_old.values()), "new": list(by_new.values())}}


def variant_entry(variant: Variant) -> JSON:
    return {"id": variant.id, "code": variant.code, "title": text_dict(variant.title),
            "time_limit": _duration(variant.time_limit), "committed_time": _duration(variant.committed_time)}


def variant_changes(old: Variant, new: Variant, cal_old: Calendar, cal_new: Calendar) -> dict[str, JSON]:
    changes: dict[str, JSON] = {}
    for name in ("time_limit", "committed_time"):
        a, b = getattr(old, name), getattr(new, name)
        if _duration(a) != _duration(b):
            changes[name] = time_pair(a, b, cal_old, cal_new)
    for name in ("title", "when"):
        if text_dict(getattr(old, name)) != text_dict(getattr(new, name)):
            changes[name] = _pair(text_dict(getattr(old, name)), text_dict(getattr(new, name)))
    if old.code != new.code:
        changes["code"] = _pair(old.code, new.code)
    for name in ("records", "results"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes[name] = _pair(None if a is None else list(a), None if b is None else list(b))
    if (old.channels, new.channels) != (None, None):
        channels = channels_diff(old.channels or (), new.channels or (), cal_old, cal_new)
        if channels["old"] != channels["new"] or channels["changed"] or (old.channels is None) != (new.channels is None):
            changes["channels"] = _pair(None if old.channels is None else channels["old"],
                                        None if new.channels is None else channels["new"])
    if old.fees != new.fees:
        changes["fees"] = _pair(None if old.fees is None else fees_entry(old.fees),
                                None if new.fees is None else fees_entry(new.fees))
    return changes
