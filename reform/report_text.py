"""The catalogue report as text for people, in Vietnamese or English (``motcua report --format
text``), and the interface words, numbers and one-sentence summary the HTML page
(``reform.reportpage``) shares with it.
"""

from __future__ import annotations

from typing import Literal

from motcua.reform.report import JSON, NOTES, CatalogReport
from motcua.reform.words import pick, say

__all__ = ["Lang", "format_text", "number", "summary", "word"]

Lang = Literal["vi", "en"]

_WORDS: dict[str, tuple[str, str]] = {
    "heading": ("Báo cáo danh mục thủ tục hành chính", "Report on the catalogue of procedures"),
    "on": ("Các phiên bản có hiệu lực ngày", "Versions in force on"),
    "total": ("Toàn danh mục", "Whole catalogue"),
    "by_agency": ("Theo cơ quan", "By agency"),
    "by_field": ("Theo lĩnh vực", "By field"),
    "by_level": ("Theo cấp", "By level"),
    "procedures": ("thủ tục", "procedures"),
    "legal": ("thời hạn luật định (trung vị)", "legal limit (median)"),
    "committed": ("thời gian cam kết (trung vị)", "committed time (median)"),
    "cut": ("cắt giảm (trung vị)", "cut (median)"),
    "records": ("thành phần hồ sơ (trung vị)", "records (median)"),
    "steps": ("bước (trung vị)", "steps (median)"),
    "handoffs": ("chuyển giao (trung vị)", "hand-offs (median)"),
    "online": ("trực tuyến", "online"),
    "free": ("miễn phí", "free"),
    "charged": ("có thu phí", "charged"),
    "not_stated": ("chưa nêu phí", "fees not stated"),
    "days": ("ngày làm việc", "working days"),
    "stating": ("thủ tục có ghi", "stating it"),
    "none": ("không ghi", "not stated"),
    "reform": ("Cải cách theo chuỗi phiên bản (supersedes)", "Reform along the supersedes chains"),
    "no_chain": ("Không có chuỗi phiên bản nào.", "No chain of versions."),
    "how": ("Cách tính", "How it is counted"),
    "versions": ("phiên bản", "versions"),
    "old_new": ("cũ → mới", "old → new"),
    "simplified_yes": ("đã đơn giản hoá", "simplified"),
    "simplified_no": ("chưa đơn giản hoá", "not simplified"),
}


def word(key: str, lang: Lang) -> str:
    """An interface word of the report in ``lang``."""
    return pick(_WORDS, key, lang)


def number(value: float | None, lang: Lang) -> str:
    """A number as people read it: a decimal comma in Vietnamese; a dash when there is none."""
    if value is None:
        return "–"
    text = str(value)
    return text.replace(".", ",") if lang == "vi" else text


def summary(reform: JSON, lang: Lang) -> str:
    """The reform in one sentence: N procedures simplified, X working days and Y records cut."""
    n, x, y = reform["simplified"], number(reform["working_days_cut"], lang), reform["records_cut"]
    if lang == "vi":
        return f"{n}/{reform['chains']} thủ tục được đơn giản hoá, cắt giảm {x} ngày làm việc và {y} thành phần hồ sơ."
    return f"{n} of {reform['chains']} procedures simplified, {x} working days and {y} records cut."


def _in_days(value: float | None, lang: Lang) -> str:
    return "–" if value is None else f"{number(value, lang)} {word('days', lang)}"


def _in_percent(value: float | None, lang: Lang) -> str:
    return "–" if value is None else f"{number(value, lang)} %"


def _group_lines(g: JSON, lang: Lang) -> list[str]:
    if not g["procedures"]:
        return [f"  {word('procedures', lang)}: 0"]
    return [
        f"  {word('procedures', lang)}: {g['procedures']}",
        f"  {word('legal', lang)}: {_in_days(g['median_legal_working_days'], lang)} "
        f"({g['legal_time_stated']} {word('stating', lang)})",
        f"  {word('committed', lang)}: {_in_days(g['median_committed_working_days'], lang)} "
        f"({g['committed_time_stated']} {word('stating', lang)})",
        f"  {word('cut', lang)}: {_in_percent(g['median_cut_percent'], lang)}",
        f"  {word('records', lang)}: {number(g['median_records'], lang)}; {word('steps', lang)}: "
        f"{number(g['median_steps'], lang)}; {word('handoffs', lang)}: {number(g['median_handoffs'], lang)}",
        f"  {word('online', lang)}: {g['online']} ({_in_percent(g['online_share_percent'], lang)}); "
        f"{word('free', lang)}: {g['free']}; {word('charged', lang)}: {g['charged']}; "
        f"{word('not_stated', lang)}: {g['fees_not_stated']}",
    ]


def _chain_lines(c: JSON, lang: Lang) -> list[str]:
    old, new = c["old"], c["new"]
    state = word("simplified_yes" if c["simplified"] else "simplified_no", lang)
    pairs = [("legal", "legal_working_days"), ("committed", "committed_working_days"),
             ("records", "records"), ("steps", "steps"), ("handoffs", "handoffs")]
    lines = [f"- {c['procedure']} ({say(c['title'], lang)}): {' → '.join(c['versions'])}, {state}"]
    for label, key in pairs:
        name = word(label, lang).split(" (")[0]
        lines.append(f"    {name}: {number(old[key], lang)} → {number(new[key], lang)}")
    return lines


def format_text(report: CatalogReport, *, lang: Lang = "vi") -> str:
    """The report for people in ``lang``: the catalogue, each grouping, the reform and how it counts."""
    doc = report.as_dict()
    lines = [word("heading", lang), f"{word('on', lang)} {doc['on']} ({doc['catalog']})", "",
             f"{word('total', lang)}:", *_group_lines(doc["total"], lang)]
    for key in ("by_agency", "by_field", "by_level"):
        lines += ["", f"{word(key, lang)}:"]
        for g in doc[key]:
            named = f"{g['id']} ({say(g['title'], lang)})" if g["title"] else g["id"]
            lines += [f"* {named}", *_group_lines(g, lang)]
    reform = doc["reform"]
    lines += ["", f"{word('reform', lang)}:"]
    if reform["chains"]:
        lines.append(summary(reform, lang))
        for c in reform["by_chain"]:
            lines += _chain_lines(c, lang)
    else:
        lines.append(word("no_chain", lang))
    lines += ["", f"{word('how', lang)}:", *(f"- {vi if lang == 'vi' else en}" for vi, en in NOTES)]
    return "\n".join(lines) + "\n"
