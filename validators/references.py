"""Reference checks: every id a procedure names (units, records, results, steps, ends) exists, once."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.model import Agency, Procedure
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean
from motcua.engine.spec.yamlstrict import Document

__all__ = ["check_references", "check_agency_ids"]


def _duplicates(doc: Document, section: str, ids: list[str], what: str) -> Iterator[Diagnostic]:
    counts = Counter(ids)
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if counts[x] > 1:
            if x in seen:
                line, col = doc.locate((section, i, "id"))
                yield diag("REF006", f"{what} id '{x}' is used more than once", file=doc.file, line=line, column=col,
                           hint="give each its own id")
            seen.add(x)


def check_agency_ids(agency: Agency, doc: Document) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, "units", [u.id for u in agency.units], "unit")


def check_references(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    yield from _duplicates(doc, "steps", [s.id for s in proc.steps], "step")
    yield from _duplicates(doc, "ends", [e.id for e in proc.ends], "end")
    yield from _duplicates(doc, "records", [r.id for r in proc.records], "record")
    yield from _duplicates(doc, "results", [r.id for r in proc.results], "result")
    step_ids = {s.id for s in proc.steps}
    for i, e in enumerate(proc.ends):
        if e.id in step_ids:
            line, col = doc.locate(("ends", i, "id"))
            yield diag("REF006", f"end id '{e.id}' is also a step id", file=f, line=line, column=col,
                       hint="steps and ends share one name space; rename one")
    targets = step_ids | {e.id for e in proc.ends}
    records = [r.id for r in proc.records]
    results = [r.id for r in proc.results]
    units = [u.id for u in agency.units] if agency is not None else None
    agency_name = agency.id if agency is not None else ""
    for i, s in enumerate(proc.steps):
        if units is not None and s.unit not in units:
            line, col = doc.locate(("steps", i, "unit"))
            yield diag("REF001", f"step '{s.id}' is done by unknown unit '{s.unit}'" + did_you_mean(s.unit, units),
                       file=f, line=line, column=col, hint=f"units of {agency_name}: {', '.join(units)}")
        for j, c in enumerate(s.consult):
            if units is not None and c.unit not in units:
                line, col = doc.locate(("steps", i, "consult", j, "unit"))
                yield diag("REF001", f"step '{s.id}' consults unknown unit '{c.unit}'" + did_you_mean(c.unit, units),
                           file=f, line=line, column=col, hint=f"units of {agency_name}: {', '.join(units)}")
        for j, r in enumerate(s.checks):
            if r not in records:
                line, col = doc.locate(("steps", i, "checks", j))
                yield diag("REF002", f"step '{s.id}' checks unknown record '{r}'" + did_you_mean(r, records),
                           file=f, line=line, column=col, hint="records are declared under 'records'")
        if s.next is not None and s.next not in targets:
            line, col = doc.locate(("steps", i, "next"))
            yield diag("REF004", f"step '{s.id}' goes to unknown step '{s.next}'" + did_you_mean(s.next, targets),
                       file=f, line=line, column=col)
        for o in s.outcomes:
            if o.to not in targets:
                written = doc.data["steps"][i]["outcomes"][o.name] if isinstance(doc.data, dict) else None
                at = ("steps", i, "outcomes", o.name) + (("to",) if isinstance(written, dict) else ())
                line, col = doc.locate(at)
                yield diag("REF004", f"outcome '{o.name}' of step '{s.id}' goes to unknown step '{o.to}'"
                           + did_you_mean(o.to, targets), file=f, line=line, column=col)
        if s.timeout is not None and s.timeout.to not in targets:
            line, col = doc.locate(("steps", i, "timeout", "to"))
            yield diag("REF004", f"timeout of step '{s.id}' goes to unknown step '{s.timeout.to}'"
                       + did_you_mean(s.timeout.to, targets), file=f, line=line, column=col)
    for i, e in enumerate(proc.ends):
        if e.result is not None and e.result not in results:
            line, col = doc.locate(("ends", i, "result"))
            yield diag("REF003", f"end '{e.id}' gives unknown result '{e.result}'" + did_you_mean(e.result, results),
                       file=f, line=line, column=col, hint="results are declared under 'results'")
