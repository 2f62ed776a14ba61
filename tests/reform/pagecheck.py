"""The checks every page of the reform room passes, as the site's pages do: a browser tab under the
page's own Content-Security-Policy, axe-core (WCAG 2.1 AA) and the Nu HTML Checker. The fixtures
are the site's browser fixtures; a page test imports them from here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.render.test_site_browser import VNU, _axe, _watched_tab, browser, playwright

__all__ = ["axe_page", "axe_violations", "browser", "nu_errors", "page", "playwright"]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab under the page's own Content-Security-Policy that fails on any error or request."""
    yield from _watched_tab(browser)


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    yield from _watched_tab(browser, bypass_csp=True)


def axe_violations(pages: Path, tab: Page) -> dict[str, list[tuple[Any, Any]]]:
    """axe's WCAG 2.1 AA violations of every page in ``pages``, by file name (empty when none)."""
    found = {}
    for html in sorted(pages.glob("*.html")):
        tab.goto(html.as_uri())
        if violations := _axe(tab):
            found[html.name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    return found


def nu_errors(pages: Path) -> tuple[int, str]:
    """The Nu HTML Checker's exit status and output on every page in ``pages``: ``(0, "")`` when clean."""
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless"
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` at the repository root"
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", str(pages)], capture_output=True, text=True,
                         check=False, timeout=300)
    return run.returncode, run.stdout + run.stderr
