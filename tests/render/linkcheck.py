"""The site's link checker: every relative link and source of every HTML page points at a file
of the site, and a fragment at an element of the page it names."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

__all__ = ["broken_links"]


@lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    return frozenset(lxml.html.fromstring(path.read_bytes()).xpath("//@id"))


def broken_links(site: Path) -> list[str]:
    """``page: link`` for each link of a page under ``site`` that leads nowhere: a relative
    address that is no file of the site (or lies outside it), or a fragment no element of its
    page has. Web addresses are not followed."""
    root = site.resolve()
    broken = []
    for path in sorted(site.rglob("*.html")):
        _ids.cache_clear()
        doc = lxml.html.fromstring(path.read_bytes())
        for _, _, link, _ in doc.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_file() or root not in target.parents:
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _ids(target):
                broken.append(f"{path.relative_to(site)}: {link}")
    return broken
