"""The site's versions (``render.site.versions``): chains walked down ``supersedes``, file names made
from any version label, a page for each earlier version, and links only to the comparisons and
the oversight page that were handed to ``build_site``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import lxml.html
import pytest

from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.render.site import build_site, site_versions
from motcua.render.site.versions import version_slug

from .linkcheck import broken_links
from .test_site import sample_draw


@pytest.mark.parametrize(("label", "slug"), [
    ("2021", "2021"), ("QĐ 338/QĐ-LĐTBXH", "qd-338-qd-ldtbxh"), ("v1.2", "v1-2"), ("…", "v"), ("Bản sửa đổi", "ban-sua-doi"),
])  # fmt: skip
def test_a_version_label_becomes_a_file_name_part(label: str, slug: str) -> None:
    assert version_slug(label) == slug


def _chain(procedure: Procedure, labels: list[str]) -> list[Procedure]:
    """Versions of ``procedure`` in files ``v0.yaml``, ``v1.yaml``..., each superseding the one before."""
    out = []
    for n, label in enumerate(labels):
        out.append(dataclasses.replace(
            procedure, version=label, file=f"/catalogue/ldtbxh-nghe-an/v{n}.yaml",
            supersedes=f"v{n - 1}.yaml" if n else None,
            valid_from=dt.date(2010 + 3 * n, 1, 1), valid_to=dt.date(2012 + 3 * n, 12, 31) if n < len(labels) - 1 else None,
        ))  # fmt: skip
    return out


def test_the_chain_is_walked_from_the_version_shown(agency: Agency, labour_rules: Procedure) -> None:
    versions = _chain(labour_rules, ["QĐ 1", "qd-1", "2021"])
    catalog = Catalog((agency,), tuple(versions))
    found = site_versions(catalog, [versions[-1]])
    assert found.chain(versions[-1]) == tuple(versions)
    # Two labels that fold alike still get pages of their own.
    assert [found.path(v, "vi") for v in versions] == [
        "vi/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.qd-1.html",
        "vi/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.qd-1-2.html",
        "vi/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.html",
    ]
    assert [found.diff_path(a, b, "en") for a, b in found.pairs()] == [
        "en/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.qd-1.qd-1-2.html",
        "en/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.qd-1-2.2021.html",
    ]
    # Shown on a day the middle version was in force, the newer one is not part of its chain.
    assert site_versions(catalog, [versions[1]]).chain(versions[1]) == tuple(versions[:2])


def test_a_loop_of_supersedes_is_walked_once(agency: Agency, labour_rules: Procedure) -> None:
    a, b = _chain(labour_rules, ["1", "2"])
    a = dataclasses.replace(a, supersedes="v1.yaml")
    assert site_versions(Catalog((agency,), (a, b)), [b]).chain(b) == (a, b)


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def test_earlier_versions_get_pages_and_only_comparisons_handed_over_are_linked(
        tmp_path: Path, agency: Agency, labour_rules: Procedure) -> None:  # fmt: skip
    versions = _chain(labour_rules, ["2013", "2019", "2021"])
    catalog = Catalog((agency,), tuple(versions))
    folder = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong"
    handed = {f"{lang}/{folder}.2019.2021.html": f"<!DOCTYPE html><title>{lang}</title>" for lang in ("vi", "en")}
    report = build_site(catalog, out=tmp_path / "site", on=None, draw=sample_draw, extra_pages=handed)
    site = tmp_path / "site"
    assert (report.procedures, report.earlier_versions) == (1, 2)
    assert sorted(p.name for p in (site / "vi" / "ldtbxh-nghe-an").iterdir()) == [
        "dang-ky-noi-quy-lao-dong.2013.html", "dang-ky-noi-quy-lao-dong.2019.2021.html",
        "dang-ky-noi-quy-lao-dong.2019.html", "dang-ky-noi-quy-lao-dong.html"]
    for page in ("", ".2013", ".2019"):
        doc = _page(site / "en" / f"{folder}{page}.html")
        changes = doc.xpath("//section[@class='versions']//a[@class='changes']")
        assert [(a.text_content(), a.get("href")) for a in changes] == [
            ("What changed from version 2019", "../../en/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.2019.2021.html")]
        # Every page of the chain lists the versions, newest first, and marks its own.
        rows = doc.xpath("//section[@class='versions']/ol/li")
        assert [r.get("aria-current") for r in rows] == [
            "page" if page == "" else None, "page" if page == ".2019" else None, "page" if page == ".2013" else None]
    notice = _page(site / "en" / f"{folder}.2013.html").xpath("//p[@class='notice']")[0].text_content()
    assert notice == "This version ceased to be in force after 31 December 2012; it is kept for reference."
    assert broken_links(site) == []
    # Nothing handed over: no comparison linked, no oversight page named.
    build_site(catalog, out=tmp_path / "bare", on=None, draw=sample_draw)
    for path in (tmp_path / "bare").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'class="changes"' not in html and "oversight" not in html, path


def test_the_oversight_page_handed_over_is_linked_from_every_page(tmp_path: Path, agency: Agency,
                                                                 labour_rules: Procedure) -> None:  # fmt: skip
    handed = {f"{lang}/oversight.html": f"<!DOCTYPE html><title>{lang}</title>" for lang in ("vi", "en")}
    build_site(Catalog((agency,), (labour_rules,)), out=tmp_path / "site", draw=sample_draw, extra_pages=handed)
    site = tmp_path / "site"
    for path, href in (("vi/index.html", "../vi/oversight.html"),
                       ("en/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.html", "../../en/oversight.html")):
        assert _page(site / path).xpath("//header//a[@class='oversight-link']/@href") == [href]
    assert len(_page(site / "vi" / "index.html").xpath("//a[@href='../vi/oversight.html']")) == 2
