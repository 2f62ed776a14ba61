"""Reading dvcqg records: files and folders found safely, JSON parsed strictly, the portal's
envelope opened, and every value read through a :class:`Node` that knows its JSON path.

A record that cannot be read (not UTF-8, not JSON, too large, a portal answer that is not
``OK``, a value of the wrong type) is a :class:`RecordError` naming the file and the JSON path
(``$.data.executionMethods[1].processingTime``); the command reports it and imports the others.
Files are read as ``engine.spec.specfiles`` reads specs: regular files only, a link at the last
step not followed, reads capped; a link inside a folder that leads out of it is refused.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterator

from motcua.engine.spec.errors import InputError
from motcua.engine.spec.i18n import Lang, Tr, tr
from motcua.engine.spec.specfiles import Unreadable, read_regular

__all__ = ["MAX_RECORD_BYTES", "Node", "RecordError", "RecordFile", "find_records", "parse_record"]

#: The largest record file read. The portal's largest answers are a few hundred kilobytes
#: (a 34,811-character description is 70 KB of UTF-8); 16 MiB leaves room and bounds memory.
MAX_RECORD_BYTES = 16 * 1024 * 1024
#: Nesting deeper than this is no record (the portal's answers nest six levels).
MAX_DEPTH = 32
RECORD_SUFFIX = ".json"
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", ".git", ".venv"})


class RecordError(InputError):
    """A record file that cannot be imported: the file, the JSON path and what is wrong (exit 2)."""

    code = "invalid-record"

    def __init__(self, message: Tr, *, path: str, json_path: str = "$") -> None:
        super().__init__(f"{path}: {json_path}: " + message, path=path, json_path=json_path, reason=message.en)
        self.path = path
        self.json_path = json_path
        self.reason = message.en
        self.said = message

    def as_dict(self, lang: Lang | None = None) -> dict[str, object]:
        """The JSON form, with ``message`` and ``reason`` in ``lang`` (default: the run's)."""
        return {**super().as_dict(lang), "reason": self.said.in_(lang)}


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A record file found: ``path`` as given (for messages), ``real`` its resolved path."""

    path: str
    real: str


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def find_records(paths: list[str]) -> tuple[list[RecordFile], list[RecordError]]:
    """The record files under the given files and folders (``*.json`` in folders, any file given
    by itself), sorted and each once; missing paths and links out of a folder are errors."""
    found: list[RecordFile] = []
    errors: list[RecordError] = []
    for given in paths:
        if os.path.isdir(given):
            root = os.path.realpath(given)
            for dirpath, dirnames, filenames in os.walk(given):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(filenames):
                    if not name.endswith(RECORD_SUFFIX) or name.startswith("."):
                        continue
                    path = os.path.join(dirpath, name)
                    real = os.path.realpath(path)
                    if not _inside(real, root):
                        errors.append(RecordError(tr("là liên kết tới một tệp nằm ngoài thư mục đã cho; tệp không được đọc",
                                                     "is a link to a file outside the folder given; it is not read"),
                                                  path=path))  # fmt: skip
                        continue
                    found.append(RecordFile(path, real))
        elif os.path.lexists(given):
            found.append(RecordFile(given, os.path.realpath(given)))
        else:
            errors.append(RecordError(tr("không có tệp hay thư mục này", "no such file or folder"), path=given))
    unique: dict[str, RecordFile] = {}
    for f in sorted(found, key=lambda f: f.path):
        unique.setdefault(f.real, f)
    return sorted(unique.values(), key=lambda f: f.path), errors


class _NotARecord(ValueError):
    """Why a JSON text is refused while it is parsed, in both languages."""

    def __init__(self, said: Tr) -> None:
        super().__init__(said.en)
        self.said = said


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _NotARecord(tr(f"khoá '{key}' bị lặp", f"duplicate key '{key}'"))
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _NotARecord(tr(f"'{name}' không phải là một số JSON", f"'{name}' is not a JSON number"))


def _why(exc: ValueError | RecursionError) -> Tr:
    if isinstance(exc, _NotARecord):
        return exc.said
    if isinstance(exc, ValueError):
        return tr(str(exc), str(exc))
    return tr("lồng quá sâu", "nested too deeply")


def _depth_ok(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_depth_ok(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1) for v in value)
    return True


def parse_record(raw: bytes, *, path: str) -> Node:
    """The record inside ``raw`` (the envelope ``{"code": "OK", "data": {...}}`` or a bare record),
    as a :class:`Node` at ``$.data`` or ``$``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError(tr(f"tệp không phải là văn bản UTF-8 (byte 0x{raw[exc.start]:02x} ở vị trí {exc.start})",
                             f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"),
                          path=path) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise RecordError(tr(f"không phải JSON: {exc.msg} (dòng {exc.lineno}, cột {exc.colno})",
                             f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"), path=path) from None
    except (ValueError, RecursionError) as exc:
        raise RecordError(tr("không phải là một bản ghi: ", "not a record: ") + _why(exc), path=path) from None
    if not _depth_ok(data):
        raise RecordError(tr(f"lồng sâu quá {MAX_DEPTH} cấp: không phải là một bản ghi",
                             f"nested deeper than {MAX_DEPTH} levels: not a record"), path=path)
    if not isinstance(data, dict):
        raise RecordError(_expected(_OBJECT, data), path=path)
    if "data" in data:
        status = data.get("code")
        if status != "OK":
            said = data.get("message")
            extra = f" ({said})" if isinstance(said, str) and said else ""
            answer = json.dumps(status, ensure_ascii=False)
            raise RecordError(tr(f"câu trả lời của cổng là {answer}{extra}, không phải OK",
                                 f"the portal's answer is {answer}{extra}, not OK"), path=path, json_path="$.code")
        record = data["data"]
        if not isinstance(record, dict):
            raise RecordError(_expected(tr("bản ghi (một đối tượng)", "the record (an object)"), record), path=path,
                              json_path="$.data")
        node = Node(record, "$.data", path)
    else:
        node = Node(data, "$", path)
    node.text("code", required=True)
    node.text("name", required=True)
    return node


def read_record(record_file: RecordFile) -> tuple[bytes, Node]:
    """The bytes and the record of one file; raises :class:`RecordError`."""
    try:
        raw = read_regular(record_file.real, MAX_RECORD_BYTES)
    except Unreadable as err:
        said = err.said if isinstance(err.said, Tr) else tr(err.said, err.said)
        raise RecordError(said, path=record_file.path) from None
    return raw, parse_record(raw, path=record_file.path)


def _kind(value: Any) -> Tr:
    if value is None:
        return tr("null", "null")
    if isinstance(value, bool):
        return tr("một giá trị đúng/sai", "a boolean")
    if isinstance(value, (int, float)):
        return _NUMBER
    if isinstance(value, str):
        return _TEXT
    if isinstance(value, list):
        return _LIST
    return _OBJECT


_NUMBER = tr("một số", "a number")
_TEXT = tr("văn bản", "text")
_LIST = tr("một danh sách", "a list")
_OBJECT = tr("một đối tượng", "an object")


def _expected(wanted: Tr, value: Any) -> Tr:
    """``expected <wanted>, found <what value is>`` in both languages."""
    return tr("cần ", "expected ") + wanted + tr(", gặp ", ", found ") + _kind(value)


class Node:
    """A JSON object of a record with its path; the accessors check types and raise
    :class:`RecordError` at the exact path. A missing key or ``null`` is "absent"."""

    __slots__ = ("value", "where", "file")

    def __init__(self, value: dict[str, Any], where: str, file: str) -> None:
        self.value = value
        self.where = where
        self.file = file

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def error(self, key: str, message: Tr) -> RecordError:
        return RecordError(message, path=self.file, json_path=self._at(key))

    def has(self, key: str) -> bool:
        return self.value.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.value.get(key)

    def text(self, key: str, *, required: bool = False) -> str:
        """A text value; ``""`` when absent (an error when ``required``)."""
        v = self.value.get(key)
        if v is None:
            if required:
                raise self.error(key, tr("thiếu", "missing"))
            return ""
        if not isinstance(v, str):
            raise self.error(key, _expected(_TEXT, v))
        return v

    def number(self, key: str) -> int | float | None:
        v = self.value.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.error(key, _expected(_NUMBER, v))
        return v

    def count(self, key: str) -> int:
        """A count of copies: a whole number, 0 when absent."""
        v = self.number(key)
        if v is None:
            return 0
        if v < 0 or v != int(v) or v > 1_000_000:
            raise self.error(key, tr(f"cần một số lượng (số nguyên >= 0), gặp {v}",
                                     f"expected a count (a whole number >= 0), found {v}"))
        return int(v)

    def flag(self, key: str) -> bool:
        v = self.value.get(key)
        if v is None:
            return False
        if not isinstance(v, bool):
            raise self.error(key, _expected(tr("true hoặc false", "true or false"), v))
        return v

    def node(self, key: str) -> Node | None:
        v = self.value.get(key)
        if v is None:
            return None
        if not isinstance(v, dict):
            raise self.error(key, _expected(_OBJECT, v))
        return Node(v, self._at(key), self.file)

    def nodes(self, key: str) -> list[Node]:
        """A list of objects (``[]`` when absent)."""
        return list(self._items(key))

    def _items(self, key: str) -> Iterator[Node]:
        v = self.value.get(key)
        if v is None:
            return
        if not isinstance(v, list):
            raise self.error(key, _expected(_LIST, v))
        for i, item in enumerate(v):
            if not isinstance(item, dict):
                raise RecordError(_expected(_OBJECT, item), path=self.file,
                                  json_path=f"{self._at(key)}[{i}]")
            yield Node(item, f"{self._at(key)}[{i}]", self.file)

    def texts(self, key: str) -> list[str]:
        """A list of texts (``[]`` when absent)."""
        v = self.value.get(key)
        if v is None:
            return []
        if not isinstance(v, list):
            raise self.error(key, _expected(_LIST, v))
        for i, item in enumerate(v):
            if not isinstance(item, str):
                raise RecordError(_expected(_TEXT, item), path=self.file,
                                  json_path=f"{self._at(key)}[{i}]")
        return list(v)
