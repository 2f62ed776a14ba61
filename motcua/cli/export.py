"""``motcua export``: write a procedure in a format other tools read (BPMN 2.0 for now)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from motcua.engine.spec.model import Catalog, Procedure

__all__ = ["export"]


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"motcua: {message}", err=True)
    sys.exit(code)


def _agency_folder(spec: Path) -> Path | None:
    """The nearest folder at or above a procedure file that holds an ``agency.yaml``."""
    for folder in spec.resolve().parents:
        if (folder / "agency.yaml").is_file():
            return folder
    return None


def _load(catalog_path: Path) -> Catalog:
    import motcua
    from motcua.validators.formats import format_text

    if not catalog_path.exists():
        _fail(f"{catalog_path}: no such catalogue folder")
    try:
        return motcua.load_catalog(catalog_path)
    except motcua.SpecError as error:
        errors = [d for d in error.diagnostics if d.is_error]
        click.echo(format_text(errors or error.diagnostics, source=False), nl=False, err=True)
        _fail(f"{catalog_path}: the catalogue has errors; nothing exported", 1)


def _find(spec: str, catalog_option: Path | None) -> tuple[Catalog, Procedure]:
    """SPEC is a procedure file, or a reference ``[agency-id/]procedure-id[@version]``."""
    path = Path(spec)
    if path.is_file():
        folder = catalog_option or _agency_folder(path)
        if folder is None:
            _fail(f"{spec}: no agency.yaml in its folder or above; give the catalogue with --catalog")
        catalog = _load(folder)
        root = Path(catalog.root)
        for p in catalog.procedures:
            if path.resolve() in (Path(p.file).resolve(), (root / p.file).resolve()):
                return catalog, p
        _fail(f"{spec}: not a procedure of the catalogue {folder}")
    if path.suffix in (".yaml", ".yml"):
        _fail(f"{spec}: no such file")
    catalog_path = catalog_option or Path("procedures")
    catalog = _load(catalog_path)
    ref, _, version = spec.partition("@")
    try:
        return catalog, catalog.procedure(ref, version=version or None)
    except KeyError as error:
        _fail(f"{catalog_path}: {error.args[0]}")


@click.group()
def export() -> None:
    """Export a procedure for other tools."""


@export.command("bpmn", short_help="BPMN 2.0 XML with its diagram, for bpmn.io and Camunda Modeler.")
@click.argument("spec")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the BPMN file here (default: standard output).")
@click.option("--catalog", "catalog_path", type=click.Path(file_okay=False, path_type=Path),
              help="The catalogue folder (default: the agency folder above SPEC, or procedures/ for a reference).")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Language of names (default: the agency's first).")
def bpmn(spec: str, output: Path | None, catalog_path: Path | None, lang: str | None) -> None:
    """Write a procedure as BPMN 2.0 XML with its diagram, to open in bpmn.io or Camunda Modeler.

    SPEC is a procedure file or a reference: procedure-id, agency-id/procedure-id, optionally
    @version (default: the version in force today). Each decision writes the variable
    outcome_<step> that its gateway tests; timers approximate working time in calendar time.

    Exit status: 0 written, 1 the catalogue has errors, 2 bad SPEC or output, 3 lxml missing.
    """
    catalog, procedure = _find(spec, catalog_path)
    try:
        from motcua.render.bpmn import export_bpmn
    except ImportError as error:
        _fail(f"BPMN export needs lxml ({error}); install it: pip install lxml", 3)
    data = export_bpmn(procedure, agency=catalog.agency(procedure.agency), lang=lang)
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        _fail(f"{output}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {output} ({procedure.key})", err=True)
