"""The ``motcua`` command line: a click group whose commands are imported only when used.

Every command is a :class:`~motcua.cli.common.Command`: its errors, whatever raises them, end
as one line on stderr with the exit status of their kind (the table ends every ``--help``).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from motcua import __version__
from motcua.cli.common import Group

__all__ = ["main"]

#: command name -> "module:attribute"; imported lazily so that `motcua validate` starts fast.
COMMANDS: dict[str, str] = {
    "validate": "motcua.cli.validate:validate",
    "explain": "motcua.cli.validate:explain",
    "schema": "motcua.cli.authoring:schema",
    "new": "motcua.cli.authoring:new",
    "export": "motcua.cli.export:export",
    "render": "motcua.cli.render:render",
    "publish": "motcua.cli.publish:publish",
    "case": "motcua.cli.case:case",
    "officer": "motcua.cli.officer:officer",
    "import": "motcua.cli.importing:import_",
    "calendar": "motcua.cli.calendar:calendar",
    "diff": "motcua.cli.diff:diff",
    "simulate": "motcua.cli.simulate:simulate",
    "oversight": "motcua.cli.oversight:oversight",
    "report": "motcua.cli.report:report",
    "worker": "motcua.cli.worker:worker",
    "serve": "motcua.cli.serve:serve",
    "token": "motcua.cli.token:token",
    "store": "motcua.cli.store:store",
}


class LazyGroup(Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            command: Any = getattr(importlib.import_module(module), attr)
            return command  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="motcua")
def main() -> None:
    """motcua: one-stop administrative procedures as code.

    Write procedures as YAML specs, validate them, run them as cases with legal deadlines,
    and publish flowcharts and a catalogue website.
    """
