"""One import run: records found, each made a spec and written, the agency files, the report.

A record that cannot be read or built is a failure with its file and JSON path; the others
still import. The report lists per record what was written and what had no place (the loss
report), and totals; :meth:`Report.as_dict` is the ``--format json`` document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from motcua.engine.spec.i18n import Tr, tr
from motcua.importers.dvcqg.catalogue import AgencyMap, Catalogue
from motcua.importers.dvcqg.losses import Losses
from motcua.importers.dvcqg.output import Output, Written, owned
from motcua.importers.dvcqg.procedure import Draft, build_procedure
from motcua.importers.dvcqg.reading import RecordError, RecordFile, find_records, read_record
from motcua.importers.yamlout import Comment, dump

__all__ = ["Outcome", "Report", "import_records"]

_COMMENT_WIDTH = 96


@dataclass
class Outcome:
    """One record's import: its file, code, the spec written (or the error), its losses."""

    file: str
    code: str = ""
    spec: str = ""
    written: Written | None = None
    losses: Losses = field(default_factory=Losses)
    counts: dict[str, int] = field(default_factory=dict)
    error: RecordError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.written is not None and self.written.action != "refused"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "code": self.code or None, "imported": self.ok}
        if self.written is not None:
            out["spec"] = self.written.as_dict()
        if self.error is not None:
            out["error"] = self.error.as_dict()
        out["counts"] = self.counts
        out["losses"] = [loss.as_dict() for loss in self.losses.entries]
        return out


@dataclass
class Report:
    records: list[Outcome] = field(default_factory=list)
    agencies: list[Written] = field(default_factory=list)
    notes: list[Tr] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [r for r in self.records if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and all(a.action != "refused" for a in self.agencies)

    def totals(self) -> dict[str, Any]:
        kinds: Counter[str] = Counter()
        skipped: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for r in self.records:
            kinds.update(e.kind for e in r.losses.counted)
            skipped.update(e.kind for e in r.losses.entries if not e.counted)
            counts.update(r.counts)
        return {
            "records": len(self.records),
            "imported": sum(r.ok for r in self.records),
            "failed": len(self.failed),
            "losses": sum(kinds.values()),
            "records_with_losses": sum(bool(r.losses.counted) for r in self.records if r.ok),
            "losses_by_kind": dict(sorted(kinds.items())),
            "skipped_by_kind": dict(sorted(skipped.items())),
            "counts": dict(sorted(counts.items())),
        }

    def as_dict(self) -> dict[str, Any]:
        return {"records": [r.as_dict() for r in self.records],
                "agencies": [a.as_dict() for a in self.agencies],
                "notes": [str(note) for note in self.notes], "totals": self.totals()}


def _header(draft: Draft) -> list[tuple[Comment, None]]:
    lines = [f"Imported from the national procedure database (dvcqg): {draft.code}.",
             "The steps are a skeleton made from the record's prose (skeleton: true): replace them with the",
             "real steps, units and times, then remove the marks."]
    counted = draft.losses.counted
    if counted:
        lines.append(f"Not imported ({len(counted)}; the import report lists them with their JSON paths):")
        for loss in counted:
            text = f"- {loss.kind}: {loss.message.en}"
            lines.append(text if len(text) <= _COMMENT_WIDTH else text[: _COMMENT_WIDTH - 3] + "...")
    return [(Comment("\n".join(lines)), None)]


def spec_text(draft: Draft) -> str:
    """The spec file's text (without the importer's stamp)."""
    return dump(dict([*_header(draft), *draft.spec.items()]))


def _import_one(found: RecordFile, catalogue: Catalogue, out: Output, seen: dict[str, str]) -> Outcome:
    outcome = Outcome(found.path)
    try:
        _, record = read_record(found)
        draft = build_procedure(record)
    except RecordError as err:
        outcome.error = err
        return outcome
    outcome.code, outcome.losses, outcome.counts = draft.code, draft.losses, draft.counts
    if draft.code in seen:
        outcome.error = RecordError(tr(f"thủ tục {draft.code} đã được nhập từ {seen[draft.code]}",
                                       f"the procedure {draft.code} was imported from {seen[draft.code]} already"),
                                    path=found.path, json_path=f"{record.where}.code")
        return outcome
    seen[draft.code] = found.path
    placed = catalogue.place(draft)
    outcome.written = out.write(placed.parts, spec_text(draft))
    outcome.spec = outcome.written.path
    return outcome


def import_records(paths: list[str], output: str, *, agency_map: AgencyMap | None = None, force: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> Report:
    """Import the records under ``paths`` into the folder ``output``."""
    out = Output(output, force=force)
    files, missing = find_records(paths)
    report = Report()
    report.records += [Outcome(e.path, error=e) for e in missing]
    catalogue = Catalogue(agency_map)
    seen: dict[str, str] = {}
    for i, found in enumerate(files, 1):
        report.records.append(_import_one(found, catalogue, out, seen))
        if progress is not None:
            progress(i, len(files))
    for agency_id in sorted(catalogue.agencies):
        existing = out.existing(agency_id, "agency.yaml")
        mine = existing if existing is not None and owned(existing) else None
        data = catalogue.agency_data(agency_id, mine)
        header = [(Comment(f"Agency file written by the import: the units are a skeleton ({catalogue.expected(agency_id).en})."
                           "\nRename the processing unit to the one that does the work."), None)]
        written = out.write((agency_id, "agency.yaml"), dump(dict([*header, *data.items()])), keep_foreign=True)
        report.agencies.append(written)
        if written.action == "kept":
            report.notes.append(tr(f"{written.path}: được giữ nguyên như người viết; các thủ tục vừa nhập cần ",
                                   f"{written.path}: kept as a person wrote it; the imported procedures expect ")
                                + catalogue.expected(agency_id))
    return report
