"""The README's table of shared options is exact: each row names every command that takes the
option (with the values ``--format`` offers there), and no other command takes it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from motcua.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def commands() -> dict[str, click.Command]:
    """Every command of the command line, by its name as typed after ``motcua``."""
    found: dict[str, click.Command] = {}

    def walk(group: click.Group, ctx: click.Context, prefix: str) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            if isinstance(command, click.Group):
                walk(command, ctx, f"{prefix}{name} ")
            else:
                found[f"{prefix}{name}"] = command

    with click.Context(main) as ctx:
        walk(main, ctx, "")
    return found


def table() -> dict[str, list[str]]:
    """The rows of the README's table: the option as written -> the cells naming commands."""
    section = README.read_text(encoding="utf-8").split("## Options the commands share", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(--[a-z]+(?: [a-z\\|]+)?)` \| (.*) \|$", section, flags=re.MULTILINE)
    return {option.replace("\\|", "|"): [cell] for option, cell in rows}


def named(cell: str, every: dict[str, click.Command]) -> set[str]:
    """The commands a cell names: each in backticks, "every `case` and `officer` command" as all of theirs.
    Backticked words that are not commands (``-f/--to``, ``motcua.db``) are left out."""
    found: set[str] = set()
    groups = re.search(r"every (.*?) command", cell)
    if groups:
        for group in re.findall(r"`([a-z ]+)`", groups.group(1)):
            found |= {name for name in every if name.startswith(group + " ")}
        cell = cell.replace(groups.group(0), "")
    cell = re.sub(r"\(.*?\)", "", cell)
    found |= {name for name in re.findall(r"`([a-z ]+)`", cell) if name in every}
    return found


def option_of(command: click.Command, flag: str) -> click.Option | None:
    return next((p for p in command.params if isinstance(p, click.Option) and flag in p.opts), None)


def test_the_table_has_its_rows() -> None:
    assert sorted(table()) == sorted([
        "--format text|json", "--format text|json|html", "--format text|json|github|sarif",
        "--format text|json|svg|png|pdf|dot", "--db", "--catalog"])  # fmt: skip


@pytest.mark.parametrize("flag", ["--db", "--catalog"])
def test_the_table_names_exactly_the_commands_taking(flag: str) -> None:
    every = commands()
    (cell,) = table()[flag]
    taking = {name for name, command in every.items() if option_of(command, flag) is not None}
    assert named(cell, every) == taking


def test_the_table_names_exactly_the_commands_taking_format_and_its_values() -> None:
    every = commands()
    said: dict[str, tuple[str, ...]] = {}
    for row, (cell,) in table().items():
        if row.startswith("--format "):
            for name in named(cell, every):
                assert name not in said, f"{name} is in two rows"
                said[name] = tuple(row.split(" ", 1)[1].split("|"))
    taking = {}
    for name, command in every.items():
        option = option_of(command, "--format")
        if option is not None:
            assert isinstance(option.type, click.Choice)
            taking[name] = tuple(option.type.choices)
    assert said == taking
