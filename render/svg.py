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
from motcua.render.dot import element_titles
from motcua.render.graphviz import clean_ids

__all__ = ["accessible_svg", "inline_svg", "label_svg"]

_ROOT = re.compile(rb"<svg\b[^>]*>")
_GROUP_TITLE = re.compile(rb'(<g id="([^"]*)" class="[^"]*"[^>]*>\n)<title>[^<]*</title>\n')
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COMMENT: Final = re.compile(r"<!--.*?-->\n?", re.DOTALL)


@lru_cache(maxsize=8192)
def _text(value: str) -> bytes:
    return html.escape(_XML_BAD.sub("", value), quote=False).encode("utf-8")


def _dot_id(element: str) -> bytes:
    """An element id as dot writes it in SVG: ``to_dot``'s ids are ``[A-Za-z0-9_-]``, and dot
    writes ``-`` as ``&#45;`` (so that no id holds ``--``, which XML comments forbid)."""
    return element.replace("-", "&#45;").encode("utf-8")


def label_svg(svg: bytes, *, title: str, description: str, id_prefix: str, titles: Mapping[str, str]) -> bytes:
    """``svg`` with a labelled root and element titles taken from ``titles`` (keyed by element id).

    Elements without an entry (the ruled lines, invisible layout edges) lose their title, so
    hovering them shows nothing rather than a DOT name. The root group's id comes out clean
    (``clean_ids``) whichever batch the chart was drawn in.
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
    return svg[: root.start()] + tag + head + body


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
