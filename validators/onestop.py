"""One-stop checks: receipt and return at the one-stop unit, every record checked, results named.

A record counts as checked when a step checks it or a group that holds it (a step that checks
"one of these papers" checks each of them)."""

from __future__ import annotations

from typing import Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Agency, DossierItem, EndOutcome, Procedure, Record, RecordGroup, UnitRole
from motcua.engine.spec.yamlstrict import Document
from motcua.engine.spec.rules import diag

__all__ = ["check_onestop"]


def check_onestop(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    if agency is not None and proc.steps:
        roles = {u.id: u.role for u in agency.units}
        desks = [u.id for u in agency.units if u.role is UnitRole.ONE_STOP]
        shown = tr(", ".join(desks), ", ".join(desks)) if desks else \
            tr("chưa khai báo trong agency.yaml", "none declared in agency.yaml")
        first = proc.steps[0]
        if first.unit in roles and roles[first.unit] is not UnitRole.ONE_STOP:
            line, col = doc.locate(("steps", 0, "unit"))
            yield diag("ONE001", tr(f"bước đầu tiên '{first.id}' thực hiện tại '{first.unit}', không phải tại bộ phận "
                                    "một cửa",
                                    f"the first step '{first.id}' is at '{first.unit}', not at the one-stop unit"),
                       file=f, line=line, column=col,
                       hint=tr(f"các bộ phận một cửa: {shown.vi}", f"one-stop units: {shown.en}"))
        granted = {e.id for e in proc.ends if e.outcome is EndOutcome.GRANTED}
        for i, s in enumerate(proc.steps):
            if s.unit in roles and roles[s.unit] is not UnitRole.ONE_STOP and granted & set(s.targets()):
                line, col = doc.locate(("steps", i, "unit"))
                yield diag("ONE002", tr(f"bước '{s.id}' trả kết quả cho người nộp hồ sơ từ '{s.unit}', không phải "
                                        "từ bộ phận một cửa",
                                        f"step '{s.id}' hands the result to the applicant from '{s.unit}', "
                                        "not from the one-stop unit"), file=f, line=line, column=col,
                           hint=tr(f"thêm một bước trả kết quả tại {shown.vi} trước điểm kết thúc cấp kết quả "
                                   "(granted)", f"add a returning step at {shown.en} before the granted end"))
    checked = {r for s in proc.steps for r in s.checks}
    for r in _unchecked(proc.records, checked):
        yield diag("REC001", tr(f"thành phần hồ sơ '{r.id}' không được bước nào kiểm tra",
                                f"record '{r.id}' is not checked by any step"), file=f, pos=r.pos,
                   hint=tr("thêm nó, hoặc một nhóm chứa nó, vào 'checks' của bước kiểm tra thành phần này",
                           "add it, or a group that holds it, to the 'checks' of the step that verifies it"))
    for e in proc.ends:
        if e.outcome in (EndOutcome.GRANTED, EndOutcome.REFUSED) and not e.result_ids:
            yield diag("RES001", tr(f"điểm kết thúc '{e.id}' ({e.outcome.value}) không nêu văn bản kết quả nào",
                                    f"end '{e.id}' ({e.outcome.value}) names no result document"), file=f, pos=e.pos,
                       hint=tr("thêm 'result: <mã>' (hoặc 'results: [<mã>, ...]') chỉ tới các mục của 'results'",
                               "add 'result: <id>' (or 'results: [<id>, ...]') naming entries of 'results'"))


def _unchecked(items: tuple[DossierItem, ...], checked: set[str]) -> Iterator[Record]:
    """The records of a dossier tree that no step checks, itself or through a group above it."""
    for item in items:
        if item.id in checked:
            continue
        if isinstance(item, RecordGroup):
            yield from _unchecked(item.items, checked)
        else:
            yield item
