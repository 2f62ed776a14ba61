"""``motcua publish --db``: the published site gains an oversight page in each language, counts
only (no applicant, no officer, no single case), written and removed with the site's own pages,
and checked as the site is (Nu HTML Checker, axe-core in Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from motcua.cli import main
from tests.reform.test_oversight import filled  # the scripted store
from tests.render.test_site_browser import VNU, _axe, _watched_tab, browser, playwright

__all__ = ["browser", "filled", "playwright"]  # fixtures, named here so that pytest finds them

PAGES = ("vi/oversight.html", "en/oversight.html")


@pytest.fixture(scope="module")
def site(filled: tuple[Path, dict[str, str]], shipped_catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("oversight-site") / "site"
    cache = tmp_path_factory.mktemp("oversight-cache")
    result = CliRunner().invoke(main, ["publish", str(shipped_catalog), "-o", str(out), "--db", str(filled[0]),
                                       "--cache-dir", str(cache)])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _summary(html: str, heading: str) -> str:
    found = re.search(rf'<th scope="row">{re.escape(heading)}</th><td class="n[^"]*">([^<]*)</td>', html)
    assert found is not None, heading
    return found.group(1)


def test_the_site_has_an_oversight_page_in_each_language(site: Path, filled: tuple[Path, dict[str, str]]) -> None:
    vi, en = ((site / page).read_text(encoding="utf-8") for page in PAGES)
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert (_summary(vi, "Đã giải quyết"), _summary(vi, "Trễ hạn"), _summary(en, "Late")) == ("5", "1", "1")
    assert _summary(en, "Apologies (Form 04)") == "1"
    manifest = (site / ".motcua-site").read_text(encoding="utf-8")
    assert all(page in manifest for page in PAGES)
    for html in (vi, en):
        # Counts only: no applicant, no officer, no dossier code, no list of cases.
        assert "Người nộp" not in html and "Công ty G" not in html
        assert "Lương Văn Thắng" not in html and "x-ct" not in html and 'id="officers"' not in html
        assert not any(code in html for code in filled[1].values())
        assert "<script" not in html


def test_publishing_again_without_the_store_removes_the_pages(site: Path, shipped_catalog: Path,
                                                              tmp_path: Path) -> None:  # fmt: skip
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = CliRunner().invoke(main, ["publish", str(shipped_catalog), "-o", str(copy), "--cache-dir",
                                       str(tmp_path / "cache")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not any((copy / page).exists() for page in PAGES) and (copy / "vi" / "index.html").exists()


def test_a_missing_store_publishes_nothing(shipped_catalog: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["publish", str(shipped_catalog), "-o", str(tmp_path / "site"), "--db",
                                       str(tmp_path / "nope.db"), "--cache-dir", str(tmp_path / "cache")])  # fmt: skip
    assert result.exit_code == 2 and "no case store there" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "site").exists() and not (tmp_path / "nope.db").exists()


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    yield from _watched_tab(browser, bypass_csp=True)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _watched_tab(browser)


@pytest.mark.browser
def test_the_pages_in_chromium_with_axe(site: Path, page: Page, axe_page: Page) -> None:
    page.goto((site / PAGES[0]).as_uri())
    expect(page.locator("figure svg[role=img]")).to_have_count(3)
    found = {}
    for name in PAGES:
        axe_page.goto((site / name).as_uri())
        if violations := _axe(axe_page):
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}


def test_nu_html_checker_finds_no_error(site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless"
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` at the repository root"
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", *(str(site / p) for p in PAGES)],
                         check=False, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert (run.returncode, run.stdout + run.stderr) == (0, "")
