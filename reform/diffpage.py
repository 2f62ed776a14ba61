"""The comparison of two versions as one HTML page: the facts that changed, and both swimlane
charts side by side, the steps removed struck through in the old chart and the new ones marked in
the new chart.

The page is one file with no script and no outside resource: its style sheet is inside it, and
its Content-Security-Policy allows nothing else. Every text from a spec is escaped. Printed, it
fits A4: the charts stand one under the other at the width of the sheet.

``site_diff_pages`` makes the same comparison for the published site, one page per version and
the version it replaced, in the site's frame and under its policy (style from the site's own
files, ``static/diff.css``); ``motcua publish`` hands them to ``render.site.build_site``, which
links each from the list of versions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
import re
from html import unescape
from typing import Sequence

from markupsafe import Markup

from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.engine.spec.vocabulary import LANGUAGES
from motcua.engine.spec.vocabulary import word as site_word
from motcua.reform.diff import ProcedureDiff, diff_procedures
from motcua.reform.diff_parts import JSON, Lang
from motcua.reform.diff_text import change_lines, channel_name, fees_summary, say_duration, word
from motcua.reform.page import CONTENT_SECURITY_POLICY, document
from motcua.reform.words import e, pick, say
from motcua.render.charts import render_diagrams
from motcua.render.diagram import Diagram, NodeKind, build_diagram
from motcua.render.site.figures import svg_element
from motcua.render.site.html import framed_page
from motcua.render.site.pageparts import link_to
from motcua.render.site.versions import SiteVersions

__all__ = ["CONTENT_SECURITY_POLICY", "DIFF_STYLE", "SITE_STYLE_PATH", "diff_page", "site_diff_pages"]


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
    "full_size": ("Xem sơ đồ này ở kích thước thật trên trang của phiên bản",
                  "See this chart at its actual size on the version's page"),
    "grow": ("Phóng sơ đồ này ra kích thước thật", "Enlarge this chart to its actual size"),
    "shrink": ("Xem lại hai sơ đồ cạnh nhau", "Back to both charts side by side"),
}

#: The page's own rules, after the shared ones of ``reform.page``: the marks of what changed, in
#: the lists and in the charts (whose step boxes carry the classes ``step-removed``,
#: ``step-added`` and ``step-changed``), the charts side by side, and print.
DIFF_STYLE = """
del { color: #9b2c2c; text-decoration: line-through; }
ins { color: #22543d; text-decoration: none; font-weight: bold; }
ins::before { content: "+ "; }
.tag { font-size: .8rem; border: 1px solid currentColor; border-radius: 3px; padding: 0 .25rem; margin-left: .25rem; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.charts figure { margin: 0; border: 1px solid #cbd5e0; padding: .5rem; min-width: 0; }
g.step-removed text { text-decoration: line-through; fill: #9b2c2c; }
g.step-removed path, g.step-removed polygon { stroke: #c53030; stroke-width: 3px; }
g.step-added path, g.step-added polygon { stroke: #22543d; stroke-width: 4px; }
g.step-added text { font-weight: bold; }
g.step-changed path, g.step-changed polygon { stroke: #744210; stroke-width: 3px; stroke-dasharray: 6 3; }
.zoom { font-size: .9rem; margin: .25rem 0 0; }
.zoom .shrink { display: none; }
.charts figure:target { grid-column: 1 / -1; overflow-x: auto; }
.charts figure:target svg { max-width: none; }
.charts figure:target .zoom .grow { display: none; }
.charts figure:target .zoom .shrink { display: inline; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .charts { display: block; }
  .charts figure { break-inside: avoid; margin-bottom: 6mm; border: none; padding: 0; }
  .zoom { display: none; }
  figure svg { width: 100%; max-height: 250mm; }
  h2 { break-after: avoid; }
  table, li { break-inside: avoid; }
}
"""


def _w(key: str, lang: Lang) -> str:
    return pick(_PAGE_WORDS, key, lang)


_NODE = re.compile(r'<g id="([^"]*)" class="node')


def _node_ids(diagram: Diagram, steps: set[str], figure: str) -> set[str]:
    """The ids the page gives the boxes of ``steps`` in a chart inlined under ``figure``."""
    return {f"{figure}-{diagram.id_prefix}-n{i}" for i, n in enumerate(diagram.nodes, start=1)
            if n.kind is NodeKind.STEP and n.ref in steps}


def _mark(svg: str, marks: dict[str, str]) -> str:
    """``svg`` with each step box whose id ``marks`` names given that class (the ids are
    written as dot escapes them, ``&#45;`` for ``-``)."""

    def classed(found: re.Match[str]) -> str:
        mark = marks.get(unescape(found.group(1)))
        return found.group(0) if mark is None else f'{found.group(0)} {mark}'

    return _NODE.sub(classed, svg)


@dataclass(frozen=True, slots=True)
class _Charts:
    """The two staff charts of a comparison (ids under ``old-`` and ``new-``), to be drawn."""

    old: Diagram
    new: Diagram

    @classmethod
    def of(cls, diff: ProcedureDiff, old_agency: Agency, new_agency: Agency, lang: Lang) -> _Charts:
        return cls(_diagram(diff.old, old_agency, lang, "old"), _diagram(diff.new, new_agency, lang, "new"))


def _charts(diff: ProcedureDiff, charts: _Charts, drawn: Sequence[bytes], lang: Lang,
            full_size: dict[str, str] | None = None) -> str:
    """Both charts (``drawn``: their SVG, old then new) inline, the changed steps' boxes
    marked; ``full_size`` links each (``old``, ``new``) to where it is shown at its drawn size."""
    old, new = charts.old, charts.new
    marks = {
        "old": dict.fromkeys(_node_ids(old, diff.removed_steps, "old"), "step-removed"),
        "new": {**dict.fromkeys(_node_ids(new, diff.changed_steps, "new"), "step-changed"),
                **dict.fromkeys(_node_ids(new, diff.added_steps, "new"), "step-added")},
    }
    figures = []
    for key, diagram, svg in (("old", old, drawn[0]), ("new", new, drawn[1])):
        element = _mark(svg_element(svg, prefix=key, title=diagram.heading, desc=diagram.description).decode("utf-8"),
                        marks[key])
        version = diff.old.version if key == "old" else diff.new.version
        # Side by side, each chart has half the width: a link enlarges it to its drawn size in
        # place (the figure becomes the address's target; no script), and another brings both back.
        more = (f'\n<p class="zoom"><a class="grow" href="#chart-{key}">{e(_w("grow", lang))}</a>'
                f'<a class="shrink" href="#charts">{e(_w("shrink", lang))}</a></p>')
        if full_size and key in full_size:
            more += f'\n<p class="full-size"><a href="{e(full_size[key])}">{e(_w("full_size", lang))}</a></p>'
        figures.append(f'<figure id="chart-{key}"><figcaption>{e(_w(key, lang))}: {e(version)}</figcaption>\n'
                       f"{element}{more}</figure>")
    return '<div class="charts">\n' + "\n".join(figures) + "\n</div>"


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
    body = "\n".join(f'<tr><th scope="row">{e(a)}</th><td>{e(b)}</td><td>{e(c)}</td></tr>' for a, b, c in rows)
    return (f'<h2 id="summary">{e(_w("summary", lang))}</h2>\n<table>\n<thead><tr><th scope="col">'
            f'{e(_w("measure", lang))}</th><th scope="col">{e(_w("old", lang))} ({e(diff.old.version)})</th>'
            f'<th scope="col">{e(_w("new", lang))} ({e(diff.new.version)})</th></tr></thead>\n'
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
    return f"<h3>{e(word(key, lang))}</h3>\n{_list(items)}"


def _item(entry: JSON, lang: Lang, mark: str) -> str:
    """A removed (``del``) or added (``ins``) step, record or variant, with its id and title."""
    title = say(entry.get("title"), lang, entry["id"])
    tag = "del" if mark == "removed" else "ins"
    label = _w("removed_mark" if mark == "removed" else "new_mark", lang)
    return f'<{tag}>{e(title)}</{tag}> <code>{e(entry["id"])}</code><span class="tag">{e(label)}</span>'


def _changed(entry: JSON, lang: Lang) -> str:
    title = say(entry.get("title"), lang, entry["id"])
    lines = "".join(f"<li>{e(line)}</li>" for line in change_lines(entry["changes"], lang))
    return f"{e(title)} <code>{e(entry['id'])}</code><ul>{lines}</ul>"


def _changes(doc: JSON, lang: Lang) -> str:
    parts = [f'<h2 id="changes">{e(_w("changes", lang))}</h2>']
    for kind in ("steps", "records", "variants"):
        parts.append(_section(f"{kind}_removed", [_item(e, lang, "removed") for e in doc[f"{kind}_removed"]], lang))
        parts.append(_section(f"{kind}_added", [_item(e, lang, "added") for e in doc[f"{kind}_added"]], lang))
        if kind == "records":
            moved = [f"{e(say(m['title'], lang, m['id']))} <code>{e(m['id'])}</code>: "
                     f"{e(_place(m['old_group'], m['old_in_choice'], lang))} → "
                     f"{e(_place(m['new_group'], m['new_in_choice'], lang))}" for m in doc["records_moved"]]
            parts.append(_section("records_moved", moved, lang))
        parts.append(_section(f"{kind}_changed", [_changed(e, lang) for e in doc[f"{kind}_changed"]], lang))
    channels = doc["channels"]
    removed, added = e(_w("removed_mark", lang)), e(_w("new_mark", lang))
    channel_items = [f'<del>{e(channel_name(c, lang))}</del><span class="tag">{removed}</span>'
                     for c in channels["removed"]]
    channel_items += [f'<ins>{e(channel_name(c, lang))}</ins><span class="tag">{added}</span>'
                      for c in channels["added"]]
    channel_items += [f"{e(channel_name(c['channel'], lang))}: {e('; '.join(change_lines(c['changes'], lang)))}"
                      for c in channels["changed"]]
    parts.append(_section("channels", channel_items, lang))
    if doc["fees"]["changed"]:
        parts.append(_section("fees", [f"<del>{e(fees_summary(doc['fees']['old'], lang))}</del> "
                                       f"<ins>{e(fees_summary(doc['fees']['new'], lang))}</ins>"], lang))
    basis = doc["legal_basis"]
    parts.append(_section("legal_basis", [_item(b, lang, "removed") for b in basis["removed"]]
                          + [_item(b, lang, "added") for b in basis["added"]], lang))
    body = "\n".join(p for p in parts if p)
    return body if len([p for p in parts if p]) > 1 else body + f"\n<p>{e(word('nothing', lang))}</p>"


def _place(group: str | None, choice: bool, lang: Lang) -> str:
    if group is None:
        return word("top", lang)
    return f"{word('choice' if choice else 'group', lang)} {group}"


def _content(diff: ProcedureDiff, lang: Lang, versions: str, charts: str) -> str:
    """The page's body: heading, ``versions`` (the line naming the two versions, escaped),
    summary, changes and both ``charts`` (``_charts``)."""
    doc = diff.as_dict()
    return f"""<h1>{e(_heading(diff, lang))}</h1>
<p class="note">{versions}</p>
{_summary(doc, diff, lang)}
{_changes(doc, lang)}
<h2 id="charts">{e(_w("charts", lang))}</h2>
<p class="note">{e(_w("marks", lang))}</p>
{charts}"""


def _heading(diff: ProcedureDiff, lang: Lang) -> str:
    return f"{_w('title', lang)}: {say(diff.new.title.as_dict(), lang)}"


def diff_page(diff: ProcedureDiff, old_agency: Agency, new_agency: Agency, *, lang: Lang = "vi") -> str:
    """The comparison as a standalone HTML page in ``lang``: summary, changes and both charts."""
    charts = _Charts.of(diff, old_agency, new_agency, lang)
    drawn = render_diagrams([charts.old, charts.new], format="svg")
    body = _content(diff, lang, f"{e(diff.old.key)} → {e(diff.new.key)}", _charts(diff, charts, drawn, lang))
    title = f"{_heading(diff, lang)} ({diff.old.version} → {diff.new.version})"
    return document(lang, title, DIFF_STYLE, body)


#: Where the published site keeps the comparison pages' style sheet (the site's policy allows
#: no ``<style>`` in a page).
SITE_STYLE_PATH = "static/diff.css"
#: The rules ``document`` gives a standalone page, for the part of the site's page it fills.
_SITE_BASE = """
.diff-page table { border-collapse: collapse; margin: .5rem 0 1.5rem; background: #fff; }
.diff-page th, .diff-page td { border: 1px solid #a0aec0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.diff-page thead th { background: #edf2f7; }
.diff-page h2 { margin-top: 1.5rem; border-bottom: 1px solid #cbd5e0; }
.diff-page h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
.diff-page figcaption { font-weight: bold; margin-bottom: .5rem; }
.diff-page figure svg { max-width: 100%; height: auto; display: block; }
.diff-page .charts figure { background: #fff; }
.diff-page .note { color: #4a5568; }
.diff-page .full-size { font-size: .92rem; margin: .5rem 0 0; }
@media print { .diff-page .full-size { display: none; } }
"""


def site_diff_pages(catalog: Catalog, versions: SiteVersions, *, on: dt.date | None = None,
                    oversight: bool = False) -> dict[str, str]:
    """The comparison pages of the published site, by their path in it: each version of
    ``versions``' chains against the one it replaced, in each language, in the site's frame
    (its policy, masthead and language switch; ``oversight``: a link to the oversight page),
    the two versions' pages linked; and their style sheet at ``SITE_STYLE_PATH``."""
    agencies = {a.id: a for a in catalog.agencies}
    pages = {SITE_STYLE_PATH: _SITE_BASE + DIFF_STYLE}
    made: list[tuple[str, ProcedureDiff, Lang, _Charts]] = []
    for old, new in versions.pairs():
        found = diff_procedures(old, new, old_calendar=agencies[old.agency].calendar,
                                new_calendar=agencies[new.agency].calendar)
        for lang in LANGUAGES:
            charts = _Charts.of(found, agencies[old.agency], agencies[new.agency], lang)
            made.append((versions.diff_path(old, new, lang), found, lang, charts))
    # Every chart in one batch, laid out on every core.
    drawn = render_diagrams([d for *_, charts in made for d in (charts.old, charts.new)], format="svg")
    for n, (path, found, lang, charts) in enumerate(made):
        pages_of = {key: link_to(versions.path(p, lang), start=path) for key, p in (("old", found.old), ("new", found.new))}
        links = [f'<a href="{e(pages_of[key])}">{e(site_word("site.version", lang))} {e(p.version)}</a>'
                 for key, p in (("old", found.old), ("new", found.new))]
        full_size = {key: f"{href}#so-do-internal" for key, href in pages_of.items()}
        body = _content(found, lang, " → ".join(links), _charts(found, charts, drawn[2 * n : 2 * n + 2], lang, full_size))
        title = f"{_heading(found, lang)} ({found.old.version} → {found.new.version})"
        crumb = (versions.path(found.new, lang), say(found.new.title.as_dict(), lang))
        pages[path] = framed_page(path, lang, title=title, body=Markup(f'<div class="diff-page">\n{body}\n</div>'),
                                  crumbs=[crumb], styles=[SITE_STYLE_PATH], on=on, oversight=oversight)
    return pages
