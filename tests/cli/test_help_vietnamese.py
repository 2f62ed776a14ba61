"""Every command of ``motcua`` explains itself in Vietnamese: its help and the help of each of its
options and arguments have their entry in ``motcua.cli.help_vi``, and ``--help`` shows them when
the run speaks Vietnamese (and the English when it speaks English)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.cli.help_vi import HELP_VI


def walk(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command`` (itself first), with the words that call it."""
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join(path)} lists {name} but has no such command"
            yield from walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))


COMMANDS = list(walk(main, (), click.Context(main, info_name="motcua")))


def helped(command: click.Command) -> Iterator[tuple[str, str]]:
    """(what, English help) for the command and each of its parameters that has a help."""
    if command.help:
        yield "help", inspect.cleandoc(command.help)
    if command.short_help:
        yield "short help", command.short_help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield " / ".join(param.opts), text


def name(path: tuple[str, ...]) -> str:
    return " ".join(("motcua", *path))


def squeezed(text: str) -> str:
    """``text`` without whitespace (click wraps lines, at spaces and hyphens) or ``\\b`` marks."""
    return "".join(text.replace("\b", "").split())


def test_the_walk_reaches_every_command_and_subcommand() -> None:
    names = {name(path) for path, _ in COMMANDS}
    for expected in ("motcua case open", "motcua officer add", "motcua new procedure", "motcua import dvcqg",
                     "motcua export bpmn", "motcua schema", "motcua validate", "motcua publish"):  # fmt: skip
        assert expected in names


def test_every_command_and_option_has_its_vietnamese() -> None:
    missing = [f"{name(path)} {what}: {text!r}" for path, command in COMMANDS for what, text in helped(command)
               if text not in HELP_VI]  # fmt: skip
    assert not missing, "no Vietnamese in motcua/cli/help_vi.py for:\n" + "\n".join(missing)


def test_the_table_holds_only_help_that_is_written_somewhere() -> None:
    written = {text for _, command in COMMANDS for _, text in helped(command)}
    stale = [key for key in HELP_VI if key not in written]
    assert not stale, "help_vi.py translates help no command has (reworded or removed?):\n" + "\n".join(map(repr, stale))


def test_every_vietnamese_help_is_a_translation() -> None:
    for english, vietnamese in HELP_VI.items():
        assert vietnamese.strip() and vietnamese != english, english
        assert vietnamese.count("\b") == english.count("\b"), english  # click's "keep as written" marks
        assert any(c.isalpha() and not c.isascii() for c in vietnamese), english  # written with its diacritics


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=[name(path) for path, _ in COMMANDS])
def test_help_shows_the_vietnamese_with_motcua_lang_vi(path: tuple[str, ...]) -> None:
    command = dict(COMMANDS)[path]
    result = CliRunner().invoke(main, [*path, "--help"], env={"MOTCUA_LANG": "vi"})
    assert result.exit_code == 0, result.output
    shown = squeezed(result.output)
    assert "Tuỳchọn:" in shown
    for what, text in helped(command):
        hidden = any(getattr(p, "hidden", False) for p in command.params if what == " / ".join(p.opts))
        if what == "short help" or hidden:
            continue
        vietnamese = HELP_VI.get(text, text)
        assert squeezed(vietnamese) in shown, f"{name(path)} --help, {what}: {vietnamese!r}"
        assert squeezed(text) not in shown


def test_lang_en_shows_the_english_help() -> None:
    result = CliRunner().invoke(main, ["case", "open", "--help", "--lang", "en"], env={"MOTCUA_LANG": "vi"})
    assert result.exit_code == 0, result.output
    command = dict(COMMANDS)[("case", "open")]
    shown = squeezed(result.output)
    for _, text in helped(command):
        assert squeezed(text) in shown
    assert "Options:" in result.output and "Tuỳ chọn" not in result.output


def test_a_subcommand_lists_its_commands_in_vietnamese() -> None:
    result = CliRunner().invoke(main, ["case", "--help"], env={"MOTCUA_LANG": "vi"})
    assert result.exit_code == 0, result.output
    assert "Lệnh:" in result.output
    assert "Ghi sự kiện EVENT cho hồ sơ CASE" in result.output
