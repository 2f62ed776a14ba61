"""The one-stop forms of Circular 01/2018/TT-VPCP derived from a case's event log, and as JSON.

Form 01 (receipt and appointment), 02 (supplement request), 03 (refusal), 04 (apology and new
appointment), 05 (control sheet: each hand-off marked early, on time or late) and 06 (tracking
log: one row per event). Nothing here is stored: every form is rebuilt from the log, so the
forms can never disagree with it. ``Engine.forms`` (or :func:`case_forms`) gives all six of a
case as a :class:`CaseForms`; this module is public as ``motcua.forms`` and gathers the forms'
API: their fields (from ``form_data``), the function building each form and :class:`Names`
(from ``form_build``), ``render_*`` laying each form out as plain text (from ``form_text``)
and the case as JSON (from ``case_json``).

A voided event stays on Forms 05 and 06, marked with the correction that voided it (reason,
officer, time); Forms 02, 03 and 04 list only events that stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.engine.case_json import JSONValue, case_document, event_document, forms_document
from motcua.engine.form_build import (
    Names,
    apologies,
    clock_rows,
    control_sheet,
    corrections,
    receipt,
    refusal,
    supplement_requests,
    tracking_log,
)
from motcua.engine.form_data import (
    Apology,
    ClockRow,
    ControlRow,
    ControlSheet,
    Correction,
    LogRow,
    Receipt,
    RecordLine,
    Refusal,
    SupplementRequest,
    TrackingLog,
)
from motcua.engine.form_text import (
    render_apology,
    render_control_sheet,
    render_receipt,
    render_refusal,
    render_supplement_request,
    render_tracking_log,
)
from motcua.engine.ledger import Case, Definition

__all__ = [
    "Apology",
    "CaseForms",
    "ClockRow",
    "ControlRow",
    "ControlSheet",
    "Correction",
    "JSONValue",
    "LogRow",
    "Names",
    "Receipt",
    "RecordLine",
    "Refusal",
    "SupplementRequest",
    "TrackingLog",
    "apologies",
    "case_document",
    "case_forms",
    "clock_rows",
    "control_sheet",
    "corrections",
    "event_document",
    "forms_document",
    "receipt",
    "refusal",
    "render_apology",
    "render_control_sheet",
    "render_receipt",
    "render_refusal",
    "render_supplement_request",
    "render_tracking_log",
    "supplement_requests",
    "tracking_log",
]


@dataclass(frozen=True, slots=True)
class CaseForms:
    """Forms 01-06 of one case in one language (``lang``), rebuilt from its log.

    ``receipt`` is Form 01; ``supplement_requests`` every Form 02 and ``apologies`` every Form
    04 not voided; ``refusal`` Form 03 of a refused case (else ``None``); ``control_sheet``
    Form 05 and ``tracking_log`` Form 06. :meth:`text` lays out Forms 01, 05 and 06 as printed.
    """

    lang: str
    receipt: Receipt
    supplement_requests: tuple[SupplementRequest, ...]
    refusal: Refusal | None
    apologies: tuple[Apology, ...]
    control_sheet: ControlSheet
    tracking_log: TrackingLog

    def text(self, *, lookup_secret: str | None = None) -> str:
        """Every form of the case as text, in the order of the forms' numbers (01, each 02, 03 of
        a refused case, each 04, 05, 06), blank lines between; Form 01 with ``lookup_secret``
        (the citizen's status page) when given."""
        lang = self.lang
        parts = [render_receipt(self.receipt, lang=lang, lookup_secret=lookup_secret)]
        parts += [render_supplement_request(f, lang=lang) for f in self.supplement_requests]
        parts += [render_refusal(self.refusal, lang=lang)] if self.refusal is not None else []
        parts += [render_apology(f, lang=lang) for f in self.apologies]
        parts += [render_control_sheet(self.control_sheet, lang=lang), render_tracking_log(self.tracking_log, lang=lang)]
        return "\n\n".join(parts)


def case_forms(case: Case, definition: Definition, *, lang: str | None = None) -> CaseForms:
    """Forms 01-06 of ``case`` in ``lang`` (default: the agency's language)."""
    lang = lang or definition.agency.lang
    return CaseForms(lang, receipt(case, definition, lang=lang), supplement_requests(case, definition, lang=lang),
                     refusal(case, definition, lang=lang), apologies(case, definition, lang=lang),
                     control_sheet(case, definition, lang=lang), tracking_log(case, definition, lang=lang))  # fmt: skip
