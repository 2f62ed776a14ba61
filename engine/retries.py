"""Retried events: an event id names one event, and a retry must ask for that same event.

An embedding system retries a call whose answer it lost; the event id makes the retry
harmless (the case is returned as the first call left it). A call that reuses an id for a
different event is a mistake, and silently returning the old case would hide it, so the two
are compared parameter by parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motcua.engine.frame import RECEIVE
from motcua.engine.inputs import InvalidInput
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.ledger import Case, Definition, Event

__all__ = ["Attempt", "check_retry", "differences", "describe"]


@dataclass(frozen=True, slots=True)
class Attempt:
    """An event as a caller asks for it, to compare with the event recorded under its id.

    ``case_id`` is ``None`` for a receipt (the store numbers the case); ``records`` is ``None``
    for a receipt of the default records; ``at`` is ``None`` when the caller gave no time;
    ``term`` the extension or clock stop named; ``variant`` (an id or a code) and ``channel``
    the terms a receipt asks for.
    """

    event: str
    actor: str
    case_id: str | None = None
    note: str | None = None
    records: tuple[str, ...] | None = ()
    until: dt.datetime | None = None
    at: dt.datetime | None = None
    procedure: str = ""
    applicant: str = ""
    term: str | None = None
    variant: str | None = None
    channel: str | None = None


def check_retry(attempt: Attempt, *, case: Case, stored: Event, definition: Definition) -> None:
    """Raise :class:`InvalidInput` naming both events unless ``attempt`` asks for ``stored``, the
    event of ``case`` recorded under the id it reuses."""
    differ = differences(attempt, case, stored, definition)
    if differ:
        raise InvalidInput(describe(stored, case, attempt) + tr(
            f"; hai sự kiện khác nhau ở {', '.join(differ)}: hãy dùng một id khác cho sự kiện khác",
            f"; they differ in {', '.join(differ)}: give another event another id",
        ))


def differences(attempt: Attempt, case: Case, stored: Event, definition: Definition) -> list[str]:
    """The parameters in which ``attempt`` differs from ``stored``, an event of ``case``."""
    found = []
    if attempt.case_id is not None and attempt.case_id != case.id:
        found.append("case")
    if attempt.event != stored.event:
        found.append("event")
    if attempt.actor != stored.actor.id:
        found.append("actor")
    records = attempt.records
    if attempt.event == RECEIVE:
        owner, _, pid = attempt.procedure.rpartition("/")
        if pid != case.procedure or (owner and owner != case.agency):
            found.append("procedure")
        if attempt.applicant.strip() != case.applicant:
            found.append("applicant")
        if _variant_id(attempt.variant, definition) != case.variant:
            found.append("variant")
        if attempt.channel != case.channel:
            found.append("channel")
        if records is None:
            records = definition.procedure.default_received()
    else:
        note = attempt.note.strip() if attempt.note is not None and attempt.note.strip() else None
        if note != stored.note:
            found.append("note")
        if attempt.until != stored.until:
            found.append("until")
        if attempt.term != stored.term:
            found.append("term")
    if tuple(dict.fromkeys(records or ())) != stored.records:
        found.append("records")
    if attempt.at is not None and attempt.at != stored.at:
        found.append("at")
    return found


def _variant_id(ref: str | None, definition: Definition) -> str | None:
    """The id of the variant ``ref`` names (by id or national code), or ``ref`` when none does."""
    if ref is None:
        return None
    try:
        return definition.procedure.variant(ref).id
    except KeyError:
        return ref


def describe(stored: Event, case: Case, attempt: Attempt) -> Tr:
    """Both events, for the message refusing a retry that differs."""
    asked = tr(f"'{attempt.event}' do {attempt.actor}", f"'{attempt.event}' by {attempt.actor}")
    if attempt.at is not None:
        asked += tr(f" lúc {attempt.at.isoformat()}", f" at {attempt.at.isoformat()}")
    if attempt.case_id is not None and attempt.case_id != case.id:
        asked += tr(f" trên hồ sơ {attempt.case_id}", f" on case {attempt.case_id}")
    return tr(
        f"id sự kiện {stored.id} đã được ghi trên hồ sơ {case.id} là sự kiện {stored.seq} '{stored.event}' "
        f"do {stored.actor.id} ghi lúc {stored.at.isoformat()}; lần gọi này yêu cầu ",
        f"event id {stored.id} is already recorded on case {case.id} as event {stored.seq} '{stored.event}' "
        f"by {stored.actor.id} at {stored.at.isoformat()}; this call asks for ",
    ) + asked
