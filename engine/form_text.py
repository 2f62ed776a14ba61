"""The one-stop forms laid out as plain text, as printed at the desk and shown by the CLI.

Every value that comes from a store is shown with :func:`~motcua.engine.spec.printable.visible`: a
control character or line break in an old store's text cannot forge a line of a form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar, cast

from motcua.engine.form_data import ControlSheet, Correction, Receipt, TrackingLog
from motcua.engine.spec.printable import visible

__all__ = ["render_control_sheet", "render_receipt", "render_tracking_log"]

_MARKS = {
    "vi": {"early": "Trước hạn", "on-time": "Đúng hạn", "late": "Quá hạn"},
    "en": {"early": "early", "on-time": "on time", "late": "late"},
}


F = TypeVar("F")


def _shown(form: F) -> F:
    """``form`` with every text in it made :func:`visible` (forms are frozen dataclasses)."""
    return cast(F, _clean(form))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value)})
    return value


def _when(t: dt.datetime, lang: str) -> str:
    return f"{t:%H:%M} ngày {t:%d/%m/%Y}" if lang == "vi" else f"{t:%Y-%m-%d %H:%M}"


def _voided(c: Correction | None, lang: str) -> str:
    """The mark of a voided row: which correction, by whom, when, why."""
    if c is None:
        return ""
    who = f"{c.officer.name}, {c.officer.position}, {_when(c.at, lang)}"
    if lang == "vi":
        return f"  — ĐÃ HỦY bởi đính chính #{c.seq} ({who}): “{c.reason}”"
    return f"  — VOIDED by correction #{c.seq} ({who}): “{c.reason}”"


def render_receipt(form: Receipt, *, lang: str = "vi") -> str:
    """Form 01 as text."""
    form = _shown(form)
    vi = lang == "vi"
    lines = [
        form.agency,
        form.desk,
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" if vi else "RECEIPT AND APPOINTMENT SLIP",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}",
        f"{'Tiếp nhận hồ sơ của' if vi else 'Received from'}: {form.applicant}",
        f"{'Nội dung yêu cầu giải quyết' if vi else 'Request'}: {form.procedure}"
        + (f" ({form.procedure_code})" if form.procedure_code else ""),
        f"{'Thành phần hồ sơ' if vi else 'Records'}:",
    ]
    for i, r in enumerate(form.records, 1):
        counts = f"{r.originals} {'bản chính' if vi else 'original(s)'}, {r.copies} {'bản sao' if vi else 'copy/copies'}"
        lines.append(f"  {i}. {r.title}" + (f" ({r.form})" if r.form else "") + f": {counts}")
    lines += [
        f"{'Số lượng hồ sơ' if vi else 'Sets'}: 01 {'bộ' if vi else 'set'}",
        f"{'Thời gian giải quyết hồ sơ theo quy định' if vi else 'Legal time limit'}: {form.time_limit}",
        f"{'Thời gian nhận hồ sơ' if vi else 'Received at'}: {_when(form.received_at, lang)}",
        f"{'Thời gian trả kết quả giải quyết hồ sơ' if vi else 'Result due'}: {_when(form.due, lang)}",
        f"{'Người tiếp nhận hồ sơ' if vi else 'Received by'}: {form.officer.badge()}",
    ]
    return "\n".join(lines)


def render_control_sheet(form: ControlSheet, *, lang: str = "vi") -> str:
    """Form 05 as text: one line per hand-off, a voided one marked with its correction."""
    form = _shown(form)
    vi = lang == "vi"
    marks = _MARKS["vi" if vi else "en"]
    lines = [
        form.agency,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" if vi else "PROCESSING CONTROL SHEET",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}  {form.procedure}",
        f"{'Nhận' if vi else 'Received'}: {_when(form.received_at, lang)}   "
        f"{'Hẹn trả' if vi else 'Due'}: {_when(form.due, lang)}",
    ]
    if not form.rows:
        lines.append("  (chưa có lần giao nhận nào)" if vi else "  (no hand-off yet)")
    for i, r in enumerate(form.rows, 1):
        to = r.to_unit or r.to
        lines.append(
            f"  {i}. {r.from_unit} -> {to}  {_when(r.at, lang)}  {'giao' if vi else 'by'}: {r.giver.name} "
            f"({r.giver.position})  [{r.event}]  {'hạn' if vi else 'due'} {_when(r.due, lang)}: {marks[r.status]}"
            f"{_voided(r.corrected, lang)}"
        )
    return "\n".join(lines)


def render_tracking_log(form: TrackingLog, *, lang: str = "vi") -> str:
    """Form 06 for one dossier as text: one line per event, a voided one marked with its correction."""
    form = _shown(form)
    vi = lang == "vi"
    lines = [
        "SỔ THEO DÕI HỒ SƠ" if vi else "TRACKING LOG",
        f"{'Mã hồ sơ' if vi else 'Dossier code'}: {form.dossier_code}  {form.procedure}  ({form.applicant})",
    ]
    for r in form.rows:
        extra = "".join(
            [
                f"  [{', '.join(r.records)}]" if r.records else "",
                f"  “{r.note}”" if r.note else "",
                f"  !{r.breach}" if r.breach else "",
                f"  {'hủy' if vi else 'voids'} #{r.corrects}" if r.corrects is not None else "",
                _voided(r.corrected, lang),
            ]
        )
        lines.append(
            f"  {r.seq:>2}. {_when(r.at, lang)}  {r.event:<18} {r.source} -> {r.target}  "
            f"{r.actor.name} ({r.actor.unit})  {'hẹn' if vi else 'due'} {_when(r.due, lang)}{extra}"
        )
    return "\n".join(lines)
