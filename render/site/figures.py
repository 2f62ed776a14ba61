"""Graphviz SVG made ready to sit inside an HTML page of the catalogue site.

dot writes a standalone document: an XML prolog, a DOCTYPE, comments, and ids such as ``graph0``
and ``node1`` that repeat in every graph. Two diagrams share each procedure page, so every id gets
a per-figure prefix, and the root carries ``role="img"`` with a title and a description (WCAG 2.1
1.1.1; the Nu HTML Checker and axe-core accept it, ``tests/render/test_site_browser.py``).

The rewriting works on the UTF-8 bytes as dot wrote them: dot (and ``render.svg``) writes every
attribute in double quotes and escapes ``"`` and ``<`` inside values and text, so `` id="``,
``href="#`` and ``url(#`` occur only where they mean what they say. Parsing and re-serialising
8,000 charts took longer than laying them out, and so did each extra pass over their text.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["inline_svg", "svg_element"]

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.S)
_ROOT = re.compile(rb"<svg\b[^>]*>")
#: The bytes of ids that are XML names without a second look: ASCII word characters and
#: ".&#;-" ("&#45;" is how dot writes "-" and stays: it is a plain hyphen once parsed).
_NAME_BYTES = b"".join(bytes([c]) for c in range(128) if re.fullmatch(rb"[\w.&#;-]", bytes([c])))
# Ids that would not be XML names, which SVG ids must be (the Nu HTML Checker says so): dot names
# the group of a graph that has an ``id`` "page0,1_<id>".
_BAD_ID = re.compile(r' id="([\w.&#;-]*+[^"\w.&#;-][^"]*)"')
_NOT_NAME = re.compile(r"[^\w.&#;-]")
_ARIA = re.compile(r'(\saria-(?:labelledby|describedby)=")([^"]*)(")')
_ROOT_ARIA = re.compile(r'\s(?:role|aria-labelledby|aria-describedby)="[^"]*"')
_SIZE = re.compile(r'(\s(?:width|height)=")([\d.]+)pt(")')
_ROOT_TITLE = re.compile(rb"\s*<title\b")


def inline_svg(svg: bytes, *, prefix: str, title: str, desc: str) -> str:
    """The ``<svg>`` element of ``svg`` as HTML-embeddable text with ids under ``prefix``.

    ``title`` and ``desc`` name and describe the figure unless the SVG already names itself
    (a root with ``role="img"`` whose first child is a ``<title>``); then its own words are kept.
    """
    return svg_element(svg, prefix=prefix, title=title, desc=desc).decode("utf-8")


def svg_element(svg: bytes, *, prefix: str, title: str, desc: str) -> bytes:
    """``inline_svg`` as UTF-8 bytes, the form a page is written in."""
    start = svg.find(b"<svg")
    if start == -1:
        raise ValueError("not an SVG document: no <svg> element")
    body = svg[start:]
    if b"<!--" in body:
        body = _COMMENT.sub(b"", body)
    body = body.rstrip() + b"\n"
    pieces = body.split(b' id="')
    if b"".join([p[: p.find(b'"')] for p in pieces[1:]]).translate(None, _NAME_BYTES):
        # Some id has other characters: decide on the text, where \w means what XML allows.
        pieces = _rename_bad_ids(body.decode("utf-8")).encode("utf-8").split(b' id="')
    # Plain splits and replacements rather than one regex calling back for each id: a chart
    # has hundreds of ids, and a 2,000-procedure catalogue has 8,000 charts; every pass over
    # a chart's text counts.
    mark = prefix.encode("utf-8")
    body = (b' id="' + mark + b"-").join(pieces)
    body = body.replace(b'href="#', b'href="#' + mark + b"-").replace(b"url(#", b"url(#" + mark + b"-")
    root = _ROOT.match(body)
    if root is None:
        raise ValueError("not an SVG document: no <svg> element")

    def renamed(match: re.Match[str]) -> str:
        ids = " ".join(f"{prefix}-{_NOT_NAME.sub('_', i)}" for i in match.group(2).split())
        return f"{match.group(1)}{ids}{match.group(3)}"

    tag = _ARIA.sub(renamed, _points_as_pixels(root.group(0).decode("utf-8")))
    rest = body[root.end():]
    if 'role="img"' in tag and _ROOT_TITLE.match(rest):
        return tag.encode("utf-8") + rest
    tag = _ROOT_ARIA.sub("", tag)[:-1] + (
        f' role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
    )
    label = (
        f'\n<title id="{prefix}-title">{escape(title, quote=False)}</title>'
        f'\n<desc id="{prefix}-desc">{escape(desc, quote=False)}</desc>'
    )
    return (tag + label).encode("utf-8") + rest


def _rename_bad_ids(body: str) -> str:
    for bad in sorted(set(_BAD_ID.findall(body))):
        good = _NOT_NAME.sub("_", bad)
        body = body.replace(f'id="{bad}"', f'id="{good}"').replace(f'#{bad}"', f'#{good}"')
        body = body.replace(f"#{bad})", f"#{good})")
    return body


def _points_as_pixels(start_tag: str) -> str:
    """Draw one point of the layout as one CSS pixel: dot's 14 pt labels then read at 14 px,
    the size of the page's small print, and wide swimlanes scroll instead of shrinking."""
    return _SIZE.sub(r"\g<1>\g<2>\g<3>", start_tag)
