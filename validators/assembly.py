"""The catalogue from a validation: ``validate_and_load`` checks files as ``validate_paths``
does and, when they have no error, assembles the catalogue from the models the checks built,
building again only the files whose findings came from the cache; broken procedure drafts can
be left out rather than withholding the whole catalogue.
"""

from __future__ import annotations

import os
from typing import Callable, Sequence

from motcua.engine.spec.bulk import collector_paused
from motcua.engine.spec.diagnostics import Diagnostic, has_errors, sort_diagnostics
from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.validators.batches import build_missing
from motcua.validators.runner import Report, Run, run_validation
from motcua.validators.versions import ProcedureSummary

__all__ = ["validate_and_load"]


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
    run = run_validation(paths, cache_dir=cache_dir, progress=progress, jobs=jobs, keep=True)
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


def _broken_drafts(run: Run) -> dict[str, str] | None:
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


def _assemble(run: Run, *, jobs: int | None, root: str) -> tuple[Catalog, list[Diagnostic]]:
    """The catalogue of a validation with no errors, as ``assemble`` would build it."""
    problems: list[Diagnostic] = []
    built = dict(run.built)
    kind = {f: run.entries[f].kind for f in run.files}

    def build(files: list[str], langs: dict[str, str]) -> None:
        for f, made in build_missing(files, langs, jobs):
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
