"""Validation of files and folders end to end, with a content-hash cache for unchanged files.

Each file's own findings are cached under its path and content hash (procedures also under the
hash of the catalogue's agency files they resolve against) in the user's cache folder, as data
(``validators.cache``); catalogue-wide checks always run on small cached summaries. A changed
tool or schema drops the whole cache. ``validate_and_load`` also gives the catalogue, from the
models the checks built while reading each file once.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from motcua.engine.spec.bulk import collector_paused, cores, process_map
from motcua.engine.spec.diagnostics import Diagnostic, has_errors, sort_diagnostics
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.loading import BuildError, build_agency, build_error_diagnostic, build_procedure, discover
from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.engine.spec.rules import diag
from motcua.engine.spec.specfiles import Unreadable, read_capped
from motcua.engine.spec.yamlstrict import read_document
from motcua.validators.cache import Entry as _Entry
from motcua.validators.cache import cache_file, load_entries, save_entries
from motcua.validators.pipeline import Built as _Built
from motcua.validators.pipeline import check_and_build
from motcua.validators.versions import AgencySummary, ProcedureSummary, check_catalog

__all__ = ["Report", "validate_and_load", "validate_paths"]

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
#: Below this many files to check, one process is faster than starting workers.
PARALLEL_MIN = 128


def _read(path: str) -> bytes | None:
    try:
        return read_capped(path)
    except Unreadable:
        return None


def _agency_models(agency_files: Sequence[str]) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for f in agency_files:
        doc = read_document(f)
        if isinstance(doc.data, dict) and doc.data.get("kind") == "agency":
            try:
                a = build_agency(doc)
            except (BuildError, KeyError, TypeError, ValueError, AttributeError):
                continue
            agencies.setdefault(a.id, a)
    return agencies


def _check_batch(files: Sequence[str], agency_files: Sequence[str],
                 progress: Callable[[int], None] | None = None,
                 keep: bool = False) -> list[tuple[str, _Entry, _Built | None]]:
    """Check files in this process; agencies are read again here so that workers share nothing.
    With ``keep``, each file also gives the model its checks built."""
    with collector_paused():
        return _check_each(files, _agency_models(agency_files), progress, keep)


def _check_each(files: Sequence[str], agencies: dict[str, Agency], progress: Callable[[int], None] | None,
                keep: bool) -> list[tuple[str, _Entry, _Built | None]]:
    out: list[tuple[str, _Entry, _Built | None]] = []
    for f in files:
        doc = read_document(f)
        built: _Built | None = None
        try:
            kind, diags, summary, built = check_and_build(doc, agencies)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # pragma: no cover - defensive
            kind, diags, summary = None, list(doc.diagnostics), None
            diags.append(diag("SCH005", tr(f"không đọc được đặc tả này: {exc}", f"cannot read this spec: {exc}"), file=f))
        out.append((f, _Entry(kind, [d.record() for d in diags], summary), built if keep else None))
        if progress is not None:
            progress(1)
    return out


def _workers(jobs: int | None) -> int:
    return jobs if jobs is not None else min(cores(), 8)


def _check_parallel(files: list[str], agency_files: list[str], workers: int,
                    progress: Callable[[int], None], keep: bool = False) -> list[tuple[str, _Entry, _Built | None]]:
    chunk = max(16, len(files) // (workers * 8))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    return process_map(_check_batch, batches, agency_files, None, keep, workers=workers,
                     each=lambda result: progress(len(result)))


@dataclass(slots=True)
class _Run:
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
        return _validate(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False).report
    scan, asked = _catalogue_targets(paths)
    if not asked.widened:
        return _validate(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False).report
    return _validate(scan, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False, asked=asked).report


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


def _validate(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None,
    progress: Callable[[int, int], None] | None,
    jobs: int | None,
    keep: bool,
    asked: _Asked | None = None,
) -> _Run:
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

    workers = _workers(jobs)
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        checked = _check_parallel(todo, agency_files, workers, advance, keep)
    else:
        checked = _check_batch(todo, agency_files, advance, keep)
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
    return _Run(report, files, entries, built, kinds)


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


def validate_and_load(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    root: str = "",
    leave_out_broken: bool = False,
) -> tuple[Report, Catalog | None]:
    """``validate_paths``, and the catalogue when the files have no error (else ``None``).

    The model of a file checked in this run is the one its checks built; files whose findings
    came from the cache are read and built again (no model is ever read from a cache). The
    catalogue is the one ``motcua.engine.spec.loading.assemble`` builds from the same files, with
    ``root`` as its root; a model that fails to build adds its error to the report.

    With ``leave_out_broken``, procedure files with errors are left out of the catalogue
    (``Report.left_out`` names them) rather than withholding it: one broken draft does not stop
    work on the other procedures. Errors anywhere else (an agency file, a file that may be one, a
    path that cannot be read) still do.
    """
    run = _validate(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=True)
    if run.report.errors:
        broken = _broken_drafts(run) if leave_out_broken else None
        if broken is None:
            return run.report, None
        run.report.left_out = broken
        run.files = [f for f in run.files if f not in broken]
    # The models are hundreds of thousands of objects that live as long as the catalogue; the
    # cyclic collector would walk all of them again and again while they are made, for nothing.
    with collector_paused():
        catalog, problems = _assemble(run, jobs=jobs, root=root)
    if problems:
        run.report.diagnostics = sort_diagnostics(run.report.diagnostics + problems)
    return run.report, catalog if not has_errors(problems) else None


def _broken_drafts(run: _Run) -> dict[str, str] | None:
    """The procedure files with errors and their ``agency-id/procedure-id@version``, or ``None`` when an
    error lies elsewhere: in an agency file, a file that may be one (named ``agency.yaml``, or
    saying ``kind: agency``), or outside every file read."""
    files = set(run.files)
    broken: dict[str, str] = {}
    for d in run.report.diagnostics:
        if not d.is_error or d.file in broken:
            continue
        entry = run.entries.get(d.file)
        if d.file not in files or entry is None or entry.kind == "agency" or run.kinds.get(d.file) == "agency" \
                or os.path.basename(d.file) in ("agency.yaml", "agency.yml"):
            return None
        summary = entry.summary
        broken[d.file] = (f"{summary.agency}/{summary.id}@{summary.version}"
                          if isinstance(summary, ProcedureSummary) else "")
    return broken


def _build_batch(files: Sequence[str], langs: dict[str, str]) -> list[tuple[str, _Built | Diagnostic]]:
    """Read and build models without checking them (their findings are cached)."""
    with collector_paused():
        return _build_each(files, langs)


def _build_each(files: Sequence[str], langs: dict[str, str]) -> list[tuple[str, _Built | Diagnostic]]:
    out: list[tuple[str, _Built | Diagnostic]] = []
    for f in files:
        doc = read_document(f)
        try:
            if isinstance(doc.data, dict) and doc.data.get("kind") == "agency":
                out.append((f, ("", build_agency(doc))))
            else:
                lang = langs.get(str(doc.data.get("agency")), "vi") if isinstance(doc.data, dict) else "vi"
                out.append((f, (lang, build_procedure(doc, lang=lang))))
        except BuildError as err:
            out.append((f, build_error_diagnostic(doc, err)))
    return out


def _build_missing(files: list[str], langs: dict[str, str], jobs: int | None) -> list[tuple[str, _Built | Diagnostic]]:
    workers = _workers(jobs)
    if workers <= 1 or len(files) < PARALLEL_MIN:
        return _build_batch(files, langs)
    chunk = max(16, len(files) // (workers * 4))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    return process_map(_build_batch, batches, langs, workers=workers)


def _assemble(run: _Run, *, jobs: int | None, root: str) -> tuple[Catalog, list[Diagnostic]]:
    """The catalogue of a validation with no errors, as ``assemble`` would build it."""
    problems: list[Diagnostic] = []
    built = dict(run.built)
    kind = {f: run.entries[f].kind for f in run.files}

    def build(files: list[str], langs: dict[str, str]) -> None:
        for f, made in _build_missing(files, langs, jobs):
            if isinstance(made, Diagnostic):
                problems.append(made)
            else:
                built[f] = made

    agency_files = [f for f in run.files if kind[f] == "agency"]
    build([f for f in agency_files if f not in built], {})
    agencies = [a for f in agency_files if f in built and isinstance(a := built[f][1], Agency)]
    # As ``assemble``: a procedure reads in its agency's language, the last agency of an id winning.
    langs = {a.id: a.lang for a in agencies}
    again = [f for f in run.files if kind[f] == "procedure"
             and (f not in built or built[f][0] != langs.get(getattr(built[f][1], "agency", ""), "vi"))]
    build(again, langs)
    procedures = [p for f in run.files if kind[f] == "procedure" and f in built
                  and isinstance(p := built[f][1], Procedure)]
    return Catalog(agencies=tuple(agencies), procedures=tuple(procedures), root=root), problems
