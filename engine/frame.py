"""The one-stop frame every procedure runs inside: its events, its states and who may fire them.

Specs describe only an agency's own steps; the frame of Decree 61/2018/NĐ-CP and Circular
01/2018/TT-VPCP (receipt, supplement, refusal, withdrawal, apology) is the same for every
procedure and lives here, apart from the state machine that strings the two together. The
names of its events and states are the spec language's (``engine.spec.names``).
"""

from __future__ import annotations

from collections.abc import Collection

from motcua.engine.spec.errors import MotcuaError
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Agency, Step, UnitRole
from motcua.engine.spec.names import (
    ANSWER,
    APOLOGIZE,
    AWAITING_SUPPLEMENT,
    COMPLETE,
    CORRECT,
    EXTEND,
    FRAME_EVENTS,
    FRAME_STATES,
    NEW,
    PAUSE,
    RECEIVE,
    REFUSE,
    REFUSED,
    REQUEST_SUPPLEMENT,
    RESERVED_EVENTS,
    RESUME,
    SUPPLEMENT,
    TIMEOUT,
    WITHDRAW,
    WITHDRAWN,
)

__all__ = [
    "ANSWER",
    "APOLOGIZE",
    "AWAITING_SUPPLEMENT",
    "COMPLETE",
    "CORRECT",
    "EXTEND",
    "EventRefused",
    "FRAME_EVENTS",
    "FRAME_STATES",
    "NEW",
    "PAUSE",
    "RECEIVE",
    "REFUSE",
    "REFUSED",
    "REQUEST_SUPPLEMENT",
    "RESERVED_EVENTS",
    "RESUME",
    "SUPPLEMENT",
    "TIMEOUT",
    "WITHDRAW",
    "WITHDRAWN",
    "required_units",
]

class EventRefused(MotcuaError):
    """An event the rules do not allow now; the case is left as it was.

    ``reason`` is one line meant for the officer who tried, in English, e.g. ``officer 'o-mc' of
    unit 'mot-cua' may not fire 'approve' at step 'tham-dinh': it needs unit 'phong-nguoi-co-cong'``;
    :meth:`said` gives it in both languages, to build a longer message on.
    """

    code = "refused"
    exit_code = 1

    def __init__(self, reason: str | Tr) -> None:
        super().__init__(reason)
        self.reason = self.message

    def said(self) -> Tr:
        """The reason in both languages (the English twice when it was given in English alone)."""
        return tr(self.text("vi"), self.message)


def one_stop_units(agency: Agency) -> tuple[str, ...]:
    """The units where applicants hand in dossiers and collect results."""
    return tuple(u.id for u in agency.units if u.role is UnitRole.ONE_STOP)


def leadership_units(agency: Agency) -> tuple[str, ...]:
    return tuple(u.id for u in agency.units if u.role is UnitRole.LEADERSHIP)


def required_units(
    event: str,
    *,
    agency: Agency,
    step: Step | None,
    answered: Collection[str] = (),
    fired_by: str | None = None,
) -> tuple[str, ...]:
    """The units whose officers may fire ``event`` on a case at ``step``.

    ``step`` is the active step, or the step a case awaiting a supplement was paused at, or
    ``None`` before receipt. An empty answer means no officer may fire the event (``timeout``
    is fired by the engine itself when asked to fire due timeouts). For ``correct``,
    ``fired_by`` is the unit that fired the event being voided (empty for the engine's own).

    >>> from motcua.engine.spec.model import Agency, Duration, Step, Text, TimeUnit, Unit, UnitRole
    >>> from decimal import Decimal
    >>> agency = Agency("a", Text.of("A"), ("vi",), (
    ...     Unit("mot-cua", Text.of("Một cửa"), UnitRole.ONE_STOP),
    ...     Unit("giam-doc", Text.of("Giám đốc"), UnitRole.LEADERSHIP),
    ...     Unit("phong", Text.of("Phòng"), UnitRole.DIVISION)))
    >>> step = Step("tham-dinh", "phong", Duration(Decimal(5), TimeUnit.WORKING_DAYS))
    >>> required_units("complete", agency=agency, step=step)
    ('phong',)
    >>> required_units("refuse", agency=agency, step=step)
    ('phong', 'mot-cua')
    >>> required_units("apologize", agency=agency, step=step)
    ('mot-cua', 'giam-doc')
    >>> required_units("correct", agency=agency, step=None, fired_by="phong")
    ('phong', 'mot-cua', 'giam-doc')
    >>> required_units("pause", agency=agency, step=step)
    ('phong', 'mot-cua', 'giam-doc')
    """
    one_stop = one_stop_units(agency)
    if event == RECEIVE:
        return one_stop
    if event in (SUPPLEMENT, WITHDRAW):
        # The applicant deals with the one-stop desk only (Decree 61/2018, one-stop principle).
        return one_stop
    if event == APOLOGIZE:
        # Form 04 is signed by the head of the agency and handed over at the one-stop desk.
        return _unique(one_stop + leadership_units(agency))
    if event == CORRECT:
        # Who made the mistake mends it; the one-stop desk and the head of the agency answer
        # for every case (Decree 61/2018, one-stop principle), so they may too.
        own = (fired_by,) if fired_by else ()
        return _unique(own + one_stop + leadership_units(agency))
    if event == TIMEOUT:
        return ()
    if event in (EXTEND, PAUSE, RESUME):
        # The step's unit knows why time stops or runs longer; the desk and the head of the
        # agency answer for the appointment given to the applicant.
        own = (step.unit,) if step is not None else ()
        return _unique(own + one_stop + leadership_units(agency))
    if step is None:
        return ()
    if event in (REQUEST_SUPPLEMENT, REFUSE):
        return _unique((step.unit,) + one_stop)
    if event == ANSWER:
        return tuple(c.unit for c in step.consult if c.unit not in answered)
    return (step.unit,)


def _unique(units: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(units))
