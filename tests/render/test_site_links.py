"""What the site lets a page do: links only to web addresses, and a Content-Security-Policy on every page.

The browser half (the policy at work in Chromium) is in ``test_site_browser.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import lxml.html
import pytest

from motcua.engine.spec.model import Agency, Catalog, LegalBasis, Procedure, Text
from motcua.render.site import build_site
from motcua.render.site.links import CONTENT_SECURITY_POLICY, web_link

from .test_site import sample_draw

WEB = ["https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=139264", "http://thuvienphapluat.vn/van-ban/x.aspx",
       "HTTPS://EXAMPLE.VN/Điều-1"]
NOT_WEB = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "https://example.vn/\njavascript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/relative/path",
    "http://",
    "https:///no-host",
    "ftp://files.example.vn/luat.pdf",
    "file:///etc/passwd",
    "https://[::1",
    "",
]


@pytest.mark.parametrize("url", WEB)
def test_web_addresses_are_links(url: str) -> None:
    assert web_link(url) == url


@pytest.mark.parametrize("url", NOT_WEB, ids=repr)
def test_anything_else_is_no_link(url: str) -> None:
    assert web_link(url) is None


def test_a_legal_basis_links_only_to_a_web_address(tmp_path: Path, agency: Agency, labour_rules: Procedure) -> None:
    bases = tuple(
        LegalBasis(f"luat-{n}", Text((("vi", f"Văn bản {n}"), ("en", f"Act {n}"))), url)
        for n, url in enumerate([*WEB, *NOT_WEB])
    )
    out = tmp_path / "site"
    build_site(Catalog((agency,), (dataclasses.replace(labour_rules, legal_basis=bases),)), out=out,
               on=dt.date(2024, 1, 1), draw=sample_draw)
    for lang, word in (("vi", "Văn bản"), ("en", "Act")):
        doc = lxml.html.fromstring((out / lang / "ldtbxh-nghe-an" / "dang-ky-noi-quy-lao-dong.html").read_bytes())
        items = doc.xpath("//section[@id='can-cu']//li")
        assert [i.text_content() for i in items] == [f"{word} {n}" for n in range(len(bases))]
        assert [a.get("href") for a in doc.xpath("//section[@id='can-cu']//a")] == WEB
        assert all(not i.xpath(".//a") for i in items[len(WEB):])
        schemes = {h.split(":", 1)[0].lower() for h in doc.xpath("//@href | //@src") if ":" in h.split("/")[0]}
        assert schemes <= {"http", "https"}, schemes


def test_every_page_carries_the_policy_before_anything_it_loads(tmp_path: Path, agency: Agency,
                                                               labour_rules: Procedure) -> None:
    out = tmp_path / "site"
    build_site(Catalog((agency,), (labour_rules,)), out=out, on=dt.date(2024, 1, 1), draw=sample_draw)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 5  # the front page, two indexes, a procedure in two languages
    for path in pages:
        head = lxml.html.fromstring(path.read_bytes()).find("head")
        assert head is not None
        first = [(e.tag, e.get("charset"), e.get("http-equiv")) for e in head][:2]
        assert first == [("meta", "utf-8", None), ("meta", None, "Content-Security-Policy")], path
        assert head[1].get("content") == CONTENT_SECURITY_POLICY
        assert len(head.xpath("//meta[@http-equiv='Content-Security-Policy']")) == 1
        # Nothing a policy without 'unsafe-inline' would refuse: no inline script, handler or style.
        doc = lxml.html.fromstring(path.read_bytes())
        assert all(s.get("src") for s in doc.xpath("//script")), path
        assert not doc.xpath("//style | //@style"), path
        assert not [a for a in doc.xpath("//@*") if a.attrname.lower().startswith("on")], path
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives == {
        "default-src": "'none'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
        "object-src": "'none'", "base-uri": "'none'", "form-action": "'none'",
    }
