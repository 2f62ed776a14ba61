"""``motcua render``: draw one procedure as a swimlane chart (staff) or a guide (citizens)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from motcua.cli.common import Command
from motcua.cli.output import NEEDS_OUTPUT, echo_json, format_option, written
from motcua.engine.spec.errors import UnwritableOutput
from motcua.engine.spec.i18n import tr

__all__ = ["render"]

# Written out here rather than imported, so that listing commands does not load the renderer.
_FORMATS = ("svg", "png", "pdf", "dot")
_SUFFIX_FORMAT = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
_LANGS = ("vi", "en")


def image_type(output: str | None, to: str | None, old: str | None) -> str:
    """The image type to write: ``--to`` (or its old name ``--format``), else ``-o``'s suffix, else SVG.

    A file whose suffix names another type, or any type but the four, is refused rather than
    filled with an image its name belies (``chart.jpg`` holding SVG): a ``click.UsageError``.
    A file without a suffix takes the type ``--to`` asks for.
    """
    if to is not None and old is not None and to != old:
        raise click.UsageError(str(tr(f"--to {to} và --format {old} yêu cầu hai loại ảnh khác nhau; "
                                      "chỉ dùng --to (--format là tên cũ của nó)",
                                      f"--to {to} and --format {old} ask for different image types; "
                                      "give --to alone (--format is its old name)")))
    asked = to or old
    if output is None:
        return asked or "svg"
    suffix = Path(output).suffix.lower()
    named = _SUFFIX_FORMAT.get(suffix)
    if named is None and (suffix or asked is None):
        known = ", ".join(sorted(_SUFFIX_FORMAT))
        shown = suffix or str(tr("(không có đuôi)", "(no suffix)"))
        raise click.UsageError(str(tr(f"{output}: không ghi được biểu đồ dạng '{shown}'; "
                                      f"hãy đặt tên tệp với một trong các đuôi {known}, hoặc dùng --to svg|png|pdf|dot "
                                      "với tệp không có đuôi",
                                      f"{output}: cannot write a chart as '{shown}'; "
                                      f"name the file with one of {known}, or give --to svg|png|pdf|dot "
                                      "for a file without a suffix")))
    if asked is not None and named is not None and asked != named:
        raise click.UsageError(str(tr(f"{output}: tên tệp là {named.upper()} nhưng --to yêu cầu "
                                      f"{asked.upper()}; hãy đổi tên tệp hoặc bỏ --to",
                                      f"{output}: the file name says {named.upper()} but --to asks for "
                                      f"{asked.upper()}; rename the file or drop --to")))
    return asked or named or "svg"


@click.command(cls=Command)
@click.argument("spec")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the chart to FILE, named .svg, .png, .pdf or .dot (default: standard output).")
@click.option("-f", "--to", "to", type=click.Choice(_FORMATS),
              help="Image type: svg, png, pdf or dot (default: from the output file's suffix, else svg).")
@format_option(("text", "json", *_FORMATS),
               help="How the summary of the file written is printed: text on stderr, or json on stdout "
                    "(needs -o). Given an image type (svg, png, pdf, dot), the old name of --to.")
@click.option("--lang", type=click.Choice(_LANGS), help="Language of the chart (default: the agency's first).")
@click.option("--view", type=click.Choice(["internal", "public"]), default="internal", show_default=True,
              help="internal: swimlanes for staff; public: what an applicant needs to know.")
@click.option("--catalog", "catalog_path", type=click.Path(path_type=str),
              help="The catalogue folder (default: procedures/, or the folder of SPEC's agency).")
def render(spec: str, output: str | None, to: str | None, fmt: str, lang: str | None, view: str,
           catalog_path: str | None) -> None:
    """Draw one procedure: swimlanes for staff, or the applicant's guide.

    \b
    SPEC is a procedure file, a reference such as
      ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021
    or a national procedure code such as 1.000656 (without @VERSION, the version in force today).
    """
    from motcua.catalogs import find_procedure
    from motcua.render.charts import render_procedure

    old_to = fmt if fmt in _FORMATS else None
    if fmt == "json" and output is None:
        raise click.UsageError(str(NEEDS_OUTPUT))
    chosen = image_type(output, to, old_to)
    if output is None and chosen in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(str(tr(f"biểu đồ {chosen.upper()} là dữ liệu nhị phân; hãy ghi vào tệp bằng -o TỆP",
                                      f"a {chosen.upper()} chart is binary; write it to a file with -o FILE")))
    found = find_procedure(spec, catalog_path=catalog_path)
    procedure, agency = found.procedure, found.catalog.agency(found.procedure.agency)
    language = lang or (agency.lang if agency.lang in _LANGS else "vi")
    drawn = render_procedure(procedure, agency, format=chosen, lang=language,
                             view="public" if view == "public" else "internal")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(drawn)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(drawn)
    except OSError as err:
        raise UnwritableOutput(tr(f"{output}: không ghi được: {err.strerror or err}",
                                  f"{output}: cannot write: {err.strerror or err}"), path=output) from None
    if fmt == "json":
        echo_json(written([output], procedure=procedure.key, view=view, lang=language, type=chosen))
    else:
        seen = str(tr({"public": "bản cho người dân", "internal": "bản nội bộ"}[view], f"{view} view"))
        click.echo(f"{output}: {procedure.key}, {seen}, {language}, {chosen}", err=True)
