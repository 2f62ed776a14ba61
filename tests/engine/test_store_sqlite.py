"""The SQLite store: schema identity, foreign and corrupted files, append-only log, indexes."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from motcua.engine.cases import Engine
from motcua.engine.loading import load_catalog
from motcua.engine.store.base import StoreError
from motcua.engine.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, SqliteStore

CATALOG = Path(__file__).parent / "catalog"
AT = dt.datetime(2025, 3, 3, 8, 0)


def filled(path: Path, cases: int = 3) -> list[str]:
    with Engine(load_catalog(CATALOG), store=path) as e:
        e.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Hoa", position="Chuyên viên")
        ids = []
        for i in range(cases):
            c = e.open("cap-phep", applicant=f"Người nộp {i}", actor="o-mc", at=AT)
            e.fire(c.id, "complete", actor="o-mc", at=AT + dt.timedelta(hours=1))
            ids.append(c.id)
        return ids


def test_a_new_store_records_its_identity_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == str(SCHEMA_VERSION)
    db.close()
    SqliteStore(path).close()  # opening again changes nothing
    empty = tmp_path / "empty.db"
    empty.touch()
    SqliteStore(empty).close()  # an empty file becomes a store


def test_the_store_syncs_every_commit(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cases.db")
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_a_text_file_is_refused_as_foreign_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("meeting notes, not a database\n", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        SqliteStore(path)
    assert err.value.kind == "foreign" and "not an SQLite database" in str(err.value)
    assert path.read_text(encoding="utf-8") == "meeting notes, not a database\n"


def test_another_applications_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        SqliteStore(path)
    assert err.value.kind == "foreign" and "another application" in str(err.value)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        SqliteStore(path)
    assert err.value.kind == "newer" and "upgrade motcua" in str(err.value)


@pytest.mark.parametrize("offset", [100, 4096], ids=["schema-page", "data-pages"])
def test_a_corrupted_store_gives_a_clear_error(tmp_path: Path, offset: int) -> None:
    path = tmp_path / "cases.db"
    ids = filled(path)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(bytes(range(256)) * ((size - offset) // 256))
    with pytest.raises(StoreError) as err:
        with SqliteStore(path) as store:
            for cid in ids:
                store.load(cid)
    assert err.value.kind == "corrupt" and "corrupted" in str(err.value)


def test_the_event_log_is_append_only(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    filled(path, cases=1)
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE events SET event = 'refuse'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM events")
    db.close()


def test_the_overdue_query_uses_the_partial_index(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    filled(path, cases=1)
    db = sqlite3.connect(path)
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE open = 1 AND due < ? AND state <> ? ORDER BY due, id",
        ("2025-04-01T00:00:00", "awaiting-supplement"),
    ).fetchall()
    db.close()
    assert any("cases_open_due" in str(row) for row in plan)


def test_the_pinned_definition_and_officers_live_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    (cid,) = filled(path, cases=1)
    with SqliteStore(path) as store:
        case = store.load(cid)
        assert case is not None
        assert '"id":"cap-phep"' in store.definition(case.digest)
        assert [o.id for o in store.officers()] == ["o-mc"]
        assert store.event_case(case.events[0].id) == cid


def test_replaying_every_stored_log_gives_the_stored_rows(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    ids = filled(path, cases=5)
    with Engine(None, store=path) as e:
        for cid in ids:
            assert e.replay(cid) == e.get(cid)
        assert os.path.exists(path)
