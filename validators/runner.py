"""Validation of files and folders end to end, with a content-hash cache for unchanged files.

Each file's own findings are cached under its path and content hash (procedures also under the
hash of the catalogue's agency files they resolve against) in the user's cache folder, as data
(``validators.cache``); catalogue-wide checks always run on small cached summaries. A changed
tool or schema drops the whole cache. Files not in the cache are checked by
``validators.batches``; ``validators.assembly`` also gives the catalogue, from the models the
checks built while reading each file once.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from motcua.engine.spec.diagnostics import Diagnostic, sort_diagnostics
from motcua.engine.spec.loading import discover
from motcua.engine.spec.specfiles import Unreadable, read_capped
from motcua.validators.batches import PARALLEL_MIN, check_batch, check_parallel, worker_count
from motcua.validators.cache import Entry as _Entry
from motcua.validators.cache import cache_file, load_entries, save_entries
from motcua.validators.pipeline import Built as _Built
from motcua.validators.versions import AgencySummary, ProcedureSummary, check_catalog

__all__ = ["Report", "Run", "run_validation", "validate_paths"]


@dataclass(slots=True)
class Report:
    files: int = 0
    agencies: int = 0
    procedures: int = 0
    cached: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Procedure files with errors left out of a catalogue loaded without them
    #: (``validate_and_load(..., leave_out_broken=True)``), each with its
    #: ``agency-id/procedure-id@version`` ("" when the file is too broken to say).
    left_out: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)


def _fingerprint() -> str:
    """Changes whenever the code or schemas that decide diagnostics change: the spec language's
    and the validators' (every module and schema, by size and time), or the installed version."""
    from importlib import metadata

    import motcua.engine.spec as spec
    import motcua.validators as validators

    h = hashlib.blake2b(digest_size=16)
    try:
        h.update(metadata.version("motcua").encode())
    except metadata.PackageNotFoundError:
        pass
    paths: list[str] = []
    for root in [*spec.__path__, *validators.__path__]:
        for dirpath, _dirs, names in os.walk(root):
            paths += [os.path.join(dirpath, n) for n in names if n.endswith((".py", ".json"))]
    for path in sorted(paths):
        try:
            st = os.stat(path)
        except OSError:
            continue
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


_KIND = re.compile(rb"^kind:[ \t]*[\"']?(agency|procedure)\b", re.M)


def _read(path: str) -> bytes | None:
    try:
        return read_capped(path)
    except Unreadable:
        return None


@dataclass(slots=True)
class Run:
    """One validation: the report, and what loading the catalogue from the same reading needs."""

    report: Report
    files: list[str]
    entries: dict[str, _Entry]
    built: dict[str, _Built]
    #: What each file says it is (``kind:`` read from its text, even when it has errors).
    kinds: dict[str, str | None] = field(default_factory=dict)


def validate_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    in_catalogue: bool = False,
) -> Report:
    """Validate files and folders; never raises on bad input.

    ``progress(done, total)`` is called as files are done. With ``cache_dir`` (the CLI passes
    the user's cache folder, ``engine.cachedir``), unchanged files' findings are kept there.
    Large batches are checked on all cores (``jobs`` processes; default: the cores).

    With ``in_catalogue``, a file (or a folder without an ``agency.yaml`` of its own) below a
    folder holding an ``agency.yaml`` is checked in that catalogue, so that its agency, its
    units and its other versions are known; the report counts and shows the files asked for,
    and the errors of the catalogue's agency files they are read against.
    """
    if not in_catalogue:
        return run_validation(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False).report
    scan, asked = _catalogue_targets(paths)
    if not asked.widened:
        return run_validation(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False).report
    return run_validation(scan, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False, asked=asked).report


def _catalogue_above(path: str) -> str | None:
    """The nearest folder above ``path`` (a file, or a folder without its own ``agency.yaml``)
    holding an ``agency.yaml``, written as ``path`` is (relative or absolute)."""
    absolute = os.path.abspath(path)
    if os.path.isdir(absolute):
        if os.path.isfile(os.path.join(absolute, "agency.yaml")):
            return None
    elif not os.path.isfile(absolute):
        return None
    folder = os.path.dirname(absolute)
    while True:
        if os.path.isfile(os.path.join(folder, "agency.yaml")):
            return folder if os.path.isabs(path) else os.path.relpath(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


@dataclass(slots=True)
class _Asked:
    """The files and folders a validation reports on, as real paths."""

    files: set[str] = field(default_factory=set)
    folders: list[str] = field(default_factory=list)
    widened: bool = False

    def __contains__(self, path: object) -> bool:
        real = os.path.realpath(str(path))
        return real in self.files or any(real.startswith(f.rstrip(os.sep) + os.sep) for f in self.folders)


def _catalogue_targets(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[str], _Asked]:
    """What to read for ``paths`` checked in their catalogues, and what to report on."""
    scan: list[str] = []
    asked = _Asked()
    for p in paths:
        path = os.fspath(p)
        folder = _catalogue_above(path)
        if os.path.isdir(path):
            asked.folders.append(os.path.realpath(path))
        else:
            asked.files.add(os.path.realpath(path))
        if folder is None:
            scan.append(path)
        else:
            asked.widened = True
            scan.append(folder)
            if not os.path.isdir(path):
                scan.append(path)  # read even where a folder's walk would not go (a hidden file...)
    return scan, asked


def run_validation(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None,
    progress: Callable[[int, int], None] | None,
    jobs: int | None,
    keep: bool,
    asked: _Asked | None = None,
) -> Run:
    files, problems = discover(paths)
    if asked is not None:
        files = _unique_real(files)
    report = Report(files=len(files))
    diagnostics: list[Diagnostic] = list(problems)
    fp = _fingerprint() if cache_dir else ""
    cache_path = cache_file(cache_dir, paths) if cache_dir else ""
    cache = load_entries(cache_path, fp) if cache_dir else {}

    digests: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    for f in files:
        raw = _read(f)
        digests[f] = hashlib.blake2b(raw, digest_size=16).hexdigest() if raw is not None else ""
        entry = cache.get((f, digests[f])) if raw is not None else None
        if entry is not None:
            kinds[f] = entry.kind
        else:
            m = _KIND.search(raw) if raw is not None else None
            kinds[f] = m.group(1).decode() if m else None
    agency_files = [f for f in files if kinds[f] == "agency"]
    agency_fp = hashlib.blake2b("|".join(f"{f}:{digests[f]}" for f in agency_files).encode(),
                                digest_size=16).hexdigest()

    entries: dict[str, _Entry] = {}
    todo: list[str] = []
    cached: set[str] = set()
    for f in files:
        entry = cache.get((f, digests[f])) if digests[f] else None
        if entry is not None and (entry.kind != "procedure" or entry.agency_fp == agency_fp):
            entries[f] = entry
            cached.add(f)
        else:
            todo.append(f)
    done = len(entries)
    if progress is not None and done:
        progress(done, len(files))

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(files))

    workers = worker_count(jobs)
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        checked = check_parallel(todo, agency_files, workers, advance, keep)
    else:
        checked = check_batch(todo, agency_files, advance, keep)
    built: dict[str, _Built] = {}
    for f, entry, model in checked:
        if entry.kind == "procedure":
            entry.agency_fp = agency_fp
        entries[f] = entry
        if model is not None:
            built[f] = model

    agency_summaries: list[AgencySummary] = []
    procedure_summaries: list[ProcedureSummary] = []
    new_cache: dict[tuple[str, str], _Entry] = {}
    for f in files:
        entry = entries[f]
        if digests[f]:
            new_cache[(f, digests[f])] = entry
        diagnostics.extend(Diagnostic.from_dict(d) for d in entry.diagnostics)
        if isinstance(entry.summary, AgencySummary):
            agency_summaries.append(entry.summary)
        elif isinstance(entry.summary, ProcedureSummary):
            procedure_summaries.append(entry.summary)
        if entry.kind == "agency":
            report.agencies += 1
        elif entry.kind == "procedure":
            report.procedures += 1
    diagnostics.extend(check_catalog(agency_summaries, procedure_summaries))
    if cache_dir and (todo or new_cache.keys() != cache.keys()):
        save_entries(cache_path, fp, new_cache)
    report.cached = len(cached)
    if asked is not None:
        report, diagnostics = _narrowed(diagnostics, files, entries, cached, asked, problems)
    report.diagnostics = sort_diagnostics(diagnostics)
    return Run(report, files, entries, built, kinds)


def _unique_real(files: list[str]) -> list[str]:
    """``files`` with each real file once (a file named and also found in its folder)."""
    seen: set[str] = set()
    out = []
    for f in files:
        real = os.path.realpath(f)
        if real not in seen:
            seen.add(real)
            out.append(f)
    return out


def _narrowed(diagnostics: list[Diagnostic], files: list[str], entries: dict[str, _Entry], cached: set[str],
              asked: _Asked, problems: list[Diagnostic]) -> tuple[Report, list[Diagnostic]]:
    """The report on the files asked for, of a validation of their whole catalogues: their own
    findings, the catalogue's findings located in them, and the errors of the agency files they
    are read against."""
    shown = {f for f in files if f in asked}
    agencies = {f for f in files if entries[f].kind == "agency"}
    kept = [d for d in diagnostics if d in problems or d.file in shown or (d.file in agencies and d.is_error)]
    narrowed = Report(files=len(shown), cached=len(shown & cached))
    narrowed.agencies = sum(1 for f in shown if entries[f].kind == "agency")
    narrowed.procedures = sum(1 for f in shown if entries[f].kind == "procedure")
    return narrowed, kept


