"""The folder a site is published into: which folders may be one, and how a new site replaces an old one.

``build_site`` writes the whole site into a staging folder next to the output folder (never
inside it), then ``move_into_place`` moves it in. Only the files listed in the old site's
manifest (``render.site.manifest``) are replaced or removed; every other file in the folder
stays, and a folder that holds the catalogue, the cache folder or the current folder, or lies
inside the catalogue or the cache folder, is refused before anything is written.

Moving in, as close to atomic as a folder of files allows: the manifest is first replaced by
one listing the old files and the new ones; each new file is renamed into place (each reader
sees the old file or the new one, never half of one); old files the new site does not have are
removed, and folders left empty by that; the manifest listing only the new files comes last.
Every file replaced or removed is first linked into a backup folder next to the site, so an
error while moving (a full disk, a folder made read-only) puts every file back as it was and
the old site is left byte for byte. A crash while moving (kill -9, power loss) leaves each
file either old or new, all of them listed in the manifest, so the next publish completes the
replacement; files the user added are never touched, and the staging and backup folders
(``.<name>.partial-*``, ``.<name>.old-*``) are left next to the site, to be deleted.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Sequence

from motcua.engine.spec.errors import MotcuaError
from motcua.engine.spec.i18n import Tr, tr
from motcua.render.site.manifest import MANIFEST, ForeignManifest, manifest_text, read_manifest

__all__ = ["CACHE_FOLDER", "CATALOGUE", "CURRENT_FOLDER", "Guarded", "OutputRefused", "check_output", "move_into_place", "staging_folder"]


class OutputRefused(MotcuaError, FileExistsError):
    """The output folder cannot take the site; the message is one line naming the paths."""

    code = "output-refused"
    exit_code = 2

    def __init__(self, out: Path, message: Tr | str) -> None:
        super().__init__(message, path=str(out))
        self.out = out


#: What the guarded folders are, as a refusal names them.
CATALOGUE: Final = tr("danh mục", "the catalogue")
CACHE_FOLDER: Final = tr("thư mục bộ nhớ đệm", "the cache folder")
CURRENT_FOLDER: Final = tr("thư mục hiện hành", "the current folder")
_NAMED: Final = {named.en: named for named in (CATALOGUE, CACHE_FOLDER, CURRENT_FOLDER)}
_ANOTHER: Final = tr("; hãy chọn thư mục -o khác", "; choose another -o folder")


@dataclass(frozen=True, slots=True)
class Guarded:
    """A folder the site must not hold; with ``inside``, nor lie inside. ``what`` names it
    (:data:`CATALOGUE`, :data:`CACHE_FOLDER`, :data:`CURRENT_FOLDER`, or a text of its own)."""

    what: Tr | str
    path: Path
    inside: bool = True

    def named(self) -> Tr:
        """``what`` in both languages (one of the English names above is given its Vietnamese)."""
        if isinstance(self.what, Tr):
            return self.what
        return _NAMED.get(self.what, tr(self.what, self.what))


def _within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def _overlap(out: Path, guarded: Sequence[Guarded]) -> Tr | None:
    real = os.path.realpath(out)
    for guard in guarded:
        other = os.path.realpath(guard.path)
        what = guard.named() + f" {guard.path}"
        if _within(other, real):
            return tr(f"{out}: thư mục xuất chứa ", f"{out}: the output folder holds ") + what + _ANOTHER
        if guard.inside and _within(real, other):
            return tr(f"{out}: thư mục xuất nằm trong ", f"{out}: the output folder is inside ") + what + _ANOTHER
    return None


def check_output(out: Path, *, guarded: Sequence[Guarded] = ()) -> list[str] | None:
    """The files an earlier publish wrote in ``out`` (``[]`` for an empty folder, ``None`` when
    there is no folder yet). Raises ``OutputRefused`` when ``out`` overlaps a ``guarded`` folder
    (real paths compared) or holds something that is not a site motcua published."""
    if (message := _overlap(out, guarded)) is not None:
        raise OutputRefused(out, message)
    if not os.path.lexists(out):
        return None
    if not out.is_dir():
        raise OutputRefused(out, tr(f"{out}: đã có và không phải là thư mục", f"{out}: exists and is not a folder")
                            + _ANOTHER)  # fmt: skip
    try:
        files = read_manifest(out)
    except ForeignManifest as foreign:
        raise OutputRefused(out, tr(f"{out}: tệp {MANIFEST} của thư mục {foreign.reason.vi}; không thay thế gì, "
                                    "hãy chọn thư mục -o khác",
                                    f"{out}: its {MANIFEST} {foreign.reason.en}; nothing replaced, "
                                    "choose another -o folder")) from None
    if files is None:
        if any(out.iterdir()):
            raise OutputRefused(out, tr(f"{out}: đã có và không phải là trang do motcua xuất bản",
                                        f"{out}: exists and is not a site published by motcua") + _ANOTHER)
        return []
    return files


def staging_folder(out: Path, kind: str = "partial") -> Path:
    """A new, empty folder next to ``out`` (whose parents are made), named after it."""
    real = Path(os.path.realpath(out))
    real.parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = real.parent / f".{real.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def _files(folder: Path) -> list[str]:
    """Every file under ``folder``, as site paths."""
    out: list[str] = []
    for top, _, names in os.walk(folder):
        base = Path(top).relative_to(folder)
        out.extend((base / name).as_posix() for name in names)
    return sorted(out)


def _walk(out: Path, name: str) -> Path | None:
    """``out/name`` if every folder on the way there is a real folder, ``None`` if one is
    missing; raises ``OutputRefused`` if one is a link or a file."""
    at = out
    for part in name.split("/")[:-1]:
        at = at / part
        try:
            mode = os.lstat(at).st_mode
        except FileNotFoundError:
            return None
        if not stat.S_ISDIR(mode):
            raise OutputRefused(out, tr(f"{out}: {at.relative_to(out)} không phải là thư mục của trang đã xuất bản "
                                        "(ở chỗ đó là một liên kết hoặc một tệp); hãy chuyển nó đi hoặc chọn thư mục -o khác",
                                        f"{out}: {at.relative_to(out)} is not a folder of the published site "
                                        "(a link or a file is in its place); move it away or choose another -o folder"))
    return at / name.split("/")[-1]


def _check(out: Path, new: Sequence[str], old: set[str]) -> list[str]:
    """Refuse before anything moves: a new file where the user has one, a folder of the site
    that is a link; returns the old files to remove."""
    for name in new:
        path = _walk(out, name)
        if path is None:
            continue
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        if name not in old or stat.S_ISDIR(mode):
            raise OutputRefused(out, tr(f"{out}: đã có {name} mà tệp này không do motcua ghi; "
                                        "hãy chuyển nó đi hoặc chọn thư mục -o khác",
                                        f"{out}: {name} is there and was not written by motcua; "
                                        "move it away or choose another -o folder"))
    gone = []
    for name in sorted(old - set(new)):
        path = _walk(out, name)
        if path is not None and os.path.lexists(path) and not path.is_dir():
            gone.append(name)
    return gone


class _Move:
    """The steps of one move, each undone in reverse order if a later one fails."""

    def __init__(self, out: Path, backup: Path) -> None:
        self.out = out
        self.backup = backup
        self.undo: list[tuple[str, Path, Path | None]] = []

    def keep(self, path: Path, name: str) -> Path:
        """Link (or copy) ``path`` into the backup folder before it is replaced or removed."""
        saved = self.backup / name
        saved.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, saved, follow_symlinks=False)
        except OSError:
            shutil.copy2(path, saved, follow_symlinks=False)
        return saved

    def folders(self, path: Path) -> None:
        missing = []
        at = path.parent
        while not os.path.lexists(at):
            missing.append(at)
            at = at.parent
        for folder in reversed(missing):
            folder.mkdir()
            self.undo.append(("mkdir", folder, None))

    def place(self, source: Path, name: str) -> None:
        target = self.out / name
        self.folders(target)
        saved = self.keep(target, name) if os.path.lexists(target) else None
        _rename(source, target)
        self.undo.append(("placed", target, saved))

    def remove(self, name: str) -> None:
        target = self.out / name
        saved = self.keep(target, name)
        target.unlink()
        self.undo.append(("removed", target, saved))
        at = target.parent
        while at != self.out:
            try:
                at.rmdir()
            except OSError:
                break
            self.undo.append(("rmdir", at, None))
            at = at.parent

    def roll_back(self) -> None:
        for step, path, saved in reversed(self.undo):
            if step == "mkdir":
                path.rmdir()
            elif step == "rmdir":
                path.mkdir()
            elif saved is None:
                path.unlink()
            else:
                os.replace(saved, path)


def _rename(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target``; across file systems (the site a mount point of its
    own), copy it next to ``target`` first, so the replacement is still one rename."""
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        near = target.with_name(f".{target.name}.motcua-new")
        try:
            shutil.copy2(source, near)
            os.replace(near, target)
        except BaseException:
            near.unlink(missing_ok=True)
            raise


def move_into_place(staging: Path, out: Path, *, guarded: Sequence[Guarded] = ()) -> None:
    """Move the site written in ``staging`` into ``out``, replacing what an earlier publish wrote
    there (see the module's notes); ``staging`` is left empty or gone."""
    new = _files(staging)
    old = check_output(out, guarded=guarded)  # again: the folder may have changed while writing
    final = staging / f"{MANIFEST}.new"
    final.write_text(manifest_text(new), encoding="utf-8")
    if old is None:
        final.rename(staging / MANIFEST)
        try:
            staging.rename(os.path.realpath(out))
            return
        except OSError:
            (staging / MANIFEST).rename(final)
            old = check_output(out, guarded=guarded)  # made meanwhile: move in file by file
            if old is None:
                raise
    real = Path(os.path.realpath(out))
    gone = _check(real, new, set(old))
    interim = staging / f"{MANIFEST}.interim"
    interim.write_text(manifest_text([*old, *new]), encoding="utf-8")
    move = _Move(real, staging_folder(out, "old"))
    try:
        move.place(interim, MANIFEST)
        for name in new:
            move.place(staging / name, name)
        for name in gone:
            move.remove(name)
        _rename(final, real / MANIFEST)
    except BaseException:
        move.roll_back()  # should this fail too, the backup folder keeps the old files
        shutil.rmtree(move.backup, ignore_errors=True)
        raise
    shutil.rmtree(move.backup, ignore_errors=True)
