"""``motcua report --format html``: the page in headless Chromium, the Nu HTML Checker and axe-core,
as the published site is checked (the browser, the watched tab and axe come from the site's tests);
the charts as inline SVG with their titles, the same numbers in tables, no script, escaped text."""

from __future__ import annotations

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

CATALOG = Path(__file__).parent / "report-catalog"


def _write(args: list[str], out: Path) -> None:
    result = CliRunner().invoke(main, ["report", *args, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, shipped_catalog: Path) -> Path:
    """The report pages of the test catalogue and of the shipped one, in both languages and on a
    day with no procedure in force (only the chain's versions, neither yet in force); each run writes its report.html, gathered here."""
    out = tmp_path_factory.mktemp("report-pages")
    chain_only = tmp_path_factory.mktemp("chain-only") / "catalog"
    shutil.copytree(CATALOG, chain_only)
    for spec in ("ubnd-xa-bao-cao/chung-thuc.yaml", "so-bao-cao/cap-phep.yaml", "so-bao-cao/gia-han.yaml"):
        (chain_only / spec).unlink()
    runs = {
        "small-vi": [str(CATALOG), "--on", "2025-06-01", "--lang", "vi"],
        "small-en": [str(CATALOG), "--on", "2025-06-01", "--lang", "en"],
        "shipped-vi": [str(shipped_catalog), "--on", "2021-06-01", "--lang", "vi"],
        "shipped-en": [str(shipped_catalog), "--on", "2026-06-01", "--lang", "en"],
        "empty-vi": [str(chain_only), "--on", "1990-01-01", "--lang", "vi"],
    }
    for name, args in runs.items():
        _write(args, out / name)
        (out / name / "report.html").rename(out / f"{name}.html")
        (out / name).rmdir()
    return out




CHARTS = ("chart-times", "chart-size", "chart-fees", "chart-chain-times", "chart-chain-records")


def test_each_chart_is_inline_svg_with_a_title_and_a_description(pages: Path, page: Page) -> None:
    page.goto((pages / "small-vi.html").as_uri())
    charts = page.locator("figure svg[role=img]")
    assert charts.count() == len(CHARTS)
    for n, name in enumerate(CHARTS):
        chart = charts.nth(n)
        expect(chart).to_be_visible()
        assert chart.get_attribute("aria-labelledby") == f"{name}-title"
        assert chart.get_attribute("aria-describedby") == f"{name}-desc"
        assert page.locator(f"#{name}-title").text_content()
    assert page.locator("#chart-times-title").text_content() == (
        "Thời hạn luật định và thời gian cam kết (trung vị, ngày làm việc)")
    # The bars are drawn: the department's median legal limit (7.71) is the longest bar of the times chart.
    assert page.locator("#chart-times-figure_1 [id^='chart-times-patch_']").count() >= 6
    texts = page.locator("figure svg text").all_text_contents()
    assert "ubnd-xa-bao-cao" in texts and "so-bao-cao" in texts and "khai-sinh" in texts
    assert page.locator("script").count() == 0


def test_the_numbers_are_also_in_tables(pages: Path, page: Page) -> None:
    page.goto((pages / "small-vi.html").as_uri())
    expect(page.locator("#summary")).to_have_text(
        "1/1 thủ tục được đơn giản hoá, cắt giảm 2 ngày làm việc và 1 thành phần hồ sơ.")
    row = page.locator("#table-by_agency tr", has=page.locator("th", has_text="so-bao-cao"))
    assert [c.strip() for c in row.locator("td").all_text_contents()] == [
        "Sở Báo Cáo tỉnh Thử", "2", "7,71", "5,29", "40", "1,5", "2,5", "1", "1", "50", "0", "1", "1"]
    chain = page.locator("#table-chains tbody tr")
    assert chain.count() == 1
    assert [c.strip() for c in chain.locator("td").all_text_contents()] == [
        "Đăng ký khai sinh", "1 → 2", "5 → 3", "3 → 1", "4 → 3", "4 → 3", "3 → 2", "đã đơn giản hoá"]
    page.goto((pages / "small-en.html").as_uri())
    expect(page.locator("#summary")).to_have_text("1 of 1 procedures simplified, 2 working days and 1 records cut.")
    total = page.locator("#table-total tbody tr td").all_text_contents()
    assert [c.strip() for c in total] == ["Whole catalogue", "4", "2.07", "1", "50", "1.5", "3", "2", "2", "50",
                                         "1", "2", "1"]
    fees = page.locator("#table-procedures tr", has=page.locator("th", has_text="so-bao-cao/cap-phep@1"))
    expect(fees.locator("td").last).to_have_text("fees not stated")


def test_a_day_without_procedures_says_so(pages: Path, page: Page) -> None:
    page.goto((pages / "empty-vi.html").as_uri())
    expect(page.locator("#procedures + p")).to_have_text("Không có thủ tục nào có hiệu lực vào ngày này.")
    assert page.locator("figure svg").count() == 2  # only the chain's two charts


def test_axe_finds_no_wcag_21_aa_violation(pages: Path, axe_page: Page) -> None:
    assert axe_violations(pages, axe_page) == {}


def test_nu_html_checker_finds_no_error(pages: Path) -> None:
    assert nu_errors(pages) == (0, "")


def test_text_from_a_spec_is_escaped_and_nothing_runs(tmp_path: Path, page: Page) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    evil = "<script>document.title=1</script><img src=x onerror=alert(1)>"
    for spec in (catalog / "so-bao-cao" / "agency.yaml", catalog / "so-bao-cao" / "cap-phep.yaml"):
        text = spec.read_text(encoding="utf-8")
        spec.write_text(text.replace('vi: "Sở Báo Cáo tỉnh Thử"', f'vi: "{evil}"')
                        .replace('vi: "Cấp giấy phép xây dựng"', f'vi: "{evil}"'), encoding="utf-8")
    _write([str(catalog), "--on", "2025-06-01", "--lang", "vi"], tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in html
    page.goto((tmp_path / "out" / "report.html").as_uri())
    assert page.locator("script, img").count() == 0
    assert page.locator("td", has_text=evil).count() == 2  # the agency's row and the procedure's
    assert page.title() != "1"
