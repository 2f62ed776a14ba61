"""``motcua case`` and ``motcua officer`` on a real SQLite file: output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.db")
    for oid, unit, name in [
        ("o-mc", "mot-cua", "Nguyễn Thị Hoa"), ("o-cm", "phong-chuyen-mon", "Lê Văn Bình"),
        ("o-gd", "giam-doc", "Hồ Văn Dũng"), ("o-xa", "ubnd-xa", "Phạm Văn Xã"), ("o-ca", "cong-an", "Đỗ Văn Công"),
    ]:  # fmt: skip
        r = CliRunner().invoke(officer, ["add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", name,
                                         "--position", "Chuyên viên", "--db", path, "--catalog", CATALOG])  # fmt: skip
        assert r.exit_code == 0, r.output
    return path


def cli(group: object, *args: str, db: str) -> Result:
    return CliRunner().invoke(group, [*args, "--db", db, "--catalog", CATALOG])  # type: ignore[arg-type]


def opened(db: str) -> dict[str, object]:
    r = cli(case, "open", "cap-phep", "--applicant", "Trần Văn An", "--actor", "o-mc", "--at", "2025-03-03T08:00",
            "--format", "json", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc: dict[str, object] = json.loads(r.stdout)
    return doc


def test_open_prints_the_case_as_json(db: str) -> None:
    doc = opened(db)
    assert doc["id"] == "000.00.99.H99-20250303-0001"
    assert (doc["procedure"], doc["version"], doc["state"]) == ("cap-phep", "1", "tiep-nhan")
    assert (doc["received_at"], doc["due"]) == ("2025-03-03T08:00:00+07:00", "2025-03-18T17:00:00+07:00")
    (event,) = doc["events"]  # type: ignore[misc]
    assert (event["event"], event["actor"], event["at"]) == ("receive", "o-mc", "2025-03-03T08:00:00+07:00")
    assert doc["receipt"]["records"][1]["copies"] == 1  # type: ignore[index]


def test_open_in_text_prints_the_receipt(db: str) -> None:
    r = cli(case, "open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-03T08:00",
            "--record", "don", db=db)  # fmt: skip
    assert r.exit_code == 0
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in r.stdout and "Mã hồ sơ: 000.00.99.H99-20250303-0001" in r.stdout


def test_a_walk_through_the_frame(db: str) -> None:
    cid = str(opened(db)["id"])
    steps = [
        ["complete", "--actor", "o-mc", "--at", "2025-03-03T09:00"],
        ["request_supplement", "--actor", "o-cm", "--record", "ban-sao", "--note", "Bản sao mờ", "--at", "2025-03-04T09:00"],
        ["supplement", "--actor", "o-mc", "--record", "ban-sao", "--at", "2025-03-05T09:00"],
        ["answer", "--actor", "o-xa", "--at", "2025-03-05T10:00"],
        ["answer", "--actor", "o-ca", "--at", "2025-03-05T11:00"],
        ["approve", "--actor", "o-cm", "--at", "2025-03-21T09:00"],
        ["apologize", "--actor", "o-gd", "--note", "Chờ ký", "--until", "2025-03-26T17:00", "--at", "2025-03-21T10:00"],
    ]
    for args in steps:
        r = cli(case, "fire", cid, *args, "--format", "json", db=db)
        assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["state"], doc["due"], doc["original_due"]) == ("trinh-ky", "2025-03-26T17:00:00+07:00", "2025-03-18T17:00:00+07:00")
    assert [e["event"] for e in doc["events"]][-2:] == ["approve", "apologize"]
    shown = cli(case, "show", cid, "--at", "2025-03-21T11:00", db=db)
    assert shown.exit_code == 0
    for heading in ("GIẤY TIẾP NHẬN", "PHIẾU KIỂM SOÁT", "SỔ THEO DÕI HỒ SƠ", "Quá hạn"):
        assert heading in shown.stdout
    listed = cli(case, "list", "--overdue", "--at", "2025-03-27T08:00", "--format", "json", db=db)
    assert [c["id"] for c in json.loads(listed.stdout)] == [cid]
    assert json.loads(cli(case, "list", "--overdue", "--at", "2025-03-26T08:00", "--format", "json", db=db).stdout) == []


def test_a_refused_event_exits_1_with_one_line_naming_both_units(db: str) -> None:
    cid = str(opened(db)["id"])
    before = cli(case, "show", cid, "--format", "json", "--at", "2025-03-03T09:00", db=db).stdout
    r = cli(case, "fire", cid, "complete", "--actor", "o-cm", "--at", "2025-03-03T09:00", db=db)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert "'phong-chuyen-mon'" in r.stderr and "'mot-cua'" in r.stderr and r.stderr.startswith("refused: ")
    assert cli(case, "show", cid, "--format", "json", "--at", "2025-03-03T09:00", db=db).stdout == before


def test_second_supplement_request_warns_of_the_guide_once_breach(db: str) -> None:
    cid = str(opened(db)["id"])
    for n in (1, 2):
        r = cli(case, "fire", cid, "request_supplement", "--actor", "o-mc", "--record", "don", "--at", f"2025-03-0{n + 2}T09:00", db=db)
        assert r.exit_code == 0
        assert ("guide-once" in r.stderr) == (n == 2)
        cli(case, "fire", cid, "supplement", "--actor", "o-mc", "--record", "don", "--at", f"2025-03-0{n + 2}T10:00", db=db)


def test_tick_fires_due_timeouts(db: str) -> None:
    r = cli(case, "open", "dang-ky", "--applicant", "Công ty A", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    cid = r.stdout.split()[0]
    cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    assert cli(case, "tick", "--at", "2025-03-06T16:00", db=db).stdout.strip() == "no timeouts due"
    moved = json.loads(cli(case, "tick", "--at", "2025-03-07T08:00", "--format", "json", db=db).stdout)
    assert [(c["id"], c["state"], c["events"][-1]["event"]) for c in moved] == [(cid, "co-hieu-luc", "timeout")]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["fire", "000.00.99.H99-20250303-0009", "complete", "--actor", "o-mc"], 2, "no case"),
        (["fire", "CASE", "complete", "--actor", "nobody"], 2, "unknown officer 'nobody'"),
        (["fire", "CASE", "complete", "--actor", "o-mc", "--at", "yesterday"], 2, "--at 'yesterday' is not an ISO 8601 time"),
        (["fire", "CASE", "refuse", "--actor", "o-mc", "--at", "2025-03-03T09:00"], 2, "written reason (--note)"),
        (["fire", "CASE", "approve", "--actor", "o-cm", "--at", "2025-03-03T09:00"], 1, "does not apply at 'tiep-nhan'"),
        (["open", "cap-phe", "--applicant", "A", "--actor", "o-mc"], 2, "did you mean 'cap-phep'"),
    ],
    ids=["unknown-case", "unknown-officer", "bad-time", "missing-reason", "wrong-state", "unknown-procedure"],
)
def test_bad_input_and_refusals_give_one_line_and_no_traceback(db: str, args: list[str], code: int, message: str) -> None:
    cid = str(opened(db)["id"])
    r = cli(case, *[cid if a == "CASE" else a for a in args], db=db)
    assert r.exit_code == code, r.output
    assert message in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_officer_add_checks_the_unit(db: str) -> None:
    r = cli(officer, "add", "o-x", "--agency", "so-thu-nghiem", "--unit", "phong-x", "--name", "X", "--position", "Y", db=db)
    assert r.exit_code == 2 and "no unit 'phong-x'" in r.stderr
    listed = json.loads(cli(officer, "list", "--format", "json", db=db).stdout)
    assert [o["id"] for o in listed] == ["o-ca", "o-cm", "o-gd", "o-mc", "o-xa"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from motcua.cli.case import case; case(sys.argv[1:], prog_name='motcua case')"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [(b"plain text, not a database\n", 2, "not an SQLite database"), (None, 3, "corrupted")],
    ids=["foreign", "corrupted"],
)
def test_a_foreign_or_corrupted_store_exits_with_one_line(tmp_path: Path, db: str, content: bytes | None, code: int, message: str) -> None:
    path = Path(db)
    if content is None:
        opened(db)
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.seek(100)
            f.write(b"\xff" * (size - 100))
    else:
        path = tmp_path / "foreign.db"
        path.write_bytes(content)
    r = run_cli("list", "--db", str(path))
    assert r.returncode == code
    assert message in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_db_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("MOTCUA_DB", str(path))
    r = CliRunner().invoke(officer, ["add", "o-mc", "--agency", "so-thu-nghiem", "--unit", "mot-cua", "--name", "Hoa",
                                     "--position", "Chuyên viên", "--catalog", CATALOG])  # fmt: skip
    assert r.exit_code == 0 and path.exists()
    r = CliRunner().invoke(case, ["list"])
    assert r.exit_code == 0 and r.stdout.strip() == "no cases"
