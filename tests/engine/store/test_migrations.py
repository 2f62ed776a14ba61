"""The store's schema migrations (Alembic) on SQLite and PostgreSQL.

A store of today's schema written before migrations (built here from the statements the stores
sent for schema 4, kept in ``data/``, with the rows today's code writes) is upgraded in place
with every event kept and readable; a new store gets the head revision and exactly today's
tables; a store of a revision this code does not know is refused and left alone; the migrations
are read only from the package's folder, with a configuration built in code.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.cases import Engine
from motcua.engine.ledger import Case
from motcua.engine.officers import Officer
from motcua.engine.spec.loading import load_catalog
from motcua.engine.store import migrations, open_store, postgres_opening, postgres_statements, rows
from motcua.engine.store.base import CaseStore, OfficerRecord, StoreError
from motcua.engine.store.postgres import PostgresStore
from motcua.engine.store.schema import APPLICATION_ID, REVISION, SCHEMA_VERSION
from motcua.engine.store.sqlite import SqliteStore
from tests.engine.store.conftest import PostgresServer

DATA = Path(__file__).parent / "data"
SQLITE_V4 = (DATA / "sqlite_v4.sql").read_text(encoding="utf-8")
POSTGRESQL_V4 = (DATA / "postgresql_v4.sql").read_text(encoding="utf-8")
#: Schema 5 adds the HTTP API's tables (``api_tokens``, ``audit``) and the ``lookup-key`` of ``meta``.
SCHEMA_5 = importlib.import_module("motcua.engine.store.migrations.versions.0005_schema_5")
#: The HTTP API's tables, which ``engine/store/tokens.py`` reaches with statements of its own.
API_TABLES = {"api_tokens", "audit"}
CATALOG = Path(__file__).parents[1] / "catalog"
AT = dt.datetime(2025, 3, 3, 8, 0)
ROOT = Path(__file__).parents[3]


# -- a store of today's schema, as today's code fills it --------------------------------------


@dataclass(frozen=True)
class History:
    """What a store of schema 4 holds: cases with their events, definitions, officers and their records."""

    cases: list[Case]
    definitions: dict[str, str]
    officers: list[Officer]
    records: dict[str, list[OfficerRecord]]

    def rows(self) -> dict[str, list[tuple[object, ...]]]:
        """The rows of each table, as today's code writes them (``store/rows.py``)."""
        sequences: dict[str, int] = {}
        for c in self.cases:
            prefix, number = c.id[:-4], int(c.id[-4:])
            sequences[prefix] = max(sequences.get(prefix, 0), number)
        return {
            "definitions": [(d, f"key-{i}", t) for i, (d, t) in enumerate(sorted(self.definitions.items()))],
            "officers": [rows.officer_row(o) for o in self.officers],
            "officer_records": [rows.officer_record_row(r) for o in self.officers for r in self.records[o.id]],
            "sequences": sorted(sequences.items()),
            "cases": [rows.case_row(c) for c in self.cases],
            "events": [rows.event_row(c.id, e) for c in self.cases for e in c.events],
        }


def history() -> History:
    """Two cases run by the engine (one through a supplement, an apology and a correction, one
    just received) and the officers who acted, one of them moved to another unit."""
    with Engine(load_catalog(CATALOG)) as e:
        e.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Hoa", position="Chuyên viên", at=AT)
        e.add_officer("o-gd", agency="so-thu-nghiem", unit="giam-doc", name="Dũng", position="Giám đốc", at=AT)
        first = e.open("cap-phep", applicant="Người nộp 1", actor="o-mc", at=AT)
        e.fire(first.id, "request_supplement", actor="o-mc", records=["don"], note="Thiếu", at=AT + dt.timedelta(hours=1))
        e.fire(first.id, "supplement", actor="o-mc", records=["don"], at=AT + dt.timedelta(days=1))
        e.fire(first.id, "complete", actor="o-mc", at=AT + dt.timedelta(days=1, hours=1))
        e.fire(first.id, "apologize", actor="o-gd", note="Chờ", until=dt.datetime(2025, 3, 28, 17),
               at=dt.datetime(2025, 3, 20, 8))  # fmt: skip
        e.correct(first.id, actor="o-gd", reason="Xin lỗi nhầm hồ sơ", at=dt.datetime(2025, 3, 20, 9))
        second = e.open("dang-ky", applicant="Người nộp 2", actor="o-mc", at=AT)
        e.add_officer("o-gd", agency="so-thu-nghiem", unit="phong-khac", name="Dũng", position="Giám đốc",
                      at=AT + dt.timedelta(days=2), update=True)  # fmt: skip
        cases = [e.get(first.id), e.get(second.id)]
        officers = e.store.officers()
        return History(
            cases=cases,
            definitions={c.digest: e.store.definition(c.digest) for c in cases},
            officers=officers,
            records={o.id: e.store.officer_history(o.id) for o in officers},
        )


def sqlite_of_today(path: Path) -> History:
    """An SQLite file as today's code wrote it before migrations: no ``alembic_version``."""
    found = history()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 4")
    db.executescript(SQLITE_V4)
    db.execute("INSERT INTO meta VALUES ('schema', '4')")
    for table, values in found.rows().items():
        names = rows.TABLES[table].names
        db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)
    db.commit()
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return found


def postgresql_of_today(server: PostgresServer, schema: str) -> History:
    """A PostgreSQL store as today's code made it before migrations, in ``schema``."""
    found = history()
    with server.admin.connection.dbapi_connection.cursor() as cursor:  # type: ignore[union-attr]
        # The script as the store sent it: several statements, no parameters.
        cursor.execute(f"SET search_path TO {schema};\n" + POSTGRESQL_V4 + "\nSET search_path TO DEFAULT")
    admin = server.admin
    admin.exec_driver_sql(f"INSERT INTO {schema}.meta VALUES ('application', 'motcua case store'), ('schema', '4')")
    for table, values in found.rows().items():
        names = rows.TABLES[table].names
        if values:
            admin.exec_driver_sql(
                f"INSERT INTO {schema}.{table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})", values
            )
    return found


def assert_kept(store: CaseStore, found: History) -> None:
    """Every case, event, definition and officer's record of ``found`` reads back from ``store``."""
    assert store.case_ids() == sorted(c.id for c in found.cases)
    for case in found.cases:
        assert store.load(case.id) == case
        for event in case.events:
            assert store.event_case(event.id) == case.id
    for digest, text in found.definitions.items():
        assert store.definition(digest) == text
    assert store.officers() == found.officers
    for officer in found.officers:
        assert store.officer_history(officer.id) == found.records[officer.id]


def sqlite_marks(path: Path) -> tuple[list[tuple[object, ...]], int, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = db.execute("SELECT version_num FROM alembic_version").fetchall() if "alembic_version" in tables else []
        schema = db.execute("SELECT * FROM meta WHERE key = 'schema'").fetchall()
        return revisions, db.execute("PRAGMA user_version").fetchone()[0], schema
    finally:
        db.close()


def lookup_key(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("SELECT value FROM meta WHERE key = 'lookup-key'").fetchone()[0])
    finally:
        db.close()


def sqlite_schema(path: Path) -> list[tuple[object, ...]]:
    """The tables, indexes and triggers of a file, as SQLite keeps their statements, without Alembic's table."""
    db = sqlite3.connect(path)
    try:
        return db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name <> 'alembic_version' ORDER BY name"
        ).fetchall()
    finally:
        db.close()


def refused(open_it: Callable[[], object]) -> StoreError:
    with pytest.raises(StoreError) as err:
        open_it()
    assert "\n" not in str(err.value)
    return err.value


# -- where the migrations come from --------------------------------------------------------------


def test_the_head_revision_is_the_schema_version_and_every_revision_is_of_the_package_s_folder() -> None:
    assert migrations.head() == REVISION == f"{SCHEMA_VERSION:04d}" == "0005"
    config = migrations.config()
    assert (config.config_file_name, config.toml_file_name) == (None, None)
    scripts = list(migrations._scripts().walk_revisions())
    assert [s.revision for s in scripts] == ["0005", "0004"]
    for script in scripts:
        assert Path(script.path).resolve().parent == migrations.FOLDER / "versions"
        assert script.revision == f"{int(script.revision):04d}"  # a revision is a schema version
    assert migrations.known("0004") and migrations.known("0005") and not migrations.known("0006")


def test_the_migrations_are_shipped_with_the_package() -> None:
    """Every folder of ``engine/store/migrations`` holding Python is a package pyproject.toml installs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = set(project["tool"]["setuptools"]["packages"])
    folders = {p.parent for p in migrations.FOLDER.rglob("*.py") if "__pycache__" not in p.parts}
    assert folders == {migrations.FOLDER, migrations.FOLDER / "versions"}
    for folder in folders:
        assert "motcua." + ".".join(folder.relative_to(ROOT).parts) in packages
        assert (folder / "__init__.py").is_file()


def test_an_alembic_configuration_in_the_working_folder_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ``alembic.ini`` or ``pyproject.toml`` where motcua runs names other scripts: none of them runs."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "versions").mkdir(parents=True)
    marker = tmp_path / "ran"
    (elsewhere / "env.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    (tmp_path / "alembic.ini").write_text(f"[alembic]\nscript_location = {elsewhere}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(f"[tool.alembic]\nscript_location = {str(elsewhere)!r}\n",
                                             encoding="utf-8")  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALEMBIC_CONFIG", str(tmp_path / "alembic.ini"))
    SqliteStore("cases.db").close()
    assert not marker.exists()
    assert sqlite_marks(tmp_path / "cases.db")[0] == [(REVISION,)]


# -- SQLite ----------------------------------------------------------------------------------------


def test_a_new_sqlite_store_gets_the_head_revision_and_today_s_schema(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    assert sqlite_marks(path) == ([(REVISION,)], SCHEMA_VERSION, [("schema", str(SCHEMA_VERSION))])
    today = tmp_path / "today.db"
    db = sqlite3.connect(today)
    db.executescript(SQLITE_V4 + SCHEMA_5.SQLITE)
    db.close()
    assert sqlite_schema(path) == sqlite_schema(today)
    assert len(lookup_key(path)) == 64
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_sqlite_file_of_today_s_schema_is_upgraded_in_place_with_every_event_kept(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    found = sqlite_of_today(path)
    before = path.read_bytes()
    with SqliteStore(path, read_only=True) as reader:  # read as it is, not touched
        assert_kept(reader, found)
    assert path.read_bytes() == before
    assert sqlite_marks(path) == ([], 4, [("schema", "4")])
    inode = path.stat().st_ino
    with Engine(None, store=path) as engine:
        assert_kept(engine.store, found)
        for case in found.cases:
            assert engine.replay(case.id) == case
        fired = engine.fire(found.cases[1].id, "complete", actor="o-mc", at=AT + dt.timedelta(hours=2))
    assert path.stat().st_ino == inode
    assert sqlite_marks(path) == ([(REVISION,)], SCHEMA_VERSION, [("schema", str(SCHEMA_VERSION))])
    db = sqlite3.connect(path)
    stored = db.execute("SELECT case_id, seq, id FROM events ORDER BY case_id, seq").fetchall()
    db.close()
    assert stored == sorted((c.id, e.seq, e.id) for c in [found.cases[0], fired] for e in c.events)
    with SqliteStore(path, read_only=True) as reader:
        assert reader.load(fired.id) == fired


def test_a_sqlite_file_of_schema_3_gains_the_officers_history_and_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    found = sqlite_of_today(path)
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE officer_records; PRAGMA user_version = 3; UPDATE meta SET value = '3';")
    db.close()
    with SqliteStore(path) as store:
        assert [store.load(c.id) for c in found.cases] == found.cases
        assert store.officer_history("o-gd") == [OfficerRecord(1, None, found.records["o-gd"][-1].officer)]
    assert sqlite_marks(path) == ([(REVISION,)], SCHEMA_VERSION, [("schema", str(SCHEMA_VERSION))])


def test_a_failed_sqlite_upgrade_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A file saying schema 2 that already has the columns of schema 3: adding them fails, and
    nothing of the upgrade stays (the revision runs in one transaction with Alembic's stamp)."""
    path = tmp_path / "cases.db"
    found = sqlite_of_today(path)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA user_version = 2; UPDATE meta SET value = '2';")
    db.close()
    schema_before = sqlite_schema(path)
    err = refused(lambda: SqliteStore(path))
    assert (err.kind, err.exit_code) == ("io", 3) and "duplicate column name: variant" in str(err)
    assert sqlite_marks(path) == ([], 2, [("schema", "2")])
    assert sqlite_schema(path) == schema_before
    with SqliteStore(path, read_only=True) as reader:
        assert [reader.load(c.id) for c in found.cases] == found.cases


def test_writers_opening_a_new_sqlite_file_at_once_make_one_store(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    stores: list[SqliteStore] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_it() -> None:
        start.wait()
        try:
            stores.append(SqliteStore(path))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert errors == [] and len(stores) == 4
    assert sqlite_marks(path) == ([(REVISION,)], SCHEMA_VERSION, [("schema", str(SCHEMA_VERSION))])


@pytest.mark.parametrize("revision", ["0006", "f00dcafe1234"])
def test_a_sqlite_store_of_an_unknown_newer_revision_is_refused_and_left_alone(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    db.commit()
    db.close()
    before = path.read_bytes()
    for options in ({}, {"read_only": True}):
        err = refused(lambda: SqliteStore(path, **options))  # type: ignore[arg-type]
        assert (err.kind, err.code, err.exit_code) == ("newer", "store-newer", 2)
        assert "upgrade motcua" in str(err) and str(path) in str(err)
    assert path.read_bytes() == before
    expected = "schema 6 is newer than this motcua reads (5)" if revision == "0006" else f"migration '{revision}'"
    assert expected in str(refused(lambda: SqliteStore(path)))
    for command in (["-m", "motcua", "case", "list", "--db", str(path)],
                    ["-m", "motcua.engine.store", "upgrade", str(path)],
                    ["-m", "motcua", "store", "upgrade", "--db", str(path)]):  # fmt: skip
        done = subprocess.run([sys.executable, *command], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "MOTCUA_LANG": "en"})  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "upgrade motcua" in done.stderr
    assert path.read_bytes() == before


def test_a_sqlite_store_whose_marks_disagree_is_corrupted(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 3")
    db.close()
    err = refused(lambda: SqliteStore(path))
    assert (err.kind, err.exit_code) == ("corrupt", 3)
    assert "says schema 3 but migration '0005'" in str(err)


@pytest.mark.parametrize(("command", "said"), [
    (["-m", "motcua.engine.store", "upgrade"], "motcua: store-missing: "),
    (["-m", "motcua", "store", "upgrade", "--db"], "error: "),
])  # fmt: skip
def test_the_upgrade_command_creates_no_store(tmp_path: Path, command: list[str], said: str) -> None:
    path = tmp_path / "typo.db"
    done = subprocess.run([sys.executable, *command, str(path)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "MOTCUA_LANG": "en"})  # fmt: skip
    assert done.returncode == 2 and not path.exists()
    assert done.stderr.startswith(said) and "no case store there" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_motcua_store_upgrade_upgrades_a_sqlite_file_in_place_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    found = sqlite_of_today(path)
    runner = CliRunner()
    done = runner.invoke(main, ["store", "upgrade", "--db", str(path), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert done.stdout == f"{path}: case store at schema {SCHEMA_VERSION}\n"
    assert sqlite_marks(path) == ([(REVISION,)], SCHEMA_VERSION, [("schema", str(SCHEMA_VERSION))])
    with SqliteStore(path, read_only=True) as reader:
        assert_kept(reader, found)
    again = runner.invoke(main, ["store", "upgrade", "--db", str(path), "--format", "json"])
    assert again.exit_code == 0 and json.loads(again.stdout) == {"location": str(path), "schema": SCHEMA_VERSION}
    said = runner.invoke(main, ["store", "upgrade", "--db", str(path), "--lang", "vi"])
    assert said.stdout == f"{path}: kho hồ sơ ở lược đồ {SCHEMA_VERSION}\n"
    with SqliteStore(path, read_only=True) as reader:
        assert_kept(reader, found)


# -- PostgreSQL ------------------------------------------------------------------------------------


_schemas = itertools.count(1)


@pytest.fixture
def schema(postgres_server: PostgresServer) -> Iterator[str]:
    name = f"migrations_{os.getpid()}_{next(_schemas)}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {name}")
    yield name
    postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
def url(postgres_server: PostgresServer, schema: str) -> str:
    return postgres_server.url(schema=schema)


def pg_revisions(server: PostgresServer, schema: str) -> list[str] | None:
    if server.admin.exec_driver_sql(f"SELECT to_regclass('{schema}.alembic_version')").scalar() is None:
        return None
    return list(server.admin.exec_driver_sql(f"SELECT version_num FROM {schema}.alembic_version").scalars())


def pg_schema(server: PostgresServer, schema: str) -> dict[str, list[tuple[object, ...]]]:
    """The columns, constraints, indexes, triggers and functions of ``schema``, without Alembic's table."""
    admin = server.admin
    queries = {
        "columns": "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, collation_name, "
                   "column_default FROM information_schema.columns WHERE table_schema = %(s)s "
                   "AND table_name <> 'alembic_version' ORDER BY 1, 2",
        "constraints": "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                       "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %(s)s "
                       "AND c.conrelid::regclass::text NOT LIKE '%%alembic_version' ORDER BY 2",
        "indexes": "SELECT tablename, indexname, replace(indexdef, %(s)s || '.', '') FROM pg_indexes "
                   "WHERE schemaname = %(s)s AND tablename <> 'alembic_version' ORDER BY 2",
        "triggers": "SELECT t.tgname, replace(pg_get_triggerdef(t.oid), %(s)s || '.', '') FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = %(s)s AND NOT t.tgisinternal ORDER BY 1",
        "functions": "SELECT p.proname, p.prosrc, pg_get_function_result(p.oid) FROM pg_proc p "
                     "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %(s)s ORDER BY 1",
    }  # fmt: skip
    found: dict[str, list[tuple[object, ...]]] = {}
    for name, query in queries.items():
        listed = [tuple(r) for r in admin.exec_driver_sql(query, {"s": schema}).all()]
        # Names of tables come with their schema, which is not on the admin's search path.
        found[name] = [tuple(v.replace(f"{schema}.", "") if isinstance(v, str) else v for v in r) for r in listed]
    return found


def test_a_new_postgresql_store_gets_the_head_revision_and_today_s_schema(
    postgres_server: PostgresServer, schema: str, url: str
) -> None:
    PostgresStore(url).close()
    assert pg_revisions(postgres_server, schema) == [REVISION]
    meta = postgres_server.admin.exec_driver_sql(f"SELECT key, value FROM {schema}.meta ORDER BY key").all()
    assert [tuple(r) for r in meta if r[0] != "lookup-key"] == [("application", "motcua case store"),
                                                               ("schema", str(SCHEMA_VERSION))]
    assert len(dict(meta)["lookup-key"]) == 64
    today = f"{schema}_today"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {today}")
    try:
        with postgres_server.admin.connection.dbapi_connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(f"SET search_path TO {today};\n" + POSTGRESQL_V4 + ";\n" + SCHEMA_5.POSTGRESQL
                           + ";\nSET search_path TO DEFAULT")
        made, expected = pg_schema(postgres_server, schema), pg_schema(postgres_server, today)
        assert made == expected and all(made.values())
    finally:
        postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {today} CASCADE")
    # The tables the store's statements are built from are the tables the migrations made.
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, postgres_statements.METADATA)
            assert [d for d in differences if not (d[0] == "remove_table" and d[1].name in API_TABLES)] == []
    finally:
        engine.dispose()


def test_a_postgresql_store_of_today_s_schema_is_upgraded_in_place_with_every_event_kept(
    postgres_server: PostgresServer, schema: str, url: str
) -> None:
    found = postgresql_of_today(postgres_server, schema)
    err = refused(lambda: PostgresStore(url, read_only=True))  # an older schema is not read; nothing is touched
    assert err.code == "store-outdated"
    assert pg_revisions(postgres_server, schema) is None
    with PostgresStore(url, create=False) as store:
        assert pg_revisions(postgres_server, schema) == [REVISION]
        assert_kept(store, found)
        with Engine(None, store=store) as engine:
            for case in found.cases:
                assert engine.replay(case.id) == case
            fired = engine.fire(found.cases[1].id, "complete", actor="o-mc", at=AT + dt.timedelta(hours=2))
    stored = postgres_server.admin.exec_driver_sql(f"SELECT case_id, seq, id FROM {schema}.events ORDER BY 1, 2").all()
    assert [tuple(r) for r in stored] == sorted((c.id, e.seq, e.id) for c in [found.cases[0], fired] for e in c.events)
    meta = postgres_server.admin.exec_driver_sql(f"SELECT value FROM {schema}.meta WHERE key = 'schema'").scalar()
    assert meta == str(SCHEMA_VERSION)
    with open_store(url, read_only=True) as reader:
        assert reader.load(fired.id) == fired


@pytest.mark.parametrize("command", [["-m", "motcua.engine.store", "upgrade"], ["-m", "motcua", "store", "upgrade", "--db"]])
def test_the_upgrade_command_stamps_a_postgresql_store_of_today(
    postgres_server: PostgresServer, schema: str, url: str, command: list[str]
) -> None:
    found = postgresql_of_today(postgres_server, schema)
    done = subprocess.run([sys.executable, *command, url], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "MOTCUA_LANG": "en"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"case store at schema {SCHEMA_VERSION}")
    assert pg_revisions(postgres_server, schema) == [REVISION]
    with PostgresStore(url, read_only=True) as reader:
        assert_kept(reader, found)


def test_writers_opening_an_empty_database_at_once_make_one_store(
    postgres_server: PostgresServer, schema: str, url: str
) -> None:
    stores: list[PostgresStore] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_it() -> None:
        start.wait()
        try:
            stores.append(PostgresStore(url))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert errors == [] and len(stores) == 4
    assert pg_revisions(postgres_server, schema) == [REVISION]


@pytest.mark.parametrize("revision", ["0006", "f00dcafe1234"])
def test_a_postgresql_store_of_an_unknown_newer_revision_is_refused_and_left_alone(
    postgres_server: PostgresServer, schema: str, url: str, revision: str
) -> None:
    PostgresStore(url).close()
    postgres_server.admin.exec_driver_sql(f"UPDATE {schema}.alembic_version SET version_num = '{revision}'")
    before = pg_schema(postgres_server, schema)
    for options in ({}, {"read_only": True}, {"create": False}):
        err = refused(lambda: PostgresStore(url, **options))
        assert (err.kind, err.code, err.exit_code) == ("newer", "store-newer", 2)
        assert "upgrade motcua" in str(err)
    expected = "schema 6 is newer than this motcua reads (5)" if revision == "0006" else f"migration '{revision}'"
    assert expected in str(refused(lambda: PostgresStore(url)))
    assert pg_revisions(postgres_server, schema) == [revision]
    assert pg_schema(postgres_server, schema) == before


def test_a_postgresql_store_behind_this_code_is_refused_read_only_naming_the_upgrade(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A motcua whose schema is 6 reads no store of schema 5 read-only: it names the command that upgrades it."""
    PostgresStore(url).close()
    monkeypatch.setattr(postgres_opening, "SCHEMA_VERSION", 6)
    err = refused(lambda: PostgresStore(url, read_only=True))
    assert (err.kind, err.code, err.exit_code) == ("outdated", "store-outdated", 2)
    assert f"schema 5 is older than this motcua reads (6); upgrade it first: motcua store upgrade --db {err.location}" in str(err)
