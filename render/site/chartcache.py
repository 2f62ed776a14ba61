"""Charts drawn by an earlier publish, kept by their DOT text, so publishing again redraws only
the charts whose procedure changed.

A chart is stored as dot drew it (before ``render.svg`` labels it) in a file named after a hash
of the DOT text, the Graphviz version and the font dot draws with; a chart drawn differently,
an upgraded Graphviz or a new font therefore finds nothing and draws afresh. A chart is read
back only whole (it ends as its format ends), so one torn by a run killed half way, or being
written by another process, is drawn again rather than shown. Each process notes the charts it
used in a list of its own, and ``prune`` drops the charts that no list of this publish names,
so the folder holds the charts of one site.

Whatever the folder, a chart read back is input: only a regular file (never a link, a pipe or a
device), no larger than ``chartcheck.MAX_BYTES``, made of what dot writes for our charts
(``chartcheck.drawn_by_dot``) is used; anything else is drawn again and replaced. Folders are
created readable by this user only, files are written without following links, and ``prune``
deletes only chart files, in chart folders, never through a link.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time
from pathlib import Path
from typing import Callable, Sequence

from motcua.engine.spec.cachedir import make_private_dir
from motcua.engine.spec.specfiles import Unreadable, read_regular
from motcua.render.site.chartcheck import MAX_BYTES, drawn_by_dot

__all__ = ["ChartCache"]

#: Where the charts live under the cache folder; bump the suffix if the stored form changes.
#: Charts are stored as they are: compressing them cost a twentieth of drawing them, and the
#: folder is no bigger than the site it serves.
FOLDER = "charts-v1"


class ChartCache:
    """Drawn charts under ``folder`` (the publish cache folder), for one output format."""

    def __init__(self, folder: str | Path, *, format: str = "svg", salt: str | None = None) -> None:
        from motcua.render.dot import FONT
        from motcua.render.graphviz import dot_version, font_file

        self.root = Path(folder) / FOLDER
        self.format = format
        self.run = f"{os.getpid()}-{time.time_ns()}"  # names this publish's lists of used charts
        self._folders: set[str] = set()
        self._root_ok: bool | None = None
        self.salt = salt if salt is not None else f"{dot_version()}\n{font_file(FONT)}\n{format}\n"

    def key(self, source: str) -> str:
        return hashlib.blake2b((self.salt + source).encode("utf-8"), digest_size=20).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.{self.format}"

    def _usable(self) -> bool:
        """Whether the charts' folder is a folder of its own (made if missing), not a link to
        somewhere else; asked once."""
        if self._root_ok is None:
            try:
                make_private_dir(self.root.parent)
                make_private_dir(self.root)
                self._root_ok = _is_folder(self.root)
            except OSError:
                self._root_ok = False
        return self._root_ok

    def _folder(self, key: str) -> bool:
        """Whether the folder of ``key``'s chart is a real folder under the root (made if missing)."""
        if key[:2] in self._folders:
            return True
        try:
            make_private_dir(self.root / key[:2])
        except OSError:
            return False
        if not _is_folder(self.root / key[:2]):
            return False
        self._folders.add(key[:2])
        return True

    def get(self, key: str) -> bytes | None:
        """The chart kept under ``key``, if it is whole and one dot drew for us."""
        if not self._usable() or not self._folder(key):
            return None
        data = _read_file(self._path(key))
        if data is None or not _whole(data, self.format) or not drawn_by_dot(data, self.format):
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self._usable() or not self._folder(key):
            return
        path = self._path(key)
        try:
            _write_file(path, data)
        except OSError:
            pass  # a cache that cannot be written only costs drawing again next time

    def draw(self, sources: Sequence[str], run: Callable[[Sequence[str]], list[bytes]]) -> list[bytes]:
        """Each source's chart: from the cache, or drawn by ``run`` (given only the missing
        sources, in order) and kept."""
        keys = [self.key(s) for s in sources]
        self._note(keys)
        found = [self.get(k) for k in keys]
        missing = [i for i, chart in enumerate(found) if chart is None]
        if missing:
            drawn = run([sources[i] for i in missing])
            for i, chart in zip(missing, drawn):
                found[i] = chart
                self.put(keys[i], chart)
        return [chart for chart in found if chart is not None]

    def _note(self, keys: Sequence[str]) -> None:
        if not self._usable():
            return
        try:
            fd = os.open(self.root / f".used-{self.run}-{os.getpid()}", _APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="ascii") as out:
                out.write("".join(f"{k}\n" for k in keys))
        except OSError:
            pass

    def prune(self) -> int:
        """Drop the charts this publish did not use; returns how many. Call it once the site is
        written; without the lists of every process it would keep more, never drop a used one.
        Only files named as charts of this format, in chart folders, are dropped; links are
        never followed."""
        if not _is_folder(self.root):
            return 0
        used: set[str] = set()
        lists = list(self.root.glob(f".used-{self.run}-*"))
        for listed in lists:
            data = _read_file(listed)
            if data is None:
                return 0  # cannot tell what was used: keep everything
            used.update(data.decode("ascii", "replace").split())
        dropped = 0
        chart = re.compile(rf"[0-9a-f]{{40}}\.{re.escape(self.format)}")
        with os.scandir(self.root) as folders:
            for folder in folders:
                if not (len(folder.name) == 2 and folder.is_dir(follow_symlinks=False)):
                    continue
                with os.scandir(folder.path) as files:
                    for entry in files:
                        if chart.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False) and (
                            entry.name.split(".", 1)[0] not in used
                        ):
                            try:
                                os.unlink(entry.path)
                                dropped += 1
                            except OSError:
                                continue
        # This publish's lists, and those a killed publish left an hour or more ago.
        old = time.time() - 3600
        for listed in [*lists, *(p for p in self.root.glob(".used-*") if _older(p, old))]:
            try:
                listed.unlink()
            except OSError:
                continue
        return dropped


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_APPEND = os.O_WRONLY | os.O_CREAT | os.O_APPEND | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_file(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_BYTES`` (not a link, a
    pipe or a device: opened without following links and without waiting)."""
    try:
        return read_regular(path, MAX_BYTES)
    except Unreadable:
        return None


def _write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a regular file of its own: a link, a pipe or a device found
    there is removed (the link, not what it names) instead of written through."""
    for attempt in range(2):
        try:
            fd = os.open(path, _WRITE, 0o600)
        except OSError as error:
            # A link (ELOOP) or a pipe nobody reads (ENXIO: opened without waiting).
            if attempt or error.errno not in (errno.ELOOP, errno.ENXIO):
                raise
            os.unlink(path)
            continue
        if stat.S_ISREG(os.fstat(fd).st_mode):
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            return
        os.close(fd)
        if attempt:
            break
        os.unlink(path)
    raise OSError(errno.EEXIST, "not a regular file", str(path))


#: How each format ends: a chart cut short (a full disk, a killed run) is drawn again.
_ENDS = {"svg": b"</svg>\n", "png": b"IEND\xaeB`\x82", "pdf": b"%%EOF\n"}


def _whole(data: bytes, format: str) -> bool:
    end = _ENDS.get(format)
    return bool(data) and (end is None or data.endswith(end))


def _older(path: Path, than: float) -> bool:
    try:
        return path.stat().st_mtime < than
    except OSError:
        return False
