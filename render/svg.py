"""Accessible SVG: dot's output made readable by people and assistive technology.

The root becomes ``<svg role="img" aria-labelledby=...>`` with a ``<title>`` and a ``<desc>``
(the chart as sentences), and each element's ``<title>`` (the hover text) says what it is
instead of a DOT name; ``inline_svg`` gives the element to embed in an HTML page.

The rewriting works on dot's text, not on a parsed tree: dot writes every attribute in double
quotes and escapes ``"``, ``<`` and ``-`` inside ids, so the patterns below match only what they
mean. Parsing and re-serialising thousands of charts would cost more than laying them out.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Final, Mapping

from motcua.render.diagram import Diagram
from motcua.render.dot import PAD, element_titles
from motcua.render.graphviz import clean_ids

__all__ = ["accessible_svg", "inline_svg", "label_svg", "round_boxes", "rule_lines"]

_ROOT = re.compile(rb"<svg\b[^>]*>")
_GROUP_TITLE = re.compile(rb'(<g id="([^"]*)" class="[^"]*"[^>]*>\n)<title>[^<]*</title>\n')
# The hover text dot writes for a tooltip (standalone charts): the link around the element.
_TOOLTIP = re.compile(rb'<g id="a_([^"]*)"><a xlink:title="[^"]*">')
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COMMENT: Final = re.compile(r"<!--.*?-->\n?", re.DOTALL)


@lru_cache(maxsize=8192)
def _text(value: str) -> bytes:
    return html.escape(_XML_BAD.sub("", value), quote=False).encode("utf-8")


def _attribute(value: str) -> bytes:
    return html.escape(_XML_BAD.sub("", value), quote=True).encode("utf-8")


def _dot_id(element: str) -> bytes:
    """An element id as dot writes it in SVG: ``to_dot``'s ids are ``[A-Za-z0-9_-]``, and dot
    writes ``-`` as ``&#45;`` (so that no id holds ``--``, which XML comments forbid)."""
    return element.replace("-", "&#45;").encode("utf-8")


def label_svg(svg: bytes, *, title: str, description: str, id_prefix: str, titles: Mapping[str, str]) -> bytes:
    """``svg`` with a labelled root and element titles taken from ``titles`` (keyed by element id).

    Elements without an entry (the ruled lines, invisible layout edges) lose their title, so
    hovering them shows nothing rather than a DOT name. The hover texts dot wrote for tooltips
    become the whole titles too: dot was given them cut short (``render.dottext``). The root
    group's id comes out clean (``clean_ids``) whichever batch the chart was drawn in.
    """
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG document: no <svg> element")
    tag = root.group(0)
    if b" role=" not in tag:
        labelled = f' role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">'.encode("ascii")
        tag = tag[:-1] + labelled
    head = (
        b'\n<title id="' + id_prefix.encode("ascii") + b'-title">' + _text(title) + b"</title>"
        b'\n<desc id="' + id_prefix.encode("ascii") + b'-desc">' + _text(description) + b"</desc>"
    )
    written = {_dot_id(element): b"<title>" + _text(text) + b"</title>\n" for element, text in titles.items()}

    def retitle(found: re.Match[bytes]) -> bytes:
        return found.group(1) + written.get(found.group(2), b"")

    body = _GROUP_TITLE.sub(retitle, clean_ids(svg[root.end() :]))
    if b"<a xlink:title=" in body:
        tips = {_dot_id(element): _attribute(text) for element, text in titles.items()}

        def retip(found: re.Match[bytes]) -> bytes:
            tip = tips.get(found.group(1))
            return found.group(0) if tip is None else b'<g id="a_' + found.group(1) + b'"><a xlink:title="' + tip + b'">'

        body = _TOOLTIP.sub(retip, body)
    return svg[: root.start()] + tag + head + body


# The end points of a ruled line, as dot draws a grid point: ``g<line>_<rank>``.
_GRID_POINT = re.compile(
    rb'<g id="[^"]*?g(\d+)_(\d+)" class="node grid">\n<title>[^<]*</title>\n'
    rb'<ellipse fill="([^"]*)"[^>]*? cx="([-\d.]+)" cy="([-\d.]+)"'
)
# The graph's background, the first thing dot draws: the lines go just above it, and run from
# one side of the drawing to the other (the background less the graph's padding).
_BACKGROUND = re.compile(
    rb'<g id="[^"]*" class="graph[^"]*"[^>]*>\n<title>[^<]*</title>\n<polygon [^>]*points="([^"]*)"/>\n'
)
_PAD = PAD * 72  # in points, as dot writes SVG coordinates


def rule_lines(svg: bytes) -> bytes:
    """``svg`` with each ruled line drawn as one stroke across the drawing.

    For charts drawn by ``to_dot(..., standalone=False)``, where dot lays the lines out but
    draws only their ends (``render.dot``): the weighted chain keeps every line straight, so
    the stroke through its ends, from one side of the drawing to the other, is the line.
    """
    ends: dict[bytes, list[tuple[int, bytes, bytes, bytes]]] = {}
    for m in _GRID_POINT.finditer(svg):
        ends.setdefault(m.group(1), []).append((int(m.group(2)), m.group(3), m.group(4), m.group(5)))
    background = _BACKGROUND.search(svg)
    if not ends or background is None:
        return svg
    corners = [float(n) for n in _NUMBER.findall(background.group(1))]
    left, right = min(corners[0::2]) + _PAD, max(corners[0::2]) - _PAD
    top, bottom = min(corners[1::2]) + _PAD, max(corners[1::2]) - _PAD
    strokes = []
    for line in sorted(ends, key=int):
        points = sorted(ends[line])
        (_, colour, x0, y0), (_, _, _, y1) = points[0], points[-1]
        if y0 == y1:  # across a staff chart
            d = f"M{left:g},{y0.decode()}L{right:g},{y0.decode()}"
        else:  # down the citizen's chart
            d = f"M{x0.decode()},{top:g}L{x0.decode()},{bottom:g}"
        strokes.append(b'<path class="grid" fill="none" stroke="' + colour + b'" d="' + d.encode() + b'"/>\n')
    at = background.end()
    return svg[:at] + b"".join(strokes) + svg[at:]


# A node drawn square that should be rounded, and the outlines dot drew for it (one, or two
# for a double border).
_ROUNDED = re.compile(
    rb'(<g id="[^"]*" class="node [^"]*\brounded\b[^"]*">\n<title>[^<]*</title>\n)((?:<polygon [^>]*/>\n)+)'
)
_OUTLINE = re.compile(rb'<polygon ([^>]*?)points="([^"]*)"/>')
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_RADIUS = b"6"  # as dot rounds a box: corners of 12 points


def _rounded(outline: re.Match[bytes]) -> bytes:
    values = [float(n) for n in _NUMBER.findall(outline.group(2))]
    xs, ys = values[0::2], values[1::2]
    x, y = min(xs), min(ys)
    size = f'x="{x:g}" y="{y:g}" width="{max(xs) - x:g}" height="{max(ys) - y:g}"'.encode()
    return b"<rect " + outline.group(1) + size + b' rx="' + _RADIUS + b'" ry="' + _RADIUS + b'"/>'


def round_boxes(svg: bytes) -> bytes:
    """``svg`` with the boxes classed ``rounded`` drawn with rounded corners.

    For charts drawn by ``to_dot(..., standalone=False)``, whose rounded boxes dot draws square
    (``render.dot``): each outline becomes a rectangle with the corners dot would have drawn.
    """

    def rounded(group: re.Match[bytes]) -> bytes:
        return group.group(1) + _OUTLINE.sub(_rounded, group.group(2))

    return _ROUNDED.sub(rounded, svg)


def accessible_svg(svg: bytes, *, diagram: Diagram) -> bytes:
    """dot's SVG of ``diagram`` made accessible: labelled root, described, human element titles."""
    return label_svg(
        svg,
        title=diagram.heading,
        description=diagram.description,
        id_prefix=diagram.id_prefix,
        titles=element_titles(diagram),
    )


def inline_svg(svg: bytes) -> str:
    """The ``<svg>`` element alone, to embed in HTML: no XML declaration, doctype or comments."""
    text = clean_ids(svg).decode("utf-8")
    start = text.find("<svg")
    if start == -1:
        raise ValueError("not an SVG document: no <svg> element")
    body = _COMMENT.sub("", text[start:])
    return body.strip() + "\n"
