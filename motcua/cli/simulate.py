"""``motcua simulate``: cases through a procedure under a load, run by the case engine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

import click

from motcua.cli.common import Command
from motcua.engine.spec.errors import InputError, UnwritableOutput
from motcua.engine.spec.i18n import current, tr

__all__ = ["simulate"]

_FORMATS = ("text", "json")
_LANGS = ("vi", "en")


def _start(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(tr(f"--start '{value}': cần một ngày dạng YYYY-MM-DD",
                            f"--start '{value}': expected a date as YYYY-MM-DD"), option="start", value=value) from None


@click.command(cls=Command)
@click.argument("procedure")
@click.option("--arrivals", required=True, metavar="N/day", help="Dossiers received a working day (e.g. 20/day).")
@click.option("--days", type=click.IntRange(min=1), required=True, help="Working days of arrivals.")
@click.option("--staff", multiple=True, metavar="UNIT=n",
              help="Officers of a unit (repeatable; 1 for each unit not named).")
@click.option("--variant", help="The sub-case every dossier is (its id or national code).")
@click.option("--channel", help="The channel every dossier comes through (in-person, post, online).")
@click.option("--outcome", "outcomes", multiple=True, metavar="STEP.OUTCOME=p",
              help="Chance of an outcome at a step (repeatable; default: the first 0.9, the others share 0.1).")
@click.option("--service", type=click.Choice(("triangular", "lognormal", "fixed")), default="triangular",
              show_default=True, help="How handling times are drawn around each step's time.")
@click.option("--effort", type=float, default=1.0, show_default=True,
              help="Share of a step's time an officer works on the dossier (1 = all of it).")
@click.option("--spread", type=click.Choice(("poisson", "even")), default="poisson", show_default=True,
              help="Arrivals at random (Poisson) or evenly spaced from each day's opening.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random draws.")
@click.option("--start", "start", metavar="YYYY-MM-DD", help="First day of arrivals (default: today).")
@click.option("--catalog", "catalog_path", type=click.Path(path_type=str),
              help="The catalogue folder (default: procedures/, or the folder of a file's agency).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True,
              help="text for people, json for programs.")
@click.option("--lang", type=click.Choice(_LANGS), default=None,
              help="Language of the text report (JSON keys are English).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write to FILE (default: standard output).")
def simulate(procedure: str, arrivals: str, days: int, staff: tuple[str, ...], variant: str | None,
             channel: str | None, outcomes: tuple[str, ...], service: str, effort: float, spread: str, seed: int,
             start: str | None, catalog_path: str | None, fmt: str, lang: str | None,
             output: str | None) -> None:  # fmt: skip
    """Simulate cases through a procedure: on-time rate, queues, waits and officers' load per unit.

    \b
    PROCEDURE is [agency-id/]procedure-id[@version] in the catalogue, or a procedure file
    (what-if: copy the agency folder, edit the copy, simulate the copy's file):
      motcua simulate di-chuyen-ho-so-nguoi-co-cong --arrivals 20/day --days 250 \\
          --staff phong-nguoi-co-cong=3 --effort 0.2 --seed 1
    """
    from motcua.catalogs import find_procedure
    from motcua.reform.simulate import simulate as run
    from motcua.reform.simulate_report import format_text
    from motcua.reform.simulate_setup import Setup, parse_arrivals, parse_outcomes, parse_staff

    rate = parse_arrivals(arrivals)
    first = _start(start)
    found = find_procedure(procedure, catalog_path=catalog_path)
    proc = found.procedure
    agency = found.catalog.agency(proc.agency)
    setup = Setup(arrivals=rate, days=days, start=first, staff=parse_staff(staff, proc, agency), seed=seed,
                  variant=variant, channel=channel, service=service, effort=effort, spread=spread,
                  outcomes=parse_outcomes(outcomes, proc))  # fmt: skip
    result = run(proc, agency, setup)
    if fmt == "json":
        from motcua.engine.inputs import json_visible

        text = json_visible(json.dumps(result.as_dict(), ensure_ascii=False, indent=2)) + "\n"
    else:
        language: Literal["vi", "en"] = "en" if (lang or current()) == "en" else "vi"
        text = format_text(result, lang=language)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise UnwritableOutput(tr(f"{output}: không ghi được: {err.strerror or err}",
                                  f"{output}: cannot write: {err.strerror or err}"), path=output) from None
    click.echo(str(tr(f"{output}: {result.cases} hồ sơ, {fmt}", f"{output}: {result.cases} cases, {fmt}")), err=True)
