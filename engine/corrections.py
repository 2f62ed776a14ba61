"""Mending a mistaken event: the ``correct`` event, which event it voids, who may fire it, when.

The event log is append-only, so a mistake (a mistyped year, a wrong approval) is never
erased: a ``correct`` event with a written reason voids the case's latest effective event, and
the case becomes the fold of the events that stay (``fold.effective_case``). Forms 05 and 06
show the voided event marked with the correction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from motcua.engine.event_ids import new_event_id
from motcua.engine.fold import correctable, effective_case, voided
from motcua.engine.frame import CORRECT, RECEIVE, EventRefused
from motcua.engine.inputs import InvalidInput
from motcua.engine.ledger import Case, Definition, Event
from motcua.engine.officers import Officer
from motcua.engine.permits import permit
from motcua.engine.spec.i18n import tr

__all__ = ["correction"]


def correction(
    case: Case, officer: Officer, *, reason: str, at: dt.datetime, event_id: str | None, definition: Definition
) -> Event:
    """The ``correct`` event ``officer`` fires on ``case`` at ``at``, its target resolved.

    It voids the latest event that is neither voided nor itself a correction, and never the
    receipt. It may be fired by an officer of the unit that fired that event, of the one-stop
    desk or of the agency's leadership (``frame.required_units``), and may be dated before
    the event it voids (a mistyped future time), never before the events that stay. Raises
    :class:`EventRefused` or :class:`InvalidInput`; ``OverflowError`` when the deadlines of
    the events that stay cannot be counted.
    """
    aim = correctable(case.events)
    if aim is None or aim.event == RECEIVE:
        raise EventRefused(tr(
            f"hồ sơ {case.id}: không còn sự kiện nào để đính chính: không thể huỷ việc tiếp nhận; "
            "hồ sơ tiếp nhận nhầm thì từ chối (refuse) hoặc rút (withdraw)",
            f"case {case.id}: no event left to correct: the receipt cannot be voided; "
            "refuse or withdraw a dossier received by mistake",
        ))
    where = tr(f"sự kiện {aim.seq} '{aim.event}'", f"event {aim.seq} '{aim.event}'")
    permit(officer, CORRECT, case, definition, where=where, case_id=case.id, fired_by=aim.actor.unit)
    gone = voided(case.events)
    stays = max(e.at for e in case.events if e.seq != aim.seq and e.seq not in gone)
    if at < stays:
        raise InvalidInput(tr(
            f"hồ sơ {case.id}: {at.isoformat()} sớm hơn sự kiện cuối cùng còn hiệu lực của hồ sơ ({stays.isoformat()})",
            f"case {case.id}: {at.isoformat()} is before its last event that stays ({stays.isoformat()})",
        ))
    draft = Event(event_id or new_event_id(), case.revision + 1, CORRECT, officer, at, case.state, case.state,
                  note=reason, corrects=aim.seq)  # fmt: skip
    after = effective_case(case.events + (draft,), case_id=case.id, applicant=case.applicant, definition=definition,
                           variant=case.variant, channel=case.channel)  # fmt: skip
    return dataclasses.replace(draft, target=after.state)
