"""``motcua diff --format html``: the page in headless Chromium, the Nu HTML Checker and axe-core,
as the published site is checked (the browser, the watched tab and axe come from the site's tests);
the marks in both charts, A4 print, no script and escaped text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from motcua.cli import main
from tests.reform.pagecheck import (
    axe_page,
    axe_violations,
    browser,
    nu_errors,
    page,
    playwright,
)

pytestmark = pytest.mark.browser

__all__ = ["axe_page", "browser", "page", "playwright"]  # fixtures, named here so that pytest finds them

CATALOG = Path(__file__).parent / "catalog"
CHAIN = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, shipped_catalog: Path) -> Path:
    """The pages of the shipped chain (vi, en) and of every pair of the test catalogue."""
    out = tmp_path_factory.mktemp("diff-pages")
    runs = {
        "chain-vi.html": [f"{CHAIN}@2013", f"{CHAIN}@2021", "--catalog", str(shipped_catalog), "--lang", "vi"],
        "chain-en.html": [f"{CHAIN}@2013", f"{CHAIN}@2021", "--catalog", str(shipped_catalog), "--lang", "en"],
        "bo-buoc-vi.html": ["bo-buoc@1", "bo-buoc@2", "--catalog", str(CATALOG), "--lang", "vi"],
        "bo-buoc-en.html": ["bo-buoc@1", "bo-buoc@2", "--catalog", str(CATALOG), "--lang", "en"],
        "nhom-chon-vi.html": ["nhom-chon@1", "nhom-chon@2", "--catalog", str(CATALOG), "--lang", "vi"],
    }
    for pid in ("truong-hop", "kenh", "phi", "doi-buoc"):
        runs[f"{pid}-en.html"] = [f"{pid}@1", f"{pid}@2", "--catalog", str(CATALOG), "--lang", "en"]
    for name, args in runs.items():
        result = CliRunner().invoke(main, ["diff", *args, "--format", "html", "-o", str(out / name)])
        assert result.exit_code == 0, result.output
    return out




def test_both_charts_side_by_side_with_the_removed_step_struck_through(pages: Path, page: Page) -> None:
    page.goto((pages / "bo-buoc-vi.html").as_uri())
    old, new = page.locator("#chart-old svg"), page.locator("#chart-new svg")
    expect(old).to_be_visible()
    expect(new).to_be_visible()
    a, b = old.bounding_box(), new.bounding_box()
    assert a is not None and b is not None
    assert a["x"] + a["width"] <= b["x"] and abs(a["y"] - b["y"]) < 60  # side by side on a wide screen
    # The leader's step "ky" is gone: its box in the old chart is struck through, and only there.
    struck = page.locator("#chart-old g.node text").evaluate_all(
        "ts => ts.filter(t => getComputedStyle(t).textDecorationLine.includes('line-through')).map(t => t.textContent)")
    assert "Ký giấy chứng nhận" in " ".join(struck) and "Thẩm định" not in " ".join(struck)
    assert page.locator("#chart-new g.node text").evaluate_all(
        "ts => ts.filter(t => getComputedStyle(t).textDecorationLine.includes('line-through')).length") == 0
    # The step whose route changed is outlined as changed in the new chart.
    dashed = page.locator("#chart-new g.node polygon, #chart-new g.node path").evaluate_all(
        "ps => ps.filter(p => getComputedStyle(p).strokeDasharray !== 'none').length")
    assert dashed >= 1
    expect(page.locator("del", has_text="Ký giấy chứng nhận")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Số lần chuyển hồ sơ giữa các đơn vị (luồng chính)")


def test_new_records_and_channels_are_marked(pages: Path, page: Page) -> None:
    page.goto((pages / "nhom-chon-vi.html").as_uri())
    expect(page.locator("ins", has_text="Hộ chiếu")).to_be_visible()
    expect(page.locator("ins", has_text="Giấy tờ tùy thân")).to_be_visible()
    page.goto((pages / "chain-en.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("ins", has_text="online")).to_be_visible()
    expect(page.locator("del", has_text="Labour Code 10/2012/QH13")).to_be_visible()


def test_a_chart_enlarges_to_its_drawn_size_in_place_and_both_come_back(pages: Path, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((pages / "chain-vi.html").as_uri())
    old = page.locator("#chart-old svg")
    drawn = float(old.get_attribute("width") or "0")
    half = old.bounding_box()
    assert half is not None and half["width"] < 640 < drawn  # side by side, each smaller than drawn
    expect(page.locator("#chart-old .zoom .shrink")).to_be_hidden()
    page.locator("#chart-old .zoom .grow").click()
    assert page.evaluate("location.hash") == "#chart-old"
    full = old.bounding_box()
    assert full is not None and abs(full["width"] - drawn) < 1  # at the size it was drawn
    new = page.locator("#chart-new svg").bounding_box()
    assert new is not None and new["y"] > full["y"] + full["height"]  # the other chart moved below
    expect(page.locator("#chart-old .zoom .grow")).to_be_hidden()
    page.locator("#chart-old .zoom .shrink").click()
    back, other = old.bounding_box(), page.locator("#chart-new svg").bounding_box()
    assert back is not None and other is not None
    assert back["width"] == half["width"] and abs(back["y"] - other["y"]) < 60  # side by side again
    page.emulate_media(media="print")
    expect(page.locator("#chart-old .zoom")).to_be_hidden()


def test_print_gives_a4_with_each_chart_at_the_width_of_the_sheet(pages: Path, page: Page) -> None:
    page.goto((pages / "chain-vi.html").as_uri())
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.clientWidth")
    for key in ("old", "new"):
        box = page.locator(f"#chart-{key} svg").bounding_box()
        assert box is not None and box["width"] <= width + 1
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1.5 for w, h in sizes), sizes


def test_axe_finds_no_wcag_21_aa_violation(pages: Path, axe_page: Page) -> None:
    assert axe_violations(pages, axe_page) == {}


def test_nu_html_checker_finds_no_error(pages: Path) -> None:
    assert nu_errors(pages) == (0, "")


def test_text_from_a_spec_is_escaped_and_nothing_runs(tmp_path: Path, page: Page) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    for name in ("phi-1.yaml", "phi-2.yaml"):
        spec = catalog / name
        spec.write_text(spec.read_text(encoding="utf-8").replace(
            'title: {vi: "Lệ phí", en: "Fee"}',
            'title: {vi: "<script>document.title=1</script><img src=x onerror=alert(1)>", en: "Fee"}'),
            encoding="utf-8")
    out = tmp_path / "phi.html"
    result = CliRunner().invoke(main, ["diff", "phi@1", "phi@2", "--catalog", str(catalog), "--format", "html",
                                       "--lang", "vi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in html
    page.goto(out.as_uri())
    assert page.locator("script, img").count() == 0
    expect(page.locator("del", has_text="<script>document.title=1</script>")).to_be_visible()
