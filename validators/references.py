"""Reference checks: every id a procedure names (units, records and groups, results, steps, ends,
fields) exists, and every id it declares (steps, ends, records and groups at any depth, results,
variants and their codes, extensions, clock stops, channels) is declared once."""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.model import Agency, DossierItem, Procedure, RecordGroup
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean
from motcua.engine.spec.yamlstrict import Document

__all__ = ["check_references", "check_agency_ids", "dossier_paths"]

Path = tuple[str | int, ...]


def dossier_paths(items: Sequence[DossierItem], at: Path = ("records",)) -> Iterator[tuple[Path, DossierItem]]:
    """Every record and group of a dossier tree with its path in the spec, each before its items."""
    for i, item in enumerate(items):
        here = at + (i,)
        yield here, item
        if isinstance(item, RecordGroup):
            yield from dossier_paths(item.items, here + ("one_of" if item.is_choice else "all_of",))


def _repeats(doc: Document, named: Sequence[tuple[str, Path]], what: str, *, key: str = "id",
             hint: str = "give each its own id", scope: str = "") -> Iterator[Diagnostic]:
    """REF006 at every repeat (not the first) of a name among ``(name, path of the item)``, at the
    item's ``key`` (the item itself when ``key`` is empty)."""
    counts = Counter(name for name, _ in named)
    seen: set[str] = set()
    for name, path in named:
        if counts[name] > 1 and name in seen:
            line, col = doc.locate(path + ((key,) if key else ()))
            yield diag("REF006", f"{what} '{name}' is used more than once{scope}", file=doc.file, line=line,
                       column=col, hint=hint)
        seen.add(name)


def _duplicates(doc: Document, section: str, ids: list[str], what: str) -> Iterator[Diagnostic]:
    yield from _repeats(doc, [(x, (section, i)) for i, x in enumerate(ids)], f"{what} id")


def check_agency_ids(agency: Agency, doc: Document) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, "units", [u.id for u in agency.units], "unit")
    yield from _duplicates(doc, "fields", [x.id for x in agency.fields], "field")


def _declared_once(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, "steps", [s.id for s in proc.steps], "step")
    yield from _duplicates(doc, "ends", [e.id for e in proc.ends], "end")
    yield from _repeats(doc, [(item.id, path) for path, item in dossier_paths(proc.records)], "record or group id",
                        hint="records and groups share one name space at every depth; give each its own id")
    yield from _duplicates(doc, "results", [r.id for r in proc.results], "result")
    yield from _duplicates(doc, "variants", [v.id for v in proc.variants], "variant")
    yield from _repeats(doc, [(v.code, ("variants", i)) for i, v in enumerate(proc.variants) if v.code is not None],
                        "variant code", key="code", hint="a case opens on a variant named by its code: give each its own")
    yield from _duplicates(doc, "extensions", [x.id for x in proc.extensions], "extension")
    yield from _duplicates(doc, "clock_stops", [x.id for x in proc.clock_stops], "clock stop")
    hint = "list each channel once; write it as a map when it has its own time or fees"
    yield from _repeats(doc, [(c.channel.value, ("channels", i)) for i, c in enumerate(proc.channels)],
                        "channel", key="", hint=hint)
    for i, v in enumerate(proc.variants):
        named = [(c.channel.value, ("variants", i, "channels", j)) for j, c in enumerate(v.channels or ())]
        yield from _repeats(doc, named, "channel", key="", hint=hint, scope=f" in variant '{v.id}'")
    step_ids = {s.id for s in proc.steps}
    for i, e in enumerate(proc.ends):
        if e.id in step_ids:
            line, col = doc.locate(("ends", i, "id"))
            yield diag("REF006", f"end id '{e.id}' is also a step id", file=doc.file, line=line, column=col,
                       hint="steps and ends share one name space; rename one")


def _known(doc: Document, code: str, path: Path, wanted: str, known: Sequence[str], message: str,
           hint: str) -> Iterator[Diagnostic]:
    if wanted not in known:
        line, col = doc.locate(path)
        yield diag(code, message + did_you_mean(wanted, known), file=doc.file, line=line, column=col, hint=hint)


def _dossier_and_results(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    items = [item.id for _path, item in dossier_paths(proc.records)]
    results = [r.id for r in proc.results]
    in_records = "records and groups are declared under 'records'"
    in_results = "results are declared under 'results'"
    for i, s in enumerate(proc.steps):
        for j, r in enumerate(s.checks):
            yield from _known(doc, "REF002", ("steps", i, "checks", j), r, items,
                              f"step '{s.id}' checks unknown record '{r}'", in_records)
    for i, v in enumerate(proc.variants):
        for j, r in enumerate(v.records or ()):
            yield from _known(doc, "REF002", ("variants", i, "records", j), r, items,
                              f"variant '{v.id}' names unknown record '{r}'", in_records)
        for j, r in enumerate(v.results or ()):
            yield from _known(doc, "REF003", ("variants", i, "results", j), r, results,
                              f"variant '{v.id}' gives unknown result '{r}'", in_results)
    for i, e in enumerate(proc.ends):
        if e.result is not None:
            yield from _known(doc, "REF003", ("ends", i, "result"), e.result, results,
                              f"end '{e.id}' gives unknown result '{e.result}'", in_results)
        for j, r in enumerate(e.results):
            yield from _known(doc, "REF003", ("ends", i, "results", j), r, results,
                              f"end '{e.id}' gives unknown result '{r}'", in_results)


def _units_and_targets(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    targets = {s.id for s in proc.steps} | {e.id for e in proc.ends}
    units = [u.id for u in agency.units] if agency is not None else None
    unit_hint = f"units of {agency.id}: {', '.join(units or ())}" if agency is not None else ""
    for i, s in enumerate(proc.steps):
        if units is not None:
            yield from _known(doc, "REF001", ("steps", i, "unit"), s.unit, units,
                              f"step '{s.id}' is done by unknown unit '{s.unit}'", unit_hint)
            for j, c in enumerate(s.consult):
                yield from _known(doc, "REF001", ("steps", i, "consult", j, "unit"), c.unit, units,
                                  f"step '{s.id}' consults unknown unit '{c.unit}'", unit_hint)
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


def _field(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    if agency is None or not agency.fields or proc.field is None:
        return
    fields = [x.id for x in agency.fields]
    yield from _known(doc, "REF009", ("field",), proc.field, fields,
                      f"field '{proc.field}' is not a field of agency '{agency.id}'",
                      f"fields of {agency.id}: {', '.join(fields)}; or declare it under 'fields' in its agency file")


def check_references(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    yield from _declared_once(proc, doc)
    yield from _units_and_targets(proc, agency, doc)
    yield from _dossier_and_results(proc, doc)
    yield from _field(proc, agency, doc)
