"""The legend of a staff chart as page text: each entry a small drawing of its sample and a label.

Charts drawn for the site leave their legend out (``render.dot``, ``standalone=False``); the page
shows it under the chart instead, as a list a reader can select, translate and zoom. Each
sample is drawn in the chart's own shape, fill and line, read from the styles ``render.dot``
draws with (``render.look``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from markupsafe import Markup, escape

from motcua.engine.spec.model import EndOutcome
from motcua.render.diagram import EdgeKind, LegendItem, NodeKind
from motcua.render.look import edge_style, node_style

__all__ = ["LegendEntry", "legend_entries", "swatch"]

_W: Final = 34  # the drawing's width and height, in CSS pixels
_H: Final = 20
_ATTR = re.compile(r'(\w+)=(?:"([^"]*)"|([^,\s]+))')


@dataclass(frozen=True, slots=True)
class LegendEntry:
    swatch: Markup
    label: Markup


def _attrs(style: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(style)}


def _shape(shape: str, styles: set[str], fill: str, line: str, width: str, dash: str) -> str:
    paint = f'fill="{fill}" stroke="{line}" stroke-width="{width}"{dash}'
    if shape == "diamond":
        return f'<polygon points="17,1 32,10 17,19 2,10" {paint}/>'
    if shape == "octagon":
        return f'<polygon points="8,2 26,2 32,7 32,13 26,18 8,18 2,13 2,7" {paint}/>'
    if shape == "hexagon":
        return f'<polygon points="8,2 26,2 32,10 26,18 8,18 2,10" {paint}/>'
    if shape == "cds":
        return f'<polygon points="2,2 26,2 32,10 26,18 2,18" {paint}/>'
    radius = ' rx="4"' if "rounded" in styles else ""
    return f'<rect x="2" y="2" width="30" height="16"{radius} {paint}/>'


@lru_cache(maxsize=64)
def swatch(sample: NodeKind | EdgeKind | EndOutcome) -> Markup:
    """An inline SVG of ``sample`` as the chart draws it; hidden from screen readers, since the
    label next to it says what it means."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="swatch" width="{_W}" height="{_H}" '
        f'viewBox="0 0 {_W} {_H}" aria-hidden="true" focusable="false">'
    )
    if isinstance(sample, EdgeKind):
        attrs = _attrs(edge_style(sample))
        line = attrs.get("color", "#4a5568")
        dash = ' stroke-dasharray="4 3"' if attrs.get("style") == "dashed" else ""
        body = (
            f'<line x1="2" y1="10" x2="26" y2="10" stroke="{line}" stroke-width="1.5"{dash}/>'
            f'<polygon points="26,6 32,10 26,14" fill="{line}"/>'
        )
        return Markup(head + body + "</svg>")
    attrs = _attrs(node_style(NodeKind.END if isinstance(sample, EndOutcome) else sample,
                              sample if isinstance(sample, EndOutcome) else None))
    styles = set(attrs.get("style", "").split(","))
    fill = attrs.get("fillcolor", "#ffffff") if "filled" in styles else "none"
    line = attrs.get("color", "#000000")
    width = "2" if "bold" in styles else attrs.get("penwidth", "1")
    dash = ' stroke-dasharray="3 2"' if "dashed" in styles else ""
    shape = attrs.get("shape", "box")
    body = _shape(shape, styles, fill, line, width, dash)
    if attrs.get("peripheries") == "2":  # a double line, as dot draws the granted end
        body = (
            f'<rect x="0.5" y="0.5" width="33" height="19" rx="5" fill="none" stroke="{line}" '
            f'stroke-width="1"/>' + body
        )
    return Markup(head + body + "</svg>")


def legend_entries(items: tuple[LegendItem, ...]) -> tuple[LegendEntry, ...]:
    """The legend of a chart as page entries, in the chart's order."""
    return tuple(LegendEntry(swatch(item.sample), escape(item.label)) for item in items)
