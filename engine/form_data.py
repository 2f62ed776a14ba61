"""The one-stop forms of Circular 01/2018/TT-VPCP as data: what each form holds.

Form 01 (receipt and appointment), 02 (supplement request), 03 (refusal), 04 (apology and new
appointment), 05 (control sheet) and 06 (tracking log). ``forms`` derives them from a case's
event log, ``form_text`` lays them out as plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motcua.engine.calendar import Status
from motcua.engine.officers import Officer

__all__ = [
    "Apology",
    "ClockRow",
    "ControlRow",
    "ControlSheet",
    "Correction",
    "LogRow",
    "Receipt",
    "RecordLine",
    "Refusal",
    "SupplementRequest",
    "TrackingLog",
]


@dataclass(frozen=True, slots=True)
class Correction:
    """The ``correct`` event that voided an event: Forms 05 and 06 mark the voided row with it."""

    seq: int
    reason: str
    officer: Officer
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class RecordLine:
    """One record of the dossier as a form lists it."""

    id: str
    title: str
    originals: int
    copies: int
    form: str | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    """Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    dossier_code: str
    agency: str
    desk: str
    applicant: str
    procedure: str
    procedure_code: str | None
    records: tuple[RecordLine, ...]
    time_limit: str
    received_at: dt.datetime
    due: dt.datetime
    officer: Officer
    #: The sub-case (its title, and its code when it has one) and the channel the dossier came
    #: through, when chosen at receipt.
    variant: str | None = None
    variant_code: str | None = None
    channel: str | None = None
    #: How many sets of the dossier were handed in (``dossier_sets``).
    sets: int = 1


@dataclass(frozen=True, slots=True)
class SupplementRequest:
    """Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. ``breach`` marks a second request."""

    dossier_code: str
    applicant: str
    procedure: str
    ordinal: int
    missing: tuple[RecordLine, ...]
    reason: str | None
    at: dt.datetime
    officer: Officer
    breach: str | None
    #: The agency and the unit of the officer issuing the form, by title.
    agency: str = ""
    desk: str = ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    dossier_code: str
    applicant: str
    procedure: str
    reason: str
    at: dt.datetime
    officer: Officer
    #: The agency and the unit of the officer issuing the form, by title.
    agency: str = ""
    desk: str = ""


@dataclass(frozen=True, slots=True)
class Apology:
    """Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""

    dossier_code: str
    applicant: str
    procedure: str
    received_at: dt.datetime
    previous_due: dt.datetime
    reason: str
    new_due: dt.datetime
    at: dt.datetime
    officer: Officer
    #: The agency and the unit of the officer issuing the form, by title.
    agency: str = ""
    desk: str = ""


@dataclass(frozen=True, slots=True)
class ControlRow:
    """One hand-off of Form 05: who gave the dossier to whom, when, against which deadline.

    ``corrected`` is set when the event of the hand-off was voided by a correction.
    """

    step: str
    from_unit: str
    to: str
    to_unit: str | None
    at: dt.datetime
    giver: Officer
    due: dt.datetime
    status: Status
    event: str
    corrected: Correction | None = None
    #: The names a person reads: the units' titles and the event in the form's language.
    from_title: str = ""
    to_title: str = ""
    event_title: str = ""


@dataclass(frozen=True, slots=True)
class ClockRow:
    """An event of Form 05 that changed the case's time: an extension applied (``extend``), a
    clock stop begun (``pause``) or ended (``resume``), with its reason and officer.

    ``term`` is the extension or clock stop, ``title`` what the spec calls it (the extension's
    condition, the clock stop's title); ``due`` the appointment after the event; ``stood_still``
    the working time a ``resume`` ended. ``corrected`` is set when the event was voided.
    """

    seq: int
    event: str
    term: str
    title: str
    reason: str | None
    at: dt.datetime
    officer: Officer
    due: dt.datetime
    stood_still: dt.timedelta | None = None
    corrected: Correction | None = None


@dataclass(frozen=True, slots=True)
class ControlSheet:
    """Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ; ``clock`` its extensions and clock stops."""

    dossier_code: str
    agency: str
    procedure: str
    received_at: dt.datetime
    due: dt.datetime
    rows: tuple[ControlRow, ...]
    clock: tuple[ClockRow, ...] = ()


@dataclass(frozen=True, slots=True)
class LogRow:
    """One event as Form 06 lists it, with the appointment in force after it.

    A correction names the event it voids in ``corrects``; a voided event carries the
    correction in ``corrected``.
    """

    seq: int
    at: dt.datetime
    event: str
    actor: Officer
    source: str
    target: str
    due: dt.datetime
    note: str | None
    records: tuple[str, ...]
    breach: str | None
    corrects: int | None = None
    corrected: Correction | None = None
    #: The extension or clock stop the event names (``extend``, ``pause``).
    term: str | None = None
    #: The names a person reads: the event in the form's language, the states' and the
    #: actor's unit's titles.
    event_title: str = ""
    source_title: str = ""
    target_title: str = ""
    unit_title: str = ""


@dataclass(frozen=True, slots=True)
class TrackingLog:
    """Form 06: Sổ theo dõi hồ sơ, for one dossier."""

    dossier_code: str
    procedure: str
    applicant: str
    received_at: dt.datetime
    due: dt.datetime
    state: str
    closed_at: dt.datetime | None
    rows: tuple[LogRow, ...]

