"""What the PostgreSQL store does beyond the contract: choosing it by URL, opening a database
(its own, an empty one, another application's, a newer one, read-only), the failures of
connecting told as store errors without the password, the append-only log, and writers at the
same moment on a real server.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from motcua.engine.store import open_store
from motcua.engine.store.base import CaseStore, ConflictError, StoreError
from motcua.engine.store.postgres import PostgresStore
from motcua.engine.store.postgres_connection import shown_url
from motcua.engine.store.sqlite import SqliteStore
from tests.engine.store import conftest
from tests.engine.store.conftest import PostgresServer
from tests.engine.store.test_contract import DEFINITION, DIGEST, PREFIX, opened, t, then

_schemas = itertools.count(1)


@pytest.fixture
def schema(postgres_server: PostgresServer) -> Iterator[str]:
    """An empty schema of the test database, dropped afterwards."""
    name = f"specific_{next(_schemas)}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {name}")
    yield name
    postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
def url(postgres_server: PostgresServer, schema: str) -> str:
    return postgres_server.url(schema=schema)


@pytest.fixture
def handles(url: str) -> Iterator[Callable[..., PostgresStore]]:
    """Opens stores on ``url`` (or another URL), closed at the end."""
    opened_handles: list[PostgresStore] = []

    def open_handle(where: str = url, **options: bool) -> PostgresStore:
        opened_handles.append(PostgresStore(where, **options))
        return opened_handles[-1]

    yield open_handle
    for handle in opened_handles:
        handle.close()


def refused(open_it: Callable[[], object]) -> StoreError:
    with pytest.raises(StoreError) as err:
        open_it()
    assert "\n" not in str(err.value)
    return err.value


def test_without_the_server_binaries_the_tests_fail_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match=r"not found: run `make system-deps`"):
        conftest.postgres_bin(tmp_path)
    for version in ("9", "15", "16"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "pg_ctl").touch()
    assert conftest.postgres_bin(tmp_path) == tmp_path / "16" / "bin"


# -- choosing the store ----------------------------------------------------------------------------


def test_a_postgresql_url_opens_the_postgresql_store_and_a_path_the_sqlite_one(
    postgres_server: PostgresServer, schema: str, tmp_path: Path
) -> None:
    for scheme in ("postgresql", "postgresql+psycopg", "postgres"):
        with open_store(postgres_server.url(schema=schema, scheme=scheme)) as store:
            assert isinstance(store, PostgresStore)
            store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
            assert store.definition(DIGEST) == DEFINITION
    with open_store(f"{tmp_path}/cases.db") as store:
        assert isinstance(store, SqliteStore)


def test_a_url_of_another_database_is_refused() -> None:
    err = refused(lambda: open_store("mysql://clerk:hunter2@db.example/cases"))
    assert (err.kind, err.exit_code) == ("missing", 2)
    assert str(err).startswith("mysql://clerk:***@db.example/cases: not a store motcua opens")
    assert "hunter2" not in str(err)


def test_a_shown_url_has_no_password() -> None:
    assert shown_url("postgresql://clerk:p%40ss:w@db:5432/cases") == "postgresql://clerk:***@db:5432/cases"
    assert shown_url("postgresql://clerk@db/cases?sslmode=require&password=s3cret") == (
        "postgresql://clerk@db/cases?sslmode=require&password=***")
    assert shown_url("postgresql://db/cases") == "postgresql://db/cases"
    assert shown_url("postgresql://clerk:p@ss@db/cases") == "postgresql://clerk:***@db/cases"
    assert shown_url("postgresql://clerk@db/cases") == "postgresql://clerk@db/cases"


# -- opening a database --------------------------------------------------------------------------


def test_an_empty_database_becomes_a_store_marked_as_motcua_s(
    postgres_server: PostgresServer, schema: str, handles: Callable[..., PostgresStore]
) -> None:
    handles()
    meta = postgres_server.admin.exec_driver_sql(f"SELECT key, value FROM {schema}.meta ORDER BY key").all()
    assert [tuple(r) for r in meta if r[0] != "lookup-key"] == [("application", "motcua case store"), ("schema", "5")]
    assert len(dict(meta)["lookup-key"]) == 64  # the key of the citizens' lookup secrets (schema 5)
    handles()  # opened again: the store is there, nothing is created twice


def test_without_create_or_read_only_an_empty_database_is_missing(handles: Callable[..., PostgresStore]) -> None:
    for options in ({"create": False}, {"read_only": True}):
        err = refused(lambda: handles(**options))
        assert (err.kind, err.exit_code) == ("missing", 2)
        assert "a database with no case store yet" in str(err)


def test_a_database_of_another_application_is_refused_and_left_alone(
    postgres_server: PostgresServer, schema: str, url: str
) -> None:
    postgres_server.admin.exec_driver_sql(f"CREATE TABLE {schema}.invoices (id int)")
    err = refused(lambda: PostgresStore(url))
    assert (err.kind, err.exit_code) == ("foreign", 2)
    assert str(err) == f"{url}: not a motcua case store (a PostgreSQL database of another application)"
    tables = postgres_server.admin.exec_driver_sql(
        f"SELECT tablename FROM pg_tables WHERE schemaname = '{schema}'").scalars().all()
    assert tables == ["invoices"]
    # Another application's table named meta is not taken for a store's either.
    postgres_server.admin.exec_driver_sql(f"CREATE TABLE {schema}.meta (key text, value text)")
    postgres_server.admin.exec_driver_sql(f"INSERT INTO {schema}.meta VALUES ('application', 'billing')")
    assert refused(lambda: PostgresStore(url)).kind == "foreign"


def test_a_store_of_a_newer_schema_is_refused(
    postgres_server: PostgresServer, schema: str, handles: Callable[..., PostgresStore]
) -> None:
    handles().close()
    postgres_server.admin.exec_driver_sql(f"UPDATE {schema}.meta SET value = '6' WHERE key = 'schema'")
    err = refused(handles)
    assert (err.kind, err.exit_code) == ("newer", 2)
    assert "schema 6 is newer than this motcua reads (5); upgrade motcua" in str(err)
    postgres_server.admin.exec_driver_sql(f"UPDATE {schema}.meta SET value = 'x' WHERE key = 'schema'")
    err = refused(handles)
    assert (err.kind, err.exit_code) == ("corrupt", 3)


def test_read_only_reads_and_writes_nothing(handles: Callable[..., PostgresStore]) -> None:
    writer = handles()
    writer.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    case = opened(writer)
    reader = handles(read_only=True)
    assert reader.load(case.id) == case
    assert reader.case_ids() == [case.id]
    err = refused(lambda: reader.append(then(case, "complete", at=t(3, 9)), expected=1))
    assert (err.kind, err.exit_code) == ("io", 3)
    assert "read-only" in str(err)
    with pytest.raises(StoreError):
        reader.pin("e" * 64, "so-thu-nghiem/khac@1", "text")
    assert writer.load(case.id) == case
    assert writer.event_case(case.events[0].id) == case.id


def test_the_event_log_and_the_officers_history_are_append_only(
    postgres_server: PostgresServer, schema: str, handles: Callable[..., PostgresStore]
) -> None:
    from motcua.engine.officers import Officer

    store = handles()
    store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    opened(store)
    store.put_officer(Officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Hoa", position="Chuyên viên"))
    for statement, message in (
        ("UPDATE {}.events SET note = 'x'", "the event log is append-only"),
        ("DELETE FROM {}.events", "the event log is append-only"),
        ("TRUNCATE {}.events CASCADE", "the event log is append-only"),
        ("UPDATE {}.officer_records SET name = 'x'", "the officers' history is append-only"),
        ("DELETE FROM {}.officer_records", "the officers' history is append-only"),
    ):
        with pytest.raises(sa.exc.DBAPIError, match=message):
            postgres_server.admin.exec_driver_sql(statement.format(schema))
    assert len(store.load(PREFIX + "0001").events) == 1  # type: ignore[union-attr]


# -- failures of connecting ------------------------------------------------------------------------


def test_a_server_that_is_not_there_is_an_environment_failure_naming_the_url(postgres_server: PostgresServer) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: nothing answers there
        err = refused(lambda: open_store(f"postgresql://clerk:hunter2@127.0.0.1:{port}/cases"))
    assert (err.kind, err.exit_code, err.code) == ("io", 3, "store-io")
    assert str(err).startswith(f"postgresql://clerk:***@127.0.0.1:{port}/cases: cannot connect to the PostgreSQL server: ")
    assert "refused" in str(err).lower() and "hunter2" not in str(err)


def test_a_database_that_does_not_exist_is_missing(postgres_server: PostgresServer) -> None:
    err = refused(lambda: open_store(postgres_server.url("no_such_db")))
    assert (err.kind, err.exit_code) == ("missing", 2)
    assert str(err) == (f"{postgres_server.url('no_such_db')}: no database no_such_db on the server "
                        "(create it, e.g. createdb, or check the URL: --db or MOTCUA_DB)")  # fmt: skip


def test_a_refused_login_names_the_user_not_the_password(postgres_server: PostgresServer, schema: str) -> None:
    postgres_server.admin.exec_driver_sql("DROP ROLE IF EXISTS clerk")
    postgres_server.admin.exec_driver_sql("CREATE ROLE clerk LOGIN PASSWORD 'right-one'")
    postgres_server.admin.exec_driver_sql(f"GRANT ALL ON SCHEMA {schema} TO clerk")
    where = f"127.0.0.1:{postgres_server.port}/postgres?options=-csearch_path%3D{schema}"
    try:
        err = refused(lambda: open_store(f"postgresql://clerk:wrong-one@{where}"))
        assert (err.kind, err.exit_code) == ("io", 3)
        assert str(err).startswith(f"postgresql://clerk:***@{where}: the PostgreSQL server refused the login: ")
        assert 'password authentication failed for user "clerk"' in str(err)
        assert "wrong-one" not in str(err)
        with open_store(f"postgresql://clerk:right-one@{where}") as store:  # the right password opens it
            assert store.location == f"postgresql://clerk:***@{where}"
            assert store.case_ids() == []
    finally:
        postgres_server.admin.exec_driver_sql(f"DROP OWNED BY clerk; DROP ROLE clerk")


def test_a_url_that_does_not_parse_is_the_user_s_input() -> None:
    for bad, reason in (("postgresql://clerk:pw@db:port/cases", "not a PostgreSQL URL motcua can use"),
                        ("postgresql://clerk:pw@db:5432/", "it names no database")):  # fmt: skip
        err = refused(lambda: open_store(bad))
        assert (err.kind, err.exit_code) == ("missing", 2)
        assert reason in str(err) and ":pw@" not in str(err)


def test_a_server_lost_after_opening_is_an_environment_failure(
    postgres_server: PostgresServer, handles: Callable[..., PostgresStore]
) -> None:
    store = handles()
    store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    case = opened(store)
    postgres_server.admin.exec_driver_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'motcua'")
    # The store's connection was cut: its next use tells it, one line naming the store.
    err = refused(lambda: store.load(case.id))
    assert (err.kind, err.exit_code) == ("io", 3)
    assert str(err).startswith(f"{store.location}: lost the PostgreSQL server: ")
    assert store.load(case.id) == case  # and the next use connects again


# -- writers at the same moment --------------------------------------------------------------------


def _wait_for_locks(admin: sa.Connection, count: int) -> None:
    for _ in range(600):
        waiting = admin.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'motcua' AND wait_event_type = 'Lock'"
        ).scalar_one()
        if waiting >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{count} writers never waited on the case's row")


def test_of_two_writers_at_the_same_moment_one_wins_and_the_other_gets_a_conflict(
    postgres_server: PostgresServer, url: str, handles: Callable[..., PostgresStore]
) -> None:
    first, second = handles(), handles()
    first.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    case = opened(first)
    outcomes: dict[str, object] = {}

    def write(name: str, store: CaseStore) -> None:
        try:
            store.append(then(case, "answer", at=t(3, 9), event_id=f"answer-{name}", answered=(name,)), expected=1)
            outcomes[name] = "written"
        except ConflictError as err:
            outcomes[name] = err

    # Hold the case's row, so both writers decide on revision 1 and wait on it together.
    locker = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with locker.connect() as conn:
            conn.exec_driver_sql(f"SELECT 1 FROM cases WHERE id = '{case.id}' FOR UPDATE")
            threads = [threading.Thread(target=write, args=(n, s)) for n, s in (("a", first), ("b", second))]
            for thread in threads:
                thread.start()
            _wait_for_locks(postgres_server.admin, 2)
            conn.rollback()
        for thread in threads:
            thread.join(30)
    finally:
        locker.dispose()
    assert sorted(o == "written" for o in outcomes.values()) == [False, True]
    (winner,) = (n for n, o in outcomes.items() if o == "written")
    (conflict,) = (o for o in outcomes.values() if isinstance(o, ConflictError))
    assert (conflict.case_id, conflict.expected, conflict.found) == (case.id, 1, 2)
    assert str(conflict).startswith(f"conflict on case {case.id}: it was changed by someone else")
    stored = second.load(case.id)
    assert stored is not None and stored.answered == (winner,) and stored.revision == 2
    assert [e.id for e in stored.events[1:]] == [f"answer-{winner}"]


def test_writers_opening_cases_at_once_number_them_without_a_gap_or_a_repeat(
    handles: Callable[..., PostgresStore]
) -> None:
    stores = [handles() for _ in range(4)]
    stores[0].pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    made: list[str] = []
    lock = threading.Lock()

    def write(store: CaseStore) -> None:
        for _ in range(25):
            case = opened(store)
            with lock:
                made.append(case.id)

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    expected = [f"{PREFIX}{n:04d}" for n in range(1, 101)]
    assert sorted(made) == expected
    assert stores[1].case_ids() == expected


def test_many_cases_are_read_in_batches_of_two_queries_each(
    handles: Callable[..., PostgresStore], postgres_server: PostgresServer, schema: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Five cases in batches of two: three batches, two statements each; another handle's event
    appended to a case after it was written is read, and so is each case's log in order."""
    from motcua.engine.store import postgres as module

    writer, reader = handles(), handles()
    writer.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    cases = [opened(writer) for _ in range(5)]
    writer.append(then(cases[3], "complete", at=t(3, 9), target="tham-dinh"), expected=1)
    monkeypatch.setattr(module, "_BATCH", 2)
    statements: list[str] = []
    sa.event.listen(reader._auto, "before_cursor_execute", lambda *a: statements.append(a[2]))  # noqa: SLF001
    ids = [c.id for c in reversed(cases)]
    found = reader.load_many(ids)
    assert [c.id if c else None for c in found] == ids
    assert found[1] is not None and found[1].state == "tham-dinh" and [e.seq for e in found[1].events] == [1, 2]
    assert len(statements) == 6 and all("= any(" in s.lower() for s in statements), statements
    assert found == [writer.load(i) for i in ids]
    assert postgres_server.admin.exec_driver_sql(f"SELECT count(*) FROM {schema}.cases").scalar() == 5
