"""The one-stop forms laid out as plain text, as printed at the desk and shown by the CLI.

The words are entries of ``engine.spec.vocabulary`` (keys ``form.*``); a form asked for in a
language the vocabulary has no words for is laid out in English. Every value that comes from a
store is shown with :func:`~motcua.engine.spec.printable.visible`: a control character or line
break in an old store's text cannot forge a line of a form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar, cast

from motcua.engine.form_data import (
    Apology,
    ControlSheet,
    Correction,
    Receipt,
    RecordLine,
    Refusal,
    SupplementRequest,
    TrackingLog,
)
from motcua.engine.spec.printable import visible
from motcua.engine.spec.vocabulary import VOCABULARY, Lang, language, word

__all__ = [
    "render_apology",
    "render_control_sheet",
    "render_receipt",
    "render_refusal",
    "render_supplement_request",
    "render_tracking_log",
]

F = TypeVar("F")

#: The words of a channel, and of each event that changes a case's time (Form 05).
_CHANNEL = {"in-person": "form.channel.in-person", "post": "form.channel.post", "online": "form.channel.online"}
_CLOCK = {"extend": "form.clock.extend", "pause": "form.clock.pause", "resume": "form.clock.resume"}


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


def _when(t: dt.datetime, lang: Lang) -> str:
    return word("form.when", lang, t=t)


def _voided(c: Correction | None, lang: Lang) -> str:
    """The mark of a voided row: which correction, by whom, when, why."""
    if c is None:
        return ""
    who = f"{c.officer.name}, {c.officer.position}, {_when(c.at, lang)}"
    return "  — " + word("form.voided", lang, seq=c.seq, who=who, reason=c.reason)


#: The line of Form 01 giving the secret that opens the citizen's status page (``motcua serve``).
_LOOKUP_SECRET = {"vi": "Mã tra cứu", "en": "Lookup secret"}


def render_receipt(form: Receipt, *, lang: str = "vi", lookup_secret: str | None = None) -> str:
    """Form 01 as text; with ``lookup_secret``, a line giving it after the dossier code."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = [
        form.agency,
        form.desk,
        word("form.receipt", ln),
        f"{word('form.dossier_code', ln)}: {form.dossier_code}",
        *([f"{_LOOKUP_SECRET[ln]}: {visible(lookup_secret)}"] if lookup_secret is not None else []),
        f"{word('form.received_from', ln)}: {form.applicant}",
        f"{word('form.request', ln)}: {form.procedure}" + (f" ({form.procedure_code})" if form.procedure_code else ""),
    ]
    if form.variant is not None:
        code = f" ({form.variant_code})" if form.variant_code else ""
        lines.append(f"{word('form.variant', ln)}: {form.variant}{code}")
    if form.channel is not None:
        lines.append(f"{word('form.channel', ln)}: {word(_CHANNEL[form.channel], ln) if form.channel in _CHANNEL else form.channel}")
    lines += [
        f"{word('form.records', ln)}:",
    ]
    for i, r in enumerate(form.records, 1):
        counts = word("form.counts", ln, originals=r.originals, copies=r.copies)
        lines.append(f"  {i}. {r.title}" + (f" ({r.form})" if r.form else "") + f": {counts}")
    lines += [
        word("form.sets", ln, sets=form.sets),
        f"{word('form.time_limit', ln)}: {form.time_limit}",
        f"{word('form.received_at', ln)}: {_when(form.received_at, ln)}",
        f"{word('form.result_due', ln)}: {_when(form.due, ln)}",
        f"{word('form.received_by', ln)}: {form.officer.name}, {form.officer.position}, {form.desk}",
    ]
    return "\n".join(lines)


def _head(agency: str, desk: str, title: str, code: str, applicant: str, procedure: str, ln: Lang) -> list[str]:
    """The lines every form to the applicant opens with: who issues it, what, for whom."""
    return [
        *(x for x in (agency, desk) if x),
        word(title, ln),
        f"{word('form.dossier_code', ln)}: {code}",
        f"{word('form.received_from', ln)}: {applicant}",
        f"{word('form.request', ln)}: {procedure}",
    ]


def _issued(at: dt.datetime, name: str, position: str, desk: str, ln: Lang) -> list[str]:
    return [f"{word('form.issued_at', ln)}: {_when(at, ln)}",
            f"{word('form.issued_by', ln)}: {', '.join(x for x in (name, position, desk) if x)}"]  # fmt: skip


def _record_lines(records: tuple[RecordLine, ...], ln: Lang) -> list[str]:
    return [f"  {i}. {r.title}" + (f" ({r.form})" if r.form else "") for i, r in enumerate(records, 1)]


def render_supplement_request(form: SupplementRequest, *, lang: str = "vi") -> str:
    """Form 02 as text: every record missing, the reason, who asks; a second request says the
    rule it breaks."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = _head(form.agency, form.desk, "form.supplement_request", form.dossier_code, form.applicant,
                  form.procedure, ln)  # fmt: skip
    lines += [word("form.ordinal", ln, n=form.ordinal), f"{word('form.missing', ln)}:", *_record_lines(form.missing, ln)]
    if form.reason:
        lines.append(f"{word('form.reason', ln)}: {form.reason}")
    if form.breach is not None:
        key = f"form.breach.{form.breach}"
        lines.append(word(key, ln) if key in VOCABULARY else form.breach)
    return "\n".join(lines + _issued(form.at, form.officer.name, form.officer.position, form.desk, ln))


def render_refusal(form: Refusal, *, lang: str = "vi") -> str:
    """Form 03 as text: the written reason and who refuses."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = _head(form.agency, form.desk, "form.refusal", form.dossier_code, form.applicant, form.procedure, ln)
    lines.append(f"{word('form.reason', ln)}: {form.reason}")
    return "\n".join(lines + _issued(form.at, form.officer.name, form.officer.position, form.desk, ln))


def render_apology(form: Apology, *, lang: str = "vi") -> str:
    """Form 04 as text: the appointment missed, the reason, the new appointment."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = _head(form.agency, form.desk, "form.apology", form.dossier_code, form.applicant, form.procedure, ln)
    lines += [
        f"{word('form.received_at', ln)}: {_when(form.received_at, ln)}",
        f"{word('form.previous_due', ln)}: {_when(form.previous_due, ln)}",
        f"{word('form.reason', ln)}: {form.reason}",
        f"{word('form.new_due', ln)}: {_when(form.new_due, ln)}",
    ]
    return "\n".join(lines + _issued(form.at, form.officer.name, form.officer.position, form.desk, ln))


def render_control_sheet(form: ControlSheet, *, lang: str = "vi") -> str:
    """Form 05 as text: one line per hand-off, a voided one marked with its correction."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = [
        form.agency,
        word("form.control_sheet", ln),
        f"{word('form.dossier_code', ln)}: {form.dossier_code}  {form.procedure}",
        f"{word('form.sheet_received', ln)}: {_when(form.received_at, ln)}   "
        f"{word('form.sheet_due', ln)}: {_when(form.due, ln)}",
    ]
    if not form.rows:
        lines.append("  " + word("form.no_hand_off", ln))
    for i, r in enumerate(form.rows, 1):
        to = r.to_title or r.to_unit or r.to
        lines.append(
            f"  {i}. {r.from_title or r.from_unit} -> {to}  {_when(r.at, ln)}  {word('form.given_by', ln)}: "
            f"{r.giver.name} ({r.giver.position})  [{r.event_title or r.event}]  {word('form.step_due', ln)} "
            f"{_when(r.due, ln)}: "
            f"{word(f'form.status.{r.status}', ln)}{_voided(r.corrected, ln)}"
        )
    if form.clock:
        lines.append(word("form.clock", ln) + ":")
    for i, c in enumerate(form.clock, 1):
        hours = f"{c.stood_still / dt.timedelta(hours=1):g}" if c.stood_still is not None else "0"
        what = word(_CLOCK[c.event], ln, title=c.title, hours=hours)
        reason = f"  “{c.reason}”" if c.reason else ""
        lines.append(
            f"  {i}. {_when(c.at, ln)}  {what}{reason}  {word('form.by', ln)}: {c.officer.name} ({c.officer.position})  "
            f"{word('form.log_due', ln)} {_when(c.due, ln)}{_voided(c.corrected, ln)}"
        )
    return "\n".join(lines)


def render_tracking_log(form: TrackingLog, *, lang: str = "vi") -> str:
    """Form 06 for one dossier as text: one line per event, a voided one marked with its correction."""
    form = _shown(form)
    ln = language(lang, otherwise="en")
    lines = [
        word("form.tracking_log", ln),
        f"{word('form.dossier_code', ln)}: {form.dossier_code}  {form.procedure}  ({form.applicant})",
    ]
    for r in form.rows:
        extra = "".join(
            [
                f"  [{', '.join(r.records)}]" if r.records else "",
                f"  <{r.term}>" if r.term else "",
                f"  “{r.note}”" if r.note else "",
                f"  !{r.breach}" if r.breach else "",
                f"  {word('form.voids', ln, seq=r.corrects)}" if r.corrects is not None else "",
                _voided(r.corrected, ln),
            ]
        )
        lines.append(
            f"  {r.seq:>2}. {_when(r.at, ln)}  {r.event_title or r.event}: {r.source_title or r.source} -> "
            f"{r.target_title or r.target}  {r.actor.name} ({r.unit_title or r.actor.unit})  "
            f"{word('form.log_due', ln)} {_when(r.due, ln)}{extra}"
        )
    return "\n".join(lines)
