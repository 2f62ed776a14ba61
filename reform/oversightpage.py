"""The oversight report as one HTML page of tables, for the agency's own staff and inspectors.

The page is one file with no script and no outside resource: its style sheet is inside it, and
its Content-Security-Policy allows nothing else. Every text from a spec or the store is escaped
(and its control characters shown as escapes). It names no applicant: a case is shown by its
dossier code only. Officers are public servants acting in office: their names, positions and
units appear, as on the forms they sign. Printed, it fits A4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from motcua.engine.spec.printable import visible
from motcua.reform.charts import Series, bar_chart
from motcua.reform.oversight_rows import JSON, Oversight
from motcua.reform.oversight_text import Lang, number, period_text, say, word
from motcua.reform.page import CONTENT_SECURITY_POLICY, document

__all__ = ["CONTENT_SECURITY_POLICY", "oversight_page"]


#: Column headings, short enough for a table.
_COLUMNS: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận", "Received"),
    "finished": ("Đã giải quyết", "Finished"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "overdue_open": ("Đang quá hạn", "Overdue open"),
    "apologies": ("Xin lỗi (Mẫu 04)", "Apologies (Form 04)"),
    "guide_once_breaches": ("Bổ sung lần 2+", "2nd+ supplement requests"),
    "steps_done": ("Bước đã xử lý", "Steps finished"),
    "steps_over_budget": ("Bước quá thời gian", "Steps over budget"),
    "measure": ("Chỉ số", "Measure"),
    "value": ("Giá trị", "Value"),
    "procedure": ("Thủ tục", "Procedure"),
    "unit": ("Đơn vị", "Unit"),
    "officer": ("Cán bộ", "Officer"),
    "position": ("Chức vụ", "Position"),
    "step": ("Bước", "Step"),
    "budget": ("Thời gian quy định", "Budget"),
    "visits": ("Số lượt", "Visits"),
    "spent_median": ("Trung vị thực tế (giờ làm việc)", "Median spent (working hours)"),
    "spent_max": ("Lâu nhất (giờ làm việc)", "Longest (working hours)"),
    "budget_hours": ("Định mức (giờ làm việc)", "Budget (working hours)"),
    "ratio": ("Thực tế / định mức", "Spent / budget"),
    "over_budget": ("Số lượt quá thời gian", "Visits over budget"),
    "case": ("Mã hồ sơ", "Dossier code"),
    "state": ("Đang ở", "Now at"),
    "due": ("Hẹn trả", "Appointment"),
    "overdue_hours": ("Quá hạn (giờ làm việc)", "Overdue (working hours)"),
    "at": ("Thời điểm", "When"),
    "new_due": ("Hẹn trả mới", "New appointment"),
    "request": ("Lần yêu cầu", "Request"),
    "summary": ("Tổng hợp", "Summary"),
    "charts": ("Biểu đồ", "Charts"),
    "chart_procedures": ("Hồ sơ theo thủ tục: đúng hạn, trễ hạn, đang quá hạn",
                         "Cases per procedure: on time, late, open and overdue"),
    "desc_procedures": ("Mỗi thủ tục một thanh chồng: số hồ sơ đã giải quyết đúng hạn, trễ hạn và đang giải quyết "
                        "quá hạn; số liệu ở bảng theo thủ tục.",
                        "One stacked bar per procedure: cases finished on time, finished late and open past "
                        "their appointment; the numbers are in the table by procedure."),
    "chart_units": ("Bước đã xử lý theo đơn vị: trong và quá thời gian quy định",
                    "Steps finished per unit: within and over their budget"),
    "desc_units": ("Mỗi đơn vị một thanh chồng: số bước của đơn vị đã xử lý trong thời gian quy định và quá thời "
                   "gian; số liệu ở bảng theo đơn vị.",
                   "One stacked bar per unit: its steps finished within their budget and over it; the numbers "
                   "are in the table by unit."),
    "chart_slowest": ("Các bước chậm nhất: thời gian thực tế so với định mức (trung vị)",
                      "Slowest steps: time spent against the budget (median)"),
    "desc_slowest": ("Mỗi bước một thanh: trung vị của thời gian thực tế chia cho thời gian quy định; 1 là đúng "
                     "định mức; số liệu ở bảng các bước chậm nhất.",
                     "One bar per step: the median of time spent divided by the step's budget; 1 is exactly "
                     "the budget; the numbers are in the table of the slowest steps."),
    "axis_cases": ("Số hồ sơ", "Cases"),
    "axis_steps": ("Số bước", "Steps"),
    "axis_ratio": ("Thực tế / định mức", "Spent / budget"),
    "within_budget": ("Trong thời gian", "Within budget"),
    "note_people": ("Trang không nêu tên người nộp hồ sơ; hồ sơ được nêu bằng mã hồ sơ.",
                    "The page names no applicant; a case is named by its dossier code."),
    "note_public": ("Số liệu tổng hợp; trang không nêu người nộp hồ sơ, cán bộ hay từng hồ sơ.",
                    "Counts only; the page names no applicant, no officer and no single case."),
    "note_late": ("Hồ sơ đã có văn bản xin lỗi được tính là trễ hạn, kể cả khi trả đúng hẹn mới.",
                  "A case apologised for counts as late, even when finished by the new appointment."),
}

_STYLE = """
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
td.bad { color: #9b2c2c; font-weight: bold; }
figure { margin: .5rem 0; border: 1px solid #cbd5e0; padding: .5rem; max-width: 760px; }
code { font-size: .85rem; overflow-wrap: anywhere; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  table { font-size: 8pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  figure { break-inside: avoid; border: none; padding: 0; }
}
"""


def _c(key: str, lang: Lang) -> str:
    vi, en = _COLUMNS[key]
    return vi if lang == "vi" else en


def _e(text: Any) -> str:
    return escape(visible(" ".join(str(text).split())), quote=True)


def _n(value: Any, lang: Lang) -> str:
    return "—" if value is None else _e(number(value, lang))


def _table(ident: str, caption: str, heads: Sequence[str], rows: Sequence[Sequence[str]], lang: Lang) -> str:
    """A table: ``heads`` already in ``lang``; each row's first cell a row heading (HTML given)."""
    if not rows:
        return f'<p id="{ident}" class="note">{_e(caption)}: {_e(word("none", lang))}</p>'
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in heads)
    body = "\n".join(f'<tr><th scope="row">{r[0]}</th>{"".join(r[1:])}</tr>' for r in rows)
    return (f'<table id="{ident}">\n<caption>{_e(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>")  # fmt: skip


def _cell(value: Any, lang: Lang, *, bad: bool = False) -> str:
    cls = "n bad" if bad and value else "n"
    return f'<td class="{cls}">{_n(value, lang)}</td>'


def _text(value: Any) -> str:
    return f"<td>{_e(value)}</td>" if value is not None else "<td>—</td>"


_COUNTS = ("received", "finished", "on_time", "late", "overdue_open", "apologies", "guide_once_breaches",
           "steps_done", "steps_over_budget")  # fmt: skip
_BAD = {"late", "overdue_open", "apologies", "guide_once_breaches", "steps_over_budget"}


def _count_rows(rows: Sequence[JSON], lang: Lang, name: Callable[[JSON], tuple[str, list[str]]]) -> list[list[str]]:
    out = []
    for r in rows:
        head, extra = name(r)
        out.append([head, *extra, *(_cell(r[k], lang, bad=k in _BAD) for k in _COUNTS)])
    return out


def _summary(doc: JSON, lang: Lang) -> str:
    keys = ("cases", "carried_over", "received", "finished", "on_time", "late", "open", "overdue_open",
            "apologies", "guide_once_breaches", "guide_once_cases", "steps_done", "steps_over_budget")  # fmt: skip
    rows = [[_e(word(k, lang)), _cell(doc[k], lang, bad=k in _BAD)] for k in keys]
    rate = doc["on_time_rate"]
    shown = None if rate is None else f"{number(round(rate * 100, 1), lang)} %"
    rows.append([_e(word("on_time_rate", lang)), f'<td class="n">{_e(shown or "—")}</td>'])
    return _table("summary", _c("summary", lang), [_c("measure", lang), _c("value", lang)], rows, lang)


def _procedure_name(r: JSON, lang: Lang) -> str:
    return f"{_e(say(r['title'], lang, r['procedure']))}<br><code>{_e(r['agency'] + '/' + r['procedure'])}</code>"


def _steps(ident: str, caption: str, rows: Sequence[JSON], lang: Lang) -> str:
    heads = [_c(k, lang) for k in ("step", "procedure", "unit", "budget", "visits", "spent_median", "spent_max",
                                   "budget_hours", "ratio", "over_budget")]  # fmt: skip
    body = []
    for s in rows:
        ratio = s["ratio_median"]
        body.append([
            f"{_e(say(s['step_title'], lang, s['step']))}<br><code>{_e(s['step'])}</code>",
            f"<td>{_procedure_name(s, lang)}</td>", _text(s["unit"]), _text(s["budget"][lang]),
            _cell(s["visits"], lang), _cell(s["spent_hours_median"], lang), _cell(s["spent_hours_max"], lang),
            _cell(s["budget_hours_median"], lang),
            f'<td class="n{" bad" if ratio is not None and ratio > 1 else ""}">{_n(ratio, lang)}</td>',
            _cell(s["over_budget"], lang, bad=True),
        ])  # fmt: skip
    return _table(ident, caption, heads, body, lang)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>\n<figcaption>{_e(caption)}</figcaption>\n{svg}</figure>"


def _charts(doc: JSON, lang: Lang) -> str:
    """Bar charts of the cases per procedure, the steps per unit and the slowest steps (none
    when there is nothing to draw); every number is also in a table."""
    figures = []
    procedures = [r for r in doc["procedures"] if r["finished"] or r["overdue_open"]]
    if procedures:
        svg = bar_chart([r["procedure"] for r in procedures],
                        [Series(_c(k, lang), tuple(float(r[k]) for r in procedures))
                         for k in ("on_time", "late", "overdue_open")],
                        axis=_c("axis_cases", lang), prefix="chart-procedures", title=_c("chart_procedures", lang),
                        desc=_c("desc_procedures", lang), stacked=True)  # fmt: skip
        figures.append(_figure(svg, _c("chart_procedures", lang)))
    units = [r for r in doc["units"] if r["steps_done"]]
    if units:
        svg = bar_chart([f"{r['unit']} ({r['agency']})" for r in units],
                        [Series(_c("within_budget", lang), tuple(float(r["steps_done"] - r["steps_over_budget"])
                                                                   for r in units)),
                         Series(_c("steps_over_budget", lang), tuple(float(r["steps_over_budget"]) for r in units))],
                        axis=_c("axis_steps", lang), prefix="chart-units", title=_c("chart_units", lang),
                        desc=_c("desc_units", lang), stacked=True)  # fmt: skip
        figures.append(_figure(svg, _c("chart_units", lang)))
    slowest = doc["slowest_steps"]
    if slowest:
        svg = bar_chart([f"{s['step']} ({s['procedure']})" for s in slowest],
                        [Series(_c("ratio", lang), tuple(s["ratio_median"] for s in slowest))],
                        axis=_c("axis_ratio", lang), prefix="chart-slowest", title=_c("chart_slowest", lang),
                        desc=_c("desc_slowest", lang))  # fmt: skip
        figures.append(_figure(svg, _c("chart_slowest", lang)))
    if not figures:
        return ""
    return f'<h2 id="charts">{_e(_c("charts", lang))}</h2>\n' + "\n".join(figures)


def _people(officers: str, overdue: str, apologies: str, breaches: str, lang: Lang) -> str:
    """The sections that name officers and cases, for the agency's own page."""
    return f"""<h2 id="by-officer">{_e(word("officers", lang))}</h2>
{officers}
<h2 id="open-overdue">{_e(word("overdue_list", lang))}</h2>
{overdue}
<h2 id="apologies-issued">{_e(word("apology_list", lang))}</h2>
{apologies}
<h2 id="guide-once">{_e(word("breach_list", lang))}</h2>
{breaches}"""


def oversight_page(report: Oversight, *, lang: Lang = "vi", public: bool = False) -> str:
    """The oversight report as a standalone HTML page in ``lang``.

    ``public``: the page for the published site, with the counts only: no officer, and no list
    of cases (overdue, apologised for, asked twice for a supplement).
    """
    doc = report.as_dict()
    counts = [_c(k, lang) for k in _COUNTS]
    procedures = _table("procedures", word("procedures", lang), [_c("procedure", lang), *counts], _count_rows(
        doc["procedures"], lang, lambda r: (_procedure_name(r, lang), [])), lang)  # fmt: skip
    units = _table("units", word("units", lang), [_c("unit", lang), *counts], _count_rows(
        doc["units"], lang,
        lambda r: (f"{_e(say(r['title'], lang, r['unit']))}<br><code>{_e(r['agency'] + '/' + r['unit'])}</code>", [])),
        lang)  # fmt: skip
    officers = _table("officers", word("officers", lang), [_c("officer", lang), _c("position", lang), _c("unit", lang),
                                                           *counts], _count_rows(
        doc["officers"], lang,
        lambda r: (f"{_e(r['name'])}<br><code>{_e(r['officer'])}</code>",
                   [_text(r["position"]), _text(f"{r['agency']}/{r['unit']}")])), lang)  # fmt: skip
    overdue = _table("overdue", word("overdue_list", lang),
                     [_c(k, lang) for k in ("case", "procedure", "state", "unit", "due", "overdue_hours")],
                     [[f"<code>{_e(o['case'])}</code>", _text(f"{o['agency']}/{o['procedure']}"), _text(o["state"]),
                       _text(o["unit"]), _text(o["due"]), _cell(o["overdue_hours"], lang, bad=True)]
                      for o in doc["overdue_cases"]], lang)  # fmt: skip
    apologies = _table("apologies", word("apology_list", lang),
                       [_c(k, lang) for k in ("case", "procedure", "at", "officer", "unit", "due", "new_due")],
                       [[f"<code>{_e(a['case'])}</code>", _text(f"{a['agency']}/{a['procedure']}"), _text(a["at"]),
                         _text(f"{a['name']} ({a['officer']})"), _text(a["unit"]), _text(a["due_before"]),
                         _text(a["new_due"])] for a in doc["apologies_issued"]], lang)  # fmt: skip
    breaches = _table("breaches", word("breach_list", lang),
                      [_c(k, lang) for k in ("case", "procedure", "at", "request", "step", "officer", "unit")],
                      [[f"<code>{_e(b['case'])}</code>", _text(f"{b['agency']}/{b['procedure']}"), _text(b["at"]),
                        _cell(b["request"], lang), _text(b["step"]), _text(f"{b['name']} ({b['officer']})"),
                        _text(b["unit"])] for b in doc["breaches"]], lang)  # fmt: skip
    title = word("title", lang)
    period = period_text(doc, lang)
    body = f"""<h1>{_e(title)}</h1>
<p class="note">{_e(word("period", lang))}: {_e(period)}. {_e(word("at", lang))}: {_e(doc["at"])}.</p>
<p class="note">{_e(_c("note_public" if public else "note_people", lang))} {_e(_c("note_late", lang))}</p>
{_summary(doc, lang)}
{_charts(doc, lang)}
<h2 id="slowest-steps">{_e(word("slowest", lang))}</h2>
{_steps("slowest", word("slowest", lang), doc["slowest_steps"], lang)}
<h2 id="by-procedure">{_e(word("procedures", lang))}</h2>
{procedures}
<h2 id="by-unit">{_e(word("units", lang))}</h2>
{units}
{"" if public else _people(officers, overdue, apologies, breaches, lang)}
<h2 id="step-times">{_e(word("step_table", lang))}</h2>
{_steps("steps", word("step_table", lang), doc["steps"], lang)}"""
    return document(lang, f"{title} ({period})", _STYLE, body)
