"""``motcua export``: write a procedure in a format other tools read (BPMN 2.0 for now)."""

from __future__ import annotations

from pathlib import Path

import click

from motcua.cli.common import Command, Group
from motcua.cli.output import NEEDS_OUTPUT, echo_json, format_option, written
from motcua.engine.spec.errors import EnvironmentFailure, UnwritableOutput
from motcua.engine.spec.i18n import tr

__all__ = ["export"]

#: What a BPMN file may be called: a file named .svg or .png holding XML would mislead.
_SUFFIXES = (".bpmn", ".xml")


@click.group(cls=Group)
def export() -> None:
    """Export a procedure for other tools."""


@export.command("bpmn", cls=Command, short_help="BPMN 2.0 XML with its diagram, for bpmn.io and Camunda Modeler.")
@click.argument("spec")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the BPMN file here, named .bpmn or .xml (default: standard output).")
@click.option("--catalog", "catalog_path", type=click.Path(file_okay=False, path_type=Path),
              help="The catalogue folder (default: the agency folder above SPEC, or procedures/ for a reference).")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Language of names (default: the agency's first).")
@format_option(help="How the summary of the file written is printed: text on stderr, or json on stdout (needs -o).")
def bpmn(spec: str, output: Path | None, catalog_path: Path | None, lang: str | None, fmt: str) -> None:
    """Write a procedure as BPMN 2.0 XML with its diagram, to open in bpmn.io or Camunda Modeler.

    SPEC is a procedure file or a reference: procedure-id, agency-id/procedure-id or a national
    procedure code (1.000656), optionally @version (default: the version in force today). Each
    decision writes the variable outcome_<step> that its gateway tests; timers approximate
    working time in calendar time.
    """
    from motcua.catalogs import find_procedure

    if output is not None and output.suffix.lower() not in _SUFFIXES:
        shown = output.suffix or str(tr("(không có đuôi)", "(no suffix)"))
        raise click.UsageError(str(tr(f"{output}: tệp BPMN có đuôi .bpmn hoặc .xml, không phải '{shown}'; "
                                      "BPMN là định dạng duy nhất mà export ghi",
                                      f"{output}: a BPMN file is named .bpmn or .xml, not "
                                      f"'{shown}'; BPMN is the one format export writes")))
    if fmt == "json" and output is None:
        raise click.UsageError(str(NEEDS_OUTPUT))
    found = find_procedure(spec, catalog_path=catalog_path)
    try:
        from motcua.render.bpmn import export_bpmn
    except ImportError as error:
        raise EnvironmentFailure(tr(f"xuất BPMN cần lxml ({error}); hãy cài: pip install lxml",
                                    f"BPMN export needs lxml ({error}); install it: pip install lxml")) from None
    data = export_bpmn(found.procedure, agency=found.catalog.agency(found.procedure.agency), lang=lang)
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise UnwritableOutput(tr(f"{output}: không ghi được: {error.strerror or error}",
                                  f"{output}: cannot write: {error.strerror or error}"), path=str(output)) from None
    if fmt == "json":
        echo_json(written([output], procedure=found.procedure.key, type="bpmn"))
    else:
        click.echo(str(tr(f"đã ghi {output} ({found.procedure.key})", f"wrote {output} ({found.procedure.key})")),
                   err=True)
