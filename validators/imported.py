"""Checks on what an importer left for a person to finish: step chains made from prose."""

from __future__ import annotations

from typing import Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Procedure
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import Document

__all__ = ["check_imported"]


def check_imported(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    """IMP001 on every step marked ``skeleton: true``, at the mark."""
    for i, s in enumerate(proc.steps):
        if s.skeleton:
            line, col = doc.locate(("steps", i, "skeleton"), key=True)
            yield diag("IMP001", tr(f"bước '{s.id}' là bước khung do công cụ nhập dựng từ phần mô tả bằng lời của "
                                    "bản ghi, không phải bước thực tế của cơ quan",
                                    f"step '{s.id}' is a skeleton the importer made from the record's prose, "
                                    "not the agency's real step"), file=doc.file, line=line, column=col,
                       hint=tr("viết các bước, đơn vị và thời gian thực tế, rồi bỏ 'skeleton: true'",
                               "write the real steps, units and times, then remove 'skeleton: true'"))
