"""Which addresses from a spec the catalogue site may publish as links, and its Content Security Policy.

A spec's ``legal_basis[].url`` becomes a link a reader may click, so only a web address
(``http:``/``https:`` with a host) is published as one; anything else, ``javascript:`` above
all, is shown as its title alone. Every page also carries a Content-Security-Policy that allows
only the site's own script and style sheets, so markup that slipped into a page could not run.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

__all__ = ["CONTENT_SECURITY_POLICY", "web_link"]

#: Everything from the site's own files, nothing else: no inline script or event handler, no
#: style attribute or ``<style>`` (the pages use none; the charts are drawn with presentation
#: attributes), no plugin, no ``<base>``, no form submission (the index's filter form is run
#: by ``search.js``, never submitted). ``'self'`` covers the site's folder from ``file://``
#: as from a web server. ``frame-ancestors`` cannot be set from a ``<meta>``: a server's header
#: may add it.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)

# A browser drops tabs and newlines inside an address and spaces and controls around it
# ("java\tscript:" runs as "javascript:"), so an address holding any of them is refused whole.
_WEB: Final = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """``url`` when it is an ``http:`` or ``https:`` address with a host, else ``None``."""
    if url is None or not _WEB.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
