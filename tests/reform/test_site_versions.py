"""``motcua publish`` over the shipped catalogue: each procedure's earlier versions (``supersedes``)
get pages, every page of a chain lists the versions and links each to the page comparing it with
the one it replaced; those comparison pages are the site's own (its policy, frame and checks: a
real Chromium, the Nu HTML Checker, axe-core); the index and the mastheads link to the oversight
page only when ``--db`` made one; and no link of the site leads nowhere."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from motcua.cli import main
from motcua.render.site.links import CONTENT_SECURITY_POLICY
from tests.reform.pagecheck import axe_page, browser, nu_errors, page, playwright
from tests.reform.test_oversight import filled  # the scripted store
from tests.render.linkcheck import broken_links
from tests.render.test_site_browser import WATCH_POLICY, _axe

__all__ = ["axe_page", "browser", "filled", "page", "playwright"]  # fixtures, named here so that pytest finds them

AGENCY = "ldtbxh-nghe-an"
#: The chains of the shipped catalogue, oldest version first (``motcua report``'s by_chain).
CHAINS = {
    "cap-doi-the-thuong-binh-benh-binh-liet-si": ("2013", "2022"),
    "dang-ky-hoat-dong-day-nghe": ("2013", "2015"),
    "dang-ky-noi-quy-lao-dong": ("2013", "2021"),
    "tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi": ("2013", "2021"),
}
WORDS = {
    "vi": {"version": "Phiên bản", "changes": "Những gì thay đổi so với phiên bản {old}", "here": "(trang này)",
           "oversight": "Tình hình giải quyết hồ sơ", "versions": "Các phiên bản của thủ tục"},
    "en": {"version": "Version", "changes": "What changed from version {old}", "here": "(this page)",
           "oversight": "How dossiers are handled", "versions": "Versions of this procedure"},
}


def _publish(catalog: Path, out: Path, cache: Path, *more: str) -> Path:
    result = CliRunner().invoke(main, ["publish", str(catalog), "-o", str(out), "--cache-dir", str(cache), *more])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("versions-cache")


@pytest.fixture(scope="module")
def site(shipped_catalog: Path, cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue published without a case store."""
    return _publish(shipped_catalog, tmp_path_factory.mktemp("versions") / "site", cache)


@pytest.fixture(scope="module")
def watched_site(shipped_catalog: Path, cache: Path, filled: tuple[Path, dict[str, str]],
                 tmp_path_factory: pytest.TempPathFactory) -> Path:  # fmt: skip
    """The shipped catalogue published with the scripted store (``--db``)."""
    return _publish(shipped_catalog, tmp_path_factory.mktemp("versions-db") / "site", cache, "--db", str(filled[0]))


def _doc(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _target(page: Path, href: str) -> Path:
    return (page.parent / href).resolve()


def _pages(lang: str, pid: str) -> tuple[Path, Path, Path]:
    old, new = CHAINS[pid]
    folder = Path(lang) / AGENCY
    return folder / f"{pid}.html", folder / f"{pid}.{old}.html", folder / f"{pid}.{old}.{new}.html"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("pid", sorted(CHAINS))
def test_each_chain_lists_its_versions_with_the_comparison(site: Path, pid: str, lang: str) -> None:
    old, new = CHAINS[pid]
    shown, earlier, diff = (site / p for p in _pages(lang, pid))
    said = WORDS[lang]
    for here, other in ((shown, earlier), (earlier, shown)):
        box = _doc(here).xpath("//section[@class='versions']")
        assert len(box) == 1, here
        assert _text(box[0].xpath("h2")[0]) == said["versions"]
        rows = box[0].xpath("ol/li")
        # Newest first; the page's own version is named, not linked, and marked as the current page.
        assert [_text(r).split(" · ")[0] for r in rows] == [
            f"{said['version']} {new}" + (f" {said['here']}" if here == shown else ""),
            f"{said['version']} {old}" + (f" {said['here']}" if here == earlier else ""),
        ]
        current = [r for r in rows if r.get("aria-current") == "page"]
        assert len(current) == 1 and not current[0].xpath("a[not(@class='changes')]")
        versions = box[0].xpath(".//a[not(@class='changes')]")
        assert [_target(here, a.get("href")) for a in versions] == [other.resolve()]
        changes = box[0].xpath(".//a[@class='changes']")
        assert [(_text(a), _target(here, a.get("href"))) for a in changes] == [
            (said["changes"].format(old=old), diff.resolve())]
        assert rows[0].xpath("a[@class='changes']")  # on the newer version's row
    # The comparison names both versions and links back to their pages and to the procedure.
    doc = _doc(diff)
    assert doc.get("lang") == lang
    assert [(_text(a), _target(diff, a.get("href"))) for a in doc.xpath("//main//p[@class='note'][1]/a")] == [
        (f"{said['version']} {old}", earlier.resolve()), (f"{said['version']} {new}", shown.resolve())]
    assert _target(diff, doc.xpath("//nav[@class='crumbs wrap']//a")[-1].get("href")) == shown.resolve()
    switch = doc.xpath("//nav[@class='lang']/a")[0]
    assert _target(diff, switch.get("href")) == (site / _pages("en" if lang == "vi" else "vi", pid)[2]).resolve()


def test_a_procedure_without_earlier_versions_lists_none(site: Path) -> None:
    for pid in ("di-chuyen-ho-so-nguoi-co-cong", "dang-ky-thoa-uoc-lao-dong-tap-the"):
        assert not _doc(site / "vi" / AGENCY / f"{pid}.html").xpath("//section[@class='versions']")
        assert [p.name for p in (site / "vi" / AGENCY).glob(f"{pid}.*")] == [f"{pid}.html"]


def test_the_pages_are_listed_in_the_manifest_and_counted(site: Path) -> None:
    manifest = (site / ".motcua-site").read_text(encoding="utf-8")
    for pid in CHAINS:
        for lang in ("vi", "en"):
            assert all(f'"{p.as_posix()}"' in manifest for p in _pages(lang, pid))
    assert '"static/diff.css"' in manifest
    # 15 procedures shown, 4 earlier versions and 4 comparisons in two languages; the 3 indexes
    assert len(list(site.rglob("*.html"))) == (15 + 4 + 4) * 2 + 3


@pytest.mark.parametrize("fixture", ["site", "watched_site"])
def test_no_link_of_the_site_leads_nowhere(fixture: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    assert broken_links(root) == []


def test_the_comparison_is_under_the_sites_policy_with_nothing_inline(site: Path) -> None:
    for pid in CHAINS:
        for lang in ("vi", "en"):
            diff = site / _pages(lang, pid)[2]
            doc = _doc(diff)
            assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CONTENT_SECURITY_POLICY]
            assert not doc.xpath("//script | //style | //@style")
            assert not [a for a in doc.xpath("//@*") if a.attrname.lower().startswith("on")]
            sheets = [_target(diff, h) for h in doc.xpath("//link[@rel='stylesheet']/@href")]
            assert (site / "static" / "diff.css").resolve() in sheets and (site / "static" / "site.css").resolve() in sheets
            assert len(doc.xpath("//figure//svg[@role='img']")) == 2


def test_the_comparison_marks_what_changed(site: Path) -> None:
    """The 2021 admission dossier changed its steps' checks: changed steps are marked in the new
    chart, nothing is struck through in it, and the removed records are struck through."""
    diff = site / _pages("en", "tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi")[2]
    doc = _doc(diff)
    assert doc.xpath("//figure[@id='chart-new']//g[contains(@class, 'step-changed')]")
    assert not doc.xpath("//figure[@id='chart-new']//g[contains(@class, 'step-removed')]")
    assert "Health certificate" in [_text(d) for d in doc.xpath("//del")]


def test_the_index_links_to_oversight_only_when_the_store_was_given(site: Path, watched_site: Path) -> None:
    for lang in ("vi", "en"):
        said = WORDS[lang]["oversight"]
        for root in (site, watched_site):
            doc = _doc(root / lang / "index.html")
            links = [a for a in doc.xpath("//a") if "oversight" in (a.get("href") or "")]
            if root == site:
                assert links == [] and not (root / lang / "oversight.html").exists()
                continue
            assert [_target(root / lang / "index.html", a.get("href")) for a in links] == [
                (root / lang / "oversight.html").resolve()] * 2  # the masthead and the introduction
            assert _text(doc.xpath("//header//a[@class='oversight-link']")[0]) == said
        # Every other page of the site links to it from its masthead, with --db only.
        for path in (watched_site / lang / AGENCY).glob("*.html"):
            link = _doc(path).xpath("//header//a[@class='oversight-link']/@href")
            assert [_target(path, h) for h in link] == [(watched_site / lang / "oversight.html").resolve()], path
        for path in (site / lang / AGENCY).glob("*.html"):
            assert "oversight" not in path.read_text(encoding="utf-8"), path


# -- in the browser and the checkers ----------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(watched_site: Path) -> Iterator[str]:
    """The site through a loopback HTTP server: axe-core reads style sheets with XHR, which
    Chromium refuses on file:// addresses."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(watched_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _checked(site: Path) -> list[str]:
    """The pages these tests bring: comparisons, earlier versions, the versions shown, indexes."""
    pages = ["vi/index.html", "en/index.html"]
    for pid in sorted(CHAINS):
        for lang in ("vi", "en"):
            pages += [p.as_posix() for p in _pages(lang, pid)]
    return pages


@pytest.mark.browser
def test_the_pages_work_in_chromium_under_the_policy(watched_site: Path, page: Page) -> None:
    page.add_init_script(WATCH_POLICY)
    for relative in _checked(watched_site):
        page.goto((watched_site / relative).as_uri())
        assert page.evaluate("window.refused") == [], relative
        # The site's own style sheets apply: the masthead has its colour.
        assert page.evaluate("getComputedStyle(document.querySelector('header.masthead')).backgroundColor") not in (
            "rgba(0, 0, 0, 0)", "transparent"), relative
    diff = watched_site / _pages("vi", "tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi")[2]
    page.goto(diff.as_uri())
    old, new = page.locator("#chart-old svg"), page.locator("#chart-new svg")
    expect(old).to_be_visible()
    expect(new).to_be_visible()
    a, b = old.bounding_box(), new.bounding_box()
    assert a is not None and b is not None
    assert a["x"] + a["width"] <= b["x"] and abs(a["y"] - b["y"]) < 60  # side by side at 1280 px
    assert a["width"] > 450 and b["width"] > 450
    # diff.css marks the changed steps: dashed outlines in the new chart, none in the old.
    dashed = "ps => ps.filter(p => getComputedStyle(p).strokeDasharray.startsWith('6')).length"
    assert page.locator("#chart-new g.node polygon, #chart-new g.node path").evaluate_all(dashed) >= 1
    assert page.locator("#chart-old g.node polygon, #chart-old g.node path").evaluate_all(dashed) == 0
    expect(page.locator("del", has_text="Giấy khám sức khỏe")).to_have_css("text-decoration-line", "line-through")
    page.locator("#chart-new .full-size a").click()
    expect(page.locator("#so-do-internal")).to_be_in_viewport()


@pytest.mark.browser
def test_the_comparison_prints_on_a4_without_the_sites_navigation(watched_site: Path, page: Page) -> None:
    page.goto((watched_site / _pages("en", "dang-ky-noi-quy-lao-dong")[2]).as_uri())
    page.emulate_media(media="print")
    for hidden in ("header.masthead", "nav.crumbs", "footer.site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    width = page.evaluate("document.documentElement.clientWidth")
    for key in ("old", "new"):
        box = page.locator(f"#chart-{key} svg").bounding_box()
        assert box is not None and box["width"] <= width + 1
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1.5 for w, h in sizes), sizes


@pytest.mark.browser
def test_the_posted_sheet_leaves_the_list_of_versions_off_paper(watched_site: Path, page: Page) -> None:
    page.goto((watched_site / _pages("vi", "dang-ky-noi-quy-lao-dong")[0]).as_uri())
    expect(page.locator("section.versions")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("section.versions")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.browser
def test_axe_finds_no_wcag_21_aa_violation(watched_site: Path, served: str, axe_page: Page) -> None:
    found = {}
    for relative in _checked(watched_site):
        axe_page.goto(f"{served}/{relative}")
        if violations := _axe(axe_page):
            found[relative] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}


def test_nu_html_checker_finds_no_error(watched_site: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for relative in _checked(watched_site):
        (pages / relative.replace("/", "__")).write_bytes((watched_site / relative).read_bytes())
    assert nu_errors(pages) == (0, "")


@pytest.mark.browser
def test_on_a_phone_nothing_runs_off_the_screen(watched_site: Path, served: str, axe_page: Page) -> None:
    axe_page.set_viewport_size({"width": 390, "height": 844})
    for relative in ("en/index.html", _pages("en", "dang-ky-noi-quy-lao-dong")[2].as_posix(),
                     _pages("vi", "dang-ky-noi-quy-lao-dong")[1].as_posix()):
        axe_page.goto(f"{served}/{relative}")
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= 390, relative
        link = axe_page.locator("header a.oversight-link").bounding_box()
        assert link is not None and link["height"] < 40, relative  # on one line
        assert [v["id"] for v in _axe(axe_page)] == [], relative
