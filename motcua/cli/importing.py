"""``motcua import``: bring records of another system in as spec files (the national procedure
database, ``dvcqg``, for now)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from motcua.cli.common import Command, Group, ProgressBar
from motcua.engine.spec.i18n import current, tr
from motcua.engine.spec.printable import visible

__all__ = ["import_"]

#: What happened to a file (``Written.action``), in Vietnamese; the English is the action itself.
ACTIONS_VI = {"written": "đã ghi", "unchanged": "không đổi", "overwritten": "ghi đè", "refused": "từ chối",
              "kept": "giữ nguyên", "failed": "lỗi"}


def _action(action: str) -> str:
    """``action`` as the first column of the report, in the run's language."""
    if current() == "vi":
        return f"{ACTIONS_VI.get(action, action):<10}"
    return f"{action:<8}"


@click.group("import", cls=Group)
def import_() -> None:
    """Import procedures from other systems as spec files."""


def _text_report(report: Any) -> None:
    from motcua.importers.dvcqg.run import Report

    assert isinstance(report, Report)
    for r in report.records:
        if r.error is not None:
            click.echo(visible(f"{_action('failed')} {r.error.text()}"))
            continue
        assert r.written is not None
        if not r.ok:
            click.echo(visible(f"{_action('failed')} {r.file}: {r.written.path} {r.written.reason}"))
            continue
        counted = r.losses.counted
        lost, blank = len(counted), r.counts.get("blank", 0)
        click.echo(visible(f"{_action(r.written.action)} {r.code} -> {r.written.path} "
                           + str(tr(f"({lost} không nhập được, bỏ qua {blank} mục trống)",
                                    f"({lost} not imported, {blank} blank skipped)"))))
        for loss in counted:
            click.echo(visible(f"    {loss.kind}: {loss.message} [{loss.where}]"))
    for a in report.agencies:
        extra = f" ({a.reason})" if a.reason else ""
        click.echo(visible(f"{_action(a.action)} {a.path}{extra}"))
    for note in report.notes:
        click.echo(visible(str(tr(f"lưu ý: {note}", f"note: {note}"))))
    t = report.totals()
    kinds = ", ".join(f"{k} {n}" for k, n in t["losses_by_kind"].items()) or str(tr("không có", "none"))
    records, imported, failed, losses, blank = (t["records"], t["imported"], t["failed"], t["losses"],
                                                t["counts"].get("blank", 0))
    click.echo(str(tr(f"{records} bản ghi, {imported} đã nhập, {failed} lỗi; {losses} thông tin không nhập được "
                      f"({kinds}); bỏ qua {blank} mục trống",
                      f"{records} records, {imported} imported, {failed} failed; "
                      f"{losses} facts not imported ({kinds}); {blank} blank items skipped")))


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
            raise UnreadableInput(tr(f"{given}: không có tệp hay thư mục này", f"{given}: no such file or folder"),
                                  path=given)
    mapping = load_agency_map(str(agency_map)) if agency_map is not None else None
    bar = ProgressBar.on_terminal(str(tr("Đang nhập", "Importing")), minimum=50) if fmt == "text" else None
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
