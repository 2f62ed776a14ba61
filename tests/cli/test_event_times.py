"""Every command that records something in the case store takes ``--at``, and what it records
carries that time: a case replayed from the past (the README tour's) is dated as it happened."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from motcua.cli.case import case
from motcua.cli.officer import officer

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")

#: The commands that write to the store: each records an event or a registration.
RECORDING = {("case", "open"), ("case", "fire"), ("case", "correct"), ("case", "extend"), ("case", "pause"),
             ("case", "resume"), ("case", "tick"), ("officer", "add")}  # fmt: skip


@pytest.mark.parametrize(("group", "name"), sorted(RECORDING))
def test_every_recording_command_takes_at(group: str, name: str) -> None:
    command = {"case": case, "officer": officer}[group].commands[name]  # type: ignore[attr-defined]
    (at,) = [p for p in command.params if isinstance(p, click.Option) and "--at" in p.opts]
    assert at.metavar == "ISO" and "default now" in (at.help or "")


def test_the_recording_commands_are_all_listed() -> None:
    """A command that opens the store for writing is in RECORDING (the read commands open it read-only)."""
    import inspect

    from motcua.cli import case as module

    writing = set()
    for group_name, group in (("case", case), ("officer", officer)):
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            source = inspect.getsource(command.callback)
            if "read_only=True" not in source:
                writing.add((group_name, name))
    assert writing == RECORDING, module.__file__


def add(db: str, *extra: str, unit: str = "mot-cua") -> dict[str, object]:
    r = CliRunner().invoke(officer, ["add", "o-mc", "--agency", "so-thu-nghiem", "--unit", unit, "--name", "Hoa",
                                     "--position", "Chuyên viên", "--db", db, "--catalog", CATALOG, *extra])  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc: dict[str, object] = json.loads(r.stdout)
    return doc


def history(db: str) -> list[dict[str, object]]:
    r = CliRunner().invoke(officer, ["history", "o-mc", "--db", db, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    found: list[dict[str, object]] = json.loads(r.stdout)
    return found


def test_officer_add_dates_the_registration_and_the_update_at(tmp_path: Path) -> None:
    db = str(tmp_path / "cases.db")
    assert add(db, "--at", "2014-03-03T07:30", "--format", "json")["unit"] == "mot-cua"
    add(db, "--update", "--at", "2014-06-02T08:00+07:00", "--format", "json", unit="giam-doc")
    assert [(r["seq"], r["at"], r["unit"]) for r in history(db)] == [
        (1, "2014-03-03T07:30:00+07:00", "mot-cua"), (2, "2014-06-02T08:00:00+07:00", "giam-doc")]  # fmt: skip


def test_officer_add_refuses_a_time_that_is_not_one_or_too_far_ahead(tmp_path: Path) -> None:
    db = str(tmp_path / "cases.db")
    for value, said in (("3 March", "is not an ISO 8601 time"), ("2999-01-01T08:00", "ahead of the clock")):
        r = CliRunner().invoke(officer, ["add", "o-mc", "--agency", "so-thu-nghiem", "--unit", "mot-cua", "--name",
                                         "Hoa", "--position", "P", "--db", db, "--catalog", CATALOG, "--at", value])  # fmt: skip
        assert r.exit_code == 2 and said in r.stderr, r.stderr
    assert not Path(db).exists() or history_missing(db)


def history_missing(db: str) -> bool:
    r = CliRunner().invoke(officer, ["history", "o-mc", "--db", db])
    return r.exit_code == 2
