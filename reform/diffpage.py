"""The comparison of two versions as one HTML page: the facts that changed, and both swimlane
charts side by side, the steps removed struck through in the old chart and the new ones marked in
the new chart.

The page is one file with no script and no outside resource: its style sheet is inside it, and
its Content-Security-Policy allows nothing else. Every text from a spec is escaped. Printed, it
fits A4: the charts stand one under the other at the width of the sheet.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any, Sequence

from motcua.engine.spec.model import Agency, Procedure
from motcua.reform.diff import (
    JSON,
    Lang,
    ProcedureDiff,
    change_lines,
    channel_name,
    fees_summary,
    say_duration,
    word,
)
from motcua.reform.page import CONTENT_SECURITY_POLICY, document
from motcua.render.charts import render_diagrams
from motcua.render.diagram import Diagram, NodeKind, build_diagram
from motcua.render.site.figures import svg_element

__all__ = ["CONTENT_SECURITY_POLICY", "diff_page"]


_PAGE_WORDS: dict[str, tuple[str, str]] = {
    "title": ("So sánh hai phiên bản", "Comparing two versions"),
    "summary": ("Tóm tắt", "Summary"),
    "measure": ("Chỉ số", "Measure"),
    "old": ("Phiên bản cũ", "Old version"),
    "new": ("Phiên bản mới", "New version"),
    "records_count": ("Số thành phần hồ sơ", "Records in the dossier"),
    "steps_count": ("Số bước", "Steps"),
    "charts": ("Sơ đồ quy trình", "Process charts"),
    "marks": ("Trong sơ đồ cũ, bước bị bỏ được gạch ngang và viền đỏ; trong sơ đồ mới, bước thêm mới "
              "có viền xanh đậm, bước thay đổi có viền nét đứt.",
              "In the old chart, removed steps are struck through with a red outline; in the new chart, "
              "new steps have a thick green outline and changed steps a dashed outline."),
    "changes": ("Những gì thay đổi", "What changed"),
    "new_mark": ("mới", "new"),
    "removed_mark": ("bỏ", "removed"),
    "valid": ("Hiệu lực", "In force"),
}

_STYLE = """
del { color: #9b2c2c; text-decoration: line-through; }
ins { color: #22543d; text-decoration: none; font-weight: bold; }
ins::before { content: "+ "; }
.tag { font-size: .8rem; border: 1px solid currentColor; border-radius: 3px; padding: 0 .25rem; margin-left: .25rem; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
figure { margin: 0; border: 1px solid #cbd5e0; padding: .5rem; min-width: 0; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .charts { display: block; }
  figure { break-inside: avoid; margin-bottom: 6mm; border: none; padding: 0; }
  figure svg { width: 100%; max-height: 250mm; }
  h2 { break-after: avoid; }
  table, li { break-inside: avoid; }
}
"""


def _w(key: str, lang: Lang) -> str:
    vi, en = _PAGE_WORDS[key]
    return vi if lang == "vi" else en


def _say(title: dict[str, str] | None, lang: Lang, fallback: str = "") -> str:
    if not title:
        return fallback
    return " ".join((title.get(lang) or next(iter(title.values()))).split())


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _node_ids(diagram: Diagram, steps: set[str], figure: str) -> list[str]:
    """The ids the page gives the boxes of ``steps`` in a chart inlined under ``figure``."""
    return [f"{figure}-{diagram.id_prefix}-n{i}" for i, n in enumerate(diagram.nodes, start=1)
            if n.kind is NodeKind.STEP and n.ref in steps]


def _chart_style(old: Diagram, new: Diagram, diff: ProcedureDiff) -> str:
    removed = _node_ids(old, diff.removed_steps, "old")
    added = _node_ids(new, diff.added_steps, "new")
    changed = _node_ids(new, diff.changed_steps, "new")
    out = []
    for ident in removed:
        out.append(f"#{ident} text {{ text-decoration: line-through; fill: #9b2c2c; }}")
        out.append(f"#{ident} path, #{ident} polygon {{ stroke: #c53030; stroke-width: 3px; }}")
    for ident in added:
        out.append(f"#{ident} path, #{ident} polygon {{ stroke: #22543d; stroke-width: 4px; }}")
        out.append(f"#{ident} text {{ font-weight: bold; }}")
    for ident in changed:
        out.append(f"#{ident} path, #{ident} polygon {{ stroke: #744210; stroke-width: 3px; stroke-dasharray: 6 3; }}")
    return "\n".join(out)


def _charts(diff: ProcedureDiff, old_agency: Agency, new_agency: Agency, lang: Lang) -> tuple[str, str]:
    """Both charts as inline SVG (ids under ``old-`` and ``new-``) and the style that marks them."""
    old = _diagram(diff.old, old_agency, lang, "old")
    new = _diagram(diff.new, new_agency, lang, "new")
    drawn = render_diagrams([old, new], format="svg")
    figures = []
    for key, diagram, svg in (("old", old, drawn[0]), ("new", new, drawn[1])):
        element = svg_element(svg, prefix=key, title=diagram.heading, desc=diagram.description).decode("utf-8")
        version = diff.old.version if key == "old" else diff.new.version
        figures.append(f'<figure id="chart-{key}"><figcaption>{_e(_w(key, lang))}: {_e(version)}</figcaption>\n'
                       f"{element}</figure>")
    return '<div class="charts">\n' + "\n".join(figures) + "\n</div>", _chart_style(old, new, diff)


def _diagram(procedure: Procedure, agency: Agency, lang: Lang, which: str) -> Diagram:
    diagram = build_diagram(procedure, agency, lang=lang, view="internal")
    return dataclasses.replace(diagram, id_prefix=f"{diagram.id_prefix}-{which}")


def _summary(doc: JSON, diff: ProcedureDiff, lang: Lang) -> str:
    rows = [
        (word("time_limit", lang), say_duration(doc["time_limit"]["old"], lang), say_duration(doc["time_limit"]["new"], lang)),
        (word("committed_time", lang), say_duration(doc["committed_time"]["old"], lang),
         say_duration(doc["committed_time"]["new"], lang)),
        (word("handoffs", lang), str(doc["handoffs"]["old"]), str(doc["handoffs"]["new"])),
        (word("slowest_path", lang), _path(doc["slowest_path"]["old"], lang), _path(doc["slowest_path"]["new"], lang)),
        (_w("steps_count", lang), str(len(diff.old.steps)), str(len(diff.new.steps))),
        (_w("records_count", lang), str(doc["records_count"]["old"]), str(doc["records_count"]["new"])),
        (word("channels", lang), ", ".join(channel_name(c, lang) for c in doc["channels"]["old"]),
         ", ".join(channel_name(c, lang) for c in doc["channels"]["new"])),
        (word("fees", lang), fees_summary(doc["fees"]["old"], lang), fees_summary(doc["fees"]["new"], lang)),
        (_w("valid", lang), _period(doc["old"]), _period(doc["new"])),
    ]
    body = "\n".join(f'<tr><th scope="row">{_e(a)}</th><td>{_e(b)}</td><td>{_e(c)}</td></tr>' for a, b, c in rows)
    return (f'<h2 id="summary">{_e(_w("summary", lang))}</h2>\n<table>\n<thead><tr><th scope="col">'
            f'{_e(_w("measure", lang))}</th><th scope="col">{_e(_w("old", lang))} ({_e(diff.old.version)})</th>'
            f'<th scope="col">{_e(_w("new", lang))} ({_e(diff.new.version)})</th></tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>")


def _period(version: JSON) -> str:
    start, end = version["valid_from"] or "…", version["valid_to"] or "…"
    return f"{start} – {end}"


def _path(path: JSON, lang: Lang) -> str:
    days = str(path["working_days"])
    days = days.replace(".", ",") if lang == "vi" else days
    return f"{' → '.join(path['steps'])} ({days} {word('working_days', lang)})"


def _list(items: Sequence[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>" if items else ""


def _section(key: str, items: Sequence[str], lang: Lang) -> str:
    if not items:
        return ""
    return f"<h3>{_e(word(key, lang))}</h3>\n{_list(items)}"


def _item(entry: JSON, lang: Lang, mark: str) -> str:
    """A removed (``del``) or added (``ins``) step, record or variant, with its id and title."""
    title = _say(entry.get("title"), lang, entry["id"])
    tag = "del" if mark == "removed" else "ins"
    label = _w("removed_mark" if mark == "removed" else "new_mark", lang)
    return f'<{tag}>{_e(title)}</{tag}> <code>{_e(entry["id"])}</code><span class="tag">{_e(label)}</span>'


def _changed(entry: JSON, lang: Lang) -> str:
    title = _say(entry.get("title"), lang, entry["id"])
    lines = "".join(f"<li>{_e(line)}</li>" for line in change_lines(entry["changes"], lang))
    return f"{_e(title)} <code>{_e(entry['id'])}</code><ul>{lines}</ul>"


def _changes(doc: JSON, lang: Lang) -> str:
    parts = [f'<h2 id="changes">{_e(_w("changes", lang))}</h2>']
    for kind in ("steps", "records", "variants"):
        parts.append(_section(f"{kind}_removed", [_item(e, lang, "removed") for e in doc[f"{kind}_removed"]], lang))
        parts.append(_section(f"{kind}_added", [_item(e, lang, "added") for e in doc[f"{kind}_added"]], lang))
        if kind == "records":
            moved = [f"{_e(_say(m['title'], lang, m['id']))} <code>{_e(m['id'])}</code>: "
                     f"{_e(_place(m['old_group'], m['old_in_choice'], lang))} → "
                     f"{_e(_place(m['new_group'], m['new_in_choice'], lang))}" for m in doc["records_moved"]]
            parts.append(_section("records_moved", moved, lang))
        parts.append(_section(f"{kind}_changed", [_changed(e, lang) for e in doc[f"{kind}_changed"]], lang))
    channels = doc["channels"]
    removed, added = _e(_w("removed_mark", lang)), _e(_w("new_mark", lang))
    channel_items = [f'<del>{_e(channel_name(c, lang))}</del><span class="tag">{removed}</span>'
                     for c in channels["removed"]]
    channel_items += [f'<ins>{_e(channel_name(c, lang))}</ins><span class="tag">{added}</span>'
                      for c in channels["added"]]
    channel_items += [f"{_e(channel_name(c['channel'], lang))}: {_e('; '.join(change_lines(c['changes'], lang)))}"
                      for c in channels["changed"]]
    parts.append(_section("channels", channel_items, lang))
    if doc["fees"]["changed"]:
        parts.append(_section("fees", [f"<del>{_e(fees_summary(doc['fees']['old'], lang))}</del> "
                                       f"<ins>{_e(fees_summary(doc['fees']['new'], lang))}</ins>"], lang))
    basis = doc["legal_basis"]
    parts.append(_section("legal_basis", [_item(b, lang, "removed") for b in basis["removed"]]
                          + [_item(b, lang, "added") for b in basis["added"]], lang))
    body = "\n".join(p for p in parts if p)
    return body if len([p for p in parts if p]) > 1 else body + f"\n<p>{_e(word('nothing', lang))}</p>"


def _place(group: str | None, choice: bool, lang: Lang) -> str:
    if group is None:
        return word("top", lang)
    return f"{word('choice' if choice else 'group', lang)} {group}"


def diff_page(diff: ProcedureDiff, old_agency: Agency, new_agency: Agency, *, lang: Lang = "vi") -> str:
    """The comparison as a standalone HTML page in ``lang``: summary, changes and both charts."""
    doc = diff.as_dict()
    title = _say(doc["new"]["title"], lang)
    heading = f"{_w('title', lang)}: {title}"
    charts, marks = _charts(diff, old_agency, new_agency, lang)
    body = f"""<h1>{_e(heading)}</h1>
<p class="note">{_e(diff.old.key)} → {_e(diff.new.key)}</p>
{_summary(doc, diff, lang)}
{_changes(doc, lang)}
<h2 id="charts">{_e(_w("charts", lang))}</h2>
<p class="note">{_e(_w("marks", lang))}</p>
{charts}"""
    return document(lang, f"{heading} ({diff.old.version} → {diff.new.version})", _STYLE + "\n" + marks + "\n", body)
