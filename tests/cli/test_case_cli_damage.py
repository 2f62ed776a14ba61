"""A damaged case store ends in one line with the "corrupted" code (issue 8, finding 7).

Values planted in a real store file (a time that is no date, truncated JSON, text that is not
UTF-8, a state or event the procedure does not have, a definition that does not match its
digest) and random bytes over random pages: every read and write command answers with one
line naming the case and the row, exit 3, and never a traceback.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer
from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog

CATALOG = Path(__file__).parents[1] / "engine" / "catalog"


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """A store of four cases: at appraisal after a supplement, under a timer, refused, corrected."""
    path = tmp_path_factory.mktemp("pristine") / "cases.db"
    with Engine(load_catalog(CATALOG), store=path) as e:
        for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-xa", "ubnd-xa"), ("o-gd", "giam-doc")):
            e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=f"Cán bộ {oid}", position="Chuyên viên")
        a = e.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=t(3, 8)).id
        e.fire(a, "complete", actor="o-mc", at=t(3, 9))
        e.fire(a, "request_supplement", actor="o-cm", records=["don"], note="Thiếu chữ ký", at=t(4, 9))
        e.fire(a, "supplement", actor="o-mc", records=["don"], at=t(5, 9))
        e.fire(a, "answer", actor="o-xa", at=t(5, 10))
        b = e.open("dang-ky", applicant="Công ty B", actor="o-mc", at=t(3, 8)).id
        e.fire(b, "complete", actor="o-mc", at=t(3, 9))
        c = e.open("cap-phep", applicant="C", actor="o-mc", at=t(3, 10)).id
        e.fire(c, "refuse", actor="o-mc", note="Không thuộc thẩm quyền", at=t(3, 11))
        d = e.open("cap-phep", applicant="D", actor="o-mc", at=t(3, 12)).id
        e.fire(d, "complete", actor="o-mc", at=t(3, 13))
        e.correct(d, actor="o-mc", reason="Chuyển nhầm", at=t(3, 14))
    return path.read_bytes(), [a, b, c, d]


def cli(group: object, *args: str, db: Path) -> Result:
    return CliRunner().invoke(group, [*args, "--db", str(db)])  # type: ignore[arg-type]


def commands(cid: str) -> list[tuple[object, list[str]]]:
    return [
        (case, ["show", cid, "--at", "2025-03-06T08:00"]),
        (case, ["show", cid, "--format", "json"]),
        (case, ["list"]),
        (case, ["list", "--overdue", "--at", "2025-04-01T08:00"]),
        (case, ["fire", cid, "answer", "--actor", "o-xa", "--at", "2025-03-06T08:00"]),
        (case, ["correct", cid, "--actor", "o-mc", "--reason", "Nhầm", "--at", "2025-03-06T08:00"]),
    ]


def plant(db: Path, sql: str, args: tuple[object, ...]) -> None:
    con = sqlite3.connect(db)
    # The test's own hand on the file: the log's append-only triggers do not stop it.
    con.execute("DROP TRIGGER events_append_only_update")
    assert con.execute(sql, args).rowcount == 1
    con.commit()
    con.close()


DAMAGE = {
    "due-no-date": ("UPDATE cases SET due = '2014-02-30T17:00:00' WHERE id = ?", "row cases (id {a}) has a damaged value in column 'due'"),
    "received-aware": ("UPDATE cases SET received_at = '2025-03-03T08:00:00+07:00' WHERE id = ?", "column 'received_at'"),
    "answered-truncated": ("UPDATE cases SET answered = '[\"ubnd-xa\"' WHERE id = ?", "column 'answered'"),
    "paused-not-a-number": ("UPDATE cases SET step_paused_us = 'abc' WHERE id = ?", "column 'step_paused_us'"),
    "revision-text": ("UPDATE cases SET revision = 'five' WHERE id = ?", "row cases (id {a}) has a damaged value in column 'revision'"),
    "applicant-not-utf8": ("UPDATE cases SET applicant = CAST(X'43C3FF' AS TEXT) WHERE id = ?", "row cases (id {a}) has a damaged value in column 'applicant'"),
    "applicant-blob": ("UPDATE cases SET applicant = X'00FF' WHERE id = ?", "column 'applicant'"),
    "state-unknown": ("UPDATE cases SET state = 'tham-dinh-x' WHERE id = ?", "row cases (id {a}): column 'state' names no state"),
    "paused-from-set": ("UPDATE cases SET paused_from = 'tham-dinh' WHERE id = ?", "columns 'paused_from' and 'paused_at'"),
    "digest-unknown": ("UPDATE cases SET digest = 'deadbeef' WHERE id = ?", "row cases (id {a}) column 'digest' names no pinned definition"),
    "event-at-no-date": ("UPDATE events SET at = '2025-02-30T09:00:00' WHERE case_id = ? AND seq = 2", "row events (case_id {a}, seq 2) has a damaged value in column 'at'"),
    "event-records-truncated": ("UPDATE events SET records = '[\"don\"' WHERE case_id = ? AND seq = 3", "row events (case_id {a}, seq 3) has a damaged value in column 'records'"),
    "event-records-not-a-list": ("UPDATE events SET records = '{\"don\": 1}' WHERE case_id = ? AND seq = 3", "column 'records'"),
    "event-record-unknown": ("UPDATE events SET records = '[\"giay-x\"]' WHERE case_id = ? AND seq = 3", "row events (case_id {a}, seq 3): column 'records' names a record"),
    "event-name-unknown": ("UPDATE events SET event = 'approve-x' WHERE case_id = ? AND seq = 2", "row events (case_id {a}, seq 2): column 'event' names no event"),
    "event-actor-not-utf8": ("UPDATE events SET actor_name = CAST(X'FFFE' AS TEXT) WHERE case_id = ? AND seq = 4", "row events (case_id {a}, seq 4) has a damaged value in column 'actor_name'"),
    "event-target-unknown": ("UPDATE events SET target = 'x' WHERE case_id = ? AND seq = 5", "row events (case_id {a}, seq 5): column 'target'"),
    "definition-truncated": ("UPDATE definitions SET text = substr(text, 1, 200) WHERE digest = (SELECT digest FROM cases WHERE id = ?)", "row definitions (digest "),
}  # fmt: skip


@pytest.mark.parametrize(("sql", "row"), DAMAGE.values(), ids=DAMAGE.keys())
def test_a_planted_value_is_reported_as_a_corrupted_row(tmp_path: Path, pristine: tuple[bytes, list[str]], sql: str,
                                                         row: str) -> None:  # fmt: skip
    content, (a, _, c, d) = pristine
    db = tmp_path / "cases.db"
    db.write_bytes(content)
    plant(db, sql, (a,))
    damaged = db.read_bytes()
    for group, args in commands(a):
        r = cli(group, *args, db=db)
        assert r.exit_code == 3, (args, r.stdout, r.stderr, r.exception)
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
        # A definition is shared by the cases of its procedure: a listing meets it on the first of them.
        named = (a, c, d) if sql.startswith("UPDATE definitions") and args[0] == "list" else (a,)
        assert any(r.stderr.startswith(f"error: {db}: case {n}: ") for n in named), (args, r.stderr)
        assert row.format(a=a) in r.stderr, (args, r.stderr)
        assert "the case store is corrupted; restore it from a backup" in r.stderr
    assert db.read_bytes() == damaged  # nothing was written on a damaged case


def test_a_damaged_officer_row_is_named(tmp_path: Path, pristine: tuple[bytes, list[str]]) -> None:
    content, (a, *_) = pristine
    db = tmp_path / "cases.db"
    db.write_bytes(content)
    plant(db, "UPDATE officers SET unit = X'FF' WHERE id = ?", ("o-xa",))
    for group, args in [(officer, ["list"]), (case, ["fire", a, "answer", "--actor", "o-xa", "--at", "2025-03-06T08:00"])]:
        r = cli(group, *args, db=db)
        assert r.exit_code == 3 and r.stderr.count("\n") == 1, r.stderr
        assert "row officers (id o-xa) has a damaged value in column 'unit'" in r.stderr and "corrupted" in r.stderr


@pytest.mark.parametrize("seed", range(40))
def test_random_damage_never_ends_in_a_traceback(tmp_path: Path, pristine: tuple[bytes, list[str]], seed: int) -> None:
    content, ids = pristine
    rng = random.Random(seed)
    page = 4096
    data = bytearray(content)
    where = rng.randrange(page if seed % 4 else 0, len(data))  # one run in four may hit the header page
    span = rng.choice([1, 8, 64, page])
    data[where : where + span] = rng.randbytes(min(span, len(data) - where))
    db = tmp_path / "cases.db"
    db.write_bytes(bytes(data))
    cid = rng.choice(ids)
    for group, args in commands(cid) + [(case, ["tick", "--at", "2025-03-20T08:00"]), (officer, ["list"])]:
        r = cli(group, *args, db=db)
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)
        assert r.exit_code in (0, 1, 2, 3), (args, r.exit_code)
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr, (args, r.stderr)
        if r.exit_code:
            assert r.stderr.count("\n") == 1, r.stderr
        if r.exit_code == 3:
            assert "corrupted" in r.stderr, (args, r.stderr)
