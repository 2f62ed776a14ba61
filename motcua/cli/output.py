"""What the commands that print a result share: the ``--format`` option and pure JSON on stdout.

The option stores its value as ``fmt`` and is a ``click.Choice`` naming ``json``: that is how
:mod:`motcua.cli.common` knows a command was asked for JSON, so its errors end as
``{"error": {...}}`` on stdout too. A command that writes files (``new``, ``render``, ``export``,
``publish``) prints, with ``--format json``, one object naming what it wrote under ``written``.
Its other messages (``say``) are in the run's language.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from motcua.engine.spec.i18n import Tr, pick, tr

__all__ = ["NEEDS_OUTPUT", "echo_json", "format_option", "say", "written"]

F = TypeVar("F", bound=Callable[..., object])

#: The usage error of a command asked for a JSON summary of a file it would print instead.
NEEDS_OUTPUT = tr("--format json in ra bản tóm tắt của tệp đã ghi; hãy dùng -o TỆP",
                  "--format json prints a summary of the file written; give -o FILE")


def format_option(choices: Sequence[str] = ("text", "json"), *, help: str) -> Callable[[F], F]:
    """``--format`` among ``choices`` (the first is the default), stored as ``fmt``."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
                        show_default=True, help=help)  # fmt: skip


def say(text: Tr | str, *, err: bool = False) -> None:
    """Print a message of the command line in the run's language (stderr with ``err``)."""
    click.echo(pick(text), err=err)


def echo_json(document: object) -> None:
    """``document`` as indented JSON on stdout, non-ASCII letters as they are."""
    from motcua.engine.inputs import json_visible

    # json.dumps leaves C1 controls, separators and lone surrogates as they are.
    click.echo(json_visible(json.dumps(document, ensure_ascii=False, indent=2)))


def written(paths: Sequence[Path | str], **details: object) -> dict[str, object]:
    """The summary of a command that wrote files: ``written`` (the paths, as given) and details."""
    return {"written": [str(p) for p in paths], **details}
