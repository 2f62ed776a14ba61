"""The validation cache: each file's findings kept under its path and content hash, as JSON.

It lives in the user's cache folder (``engine.cachedir``), one file per working folder and set
of paths validated, and holds data only: a header line with a keyed hash of the JSON that
follows (keyed with ``cachedir.cache_secret``). Reading it back treats it as input: a file that
is not a regular file, too large, not signed with this user's key, not JSON of this exact
layout, of another tool version, or with any field of the wrong type or outside its range is
ignored whole, as if there were no cache. Nothing in it is ever run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Sequence

from motcua.engine.spec.cachedir import cache_secret, make_private_dir
from motcua.engine.spec.specfiles import Unreadable, read_regular
from motcua.validators.versions import AgencySummary, ProcedureSummary

__all__ = ["Entry", "cache_file", "load_entries", "save_entries"]

#: What the cache file says it is; a file that says anything else is foreign.
FORMAT = "motcua-validate-cache"
VERSION = 3
#: The largest cache file read back (a catalogue of 10,000 files takes a few megabytes).
MAX_CACHE_BYTES = 256 * 1024 * 1024

Summary = AgencySummary | ProcedureSummary


@dataclass(slots=True)
class Entry:
    """One file's findings: its kind, its diagnostics (as ``Diagnostic.record``: both languages), the summary
    the catalogue-wide checks read and, for a procedure, the agency files it was checked with."""

    kind: str | None
    diagnostics: list[dict[str, object]]
    summary: Summary | None
    agency_fp: str = ""


def cache_file(cache_dir: str, paths: Sequence[str | os.PathLike[str]]) -> str:
    """The cache file for validating ``paths`` from the working folder."""
    here = os.path.realpath(os.getcwd())
    targets = sorted(os.path.normpath(os.path.abspath(os.fspath(p))) for p in paths)
    key = hashlib.blake2b("\0".join([here, *targets]).encode("utf-8", "surrogateescape"), digest_size=16)
    return os.path.join(cache_dir, "validate", f"{key.hexdigest()}.json")


def save_entries(path: str, fingerprint: str, entries: dict[tuple[str, str], Entry]) -> None:
    """Write the cache atomically; a folder that cannot be written only costs the cache."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "fingerprint": fingerprint,
        "entries": [_encode(f, digest, e) for (f, digest), e in entries.items()],
    }
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape")
    folder = os.path.dirname(path)
    try:
        make_private_dir(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_HEADER + _mac(body).encode("ascii") + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass


def load_entries(path: str, fingerprint: str) -> dict[tuple[str, str], Entry]:
    """The cache written for ``fingerprint``; empty when missing, unreadable or foreign."""
    raw = _read(path)
    if raw is None or not raw.startswith(_HEADER):
        return {}
    mac, _, body = raw[len(_HEADER):].partition(b"\n")
    if not hmac.compare_digest(mac, _mac(body).encode("ascii")):
        return {}  # written by someone else, or damaged
    try:
        doc = json.loads(body)
        if not (isinstance(doc, dict) and doc.get("format") == FORMAT and doc.get("version") == VERSION
                and doc.get("fingerprint") == fingerprint and isinstance(doc.get("entries"), list)):
            return {}
        out: dict[tuple[str, str], Entry] = {}
        for item in doc["entries"]:
            f, digest, entry = _decode(item)
            out[(f, digest)] = entry
        return out
    except (ValueError, TypeError, KeyError, RecursionError):
        return {}


_HEADER = f"{FORMAT} {VERSION} ".encode("ascii")


def _mac(body: bytes) -> str:
    return hashlib.blake2b(body, key=cache_secret(), digest_size=32).hexdigest()


def _read(path: str) -> bytes | None:
    try:
        return read_regular(path, MAX_CACHE_BYTES)
    except Unreadable:
        return None


def _encode(f: str, digest: str, e: Entry) -> dict[str, Any]:
    s = e.summary
    summary: dict[str, Any] | None
    if isinstance(s, AgencySummary):
        summary = {"type": "agency", "id": s.id, "line": s.line, "column": s.column}
    elif isinstance(s, ProcedureSummary):
        summary = {
            "type": "procedure", "id": s.id, "agency": s.agency, "version": s.version,
            "valid_from": s.valid_from, "valid_to": s.valid_to, "supersedes": s.supersedes,
            "agency_pos": list(s.agency_pos), "version_pos": list(s.version_pos),
            "period_pos": list(s.period_pos), "supersedes_pos": list(s.supersedes_pos),
        }  # fmt: skip
    else:
        summary = None
    return {"file": f, "digest": digest, "kind": e.kind, "agency_fp": e.agency_fp,
            "diagnostics": e.diagnostics, "summary": summary}


# -- reading back: every field checked, any surprise rejects the whole cache ----------------


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _pos_int(value: object) -> int:
    if type(value) is not int or value < 1:
        raise ValueError("expected a positive whole number")
    return value


def _opt_pos_int(value: object) -> int | None:
    return None if value is None else _pos_int(value)


def _pos(value: object) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("expected a line and a column")
    return _pos_int(value[0]), _pos_int(value[1])


_DIAGNOSTIC_KEYS = frozenset({"code", "name", "severity", "message", "file", "line", "column", "end_line",
                              "end_column", "path", "hint", "message_vi", "hint_vi"})


def _diagnostic(value: object, f: str) -> dict[str, object]:
    if not isinstance(value, dict) or value.keys() != _DIAGNOSTIC_KEYS:
        raise TypeError("expected a diagnostic")
    if _str(value["file"]) != f or value["severity"] not in ("error", "warning"):
        raise ValueError("a diagnostic of another file")
    for key in ("code", "name", "message", "path"):
        _str(value[key])
    _opt_str(value["hint"])
    _opt_str(value["message_vi"])
    _opt_str(value["hint_vi"])
    _pos_int(value["line"])
    _pos_int(value["column"])
    _opt_pos_int(value["end_line"])
    _opt_pos_int(value["end_column"])
    return value


def _summary(value: object, f: str) -> Summary | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("expected a summary")
    if value.get("type") == "agency" and len(value) == 4:
        return AgencySummary(f, _str(value["id"]), _pos_int(value["line"]), _pos_int(value["column"]))
    if value.get("type") == "procedure" and len(value) == 11:
        return ProcedureSummary(
            file=f, id=_str(value["id"]), agency=_str(value["agency"]), version=_str(value["version"]),
            valid_from=_opt_str(value["valid_from"]), valid_to=_opt_str(value["valid_to"]),
            supersedes=_opt_str(value["supersedes"]), agency_pos=_pos(value["agency_pos"]),
            version_pos=_pos(value["version_pos"]), period_pos=_pos(value["period_pos"]),
            supersedes_pos=_pos(value["supersedes_pos"]),
        )  # fmt: skip
    raise ValueError("a summary of an unknown type")


def _decode(item: object) -> tuple[str, str, Entry]:
    if not isinstance(item, dict) or len(item) != 6:
        raise TypeError("expected an entry")
    f, digest = _str(item["file"]), _str(item["digest"])
    kind = item["kind"]
    if kind not in (None, "agency", "procedure"):
        raise ValueError("an unknown kind")
    diagnostics = item["diagnostics"]
    if not isinstance(diagnostics, list):
        raise TypeError("expected diagnostics")
    entry = Entry(kind, [_diagnostic(d, f) for d in diagnostics], _summary(item["summary"], f), _str(item["agency_fp"]))
    return f, digest, entry
