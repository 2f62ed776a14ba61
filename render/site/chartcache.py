"""Charts drawn by an earlier publish, kept by their DOT text, so publishing again redraws only
the charts whose procedure changed.

A chart is stored as dot drew it (before ``render.svg`` labels it) in a file named after a hash
of the DOT text, the Graphviz version and the font dot draws with; a chart drawn differently,
an upgraded Graphviz or a new font therefore finds nothing and draws afresh. A chart is read
back only whole (it ends as its format ends), so one torn by a run killed half way, or being
written by another process, is drawn again rather than shown. Each process notes the charts it
used in a list of its own, and ``prune`` drops the charts that no list of this publish names,
so the folder holds the charts of one site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Callable, Sequence

__all__ = ["ChartCache"]

#: Where the charts live under the cache folder; bump the suffix if the stored form changes.
#: Charts are stored as they are: compressing them cost a twentieth of drawing them, and the
#: folder is no bigger than the site it serves.
FOLDER = "charts-v1"


def _font_file() -> str:
    """The file fontconfig gives for the charts' font, with its size and time: a changed font
    changes text widths, so it draws every chart again."""
    from motcua.render.dot import FONT

    if shutil.which("fc-match") is None:
        return ""
    found = subprocess.run(["fc-match", "-f", "%{file}", FONT], capture_output=True, text=True, check=False)
    path = found.stdout.strip()
    try:
        info = os.stat(path)
    except OSError:
        return path
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


class ChartCache:
    """Drawn charts under ``folder`` (the publish cache folder), for one output format."""

    def __init__(self, folder: str | Path, *, format: str = "svg", salt: str | None = None) -> None:
        from motcua.render.graphviz import dot_version

        self.root = Path(folder) / FOLDER
        self.format = format
        self.run = f"{os.getpid()}-{time.time_ns()}"  # names this publish's lists of used charts
        self._folders: set[str] = set()
        self.salt = salt if salt is not None else f"{dot_version()}\n{_font_file()}\n{format}\n"

    def key(self, source: str) -> str:
        return hashlib.blake2b((self.salt + source).encode("utf-8"), digest_size=20).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.{self.format}"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if _whole(data, self.format) else None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            if key[:2] not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(key[:2])
            path.write_bytes(data)
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
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.root / f".used-{self.run}-{os.getpid()}", "a", encoding="ascii") as out:
                out.write("".join(f"{k}\n" for k in keys))
        except OSError:
            pass

    def prune(self) -> int:
        """Drop the charts this publish did not use; returns how many. Call it once the site is
        written; without the lists of every process it would keep more, never drop a used one."""
        if not self.root.is_dir():
            return 0
        used: set[str] = set()
        lists = list(self.root.glob(f".used-{self.run}-*"))
        for listed in lists:
            try:
                used.update(listed.read_text(encoding="ascii").split())
            except OSError:
                return 0  # cannot tell what was used: keep everything
        dropped = 0
        old = time.time() - 3600
        for path in self.root.glob("*/*"):
            try:
                if path.name.split(".", 1)[0] not in used:
                    path.unlink()
                    dropped += 1
            except OSError:
                continue
        # This publish's lists, and those a killed publish left an hour or more ago.
        for listed in [*lists, *(p for p in self.root.glob(".used-*") if _older(p, old))]:
            try:
                listed.unlink()
            except OSError:
                continue
        return dropped


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
