"""Whether a case read from a store is one the engine could have written.

A store read back is input like any other: a page overwritten on disk or a value edited by
hand must end in one clear "corrupted" error naming the row, never in a traceback, nor in a
refusal that blames the officer. The checks compare a case's row and log with the pinned
definition it runs on; they ask no calendar (a newer ``holidays`` package may move deadlines,
so replaying them is a diagnosis, :meth:`Engine.replay`, not a check on every read).
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.engine.frame import APOLOGIZE, AWAITING_SUPPLEMENT, CORRECT, EXTEND, NEW, PAUSE, RECEIVE
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Channel

__all__ = ["Damage", "case_damage"]


@dataclass(frozen=True, slots=True)
class Damage:
    """Where a stored case is damaged: the row (table and key) and what is wrong with it (in
    both languages)."""

    row: str
    why: Tr


def case_damage(case: Case, definition: Definition) -> Damage | None:
    """The first row of ``case`` the engine could not have written, or ``None``."""
    return _row_damage(case, definition) or _log_damage(case, definition)


def _row_damage(case: Case, definition: Definition) -> Damage | None:
    proc, machine = definition.procedure, definition.machine
    row = f"cases (id {case.id})"
    for column, stored, pinned in (
        ("agency", case.agency, proc.agency),
        ("procedure", case.procedure, proc.id),
        ("version", case.version, proc.version),
    ):
        if stored != pinned:
            return Damage(row, tr(f"cột '{column}' không khớp với định nghĩa đã ghim",
                                  f"column '{column}' does not match the pinned definition"))
    state = case.state
    if state == NEW or state not in machine.machine.states:
        return Damage(row, tr("cột 'state' ghi một trạng thái không có trong thủ tục",
                              "column 'state' names no state of the procedure"))
    awaiting = state == AWAITING_SUPPLEMENT
    if awaiting != (case.paused_from is not None) or awaiting != (case.paused_at is not None):
        return Damage(row, tr("cột 'paused_from' và 'paused_at' không khớp với trạng thái",
                              "columns 'paused_from' and 'paused_at' disagree with the state"))
    if case.paused_from is not None and machine.step(case.paused_from) is None:
        return Damage(row, tr("cột 'paused_from' ghi một bước không có trong thủ tục",
                              "column 'paused_from' names no step of the procedure"))
    if machine.is_finished(state) != (case.closed_at is not None):
        return Damage(row, tr("cột 'closed_at' không khớp với trạng thái",
                              "column 'closed_at' disagrees with the state"))
    step = machine.step(case.paused_from or state)
    if (step is not None) != (case.step_started is not None and case.step_due is not None):
        return Damage(row, tr("cột 'step_started' và 'step_due' không khớp với trạng thái",
                              "columns 'step_started' and 'step_due' disagree with the state"))
    consulted = {c.unit for c in step.consult} if step is not None else set()
    if not set(case.answered) <= consulted:
        return Damage(row, tr("cột 'answered' ghi một đơn vị mà bước không lấy ý kiến",
                              "column 'answered' names a unit the step does not consult"))
    if (case.stopped is None) != (case.stopped_at is None) or (
        case.stopped is not None and case.stopped not in {c.id for c in proc.clock_stops}
    ):
        return Damage(row, tr("cột 'stopped' và 'stopped_at' không ghi một điểm tạm dừng tính thời gian nào "
                              "của thủ tục",
                              "columns 'stopped' and 'stopped_at' name no clock stop of the procedure"))
    if case.variant is not None and case.variant not in {v.id for v in proc.variants}:
        return Damage(row, tr("cột 'variant' ghi một trường hợp không có trong thủ tục",
                              "column 'variant' names no sub-case of the procedure"))
    if case.channel is not None and case.channel not in {c.value for c in Channel}:
        return Damage(row, tr("cột 'channel' ghi một cách thức nộp không tồn tại",
                              "column 'channel' names no channel"))
    if case.supplement_requests < 0 or case.apologies < 0 or case.revision != len(case.events):
        return Damage(row, tr("một cột đếm nằm ngoài khoảng cho phép",
                              "a count column is out of range"))
    return None


def _log_damage(case: Case, definition: Definition) -> Damage | None:
    machine = definition.machine
    states = machine.machine.states
    events = machine.machine.events
    proc = definition.procedure
    records = {r.id for r in proc.leaf_records()}
    terms = {EXTEND: {x.id for x in proc.extensions}, PAUSE: {c.id for c in proc.clock_stops}}
    previous: Event | None = None
    gone: set[int] = set()
    for i, e in enumerate(case.events, 1):
        row = f"events (case_id {case.id}, seq {i})"
        problem: Tr | None = None
        if e.seq != i:
            problem = tr("cột 'seq' sai thứ tự",
                         "column 'seq' is out of order")
        elif (e.event == RECEIVE) != (previous is None):
            problem = tr("nhật ký không bắt đầu bằng đúng một lần tiếp nhận",
                         "the log does not begin with the receipt, once")
        elif e.event != CORRECT and e.event not in events:
            problem = tr("cột 'event' ghi một sự kiện không có trong thủ tục",
                         "column 'event' names no event of the procedure")
        elif e.target not in states or e.target == NEW:
            problem = tr("cột 'target' ghi một trạng thái không có trong thủ tục",
                         "column 'target' names no state of the procedure")
        elif e.source != (NEW if previous is None else previous.target):
            problem = tr("cột 'source' không phải trạng thái mà sự kiện trước để lại",
                         "column 'source' is not the state the event before it left")
        elif not set(e.records) <= records:
            problem = tr("cột 'records' ghi một thành phần hồ sơ mà thủ tục không có",
                         "column 'records' names a record the procedure does not have")
        elif (e.term is not None or e.event in terms) and e.term not in terms.get(e.event, ()):
            problem = tr("cột 'term' không ghi lần gia hạn hay điểm tạm dừng tính thời gian nào của thủ tục "
                         "cho sự kiện này",
                         "column 'term' names no extension or clock stop of the procedure for the event")
        elif e.event == APOLOGIZE and e.until is None:
            problem = tr("cột 'until' bị để trống ở một phiếu xin lỗi",
                         "column 'until' is empty on an apology")
        elif (e.event == CORRECT) != (e.corrects is not None):
            problem = tr("cột 'corrects' không khớp với sự kiện",
                         "column 'corrects' does not match the event")
        elif e.corrects is not None:
            aim = case.events[e.corrects - 1] if 1 < e.corrects < i else None
            if aim is None or aim.event in (RECEIVE, CORRECT) or e.corrects in gone:
                problem = tr("cột 'corrects' ghi một sự kiện mà việc đính chính không được huỷ",
                             "column 'corrects' names an event a correction may not void")
            gone.add(e.corrects)
        if problem is not None:
            return Damage(row, problem)
        previous = e
    if previous is None or previous.target != case.state:
        return Damage(f"cases (id {case.id})", tr("cột 'state' không phải trạng thái mà nhật ký dẫn tới",
                                                  "column 'state' is not where its log leads"))
    return None
