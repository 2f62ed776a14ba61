"""Finding and reading spec files safely: regular files inside the folder given, reads capped.

A catalogue is a folder someone else may have written. Its files are read only when they are
regular files whose real path lies inside the folder given (a link inside the catalogue to a
file inside it may stay), never more than :data:`MAX_BYTES` whatever size the file reports,
and without ever blocking on a pipe. Lines are counted as an editor counts them.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import Tr, pick, tr

__all__ = [
    "MAX_BYTES",
    "SPEC_SUFFIXES",
    "Unreadable",
    "discover",
    "editor_lines",
    "line_col",
    "read_capped",
    "read_regular",
    "source_line",
]

#: The largest spec file read, in bytes.
MAX_BYTES = 2 * 1024 * 1024
SPEC_SUFFIXES = (".yaml", ".yml")
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", ".git", ".venv", ".motcua_cache"})
#: Line breaks as editors count them (YAML 1.1 also breaks at NEL, U+2028 and U+2029).
_BREAK = re.compile(r"\r\n|\r|\n")


class Unreadable(Exception):
    """A file that is not read: ``code`` is YML010 (cannot be read) or YML006 (too large).

    ``message`` and ``hint`` are the English; ``said`` and ``hint_said`` both languages."""

    def __init__(self, code: str, message: str | Tr, hint: str | Tr | None = None) -> None:
        super().__init__(pick(message, "en"))
        self.code = code
        self.said = message
        self.hint_said = hint
        self.message = pick(message, "en")
        self.hint = None if hint is None else pick(hint, "en")

    @property
    def name(self) -> str:
        return "file-too-large" if self.code == "YML006" else "unreadable-file"


_NOT_REGULAR = tr("không phải là tệp thông thường (mà là thiết bị, pipe hoặc socket); chỉ đọc các tệp thông thường",
                  "is not a regular file (a device, pipe or socket); only regular files are read")
_NOT_REGULAR_HINT = tr("hãy chỉ ra một tệp .yaml, hoặc thư mục chứa danh mục",
                       "give a .yaml file, or the folder that holds the catalogue")
_SPLIT_HINT = tr("tách danh mục thành mỗi thủ tục một tệp", "split the catalogue into one file per procedure")


def _cannot_read(exc: OSError) -> Tr:
    return tr(f"không đọc được tệp: {exc.strerror or exc}", f"cannot read the file: {exc.strerror or exc}")


def read_regular(path: str | os.PathLike[str], limit: int, *, private: bool = False) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes; raises
    :class:`Unreadable`. A link at the last step is not followed (``ELOOP``), a pipe or device
    is refused before anything is read, and reading stops past ``limit`` whatever size the file
    reports. With ``private``, the file must also belong to this user and be closed to others.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("YML010", tr("không có tệp này (hoặc là một liên kết không trỏ tới đâu)",
                                      "no such file (or a link to nothing)")) from None
    except OSError as exc:
        raise Unreadable("YML010", _cannot_read(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("YML010", tr("là một thư mục, không phải tệp đặc tả", "is a directory, not a spec file"),
                             tr("hãy chỉ ra một tệp .yaml, hoặc chính thư mục đó như một danh mục",
                                "give a .yaml file, or the folder itself as a catalogue"))
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("YML010", _NOT_REGULAR, _NOT_REGULAR_HINT)
        if private and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            raise Unreadable("YML010", tr("không phải là tệp riêng của người dùng này",
                                          "is not a private file of this user"))
        if info.st_size > limit:
            raise Unreadable("YML006", tr(f"tệp có {_count(info.st_size)} byte; chỉ đọc tối đa {_count(limit)} byte",
                                          f"file is {info.st_size:,} bytes; at most {limit:,} are read"), _SPLIT_HINT)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # a file may hold more than it reports (/proc, a file growing)
            chunk = os.read(fd, min(limit + 1 - size, max(65536, info.st_size + 1 - size)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Unreadable("YML010", _cannot_read(exc)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise Unreadable("YML006", tr(f"tệp lớn hơn {_count(limit)} byte", f"file is larger than {limit:,} bytes"),
                         _SPLIT_HINT)
    return b"".join(chunks)


def _count(number: int) -> str:
    """A number as Vietnamese writes it: ``2.097.152``."""
    return f"{number:,}".replace(",", ".")


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a spec file (its real path, a regular file), at most :data:`MAX_BYTES`;
    raises :class:`Unreadable` (see :func:`read_regular`)."""
    return read_regular(os.path.realpath(path), MAX_BYTES)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _root_of_file(path: str) -> str:
    """The folder a file given by itself may link within: the working folder when the file is
    under it, else the file's own folder."""
    here = os.path.realpath(os.getcwd())
    absolute = os.path.normpath(os.path.abspath(path))
    cwd = os.path.normpath(os.path.abspath(os.getcwd()))
    if _inside(absolute, cwd) or _inside(absolute, here):
        return here
    return os.path.realpath(os.path.dirname(absolute))


def _refusal(path: str, root: str) -> Diagnostic | None:
    """Why ``path`` is not read as a spec of the folder ``root`` (a real path), if it is not."""
    real = os.path.realpath(path)
    if not _inside(real, root):
        return _unreadable(path, tr("là liên kết tới một tệp nằm ngoài thư mục đã chỉ ra; tệp này không được đọc",
                                    "is a link to a file outside the folder given; it is not read"),
                           tr("chép tệp vào danh mục, hoặc kiểm tra chính thư mục chứa tệp đó",
                              "copy the file into the catalogue, or validate the folder it is in"))
    try:
        info = os.stat(real)
    except OSError:
        return None  # reading reports it, with the reason
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return _unreadable(path, _NOT_REGULAR, _NOT_REGULAR_HINT)
    return None


def _unreadable(path: str, message: Tr, hint: Tr | None = None) -> Diagnostic:
    """A YML010 finding about ``path``, in both languages."""
    return Diagnostic(code="YML010", name="unreadable-file", message=message.en, file=path,
                      hint=None if hint is None else hint.en, message_vi=message.vi,
                      hint_vi=None if hint is None else hint.vi)


def discover(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[str], list[Diagnostic]]:
    """Spec files under the given files and folders, sorted, each once; missing paths, files
    linked from outside the folder given and special files are diagnostics instead."""
    found: list[tuple[str, str]] = []
    problems: list[Diagnostic] = []
    for p in paths:
        path = os.fspath(p)
        if os.path.isdir(path):
            root = os.path.realpath(path)
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
                for d in list(dirnames):
                    if d.endswith(SPEC_SUFFIXES):
                        found.append((os.path.join(dirpath, d), root))
                        dirnames.remove(d)
                for f in filenames:
                    if f.endswith(SPEC_SUFFIXES) and not f.startswith("."):
                        found.append((os.path.join(dirpath, f), root))
        elif os.path.exists(path) or os.path.islink(path):
            found.append((path, _root_of_file(path)))
        else:
            problems.append(_unreadable(path, tr("không có tệp hay thư mục này", "no such file or folder")))
    seen: set[str] = set()
    unique = []
    for f, root in sorted(found):
        key = os.path.normpath(f)
        if key in seen:
            continue
        seen.add(key)
        refused = _refusal(key, root)
        if refused is not None:
            problems.append(refused)
        else:
            unique.append(key)
    return unique, problems


def editor_lines(text: str) -> list[str]:
    """``text`` cut into lines where an editor cuts it: at CR LF, CR or LF, and nowhere else."""
    return _BREAK.split(text)


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``text[index]``, as an editor counts."""
    index = max(0, min(index, len(text)))
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        if m.end() > index:
            break
        line, start = line + 1, m.end()
    return line, index - start + 1


def source_line(path: str, line: int) -> str:
    """Line ``line`` of a spec file as text, or ``""`` when the file cannot be read safely or is
    binary (never a line of a file that is not valid UTF-8 or holds a NUL)."""
    try:
        raw = read_capped(path)
        text = raw.decode("utf-8-sig")
    except (Unreadable, UnicodeDecodeError):
        return ""
    if "\x00" in text:
        return ""
    lines = editor_lines(text)
    return lines[line - 1] if 0 < line <= len(lines) else ""
