"""Publishing into a folder: only what a publish wrote is replaced, a failed run leaves the old site
byte for byte, and a folder holding the catalogue, the cache or the current folder is refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import shutil
import signal
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Sequence

import pytest
from click.testing import CliRunner

import motcua.render.dot
import motcua.render.site.output
import motcua.render.site.workers
from motcua.cli.publish import publish
from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.render.site import MANIFEST, FigureRequest, OutputRefused, build_site

from .test_site import sample_draw

SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"
OLD_DAY, NEW_DAY = dt.date(2023, 1, 1), dt.date(2024, 1, 1)  # every page says its day: old and new differ


def snapshot(folder: Path) -> dict[str, object]:
    """Everything in ``folder``: each file's bytes, each link's target, each folder."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            out[name] = ("link", os.readlink(path))
        elif path.is_dir():
            out[name] = "folder"
        else:
            out[name] = path.read_bytes()
    return out


def published(folder: Path) -> dict[str, object]:
    return {name: data for name, data in snapshot(folder).items() if data != "folder"}


@pytest.fixture
def catalog(agency: Agency, labour_rules: Procedure, war_invalid: Procedure) -> Catalog:
    return Catalog(agencies=(agency,), procedures=(labour_rules, war_invalid))


def runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"MOTCUA_CACHE_DIR": str(tmp_path / "cache")})


@pytest.fixture
def old_site(tmp_path: Path, catalog: Catalog) -> Path:
    """A site published before, with files its owner added beside it."""
    out = tmp_path / "site"
    build_site(catalog, out=out, on=OLD_DAY, draw=sample_draw)
    (out / "CNAME").write_text("thutuc.example.vn\n", encoding="utf-8")
    (out / "vi" / "ldtbxh-nghe-an" / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    return out


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if ".partial-" in p.name or ".old-" in p.name)


# --- what is replaced, what stays ---------------------------------------------------------------


def test_the_manifest_lists_every_file_written(tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "site"
    build_site(catalog, out=out, on=NEW_DAY, draw=sample_draw)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["version"]) == ("motcua-site", 1)
    assert manifest["files"] == sorted(n for n in published(out) if n != MANIFEST)
    assert "vi/ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong.html" in manifest["files"]


def test_publishing_again_keeps_the_users_files_and_writes_the_same_site(
    tmp_path: Path, catalog: Catalog, old_site: Path
) -> None:
    build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    fresh = tmp_path / "fresh"
    build_site(catalog, out=fresh, on=NEW_DAY, draw=sample_draw)
    mine = {"CNAME": b"thutuc.example.vn\n", "vi/ldtbxh-nghe-an/ghi-chu.txt": "của tôi".encode()}
    assert published(old_site) == {**published(fresh), **mine}
    assert leftovers(tmp_path) == []


def test_files_no_longer_published_go_with_the_folders_they_leave_empty(
    tmp_path: Path, catalog: Catalog, old_site: Path
) -> None:
    other = dataclasses.replace(catalog.agencies[0], id="so-khac")
    moved = dataclasses.replace(catalog.procedures[1], agency="so-khac")
    build_site(Catalog((*catalog.agencies, other), (catalog.procedures[0], moved)), out=old_site, on=NEW_DAY,
               draw=sample_draw)
    assert (old_site / "en" / "so-khac" / "cap-giay-chung-nhan-thuong-binh.html").is_file()
    # Now the other agency's procedure is gone: its pages, and its folders, emptied, with them.
    build_site(Catalog(catalog.agencies, catalog.procedures[:1]), out=old_site, on=NEW_DAY, draw=sample_draw)
    assert not (old_site / "en" / "so-khac").exists() and not (old_site / "vi" / "so-khac").exists()
    assert not (old_site / "vi" / "ldtbxh-nghe-an" / "cap-giay-chung-nhan-thuong-binh.html").exists()
    # The agency folder that holds the user's note stays, with the note.
    assert sorted(p.name for p in (old_site / "vi" / "ldtbxh-nghe-an").iterdir()) == [
        "dang-ky-noi-quy-lao-dong.html", "ghi-chu.txt"]


def test_a_file_of_the_user_where_a_page_goes_is_not_overwritten(tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "site"
    build_site(Catalog(catalog.agencies, catalog.procedures[:1]), out=out, on=OLD_DAY, draw=sample_draw)
    theirs = out / "vi" / "ldtbxh-nghe-an" / "cap-giay-chung-nhan-thuong-binh.html"
    theirs.write_text("<p>my own page</p>", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(OutputRefused, match="cap-giay-chung-nhan-thuong-binh.html is there and was not written"):
        build_site(catalog, out=out, on=NEW_DAY, draw=sample_draw)
    assert snapshot(out) == before and leftovers(tmp_path) == []


# --- foreign manifests ----------------------------------------------------------------------------


def _manifest(files: list[str], **more: object) -> str:
    return json.dumps({"format": "motcua-site", "version": 1, "files": files, **more})


FOREIGN: dict[str, Callable[[Path], None]] = {
    "not json": lambda out: (out / MANIFEST).write_text("vi/index.html\n", encoding="utf-8"),
    "an older marker with more": lambda out: (out / MANIFEST).write_text(
        "A catalogue site published by motcua; `motcua publish` may replace this folder.\nmore\n", encoding="utf-8"),
    "another format": lambda out: (out / MANIFEST).write_text(
        json.dumps({"format": "other", "version": 1, "files": []}), encoding="utf-8"),
    "another version": lambda out: (out / MANIFEST).write_text(
        json.dumps({"format": "motcua-site", "version": 2, "files": []}), encoding="utf-8"),
    "more keys": lambda out: (out / MANIFEST).write_text(_manifest([], extra=1), encoding="utf-8"),
    "a path with ..": lambda out: (out / MANIFEST).write_text(_manifest(["vi/../../outside.txt"]), encoding="utf-8"),
    "an absolute path": lambda out: (out / MANIFEST).write_text(_manifest(["/tmp/outside.txt"]), encoding="utf-8"),
    "an empty part": lambda out: (out / MANIFEST).write_text(_manifest(["vi//index.html"]), encoding="utf-8"),
    "a name that is not text": lambda out: (out / MANIFEST).write_text(_manifest([3]), encoding="utf-8"),
    "a file twice": lambda out: (out / MANIFEST).write_text(_manifest(["CNAME", "CNAME"]), encoding="utf-8"),
    "itself": lambda out: (out / MANIFEST).write_text(_manifest([MANIFEST]), encoding="utf-8"),
    "a link": lambda out: ((out / MANIFEST).unlink(), (out / MANIFEST).symlink_to(out.parent / "elsewhere.json")),
    "a folder": lambda out: ((out / MANIFEST).unlink(), (out / MANIFEST).mkdir()),
}


@pytest.mark.parametrize("name", FOREIGN)
def test_a_foreign_manifest_is_refused_and_nothing_is_deleted(
    tmp_path: Path, catalog: Catalog, old_site: Path, name: str
) -> None:
    (tmp_path / "elsewhere.json").write_text(_manifest(["CNAME"]), encoding="utf-8")
    FOREIGN[name](old_site)
    before = snapshot(old_site)
    with pytest.raises(OutputRefused, match=rf"{MANIFEST}"):
        build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    assert snapshot(old_site) == before and leftovers(tmp_path) == []
    done = runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(old_site)])
    assert done.exit_code == 2 and done.stderr.count("\n") == 1 and str(old_site) in done.stderr, done.output
    assert snapshot(old_site) == before


def test_a_folder_of_the_site_replaced_by_a_link_is_not_followed(tmp_path: Path, catalog: Catalog,
                                                                 old_site: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(old_site / "en", outside)
    shutil.rmtree(old_site / "en")
    (old_site / "en").symlink_to(outside, target_is_directory=True)
    before, theirs = snapshot(old_site), snapshot(outside)
    with pytest.raises(OutputRefused, match="en is not a folder of the published site"):
        build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    assert snapshot(old_site) == before and snapshot(outside) == theirs


# --- folders that may not be the output -----------------------------------------------------------


def _copy_catalogue(to: Path) -> Path:
    shutil.copytree(SHIPPED, to)
    return to


def test_a_site_holding_its_own_catalogue_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(site)]).exit_code == 0
    specs = _copy_catalogue(site / "specs")
    before = snapshot(site)
    done = runner(tmp_path).invoke(publish, [str(specs), "-o", str(site)])
    assert done.exit_code == 2, done.output
    assert done.stderr == f"error: {site}: the output folder holds the catalogue {specs}; choose another -o folder\n"
    assert snapshot(site) == before


def test_publishing_into_the_current_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    catalogue = _copy_catalogue(tmp_path / "cat")
    assert runner(tmp_path).invoke(publish, [str(catalogue), "-o", str(site)]).exit_code == 0
    before = snapshot(site)
    monkeypatch.chdir(site)
    done = runner(tmp_path).invoke(publish, ["../cat", "-o", "."])
    assert done.exit_code == 2, done.output
    assert done.stderr == f"error: .: the output folder holds the current folder {site}; choose another -o folder\n"
    monkeypatch.chdir(site / "vi")
    done = runner(tmp_path).invoke(publish, ["../../cat", "-o", ".."])
    assert done.exit_code == 2 and "holds the current folder" in done.stderr, done.output
    assert snapshot(site) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["{cat}", "-o", "{cat}/site"], "is inside the catalogue {cat}"),
        (["{cat}", "-o", "{cat}"], "holds the catalogue {cat}"),
        (["{cat}", "-o", "{tmp}"], "holds the catalogue {cat}"),
        (["{cat}", "-o", "{tmp}/link-to-tmp"], "holds the catalogue {cat}"),  # a link: real paths compared
        (["{cat}", "-o", "{tmp}/site", "--cache-dir", "{tmp}/site/cache"], "holds the cache folder {tmp}/site/cache"),
        (["{cat}", "-o", "{tmp}/cache/site", "--cache-dir", "{tmp}/cache"], "is inside the cache folder {tmp}/cache"),
        (["{cat}", "-o", "{tmp}/site", "--no-cache", "--cache-dir", "{tmp}/site/c"], "holds the cache folder"),
    ],
    ids=["inside the catalogue", "the catalogue", "above the catalogue", "a link above the catalogue",
         "holding the cache", "inside the cache", "holding an unused cache"],
)
def test_an_output_folder_overlapping_the_catalogue_or_the_cache_is_refused(
    tmp_path: Path, args: list[str], said: str
) -> None:
    catalogue = _copy_catalogue(tmp_path / "cat")
    (tmp_path / "link-to-tmp").symlink_to(tmp_path, target_is_directory=True)
    names = {"cat": str(catalogue), "tmp": str(tmp_path)}
    before = snapshot(catalogue)
    done = runner(tmp_path).invoke(publish, [a.format(**names) for a in args])
    assert done.exit_code == 2, done.output
    assert said.format(**names) in done.stderr and done.stderr.count("\n") == 1
    assert snapshot(catalogue) == before
    assert not (tmp_path / "site").exists() and not (catalogue / "site").exists()


# --- failed runs leave the old site ---------------------------------------------------------------


def failing_on_the_second_batch(requests: Sequence[FigureRequest]) -> list[bytes]:
    if requests[0].procedure.id == "cap-giay-chung-nhan-thuong-binh":
        raise RuntimeError("the disk is full")
    return sample_draw(requests)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_half_way_leaves_the_old_site(tmp_path: Path, catalog: Catalog, old_site: Path, jobs: int) -> None:
    before = snapshot(old_site)
    with pytest.raises(RuntimeError, match="the disk is full"):
        build_site(catalog, out=old_site, on=NEW_DAY, draw=failing_on_the_second_batch, batch=1, jobs=jobs)
    assert snapshot(old_site) == before and leftovers(tmp_path) == []


def killing_its_worker(requests: Sequence[FigureRequest]) -> list[bytes]:
    if requests[0].procedure.id == "cap-giay-chung-nhan-thuong-binh":
        os.kill(os.getpid(), signal.SIGKILL)
    return sample_draw(requests)


def test_a_killed_worker_leaves_the_old_site(tmp_path: Path, catalog: Catalog, old_site: Path) -> None:
    before = snapshot(old_site)
    with pytest.raises(BrokenProcessPool):
        build_site(catalog, out=old_site, on=NEW_DAY, draw=killing_its_worker, batch=1, jobs=2)
    assert snapshot(old_site) == before and leftovers(tmp_path) == []


def test_dot_failing_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(site)]).exit_code == 0
    (site / "CNAME").write_text("thutuc.example.vn\n", encoding="utf-8")
    before = snapshot(site)
    real = motcua.render.dot.to_dot

    def broken(diagram: Any, **kwargs: Any) -> str:  # DOT that the real dot refuses, for one chart
        text = real(diagram, **kwargs)
        return text.replace("digraph", "digraph {", 1) if "thuong_binh" in diagram.name else text

    monkeypatch.setattr(motcua.render.dot, "to_dot", broken)
    done = runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(site)])
    assert done.exit_code == 3, done.output
    assert done.stderr.startswith("error: dot failed on graph ") and done.stderr.count("\n") == 1
    assert snapshot(site) == before and leftovers(tmp_path) == []


def test_a_killed_worker_is_reported_and_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(site)]).exit_code == 0
    before = snapshot(site)
    parent = os.getpid()
    real = motcua.render.site.workers._write_pages

    def dying(plan: Any, index: int) -> int:
        if os.getpid() != parent and index == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(plan, index)

    monkeypatch.setattr(motcua.render.site.workers, "_write_pages", dying)
    monkeypatch.setattr(motcua.render.site.workers, "cores", lambda: 2)
    done = runner(tmp_path).invoke(publish, [str(SHIPPED), "-o", str(site)])
    assert done.exit_code == 3, done.output
    assert done.stderr == "error: a worker process stopped before the site was written; the old site is left as it was\n"
    assert snapshot(site) == before and leftovers(tmp_path) == []


@pytest.mark.parametrize("at", ["the first", "the second", "half way", "the last"])
def test_an_error_while_moving_in_puts_every_file_back(
    tmp_path: Path, catalog: Catalog, old_site: Path, monkeypatch: pytest.MonkeyPatch, at: str
) -> None:
    """A rename refused (a full disk, a folder made read-only) while moving in, from the first
    (the manifest listing old and new) to the last (the new manifest, once the old pages are
    removed): the files already moved go back, the old site is left byte for byte."""
    # A procedure the old site has not (its folders are made), and one it has that goes.
    other = dataclasses.replace(catalog.agencies[0], id="so-khac")
    moved = dataclasses.replace(catalog.procedures[1], agency="so-khac")
    new_catalog = Catalog((*catalog.agencies, other), (catalog.procedures[0], moved))
    real = os.replace
    renames: list[object] = []

    def counting(source: Any, target: Any) -> None:
        renames.append(target)
        real(source, target)

    monkeypatch.setattr(motcua.render.site.output.os, "replace", counting)
    trial = tmp_path / "trial"
    shutil.copytree(old_site, trial, symlinks=True)
    build_site(new_catalog, out=trial, on=NEW_DAY, draw=sample_draw)
    shutil.rmtree(trial)
    total = len(renames)
    assert total > 10
    fail_at = {"the first": 1, "the second": 2, "half way": total // 2, "the last": total}[at]
    renames.clear()

    def failing(source: Any, target: Any) -> None:
        renames.append(target)
        if len(renames) == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    before = snapshot(old_site)
    monkeypatch.setattr(motcua.render.site.output.os, "replace", failing)
    with pytest.raises(OSError, match="No space left"):
        build_site(new_catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    assert snapshot(old_site) == before and leftovers(tmp_path) == []


def test_a_site_on_another_file_system_is_moved_in_by_copies(
    tmp_path: Path, catalog: Catalog, old_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    staged = f"{tmp_path}/.site.partial-"

    def across(source: Any, target: Any) -> None:
        if str(source).startswith(staged) and not str(target).startswith(staged):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(source, target)

    monkeypatch.setattr(motcua.render.site.output.os, "replace", across)
    build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(motcua.render.site.output.os, "replace", real)
    build_site(catalog, out=fresh, on=NEW_DAY, draw=sample_draw)
    assert {n: d for n, d in published(old_site).items() if n not in ("CNAME", "vi/ldtbxh-nghe-an/ghi-chu.txt")} == (
        published(fresh))
    assert not [p for p in old_site.rglob(".*motcua-new")] and leftovers(tmp_path) == []


def test_a_publish_killed_while_moving_in_is_completed_by_the_next(tmp_path: Path, catalog: Catalog,
                                                                  old_site: Path) -> None:
    """kill -9 half way through moving in: every file is old or new, all are listed in the
    manifest, the user's files are there, and the next publish finishes the job."""
    old = published(old_site)
    fresh = tmp_path / "fresh"
    build_site(catalog, out=fresh, on=NEW_DAY, draw=sample_draw)
    new = published(fresh)
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which dies
        try:
            count = [0]
            real = os.replace

            def dying(source: Any, target: Any) -> None:
                count[0] += 1
                if count[0] == 4:
                    os.kill(os.getpid(), signal.SIGKILL)
                real(source, target)

            motcua.render.site.output.os.replace = dying  # type: ignore[assignment]
            build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw, jobs=1)
        finally:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    now = published(old_site)
    listed = json.loads(now.pop(MANIFEST))["files"]  # type: ignore[arg-type]
    assert set(listed) == set(old) - {MANIFEST, "CNAME", "vi/ldtbxh-nghe-an/ghi-chu.txt"} | set(new) - {MANIFEST}
    assert {n for n, d in now.items() if d == new.get(n) and d != old.get(n)}  # some files are new...
    assert {n for n, d in now.items() if d == old.get(n) and d != new.get(n)}  # ...some still old
    assert all(d in (old.get(n), new.get(n)) for n, d in now.items())
    build_site(catalog, out=old_site, on=NEW_DAY, draw=sample_draw)
    mine = {"CNAME": old["CNAME"], "vi/ldtbxh-nghe-an/ghi-chu.txt": old["vi/ldtbxh-nghe-an/ghi-chu.txt"]}
    assert published(old_site) == {**new, **mine}


def test_a_site_an_older_motcua_published_is_replaced_keeping_what_was_added(tmp_path: Path,
                                                                            catalog: Catalog) -> None:
    """Sites marked before the manifest existed: their pages, front page and static files are
    replaced; anything else in the folder stays."""
    out = tmp_path / "site"
    build_site(catalog, out=out, on=OLD_DAY, draw=sample_draw)
    (out / MANIFEST).write_text("A catalogue site published by motcua; `motcua publish` may replace this folder.\n",
                                encoding="utf-8")
    (out / "vi" / "bo-di.html").write_text("a page the catalogue no longer has", encoding="utf-8")
    (out / "CNAME").write_text("thutuc.example.vn\n", encoding="utf-8")
    build_site(catalog, out=out, on=NEW_DAY, draw=sample_draw)
    fresh = tmp_path / "fresh"
    build_site(catalog, out=fresh, on=NEW_DAY, draw=sample_draw)
    assert published(out) == {**published(fresh), "CNAME": b"thutuc.example.vn\n"}
    (out / MANIFEST).write_text("A catalogue site published by motcua; and more\n", encoding="utf-8")
    with pytest.raises(OutputRefused, match="not the JSON list"):
        build_site(catalog, out=out, on=NEW_DAY, draw=sample_draw)
