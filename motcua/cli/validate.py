"""``motcua validate`` and ``motcua explain``: check specs and explain the rules."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from motcua.cli.common import Command, ProgressBar
from motcua.cli.output import echo_json, format_option
from motcua.engine.spec.errors import UnknownRule, UnreadableInput
from motcua.engine.spec.i18n import current, tr

if TYPE_CHECKING:
    from motcua.engine.spec.rules import Rule

__all__ = ["validate", "explain"]

#: The output formats, as ``validators.formats.FORMATTERS`` names them (written out here so that
#: reading the options does not load the validators).
FORMATS = ("text", "json", "github", "sarif")
#: Below this many files a check is over before a bar would help.
PROGRESS_MINIMUM = 200


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _refuse_empty(target: str) -> None:
    """A folder given that holds no spec file is an error of the command line (exit 2), as a
    misspelt or wrong folder would otherwise pass as "0 errors"."""
    from motcua.engine.spec.specfiles import discover

    if not os.path.isdir(target):
        return
    files, problems = discover([target])
    if not files and not problems:
        raise UnreadableInput(tr(f"{target}: thư mục này không có tệp đặc tả nào (.yaml, .yml); "
                                 "hãy chỉ ra một thư mục danh mục hoặc các tệp đặc tả",
                                 f"{target}: no spec files (.yaml, .yml) found in this folder; "
                                 "give a catalogue folder or spec files"), path=target)


@click.command(cls=Command)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only the diagnostics, no source lines or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also say how many files came from the cache.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes for large catalogues (default: one per core).")
@click.option("--cache-dir", default=None, metavar="DIR",
              help="Where unchanged files' results are kept. Default: the user's cache folder "
                   "(~/.cache/motcua, or MOTCUA_CACHE_DIR).")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str, strict: bool, color: str, quiet: bool,
             verbose: bool, no_cache: bool, jobs: int | None, cache_dir: str | None) -> None:
    """Check procedure and agency specs (files or folders; default procedures/).

    A file (or a folder without its own agency.yaml) is checked in its catalogue, the nearest
    folder above it holding an agency.yaml, and only its findings are shown. Errors found end
    with status 1 (warnings too, with --strict); a file that cannot be read, or a folder with no
    spec file, with status 2.
    """
    from motcua import __version__
    from motcua.engine.spec.cachedir import default_cache_dir
    from motcua.validators.formats import FORMATTERS, format_text, summary_line
    from motcua.validators.runner import validate_paths

    targets = list(paths) or ["procedures/"]
    for target in targets:
        if not os.path.lexists(target):
            raise UnreadableInput(tr(f"{target}: không có tệp hay thư mục này", f"{target}: no such file or folder"),
                                  path=target)
        _refuse_empty(target)
    label = str(tr("Đang kiểm tra", "Validating"))
    bar = ProgressBar.on_terminal(label, minimum=PROGRESS_MINIMUM) if not quiet else None
    try:
        report = validate_paths(targets, cache_dir=None if no_cache else cache_dir or default_cache_dir(),
                                progress=bar, jobs=jobs, in_catalogue=True)
    finally:
        if bar is not None:
            bar.close()
    diags = report.diagnostics
    counts = {"files": report.files, "procedures": report.procedures, "errors": report.errors,
              "warnings": report.warnings}
    options: dict[str, dict[str, object]] = {
        "text": {"color": _use_color(color), "source": not quiet},
        "json": {"summary": counts},
        "sarif": {"version": __version__},
    }
    click.echo(FORMATTERS[fmt](diags, **options.get(fmt, {})), nl=False)
    if fmt == "github":  # the annotations go to the workflow; the log shows the findings as text
        click.echo(format_text(diags, source=False), nl=False, err=True)
    if not quiet:
        line = summary_line(**counts)
        if verbose:
            line += str(tr(f" ({report.cached} tệp lấy từ bộ nhớ đệm)", f" ({report.cached} from the cache)"))
        click.echo(line, err=fmt != "text")
    # A result, not an error: the findings are printed above.
    if any(d.code == "YML010" for d in diags):
        ctx.exit(2)
    if report.errors or (strict and report.warnings):
        ctx.exit(1)


@click.command(cls=Command)
@click.argument("code", required=False)
@click.option("--list", "list_all", is_flag=True, help="List every rule.")
@format_option(help="Output format; json prints the rule (or with --list every rule) as an object with English keys.")
def explain(code: str | None, list_all: bool, fmt: str) -> None:
    """Explain a diagnostic code: what it means, why, an example and the fix."""
    from motcua.engine.spec.rules import RULES, explain as explain_rule, rule, rule_text

    if list_all or not code:
        if fmt == "json":
            echo_json([_rule_json(r, full=False) for r in RULES])
            return
        lang = current()
        for r in RULES:
            click.echo(f"{r.code}  {r.name:<26} {_severity(r, lang):<8} {rule_text(r, lang)[0]}")
        return
    try:
        text = explain_rule(code)
    except KeyError:
        from motcua.engine.spec.suggest import did_you_mean_tr

        hint = did_you_mean_tr(code.upper(), [r.code for r in RULES])
        raise UnknownRule(tr(f"không có quy tắc '{code}'{hint.vi} (motcua explain --list liệt kê tất cả)",
                             f"no rule '{code}'{hint.en} (motcua explain --list shows them all)"), rule=code) from None
    if fmt == "json":
        echo_json(_rule_json(rule(code), full=True))
    else:
        click.echo(text, nl=False)


def _severity(r: Rule, lang: str) -> str:
    """The rule's severity as ``explain --list`` shows it in ``lang``."""
    if lang == "vi":
        return {"error": "lỗi", "warning": "cảnh báo"}[r.severity.value]
    return r.severity.value


def _rule_json(r: Rule, *, full: bool) -> dict[str, str]:
    """A rule as ``explain --format json`` prints it: all of it, or (``--list``) its summary; the
    texts in the run's language, the code, name and severity as they are."""
    from motcua.engine.spec.rules import rule_text

    summary, why, fix = rule_text(r, current())
    found = {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": summary}
    if full:
        found.update(why=why, example=r.example, fix=fix)
    return found
