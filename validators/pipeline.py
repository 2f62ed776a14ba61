"""The checks of one spec file, start to finish: read strictly, schema, then the model's checks.

``check_document`` is what every file goes through, alone or in a worker process; it also
gives the small summary the catalogue-wide checks read, and (for ``validate_and_load``) the
model its checks built, so that a file is read once.
"""

from __future__ import annotations

from typing import Any

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.loading import BuildError, build_agency, build_error_diagnostic, build_procedure
from motcua.engine.spec.model import Agency, Procedure
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.versions import AgencySummary, ProcedureSummary

__all__ = ["Built", "check_and_build", "check_document"]


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
    kind, diags, summary, _ = check_and_build(doc, agencies)
    return kind, diags, summary


#: A model built while checking: the agency, or the procedure and the language it was read in.
Built = tuple[str, Agency | Procedure]


def check_and_build(
    doc: Document, agencies: dict[str, Agency]
) -> tuple[str | None, list[Diagnostic], Any, Built | None]:
    """``check_document``, and the model the checks built on the way (``None`` when none was)."""
    from motcua.validators.graph import check_graph
    from motcua.validators.imported import check_imported
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
        built: Built | None = None
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
        diags += check_imported(proc, doc)
        if owner is not None:
            diags += check_languages(doc, owner.languages)
        return kind, diags, summary, (lang, proc)
    return kind, diags, None, None
