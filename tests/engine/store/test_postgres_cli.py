"""The case commands on a PostgreSQL store chosen by ``--db URL`` or ``MOTCUA_DB``: the same
commands, results and error lines as on an SQLite file, the password never shown."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli.case import case
from motcua.cli.officer import officer
from tests.engine.store.conftest import PostgresServer

CATALOG = str(Path(__file__).parents[1] / "catalog")


@pytest.fixture
def url(postgres_server: PostgresServer) -> Iterator[str]:
    postgres_server.admin.exec_driver_sql("DROP SCHEMA IF EXISTS cli CASCADE; CREATE SCHEMA cli")
    yield postgres_server.url(schema="cli")
    postgres_server.admin.exec_driver_sql("DROP SCHEMA cli CASCADE")


def cli(group: object, *args: str, db: str | None = None, env: dict[str, str] | None = None) -> Result:
    where = ["--db", db] if db is not None else []
    return CliRunner().invoke(group, [*args, *where, "--catalog", CATALOG], env=env)  # type: ignore[arg-type]


def test_cases_run_on_a_postgresql_store_named_by_url_or_motcua_db(url: str) -> None:
    for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon")):
        r = cli(officer, "add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", oid, "--position", "CV",
                db=url)  # fmt: skip
        assert r.exit_code == 0, r.stderr
    r = cli(case, "open", "cap-phep", "--applicant", "Trần Văn An", "--actor", "o-mc", "--at", "2025-03-03T08:00", db=url)
    assert r.exit_code == 0, r.stderr
    cid = r.stdout.split()[0]
    r = cli(case, "fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-03T09:00", env={"MOTCUA_DB": url})
    assert r.exit_code == 0, r.stderr
    r = cli(case, "show", cid, "--format", "json", env={"MOTCUA_DB": url})
    assert r.exit_code == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["id"] == cid and shown["applicant"] == "Trần Văn An"
    assert [e["event"] for e in shown["events"]] == ["receive", "complete"]
    r = cli(case, "list", "--format", "json", db=url)
    assert r.exit_code == 0, r.stderr
    assert [c["id"] for c in json.loads(r.stdout)] == [cid]


def test_a_read_command_on_an_empty_database_finds_no_store_there(url: str) -> None:
    r = cli(case, "list", db=url)
    assert r.exit_code == 2
    assert r.stderr == f"error: {url}: a database with no case store yet (check the URL: --db or MOTCUA_DB)\n"


def test_a_server_that_is_not_there_ends_in_one_line_and_status_3() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        r = cli(case, "list", db=f"postgresql://clerk:hunter2@127.0.0.1:{port}/cases")
    assert r.exit_code == 3
    assert r.stderr.startswith(f"error: postgresql://clerk:***@127.0.0.1:{port}/cases: cannot connect to the PostgreSQL server: ")
    assert r.stderr.count("\n") == 1 and "hunter2" not in r.stderr and "Traceback" not in r.stderr


def test_a_database_that_does_not_exist_is_bad_input_in_json_too(postgres_server: PostgresServer) -> None:
    db = postgres_server.url("no_such_db")
    r = cli(case, "list", "--format", "json", db=db)
    assert r.exit_code == 2
    error = json.loads(r.stdout)["error"]
    assert error["code"] == "store-missing"
    assert error["message"].startswith(f"{db}: no database no_such_db on the server")
