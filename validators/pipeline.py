"""The checks of one spec file, start to finish: read strictly, schema, then the model's checks.

``check_document`` is what every file goes through, alone or in a worker process; it also
gives the small summary the catalogue-wide checks read, and (for ``validate_and_load``) the
model its checks built, so that a file is read once.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from motcua.engine.spec.buildprocedure import build_procedure
from motcua.engine.spec.buildvalues import BuildError, build_error_diagnostic
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.loading import build_agency
from motcua.engine.spec.model import Agency, Procedure
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.paths import describe_path
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
    from motcua.validators.schema import check_schema

    diags = list(doc.diagnostics)
    if not isinstance(doc.data, dict):
        return None, diags, None, None
    kind = doc.data.get("kind") if doc.data.get("kind") in ("agency", "procedure") else None
    schema_diags = list(check_schema(doc))
    # A text split by an unquoted comma (YML011), a value read as nothing (a tag, a text too
    # long) also break the schema at the same spot: say it once.
    said = {(d.line, d.column) for d in diags if d.code.startswith("YML")}
    diags += [d for d in schema_diags if (d.line, d.column) not in said]
    if kind == "agency":
        agency_summary: AgencySummary | None = None
        if isinstance(doc.data.get("id"), str):
            line, col = doc.locate(("id",))
            agency_summary = AgencySummary(doc.file, doc.data["id"], line, col)
        if schema_diags:
            diags += _salvaged(doc, schema_diags, lambda d: _agency_checks(d)[0])
            return kind, diags, agency_summary, None
        found, agency = _agency_checks(doc)
        return kind, diags + found, agency_summary, None if agency is None else ("", agency)
    if kind == "procedure":
        summary = _procedure_summary(doc)
        if schema_diags:
            diags += _salvaged(doc, schema_diags, lambda d: _procedure_checks(d, agencies)[0])
            return kind, diags, summary, None
        found, built = _procedure_checks(doc, agencies)
        return kind, diags + found, summary, built
    return kind, diags, None, None


def _agency_checks(doc: Document) -> tuple[list[Diagnostic], Agency | None]:
    """The checks of a schema-valid agency document, and its model (``None`` when it has none)."""
    from motcua.validators.language import check_languages
    from motcua.validators.placeholders import check_placeholders
    from motcua.validators.references import check_agency_ids

    try:
        agency = build_agency(doc)
    except BuildError as err:
        return [build_error_diagnostic(doc, err)], None
    found = [*check_agency_ids(agency, doc), *check_languages(doc, agency.languages), *check_placeholders(doc)]
    return found, agency


def _procedure_checks(doc: Document, agencies: dict[str, Agency]) -> tuple[list[Diagnostic], Built | None]:
    """The checks of a schema-valid procedure document, and its model with the language it was
    read in (``None`` when it has none)."""
    from motcua.validators.graph import check_graph
    from motcua.validators.imported import check_imported
    from motcua.validators.language import check_languages
    from motcua.validators.onestop import check_onestop
    from motcua.validators.placeholders import check_placeholders
    from motcua.validators.references import check_references
    from motcua.validators.timing import check_timing

    owner = agencies.get(str(doc.data.get("agency")))
    lang = owner.lang if owner else "vi"
    try:
        proc = build_procedure(doc, lang=lang)
    except BuildError as err:
        return [build_error_diagnostic(doc, err)], None
    diags = [*check_references(proc, owner, doc), *check_graph(proc, doc), *check_timing(proc, owner, doc),
             *check_onestop(proc, owner, doc), *check_imported(proc, doc)]
    if owner is not None:
        diags += check_languages(doc, owner.languages)
    diags += check_placeholders(doc)
    return diags, (lang, proc)


#: Durations a schema finding may leave out: optional ones are dropped, required ones counted as
#: nothing (the total along a path is then the least it can be).
_OPTIONAL_TIMES = frozenset({"time_limit", "committed_time"})
_REQUIRED_TIMES = frozenset({"time", "after", "add"})
#: What stands in for a required duration that cannot be read.
_NO_TIME = "0 working days"


@dataclass(slots=True)
class _Repair:
    """A copy of a document's data with its recoverable schema findings repaired."""

    data: Any
    #: The paths of required durations counted as nothing.
    zeroed: list[tuple[str | int, ...]] = field(default_factory=list)
    #: Whether an optional time limit or commitment was left out.
    dropped_terms: bool = False
    #: Keys read as another (the path of the key as written, and the key meant).
    renamed: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)


def _path_of(data: Any, pointer: str) -> tuple[str | int, ...] | None:
    """A diagnostic's JSON pointer as a data path (list indexes as numbers), ``None`` when it
    names nothing in ``data``."""
    path: list[str | int] = []
    node = data
    for part in pointer.split("/")[1:] if pointer.startswith("/") else []:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            path.append(int(part))
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            return None
    return tuple(path)


def _meant_key(finding: Diagnostic, key: str, parent: dict[str, Any]) -> str | None:
    """The key a misspelt one stands for: for an unknown key (SCH001) the closest allowed key
    the mapping lacks, for a key of the wrong form the key in lower case; else ``None``."""
    from motcua.engine.spec.suggest import closest

    if finding.code != "SCH001":  # a key of the wrong form: a language or outcome in capitals
        lower = key.strip().lower()
        return lower if lower != key and lower not in parent else None
    allowed = (finding.hint or "").partition("allowed keys: ")[2]
    return closest(key, [k for k in allowed.split(", ") if k not in parent]) if allowed else None


def _repair(doc: Document, findings: list[Diagnostic]) -> _Repair | None:
    """The document's data with every schema finding repaired, or ``None`` when one cannot be:
    a key the finding points at (unknown, not a language, split off a text by a comma) is left
    out, or read as the allowed key it is closest to and the mapping lacks; a duration that cannot be read is left out or counted as nothing."""
    repair = _Repair(copy.deepcopy(doc.data))
    missing = [d for d in findings if d.code == "SCH002"]
    for d in [d for d in findings if d.code != "SCH002"]:
        path = _path_of(repair.data, d.path)
        if not path:
            return None
        parent: Any = repair.data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if isinstance(parent, dict) and doc.locate(path, key=True) == (d.line, d.column) \
                and doc.locate(path) != (d.line, d.column):
            value = parent.pop(last)
            meant = _meant_key(d, str(last), parent)
            if meant is not None:
                parent[meant] = value
                repair.renamed.append((path, meant))
        elif isinstance(parent, dict) and isinstance(parent[last], (str, type(None))) and last in _OPTIONAL_TIMES:
            del parent[last]
            repair.dropped_terms = True
        elif isinstance(parent, dict) and isinstance(parent[last], (str, type(None))) and last in _REQUIRED_TIMES:
            parent[last] = _NO_TIME
            repair.zeroed.append(path)
        else:
            return None
    # A key reported missing is there once a misspelling of it is read as it.
    for d in missing:
        key = _MISSING.match(d.message)
        path = _path_of(repair.data, d.path)
        node: Any = repair.data
        for part in path or ():
            node = node[part]
        if key is None or path is None or not isinstance(node, dict) or key.group(1) not in node:
            return None
    return repair


_MISSING = re.compile(r"key '([^']+)' is missing")


def _salvaged(doc: Document, findings: list[Diagnostic],
              checks: Callable[[Document], list[Diagnostic]]) -> list[Diagnostic]:
    """The findings of the checks after the schema on a document whose schema findings can all
    be repaired (a mistyped or stray key, a comma-split text, a duration that cannot be read),
    run on the repaired data, so that one round shows every error a file has. Findings the
    repair itself could cause (a step of no time shorter than its consultation, a missing time
    limit) are left out; a slowest path that counts a step as nothing says so."""
    from motcua.validators.schema import is_valid

    repair = _repair(doc, findings)
    kind = str(doc.data.get("kind"))
    if repair is None or not is_valid(kind, repair.data):
        return []
    repaired = Document(file=doc.file, text=doc.text, data=repair.data, root=_renamed_root(doc, repair.renamed))
    try:
        found = checks(repaired)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return []
    owners = [_lines(doc, path[:-1]) for path in repair.zeroed]
    unread = ", ".join(describe_path(doc.data, path) for path in repair.zeroed)
    out = []
    for d in found:
        if d.code == "TIM006" and repair.dropped_terms:
            continue
        if d.code in ("TIM003", "TIM004") and any(first <= d.line <= last for first, last in owners):
            continue
        if d.code in ("TIM001", "TIM002") and unread:
            d = replace(d, message=f"{d.message} (at least: {unread} could not be read and counts as nothing)",
                        message_vi=f"{d.message_vi or d.message} (đây là mức tối thiểu: {unread} không đọc được nên "
                        "được tính bằng 0)")
        out.append(d)
    return out


def _renamed_root(doc: Document, renamed: list[tuple[tuple[str | int, ...], str]]) -> Any:
    """The document's node tree with the keys read as others renamed, so that findings about
    them point at what the file holds there."""
    import yaml

    if not renamed:
        return doc.root
    root = copy.deepcopy(doc.root)
    for path, meant in renamed:
        node = root
        for part in path[:-1]:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part]
        if isinstance(node, yaml.MappingNode):
            for k, _v in node.value:
                if k.value == path[-1]:
                    k.value = meant
    return root


def _lines(doc: Document, path: tuple[str | int, ...]) -> tuple[int, int]:
    """The first and last line of the node at ``path``."""
    import yaml

    node = doc.root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            return (0, -1)
    if node is None:
        return (0, -1)
    return (node.start_mark.line + 1, node.end_mark.line + 1)
