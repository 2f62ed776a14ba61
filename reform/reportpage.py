"""The report of a catalogue as one HTML page: the reform in a sentence, charts drawn by matplotlib
into inline SVG, and every number of the charts again in tables.

The page is one file with no script and no outside resource: its style sheet is inside it and its
Content-Security-Policy allows nothing else. Every text from a spec is escaped; each chart has a
``<title>`` and a ``<desc>`` and a table with its numbers beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from motcua.reform.charts import Series, bar_chart
from motcua.reform.page import CONTENT_SECURITY_POLICY, document
from motcua.reform.report import JSON, NOTES, CatalogReport
from motcua.reform.report_text import Lang, number, summary, word
from motcua.reform.words import e, pick, say

__all__ = ["CONTENT_SECURITY_POLICY", "report_page"]


_PAGE_WORDS: dict[str, tuple[str, str]] = {
    "charts_times": ("Thời hạn luật định và thời gian cam kết (trung vị, ngày làm việc)",
                     "Legal limit and committed time (median, working days)"),
    "charts_size": ("Thành phần hồ sơ, bước và chuyển giao (trung vị)", "Records, steps and hand-offs (median)"),
    "charts_fees": ("Phí và lệ phí (số thủ tục)", "Fees (number of procedures)"),
    "chain_times": ("Thời hạn luật định trước và sau (ngày làm việc)", "Legal limit before and after (working days)"),
    "chain_records": ("Thành phần hồ sơ trước và sau", "Records before and after"),
    "axis_days": ("ngày làm việc", "working days"),
    "axis_count": ("số lượng", "count"),
    "axis_procedures": ("số thủ tục", "procedures"),
    "group": ("Nhóm", "Group"),
    "title_col": ("Tên", "Title"),
    "chain_col": ("Thủ tục", "Procedure"),
    "old": ("cũ", "old"),
    "new": ("mới", "new"),
    "result": ("Kết quả", "Result"),
    "desc_times": ("Biểu đồ thanh ngang: với mỗi cơ quan, trung vị thời hạn luật định và thời gian cam kết; "
                   "số liệu có trong bảng bên dưới.",
                   "Horizontal bars: for each agency, the median legal limit and committed time; the numbers "
                   "are in the table below."),
    "desc_size": ("Biểu đồ thanh ngang: với mỗi cơ quan, trung vị số thành phần hồ sơ, số bước và số lần "
                  "chuyển giao; số liệu có trong bảng bên dưới.",
                  "Horizontal bars: for each agency, the median number of records, steps and hand-offs; the "
                  "numbers are in the table below."),
    "desc_fees": ("Biểu đồ thanh xếp chồng: với mỗi cơ quan, số thủ tục miễn phí, có thu phí và chưa nêu "
                  "phí; số liệu có trong bảng bên dưới.",
                  "Stacked bars: for each agency, the procedures that are free, charged and whose fees are not "
                  "stated; the numbers are in the table below."),
    "desc_chain": ("Biểu đồ thanh ngang: với mỗi chuỗi phiên bản, phiên bản cũ nhất và mới nhất; số liệu có "
                   "trong bảng bên dưới.",
                   "Horizontal bars: for each chain of versions, its oldest and newest version; the numbers are "
                   "in the table below."),
    "procedures_list": ("Các thủ tục có hiệu lực", "Procedures in force"),
    "none_in_force": ("Không có thủ tục nào có hiệu lực vào ngày này.", "No procedure is in force on this day."),
}

_STYLE = """
body { margin: 0 auto; max-width: 1200px; padding: 1rem; line-height: 1.45; }
.lead { font-size: 1.1rem; font-weight: bold; }
.scroll { overflow-x: auto; }
figure { margin: .5rem 0; border: 1px solid #cbd5e0; padding: .5rem; max-width: 760px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  figure { break-inside: avoid; border: none; padding: 0; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
}
"""

#: The columns of a group table: the key of the group's JSON and the word that heads it.
_COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("procedures", ("Số thủ tục", "Procedures")),
    ("median_legal_working_days", ("Thời hạn luật định (trung vị, ngày làm việc)", "Legal limit (median, working days)")),
    ("median_committed_working_days", ("Thời gian cam kết (trung vị, ngày làm việc)",
                                       "Committed time (median, working days)")),
    ("median_cut_percent", ("Cắt giảm (trung vị, %)", "Cut (median, %)")),
    ("median_records", ("Thành phần hồ sơ (trung vị)", "Records (median)")),
    ("median_steps", ("Bước (trung vị)", "Steps (median)")),
    ("median_handoffs", ("Chuyển giao (trung vị)", "Hand-offs (median)")),
    ("online", ("Trực tuyến", "Online")),
    ("online_share_percent", ("Tỷ lệ trực tuyến (%)", "Online share (%)")),
    ("free", ("Miễn phí", "Free")),
    ("charged", ("Có thu phí", "Charged")),
    ("fees_not_stated", ("Chưa nêu phí", "Fees not stated")),
)

_CHAIN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("legal_working_days", "legal"), ("committed_working_days", "committed"), ("records", "records"),
    ("steps", "steps"), ("handoffs", "handoffs"),
)


def _w(key: str, lang: Lang) -> str:
    return pick(_PAGE_WORDS, key, lang)


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def _group_table(key: str, groups: Sequence[JSON], lang: Lang) -> str:
    head = "".join(f'<th scope="col">{e(_pick(label, lang))}</th>' for _, label in _COLUMNS)
    rows = []
    for g in groups:
        cells = "".join(f'<td class="n">{e(number(g[col], lang))}</td>' for col, _ in _COLUMNS)
        rows.append(f'<tr><th scope="row">{e(g["id"])}</th><td>{e(say(g["title"], lang, g["id"]))}</td>{cells}</tr>')
    return (f'<div class="scroll"><table id="table-{e(key)}"><caption>{e(word(key, lang))}</caption>\n'
            f'<thead><tr><th scope="col">{e(_w("group", lang))}</th><th scope="col">{e(_w("title_col", lang))}</th>'
            f'{head}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>")


def _figure(svg: str, caption: str) -> str:
    return f"<figure>\n<figcaption>{e(caption)}</figcaption>\n{svg}</figure>"


def _agency_charts(agencies: Sequence[JSON], lang: Lang) -> str:
    shown = [g for g in agencies if g["procedures"]]
    if not shown:
        return ""
    names = [g["id"] for g in shown]

    def series(key: str, label: str) -> Series:
        return Series(label, tuple(g[key] for g in shown))

    times = bar_chart(names, [series("median_legal_working_days", word("legal", lang)),
                              series("median_committed_working_days", word("committed", lang))],
                      axis=_w("axis_days", lang), prefix="chart-times", title=_w("charts_times", lang),
                      desc=_w("desc_times", lang))
    size = bar_chart(names, [series("median_records", word("records", lang)),
                             series("median_steps", word("steps", lang)),
                             series("median_handoffs", word("handoffs", lang))],
                     axis=_w("axis_count", lang), prefix="chart-size", title=_w("charts_size", lang),
                     desc=_w("desc_size", lang))
    fees = bar_chart(names, [series("free", word("free", lang)), series("charged", word("charged", lang)),
                             series("fees_not_stated", word("not_stated", lang))],
                     axis=_w("axis_procedures", lang), prefix="chart-fees", title=_w("charts_fees", lang),
                     desc=_w("desc_fees", lang), stacked=True)
    return "\n".join(_figure(svg, _w(key, lang)) for svg, key in
                     ((times, "charts_times"), (size, "charts_size"), (fees, "charts_fees")))


def _chain_section(reform: JSON, lang: Lang) -> str:
    chains = reform["by_chain"]
    if not chains:
        return f'<p>{e(word("no_chain", lang))}</p>'
    names = [c["procedure"].rpartition("/")[2] for c in chains]
    old, new = _w("old", lang), _w("new", lang)
    charts = []
    for key, title, prefix in (("legal_working_days", "chain_times", "chart-chain-times"),
                               ("records", "chain_records", "chart-chain-records")):
        svg = bar_chart(names, [Series(old, tuple(c["old"][key] for c in chains)),
                                Series(new, tuple(c["new"][key] for c in chains))],
                        axis=_w("axis_days" if key == "legal_working_days" else "axis_count", lang),
                        prefix=prefix, title=_w(title, lang), desc=_w("desc_chain", lang))
        charts.append(_figure(svg, _w(title, lang)))
    head = "".join(f'<th scope="col">{e(word(label, lang).split(" (")[0])} ({e(word("old_new", lang))})</th>'
                   for _, label in _CHAIN_COLUMNS)
    rows = []
    for c in chains:
        cells = "".join(f'<td class="n">{e(number(c["old"][k], lang))} → {e(number(c["new"][k], lang))}</td>'
                        for k, _ in _CHAIN_COLUMNS)
        state = word("simplified_yes" if c["simplified"] else "simplified_no", lang)
        rows.append(f'<tr><th scope="row">{e(c["procedure"])}</th><td>{e(say(c["title"], lang))}</td>'
                    f'<td>{e(" → ".join(c["versions"]))}</td>{cells}<td>{e(state)}</td></tr>')
    table = (f'<div class="scroll"><table id="table-chains"><caption>{e(word("reform", lang))}</caption>\n'
             f'<thead><tr><th scope="col">{e(_w("chain_col", lang))}</th><th scope="col">{e(_w("title_col", lang))}</th>'
             f'<th scope="col">{e(word("versions", lang))}</th>{head}<th scope="col">{e(_w("result", lang))}</th>'
             "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")
    return "\n".join([*charts, table])


def _procedure_table(procedures: Sequence[JSON], lang: Lang) -> str:
    if not procedures:
        return f'<p>{e(_w("none_in_force", lang))}</p>'
    cols = (("legal_working_days", "legal"), ("committed_working_days", "committed"), ("records", "records"),
            ("steps", "steps"), ("handoffs", "handoffs"))
    head = "".join(f'<th scope="col">{e(word(label, lang).split(" (")[0])}</th>' for _, label in cols)
    rows = []
    for p in procedures:
        cells = "".join(f'<td class="n">{e(number(p[k], lang))}</td>' for k, _ in cols)
        online = word("online", lang) if p["online"] else "–"
        rows.append(f'<tr><th scope="row">{e(p["key"])}</th><td>{e(say(p["title"], lang))}</td>{cells}'
                    f'<td>{e(online)}</td><td>{e(word(p["fees"], lang))}</td></tr>')
    return (f'<div class="scroll"><table id="table-procedures"><caption>{e(_w("procedures_list", lang))}</caption>\n'
            f'<thead><tr><th scope="col">{e(_w("chain_col", lang))}</th><th scope="col">{e(_w("title_col", lang))}</th>'
            f'{head}<th scope="col">{e(word("online", lang))}</th><th scope="col">{e(_pick(("Phí, lệ phí", "Fees"), lang))}'
            "</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")


def report_page(report: CatalogReport, *, lang: Lang = "vi") -> str:
    """The report as a standalone HTML page in ``lang``: charts, tables and how it counts."""
    doc = report.as_dict()
    heading = word("heading", lang)
    reform = doc["reform"]
    lead = summary(reform, lang) if reform["chains"] else word("no_chain", lang)
    notes = "\n".join(f"<li>{e(vi if lang == 'vi' else en)}</li>" for vi, en in NOTES)
    groups = "\n".join(_group_table(key, doc[key], lang) for key in ("by_field", "by_level"))
    body = f"""<h1>{e(heading)}</h1>
<p class="note">{e(word("on", lang))} {e(doc["on"])} ({e(doc["catalog"])})</p>
<p class="lead" id="summary">{e(lead)}</p>
<h2 id="total">{e(word("total", lang))}</h2>
{_group_table("total", [doc["total"] | {"title": {"vi": word("total", "vi"), "en": word("total", "en")}}], lang)}
<h2 id="agencies">{e(word("by_agency", lang))}</h2>
{_agency_charts(doc["by_agency"], lang)}
{_group_table("by_agency", doc["by_agency"], lang)}
<h2 id="groups">{e(word("by_field", lang))}, {e(word("by_level", lang).lower())}</h2>
{groups}
<h2 id="reform">{e(word("reform", lang))}</h2>
{_chain_section(reform, lang)}
<h2 id="procedures">{e(_w("procedures_list", lang))}</h2>
{_procedure_table(doc["procedures"], lang)}
<h2 id="how">{e(word("how", lang))}</h2>
<ul>
{notes}
</ul>"""
    return document(lang, f"{heading} ({doc['on']})", _STYLE, body)
