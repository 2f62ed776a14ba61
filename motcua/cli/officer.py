"""``motcua officer``: register the officers who fire case events, list them, show their history.

``officer add`` is the one command that creates a store (``--db``, or ``MOTCUA_DB``, default
``./motcua.db``); ``officer list`` and ``officer history`` open it read-only. Results go to
stdout as text (stored text with its control characters escaped) or pure JSON; errors end as
``motcua.cli.common`` shows every error.
"""

from __future__ import annotations

import click

from motcua.cli.casework import calendar_bounds, check_texts, emit, open_engine, parse_time, store_options
from motcua.cli.common import Group
from motcua.engine.calendar import LOCAL_TIME
from motcua.engine.case_json import JSONValue
from motcua.engine.cases import InvalidInput
from motcua.engine.officers import Officer
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible

__all__ = ["officer"]


def _officer_line(o: Officer) -> str:
    return visible(f"{o.id}  {o.agency}/{o.unit}  {o.name}, {o.position}")


@click.group(cls=Group)
def officer() -> None:
    """Register the officers who fire case events."""


@officer.command("add")
@click.argument("officer_id", metavar="OFFICER")
@click.option("--agency", required=True, help="Agency id in the catalogue.")
@click.option("--unit", required=True, help="Unit id of that agency.")
@click.option("--name", required=True, help="Full name, as on the name badge.")
@click.option("--position", required=True, metavar="TEXT", help="Position, as on the name badge.")
@click.option("--update", is_flag=True,
              help="Change the record of an OFFICER registered already (the store keeps the change).")
@click.option("--at", metavar="ISO", help="Time of the registration (default now; at most a day ahead).")
@store_options
def add_officer(officer_id: str, agency: str, unit: str, name: str, position: str, update: bool, at: str | None,
                db: str, catalog_path: str, fmt: str) -> None:  # fmt: skip
    """Register OFFICER; creates the store if there is none.

    An OFFICER registered already with other details is refused unless --update: then the
    record changes and the store keeps the change in the officer's history, dated --at.
    """
    check_texts({"OFFICER": officer_id, "--agency": agency, "--unit": unit, "--name": name, "--position": position})
    moment = parse_time(at, "--at")
    with calendar_bounds(), open_engine(db, catalog_path, create=True) as engine:
        o = engine.add_officer(officer_id, agency=agency, unit=unit, name=name, position=position, update=update,
                               at=moment)  # fmt: skip
        emit(fmt, dict(o.as_dict()), _officer_line(o))


@officer.command("list")
@click.option("--agency", help="Only officers of this agency.")
@store_options
def list_officers(agency: str | None, db: str, catalog_path: str, fmt: str) -> None:
    """List registered officers."""
    check_texts({"--agency": agency})
    with open_engine(db, None, read_only=True) as engine:
        found = engine.officers(agency=agency)
        data: list[JSONValue] = [dict(o.as_dict()) for o in found]
        emit(fmt, data, "\n".join(_officer_line(o) for o in found) or str(tr("chưa có cán bộ nào", "no officers")))


@officer.command("history")
@click.argument("officer_id", metavar="OFFICER")
@store_options
def officer_history(officer_id: str, db: str, catalog_path: str, fmt: str) -> None:
    """Show every record registered under OFFICER, the first registration first: when it was
    made (unknown for an officer registered before the store kept the history), then the agency,
    unit, name and position from then on."""
    check_texts({"OFFICER": officer_id})
    with open_engine(db, None, read_only=True) as engine:
        found = engine.officer_history(officer_id)
        if not found:
            raise InvalidInput(tr(f"không có cán bộ '{officer_id}'; hãy đăng ký bằng 'motcua officer add'",
                                  f"unknown officer '{officer_id}'; register it with 'motcua officer add'"))
        data: list[JSONValue] = [
            {"seq": r.seq, "at": r.at.replace(tzinfo=LOCAL_TIME).isoformat() if r.at is not None else None,
             **r.officer.as_dict()}
            for r in found
        ]  # fmt: skip
        lines = [visible(f"{r.seq}. {f'{r.at:%Y-%m-%d %H:%M}' if r.at is not None else '?':<16}  ")
                 + _officer_line(r.officer) for r in found]  # fmt: skip
        emit(fmt, data, "\n".join(lines))
