"""Writing the import's files safely: inside the output folder only, never over a file the
importer did not write (unless forced), the same bytes for the same records.

Every file the importer writes starts with two comment lines: :data:`MARK`, and the digest of
the lines below it. A file whose first lines are these, and whose digest still matches, is the
importer's own and unedited: a later import may replace it. A file edited since (the digest no
longer matches) or written by a person is refused, and replaced only with ``force``.

Paths are made of slugs (``agency/field/procedure.yaml``), so none climbs out of the folder; a
folder on the way that is a link, or a file in the way that is a link, is refused all the same,
and a file is written whole (a temporary file renamed over it), never through a link.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass

from motcua.engine.spec.errors import UnwritableOutput
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.specfiles import Unreadable, read_regular

__all__ = ["MARK", "Output", "Written", "owned", "stamp"]

#: The first line of every file the importer writes.
MARK = "# Written by motcua import dvcqg. An edited file is never overwritten by a later import."
_DIGEST = "# import-digest: sha256:"
_MAX_READ = 4 * 1024 * 1024


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def stamp(body: str) -> str:
    """``body`` with the two lines that mark it as the importer's."""
    return f"{MARK}\n{_DIGEST}{_digest(body)}\n{body}"


def owned(text: str) -> bool:
    """Whether ``text`` is a file the importer wrote and nobody has edited since."""
    first, _, rest = text.partition("\n")
    second, _, body = rest.partition("\n")
    return first == MARK and second == _DIGEST + _digest(body)


@dataclass(frozen=True, slots=True)
class Written:
    """What happened to one output file: ``written`` (new or replaced), ``unchanged``,
    ``overwritten`` (forced over a file not the importer's), ``refused`` or ``kept``; ``reason``
    (in both languages) says why a file was refused or kept, ``str()`` in the run's language."""

    path: str
    action: str
    reason: Tr | str = ""

    def as_dict(self) -> dict[str, str]:
        out = {"path": self.path, "action": self.action}
        if self.reason:
            out["reason"] = str(self.reason)
        return out


class Output:
    """The output folder; :meth:`write` puts one file under it."""

    def __init__(self, root: str, *, force: bool = False) -> None:
        self.root = root
        self.force = force
        try:
            os.makedirs(root, exist_ok=True)
        except OSError as exc:
            raise UnwritableOutput(tr(f"{root}: không tạo được thư mục xuất: {exc.strerror or exc}",
                                      f"{root}: cannot create the output folder: {exc.strerror or exc}"),
                                   path=root) from None
        if not os.path.isdir(root):
            raise UnwritableOutput(tr(f"{root}: không phải là thư mục", f"{root}: is not a folder"), path=root)

    def path(self, *parts: str) -> str:
        return os.path.join(self.root, *parts)

    def existing(self, *parts: str) -> str | None:
        """The text of an output file when it is a readable regular file, else ``None``."""
        try:
            return read_regular(self.path(*parts), _MAX_READ).decode("utf-8")
        except (Unreadable, UnicodeDecodeError):
            return None

    def _folder(self, parts: tuple[str, ...]) -> str:
        folder = self.root
        for part in parts:
            folder = os.path.join(folder, part)
            try:
                info = os.lstat(folder)
            except FileNotFoundError:
                os.mkdir(folder)
                continue
            if not stat.S_ISDIR(info.st_mode):
                raise UnwritableOutput(tr(f"{folder}: là một liên kết hoặc một tệp, không phải thư mục; không ghi gì qua đó",
                                          f"{folder}: is a link or a file, not a folder; nothing is written through it"),
                                       path=folder)
        return folder

    def write(self, parts: tuple[str, ...], body: str, *, keep_foreign: bool = False) -> Written:
        """Write ``body`` (stamped) at ``root/parts...``. A file there that is not the importer's
        is refused (``kept`` with ``keep_foreign``) unless the output is forced."""
        path = self.path(*parts)
        text = stamp(body)
        try:
            folder = self._folder(parts[:-1])
        except UnwritableOutput as err:
            return Written(path, "refused", tr(err.message_vi or err.message, err.message))
        except OSError as exc:
            return Written(path, "refused", tr(f"không tạo được thư mục: {exc.strerror or exc}",
                                               f"cannot create the folder: {exc.strerror or exc}"))
        action = "written"
        if os.path.lexists(path):
            current = self.existing(*parts)
            if current == text:
                return Written(path, "unchanged")
            if current is None or not owned(current):
                why = (tr("là một liên kết hoặc không phải tệp văn bản thông thường", "is a link or not a regular text file")
                       if current is None else
                       tr("không do lệnh nhập ghi, hoặc đã được sửa sau đó", "was not written by the importer, or was edited since"))
                if not self.force:
                    return Written(path, "kept" if keep_foreign else "refused",
                                   why + tr("; --force sẽ thay thế tệp này", "; --force replaces it"))
                action = "overwritten"
        try:
            fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                    out.write(text)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            except BaseException:
                if os.path.lexists(tmp):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            return Written(path, "refused", tr(f"không ghi được: {exc.strerror or exc}", f"cannot write: {exc.strerror or exc}"))
        return Written(path, action)
