"""``motcua oversight``: what the case store says about how dossiers are handled, as an inspection
team reads it, as text, JSON or an HTML page.

The store is opened read-only and never created: a mistyped ``--db`` is an error naming the path.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import click

from motcua.cli.common import Command
from motcua.engine.spec.errors import UnwritableOutput
from motcua.engine.spec.i18n import current, tr

if TYPE_CHECKING:
    from motcua.engine.spec.model import Catalog

__all__ = ["oversight", "public_pages"]

_FORMATS = ("text", "json", "html")
_LANGS = ("vi", "en")


def _date(value: str | None, option: str) -> dt.date | None:
    from motcua.engine.inputs import InvalidInput

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(tr(f"{option} {value!r} không phải là một ngày (YYYY-MM-DD, ví dụ 2026-11-01)",
                              f"{option} {value!r} is not a date (YYYY-MM-DD, e.g. 2026-11-01)")) from None


def _moment(value: str | None) -> dt.datetime:
    from motcua.engine.inputs import InvalidInput
    from motcua.engine.ledger import local_time, now

    if value is None:
        return now()
    try:
        return local_time(dt.datetime.fromisoformat(value.strip()))
    except ValueError:
        raise InvalidInput(tr(f"--at {value!r} không phải là thời điểm theo ISO 8601 (ví dụ 2026-12-03T11:00)",
                              f"--at {value!r} is not an ISO 8601 time (e.g. 2026-12-03T11:00)")) from None
    except OverflowError:
        raise InvalidInput(tr(f"--at {value!r} nằm ngoài các năm 1 đến 9999 theo giờ Việt Nam",
                              f"--at {value!r} falls outside the years 1 to 9999 in Vietnam's time")) from None


def public_pages(db: str, catalog: Catalog) -> dict[str, str]:
    """The oversight pages of the published site, by their path in it (``vi/oversight.html``,
    ``en/oversight.html``): the counts of the store at ``db`` for the procedures of ``catalog``,
    overdue judged now, with no applicant, no officer and no single case."""
    from motcua.engine.cases import Engine
    from motcua.engine.ledger import now
    from motcua.engine.store.sqlite import SqliteStore
    from motcua.reform.oversight import oversee
    from motcua.reform.oversightpage import oversight_page

    procedures = {(p.agency, p.id) for p in catalog.procedures}
    store = SqliteStore(db, read_only=True, create=False)
    with Engine(None, store=store) as engine:
        found = oversee(store, engine.definition, at=now(), procedures=procedures, load=engine.get)
    return {f"{lang}/oversight.html": oversight_page(found, lang=lang, public=True) for lang in ("vi", "en")}


@click.command(cls=Command)
@click.option("--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH",
              help="SQLite case store to read (env MOTCUA_DB); opened read-only, never created.")
@click.option("--from", "first", metavar="DATE", help="First day of the period (YYYY-MM-DD; default: no limit).")
@click.option("--to", "last", metavar="DATE", help="Last day of the period, included (default: no limit).")
@click.option("--at", metavar="ISO", help="Judge open cases overdue at this time (default now).")
@click.option("--catalog", "catalog_path", type=click.Path(path_type=str), metavar="DIR",
              help="Only the cases of the procedures of this catalogue.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True,
              help="text for people, json for programs, html for a page of tables.")
@click.option("--lang", type=click.Choice(_LANGS), default=None,
              help="Language of the text report and the HTML page (JSON keys are English).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write to FILE (default: standard output).")
def oversight(db: str, first: str | None, last: str | None, at: str | None, catalog_path: str | None, fmt: str,
              lang: str | None, output: str | None) -> None:  # fmt: skip
    """Oversee the handling of dossiers from the case store: received, finished on time and late
    per procedure, unit and officer; open cases overdue; apologies issued (Form 04); second
    supplement requests (breaches of "guide once"); time spent per step against its budget, the
    slowest steps named.

    \b
      motcua oversight --db cases.db --from 2026-11-01 --to 2026-11-30
      motcua oversight --db cases.db --format html -o giam-sat.html
    """
    from motcua.engine.cases import Engine
    from motcua.engine.inputs import InvalidInput
    from motcua.engine.store.sqlite import SqliteStore
    from motcua.reform.oversight import oversee
    from motcua.reform.oversight_rows import Period
    from motcua.reform.oversight_text import format_text

    period = Period(_date(first, "--from"), _date(last, "--to"))
    if period.first is not None and period.last is not None and period.first > period.last:
        raise InvalidInput(tr(f"--from {period.first} sau --to {period.last}; kỳ tính từ ngày đầu đến ngày cuối",
                              f"--from {period.first} is after --to {period.last}; "
                              "the period runs from the first day to the last"))
    moment = _moment(at)
    procedures = None
    if catalog_path is not None:
        from motcua.catalogs import open_catalog

        procedures = {(p.agency, p.id) for p in open_catalog(catalog_path).catalog.procedures}
    store = SqliteStore(db, read_only=True, create=False)
    with Engine(None, store=store) as engine:
        found = oversee(store, engine.definition, period=period, at=moment, procedures=procedures, load=engine.get)
    language: Literal["vi", "en"] = "en" if (lang or current()) == "en" else "vi"
    if fmt == "json":
        from motcua.engine.inputs import json_visible

        text = json_visible(json.dumps(found.as_dict(), ensure_ascii=False, indent=2)) + "\n"
    elif fmt == "html":
        from motcua.reform.oversightpage import oversight_page

        text = oversight_page(found, lang=language)
    else:
        text = format_text(found, lang=language)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise UnwritableOutput(tr(f"{output}: không ghi được: {err.strerror or err}",
                                  f"{output}: cannot write: {err.strerror or err}"), path=output) from None
    click.echo(str(tr(f"{output}: {found.cases} hồ sơ, {fmt}", f"{output}: {found.cases} cases, {fmt}")), err=True)
