"""``motcua render``: draw one procedure as a swimlane chart (staff) or a guide (citizens)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from motcua.engine.spec.model import Agency, Catalog, Procedure

__all__ = ["render"]

# Written out here rather than imported, so that listing commands does not load the renderer.
_FORMATS = ("svg", "png", "pdf", "dot")
_SUFFIX_FORMAT = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
_LANGS = ("vi", "en")


class _Refused(Exception):
    """A reason not to render, with the exit status to leave with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _agency_folder(spec: Path) -> Path | None:
    """The nearest folder above ``spec`` that holds an ``agency.yaml``."""
    for folder in spec.resolve().parents:
        if (folder / "agency.yaml").is_file():
            return folder
    return None


def _load(path: str | os.PathLike[str]) -> Catalog:
    from motcua import SpecError, load_catalog
    from motcua.validators.formats import format_text

    try:
        return load_catalog(path)
    except SpecError as err:
        click.echo(format_text(err.diagnostics, source=False), nl=False, err=True)
        errors = sum(1 for d in err.diagnostics if d.is_error)
        raise _Refused(
            f"not rendered: {path} has {errors} error{'s' if errors != 1 else ''} "
            f"(`motcua validate {path}` shows each with its source line)",
            1,
        ) from None


def _find(spec: str, catalog_path: str | None) -> tuple[Procedure, Agency]:
    """The procedure a SPEC names: a procedure file, or ``[agency-id/]procedure-id[@version]``."""
    path = Path(spec)
    if path.is_file():
        root = Path(catalog_path) if catalog_path else _agency_folder(path)
        if root is None:
            raise _Refused(f"{spec}: no agency.yaml in any folder above it; name the catalogue with --catalog", 2)
        catalog = _load(root)
        wanted = os.path.realpath(path)
        for procedure in catalog.procedures:
            if procedure.file and os.path.realpath(procedure.file) == wanted:
                return procedure, catalog.agency(procedure.agency)
        raise _Refused(f"{spec}: not a procedure of the catalogue {root}", 2)
    if path.suffix in (".yaml", ".yml") or path.exists():
        raise _Refused(f"{spec}: no such procedure file", 2)
    ref, _, version = spec.partition("@")
    catalog = _load(catalog_path or "procedures/")
    try:
        procedure = catalog.procedure(ref, version=version or None)
    except KeyError as err:
        versions = sorted(p.version for p in catalog.versions(ref))
        hint = f"; its versions: {', '.join(versions)} (write {ref}@VERSION)" if versions and not version else ""
        raise _Refused(f"{spec}: {err.args[0]}{hint}", 2) from None
    return procedure, catalog.agency(procedure.agency)


@click.command()
@click.argument("spec")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the chart to FILE (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS),
              help="svg, png, pdf or dot (default: from the output file's suffix, else svg).")
@click.option("--lang", type=click.Choice(_LANGS), help="Language of the chart (default: the agency's first).")
@click.option("--view", type=click.Choice(["internal", "public"]), default="internal", show_default=True,
              help="internal: swimlanes for staff; public: what an applicant needs to know.")
@click.option("--catalog", "catalog_path", type=click.Path(path_type=str),
              help="The catalogue folder (default: procedures/, or the folder of SPEC's agency).")
def render(spec: str, output: str | None, fmt: str | None, lang: str | None, view: str,
           catalog_path: str | None) -> None:
    """Draw one procedure: swimlanes for staff, or the applicant's guide.

    \b
    SPEC is a procedure file or a reference such as
      ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021
    (without @VERSION, the version in force today).

    Exit status: 0 drawn, 1 the catalogue has errors, 2 bad input, 3 Graphviz missing or failed.
    """
    from motcua.render.charts import render_procedure
    from motcua.render.graphviz import GraphvizError, GraphvizNotFound

    chosen = fmt or (_SUFFIX_FORMAT.get(Path(output).suffix.lower(), "svg") if output else "svg")
    if output is None and chosen in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"a {chosen.upper()} chart is binary; write it to a file with -o FILE")
    try:
        procedure, agency = _find(spec, catalog_path)
        language = lang or (agency.lang if agency.lang in _LANGS else "vi")
        drawn = render_procedure(procedure, agency, format=chosen, lang=language,
                                 view="public" if view == "public" else "internal")
    except _Refused as refused:
        click.echo(f"motcua render: {refused}", err=True)
        sys.exit(refused.status)
    except (GraphvizNotFound, GraphvizError) as err:
        click.echo(f"motcua render: {err}", err=True)
        sys.exit(3)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(drawn)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(drawn)
    except OSError as err:
        click.echo(f"motcua render: {output}: {err.strerror}", err=True)
        sys.exit(2)
    click.echo(f"{output}: {procedure.key}, {view} view, {language}, {chosen}", err=True)
