"""Where the case CLI finds its store (issue 8, finding 9).

Read commands open the store read-only and work on a read-only file in a read-only folder;
no command but ``officer add`` creates a store, so a mistyped ``--db`` is an error naming it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")


def cli(group: object, *args: str, db: Path) -> Result:
    return CliRunner().invoke(group, [*args, "--db", str(db), "--catalog", CATALOG])  # type: ignore[arg-type]


def filled(db: Path) -> str:
    """A store with two officers and one case, closed cleanly (no -wal or -shm file left)."""
    for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon")):
        r = cli(officer, "add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", oid, "--position", "CV", db=db)
        assert r.exit_code == 0, r.stderr
    r = cli(case, "open", "cap-phep", "--applicant", "Trần Văn An", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    assert r.exit_code == 0, r.stderr
    cid = r.stdout.split()[0]
    assert cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db).exit_code == 0
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]
    return cid


def state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a store, then made read-only with its file, for root too (chattr +i)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    targets = [folder / "cases.db", folder]
    filled(targets[0])
    frozen_with = None
    if os.geteuid() == 0:
        if all(subprocess.run(["chattr", "+i", str(t)], capture_output=True).returncode == 0 for t in targets):
            frozen_with = "chattr"
    else:
        for t in targets:
            t.chmod(0o555 if t.is_dir() else 0o444)
        frozen_with = "chmod"
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("cannot make a folder read-only here")
        yield folder
    finally:
        for t in targets:
            if frozen_with == "chattr":
                subprocess.run(["chattr", "-i", str(t)], capture_output=True)
            else:
                t.chmod(0o755 if t.is_dir() else 0o644)


def test_read_commands_work_on_a_read_only_store_in_a_read_only_folder(frozen: Path) -> None:
    db = frozen / "cases.db"
    before = state(frozen)
    cid = json.loads(cli(case, "list", "--format", "json", db=db).stdout)[0]["id"]
    for group, args in [
        (case, ["show", cid, "--at", "2025-03-03T10:00"]),
        (case, ["show", cid, "--format", "json"]),
        (case, ["list"]),
        (case, ["list", "--overdue", "--at", "2025-03-20T08:00", "--format", "json"]),
        (officer, ["list"]),
    ]:
        r = cli(group, *args, db=db)
        assert r.exit_code == 0, (args, r.stderr)
        assert cid in r.stdout or "o-mc" in r.stdout
    assert state(frozen) == before  # no -wal or -shm file, the store's bytes and time unchanged
    r = cli(case, "fire", cid, "answer", "--actor", "o-mc", "--at", "2025-03-03T10:00", db=db)
    assert r.exit_code == 3 and r.stderr.count("\n") == 1 and str(db) in r.stderr and "Traceback" not in r.stderr
    assert state(frozen) == before


def test_read_commands_change_nothing_in_a_store(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    cid = filled(db)
    before = (db.stat().st_mtime_ns, db.read_bytes())
    for group, args in [(case, ["show", cid]), (case, ["list", "--overdue"]), (officer, ["list"])]:
        assert cli(group, *args, db=db).exit_code == 0
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before


@pytest.mark.parametrize(
    ("group", "args"),
    [
        (case, ["show", "000.00.99.H99-20250303-0001"]),
        (case, ["list"]),
        (case, ["list", "--overdue"]),
        (case, ["tick", "--at", "2025-03-20T08:00"]),
        (case, ["fire", "000.00.99.H99-20250303-0001", "complete", "--actor", "o-mc"]),
        (case, ["correct", "000.00.99.H99-20250303-0001", "--actor", "o-mc", "--reason", "Nhầm"]),
        (case, ["extend", "000.00.99.H99-20250303-0001", "xa-xa", "--actor", "o-mc", "--reason", "Xa"]),
        (case, ["pause", "000.00.99.H99-20250303-0001", "thue", "--actor", "o-mc", "--reason", "Thuế"]),
        (case, ["resume", "000.00.99.H99-20250303-0001", "--actor", "o-mc"]),
        (case, ["show", "000.00.99.H99-20250303-0001", "--format", "json"]),
        (case, ["list", "--format", "json"]),
        (officer, ["list"]),
    ],
    ids=["show", "list", "list-overdue", "tick", "fire", "correct", "extend", "pause", "resume", "show-json",
         "list-json", "officer-list"],
)
def test_a_mistyped_db_is_an_error_naming_the_path(tmp_path: Path, group: object, args: list[str]) -> None:
    typo = tmp_path / "cases.bd"
    r = cli(group, *args, db=typo)
    assert r.exit_code == 2, r.stderr
    assert r.stderr == f"error: {typo}: no case store there (check the path: --db or MOTCUA_DB)\n"
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_motcua_db_creates_nothing_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typo = tmp_path / "sub" / "cases.bd"
    monkeypatch.setenv("MOTCUA_DB", str(typo))
    for args in (["list"], ["show", "000.00.99.H99-20250303-0001"]):
        r = CliRunner().invoke(case, args)
        assert r.exit_code == 2 and r.stderr == f"error: {typo}: no case store there (check the path: --db or MOTCUA_DB)\n"
    assert not typo.exists() and list(tmp_path.iterdir()) == []


def test_open_on_a_missing_store_says_which_command_creates_one(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    r = cli(case, "open", "cap-phep", "--applicant", "A", "--actor", "o-mc", db=db)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert str(db) in r.stderr and "'motcua officer add' creates a store there" in r.stderr
    vi = cli(case, "open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--lang", "vi", db=db)
    assert vi.exit_code == 2 and vi.stderr == (f"lỗi: {db}: không có kho hồ sơ ở đó (kiểm tra đường dẫn: --db hoặc "
                                               "MOTCUA_DB); lệnh 'motcua officer add' tạo một kho ở đó\n")
    assert not db.exists()
    filled(db)  # officer add creates it
    assert db.exists()
