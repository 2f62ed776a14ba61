"""``motcua case``: open dossiers as cases and run them from the command line.

Each command opens the store (``--db``, or ``MOTCUA_DB``, default ``./motcua.db``; options and
opening in ``motcua.cli.casework``), calls the engine once and reports: results to stdout (text
or pure JSON); the engine's refusals and errors end as ``motcua.cli.common`` shows every error
(``refused: ...``, ``conflict: ...``, ``error: ...``, with the exit status of their kind).
``case show`` and ``case list`` open the store read-only; none creates one (``motcua officer
add`` does). Text output shows stored text with its control characters escaped; its own words
(and the command's messages) are in the run's language, the forms in the agency's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import click

from motcua.catalogs import check_reference, split_reference
from motcua.cli.casework import calendar_bounds, check_texts, emit, open_engine, parse_time, store_options
from motcua.cli.common import Group
from motcua.engine.cases import Case, Engine, StoreError
from motcua.engine.case_json import JSONValue, case_document
from motcua.engine.fold import GUIDE_ONCE
from motcua.engine.form_build import receipt
from motcua.engine.form_text import render_receipt
from motcua.engine.ledger import now
from motcua.engine.officers import Officer
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible

__all__ = ["case"]


@contextmanager
def _store_to_create() -> Iterator[None]:
    """A store that is not there, when opening a case: say which command creates one."""
    try:
        yield
    except StoreError as err:
        if err.kind != "missing":
            raise
        raise StoreError(tr(f"{err.text('vi')}; lệnh 'motcua officer add' tạo một kho ở đó",
                            f"{err}; 'motcua officer add' creates a store there"),
                         kind=err.kind, location=err.location) from None  # fmt: skip


def _summary(case: Case, at: dt.datetime) -> str:
    """One line of a case: its id, procedure, state and appointment, its last event and its flags."""
    flags = []
    if case.overdue(at):
        flags.append(str(tr("quá hạn", "overdue")))
    if case.closed_at is not None and case.closed_at > case.due:
        flags.append(str(tr("trễ hạn", "late")))
    if case.guide_once_breached:
        flags.append(str(tr("vi phạm hướng dẫn một lần", "guide-once breached")))
    last = case.events[-1]
    if case.stopped is not None:
        flags.append(str(tr(f"tạm dừng tính thời gian: {case.stopped}", f"clock stopped: {case.stopped}")))
    tail = f"  [{', '.join(flags)}]" if flags else ""
    terms = "".join(f" {t}" for t in (case.variant, case.channel) if t is not None)
    due = f"{case.due:%Y-%m-%d %H:%M}"
    when = f"{last.at:%Y-%m-%d %H:%M}"
    return visible(
        f"{case.id}  {case.procedure}@{case.version}{terms}  {case.state}  "
        + str(tr(f"hẹn trả {due}  (gần nhất: {last.event} do {last.actor.id} lúc {when})",
                 f"due {due}  (last: {last.event} by {last.actor.id} at {when})"))
        + tail
    )


def _lookup_secret(db: str, case_id: str) -> str | None:
    """The citizen's lookup secret of a case, printed on Form 01 (``None`` for a store without its key)."""
    from motcua.engine.store.tokens import lookup_secret_of

    return lookup_secret_of(db, case_id)


def _report_case(engine: Engine, c: Case, fmt: str, at: dt.datetime, *, full: bool, with_receipt: bool = False,
                 extra: str = "", officer: Officer | None = None, db: str | None = None) -> None:  # fmt: skip
    definition = engine.definition(c)
    lang = definition.agency.lang
    if fmt == "json":
        emit(fmt, case_document(c, definition, at=at, officer=officer), "")
        return
    parts = [_summary(c, at) + extra]
    if officer is not None:
        allowed = engine.next_events(c, officer, at=at)
        listed = ", ".join(allowed) or str(tr("không có", "none"))
        parts[0] += "\n" + visible(str(tr(f"các sự kiện cán bộ {officer.id} có thể thực hiện: {listed}",
                                          f"next events for {officer.id}: {listed}")))
    secret = _lookup_secret(db, c.id) if db is not None and (full or with_receipt) else None
    if full:
        parts.append(engine.forms(c, lang=lang).text(lookup_secret=secret))  # every form of the case, 01 to 06
    elif with_receipt:
        parts.append(render_receipt(receipt(c, definition), lang=lang, lookup_secret=secret))
    click.echo("\n\n".join(parts))


@click.group(cls=Group)
def case() -> None:
    """Open dossiers as cases, fire their events, extend or pause their time, correct mistaken
    ones, list and tick them."""


@case.command("open")
@click.argument("procedure")
@click.option("--applicant", required=True, help="The applicant's name.")
@click.option("--actor", required=True, metavar="OFFICER", help="The receiving one-stop officer.")
@click.option("--record", "records", multiple=True, metavar="ID",
              help="A record handed in (repeat; default: every record all applicants hand in).")
@click.option("--variant", metavar="ID_OR_CODE", help="The sub-case (trường hợp): its id or national code.")
@click.option("--channel", type=click.Choice(["in-person", "post", "online"]),
              help="How the dossier came in; its time limit applies where the spec states one.")
@click.option("--at", metavar="ISO", help="Time of receipt (default now; at most a day ahead, MOTCUA_FUTURE_MARGIN).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id opens nothing new.")
@store_options
def open_case(procedure: str, applicant: str, actor: str, records: tuple[str, ...], variant: str | None,
              channel: str | None, at: str | None, event_id: str | None, db: str, catalog_path: str,
              fmt: str) -> None:  # fmt: skip
    """Receive a dossier for PROCEDURE (procedure-id, agency-id/procedure-id or national code,
    optionally @version, which must be the version in force on the day of receipt): Form 01.

    The appointment counts the time limit of the sub-case's channel, the sub-case, the
    procedure's channel or the procedure, the most specific one stated.
    """
    check_texts({"PROCEDURE": procedure, "--applicant": applicant, "--actor": actor, "--record": records,
            "--variant": variant, "--event-id": event_id})  # fmt: skip
    moment = parse_time(at, "--at")
    with calendar_bounds(), _store_to_create(), open_engine(db, catalog_path, procedure=procedure) as engine:
        # A version may be named (``id@version``, as ``render`` takes it): the engine holds it
        # to the version in force on the day of receipt.
        ref, version = split_reference(procedure)
        ref = check_reference(engine.catalog, ref) if engine.catalog is not None else ref
        ref = f"{ref}@{version}" if version is not None else ref
        c = engine.open(ref, applicant=applicant, actor=actor, records=records or None, variant=variant,
                        channel=channel, at=moment, event_id=event_id)  # fmt: skip
        _report_case(engine, c, fmt, moment or now(), full=False, with_receipt=True, db=db)


@case.command("fire")
@click.argument("case_id", metavar="CASE")
@click.argument("event")
@click.option("--actor", required=True, metavar="OFFICER", help="The officer firing the event.")
@click.option("--note", metavar="TEXT", help="Written reason (refuse, apologize) or remark, on one line.")
@click.option("--record", "records", multiple=True, metavar="ID", help="Missing records (request_supplement) or records brought (supplement).")
@click.option("--until", metavar="ISO", help="New appointment (apologize).")
@click.option("--at", metavar="ISO", help="Time of the event (default now; at most a day ahead, MOTCUA_FUTURE_MARGIN).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id changes nothing.")
@store_options
def fire(case_id: str, event: str, actor: str, note: str | None, records: tuple[str, ...], until: str | None,
         at: str | None, event_id: str | None, db: str, catalog_path: str, fmt: str) -> None:  # fmt: skip
    """Fire EVENT on CASE: complete, an outcome, answer, or a one-stop frame event."""
    with calendar_bounds():
        check_texts({"CASE": case_id, "EVENT": event, "--actor": actor, "--note": note, "--record": records,
                "--event-id": event_id})  # fmt: skip
        moment = parse_time(at, "--at")
        new_due = parse_time(until, "--until")
        with open_engine(db, None) as engine:
            c = engine.fire(case_id, event, actor=actor, note=note, records=records, until=new_due, at=moment,
                            event_id=event_id)  # fmt: skip
            last = c.events[-1]
            if last.breach == GUIDE_ONCE and last.event == event and (event_id is None or last.id == event_id):
                click.echo(
                    visible(str(tr(f"cảnh báo: hồ sơ {c.id}: lần yêu cầu bổ sung thứ {c.supplement_requests} vi phạm "
                                   "quy định hướng dẫn một lần (Chỉ thị 10/CT-TTg: nêu mọi thành phần còn thiếu "
                                   "trong một lần)",
                                   f"warning: case {c.id}: supplement request {c.supplement_requests} breaks the "
                                   "guide-once rule (Directive 10/CT-TTg: every missing item at once)"))),
                    err=True,
                )  # fmt: skip
            _report_case(engine, c, fmt, moment or now(), full=False)


@case.command("correct")
@click.argument("case_id", metavar="CASE")
@click.option("--actor", required=True, metavar="OFFICER",
              help="The officer correcting: of the unit that fired the event, the one-stop desk or the director.")
@click.option("--reason", required=True, metavar="TEXT", help="Why the event is voided, on one line (Forms 05 and 06 show it).")
@click.option("--at", metavar="ISO", help="Time of the correction (default now; at most a day ahead).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id changes nothing.")
@store_options
def correct(case_id: str, actor: str, reason: str, at: str | None, event_id: str | None, db: str, catalog_path: str,
            fmt: str) -> None:  # fmt: skip
    """Void the latest event of CASE that stays (never the receipt), with a reason.

    The log keeps both events: the case becomes what the events that stay make it, so a
    mistyped time or a wrong decision (even one that finished the case) is mended, and
    correcting again undoes the event before.
    """
    with calendar_bounds():
        check_texts({"CASE": case_id, "--actor": actor, "--reason": reason, "--event-id": event_id})
        moment = parse_time(at, "--at")
        with open_engine(db, None) as engine:
            c = engine.correct(case_id, actor=actor, reason=reason, at=moment, event_id=event_id)
            last = c.events[-1]
            gone = next((e for e in c.events if e.seq == last.corrects), None)
            extra = "" if gone is None else visible(str(tr(
                f"  (đã huỷ sự kiện {gone.seq}: {gone.event} do {gone.actor.id} lúc {gone.at:%Y-%m-%d %H:%M})",
                f"  (voided event {gone.seq}: {gone.event} by {gone.actor.id} at {gone.at:%Y-%m-%d %H:%M})",
            )))  # fmt: skip
            _report_case(engine, c, fmt, moment or now(), full=False, extra=extra)


@case.command("extend")
@click.argument("case_id", metavar="CASE")
@click.argument("extension", metavar="EXTENSION_ID")
@click.option("--actor", required=True, metavar="OFFICER", help="The officer applying the extension.")
@click.option("--reason", required=True, metavar="TEXT", help="Why the extension applies, on one line (Forms 05 and 06 show it).")
@click.option("--at", metavar="ISO", help="Time of the event (default now; at most a day ahead).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id changes nothing.")
@store_options
def extend(case_id: str, extension: str, actor: str, reason: str, at: str | None, event_id: str | None, db: str,
           catalog_path: str, fmt: str) -> None:  # fmt: skip
    """Apply the procedure's EXTENSION_ID to CASE: the appointment moves by its extra time."""
    _term_event("extend", case_id, ("EXTENSION_ID", extension), actor, reason, at, event_id, db, fmt)


@case.command("pause")
@click.argument("case_id", metavar="CASE")
@click.argument("clock_stop", metavar="CLOCK_STOP_ID")
@click.option("--actor", required=True, metavar="OFFICER", help="The officer stopping the clock.")
@click.option("--reason", required=True, metavar="TEXT", help="Why the clock stops, on one line (Forms 05 and 06 show it).")
@click.option("--at", metavar="ISO", help="Time the clock stops (default now; at most a day ahead).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id changes nothing.")
@store_options
def pause(case_id: str, clock_stop: str, actor: str, reason: str, at: str | None, event_id: str | None, db: str,
          catalog_path: str, fmt: str) -> None:  # fmt: skip
    """Stop the clock of CASE in the procedure's CLOCK_STOP_ID until 'motcua case resume'."""
    _term_event("pause", case_id, ("CLOCK_STOP_ID", clock_stop), actor, reason, at, event_id, db, fmt)


def _term_event(method: Literal["extend", "pause"], case_id: str, term: tuple[str, str], actor: str, reason: str,
                at: str | None, event_id: str | None, db: str, fmt: str) -> None:
    """Fire an extension or a clock stop (``term``: its argument's name and the id given) on a case."""
    name, term_id = term
    with calendar_bounds():
        check_texts({"CASE": case_id, name: term_id, "--actor": actor, "--reason": reason, "--event-id": event_id})
        moment = parse_time(at, "--at")
        with open_engine(db, None) as engine:
            fire = engine.extend if method == "extend" else engine.pause
            c = fire(case_id, term_id, actor=actor, reason=reason, at=moment, event_id=event_id)
            _report_case(engine, c, fmt, moment or now(), full=False)


@case.command("resume")
@click.argument("case_id", metavar="CASE")
@click.option("--actor", required=True, metavar="OFFICER", help="The officer restarting the clock.")
@click.option("--note", metavar="TEXT", help="A remark, on one line.")
@click.option("--at", metavar="ISO", help="Time the clock restarts (default now; at most a day ahead).")
@click.option("--event-id", metavar="ID", help="Idempotency key: a retry with the same id changes nothing.")
@store_options
def resume(case_id: str, actor: str, note: str | None, at: str | None, event_id: str | None, db: str,
           catalog_path: str, fmt: str) -> None:  # fmt: skip
    """Restart the clock of CASE: its deadlines move by the working time it stood still."""
    with calendar_bounds():
        check_texts({"CASE": case_id, "--actor": actor, "--note": note, "--event-id": event_id})
        moment = parse_time(at, "--at")
        with open_engine(db, None) as engine:
            c = engine.resume(case_id, actor=actor, note=note, at=moment, event_id=event_id)
            _report_case(engine, c, fmt, moment or now(), full=False)


@case.command("show")
@click.argument("case_id", metavar="CASE")
@click.option("--at", metavar="ISO", help="Judge overdue and the next events at this time (default now).")
@click.option("--officer", "officer_id", metavar="OFFICER", help="List the events this officer can fire now.")
@store_options
def show(case_id: str, at: str | None, officer_id: str | None, db: str, catalog_path: str, fmt: str) -> None:
    """Show CASE: state, deadlines and its forms: receipt, supplement requests, refusal,
    apologies, control sheet and tracking log. With --officer, the events that officer can fire
    now (in JSON, next_events is theirs)."""
    with calendar_bounds():
        check_texts({"CASE": case_id, "--officer": officer_id})
        moment = parse_time(at, "--at") or now()
        with open_engine(db, None, read_only=True) as engine:
            who = engine.officer(officer_id) if officer_id is not None else None
            _report_case(engine, engine.get(case_id), fmt, moment, full=True, officer=who, db=db)


@case.command("list")
@click.option("--overdue", is_flag=True, help="Only cases past their appointment.")
@click.option("--procedure", metavar="PROCEDURE", help="Only cases of this procedure-id or agency-id/procedure-id.")
@click.option("--at", metavar="ISO", help="Judge overdue at this time (default now).")
@store_options
def list_cases(overdue: bool, procedure: str | None, at: str | None, db: str, catalog_path: str, fmt: str) -> None:
    """List cases, oldest appointment first with --overdue."""
    with calendar_bounds():
        check_texts({"--procedure": procedure})
        moment = parse_time(at, "--at") or now()
        with open_engine(db, None, read_only=True) as engine:
            found = engine.list(overdue=overdue, procedure=procedure, at=moment)
            docs: list[JSONValue] = [case_document(c, engine.definition(c), at=moment, forms=False) for c in found]
            emit(fmt, docs, "\n".join(_summary(c, moment) for c in found) or str(tr("không có hồ sơ nào", "no cases")))


@case.command("tick")
@click.option("--at", metavar="ISO", help="Fire the timeouts due at this time (default now; at most a day ahead).")
@store_options
def tick(at: str | None, db: str, catalog_path: str, fmt: str) -> None:
    """Fire every step timeout that is due."""
    with calendar_bounds():
        moment = parse_time(at, "--at") or now()
        with open_engine(db, None) as engine:
            moved = engine.tick(at=moment)
            docs: list[JSONValue] = [case_document(c, engine.definition(c), at=moment, forms=False) for c in moved]
            emit(fmt, docs, "\n".join(_summary(c, moment) for c in moved) or str(tr("không có bước nào hết hạn xử lý", "no timeouts due")))
