"""The published site in a real browser and real checkers: headless Chromium, the Nu HTML Checker, axe-core.

These tests need Debian's `chromium`, Java and `node_modules/` from `npm ci` at the repository
root; when one is missing they fail and say how to install it (never `playwright install`).
Screenshots go to the test's folder and to /tmp/motcua-shots/.
"""

from __future__ import annotations

import os
import dataclasses
import datetime as dt
import functools
import json
import re
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, expect, sync_playwright

import motcua
from motcua.engine.spec.model import Catalog, Level, Procedure, Text
import motcua.render.site
from motcua.render.site import SiteReport, build_site, published_procedures
from motcua.render.site.html import render_page
from motcua.render.site.folding import fold
from motcua.render.site.links import CONTENT_SECURITY_POLICY
from motcua.render.site.pageparts import page_path

from .bigindex import big_index

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/motcua-shots")
# No sandbox inside containers (run as root), nothing fetched in the background (the network is closed).
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
THUONG_BINH = "ldtbxh-nghe-an/cap-doi-the-thuong-binh-benh-binh-liet-si"


@dataclasses.dataclass(frozen=True)
class Site:
    root: Path
    report: SiteReport
    catalog: Catalog
    published: tuple[Procedure, ...]

    http: str

    def url(self, relative: str) -> str:
        return (self.root / relative).as_uri()

    def served(self, relative: str) -> str:
        """The page through a loopback HTTP server: axe-core reads style sheets with XHR, which
        Chromium refuses on file:// addresses."""
        return f"{self.http}/{relative}"


LONG = Path(__file__).parent / "catalogs" / "long-record"
LONG_PAGE = "ubnd-xa-song-lam/dang-ky-bien-dong-dat-dai"


def _district_procedure(catalog: Catalog) -> Catalog:
    """The shipped catalogue plus one district-level copy of a procedure, so the level filter has
    something to tell apart (every shipped procedure is handled at province level), and the long
    national record of ``catalogs/long-record`` (commune and province level, every new key)."""
    base = catalog.procedure("ldtbxh-nghe-an/di-chuyen-ho-so-nguoi-co-cong", version="2013")
    copy = dataclasses.replace(
        base,
        id="xac-nhan-ho-so-cap-huyen",
        code=None,
        level=(Level.DISTRICT,),
        title=Text((("vi", "Xác nhận hồ sơ người có công tại cấp huyện"),
                    ("en", "Certifying records of meritorious people at district level"))),
    )
    long = motcua.load_catalog(LONG)
    return dataclasses.replace(catalog, agencies=catalog.agencies + long.agencies,
                               procedures=catalog.procedures + (copy,) + long.procedures)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    catalog = _district_procedure(motcua.load_catalog(Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"))
    out = tmp_path_factory.mktemp("browser") / "site"
    report = build_site(catalog, out=out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(out, report, catalog, tuple(p for p, _ in published_procedures(catalog)[0]),
               f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()
    server.server_close()
    thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Chromium is missing: apt-get install -y chromium (never `playwright install`)"
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
    yield chromium
    chromium.close()


def _watched_tab(browser: Browser, *, bypass_csp: bool = False) -> Iterator[Page]:
    """A tab that fails the test on a script error, a console error or warning (a refused
    Content-Security-Policy included) or any request off the disk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=bypass_csp)
    tab = context.new_page()
    problems: list[str] = []

    def on_request(request: Request) -> None:
        if not request.url.startswith(("file://", "http://127.0.0.1:")):
            problems.append(f"request to {request.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    tab.on("request", on_request)
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    yield tab
    context.close()
    assert problems == []


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page under the site's Content-Security-Policy, watched for errors (``_watched_tab``)."""
    yield from _watched_tab(browser)


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A watched page that lets the test add axe-core's script: the policy refuses a script the
    site did not ship, as it should (``test_an_injected_script_is_refused``)."""
    yield from _watched_tab(browser, bypass_csp=True)


def visible_titles(page: Page) -> list[str]:
    return page.locator("li.procedure:visible a.procedure-title").all_inner_texts()


def test_pages_load_with_everything_listed(site: Site, page: Page) -> None:
    total = site.report.procedures
    assert total == len({(p.agency, p.id) for p in site.catalog.procedures})
    for lang, shown in (("vi", f"Đang hiển thị {total} trên {total} thủ tục"), ("en", f"Showing {total} of {total} procedures")):
        page.goto(site.url(f"{lang}/index.html"))
        expect(page.locator("#filters")).to_be_visible()
        expect(page.locator("#count")).to_have_text(shown)
        assert page.locator("li.procedure:visible").count() == total
        for href in page.locator("a.procedure-title").evaluate_all("links => links.map(a => a.href)"):
            page.goto(href)
            expect(page.locator("h1")).not_to_be_empty()
            assert page.locator("figure svg[role=img]").count() == 2
            page.go_back()


def test_filter_by_field(site: Site, page: Page) -> None:
    page.goto(site.url("vi/index.html"))
    page.select_option("#field", "lao-dong")
    titles = visible_titles(page)
    expected = sorted(p.title.get("vi") for p in site.published if p.field == "lao-dong")
    assert len(expected) >= 2 and sorted(titles) == expected
    headings = [" ".join(h.split()) for h in page.locator("section.group:visible h2").all_inner_texts()]
    assert headings == [f"Lao động {len(expected)}"]
    page.select_option("#field", "")
    assert len(visible_titles(page)) == site.report.procedures


def test_filter_by_level_and_agency(site: Site, page: Page) -> None:
    page.goto(site.url("en/index.html"))
    page.select_option("#level", "district")
    assert visible_titles(page) == ["Certifying records of meritorious people at district level"]
    page.select_option("#level", "province")
    province = [p for p in site.published if Level.PROVINCE in p.level]
    assert len(visible_titles(page)) == len(province) < site.report.procedures
    page.select_option("#agency", "ldtbxh-phu-yen")
    titles = visible_titles(page)
    assert sorted(titles) == sorted(p.title.get("en") for p in site.published if p.agency == "ldtbxh-phu-yen")
    expect(page.locator("#count")).to_have_text(f"Showing {len(titles)} of {site.report.procedures} procedures")
    page.click("button[type=reset]")
    expect(page.locator("#count")).to_have_text(f"Showing {site.report.procedures} of {site.report.procedures} procedures")


def test_a_procedure_of_several_levels_is_found_under_each(site: Site, page: Page) -> None:
    page.goto(site.url("vi/index.html"))
    page.select_option("#level", "commune")
    commune = sorted(p.title.get("vi") for p in site.published if Level.COMMUNE in p.level)
    assert "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất" in commune
    assert sorted(visible_titles(page)) == commune
    page.select_option("#field", "dat-dai")
    expect(page.locator("#field option:checked")).to_have_text("Đất đai")
    assert len(visible_titles(page)) == 1
    page.select_option("#level", "district")
    assert visible_titles(page) == []


def test_the_long_record_reads_at_its_real_size(site: Site, page: Page) -> None:
    page.goto(site.url(f"vi/{LONG_PAGE}.html"))
    chart = page.locator("#so-do-public svg[role=img]")
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 1100 and box["height"] <= 1400, box
    # The chart is drawn at its size, not shrunk: its smallest text stays at 9 px or more.
    smallest = chart.locator("text").evaluate_all("ts => Math.min(...ts.map(t => parseFloat(getComputedStyle(t).fontSize)))")
    assert smallest >= 9
    expect(chart.locator("text", has_text="và 43 giấy tờ khác, xem mục 3")).to_have_count(1)
    assert page.locator("table.fees").first.locator("tbody tr").count() == 30
    assert page.locator("table.dossier tbody tr").count() == 58
    SHOTS.mkdir(exist_ok=True)
    page.locator("#so-do-public").screenshot(path=str(SHOTS / "long-record-public-chart-vi.png"))
    page.locator("#ho-so").screenshot(path=str(SHOTS / "long-record-dossier-vi.png"))


def test_an_index_of_two_thousand_procedures_opens_and_filters(page: Page, tmp_path: Path) -> None:
    """How fast it opens and filters is measured by bench/site_index.py; here, that it works."""
    index = big_index(tmp_path / "big", 2000)
    size = index.stat().st_size
    assert size < 2_000_000, size  # about a kilobyte a procedure, whatever it holds
    page.goto(index.as_uri())
    expect(page.locator("#count")).to_have_text("Đang hiển thị 2000 trên 2000 thủ tục")
    page.select_option("#field", "ho-tich")
    expect(page.locator("#count")).to_have_text("Đang hiển thị 667 trên 2000 thủ tục")
    page.select_option("#field", "")
    page.fill("#q", "so 1999")
    assert visible_titles(page) == ["Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất số 1999"]


@pytest.mark.parametrize("query", ["thuong binh", "thương binh", "THƯƠNG BINH", "thuơng bính", "1.010814"])
def test_search_matches_with_or_without_diacritics(site: Site, page: Page, query: str) -> None:
    page.goto(site.url("vi/index.html"))
    page.fill("#q", query)
    titles = visible_titles(page)
    assert ("Cấp bổ sung hoặc cấp lại giấy chứng nhận người có công do ngành Lao động - Thương binh và Xã hội quản lý"
            " và giấy chứng nhận thân nhân liệt sĩ") in titles
    folded = fold(query)
    if not folded[0].isdigit():
        assert all(folded in fold(t) for t in titles)


def test_search_without_a_match_says_so(site: Site, page: Page) -> None:
    page.goto(site.url("vi/index.html"))
    page.fill("#q", "giấy phép lái xe")
    assert visible_titles(page) == []
    expect(page.locator("#none-found")).to_be_visible()
    expect(page.locator("section.group:visible")).to_have_count(0)


def test_filters_come_from_the_address(site: Site, page: Page) -> None:
    page.goto(site.url("vi/index.html") + "?q=dang+ky&field=day-nghe")
    expect(page.locator("#q")).to_have_value("dang ky")
    titles = visible_titles(page)
    expected = [p.title.get("vi") for p in site.published if p.field == "day-nghe" and "dang ky" in fold(p.title.get("vi"))]
    assert titles and sorted(titles) == sorted(expected)


def test_search_folds_like_python(site: Site, page: Page) -> None:
    page.goto(site.url("vi/index.html"))
    samples = ["Đăng ký NỘI QUY", "thu\u031bo\u031b\u0300ng binh", "  Ủy ban\tnhân dân ", "Bảo trợ xã hội"]
    assert page.evaluate("s => s.map(window.motcua.fold)", samples) == [fold(s) for s in samples]


def test_index_lists_everything_without_javascript(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site.url("vi/index.html"))
    assert tab.locator("#filters").is_hidden()
    assert tab.locator("li.procedure:visible").count() == site.report.procedures
    context.close()


def test_language_switch(site: Site, page: Page) -> None:
    page.goto(site.url(f"vi/{THUONG_BINH}.html"))
    expect(page.locator("h1")).to_have_text(
        "Cấp bổ sung hoặc cấp lại giấy chứng nhận người có công do ngành Lao động - Thương binh và Xã hội quản lý"
        " và giấy chứng nhận thân nhân liệt sĩ")
    page.click("nav.lang a")
    assert page.url == site.url(f"en/{THUONG_BINH}.html")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text(
        "Additional issue or re-issue of certificates of people with meritorious services managed by the labour,"
        " invalids and social affairs sector and of martyrs' relatives' certificates")
    page.click("nav.lang a")
    assert page.url == site.url(f"vi/{THUONG_BINH}.html")
    page.goto(site.url("en/index.html"))
    page.click("nav.lang a")
    assert page.url == site.url("vi/index.html")


def test_front_page_opens_the_default_language(site: Site, page: Page) -> None:
    page.goto(site.url("index.html"))
    page.wait_for_url(site.url("vi/index.html"))
    expect(page.locator("h1")).to_have_text("Danh mục thủ tục hành chính")


def test_print_gives_an_a4_sheet_without_navigation(site: Site, page: Page) -> None:
    page.goto(site.url(f"vi/{THUONG_BINH}.html"))
    page.emulate_media(media="print")
    for hidden in ("header.masthead", "nav.crumbs", "nav.toc", "#so-do-internal", "footer.site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#so-do-public")).to_be_visible()
    expect(page.locator(".posted-at")).to_have_text("Niêm yết công khai tại Bộ phận Tiếp nhận và Trả kết quả")
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes == {(b"595.91998", b"842.88")} or all(
        abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1.5 for w, h in sizes), sizes  # A4 in points


def test_screenshots(site: Site, page: Page, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    for name, relative in (("index-vi", "vi/index.html"), ("procedure-vi", f"vi/{THUONG_BINH}.html"),
                           ("procedure-en", f"en/{THUONG_BINH}.html")):
        page.goto(site.url(relative))
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000
        shutil.copy(shot, SHOTS / shot.name)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("vi/index.html"))
    page.fill("#q", "thuong binh")
    page.screenshot(path=str(SHOTS / "index-vi-phone-search.png"), full_page=False)


def _axe(page: Page) -> list[dict[str, Any]]:
    assert AXE.exists(), "axe-core is missing: run `npm ci` at the repository root"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def test_axe_finds_no_wcag_21_aa_violation(site: Site, axe_page: Page) -> None:
    page = axe_page
    # The front page forwards to vi/index.html at once; to check it, serve it without the forward.
    front = (site.root / "index.html").read_text(encoding="utf-8")
    held = re.sub(r'<meta http-equiv="refresh"[^>]*>\n', "", front)
    assert held != front
    page.route(f"{site.http}/index.html", lambda route: route.fulfill(body=held, content_type="text/html"))
    page.goto(site.served("index.html"))
    found = {}
    if violations := _axe(page):
        found["index.html"] = [v["id"] for v in violations]
    pages = ["vi/index.html", "en/index.html"]
    pages += sorted(str(p.relative_to(site.root)) for p in site.root.glob("*/*/*.html"))
    for relative in pages:
        page.goto(site.served(relative))
        violations = _axe(page)
        if violations:
            found[relative] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_axe_also_passes_with_filters_applied_and_on_a_phone(site: Site, axe_page: Page) -> None:
    page = axe_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.served("vi/index.html"))
    page.fill("#q", "khong co thu tuc nay")
    assert _axe(page) == []
    page.goto(site.served(f"vi/{THUONG_BINH}.html"))
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in _axe(page)] == []


def test_nu_html_checker_finds_no_error(site: Site) -> None:
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless"
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` at the repository root"
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site.root)],
        capture_output=True, text=True, timeout=300,
    )
    assert (run.returncode, run.stdout + run.stderr) == (0, "")


# Noted before any script of the page runs: every refusal of the Content-Security-Policy.
WATCH_POLICY = """
window.refused = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.refused.push(e.effectiveDirective + " " + (e.blockedURI || "?"));
});
"""


def _site_pages(site: Site) -> list[str]:
    return ["vi/index.html", "en/index.html", *sorted(str(p.relative_to(site.root)) for p in site.root.glob("*/*/*.html"))]


def test_every_page_works_under_its_content_security_policy(site: Site, page: Page) -> None:
    page.add_init_script(WATCH_POLICY)
    # The front page forwards to the index; it carries the policy too.
    page.goto(site.url("index.html"))
    page.wait_for_url(site.url("vi/index.html"))
    assert (site.root / "index.html").read_text(encoding="utf-8").count(f'content="{CONTENT_SECURITY_POLICY}"') == 1
    for relative in _site_pages(site):
        page.goto(site.url(relative))
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert policy.get_attribute("content") == CONTENT_SECURITY_POLICY
        # The site's own style sheet applies: the masthead has its colour.
        assert page.evaluate("getComputedStyle(document.querySelector('header.masthead')).backgroundColor") not in (
            "rgba(0, 0, 0, 0)", "transparent")
        if relative.endswith("/index.html"):
            # search.js runs: the filters appear and narrow the list.
            expect(page.locator("#filters")).to_be_visible()
            page.fill("#q", "thuong binh")
            assert 0 < len(visible_titles(page)) < site.report.procedures
        else:
            charts = page.locator("figure .canvas > svg[role=img]")
            assert charts.count() == 2
            for n in range(2):
                box = charts.nth(n).bounding_box()
                assert box is not None and box["width"] > 100 and box["height"] > 50, relative
                expect(charts.nth(n).locator("text").first).to_be_visible()
                # Drawn with dot's colours (presentation attributes, which the policy allows).
                fills = charts.nth(n).locator("polygon, path, ellipse, rect").evaluate_all(
                    "shapes => shapes.map(s => getComputedStyle(s).stroke)")
                assert any(f not in ("none", "rgb(0, 0, 0)") for f in fills), relative
        assert page.evaluate("window.refused") == [], relative


def test_an_injected_script_is_refused(site: Site, browser: Browser, tmp_path: Path) -> None:
    """Markup that slipped into a page cannot run: no inline script, event handler, javascript:
    link or script from elsewhere; the page itself keeps working."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    target = copy / "vi" / f"{THUONG_BINH}.html"
    html = target.read_text(encoding="utf-8")
    injected = (
        '<script>window.ran = "inline script";</script>\n'
        '<img src="../../static/icon.svg" alt="" onload="window.ran = \'onload\'">\n'
        '<img src="../../static/missing.png" alt="" onerror="window.ran = \'onerror\'">\n'
        f'<script src="{site.http}/static/search.js"></script>\n'
        '<a id="evil" href="javascript:window.ran = \'javascript link\'">x</a>\n'
    )
    marker = '<main id="main" class="wrap sheet">\n'
    assert html.count(marker) == 1
    target.write_text(html.replace(marker, marker + injected), encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    said: list[str] = []
    tab.on("console", lambda message: said.append(message.text))
    tab.add_init_script(WATCH_POLICY)
    tab.goto(target.as_uri())
    tab.click("#evil")
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.ran") is None
    refused = tab.evaluate("window.refused")
    assert sorted(r.split()[0] for r in refused) == [
        "script-src-attr", "script-src-attr", "script-src-elem", "script-src-elem", "script-src-elem"], refused
    assert f"script-src-elem {site.http}/static/search.js" in refused
    blocked = [line for line in said if "violates the following Content Security Policy directive" in line]
    assert len(blocked) == 5 and all("The action has been blocked." in line for line in blocked), said
    assert [line for line in said if line not in blocked] == ["Failed to load resource: net::ERR_FILE_NOT_FOUND"]
    # The page is still whole: its charts show.
    expect(tab.locator("figure .canvas > svg[role=img]").first).to_be_visible()
    context.close()


def _chart_fit(page: Page) -> dict[str, Any]:
    """The staff chart's drawn width, its canvas, and the boxes of its decisions and ends
    against the canvas, as the page shows them now."""
    return page.evaluate("""() => {
        const canvas = document.querySelector('#so-do-internal .canvas');
        const svg = canvas.querySelector('svg[role=img]');
        const view = canvas.getBoundingClientRect();
        const outside = [...svg.querySelectorAll('g.node.decision, g.node.end, g.node.exit')]
            .map(g => g.getBoundingClientRect())
            .filter(r => r.left < view.left - 1 || r.right > view.right + 1);
        return {drawn: parseFloat(svg.getAttribute('width')), shown: svg.getBoundingClientRect().width,
                client: canvas.clientWidth, scroll: canvas.scrollWidth, outside: outside.length,
                decisions: svg.querySelectorAll('g.node.decision').length};
    }""")


def test_the_staff_chart_fits_the_column_and_opens_at_actual_size(site: Site, page: Page) -> None:
    """At 1280 px every staff chart shows whole, decisions and endings included; the box above
    it shows the chart at its drawn size, scrolling sideways, without any script."""
    wide = 0
    for procedure in site.published:
        relative = page_path(procedure, "vi")
        page.goto(site.url(relative))
        fit = _chart_fit(page)
        assert fit["shown"] <= fit["client"] and fit["scroll"] <= fit["client"], (relative, fit)
        assert fit["outside"] == 0, (relative, fit)
        toggle = page.locator("#so-do-internal-actual")
        expect(toggle).not_to_be_checked()
        page.locator("label[for=so-do-internal-actual]").click()
        expect(toggle).to_be_checked()
        actual = _chart_fit(page)
        assert abs(actual["shown"] - actual["drawn"]) < 1, (relative, actual)
        if actual["drawn"] > actual["client"]:
            wide += 1
            assert actual["scroll"] > actual["client"] and actual["outside"] > 0, (relative, actual)
        # The keyboard turns it back.
        toggle.focus()
        page.keyboard.press("Space")
        assert _chart_fit(page)["shown"] <= fit["client"]
    assert wide >= 10  # the shipped staff charts are wider than the column at their drawn size
    page.goto(site.url(f"vi/{THUONG_BINH}.html"))
    assert page.locator("script").count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.locator("#so-do-internal").screenshot(path=str(SHOTS / "staff-chart-fitted-vi.png"))
