"""The events that change a case's time or undo its course, each with a written reason.

:class:`Amendments` is the part of :class:`~motcua.engine.cases.Engine` that applies a
procedure's extension (``extend``), stops and restarts a case's clock in a clock stop
(``pause``, ``resume``) and voids the latest effective event (``correct``). Each is an event
of the append-only log, checked, retried by event id and recorded as
:meth:`~motcua.engine.cases.Engine.fire` records an event. :func:`case_prefix` and
:func:`beyond_calendar` word the start of a message about one case and the refusal of
deadlines past the calendar's last year, for the engine as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from motcua.engine.corrections import correction
from motcua.engine.frame import CORRECT, EXTEND, PAUSE, RESUME
from motcua.engine.inputs import InvalidInput, TimeInput, check_fields, event_time
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.officers import Officer
from motcua.engine.retries import Attempt
from motcua.engine.spec.i18n import Tr, tr

__all__ = ["Amendments", "beyond_calendar", "case_prefix"]


class Amendments:
    """Extensions, clock stops and corrections, as the :class:`~motcua.engine.cases.Engine` fires them."""

    future_margin: dt.timedelta

    if TYPE_CHECKING:  # what the engine gives

        def definition(self, case: Case | str) -> Definition: ...
        def officer(self, officer_id: str) -> Officer: ...
        def _retry(self, event_id: str, attempt: Attempt) -> Case | None: ...
        def _on_case(self, case_id: str, decide: Callable[[Case], Case]) -> Case: ...
        def _append(self, case: Case, new: Event, definition: Definition) -> Case: ...
        def _fire(self, case: Case, event: str, officer: Officer, *, note: str | None, records: Sequence[str],
                  until: dt.datetime | None, at: dt.datetime, event_id: str | None,
                  term: str | None = None) -> Case: ...  # fmt: skip

    def extend(self, case_id: str, extension: str, *, actor: str, reason: str, at: TimeInput | None = None,
               event_id: str | None = None) -> Case:  # fmt: skip
        """Apply the procedure's ``extension`` (its id) to a case, with a written reason: the
        appointment moves by the extension's ``add`` (``deadlines.extended``). An extension
        applies once; it is an event of the log like any other (Forms 05 and 06 show it)."""
        return self._term(case_id, EXTEND, extension, actor=actor, note=reason, at=at, event_id=event_id)

    def pause(self, case_id: str, clock_stop: str, *, actor: str, reason: str, at: TimeInput | None = None,
              event_id: str | None = None) -> Case:  # fmt: skip
        """Stop a case's clock in the procedure's ``clock_stop`` (its id), with a written reason.

        Until :meth:`resume`, the time does not count and the case cannot fall overdue; only
        resuming, an extension, a refusal or a withdrawal apply meanwhile.
        """
        return self._term(case_id, PAUSE, clock_stop, actor=actor, note=reason, at=at, event_id=event_id)

    def resume(self, case_id: str, *, actor: str, note: str | None = None, at: TimeInput | None = None,
               event_id: str | None = None) -> Case:  # fmt: skip
        """Restart a case's clock after a clock stop: the appointment and the step's deadlines
        move by the working time the clock stood still."""
        return self._term(case_id, RESUME, None, actor=actor, note=note, at=at, event_id=event_id)

    def _term(self, case_id: str, event: str, term: str | None, *, actor: str, note: str | None,
              at: TimeInput | None, event_id: str | None) -> Case:  # fmt: skip
        check_fields({"case id": case_id, "actor": actor, "reason": note, "event id": event_id,
                      "extension" if event == EXTEND else "clock stop": term})  # fmt: skip
        moment = event_time(at, margin=self.future_margin, prefix=lambda: case_prefix(case_id))
        if event_id is not None:
            attempt = Attempt(event, actor, case_id, note, (), None, moment if at is not None else None, term=term)
            if (again := self._retry(event_id, attempt)) is not None:
                return again

        def decide(case: Case) -> Case:
            return self._fire(case, event, self.officer(actor), note=note, records=(), until=None, at=moment,
                              event_id=event_id, term=term)  # fmt: skip

        return self._on_case(case_id, decide)

    def correct(
        self, case_id: str, *, actor: str, reason: str, at: TimeInput | None = None, event_id: str | None = None
    ) -> Case:
        """Void the case's latest effective event with a written reason; return the case after it.

        The log stays append-only: a ``correct`` event is recorded, naming the event it voids,
        and the case becomes the replay of its effective events, so several corrections in a
        row undo several events. The receipt is never voided (a dossier received by mistake is
        refused or withdrawn). Correcting the event that finished a case reopens it: that is
        how a wrong approval or refusal is mended. The officer is of the unit that fired the
        voided event, or of the one-stop desk or the agency's leadership. A correction may be
        dated before the event it voids, never before the events that stay.
        """
        check_fields({"case id": case_id, "actor": actor, "reason": reason, "event id": event_id})
        prefix = case_prefix(case_id)
        if not reason.strip():
            raise InvalidInput(prefix + tr("việc đính chính cần lý do bằng văn bản (--reason)",
                                           "a correction needs a written reason (--reason)"))
        moment = event_time(at, margin=self.future_margin, prefix=prefix)
        if event_id is not None:
            attempt = Attempt(CORRECT, actor, case_id, reason, (), None, moment if at is not None else None)
            if (again := self._retry(event_id, attempt)) is not None:
                return again

        def decide(case: Case) -> Case:
            definition = self.definition(case)
            try:
                new = correction(case, self.officer(actor), reason=reason.strip(), at=moment, event_id=event_id,
                                 definition=definition)  # fmt: skip
            except OverflowError:
                raise beyond_calendar(prefix, moment) from None
            return self._append(case, new, definition)

        return self._on_case(case_id, decide)


def case_prefix(case_id: str) -> Tr:
    """``case X: ``, the start of a message about one case."""
    return tr(f"hồ sơ {case_id}: ", f"case {case_id}: ")


def beyond_calendar(prefix: str | Tr, at: dt.datetime) -> InvalidInput:
    """The refusal of an event whose deadlines, counted from ``at``, pass the calendar's last year."""
    return InvalidInput(prefix + tr(
        f"các thời hạn tính từ {at.isoformat()} vượt quá năm cuối cùng của lịch (9999)",
        f"deadlines counted from {at.isoformat()} fall beyond the calendar's last year (9999)",
    ))
