"""Catalogue-wide checks: agencies exist once, versions of a procedure do not overlap, supersedes resolves.

They run on small per-file summaries, so they run on every validation even when each file's
own checks come from the cache.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean_tr as did_you_mean

__all__ = ["AgencySummary", "ProcedureSummary", "check_catalog"]


@dataclass(frozen=True, slots=True)
class AgencySummary:
    file: str
    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ProcedureSummary:
    file: str
    id: str
    agency: str
    version: str
    valid_from: str | None
    valid_to: str | None
    supersedes: str | None
    agency_pos: tuple[int, int]
    version_pos: tuple[int, int]
    period_pos: tuple[int, int]
    supersedes_pos: tuple[int, int]


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_catalog(agencies: Sequence[AgencySummary], procedures: Sequence[ProcedureSummary]) -> Iterator[Diagnostic]:
    by_id: dict[str, list[AgencySummary]] = defaultdict(list)
    for a in agencies:
        by_id[a.id].append(a)
    for aid, same_id in by_id.items():
        for dup in same_id[1:]:
            first = same_id[0].file
            yield diag("REF008", tr(f"mã cơ quan '{aid}' cũng đã được khai báo trong {first}",
                                    f"agency id '{aid}' is also declared in {first}"), file=dup.file,
                       line=dup.line, column=dup.column)
    known = sorted(by_id)
    groups: dict[tuple[str, str], list[ProcedureSummary]] = defaultdict(list)
    files = {os.path.normpath(p.file): p for p in procedures}
    for p in procedures:
        if p.agency not in by_id:
            line, col = p.agency_pos
            shown = ", ".join(known)
            hint = tr(f"các cơ quan trong danh mục: {shown}", f"agencies in the catalogue: {shown}") if known else \
                tr("kiểm tra cùng lúc cả thư mục chứa tệp agency.yaml của cơ quan",
                   "validate the folder that holds the agency's agency.yaml too")
            yield diag("REF005", tr(f"thủ tục '{p.id}' ghi cơ quan '{p.agency}' không có trong danh mục",
                                    f"procedure '{p.id}' names unknown agency '{p.agency}'")
                       + did_you_mean(p.agency, known), file=p.file, line=line, column=col, hint=hint)
        groups[(p.agency, p.id)].append(p)
        valid_from, valid_to = _day(p.valid_from), _day(p.valid_to)
        if valid_from and valid_to and valid_from > valid_to:
            line, col = p.period_pos
            yield diag("VER002", tr(f"ngày bắt đầu hiệu lực valid_from {p.valid_from} muộn hơn ngày hết hiệu lực "
                                    f"valid_to {p.valid_to}", f"valid_from {p.valid_from} is after valid_to "
                                    f"{p.valid_to}"), file=p.file,
                       line=line, column=col, hint=tr("đổi chỗ hoặc sửa lại hai ngày này", "swap or correct the dates"))
        if p.supersedes:
            target = os.path.normpath(os.path.join(os.path.dirname(p.file), p.supersedes))
            prev = files.get(target)
            line, col = p.supersedes_pos
            if prev is None:
                yield diag("REF007", tr(f"supersedes '{p.supersedes}' không chỉ tới tệp thủ tục nào của danh mục",
                                        f"supersedes '{p.supersedes}' names no procedure file of the catalogue"),
                           file=p.file, line=line, column=col,
                           hint=tr("ghi tệp của phiên bản trước, với đường dẫn tính từ tệp này",
                                   "give the previous version's file, relative to this one"))
            elif prev.file == p.file:
                yield diag("REF007", tr("một phiên bản không thể thay thế chính nó",
                                        "a version cannot supersede itself"),
                           file=p.file, line=line, column=col)
            elif (prev.agency, prev.id) != (p.agency, p.id):
                yield diag("REF007", tr(f"supersedes '{p.supersedes}' là thủ tục '{prev.id}', không phải một phiên "
                                        f"bản của '{p.id}'", f"supersedes '{p.supersedes}' is procedure '{prev.id}', "
                                        f"not a version of '{p.id}'"), file=p.file, line=line, column=col,
                           hint=tr("supersedes ghi phiên bản trước của chính thủ tục này",
                                   "supersedes names the previous version of the same procedure"))
    for (_agency, pid), versions in groups.items():
        if len(versions) < 2:
            continue
        labels: dict[str, ProcedureSummary] = {}
        for v in versions:
            if v.version in labels:
                line, col = v.version_pos
                other = labels[v.version].file
                yield diag("VER003", tr(f"thủ tục '{pid}' có phiên bản '{v.version}' trùng với phiên bản trong {other}",
                                        f"procedure '{pid}' has version '{v.version}' also in {other}"),
                           file=v.file, line=line, column=col,
                           hint=tr("đặt cho mỗi phiên bản một nhãn riêng", "give each version its own label"))
            else:
                labels[v.version] = v
        ordered = sorted(versions, key=lambda v: (v.file,))
        for i, older in enumerate(ordered):
            for b in ordered[i + 1:]:
                a0, a1 = _day(older.valid_from) or dt.date.min, _day(older.valid_to) or dt.date.max
                b0, b1 = _day(b.valid_from) or dt.date.min, _day(b.valid_to) or dt.date.max
                if a0 <= b1 and b0 <= a1:
                    line, col = b.period_pos
                    yield diag("VER001", tr(f"phiên bản '{b.version}' của '{pid}' có hiệu lực vào những ngày mà phiên "
                                            f"bản '{older.version}' ({older.file}) cũng có hiệu lực",
                                            f"version '{b.version}' of '{pid}' is in force on days that version "
                                            f"'{older.version}' ({older.file}) also covers"),
                               file=b.file, line=line, column=col,
                               hint=tr("đặt valid_to của phiên bản cũ trước valid_from của phiên bản mới",
                                       "set valid_to on the older version before valid_from of the newer one"))
