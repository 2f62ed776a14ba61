"""A chart read back from the cache, checked like input before it goes into a page.

The cache folder may be one a repository holds (``--cache-dir .motcua_cache``), so a file in it
may have been written by anyone. An SVG chart is pasted into the page as it is, so one is
used only when it is made of what dot writes for the DOT text of ``render.dot``: the XML prolog
and DOCTYPE dot writes (no internal subset, so no entity), comments, and the elements and
attributes below, with text that holds no markup. Anything else (a ``<script>``, a
``<foreignObject>``, an ``on...=`` handler, a ``style``, an ``href`` of any kind, a
``javascript:`` address, a paint from another document) makes the chart be drawn again. The
lists were read off every chart dot draws for the shipped catalogue and for hostile text in
both views, standalone and for the page; a test keeps them so.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["ATTRIBUTES", "ELEMENTS", "MAX_BYTES", "drawn_by_dot"]

#: The elements dot writes for our charts (``<a>`` carries a standalone chart's tooltip).
ELEMENTS: Final = frozenset(b"svg g title text path polygon polyline ellipse a".split())
#: Their attributes: geometry, paint and font as presentation attributes, ids, classes, tooltips.
ATTRIBUTES: Final = frozenset(
    b"width height viewBox xmlns xmlns:xlink class id transform points d cx cy rx ry x y fill stroke "
    b"stroke-width stroke-dasharray font-family font-size font-weight text-anchor xlink:title".split()
)
#: A chart larger than this is not one of ours (the largest charts of 12,100-character texts
#: are a few hundred kilobytes).
MAX_BYTES: Final = 16 * 1024 * 1024


def _one_of(names: frozenset[bytes]) -> bytes:
    return b"(?:" + b"|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))) + b")"


# The whole document, token by token: attribute values are double-quoted without "<", text
# holds no "<", comments hold no "<", ">" or "--", so every "<" starts a token that this reads
# as a browser does, and a tag may only be one of the lists'.
_DOCUMENT: Final = re.compile(
    rb'(?:<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\s*)?'
    rb'(?:<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1\.1//EN"\s+"http://www\.w3\.org/Graphics/SVG/1\.1/DTD/svg11\.dtd">\s*)?'
    rb"(?:<!--(?:[^<>-]|-(?!-))*-->"
    rb"|<" + _one_of(ELEMENTS) + rb"(?:\s+" + _one_of(ATTRIBUTES) + rb'="[^"<]*")*\s*/?>'
    rb"|</" + _one_of(ELEMENTS) + rb"\s*>"
    rb"|[^<]+)*+"
)
_NAMESPACES: Final = (b' xmlns="http://www.w3.org/2000/svg"', b' xmlns:xlink="http://www.w3.org/1999/xlink"')
_PNG: Final = b"\x89PNG\r\n\x1a\n"


def drawn_by_dot(data: bytes, format: str = "svg") -> bool:
    """Whether ``data`` can be a chart dot drew for us in ``format``; only SVG goes into a page,
    so only SVG is read closely (a PNG must start as a PNG does)."""
    if len(data) > MAX_BYTES:
        return False
    if format == "png":
        return data.startswith(_PNG)
    if format != "svg":
        return True
    if data.count(b"<svg") != 1 or _DOCUMENT.fullmatch(data) is None:
        return False
    # The namespaces are dot's own, said once each; no script address, no paint or marker
    # from another document (only "url(#...)" within the chart).
    if data.count(b"xmlns") != 2 or not all(namespace in data for namespace in _NAMESPACES):
        return False
    folded = data.lower()
    return b"javascript:" not in folded and folded.count(b"url(") == folded.count(b"url(#")
