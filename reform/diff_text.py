"""``motcua diff``'s report for people: a :class:`ProcedureDiff` as plain text in Vietnamese or
English (``format_text``), and the words and phrasings it is made of (changed fields, fees,
channels, durations), which the HTML page (``reform.diffpage``) shares.
"""

from __future__ import annotations

from typing import Any

from motcua.engine.spec.durations import format_duration
from motcua.reform.diff import ProcedureDiff
from motcua.reform.diff_parts import JSON, Lang
from motcua.reform.words import pick, say

__all__ = ["change_lines", "channel_name", "channel_terms", "fees_summary", "format_text", "say_duration", "word"]

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
    return pick(_WORDS, key, lang)


def channel_name(name: str, lang: Lang) -> str:
    vi, en = _CHANNELS.get(name, (name, name))
    return vi if lang == "vi" else en


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
        return say(value, lang)
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
        amount = f"{_amount(f['amount'], lang)} {f['currency']}" if f["amount"] is not None else say(f["text"], lang)
        title = say(f["title"], lang)
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
           say(doc["new"]["title"], lang), ""]

    def section(key: str, lines: list[str]) -> None:
        out.append(f"{word(key, lang)}:")
        out.extend(f"  - {line}" for line in lines or [word("none", lang)])

    section("steps_removed", [f"{s['id']}: {say(s['title'], lang, s['id'])} ({s['unit']}, "
                              f"{say_duration(s['time'], lang)})" for s in doc["steps_removed"]])
    section("steps_added", [f"{s['id']}: {say(s['title'], lang, s['id'])} ({s['unit']}, "
                            f"{say_duration(s['time'], lang)})" for s in doc["steps_added"]])
    section("steps_changed", [f"{c['id']}: {'; '.join(change_lines(c['changes'], lang))}" for c in doc["steps_changed"]])
    section("records_removed", [f"{r['id']}: {say(r['title'], lang)}" for r in doc["records_removed"]])
    section("records_added", [f"{r['id']}: {say(r['title'], lang)} ({_place(r['group'], r['in_choice'], lang)})"
                              for r in doc["records_added"]])
    if doc["records_moved"]:
        section("records_moved", [f"{r['id']}: {_place(r['old_group'], r['old_in_choice'], lang)} → "
                                  f"{_place(r['new_group'], r['new_in_choice'], lang)}" for r in doc["records_moved"]])
    if doc["records_changed"]:
        section("records_changed", [f"{c['id']}: {'; '.join(change_lines(c['changes'], lang))}"
                                    for c in doc["records_changed"]])
    if doc["variants_removed"] or doc["variants_added"] or doc["variants_changed"]:
        section("variants_removed", [f"{v['id']}: {say(v['title'], lang)}" for v in doc["variants_removed"]])
        section("variants_added", [f"{v['id']}: {say(v['title'], lang)}" for v in doc["variants_added"]])
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
        section("legal_basis", [f"{word('removed', lang)} {b['id']}: {say(b['title'], lang)}" for b in basis["removed"]]
                + [f"{word('added', lang)} {b['id']}: {say(b['title'], lang)}" for b in basis["added"]])
    section("handoffs", [f"{doc['handoffs']['old']} → {doc['handoffs']['new']}"])
    for key in ("time_limit", "committed_time"):
        t = doc[key]
        section(key, [f"{say_duration(t['old'], lang)} → {say_duration(t['new'], lang)}" + _sizes(t, lang)])
    slow = doc["slowest_path"]
    section("slowest_path", [f"{' → '.join(slow[v]['steps'])}: {_days_text(slow[v]['working_days'], lang)}"
                             for v in ("old", "new")])
    return "\n".join(out) + "\n"
