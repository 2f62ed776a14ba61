"""Graphviz SVG made ready to sit inside an HTML page of the catalogue site.

dot writes a standalone document: an XML prolog, a DOCTYPE, comments, and ids such as ``graph0``
and ``node1`` that repeat in every graph. Two diagrams share each procedure page, so every id gets
a per-figure prefix, and the root carries ``role="img"`` with a title and a description (WCAG 2.1
1.1.1, as the tooling notes found vnu and axe-core accept it).

The rewriting works on the text: dot (and ``render.svg``) writes every attribute in double
quotes and escapes ``"`` and ``<`` inside values and text, so `` id="``, ``href="#`` and
``url(#`` occur only where they mean what they say. Parsing and re-serialising 8,000 charts
took longer than laying them out.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["inline_svg"]

_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>")
# Ids that would not be XML names, which SVG ids must be (the Nu HTML Checker says so): dot names
# the group of a graph that has an ``id`` "page0,1_<id>". "&#45;" is how dot writes "-" and
# stays: it is a plain hyphen once parsed.
_BAD_ID = re.compile(r' id="([\w.&#;-]*+[^"\w.&#;-][^"]*)"')
_NOT_NAME = re.compile(r"[^\w.&#;-]")
_ARIA = re.compile(r'(\saria-(?:labelledby|describedby)=")([^"]*)(")')
_ROOT_ARIA = re.compile(r'\s(?:role|aria-labelledby|aria-describedby)="[^"]*"')
_SIZE = re.compile(r'(\s(?:width|height)=")([\d.]+)pt(")')
_ROOT_TITLE = re.compile(r"\s*<title\b")


def inline_svg(svg: bytes, *, prefix: str, title: str, desc: str) -> str:
    """The ``<svg>`` element of ``svg`` as HTML-embeddable text with ids under ``prefix``.

    ``title`` and ``desc`` name and describe the figure unless the SVG already names itself
    (a root with ``role="img"`` whose first child is a ``<title>``); then its own words are kept.
    """
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start == -1:
        raise ValueError("not an SVG document: no <svg> element")
    body = _COMMENT.sub("", text[start:]).rstrip() + "\n"
    for bad in sorted(set(_BAD_ID.findall(body))):
        good = _NOT_NAME.sub("_", bad)
        body = body.replace(f'id="{bad}"', f'id="{good}"').replace(f'#{bad}"', f'#{good}"')
        body = body.replace(f"#{bad})", f"#{good})")
    # Plain replacements rather than one regex calling back for each id: a chart has hundreds
    # of ids, and a 2,000-procedure catalogue has 8,000 charts.
    body = (
        body.replace(' id="', f' id="{prefix}-')
        .replace('href="#', f'href="#{prefix}-')
        .replace("url(#", f"url(#{prefix}-")
    )
    root = _ROOT.match(body)
    if root is None:
        raise ValueError("not an SVG document: no <svg> element")

    def renamed(match: re.Match[str]) -> str:
        ids = " ".join(f"{prefix}-{_NOT_NAME.sub('_', i)}" for i in match.group(2).split())
        return f"{match.group(1)}{ids}{match.group(3)}"

    tag = _ARIA.sub(renamed, _points_as_pixels(root.group(0)))
    rest = body[root.end():]
    if 'role="img"' in tag and _ROOT_TITLE.match(rest):
        return tag + rest
    tag = _ROOT_ARIA.sub("", tag)[:-1] + (
        f' role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
    )
    label = (
        f'\n<title id="{prefix}-title">{escape(title, quote=False)}</title>'
        f'\n<desc id="{prefix}-desc">{escape(desc, quote=False)}</desc>'
    )
    return tag + label + rest


def _points_as_pixels(start_tag: str) -> str:
    """Draw one point of the layout as one CSS pixel: dot's 14 pt labels then read at 14 px,
    the size of the page's small print, and wide swimlanes scroll instead of shrinking."""
    return _SIZE.sub(r"\g<1>\g<2>\g<3>", start_tag)
