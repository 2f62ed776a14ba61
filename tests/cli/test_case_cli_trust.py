"""The case CLI under careless and hostile input (issue 8, findings 5, 7, 8 and 12).

A mistyped year, times beyond the calendar, bytes that are not UTF-8, a reused event id and
control characters: each ends in one line on stderr with the right exit code, never a
traceback, and the store is left as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer
from motcua.engine.ledger import now

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")
YEAR_AHEAD = f"{now().year + 16}-03-03T10:00"  # 2041 typed for 2025


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.db")
    for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-gd", "giam-doc"), ("o-xa", "ubnd-xa"),
                      ("o-ca", "cong-an")]:  # fmt: skip
        r = cli(officer, "add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", f"Cán bộ {oid}",
                "--position", "Chuyên viên", db=path)  # fmt: skip
        assert r.exit_code == 0, r.output
    return path


def cli(group: object, *args: str, db: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(group, [*args, "--db", db, "--catalog", CATALOG], env=env)  # type: ignore[arg-type]


def opened(db: str, procedure: str = "cap-phep") -> str:
    r = cli(case, "open", procedure, "--applicant", "Trần Văn An", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=db)
    assert r.exit_code == 0, r.stderr
    return r.stdout.split()[0]


def one_line(r: Result, code: int, *needles: str) -> None:
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    for needle in needles:
        assert needle in r.stderr, r.stderr


def snapshot(db: str, cid: str) -> str:
    r = cli(case, "show", cid, "--at", "2025-03-03T09:00", "--format", "json", db=db)
    assert r.exit_code == 0, r.stderr
    return r.stdout


# -- finding 5: a mistyped year, times beyond the calendar, corrections ----------------------


def test_a_mistyped_year_is_refused_and_the_case_stays_open_to_later_events(db: str) -> None:
    cid = opened(db)
    before = snapshot(db, cid)
    one_line(cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", YEAR_AHEAD, db=db), 2,
             f"case {cid}: at ", "ahead of the clock")  # fmt: skip
    one_line(cli(case, "open", "cap-phep", "--applicant", "B", "--actor", "o-mc", "--at", YEAR_AHEAD, db=db), 2,
             "ahead of the clock")  # fmt: skip
    one_line(cli(case, "tick", "--at", YEAR_AHEAD, db=db), 2, "ahead of the clock")
    assert snapshot(db, cid) == before
    assert cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["fire", "CASE", "complete", "--actor", "o-mc", "--at", "9999-12-31T10:00"],
        ["open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at", "9999-12-31T10:00"],
        ["show", "CASE", "--at", "0001-01-01T00:00+14:00"],
        ["show", "CASE", "--at", "9999-12-31T23:59-12:00"],
        ["list", "--overdue", "--at", "0001-01-01T00:00+14:00"],
        ["list", "--overdue", "--at", "9999-12-31T23:59-12:00"],
        ["tick", "--at", "9999-12-31T23:59-12:00"],
        ["tick", "--at", "0001-01-01T00:00+14:00"],
        ["correct", "CASE", "--actor", "o-mc", "--reason", "x", "--at", "9999-12-31T23:59-12:00"],
        ["fire", "CASE", "apologize", "--actor", "o-gd", "--note", "x", "--until", "9999-12-31T23:59-12:00"],
    ],
    ids=["fire-9999", "open-9999", "show-year-0", "show-year-10000", "list-year-0", "list-year-10000",
         "tick-year-10000", "tick-year-0", "correct-year-10000", "until-year-10000"],  # fmt: skip
)
def test_times_beyond_the_calendar_are_bad_input(db: str, args: list[str]) -> None:
    cid = opened(db)
    r = cli(case, *[cid if a == "CASE" else a for a in args], db=db)
    one_line(r, 2)


def test_an_appointment_years_ahead_is_refused(db: str) -> None:
    cid = opened(db)
    cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    late = ["apologize", "--actor", "o-gd", "--note", "Chờ ý kiến", "--at", "2025-03-20T09:00"]  # due on the 18th
    one_line(cli(case, "fire", cid, *late, "--until", "9999-12-31T10:00", db=db), 2, "more than 366 days after")
    assert cli(case, "fire", cid, *late, "--until", "2025-03-28T17:00", db=db).exit_code == 0


def test_the_margin_comes_from_the_environment_and_a_correction_unlocks_the_case(db: str) -> None:
    cid = opened(db)
    wide = {"MOTCUA_FUTURE_MARGIN": "10000"}  # as the engine was before: a store may hold such a time
    assert cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", YEAR_AHEAD, db=db, env=wide).exit_code == 0
    one_line(cli(case, "fire", cid, "answer", "--actor", "o-xa", "--at", "2025-03-04T09:00", db=db), 2,
             "before its last event")  # fmt: skip
    r = cli(case, "correct", cid, "--actor", "o-mc", "--reason", "Gõ nhầm năm", "--at", "2025-03-03T09:00",
            "--format", "json", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["state"], doc["revision"], doc["events"][-1]["corrects"]) == ("tiep-nhan", 3, 2)
    for args in (["complete", "--actor", "o-mc", "--at", "2025-03-03T09:30"],
                 ["answer", "--actor", "o-xa", "--at", "2025-03-04T09:00"]):  # fmt: skip
        assert cli(case, "fire", cid, *args, db=db).exit_code == 0
    shown = cli(case, "show", cid, "--at", "2025-03-04T10:00", "--format", "text", db=db)
    assert shown.exit_code == 0
    voided = [line for line in shown.stdout.splitlines() if "ĐÃ HỦY bởi đính chính #3" in line]
    assert len(voided) == 2 and all("“Gõ nhầm năm”" in line and "Cán bộ o-mc" in line for line in voided)
    for bad in ("abc", "-1", "nan", "inf"):
        one_line(cli(case, "fire", cid, "answer", "--actor", "o-ca", db=db, env={"MOTCUA_FUTURE_MARGIN": bad}), 2,
                 "MOTCUA_FUTURE_MARGIN")  # fmt: skip


def test_correct_refuses_the_receipt_an_outsider_and_a_missing_reason(db: str) -> None:
    cid = opened(db)
    one_line(cli(case, "correct", cid, "--actor", "o-mc", "--reason", "Nhầm", db=db), 1, "receipt cannot be voided")
    cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    one_line(cli(case, "correct", cid, "--actor", "o-xa", "--reason", "Nhầm", db=db), 1,
             "'ubnd-xa' may not fire 'correct' at event 2 'complete'")  # fmt: skip
    one_line(cli(case, "correct", cid, "--actor", "o-mc", "--reason", " ", db=db), 2, "needs a written reason")
    one_line(cli(case, "fire", cid, "correct", "--actor", "o-mc", db=db), 1, "motcua case correct")


# -- finding 7: bytes that are not UTF-8 --------------------------------------------------------


def run_cli(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    code = ("import sys, click; from motcua.cli.case import case; from motcua.cli.officer import officer; "
            "click.Group('motcua', commands={'case': case, 'officer': officer})(sys.argv[1:], prog_name='motcua')")  # fmt: skip
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=60, env=env)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        ([b"case", b"show", b"CASE\xff"], "CASE"),
        ([b"case", b"fire", b"CASE", b"complete", b"--actor", b"o-mc\xff"], "--actor"),
        ([b"case", b"open", b"cap-phep", b"--applicant", b"C\xf4ng ty B", b"--actor", b"o-mc"], "--applicant"),
        ([b"officer", b"add", b"o-\xff", b"--agency", b"so-thu-nghiem", b"--unit", b"mot-cua", b"--name", b"N",
          b"--position", b"P"], "OFFICER"),
        ([b"case", b"fire", b"CASE", b"complete", b"--actor", b"o-mc", b"--event-id", b"E\xff1"], "--event-id"),
        ([b"case", b"correct", b"CASE", b"--actor", b"o-mc", b"--reason", b"\xff"], "--reason"),
        ([b"case", b"list", b"--procedure", b"cap\xff"], "--procedure"),
        ([b"officer", b"list", b"--agency", b"\xff"], "--agency"),
    ],
    ids=["case-id", "actor", "applicant", "officer-id", "event-id", "reason", "procedure", "agency"],
)
def test_bytes_that_are_not_utf8_are_bad_input(db: str, args: list[bytes], option: str) -> None:
    cid = opened(db)
    before = Path(db).read_bytes()
    argv = [a.replace(b"CASE", cid.encode()) for a in args] + [b"--db", db.encode(), b"--catalog", CATALOG.encode()]
    r = run_cli(*argv)
    err = r.stderr.decode("utf-8", "backslashreplace")
    assert r.returncode == 2, err
    assert err.startswith(f"error: {option}: character ") and "that is not UTF-8" in err
    assert err.count("\n") == 1 and "Traceback" not in err and r.stdout == b""
    assert Path(db).read_bytes() == before


# -- finding 8: an event id names one event ------------------------------------------------------


def test_an_event_id_reused_for_another_event_is_refused_naming_both(db: str) -> None:
    cid = opened(db)
    cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    first = ["request_supplement", "--actor", "o-cm", "--record", "don", "--note", "Thiếu chữ ký", "--event-id", "E1",
             "--at", "2025-03-04T09:00"]  # fmt: skip
    assert cli(case, "fire", cid, *first, db=db).exit_code == 0
    before = snapshot(db, cid)
    r = cli(case, "fire", cid, "withdraw", "--actor", "o-mc", "--event-id", "E1", db=db)
    one_line(r, 2, f"event id E1 is already recorded on case {cid} as event 3 'request_supplement' by o-cm",
             "this call asks for 'withdraw' by o-mc", "differ in event, actor, note, records")  # fmt: skip
    for changed in (["--note", "Khác"], ["--record", "ban-sao"], ["--at", "2025-03-04T09:30"]):
        args = list(first)
        i = args.index(changed[0])
        args[i + 1] = changed[1]
        one_line(cli(case, "fire", cid, *args, db=db), 2, "event id E1", f"differ in {changed[0][2:]}")
    other = opened(db, "dang-ky")
    one_line(cli(case, "fire", other, *first, db=db), 2, f"on case {other}", "differ in case")
    assert snapshot(db, cid) == before
    again = cli(case, "fire", cid, *first, "--format", "json", db=db)  # the same event: harmless
    assert again.exit_code == 0 and json.loads(again.stdout)["revision"] == 3
    no_time = [a for a in first if a not in ("--at", "2025-03-04T09:00")]
    assert cli(case, "fire", cid, *no_time, db=db).exit_code == 0  # a retry without a time matches any
    assert snapshot(db, cid) == before


def test_a_receipt_id_reused_for_another_dossier_is_refused(db: str) -> None:
    args = ["open", "cap-phep", "--applicant", "Công ty A", "--actor", "o-mc", "--at", "2025-03-03T08:00",
            "--event-id", "R1"]  # fmt: skip
    first = cli(case, *args, db=db)
    assert first.exit_code == 0
    cid = first.stdout.split()[0]
    assert cli(case, *args, db=db).stdout.split()[0] == cid
    one_line(cli(case, *[("Công ty B" if a == "Công ty A" else a) for a in args], db=db), 2,
             f"event id R1 is already recorded on case {cid} as event 1 'receive'", "differ in applicant")  # fmt: skip
    one_line(cli(case, *[("dang-ky" if a == "cap-phep" else a) for a in args], db=db), 2, "differ in procedure")
    one_line(cli(case, *args, "--record", "don", db=db), 2, "differ in records")
    listed = json.loads(cli(case, "list", "--format", "json", db=db).stdout)
    assert [c["id"] for c in listed] == [cid]


# -- finding 12: control characters never reach the terminal --------------------------------------


def test_a_forged_line_in_the_applicant_is_refused(db: str) -> None:
    r = cli(case, "open", "cap-phep", "--applicant", "Cty B\nMã hồ sơ: FORGED-0001", "--actor", "o-mc", db=db)
    one_line(r, 2, "error: --applicant: character 6 is a line break (U+000A)")
    assert r.stdout == "" and "FORGED" not in r.stderr
    for option in ("--note", "--actor"):
        r = cli(case, "fire", "X", "refuse", "--actor", "o-mc", option, "\x1b]0;owned\x07", db=db)
        one_line(r, 2, f"error: {option}: character 1 is a control character (U+001B)")
        assert "\x1b" not in r.stderr


HOSTILE = "Cty B\nMã hồ sơ: FORGED-0001 \x1b[31mRED\x1b]0;title\x07 \x9b2J \u2028 \ufffe"


def test_stored_control_characters_are_escaped_in_text_and_json(db: str) -> None:
    cid = opened(db)
    cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", db=db)
    # As a store written by an older version may hold them (the append-only trigger aside for it).
    con = sqlite3.connect(db)
    con.execute("UPDATE cases SET applicant = ? WHERE id = ?", (HOSTILE, cid))
    con.execute("UPDATE officers SET name = ?, position = ? WHERE id = 'o-cm'", (HOSTILE, HOSTILE))
    con.execute("DROP TRIGGER events_append_only_update")
    con.execute("UPDATE events SET actor_name = ?, actor = ? WHERE case_id = ? AND seq = 2", (HOSTILE, HOSTILE, cid))
    con.commit()
    con.close()
    for args in (["case", "show", cid, "--at", "2025-03-03T10:00"], ["case", "list"], ["officer", "list"]):
        group = case if args[0] == "case" else officer
        r = cli(group, *args[1:], db=db)
        assert r.exit_code == 0, r.stderr
        for raw in ("\x1b", "\x07", "\x9b", "\u2028", "\ufffe"):
            assert raw not in r.stdout
        assert not any(line.startswith("Mã hồ sơ: FORGED") for line in r.stdout.splitlines())
        assert "FORGED-0001 \\x1b[31mRED\\x1b]0;title\\x07 \\x9b2J \\u2028 \\ufffe" in r.stdout
        j = cli(group, *args[1:], "--format", "json", db=db)
        assert j.exit_code == 0
        assert all(raw not in j.stdout for raw in ("\x1b", "\x07", "\x9b", "\u2028", "\ufffe"))
        assert HOSTILE in texts(json.loads(j.stdout))


def texts(doc: object) -> list[str]:
    """Every text value of a JSON document."""
    if isinstance(doc, str):
        return [doc]
    if isinstance(doc, list):
        return [t for item in doc for t in texts(item)]
    if isinstance(doc, dict):
        return [t for item in doc.values() for t in texts(item)]
    return []


def test_a_refusal_quoting_stored_text_is_escaped(db: str) -> None:
    cid = opened(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE officers SET unit = ? WHERE id = 'o-cm'", ("phong\x1b[2J",))
    con.commit()
    con.close()
    r = cli(case, "fire", cid, "complete", "--actor", "o-cm", "--at", "2025-03-03T09:00", db=db)
    one_line(r, 1, "officer 'o-cm' of unit 'phong\\x1b[2J' may not fire 'complete'")
    assert "\x1b" not in r.stderr
