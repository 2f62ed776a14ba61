"""Spec files checked, or only built, in batches: in this process, or across worker processes
when there are enough of them to be worth starting.

A batch reads its files itself (workers share nothing but file names); checking gives each
file's cache entry (its findings as data) and, when asked, the model its checks built;
building reads models without checking them, for files whose findings came from the cache.
"""

from __future__ import annotations

from typing import Callable, Sequence

from motcua.engine.spec.buildprocedure import build_procedure
from motcua.engine.spec.buildvalues import BuildError, build_error_diagnostic
from motcua.engine.spec.bulk import collector_paused, cores, process_map
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.loading import build_agency
from motcua.engine.spec.model import Agency
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import read_document
from motcua.validators.cache import Entry as _Entry
from motcua.validators.pipeline import Built as _Built
from motcua.validators.pipeline import check_and_build

__all__ = ["PARALLEL_MIN", "build_missing", "check_batch", "check_parallel", "worker_count"]

#: Below this many files to check, one process is faster than starting workers.
PARALLEL_MIN = 128


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


def check_batch(files: Sequence[str], agency_files: Sequence[str],
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


def worker_count(jobs: int | None) -> int:
    return jobs if jobs is not None else min(cores(), 8)


def check_parallel(files: list[str], agency_files: list[str], workers: int,
                   progress: Callable[[int], None], keep: bool = False) -> list[tuple[str, _Entry, _Built | None]]:
    chunk = max(16, len(files) // (workers * 8))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    return process_map(check_batch, batches, agency_files, None, keep, workers=workers,
                     each=lambda result: progress(len(result)))


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


def build_missing(files: list[str], langs: dict[str, str], jobs: int | None) -> list[tuple[str, _Built | Diagnostic]]:
    workers = worker_count(jobs)
    if workers <= 1 or len(files) < PARALLEL_MIN:
        return _build_batch(files, langs)
    chunk = max(16, len(files) // (workers * 4))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    return process_map(_build_batch, batches, langs, workers=workers)

