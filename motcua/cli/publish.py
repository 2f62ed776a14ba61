"""``motcua publish``: validate a catalogue and publish it as a static website."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from motcua.cli.common import Command, ProgressBar
from motcua.cli.output import echo_json, format_option, written
from motcua.engine.spec.errors import EnvironmentFailure, MotcuaError, UnreadableInput
from motcua.engine.spec.i18n import current, tr

if TYPE_CHECKING:
    from motcua.engine.spec.diagnostics import Diagnostic
    from motcua.engine.spec.model import Catalog

__all__ = ["publish"]


def _say(key: str, **values: object) -> str:
    """The message ``key`` of the site's vocabulary in the run's language."""
    from motcua.engine.spec.vocabulary import word

    return word(key, current(), **values)


def _count(count: int, what: str) -> str:
    from motcua.render.site.vocabulary import count_words

    return count_words(count, what, current())


def _load(catalog: Path, cache_dir: str | None) -> Catalog:
    """The catalogue, validated (``SpecError`` when it has errors); its warnings go to stderr."""
    from motcua.catalogs import open_catalog
    from motcua.validators.formats import format_text

    if sys.stderr.isatty():
        click.echo(_say("site.publish.checking", catalog=catalog), err=True)
    # The same content-hash cache as `motcua validate`, so publishing right after a check is
    # quick; the files are read once, for the checks and the catalogue alike.
    loaded = open_catalog(catalog, cache_dir=cache_dir)
    if loaded.warnings:
        click.echo(format_text(loaded.warnings, source=False), nl=False, err=True)
    return loaded.catalog


def _load_valid(catalog: Path, cache_dir: str | None) -> tuple[Catalog, list[Diagnostic]]:
    """The catalogue of the files without errors, and the first error of each file left out.

    A file that fails only once another is left out (a procedure whose agency file has errors)
    is left out in turn; an error no file can be blamed for refuses the catalogue whole
    (``SpecError``). Warnings go to stderr.
    """
    from motcua.engine.spec.diagnostics import SpecError
    from motcua.engine.spec.specfiles import discover
    from motcua.validators.formats import format_text
    from motcua.validators.assembly import validate_and_load

    if sys.stderr.isatty():
        click.echo(_say("site.publish.checking", catalog=catalog), err=True)
    files, _ = discover([catalog])
    left_out: dict[str, Diagnostic] = {}
    while True:
        kept = [f for f in files if f not in left_out]
        report, loaded = validate_and_load(kept, cache_dir=cache_dir, root=str(catalog))
        if loaded is not None:
            warnings = [d for d in report.diagnostics if not d.is_error and d.file not in left_out]
            if warnings:
                click.echo(format_text(warnings, source=False), nl=False, err=True)
            return loaded, list(left_out.values())
        first: dict[str, Diagnostic] = {}
        for d in report.diagnostics:
            if d.is_error:
                first.setdefault(d.file, d)
        if not first or not set(first) <= set(kept):
            raise SpecError(report.diagnostics, path=str(catalog))
        left_out.update(first)


def _diff_pages(catalog: Catalog, on: dt.date | None, *, oversight: bool) -> dict[str, str]:
    """The pages comparing each published version with the versions it replaced, from the
    reform room, for the site to hold and link (the site itself may not import the reform room)."""
    from motcua.reform.diffpage import site_diff_pages
    from motcua.render.site import published_procedures, site_versions

    shown, _ = published_procedures(catalog, on=on)
    return site_diff_pages(catalog, site_versions(catalog, [p for p, _ in shown]), on=on, oversight=oversight)


def _default_cache_dir() -> str:
    from motcua.engine.spec.cachedir import default_cache_dir

    return default_cache_dir()


@click.command(cls=Command)
@click.argument("catalog", default="procedures/", type=click.Path(path_type=Path))
@click.option("-o", "--out", default="build/site", show_default=True, type=click.Path(path_type=Path),
              help="Folder to publish into; the files a publish wrote there before are replaced.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language the site's front page opens in (both are published).")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Publish the versions in force on this day. Default: the version in force today, "
                   "or else the latest one, marked as no longer in force.")
@click.option("--skip-invalid", is_flag=True,
              help="Publish the procedures without errors and list those left out, each with its first "
                   "error (exit status 1). Default: a catalogue with errors is not published.")
@click.option("--no-cache", is_flag=True, help="Check every file and draw every chart again, ignoring the cache.")
@click.option("--cache-dir", default=lambda: _default_cache_dir(),
              show_default="the user's cache folder (MOTCUA_CACHE_DIR)",
              help="Where unchanged files' results and drawn charts are kept.")
@click.option("--db", metavar="PATH",
              help="Also publish an oversight page (vi/oversight.html, en/oversight.html) from this case store, "
                   "read-only: counts only, no applicant, no officer, no single case.")
@format_option(help="Output format; json prints an object naming the site written, its counts and the files left out.")
@click.pass_context
def publish(ctx: click.Context, catalog: Path, out: Path, lang: str, on: dt.datetime | None, skip_invalid: bool,
            no_cache: bool, cache_dir: str, db: str | None, fmt: str) -> None:
    """Publish CATALOG (default procedures/) as a static website in OUT.

    Every procedure gets a page in Vietnamese and in English, in the order of the official
    procedure sheet, with its diagrams; the index filters by agency, field and level and
    searches names and codes. The site makes no external request and opens from the file system.
    A catalogue with errors is not published, unless --skip-invalid leaves out the files that
    have errors (each listed with its first error; the exit status is then 1). Charts are kept in the cache folder, so
    publishing again draws only the charts of procedures that changed.

    Only the files an earlier publish wrote in OUT are replaced or removed; files you added
    (a CNAME) stay. OUT may not hold or sit inside CATALOG or the cache folder, nor hold the
    current folder. A failed run leaves the old site as it was.
    """
    from concurrent.futures.process import BrokenProcessPool

    from motcua.render.site import Guarded, build_site, check_output

    if not catalog.exists():
        raise UnreadableInput(tr(f"{catalog}: không có tệp hay thư mục này", f"{catalog}: no such file or folder"),
                              path=str(catalog))
    # The site may neither hold nor sit inside the catalogue or the cache folder (even unused),
    # nor hold the current folder: publishing replaces files in it.
    guarded = [Guarded("the catalogue", catalog), Guarded("the cache folder", Path(cache_dir))]
    check_output(out, guarded=[*guarded, Guarded("the current folder", Path.cwd(), inside=False)])
    cache = None if no_cache else cache_dir
    left_out: list[Diagnostic] = []
    if skip_invalid:
        loaded, left_out = _load_valid(catalog, cache)
    else:
        loaded = _load(catalog, cache)
    extra = _diff_pages(loaded, on.date() if on is not None else None, oversight=db is not None)
    if db is not None:
        from motcua.cli.oversight import public_pages

        extra.update(public_pages(db, loaded))
    # OutputRefused (the folder changed while the site was written) and Graphviz's errors end
    # the command as they are; a dot failing on a chart motcua generated is motcua's fault.
    with ProgressBar.on_terminal(str(tr("Đang xuất bản", "Publishing"))) or nullcontext() as bar:
        try:
            report = build_site(loaded, out=out, lang="en" if lang == "en" else "vi",
                                on=on.date() if on is not None else None, progress=bar, cache_dir=cache,
                                guarded=guarded, extra_pages=extra)
        except BrokenProcessPool:
            raise EnvironmentFailure(tr("một tiến trình con đã dừng trước khi trang được ghi xong; "
                                        "trang cũ được giữ nguyên",
                                        "a worker process stopped before the site was written; "
                                        "the old site is left as it was")) from None
        except OSError as error:
            if isinstance(error, MotcuaError):
                raise
            raise EnvironmentFailure(tr(f"không ghi được trang: {error}", f"cannot write the site: {error}"),
                                     path=str(out)) from None
    for ref in report.not_in_force:
        click.echo(_say("site.publish.not_in_force", ref=ref, day=f"{on:%Y-%m-%d}"), err=True)
    if fmt == "json":
        echo_json(written([report.out], index=str(report.index), procedures=report.procedures, pages=report.pages,
                          figures=report.figures, not_in_force=list(report.not_in_force),
                          left_out=[{"file": d.file, "line": d.line, "column": d.column, "code": d.code,
                                     "message": d.text()} for d in left_out]))  # fmt: skip
    else:
        click.echo(_say("site.publish.done", procedures=_count(report.procedures, "procedures"),
                        pages=_count(report.pages, "pages"), out=report.out))
        click.echo(_say("site.publish.open", index=report.index))
    if left_out:
        from motcua.validators.formats import format_text

        click.echo(_say("site.publish.left_out", files=_count(len(left_out), "files")), err=True)
        click.echo(format_text(left_out, source=False), nl=False, err=True)
        ctx.exit(1)
