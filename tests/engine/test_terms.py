"""Cases on their terms, on real SQLite files: a sub-case and a channel chosen at receipt give the
time limit, extensions move the appointment, clock stops stand the clock still, and Form 01
lists the records received.

The catalogue is ``tests/engine/terms_catalog``: the test agency (office hours 07:00-11:30 and
13:30-17:00, Friday 14 March 2025 an announced day off) and two procedures. ``ho-tich``
(national code 1.000656): 10 working days; online 8 working days; sub-case ``trong-nuoc``
(1.000656.01) 5 working days, online 3; ``nuoc-ngoai`` none of its own; ``theo-thang`` 1 month;
``trong-ngay`` the same day; ``theo-gio`` 12 calendar hours. Every deadline below is counted by
hand in the comments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.engine import forms
from motcua.engine.cases import Engine, EventRefused, InvalidInput
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog, Form
from motcua.engine.store import pinning, rows
from motcua.engine.store.schema import APPLICATION_ID, SCHEMA_VERSION
from motcua.engine.store.sqlite import SqliteStore

TERMS = Path(__file__).parent / "terms_catalog"
#: Friday 7 March 2025, 15:00: a Friday afternoon, inside the afternoon session.
FRIDAY = dt.datetime(2025, 3, 7, 15, 0)


@pytest.fixture(scope="module")
def terms_catalog() -> Catalog:
    return load_catalog(TERMS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


@pytest.fixture
def engine(terms_catalog: Catalog, db: Path) -> Iterator[Engine]:
    with Engine(terms_catalog, store=db) as e:
        for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-khac", "phong-khac"),
                          ("o-gd", "giam-doc")):  # fmt: skip
            e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=f"Cán bộ {oid}", position="Chuyên viên")
        yield e


def due_of(engine: Engine, variant: str | None, channel: str | None, at: dt.datetime = FRIDAY) -> dt.datetime:
    return engine.open("ho-tich", applicant="Nguyễn Văn A", actor="o-mc", variant=variant, channel=channel, at=at).due


# -- the time limit of the terms chosen -------------------------------------------------------


def test_a_sub_case_of_five_working_days_opened_on_a_friday_afternoon(engine: Engine) -> None:
    # Clock starts Fri 7 15:00 (not counted). Working days: Mon 10, Tue 11, Wed 12, Thu 13,
    # (Fri 14 the agency's day off), Mon 17 is the 5th: due Mon 17 March at the close, 17:00.
    case = engine.open("ho-tich", applicant="Nguyễn Văn A", actor="o-mc", variant="trong-nuoc",
                       channel="in-person", at=FRIDAY)  # fmt: skip
    assert (case.variant, case.channel, case.due) == ("trong-nuoc", "in-person", dt.datetime(2025, 3, 17, 17, 0))


def test_the_most_specific_time_limit_applies(engine: Engine) -> None:
    # The sub-case's online option, 3 working days: Mon 10, Tue 11, Wed 12.
    assert due_of(engine, "1.000656.01", "online") == dt.datetime(2025, 3, 12, 17, 0)
    # The procedure's online option, 8 working days: Mon 10 .. Thu 13 (4), Mon 17 .. Thu 20 (8).
    assert due_of(engine, None, "online") == dt.datetime(2025, 3, 20, 17, 0)
    # A sub-case with no time of its own falls to the procedure's channel: the same Thu 20.
    assert due_of(engine, "nuoc-ngoai", "online") == dt.datetime(2025, 3, 20, 17, 0)
    # The procedure's own 10 working days, with or without a channel that has none of its own:
    # Thu 20 is the 8th, Fri 21 the 9th, Mon 24 the 10th.
    assert due_of(engine, None, "in-person") == due_of(engine, None, None) == dt.datetime(2025, 3, 24, 17, 0)


def test_months_same_day_and_calendar_hours(engine: Engine) -> None:
    # 1 month from Fri 7 March: 7 April, the Hung Kings' day in 2025 (a public holiday), so
    # the next working day, Tue 8 April, at the close.
    assert due_of(engine, "theo-thang", None) == dt.datetime(2025, 4, 8, 17, 0)
    # The same day: the close of Fri 7 March; received after hours (17:30), the clock starts
    # on Mon 10 March, so the close of that day.
    assert due_of(engine, "trong-ngay", None) == dt.datetime(2025, 3, 7, 17, 0)
    assert due_of(engine, "trong-ngay", None, at=dt.datetime(2025, 3, 7, 17, 30)) == dt.datetime(2025, 3, 10, 17, 0)
    # 12 calendar hours from Fri 15:00 is Sat 03:00, outside office hours: Mon 10 at 07:00.
    assert due_of(engine, "theo-gio", None) == dt.datetime(2025, 3, 10, 7, 0)


def test_a_sub_case_or_channel_the_procedure_does_not_have_names_the_choices(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as err:
        due_of(engine, "trong-nuoc-x", None)
    assert str(err.value) == (
        "so-thu-nghiem/ho-tich@1 has no sub-case 'trong-nuoc-x' (its sub-cases: trong-nuoc (1.000656.01), "
        "nuoc-ngoai (1.000656.02), theo-thang (1.000656.03), trong-ngay (1.000656.04), theo-gio (1.000656.05)); "
        "did you mean 'trong-nuoc'?"
    )
    with pytest.raises(InvalidInput, match=r"^sub-case 'trong-nuoc' is not offered through channel 'post'; "
                                           r"its channels: in-person, online$"):  # fmt: skip
        due_of(engine, "trong-nuoc", "post")
    with pytest.raises(InvalidInput, match="not offered through channel 'carrier-pigeon'; its channels: in-person, online, post"):
        due_of(engine, None, "carrier-pigeon")
    assert engine.list() == []


def test_no_time_limit_for_the_terms_chosen_refuses_the_case(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as err:
        engine.open("chi-truong-hop", applicant="A", actor="o-mc", records=["don"], at=FRIDAY)
    assert str(err.value) == (
        "so-thu-nghiem/chi-truong-hop@1 states no time limit: the appointment cannot be computed; "
        "choose a sub-case (--variant): 1.000777.01"
    )
    assert err.value.exit_code == 2
    with pytest.raises(InvalidInput, match="states no time limit for sub-case 'khong-han': .*until its spec states one"):
        engine.open("chi-truong-hop", applicant="A", actor="o-mc", variant="1.000777.02", records=["don"], at=FRIDAY)
    # On the timed sub-case: 2 working days from Fri 7 15:00: Mon 10, Tue 11.
    case = engine.open("chi-truong-hop", applicant="A", actor="o-mc", variant="co-han", records=["don"], at=FRIDAY)
    assert case.due == dt.datetime(2025, 3, 11, 17, 0)


def test_a_procedure_is_named_by_its_national_code(engine: Engine) -> None:
    case = engine.open("1.000656", applicant="A", actor="o-mc", variant="1.000656.03", at=FRIDAY)
    assert (case.procedure, case.variant) == ("ho-tich", "theo-thang")


def test_the_terms_are_kept_in_the_file_and_replayed(engine: Engine, db: Path, terms_catalog: Catalog) -> None:
    opened = engine.open("ho-tich", applicant="A", actor="o-mc", variant="1.000656.01", channel="online", at=FRIDAY)
    engine.close()
    with Engine(None, store=SqliteStore(db, read_only=True)) as again:
        stored = again.get(opened.id)
        assert (stored.variant, stored.channel, stored.due) == ("trong-nuoc", "online", dt.datetime(2025, 3, 12, 17))
        assert again.replay(opened.id) == stored
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT variant, channel FROM cases").fetchall() == [("trong-nuoc", "online")]
    conn.close()


def test_a_retried_receipt_must_ask_for_the_same_terms(engine: Engine) -> None:
    first = engine.open("ho-tich", applicant="A", actor="o-mc", variant="trong-nuoc", at=FRIDAY, event_id="r-1")
    again = engine.open("ho-tich", applicant="A", actor="o-mc", variant="1.000656.01", at=FRIDAY, event_id="r-1")
    assert again.id == first.id
    with pytest.raises(InvalidInput, match="they differ in variant, channel"):
        engine.open("ho-tich", applicant="A", actor="o-mc", variant="theo-thang", channel="online", at=FRIDAY,
                    event_id="r-1")  # fmt: skip


# -- extensions and clock stops ----------------------------------------------------------------


def opened(engine: Engine) -> str:
    """A ``trong-nuoc`` case received Fri 7 March 15:00, due Mon 17 March 17:00."""
    return engine.open("ho-tich", applicant="A", actor="o-mc", variant="trong-nuoc", at=FRIDAY).id


def test_an_extension_moves_the_appointment_by_its_time(engine: Engine) -> None:
    cid = opened(engine)
    # 10 working days more on Mon 17 17:00: Tue 18 .. Fri 21 (4), Mon 24 .. Fri 28 (9), Mon 31.
    case = engine.extend(cid, "xa-xa", actor="o-mc", reason="Xã vùng cao", at=dt.datetime(2025, 3, 10, 8))
    assert (case.due, case.original_due) == (dt.datetime(2025, 3, 31, 17), dt.datetime(2025, 3, 17, 17))
    last = case.events[-1]
    assert (last.event, last.term, last.note, last.actor.id) == ("extend", "xa-xa", "Xã vùng cao", "o-mc")
    # 5 calendar days more on Mon 31 March: Sat 5 April, a day off, as are Sun 6 and Mon 7
    # April (the Hung Kings' day in 2025): the next working day, Tue 8 April, at the close.
    case = engine.extend(cid, "xac-minh", actor="o-gd", reason="Cần xác minh", at=dt.datetime(2025, 3, 10, 9))
    assert case.due == dt.datetime(2025, 4, 8, 17)
    with pytest.raises(InvalidInput, match=r"extension 'xa-xa' was applied already \(event 2, 2025-03-10T08:00:00\)"):
        engine.extend(cid, "xa-xa", actor="o-mc", reason="Lại", at=dt.datetime(2025, 3, 10, 10))
    assert engine.replay(cid) == engine.get(cid)


def test_extension_inputs_are_checked(engine: Engine) -> None:
    cid = opened(engine)
    with pytest.raises(InvalidInput, match=r"ho-tich@1 has no extension 'xa' \(its extensions: xa-xa, xac-minh\)$"):
        engine.extend(cid, "xa", actor="o-mc", reason="r", at=dt.datetime(2025, 3, 10, 8))
    with pytest.raises(InvalidInput, match="'extend' needs a written reason"):
        engine.extend(cid, "xa-xa", actor="o-mc", reason=" ", at=dt.datetime(2025, 3, 10, 8))
    with pytest.raises(EventRefused, match="'extend' is fired naming the extension"):
        engine.fire(cid, "extend", actor="o-mc", at=dt.datetime(2025, 3, 10, 8))
    with pytest.raises(EventRefused, match="officer 'o-khac' of unit 'phong-khac' may not fire 'extend'"):
        engine.extend(cid, "xa-xa", actor="o-khac", reason="r", at=dt.datetime(2025, 3, 10, 8))
    assert engine.get(cid).revision == 1


def test_a_clock_stop_does_not_count(engine: Engine) -> None:
    cid = opened(engine)
    # The decision step (1 working hour) starts Mon 10 08:00: due 09:00.
    case = engine.fire(cid, "complete", actor="o-mc", at=dt.datetime(2025, 3, 10, 8))
    case = engine.pause(cid, "nghia-vu-tai-chinh", actor="o-cm", reason="Chờ nộp lệ phí",
                        at=dt.datetime(2025, 3, 10, 8, 30))  # fmt: skip
    assert (case.stopped, case.stopped_at) == ("nghia-vu-tai-chinh", dt.datetime(2025, 3, 10, 8, 30))
    # Stopped, the case is not overdue, even after its appointment (Mon 17 17:00).
    assert not case.overdue(dt.datetime(2025, 3, 18, 8))
    assert engine.list(overdue=True, at=dt.datetime(2025, 3, 18, 8)) == []
    with pytest.raises(EventRefused, match="'approve' must wait: the clock stands still in clock stop 'nghia-vu-tai-chinh'"):
        engine.fire(cid, "approve", actor="o-cm", at=dt.datetime(2025, 3, 10, 9))
    with pytest.raises(EventRefused, match="the clock already stands still"):
        engine.pause(cid, "nghia-vu-tai-chinh", actor="o-cm", reason="r", at=dt.datetime(2025, 3, 10, 9))
    # Stood still Mon 10 08:30 to Tue 11 08:30: 3 h (to 11:30) + 3.5 h (13:30-17:00) + 1.5 h
    # (07:00-08:30) = 8 working hours. The appointment Mon 17 17:00 moves by 8 hours to Tue 18
    # 17:00; the step's deadline Mon 10 09:00 to Tue 11 09:00.
    case = engine.resume(cid, actor="o-cm", at=dt.datetime(2025, 3, 11, 8, 30))
    assert (case.due, case.step_due, case.stopped) == (dt.datetime(2025, 3, 18, 17), dt.datetime(2025, 3, 11, 9), None)
    with pytest.raises(EventRefused, match="the clock is running: there is no clock stop to resume"):
        engine.resume(cid, actor="o-cm", at=dt.datetime(2025, 3, 11, 9))
    assert engine.list(overdue=True, at=dt.datetime(2025, 3, 19, 8))[0].id == cid
    assert engine.replay(cid) == engine.get(cid)


def test_a_mistaken_pause_is_corrected(engine: Engine) -> None:
    cid = opened(engine)
    engine.fire(cid, "complete", actor="o-mc", at=dt.datetime(2025, 3, 10, 8))
    engine.pause(cid, "nghia-vu-tai-chinh", actor="o-cm", reason="Nhầm", at=dt.datetime(2025, 3, 10, 8, 30))
    case = engine.correct(cid, actor="o-cm", reason="Dừng nhầm hồ sơ", at=dt.datetime(2025, 3, 10, 8, 40))
    assert (case.stopped, case.due) == (None, dt.datetime(2025, 3, 17, 17))
    sheet = forms.control_sheet(case, engine.definition(case))
    (row,) = sheet.clock
    assert row.corrected is not None and row.corrected.reason == "Dừng nhầm hồ sơ"


def test_time_events_on_form_05_and_in_the_json_case(engine: Engine) -> None:
    cid = opened(engine)
    engine.extend(cid, "xa-xa", actor="o-mc", reason="Xã vùng cao", at=dt.datetime(2025, 3, 10, 7, 30))
    engine.fire(cid, "complete", actor="o-mc", at=dt.datetime(2025, 3, 10, 8))
    engine.pause(cid, "nghia-vu-tai-chinh", actor="o-cm", reason="Chờ nộp lệ phí", at=dt.datetime(2025, 3, 10, 8, 30))
    case = engine.resume(cid, actor="o-gd", at=dt.datetime(2025, 3, 11, 8, 30))
    definition = engine.definition(case)
    text = forms.render_control_sheet(forms.control_sheet(case, definition, lang="en"), lang="en")
    # Extended to Mon 31 March 17:00 (10 working days on Mon 17), then 8 working hours stood
    # still: Tue 1 April 17:00.
    assert text.splitlines()[-4:] == [
        "Extensions and clock stops:",
        "  1. 2025-03-10 07:30  Extension: Remote communes  “Xã vùng cao”  by: Cán bộ o-mc (Chuyên viên)  due 2025-03-31 17:00",
        "  2. 2025-03-10 08:30  Clock stopped: Financial obligations  “Chờ nộp lệ phí”  by: Cán bộ o-cm (Chuyên viên)  "
        "due 2025-03-31 17:00",
        "  3. 2025-03-11 08:30  Clock resumed after “Financial obligations” (8 working hours stopped)  "
        "by: Cán bộ o-gd (Chuyên viên)  due 2025-04-01 17:00",
    ]
    vi = forms.render_control_sheet(forms.control_sheet(case, definition), lang="vi")
    assert "Gia hạn: Xã vùng sâu, vùng xa  “Xã vùng cao”  người thực hiện: Cán bộ o-mc" in vi
    doc = forms.case_document(case, definition, at=dt.datetime(2025, 3, 12))
    assert (doc["variant"], doc["channel"], doc["time_limit"], doc["clock_stop"]) == (
        "trong-nuoc", None, "5 working days", None)
    assert [(r["event"], r["term"], r["due"], r["stood_still_minutes"]) for r in doc["time_events"]] == [  # type: ignore[index, union-attr]
        ("extend", "xa-xa", "2025-03-31T17:00:00+07:00", None),
        ("pause", "nghia-vu-tai-chinh", "2025-03-31T17:00:00+07:00", None),
        ("resume", "nghia-vu-tai-chinh", "2025-04-01T17:00:00+07:00", 480),
    ]
    assert [(e["event"], e["term"]) for e in doc["events"]][1:] == [  # type: ignore[index, union-attr]
        ("extend", "xa-xa"), ("complete", None), ("pause", "nghia-vu-tai-chinh"), ("resume", None)]


# -- Form 01: the records received --------------------------------------------------------------


def test_form_01_lists_the_records_received(engine: Engine) -> None:
    case = engine.open("ho-tich", applicant="A", actor="o-mc", variant="trong-nuoc", channel="online", at=FRIDAY)
    form = forms.receipt(case, engine.definition(case))
    # By default: the declaration and the photo under its heading; not the choice of identity
    # papers (the officer names which), not the book only shown, not the conditional power.
    assert [(r.id, r.form) for r in form.records] == [("to-khai", "TK1"), ("anh", None)]
    assert (form.variant, form.variant_code, form.channel, form.sets, form.time_limit) == (
        "Trong nước", "1.000656.01", "online", 2, "3 ngày làm việc")
    text = forms.render_receipt(form, lang="vi")
    for line in ("Trường hợp: Trong nước (1.000656.01)", "Hình thức nộp: Trực tuyến", "Số lượng hồ sơ: 02 bộ",
                 "  1. Tờ khai (TK1): 1 bản chính, 0 bản sao"):  # fmt: skip
        assert line in text.splitlines()
    named = engine.open("ho-tich", applicant="A", actor="o-mc", records=["to-khai", "ho-chieu"], at=FRIDAY)
    assert [r.id for r in forms.receipt(named, engine.definition(named)).records] == ["to-khai", "ho-chieu"]


def test_a_group_is_not_a_record_handed_in(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match=r"'giay-to-tuy-than' is a group of records; name the records handed in: cccd, ho-chieu$"):
        engine.open("ho-tich", applicant="A", actor="o-mc", records=["giay-to-tuy-than"], at=FRIDAY)


def test_a_dossier_all_conditional_needs_the_records_named(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match=r"every record of its dossier is conditional or one of a choice; "
                                           r"name the records received \(--record\): don, van-ban$"):  # fmt: skip
        engine.open("chi-truong-hop", applicant="A", actor="o-mc", variant="co-han", at=FRIDAY)


# -- a file of the schema before the terms --------------------------------------------------------

V2_SCHEMA = (Path(__file__).parent / "store_v2.sql").read_text(encoding="utf-8")


def v2_store(path: Path, catalog: Catalog) -> str:
    """A store as motcua wrote it with schema 2 (before variant, channel, clock stops and
    ``events.term``): its tables from the schema-2 text and one case written in its columns."""
    with Engine(catalog) as e:
        e.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Hoa", position="Chuyên viên")
        case = e.open("ho-tich", applicant="Người nộp", actor="o-mc", at=FRIDAY)
        text = e.store.definition(case.digest)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.executescript(V2_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema', '2')")
    db.execute("INSERT INTO definitions VALUES (?, ?, ?)", (case.digest, "key", text))
    db.execute("INSERT INTO officers VALUES ('o-mc', 'so-thu-nghiem', 'mot-cua', 'Hoa', 'Chuyên viên')")
    db.execute("INSERT INTO sequences VALUES (?, 1)", (case.id[:-4],))
    for table, values in (("cases", rows.case_row(case)), ("events", rows.event_row(case.id, case.events[0]))):
        held = getattr(rows, table.upper()).names_at(2)
        row = dict(zip(getattr(rows, table.upper()).names, values))
        db.execute(f"INSERT INTO {table} ({', '.join(held)}) VALUES ({', '.join('?' * len(held))})",
                   tuple(row[n] for n in held))  # fmt: skip
    db.commit()
    db.close()
    return case.id


def test_a_schema_2_file_is_read_as_it_is_then_upgraded_in_place(tmp_path: Path, terms_catalog: Catalog) -> None:
    path = tmp_path / "old.db"
    cid = v2_store(path, terms_catalog)
    with SqliteStore(path, read_only=True) as store:
        old = store.load(cid)
        assert old is not None and (old.variant, old.channel, old.stopped, old.events[0].term) == (None, None, None, None)
    with Engine(terms_catalog, store=path) as e:
        assert e.get(cid).due == dt.datetime(2025, 3, 24, 17)  # 10 working days, as opened
        e.add_officer("o-cm", agency="so-thu-nghiem", unit="phong-chuyen-mon", name="Bình", position="Chuyên viên")
        e.fire(cid, "complete", actor="o-mc", at=dt.datetime(2025, 3, 10, 8))
        e.pause(cid, "nghia-vu-tai-chinh", actor="o-cm", reason="Chờ", at=dt.datetime(2025, 3, 10, 8, 30))
        new = e.open("1.000656", applicant="B", actor="o-mc", variant="1.000656.01", channel="online", at=FRIDAY)
        assert new.due == dt.datetime(2025, 3, 12, 17)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    held = [r[1] for r in db.execute("PRAGMA table_info(cases)")][-4:]
    assert held == ["variant", "channel", "stopped", "stopped_at"]
    assert db.execute("SELECT id, variant, channel, stopped FROM cases ORDER BY id").fetchall() == [
        (cid, None, None, "nghia-vu-tai-chinh"), (new.id, "trong-nuoc", "online", None)]
    assert db.execute("SELECT term FROM events WHERE case_id = ? ORDER BY seq", (cid,)).fetchall() == [
        (None,), (None,), ("nghia-vu-tai-chinh",)]
    db.close()


def test_a_pinned_definition_reads_its_dossier_groups_back(terms_catalog: Catalog) -> None:
    proc = terms_catalog.procedure("ho-tich")
    agency = terms_catalog.agency("so-thu-nghiem")
    text = pinning.encode(proc, agency)
    back, _ = pinning.decode(text)
    assert pinning.encode(back, agency) == text
    assert [type(item).__name__ for item in back.records] == ["Record", "RecordGroup", "RecordGroup", "Record", "Record"]
    assert back.record("to-khai").form_label() == "TK1"


def test_a_pinned_definition_keeps_every_key_of_the_spec_language() -> None:
    """A case pins its procedure as JSON: every fact the catalogue of every key writes (forms
    with their file, variants, channel terms, bodies, the source) comes back equal."""
    import motcua

    every = motcua.load_catalog(Path(__file__).parent.parent / "fixtures" / "every-key")
    proc = every.procedures[0]
    agency = every.agency(proc.agency)
    text = pinning.encode(proc, agency)
    back, _ = pinning.decode(text)
    assert pinning.encode(back, agency) == text
    form = back.record("to-khai").form
    assert isinstance(form, Form) and form.file == "https://example.gov.vn/mau.docx" and form.code == "TP/HT-2026-TK"
    assert [v.code for v in back.variants] == ["1.999999.02"] and back.source == dataclasses.replace(
        proc.source, pos=back.source.pos) if proc.source and back.source else False
