"""The oversight report as text for people, in Vietnamese or English (``motcua oversight
--format text``), and the interface words, numbers and periods the HTML page
(``reform.oversightpage``) shares with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from motcua.reform.oversight_rows import JSON, Oversight
from motcua.reform.words import pick

__all__ = ["COUNTS", "Lang", "format_text", "number", "period_text", "say", "word"]

Lang = Literal["vi", "en"]

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Báo cáo giám sát giải quyết hồ sơ", "Oversight of dossiers handled"),
    "period": ("Kỳ báo cáo", "Period"),
    "all_time": ("toàn bộ thời gian", "all time"),
    "at": ("Thời điểm xét quá hạn", "Overdue judged at"),
    "cases": ("Hồ sơ trong kỳ", "Cases in the period"),
    "carried_over": ("Kỳ trước chuyển sang", "Carried over"),
    "received": ("Tiếp nhận", "Received"),
    "finished": ("Đã giải quyết", "Finished"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "open": ("Đang giải quyết", "Open"),
    "overdue_open": ("Đang giải quyết quá hạn", "Open and overdue"),
    "apologies": ("Văn bản xin lỗi (Mẫu 04)", "Apologies (Form 04)"),
    "guide_once_breaches": ("Yêu cầu bổ sung lần thứ hai trở đi (vi phạm hướng dẫn một lần)",
                            "Second or later supplement requests (guide-once breaches)"),
    "guide_once_cases": ("Hồ sơ bị yêu cầu bổ sung nhiều lần", "Cases asked for supplements more than once"),
    "steps_done": ("Bước đã xử lý", "Steps finished"),
    "steps_over_budget": ("Bước quá thời gian", "Steps over budget"),
    "procedures": ("Theo thủ tục", "By procedure"),
    "units": ("Theo đơn vị", "By unit"),
    "officers": ("Theo cán bộ", "By officer"),
    "slowest": ("Các bước chậm nhất so với thời gian quy định", "Slowest steps against their budget"),
    "step_table": ("Thời gian xử lý từng bước", "Time spent per step"),
    "overdue_list": ("Hồ sơ đang quá hạn", "Open cases overdue"),
    "apology_list": ("Văn bản xin lỗi đã ban hành", "Apologies issued"),
    "breach_list": ("Yêu cầu bổ sung vi phạm hướng dẫn một lần", "Supplement requests breaching guide once"),
    "none": ("không có", "none"),
    "row_received": ("tiếp nhận", "received"),
    "row_finished": ("đã giải quyết", "finished"),
    "row_on_time": ("đúng hạn", "on time"),
    "row_late": ("trễ hạn", "late"),
    "row_overdue_open": ("đang quá hạn", "open and overdue"),
    "row_apologies": ("xin lỗi", "apologies"),
    "row_guide_once_breaches": ("bổ sung lần 2 trở đi", "second or later supplement requests"),
    "row_steps_done": ("bước đã xử lý", "steps finished"),
    "row_steps_over_budget": ("bước quá thời gian", "steps over budget"),
    "visits": ("lượt", "visits"),
    "visit": ("lượt", "visit"),
    "over_budget_visits": ("lượt quá thời gian", "over budget"),
    "spent": ("thời gian thực tế (giờ làm việc): trung vị", "spent (working hours): median"),
    "longest": ("lâu nhất", "longest"),
    "budget": ("định mức", "budget"),
    "ratio": ("thực tế / định mức", "spent / budget"),
    "hours": ("giờ làm việc", "working hours"),
    "due": ("hẹn trả", "due"),
    "overdue_by": ("quá", "overdue by"),
    "request": ("lần", "request"),
    "by": ("bởi", "by"),
    "new_due": ("hẹn mới", "new appointment"),
}


def word(key: str, lang: Lang) -> str:
    """An interface word of the report in ``lang``."""
    return pick(_WORDS, key, lang)


def say(title: JSON | None, lang: Lang, fallback: str = "") -> str:
    """A text of the spec (``{vi, en}``) in ``lang``, else its first language, else ``fallback``."""
    if not title:
        return fallback
    return str(title.get(lang) or next(iter(title.values())))


def number(value: float, lang: Lang) -> str:
    """A number as people read it: a decimal comma in Vietnamese."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "vi" else text


def period_text(doc: JSON, lang: Lang) -> str:
    first, last = doc["from"], doc["to"]
    if first is None and last is None:
        return word("all_time", lang)
    return f"{first or '…'} – {last or '…'}"


#: The counts of a row, in the order tables show them.
COUNTS = ("received", "finished", "on_time", "late", "overdue_open", "apologies", "guide_once_breaches",
          "steps_done", "steps_over_budget")  # fmt: skip


def format_text(report: Oversight, *, lang: Lang = "vi") -> str:
    """The report for people, in Vietnamese or English."""
    from motcua.engine.spec.printable import visible

    doc = report.as_dict()
    lines = [word("title", lang), "",
             f"{word('period', lang)}: {period_text(doc, lang)}",
             f"{word('at', lang)}: {doc['at']}", ""]  # fmt: skip
    for key in ("cases", "carried_over", "received", "finished", "on_time", "late", "open", "overdue_open",
                "apologies", "guide_once_breaches", "guide_once_cases", "steps_done", "steps_over_budget"):  # fmt: skip
        lines.append(f"  {word(key, lang)}: {doc[key]}")
    rate = doc["on_time_rate"]
    lines.append(f"  {word('on_time_rate', lang)}: {'—' if rate is None else number(round(rate * 100, 1), lang) + ' %'}")
    lines += _rows(doc["procedures"], "procedures", lang, lambda r: f"{r['agency']}/{r['procedure']}  {say(r['title'], lang)}")
    lines += _rows(doc["units"], "units", lang, lambda r: f"{r['agency']}/{r['unit']}  {say(r['title'], lang)}")
    lines += _rows(doc["officers"], "officers", lang,
                   lambda r: f"{r['officer']}  {r['name']}, {r['position']} ({r['agency']}/{r['unit']})")
    lines += ["", word("slowest", lang)]
    lines += [line for s in doc["slowest_steps"] for line in _step_lines(s, lang)] or [f"  {word('none', lang)}"]
    lines += ["", word("step_table", lang)]
    lines += [line for s in doc["steps"] for line in _step_lines(s, lang)] or [f"  {word('none', lang)}"]
    lines += ["", word("overdue_list", lang)]
    lines += [f"  {o['case']}  {o['agency']}/{o['procedure']}  {o['state']}  {word('due', lang)} {o['due']}  "
              f"{word('overdue_by', lang)} {number(o['overdue_hours'], lang)} {word('hours', lang)}"
              for o in doc["overdue_cases"]] or [f"  {word('none', lang)}"]  # fmt: skip
    lines += ["", word("apology_list", lang)]
    lines += [f"  {a['case']}  {a['at']}  {word('by', lang)} {a['officer']} ({a['name']}, {a['unit']})  "
              f"{word('due', lang)} {a['due_before']} → {word('new_due', lang)} {a['new_due']}"
              for a in doc["apologies_issued"]] or [f"  {word('none', lang)}"]  # fmt: skip
    lines += ["", word("breach_list", lang)]
    lines += [f"  {b['case']}  {b['at']}  {word('request', lang)} {b['request']}  {b['step']}  "
              f"{word('by', lang)} {b['officer']} ({b['name']}, {b['unit']})"
              for b in doc["breaches"]] or [f"  {word('none', lang)}"]  # fmt: skip
    return "\n".join(visible(line) for line in lines) + "\n"


def _rows(rows: list[JSON], heading: str, lang: Lang, name: Callable[[JSON], str]) -> list[str]:
    out = ["", word(heading, lang)]
    if not rows:
        return out + [f"  {word('none', lang)}"]
    for r in rows:
        counts = ", ".join(f"{word('row_' + k, lang)} {r[k]}" for k in COUNTS)
        out += [f"  {name(r)}", f"    {counts}"]
    return out


def _step_lines(s: JSON, lang: Lang) -> list[str]:
    """The step, its unit and procedure; then its visits and times against its budget."""
    ratio = "—" if s["ratio_median"] is None else number(s["ratio_median"], lang)
    visits = word("visit" if s["visits"] == 1 else "visits", lang)
    return [f"  {s['step']}  {say(s['step_title'], lang)} [{s['unit']}], {s['agency']}/{s['procedure']}",
            f"    {word('budget', lang)} {s['budget'][lang]}; {s['visits']} {visits}, {s['over_budget']} "
            f"{word('over_budget_visits', lang)}; {word('spent', lang)} {number(s['spent_hours_median'], lang)}, "
            f"{word('longest', lang)} {number(s['spent_hours_max'], lang)}, {word('budget', lang)} "
            f"{number(s['budget_hours_median'], lang)}; {word('ratio', lang)} {ratio}"]
