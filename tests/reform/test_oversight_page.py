"""``motcua oversight --format html``: the page in headless Chromium, the Nu HTML Checker and axe-core,
as the published site is checked (the browser, the watched tab and axe come from the site's tests);
its tables against the scripted store's counts, no applicant, escaped text and nothing that runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog
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
from tests.reform.test_oversight import AT, filled  # the scripted store

pytestmark = pytest.mark.browser

__all__ = ["axe_page", "browser", "filled", "page", "playwright"]  # fixtures, named here so that pytest finds them

HOSTILE = '<b>Lò</b> <script>alert("x")</script> & "Mai"'


@pytest.fixture(scope="module")
def hostile_store(shipped_catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose officer's name is markup, with one case received and passed on."""
    path = tmp_path_factory.mktemp("oversight-hostile") / "cases.db"
    with Engine(load_catalog(shipped_catalog), store=path, future_margin=dt.timedelta(days=36500)) as engine:
        engine.add_officer("x-<i>", agency="ubnd-xa-muong-xen", unit="mot-cua", name=HOSTILE, position="</td><td>")
        case = engine.open("ubnd-xa-muong-xen/dang-ky-khai-tu", applicant="<img src=x onerror=alert(1)>", actor="x-<i>",
                           variant="truong-hop-01", channel="in-person", at="2026-12-01T08:00",
                           records=["giay-bao-tu-hoac-giay-to-thay-giay-bao"])  # fmt: skip
        engine.fire(case.id, "complete", actor="x-<i>", at="2026-12-01T09:00")
    return path


@pytest.fixture(scope="module")
def pages(filled: tuple[Path, dict[str, str]], hostile_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("oversight-pages")
    runs = {
        "all-vi.html": ["--db", str(filled[0]), "--lang", "vi"],
        "all-en.html": ["--db", str(filled[0]), "--lang", "en"],
        "period-vi.html": ["--db", str(filled[0]), "--from", "2026-12-02", "--to", "2026-12-09", "--lang", "vi"],
        "hostile-vi.html": ["--db", str(hostile_store), "--lang", "vi"],
    }
    for name, args in runs.items():
        result = CliRunner().invoke(main, ["oversight", *args, "--at", AT, "--format", "html", "-o", str(out / name)])
        assert result.exit_code == 0, result.output
    return out




def _row(page: Page, table: str, heading: str) -> list[str]:
    """The cells of the row of ``table`` whose heading holds ``heading``."""
    row = page.locator(f"#{table} tbody tr", has=page.locator("th", has_text=heading))
    expect(row).to_have_count(1)
    return [t.strip() for t in row.locator("td").all_inner_texts()]


def test_the_tables_show_the_counts(pages: Path, page: Page) -> None:
    page.goto((pages / "all-vi.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_have_text("Báo cáo giám sát giải quyết hồ sơ")
    assert _row(page, "summary", "Trễ hạn") == ["1"]
    assert _row(page, "summary", "Đang giải quyết quá hạn") == ["1"]
    assert _row(page, "summary", "Tỷ lệ đúng hạn") == ["80 %"]
    # received, finished, on time, late, overdue, apologies, 2nd+ requests, steps, over budget
    assert _row(page, "procedures", "Thủ tục đăng ký khai tử") == ["6", "4", "3", "1", "1", "1", "1", "17", "5"]
    assert _row(page, "units", "ubnd-xa-muong-xen/tu-phap-ho-tich") == ["0", "4", "3", "1", "1", "0", "1", "4", "2"]
    assert _row(page, "officers", "Lương Văn Thắng") == [
        "Phó Chủ tịch UBND xã", "ubnd-xa-muong-xen/chu-tich", "0", "4", "3", "1", "0", "1", "0", "4", "2"]
    first = page.locator("#slowest tbody tr").first
    expect(first.locator("th")).to_contain_text("tham-tra")
    expect(page.locator("#overdue tbody tr")).to_have_count(1)
    expect(page.locator("#apologies tbody tr")).to_have_count(1)
    expect(page.locator("#breaches tbody tr")).to_have_count(1)
    assert "Người nộp" not in page.content()  # no applicant on the page
    page.goto((pages / "all-en.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert _row(page, "summary", "On-time rate") == ["80 %"]
    assert _row(page, "procedures", "Death registration")[:4] == ["6", "4", "3", "1"]
    page.goto((pages / "period-vi.html").as_uri())
    assert _row(page, "summary", "Kỳ trước chuyển sang") == ["2"]
    expect(page.locator("#breaches")).to_contain_text("không có")


def test_charts_with_accessible_names(pages: Path, page: Page) -> None:
    page.goto((pages / "all-vi.html").as_uri())
    charts = page.locator("figure svg[role=img]")
    expect(charts).to_have_count(3)
    names = [charts.nth(n).evaluate("s => document.getElementById(s.getAttribute('aria-labelledby')).textContent")
             for n in range(3)]  # fmt: skip
    assert names == ["Hồ sơ theo thủ tục: đúng hạn, trễ hạn, đang quá hạn",
                     "Bước đã xử lý theo đơn vị: trong và quá thời gian quy định",
                     "Các bước chậm nhất: thời gian thực tế so với định mức (trung vị)"]  # fmt: skip
    labels = page.locator("#chart-procedures-title").locator("xpath=..").locator("text").all_text_contents()
    assert "dang-ky-khai-tu" in labels and "dang-ky-noi-quy-lao-dong" in labels
    slowest = page.locator("#chart-slowest-title").locator("xpath=..").locator("text").all_text_contents()
    assert "tham-tra (dang-ky-khai-tu)" in slowest
    for n in range(3):
        box = charts.nth(n).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 80
    page.goto((pages / "period-vi.html").as_uri())
    expect(page.locator("figure svg[role=img]")).to_have_count(3)


def test_print_fits_the_sheet(pages: Path, page: Page) -> None:
    page.goto((pages / "all-vi.html").as_uri())
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.clientWidth")
    for table in ("summary", "procedures", "units", "officers", "steps"):
        box = page.locator(f"#{table}").bounding_box()
        assert box is not None and box["x"] + box["width"] <= width + 1, table


def test_text_from_the_store_is_escaped_and_nothing_runs(pages: Path, page: Page) -> None:
    html = (pages / "hostile-vi.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    page.goto((pages / "hostile-vi.html").as_uri())
    expect(page.locator("#officers tbody th")).to_contain_text(HOSTILE)
    expect(page.locator("#officers tbody td").first).to_have_text("</td><td>")
    assert page.locator("script, img, b, i").count() == 0


def test_axe_finds_no_wcag_21_aa_violation(pages: Path, axe_page: Page) -> None:
    assert axe_violations(pages, axe_page) == {}


def test_nu_html_checker_finds_no_error(pages: Path) -> None:
    assert nu_errors(pages) == (0, "")
