"""Validation of files and folders end to end, with a content-hash cache for unchanged files.

Each file's own findings are cached under its path and content hash (procedures also under the
hash of the catalogue's agency files they resolve against); catalogue-wide checks always run on
small cached summaries. A changed tool or schema drops the whole cache. ``validate_and_load``
also gives the catalogue, from the models the checks built while reading each file once.
"""

from __future__ import annotations

import hashlib
import os
import re
import pickle
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from motcua.engine.bulk import collector_paused
from motcua.engine.diagnostics import Diagnostic, has_errors, sort_diagnostics
from motcua.engine.loading import BuildError, build_agency, build_error_diagnostic, build_procedure, discover
from motcua.engine.model import Agency, Catalog, Procedure
from motcua.engine.yamlstrict import MAX_BYTES, Document, read_document
from motcua.validators.versions import AgencySummary, ProcedureSummary, check_catalog

__all__ = ["Report", "check_document", "validate_and_load", "validate_paths"]

CACHE_NAME = "validate-v1.pickle"
#: The models of the files, kept by ``validate_and_load`` next to their findings.
MODELS_NAME = "models-v1.pickle"


@dataclass(slots=True)
class Report:
    files: int = 0
    agencies: int = 0
    procedures: int = 0
    cached: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)


@dataclass(slots=True)
class _Entry:
    kind: str | None
    diagnostics: list[dict[str, object]]
    summary: AgencySummary | ProcedureSummary | None
    agency_fp: str = ""


#: Engine modules whose code decides diagnostics (with every module of validators).
_ENGINE_MODULES = ("model.py", "yamlstrict.py", "loading.py", "durations.py", "diagnostics.py")


def _fingerprint() -> str:
    """Changes whenever the code or schemas that decide diagnostics change."""
    import motcua
    from motcua import engine, validators

    h = hashlib.blake2b(digest_size=16)
    h.update(getattr(motcua, "__version__", "0").encode())
    paths = [os.path.join(root, name) for root in engine.__path__ for name in _ENGINE_MODULES]
    for root in validators.__path__:
        for dirpath, _dirs, names in os.walk(root):
            paths += [os.path.join(dirpath, n) for n in names if n.endswith((".py", ".json"))]
    for path in sorted(paths):
        try:
            st = os.stat(path)
        except OSError:
            continue
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _load_cache(path: str, fp: str) -> dict[tuple[str, str], Any]:
    try:
        with open(path, "rb") as fh:
            head, entries = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if head != fp or not isinstance(entries, dict):
        return {}
    return entries


def _save_cache(path: str, fp: str, entries: dict[tuple[str, str], Any]) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((fp, entries), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        gitignore = os.path.join(os.path.dirname(path), ".gitignore")
        if not os.path.exists(gitignore):
            with open(gitignore, "w", encoding="utf-8") as fh:
                fh.write("*\n")
    except OSError:
        pass  # a read-only tree still validates, just without a cache


def _procedure_summary(doc: Document) -> ProcedureSummary | None:
    d = doc.data
    if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("id", "agency")):
        return None
    vf, vt, sup = d.get("valid_from"), d.get("valid_to"), d.get("supersedes")
    return ProcedureSummary(
        file=doc.file, id=d["id"], agency=d["agency"], version=str(d.get("version")),
        valid_from=vf if isinstance(vf, str) else None, valid_to=vt if isinstance(vt, str) else None,
        supersedes=sup if isinstance(sup, str) else None,
        agency_pos=doc.locate(("agency",)), version_pos=doc.locate(("version",)),
        period_pos=doc.locate(("valid_from",) if "valid_from" in d else ("valid_to",) if "valid_to" in d else ("id",)),
        supersedes_pos=doc.locate(("supersedes",)),
    )


def check_document(doc: Document, agencies: dict[str, Agency]) -> tuple[str | None, list[Diagnostic], Any]:
    """All per-file checks of one document: (kind, diagnostics, summary)."""
    kind, diags, summary, _ = _check_and_build(doc, agencies)
    return kind, diags, summary


#: A model built while checking: the agency, or the procedure and the language it was read in.
_Built = tuple[str, Agency | Procedure]


def _check_and_build(
    doc: Document, agencies: dict[str, Agency]
) -> tuple[str | None, list[Diagnostic], Any, _Built | None]:
    """``check_document``, and the model the checks built on the way (``None`` when none was)."""
    from motcua.validators.graph import check_graph
    from motcua.validators.language import check_languages
    from motcua.validators.onestop import check_onestop
    from motcua.validators.references import check_agency_ids, check_references
    from motcua.validators.schema import check_schema
    from motcua.validators.timing import check_timing

    diags = list(doc.diagnostics)
    if not isinstance(doc.data, dict):
        return None, diags, None, None
    kind = doc.data.get("kind") if doc.data.get("kind") in ("agency", "procedure") else None
    schema_diags = list(check_schema(doc))
    # A text split by an unquoted comma (YML011) also breaks the schema at the same spot: say it once.
    split = {(d.line, d.column) for d in diags if d.code == "YML011"}
    diags += [d for d in schema_diags if (d.line, d.column) not in split]
    if kind == "agency":
        agency_summary: AgencySummary | None = None
        if isinstance(doc.data.get("id"), str):
            line, col = doc.locate(("id",))
            agency_summary = AgencySummary(doc.file, doc.data["id"], line, col)
        built: _Built | None = None
        if not schema_diags:
            try:
                agency = build_agency(doc)
            except BuildError as err:
                diags.append(build_error_diagnostic(doc, err))
            else:
                built = ("", agency)
                diags += check_agency_ids(agency, doc)
                diags += check_languages(doc, agency.languages)
        return kind, diags, agency_summary, built
    if kind == "procedure":
        summary = _procedure_summary(doc)
        if schema_diags:
            return kind, diags, summary, None
        owner = agencies.get(str(doc.data.get("agency")))
        lang = owner.lang if owner else "vi"
        try:
            proc = build_procedure(doc, lang=lang)
        except BuildError as err:
            diags.append(build_error_diagnostic(doc, err))
            return kind, diags, summary, None
        diags += check_references(proc, owner, doc)
        diags += check_graph(proc, doc)
        diags += check_timing(proc, owner, doc)
        diags += check_onestop(proc, owner, doc)
        if owner is not None:
            diags += check_languages(doc, owner.languages)
        return kind, diags, summary, (lang, proc)
    return kind, diags, None, None


_KIND = re.compile(rb"^kind:[ \t]*[\"']?(agency|procedure)\b", re.M)
#: Below this many files to check, one process is faster than starting workers.
PARALLEL_MIN = 128


def _read(path: str) -> bytes | None:
    try:
        if os.path.isdir(path) or os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
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


#: A model as it crosses from a worker process: the language it was read in (empty for an
#: agency) and its pickle, which the load cache keeps as it is.
_Packed = tuple[str, bytes]


def _pack(built: _Built) -> _Packed:
    return built[0], pickle.dumps(built[1], protocol=pickle.HIGHEST_PROTOCOL)


def _check_batch(files: Sequence[str], agency_files: Sequence[str],
                 progress: Callable[[int], None] | None = None,
                 keep: bool = False) -> list[tuple[str, _Entry, _Packed | None]]:
    """Check files in this process; agencies are read again here so that workers share nothing.
    With ``keep``, each file also gives the model its checks built."""
    with collector_paused():
        return _check_each(files, _agency_models(agency_files), progress, keep)


def _check_each(files: Sequence[str], agencies: dict[str, Agency], progress: Callable[[int], None] | None,
                keep: bool) -> list[tuple[str, _Entry, _Packed | None]]:
    out = []
    for f in files:
        doc = read_document(f)
        built: _Built | None = None
        try:
            kind, diags, summary, built = _check_and_build(doc, agencies)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # pragma: no cover - defensive
            kind, diags, summary = None, list(doc.diagnostics), None
            diags.append(Diagnostic(code="SCH005", name="bad-value", message=f"cannot read this spec: {exc}", file=f))
        packed = _pack(built) if keep and built is not None else None
        out.append((f, _Entry(kind, [d.as_dict() for d in diags], summary), packed))
        if progress is not None:
            progress(1)
    return out


def _check_parallel(files: list[str], agency_files: list[str], workers: int,
                    progress: Callable[[int], None], keep: bool = False) -> list[tuple[str, _Entry, _Packed | None]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(16, len(files) // (workers * 8))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    out: list[tuple[str, _Entry, _Packed | None]] = []
    ctx = multiprocessing.get_context("fork")
    n = len(batches)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for result in pool.map(_check_batch, batches, [agency_files] * n, [None] * n, [keep] * n):
            out.extend(result)
            progress(len(result))
    return out


@dataclass(slots=True)
class _Run:
    """One validation: the report, and what loading the catalogue from the same reading needs."""

    report: Report
    files: list[str]
    digests: dict[str, str]
    entries: dict[str, _Entry]
    packed: dict[str, _Packed]
    fingerprint: str


def validate_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None = ".motcua_cache",
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
) -> Report:
    """Validate files and folders; never raises on bad input.

    ``progress(done, total)`` is called as files are done. ``cache_dir=None`` turns the cache
    off. Large batches are checked on all cores (``jobs`` processes; default: the cores).
    """
    return _validate(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=False).report


def _validate(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None,
    progress: Callable[[int, int], None] | None,
    jobs: int | None,
    keep: bool,
) -> _Run:
    files, problems = discover(paths)
    report = Report(files=len(files))
    diagnostics: list[Diagnostic] = list(problems)
    fp = _fingerprint() if cache_dir else ""
    cache_path = os.path.join(cache_dir, CACHE_NAME) if cache_dir else ""
    cache = _load_cache(cache_path, fp) if cache_dir else {}

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
    for f in files:
        entry = cache.get((f, digests[f])) if digests[f] else None
        if entry is not None and (entry.kind != "procedure" or entry.agency_fp == agency_fp):
            entries[f] = entry
            report.cached += 1
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

    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        checked = _check_parallel(todo, agency_files, workers, advance, keep)
    else:
        checked = _check_batch(todo, agency_files, advance, keep)
    packed: dict[str, _Packed] = {}
    for f, entry, model in checked:
        if entry.kind == "procedure":
            entry.agency_fp = agency_fp
        entries[f] = entry
        if model is not None:
            packed[f] = model

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
    if cache_dir and (todo or len(new_cache) != len(cache)):
        _save_cache(cache_path, fp, new_cache)
    report.diagnostics = sort_diagnostics(diagnostics)
    return _Run(report, files, digests, entries, packed, fp)


def validate_and_load(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | None = ".motcua_cache",
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    root: str = "",
) -> tuple[Report, Catalog | None]:
    """``validate_paths``, and the catalogue when the files have no error (else ``None``).

    The files are read once: the model of a file checked in this run is the one its checks
    built, and an unchanged file's model comes from the cache folder (``models-v1.pickle``, next
    to the findings), so only files with findings cached but no model are read again. The
    catalogue is the one ``motcua.engine.loading.assemble`` builds from the same files, with
    ``root`` as its root; a model that fails to build adds its error to the report.
    """
    run = _validate(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=True)
    if run.report.errors:
        return run.report, None
    # The models are hundreds of thousands of objects that live as long as the catalogue; the
    # cyclic collector would walk all of them again and again while they are made, for nothing.
    with collector_paused():
        catalog, problems = _assemble(run, cache_dir=cache_dir, jobs=jobs, root=root)
    if problems:
        run.report.diagnostics = sort_diagnostics(run.report.diagnostics + problems)
    return run.report, catalog if not has_errors(problems) else None


def _build_batch(files: Sequence[str], langs: dict[str, str]) -> list[tuple[str, _Packed | Diagnostic]]:
    """Read and build models without checking them (their findings are cached)."""
    with collector_paused():
        return _build_each(files, langs)


def _build_each(files: Sequence[str], langs: dict[str, str]) -> list[tuple[str, _Packed | Diagnostic]]:
    out: list[tuple[str, _Packed | Diagnostic]] = []
    for f in files:
        doc = read_document(f)
        try:
            if isinstance(doc.data, dict) and doc.data.get("kind") == "agency":
                out.append((f, _pack(("", build_agency(doc)))))
            else:
                lang = langs.get(str(doc.data.get("agency")), "vi") if isinstance(doc.data, dict) else "vi"
                out.append((f, _pack((lang, build_procedure(doc, lang=lang)))))
        except BuildError as err:
            out.append((f, build_error_diagnostic(doc, err)))
    return out


def _build_missing(files: list[str], langs: dict[str, str], jobs: int | None) -> list[tuple[str, _Packed | Diagnostic]]:
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(files) < PARALLEL_MIN:
        return _build_batch(files, langs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(16, len(files) // (workers * 4))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [item for result in pool.map(_build_batch, batches, [langs] * len(batches)) for item in result]


def _assemble(run: _Run, *, cache_dir: str | None, jobs: int | None, root: str) -> tuple[Catalog, list[Diagnostic]]:
    """The catalogue of a validation with no errors, as ``assemble`` would build it."""
    models_path = os.path.join(cache_dir, MODELS_NAME) if cache_dir else ""
    cached = _load_cache(models_path, run.fingerprint) if cache_dir else {}
    packed = dict(run.packed)
    for f in run.files:
        if f not in packed and run.entries[f].kind in ("agency", "procedure"):
            hit = cached.get((f, run.digests[f]))
            if hit is not None:
                packed[f] = hit
    problems: list[Diagnostic] = []
    built: dict[str, Agency | Procedure] = {}
    kind = {f: run.entries[f].kind for f in run.files}
    changed = bool(run.packed)

    def build(files: list[str], langs: dict[str, str]) -> None:
        nonlocal changed
        changed = changed or bool(files)
        for f, made in _build_missing(files, langs, jobs):
            if isinstance(made, Diagnostic):
                problems.append(made)
            else:
                packed[f] = made
                built[f] = pickle.loads(made[1])

    agency_files = [f for f in run.files if kind[f] == "agency"]
    for f in agency_files:
        if f in packed:
            built[f] = pickle.loads(packed[f][1])
    build([f for f in agency_files if f not in built], {})
    agencies = [a for f in agency_files if isinstance(a := built.get(f), Agency)]
    # As ``assemble``: a procedure reads in its agency's language, the last agency of an id winning.
    langs = {a.id: a.lang for a in agencies}
    again: list[str] = []
    for f in run.files:
        if kind[f] == "procedure":
            if f in packed:
                proc = pickle.loads(packed[f][1])
                if packed[f][0] == langs.get(proc.agency, "vi"):
                    built[f] = proc
                    continue
            again.append(f)
    build(again, langs)
    procedures = [p for f in run.files if kind[f] == "procedure" and isinstance(p := built.get(f), Procedure)]
    if cache_dir:
        keep = {(f, run.digests[f]): packed[f] for f in run.files if f in packed and f in built and run.digests[f]}
        if changed or keep.keys() != cached.keys():
            _save_cache(models_path, run.fingerprint, keep)
    return Catalog(agencies=tuple(agencies), procedures=tuple(procedures), root=root), problems
