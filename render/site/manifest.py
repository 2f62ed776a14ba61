"""The list of files a publish wrote, kept in the site as ``.motcua-site``.

A later publish replaces only the files this list names and leaves every other file in the
folder (a ``CNAME``, a ``robots.txt`` the user added) alone. The list is read as input: a
file that is not a regular file, not the JSON this module writes, of another format version,
or that names a path outside the folder, makes the folder count as not published by motcua,
so nothing in it is replaced or removed.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Final, Iterable

from motcua.engine.spec.i18n import Tr, tr

__all__ = ["FORMAT", "MANIFEST", "VERSION", "ForeignManifest", "manifest_text", "read_manifest"]

#: The manifest's file name, at the top of the site.
MANIFEST: Final = ".motcua-site"
#: What the manifest says it is, and the version of its form.
FORMAT: Final = "motcua-site"
VERSION: Final = 1
#: The most a manifest may weigh and list: far above a catalogue of every Vietnamese procedure.
MAX_BYTES: Final = 64 * 1024 * 1024
MAX_FILES: Final = 1_000_000
MAX_PATH: Final = 4096

#: The marker motcua wrote before it listed its files, and what such a site held besides.
_OLD_MARKER: Final = b"A catalogue site published by motcua; `motcua publish` may replace this folder.\n"
_OLD_LAYOUT: Final = ("index.html", "vi", "en", "static")


class ForeignManifest(ValueError):
    """``.motcua-site`` is there but is not a list this version of motcua wrote; ``reason`` says why."""

    def __init__(self, path: Path, reason: Tr) -> None:
        super().__init__(f"{path}: {reason.en}")
        self.path = path
        self.reason = reason


def manifest_text(files: Iterable[str]) -> str:
    """The manifest of a site made of ``files`` (paths relative to the site, with ``/``),
    one file a line, in order, so that the same site has the same manifest."""
    listed = sorted(set(files))
    body = ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}" for name in listed)
    return f'{{"format": "{FORMAT}", "version": {VERSION}, "files": [\n{body}\n]}}\n'


def _bad_path(name: object) -> Tr | None:
    """Why ``name`` cannot be a file of the site, or ``None``."""
    if not isinstance(name, str) or not name:
        return tr("một tên tệp không phải là chuỗi ký tự khác rỗng", "a file name that is not a non-empty string")
    if len(name) > MAX_PATH or "\x00" in name or "\\" in name:
        return tr(f"một tên tệp motcua không ghi: {name[:80]!r}", f"a file name motcua does not write: {name[:80]!r}")
    if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
        return tr(f"một đường dẫn ra ngoài thư mục: {name[:80]!r}", f"a path outside the folder: {name[:80]!r}")
    if name == MANIFEST:
        return tr("chính tệp này", "itself")
    return None


_NOT_JSON_LIST: Final = tr("không phải là danh sách tệp dạng JSON mà motcua ghi",
                           "is not the JSON list of files motcua writes")


def read_manifest(folder: Path) -> list[str] | None:
    """The files the manifest in ``folder`` lists, or ``None`` when there is none.

    Raises ``ForeignManifest`` when ``.motcua-site`` is there but is not a list this version of
    motcua wrote (a link, a pipe, a folder, another form, a path outside). The marker of an
    older motcua, which listed nothing, stands for the files such a site held.
    """
    path = folder / MANIFEST
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ForeignManifest(path, tr(f"không đọc được như một danh sách tệp ({error.strerror})",
                                       f"cannot be read as a list of files ({error.strerror})")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            raise ForeignManifest(path, tr("không phải là danh sách tệp do motcua ghi", "is not a list of files motcua wrote"))
        with os.fdopen(os.dup(fd), "rb") as source:
            data = source.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if data == _OLD_MARKER:
        return _old_site(folder)
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ForeignManifest(path, _NOT_JSON_LIST) from None
    if not isinstance(loaded, dict) or set(loaded) != {"format", "version", "files"} or loaded["format"] != FORMAT:
        raise ForeignManifest(path, _NOT_JSON_LIST)
    if type(loaded["version"]) is not int or loaded["version"] != VERSION:
        raise ForeignManifest(path, tr(f"thuộc phiên bản {loaded['version']!r}; bản motcua này đọc phiên bản {VERSION}",
                                       f"is of version {loaded['version']!r}; this motcua reads version {VERSION}"))
    files = loaded["files"]
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise ForeignManifest(path, _NOT_JSON_LIST)
    for name in files:
        if (reason := _bad_path(name)) is not None:
            raise ForeignManifest(path, tr("nêu ", "names ") + reason)
    if len(set(files)) != len(files):
        raise ForeignManifest(path, tr("nêu một tệp hai lần", "names a file twice"))
    if clash := sorted(set(files) & _all_folders(files)):
        raise ForeignManifest(path, tr(f"nêu {clash[0]!r} vừa là tệp vừa là thư mục",
                                       f"names {clash[0]!r} as a file and as a folder"))
    return list(files)


def _old_site(folder: Path) -> list[str]:
    """The files of a site an older motcua published, which marked it without a list: its
    front page and every regular file of its vi/, en/ and static/ folders (links not followed).
    That publish replaced the whole folder; this one keeps anything else found there."""
    found: list[str] = []
    for top in _OLD_LAYOUT:
        start = folder / top
        if stat.S_ISREG(_mode(start)):
            found.append(top)
        elif stat.S_ISDIR(_mode(start)):
            for here, dirs, names in os.walk(start):
                dirs[:] = [d for d in dirs if stat.S_ISDIR(_mode(Path(here) / d))]
                base = Path(here).relative_to(folder).as_posix()
                found.extend(f"{base}/{n}" for n in names if stat.S_ISREG(_mode(Path(here) / n)))
    return sorted(found)


def _mode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def _all_folders(files: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in files:
        parts = name.split("/")[:-1]
        out.update("/".join(parts[: n + 1]) for n in range(len(parts)))
    return out
