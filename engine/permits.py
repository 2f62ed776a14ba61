"""Whether an officer may fire an event now, and whether the event carries what it must.

The engine asks these before any event is recorded: the officer's agency and unit against
:func:`~motcua.engine.frame.required_units`, then the written reason, the records and the new
appointment an event needs (Forms 02, 03 and 04 of Circular 01/2018/TT-VPCP).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from motcua.engine.fold import voided
from motcua.engine.frame import (
    ANSWER,
    APOLOGIZE,
    CORRECT,
    EXTEND,
    PAUSE,
    REFUSE,
    REQUEST_SUPPLEMENT,
    SUPPLEMENT,
    EventRefused,
    required_units,
)
from motcua.engine.inputs import LONGEST_POSTPONEMENT, InvalidInput, days
from motcua.engine.ledger import Case, Definition
from motcua.engine.officers import Officer
from motcua.engine.receipts import known_records
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.suggest import did_you_mean_tr

__all__ = ["check_term", "event_inputs", "known_records", "permit"]


def permit(
    officer: Officer,
    event: str,
    case: Case | None,
    definition: Definition,
    *,
    where: str | Tr,
    case_id: str | None,
    fired_by: str | None = None,
) -> None:
    """Raise :class:`EventRefused` unless ``officer`` may fire ``event`` on ``case`` now.

    ``where`` names the moment in the message (a state, the receipt, the event corrected);
    ``fired_by`` is the unit of the event a ``correct`` voids.
    """
    if officer.agency != definition.agency.id:
        raise EventRefused(_prefix(case_id) + tr(
            f"cán bộ '{officer.id}' của đơn vị '{officer.unit}' thuộc cơ quan '{officer.agency}', "
            f"không phải '{definition.agency.id}'",
            f"officer '{officer.id}' of unit '{officer.unit}' belongs to agency '{officer.agency}', "
            f"not '{definition.agency.id}'",
        ))
    step = None
    answered: tuple[str, ...] = ()
    if case is not None and event != CORRECT:
        step = definition.machine.step(case.paused_from or case.state)
        answered = case.answered
    key = (event, fired_by if event == CORRECT else step.id if step is not None else None, answered)
    units = definition.permits.get(key)
    if units is None:
        units = definition.permits[key] = required_units(
            event, agency=definition.agency, step=step, answered=answered, fired_by=fired_by
        )
    if officer.unit in units:
        return
    prefix = _prefix(case_id)
    if event == ANSWER and officer.unit in answered:
        answered_at = tr(f"đơn vị '{officer.unit}' đã trả lời tại ", f"unit '{officer.unit}' has already answered at ")
        raise EventRefused(prefix + answered_at + where)
    named = [f"'{u}'" for u in units]
    raise EventRefused(
        prefix
        + tr(f"cán bộ '{officer.id}' của đơn vị '{officer.unit}' không được ghi '{event}' tại ",
             f"officer '{officer.id}' of unit '{officer.unit}' may not fire '{event}' at ")
        + where
        + tr(f": việc này cần một cán bộ của đơn vị {' hoặc '.join(named) or 'không có'}",
             f": it needs an officer of unit {' or '.join(named) or 'none'}")
    )


def _prefix(case_id: str | None) -> Tr:
    """``case X: ``, or nothing outside a case: the start of a refusal."""
    return tr(f"hồ sơ {case_id}: ", f"case {case_id}: ") if case_id else tr("", "")


def event_inputs(
    case: Case,
    event: str,
    note: str | None,
    records: Sequence[str],
    until: dt.datetime | None,
    at: dt.datetime,
    definition: Definition,
    term: str | None = None,
) -> tuple[str | None, tuple[str, ...], dt.datetime | None]:
    """The note, records and appointment ``event`` records, checked; :class:`InvalidInput` if not.

    ``term`` is the extension of ``extend`` or the clock stop of ``pause`` (checked here too).
    """
    note = note.strip() if note is not None and note.strip() else None
    if event in (REFUSE, APOLOGIZE) and note is None:
        # Written reasons are mandatory (Decree 63/2010/NĐ-CP Art. 18(5); Forms 03 and 04).
        raise InvalidInput(tr(f"hồ sơ {case.id}: '{event}' cần lý do bằng văn bản (--note)",
                              f"case {case.id}: '{event}' needs a written reason (--note)"))
    if event in (EXTEND, PAUSE):
        if note is None:
            raise InvalidInput(tr(f"hồ sơ {case.id}: '{event}' cần lý do bằng văn bản (--reason)",
                                  f"case {case.id}: '{event}' needs a written reason (--reason)"))
        check_term(case, event, term, definition)
    elif term is not None:
        raise InvalidInput(tr(f"hồ sơ {case.id}: chỉ '{EXTEND}' và '{PAUSE}' mới nêu một lần gia hạn hoặc một "
                              "điểm tạm dừng tính thời gian",
                              f"case {case.id}: only '{EXTEND}' and '{PAUSE}' name an extension or a clock stop"))
    if records and event not in (REQUEST_SUPPLEMENT, SUPPLEMENT):
        raise InvalidInput(tr(
            f"hồ sơ {case.id}: thành phần hồ sơ chỉ được liệt kê cùng '{REQUEST_SUPPLEMENT}' và '{SUPPLEMENT}'",
            f"case {case.id}: records are listed only with '{REQUEST_SUPPLEMENT}' and '{SUPPLEMENT}'",
        ))
    if event == REQUEST_SUPPLEMENT and not records:
        # Every missing item at once, in writing (Form 02; Directive 10/CT-TTg).
        raise InvalidInput(tr(
            f"hồ sơ {case.id}: '{REQUEST_SUPPLEMENT}' phải liệt kê mọi thành phần hồ sơ còn thiếu (--record)",
            f"case {case.id}: '{REQUEST_SUPPLEMENT}' must list every missing record (--record)",
        ))
    if until is not None and event != APOLOGIZE:
        raise InvalidInput(tr(f"hồ sơ {case.id}: ngày hẹn trả mới (--until) chỉ đi cùng '{APOLOGIZE}'",
                              f"case {case.id}: a new appointment (--until) goes only with '{APOLOGIZE}'"))
    if event == APOLOGIZE:
        if until is None:
            raise InvalidInput(tr(f"hồ sơ {case.id}: '{APOLOGIZE}' cần ngày hẹn trả mới (--until)",
                                  f"case {case.id}: '{APOLOGIZE}' needs the new appointment (--until)"))
        if until <= at:
            raise InvalidInput(tr(
                f"hồ sơ {case.id}: ngày hẹn trả mới {until.isoformat()} phải sau {at.isoformat()}",
                f"case {case.id}: the new appointment {until.isoformat()} must be later than {at.isoformat()}",
            ))
        if until - at > LONGEST_POSTPONEMENT:
            raise InvalidInput(tr(
                f"hồ sơ {case.id}: ngày hẹn trả mới {until.isoformat()} muộn hơn {at.isoformat()} quá "
                f"{days(LONGEST_POSTPONEMENT, 'vi')}; hãy kiểm tra lại ngày",
                f"case {case.id}: the new appointment {until.isoformat()} is more than "
                f"{days(LONGEST_POSTPONEMENT)} after {at.isoformat()}; check the date",
            ))
    return note, known_records(records, definition.procedure) if records else (), until


def check_term(case: Case, event: str, term: str | None, definition: Definition) -> None:
    """Raise :class:`InvalidInput` unless ``term`` is an extension (``extend``) or a clock stop
    (``pause``) of the procedure, and an extension not applied to ``case`` already."""
    proc = definition.procedure
    what, found = ("extension", proc.extensions) if event == EXTEND else ("clock stop", proc.clock_stops)
    vi = "lần gia hạn" if event == EXTEND else "điểm tạm dừng tính thời gian"
    ids = [x.id for x in found]
    if not ids:
        raise InvalidInput(tr(f"hồ sơ {case.id}: {definition.key} không quy định {vi} nào ({what.replace(' ', '_')}s)",
                              f"case {case.id}: {definition.key} states no {what}s ({what.replace(' ', '_')}s)"))
    if term not in ids:
        raise InvalidInput(tr(f"hồ sơ {case.id}: {definition.key} không có {vi} '{term}' (các {vi} của thủ tục: "
                              f"{', '.join(ids)})",
                              f"case {case.id}: {definition.key} has no {what} '{term}' (its {what}s: "
                              f"{', '.join(ids)})") + did_you_mean_tr(term or "", ids))  # fmt: skip
    if event == EXTEND:
        gone = voided(case.events)
        done = next((e for e in case.events if e.event == EXTEND and e.term == term and e.seq not in gone), None)
        if done is not None:
            raise InvalidInput(tr(f"hồ sơ {case.id}: gia hạn '{term}' đã được áp dụng (sự kiện {done.seq}, "
                                  f"{done.at.isoformat()}); mỗi lần gia hạn chỉ áp dụng một lần",
                                  f"case {case.id}: extension '{term}' was applied already (event {done.seq}, "
                                  f"{done.at.isoformat()}); an extension applies once"))  # fmt: skip
