"""The SQLite store: schema identity, foreign and corrupted files, append-only log, indexes."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from motcua.engine import forms
from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog
from motcua.engine.store.base import StoreError
from motcua.engine.store import rows
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


def test_replaying_every_stored_log_gives_the_stored_rows(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    ids = filled(path, cases=5)
    with Engine(None, store=path) as e:
        for cid in ids:
            assert e.replay(cid) == e.get(cid)
        assert os.path.exists(path)


# -- schema 1 files (before events.corrects) ---------------------------------------------------

V1_SCHEMA = (Path(__file__).parent / "store_v1.sql").read_text(encoding="utf-8")
V1_EVENT_COLUMNS = (
    "case_id", "seq", "id", "event", "actor", "actor_agency", "actor_unit", "actor_name", "actor_position", "at",
    "source", "target", "note", "records", "until", "breach",
)  # fmt: skip
V1_INSERT_EVENT = f"INSERT INTO events ({', '.join(V1_EVENT_COLUMNS)}) VALUES ({', '.join('?' * 16)})"


def v1_store(path: Path) -> list[str]:
    """A store as motcua wrote it with schema 1: its tables from the schema-1 text, and the rows
    of two cases (one with a supplement and an apology) written with the schema-1 statements."""
    with Engine(load_catalog(CATALOG)) as e:
        e.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Hoa", position="Chuyên viên")
        e.add_officer("o-gd", agency="so-thu-nghiem", unit="giam-doc", name="Dũng", position="Giám đốc")
        first = e.open("cap-phep", applicant="Người nộp 1", actor="o-mc", at=AT)
        e.fire(first.id, "request_supplement", actor="o-mc", records=["don"], note="Thiếu", at=AT + dt.timedelta(hours=1))
        e.fire(first.id, "supplement", actor="o-mc", records=["don"], at=AT + dt.timedelta(days=1))
        e.fire(first.id, "complete", actor="o-mc", at=AT + dt.timedelta(days=1, hours=1))
        e.fire(first.id, "apologize", actor="o-gd", note="Chờ", until=dt.datetime(2025, 3, 28, 17), at=dt.datetime(2025, 3, 20, 8))
        second = e.open("dang-ky", applicant="Người nộp 2", actor="o-mc", at=AT)
        cases = [e.get(first.id), e.get(second.id)]
        texts = {c.digest: e.store.definition(c.digest) for c in cases}
        officers = e.store.officers()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema', '1')")
    db.executemany("INSERT INTO definitions VALUES (?, ?, ?)", [(d, "key", t) for d, t in texts.items()])
    db.executemany("INSERT INTO officers VALUES (?, ?, ?, ?, ?)",
                   [(o.id, o.agency, o.unit, o.name, o.position) for o in officers])  # fmt: skip
    for c in cases:
        row = dict(zip(rows.CASES.names, rows.case_row(c)))
        held = rows.CASES.names_at(1)
        db.execute(f"INSERT INTO cases ({', '.join(held)}) VALUES ({', '.join('?' * len(held))})",
                   tuple(row[n] for n in held))  # fmt: skip
        written = [dict(zip(rows.EVENTS.names, rows.event_row(c.id, ev))) for ev in c.events]
        db.executemany(V1_INSERT_EVENT, [tuple(w[n] for n in V1_EVENT_COLUMNS) for w in written])
    db.commit()
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return [c.id for c in cases]


def test_the_row_layout_names_the_columns_of_each_schema(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SqliteStore(path).close()
    v1 = tmp_path / "v1.db"
    v1_store(v1)
    for file, version in ((path, SCHEMA_VERSION), (v1, 1)):
        db = sqlite3.connect(file)
        held = {t: tuple(r[1] for r in db.execute(f"PRAGMA table_info({t})")) for t in rows.TABLES}
        db.close()
        assert held == {name: table.names_at(version) for name, table in rows.TABLES.items()}, version
    assert rows.EVENTS.names_at(1) == V1_EVENT_COLUMNS
    assert rows.EVENTS.names_at(2) == V1_EVENT_COLUMNS + ("corrects",)


def test_a_schema_1_store_is_read_as_it_is_when_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    ids = v1_store(path)
    before = path.read_bytes()
    with SqliteStore(path, read_only=True) as store:
        loaded = [store.load(cid) for cid in ids]
    assert [c.revision if c else None for c in loaded] == [5, 1]
    assert path.read_bytes() == before
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_a_schema_1_store_is_upgraded_in_place_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    ids = v1_store(path)
    with Engine(None, store=path) as e:
        kept = [e.get(cid) for cid in ids]
        assert [e.replay(cid) for cid in ids] == kept
        (apology,) = forms.apologies(kept[0], e.definition(kept[0]))
        case = e.correct(ids[0], actor="o-gd", reason="Xin lỗi nhầm hồ sơ", at=dt.datetime(2025, 3, 20, 9))
        assert (case.events[-1].corrects, case.due, case.apologies) == (5, apology.previous_due, 0)
        assert e.replay(ids[0]) == e.get(ids[0])
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "5"
    # The officers registered before have their record as it stands, made at a time not known.
    assert db.execute("SELECT officer, seq, at, unit FROM officer_records ORDER BY officer").fetchall() == [
        ("o-gd", 1, None, "giam-doc"), ("o-mc", 1, None, "mot-cua")]  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM officer_records")
    assert db.execute("SELECT seq, corrects FROM events WHERE case_id = ? ORDER BY seq", (ids[0],)).fetchall() == [
        (1, None), (2, None), (3, None), (4, None), (5, None), (6, 5),
    ]  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE events SET corrects = 1")
    db.close()
    with Engine(None, store=path) as again:  # opening an upgraded file changes nothing
        assert again.get(ids[0]).revision == 6


def test_a_missing_store_is_not_created_for_reading_or_without_create(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    for options in ({"read_only": True}, {"create": False}):
        with pytest.raises(StoreError) as err:
            SqliteStore(path, **options)  # type: ignore[arg-type]
        assert err.value.kind == "missing" and str(path) in str(err.value)
        assert not path.exists()
    path.touch()
    with pytest.raises(StoreError, match="an empty file, no case store yet"):
        SqliteStore(path, read_only=True)
    assert path.read_bytes() == b""
