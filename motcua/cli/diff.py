"""``motcua diff``: what changed between two versions of a procedure, as text, JSON or an HTML page."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import click

from motcua.cli.common import Command
from motcua.engine.spec.errors import InputError, UnwritableOutput
from motcua.engine.spec.i18n import current, tr

if TYPE_CHECKING:
    from motcua.engine.spec.model import Agency, Procedure

__all__ = ["diff"]

_FORMATS = ("text", "json", "html")
_LANGS = ("vi", "en")


def _is_file(spec: str) -> bool:
    """Whether ``spec`` names a file (or is meant to: it ends in .yaml / .yml or is there)."""
    return Path(spec).suffix.lower() in (".yaml", ".yml") or os.path.lexists(spec)


def _versions(old: str, new: str, catalog_path: str | None) -> tuple[Procedure, Agency, Procedure, Agency]:
    """The two procedures and their agencies: two files, or two references in one catalogue."""
    from motcua.catalogs import DEFAULT_CATALOG, find_procedure, lookup, open_catalog, split_reference

    if _is_file(old) or _is_file(new):
        a, b = find_procedure(old, catalog_path=catalog_path), find_procedure(new, catalog_path=catalog_path)
        return a.procedure, a.catalog.agency(a.procedure.agency), b.procedure, b.catalog.agency(b.procedure.agency)
    catalog = open_catalog(catalog_path if catalog_path is not None else DEFAULT_CATALOG).catalog
    found = []
    for spec in (old, new):
        ref, version = split_reference(spec)
        found.append(lookup(catalog, ref, version=version))
    return found[0], catalog.agency(found[0].agency), found[1], catalog.agency(found[1].agency)


@click.command(cls=Command)
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True,
              help="text for people, json for programs, html for a page with both charts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write to FILE (default: standard output).")
@click.option("--lang", type=click.Choice(_LANGS), default=None,
              help="Language of the text report and the HTML page (JSON keys are English).")
@click.option("--catalog", "catalog_path", type=click.Path(path_type=str),
              help="The catalogue folder (default: procedures/, or the folder of a file's agency).")
def diff(old: str, new: str, fmt: str, output: str | None, lang: str | None, catalog_path: str | None) -> None:
    """Compare two versions of a procedure: steps, dossier, variants, channels, fees, hand-offs,
    legal and committed time, and the slowest path.

    \b
    OLD and NEW are two procedure files, or two versions in the catalogue:
      motcua diff ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2013 ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021
    """
    from motcua.reform.diff import diff_procedures
    from motcua.reform.diff_text import format_text

    before, old_agency, after, new_agency = _versions(old, new, catalog_path)
    if (before.agency, before.id) != (after.agency, after.id):
        raise InputError(tr(f"{before.key} và {after.key} là hai thủ tục khác nhau; "
                            "diff so sánh hai phiên bản của cùng một thủ tục",
                            f"{before.key} and {after.key} are different procedures; "
                            "diff compares two versions of one procedure"), old=before.key, new=after.key)
    found = diff_procedures(before, after, old_calendar=old_agency.calendar, new_calendar=new_agency.calendar)
    language: Literal["vi", "en"] = "en" if (lang or current()) == "en" else "vi"
    if fmt == "json":
        from motcua.engine.inputs import json_visible

        text = json_visible(json.dumps(found.as_dict(), ensure_ascii=False, indent=2)) + "\n"
    elif fmt == "html":
        from motcua.reform.diffpage import diff_page

        text = diff_page(found, old_agency, new_agency, lang=language)
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
    click.echo(f"{output}: {before.key} → {after.key}, {fmt}", err=True)
