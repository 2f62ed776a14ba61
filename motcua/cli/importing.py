"""``motcua import``: bring records of another system in as spec files (the national procedure
database, ``dvcqg``, for now)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from motcua.cli.common import Command, Group, ProgressBar
from motcua.engine.spec.printable import visible

__all__ = ["import_"]


@click.group("import", cls=Group)
def import_() -> None:
    """Import procedures from other systems as spec files."""


def _text_report(report: Any) -> None:
    from motcua.importers.dvcqg.run import Report

    assert isinstance(report, Report)
    for r in report.records:
        if r.error is not None:
            click.echo(visible(f"failed   {r.error.message}"))
            continue
        assert r.written is not None
        if not r.ok:
            click.echo(visible(f"failed   {r.file}: {r.written.path} {r.written.reason}"))
            continue
        counted = r.losses.counted
        click.echo(visible(f"{r.written.action:<8} {r.code} -> {r.written.path} "
                           f"({len(counted)} not imported, {r.counts.get('blank', 0)} blank skipped)"))
        for loss in counted:
            click.echo(visible(f"    {loss.kind}: {loss.message} [{loss.where}]"))
    for a in report.agencies:
        extra = f" ({a.reason})" if a.reason else ""
        click.echo(visible(f"{a.action:<8} {a.path}{extra}"))
    for note in report.notes:
        click.echo(visible(f"note: {note}"))
    t = report.totals()
    kinds = ", ".join(f"{k} {n}" for k, n in t["losses_by_kind"].items()) or "none"
    click.echo(f"{t['records']} records, {t['imported']} imported, {t['failed']} failed; "
               f"{t['losses']} facts not imported ({kinds}); {t['counts'].get('blank', 0)} blank items skipped")


@import_.command("dvcqg", cls=Command,
                 short_help="Records of the national procedure database (JSON) as spec files.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The catalogue folder to write into (created when missing).")
@click.option("--agency-map", "agency_map", type=click.Path(dir_okay=False, path_type=Path),
              help="A YAML file mapping the database's bodies (code or name) to catalogue agencies and units.")
@click.option("--force", is_flag=True, help="Replace files the importer did not write, or that were edited since.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
@click.pass_context
def dvcqg(ctx: click.Context, paths: tuple[str, ...], output: Path, agency_map: Path | None, force: bool,
          fmt: str) -> None:
    """Import records of the national procedure database (dichvucong.gov.vn) into OUTPUT.

    PATHS are record files (the portal's JSON, {"code": "OK", "data": {...}} or the bare
    record) or folders of them (*.json). Each record becomes one procedure spec, at
    OUTPUT/<agency>/<field>/<procedure>.yaml, with the agency files it needs. Facts the spec
    language has no place for are listed in the loss report; the steps are a skeleton
    (skeleton: true) for a person to complete. A broken record is reported with its file and
    JSON path and the others still import (exit 1). Files the importer did not write are never
    replaced without --force.
    """
    from motcua.engine.spec.errors import UnreadableInput
    from motcua.importers.dvcqg.catalogue import load_agency_map
    from motcua.importers.dvcqg.run import import_records

    for given in paths:
        if not Path(given).exists() and not Path(given).is_symlink():
            raise UnreadableInput(f"{given}: no such file or folder", path=given)
    mapping = load_agency_map(str(agency_map)) if agency_map is not None else None
    bar = ProgressBar.on_terminal("Importing", minimum=50) if fmt == "text" else None
    try:
        report = import_records(list(paths), str(output), agency_map=mapping, force=force, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if fmt == "json":
        from motcua.engine.inputs import json_visible

        click.echo(json_visible(json.dumps(report.as_dict(), ensure_ascii=False, indent=2)))
    else:
        _text_report(report)
    ctx.exit(0 if report.ok else 1)
