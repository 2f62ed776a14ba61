"""The shell of the reform room's HTML pages (diff, report, oversight): the document head with its
Content-Security-Policy, and the style every page shares. Each page adds its own rules after
these and writes its own body; every text in it is escaped by the page.
"""

from __future__ import annotations

from html import escape

__all__ = ["BASE_STYLE", "CONTENT_SECURITY_POLICY", "document"]

#: Nothing but the page's own style: no script, no fetch, no frame.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

#: What the pages share; a page's own rules come after and may override these.
BASE_STYLE = """
:root { color: #1a202c; background: #ffffff; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
body { margin: 0 auto; max-width: 1400px; padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #cbd5e0; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
table { border-collapse: collapse; margin: .5rem 0; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #a0aec0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #edf2f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figcaption { font-weight: bold; margin-bottom: .5rem; }
figure svg { max-width: 100%; height: auto; display: block; }
.note { color: #4a5568; }
"""


def document(lang: str, title: str, style: str, body: str) -> str:
    """A whole page: ``title`` is plain text (escaped here), ``style`` the page's own CSS after
    the shared rules, ``body`` the escaped HTML inside ``<main>``."""
    return f"""<!DOCTYPE html>
<html lang="{escape(lang, quote=True)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title, quote=True)}</title>
<style>{BASE_STYLE}{style}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""
