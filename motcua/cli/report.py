"""``motcua report``: the catalogue in numbers per agency, field and level, and the reform along
each ``supersedes`` chain, as text, JSON or an HTML page with charts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

import click

from motcua.cli.common import Command
from motcua.engine.spec.errors import UnwritableOutput
from motcua.engine.spec.i18n import current, tr

__all__ = ["report"]

_FORMATS = ("text", "json", "html")
_LANGS = ("vi", "en")
_FILES = {"text": "report.txt", "json": "report.json", "html": "report.html"}


@click.command(cls=Command)
@click.argument("catalog", required=False, default=None, type=click.Path(path_type=str))
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Count the versions in force on this day (default: today).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True,
              help="text for people, json for programs, html for a page with charts and tables.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=str),
              help="Write report.txt, report.json or report.html into DIR (default: standard output).")
@click.option("--lang", type=click.Choice(_LANGS), default=None,
              help="Language of the text report and the HTML page (JSON keys are English).")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
@click.option("--cache-dir", default=None, metavar="DIR",
              help="Where unchanged files' results are kept. Default: the user's cache folder "
                   "(~/.cache/motcua, or MOTCUA_CACHE_DIR).")
def report(catalog: str | None, on: dt.datetime | None, fmt: str, output: str | None, lang: str | None,
           no_cache: bool, cache_dir: str | None) -> None:
    """Measure a catalogue: per agency, field and level the procedures, median legal and committed
    time and the cut between them, records, steps, hand-offs, online share and fees; and the
    reform along each chain of versions (supersedes).

    \b
    CATALOG is the catalogue folder (default: procedures/):
      motcua report procedures/ --on 2021-06-01 --format html -o build/report
    """
    from motcua.catalogs import DEFAULT_CATALOG, open_catalog
    from motcua.engine.spec.cachedir import default_cache_dir
    from motcua.reform.report import build_report
    from motcua.reform.report_text import format_text

    cache = None if no_cache else cache_dir or default_cache_dir()
    loaded = open_catalog(catalog if catalog is not None else DEFAULT_CATALOG, cache_dir=cache).catalog
    found = build_report(loaded, on=on.date() if on is not None else dt.date.today())
    language: Literal["vi", "en"] = "en" if (lang or current()) == "en" else "vi"
    if fmt == "json":
        from motcua.engine.inputs import json_visible

        text = json_visible(json.dumps(found.as_dict(), ensure_ascii=False, indent=2)) + "\n"
    elif fmt == "html":
        from motcua.reform.reportpage import report_page

        text = report_page(found, lang=language)
    else:
        text = format_text(found, lang=language)
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output) / _FILES[fmt]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UnwritableOutput(tr(f"{target}: không ghi được: {err.strerror or err}",
                                  f"{target}: cannot write: {err.strerror or err}"), path=str(target)) from None
    count, day = len(found.procedures), found.on.isoformat()
    click.echo(str(tr(f"{target}: {count} thủ tục có hiệu lực ngày {day}, {fmt}",
                      f"{target}: {count} procedures in force on {day}, {fmt}")), err=True)
