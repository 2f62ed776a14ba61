"""The row layout: each table declared once, rows written and read back by column name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer
from motcua.engine.store import rows
from motcua.engine.store.codec import OPTIONAL_TIME, TEXT, TIME, Column, DamagedRow, Table

HOA = Officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa", position="Chuyên viên")
BINH = Officer("o-cm", agency="so-thu-nghiem", unit="phong-chuyen-mon", name="Lê Văn Bình", position="Chuyên viên")
AT = dt.datetime(2025, 3, 3, 8, 0)
EVENTS = (
    Event("ev-1", 1, "receive", HOA, AT, "new", "tiep-nhan", records=("don", "ban-sao")),
    Event("ev-2", 2, "request_supplement", BINH, AT + dt.timedelta(hours=1), "tiep-nhan", "awaiting-supplement",
          note="Bản sao “mờ”", records=("ban-sao",), breach="guide-once"),  # fmt: skip
    Event("ev-3", 3, "apologize", HOA, AT + dt.timedelta(days=1), "awaiting-supplement", "awaiting-supplement",
          note="Trễ", until=dt.datetime(2025, 3, 25, 17, 0, 0, 500_000)),  # fmt: skip
    Event("ev-4", 4, "correct", HOA, AT + dt.timedelta(days=2), "awaiting-supplement", "tiep-nhan", corrects=3),
)
CASE = Case(
    id="000.00.99.H99-20250303-0001", agency="so-thu-nghiem", procedure="cap-phep", version="1", digest="ab" * 32,
    applicant="Công ty TNHH Ánh Dương", state="awaiting-supplement", received_at=AT,
    due=dt.datetime(2025, 3, 18, 17, 0, 0, 500_000), original_due=dt.datetime(2025, 3, 18, 17), last_at=AT,
    step_started=AT, step_due=dt.datetime(2025, 3, 3, 17), step_paused=dt.timedelta(hours=3, microseconds=7),
    timer_due=dt.datetime(2025, 3, 6, 17), paused_from="tiep-nhan", paused_at=AT, answered=("ubnd-xa", "cong-an"),
    supplement_requests=2, apologies=1, closed_at=None, revision=4, events=EVENTS,
)  # fmt: skip


def test_a_case_and_its_events_read_back_from_their_rows() -> None:
    row = rows.case_row(CASE)
    stored = dict(zip(rows.CASES.names, row))
    assert (stored["open"], stored["due"], stored["step_paused_us"], stored["answered"]) == (
        1, "2025-03-18T17:00:00.500000", 10_800_000_007, '["ubnd-xa", "cong-an"]',
    )  # fmt: skip
    event_rows = [rows.event_row(CASE.id, e)[1:] for e in EVENTS]
    events = tuple(rows.events_from_rows(CASE.id, event_rows))
    assert events == EVENTS
    assert events[0].actor is events[2].actor  # one officer object for the rows of one actor
    assert rows.case_from_row(row, events) == CASE
    closed = rows.case_row(dataclasses.replace(CASE, closed_at=AT))
    assert dict(zip(rows.CASES.names, closed))["open"] == 0


def test_an_update_writes_only_what_events_change() -> None:
    assert rows.CHANGING == (
        "state", "open", "due", "last_at", "step_started", "step_due", "step_paused_us", "timer_due", "paused_from",
        "paused_at", "answered", "supplement_requests", "apologies", "closed_at", "revision", "stopped", "stopped_at",
    )  # fmt: skip
    full = dict(zip(rows.CASES.names, rows.case_row(CASE)))
    assert rows.changed_row(CASE) == tuple(full[n] for n in rows.CHANGING)


def test_a_row_is_read_by_column_name_whatever_their_order() -> None:
    names = list(rows.CASES.names)
    random.Random(9).shuffle(names)
    stored = dict(zip(rows.CASES.names, rows.case_row(CASE)))
    shuffled = tuple(stored[n] for n in names)
    read = rows.CASES.reader(names, ("id", "due", "step_paused", "answered", "closed_at"))
    assert read(shuffled) == (CASE.id, CASE.due, CASE.step_paused, CASE.answered, None)


DAMAGE = {
    "a date that is no date": ("due", "2014-02-30T17:00:00"),
    "an aware time": ("received_at", "2025-03-03T08:00:00+07:00"),
    "a number for a time": ("last_at", 20250303),
    "a list cut short": ("answered", '["ubnd-xa"'),
    "a list of numbers": ("answered", "[1, 2]"),
    "text for a count": ("revision", "five"),
    "bytes for text": ("applicant", b"C\xc3\xff"),
    "a float for a duration": ("step_paused_us", 1.5),
}


@pytest.mark.parametrize(("column", "value"), DAMAGE.values(), ids=DAMAGE.keys())
def test_a_value_that_does_not_read_is_named_by_row_and_column(column: str, value: object) -> None:
    stored = dict(zip(rows.CASES.names, rows.case_row(CASE)))
    stored[column] = value
    with pytest.raises(DamagedRow) as err:
        rows.case_from_row(tuple(stored.values()), EVENTS)
    assert (err.value.table, err.value.key, err.value.column) == ("cases", f"id {CASE.id}", column)


def test_a_damaged_event_names_its_case_and_seq() -> None:
    row = dict(zip(rows.EVENT_READ, rows.event_row(CASE.id, EVENTS[1])[1:]))
    with pytest.raises(DamagedRow) as err:
        list(rows.events_from_rows(CASE.id, [tuple({**row, "records": "{}"}.values())]))
    assert (err.value.table, err.value.key, err.value.column) == ("events", f"case_id {CASE.id}, seq 2", "records")
    with pytest.raises(DamagedRow) as err:
        list(rows.events_from_rows(CASE.id, [tuple({**row, "seq": "2"}.values())]))
    assert (err.value.key, err.value.column) == (f"case_id {CASE.id}, seq (damaged)", "seq")
    with pytest.raises(DamagedRow) as err:
        rows.officer_from_row(("o-mc", "so-thu-nghiem", b"\xff", "Hoa", "Chuyên viên"))
    assert (err.value.table, err.value.key, err.value.column) == ("officers", "id o-mc", "unit")


def test_a_table_reads_and_writes_any_declared_columns() -> None:
    table = Table(
        "deadlines", ("id",),
        Column("id", TEXT), Column("due", TIME), Column("until", OPTIONAL_TIME, attr="extended.until"),
    )  # fmt: skip

    class Extended:
        until = None

    class Deadline:
        id = "d-1"
        due = dt.datetime(2025, 3, 18, 17)
        extended = Extended()

    assert table.writer(("due", "id", "until"))(Deadline()) == ("2025-03-18T17:00:00", "d-1", None)
    assert table.writer(("id",))(Deadline()) == ("d-1",)
    assert table.reader(("until", "id", "due"), ("due",))((None, "d-1", "2025-03-18T17:00:00")) == (Deadline.due,)
    with pytest.raises(ValueError, match="holds no attribute"):
        rows.EVENTS.writer(rows.EVENTS.names)  # case_id is the caller's to give


@pytest.mark.parametrize("name, attr", [("due; DROP TABLE cases", ""), ("due", "__class__.__init__(1)"), ("for", ""),
                                        ("due", "actor.id)")])  # fmt: skip
def test_a_column_is_a_plain_name_holding_a_plain_attribute(name: str, attr: str) -> None:
    # Names are written into statements and into the functions a table compiles.
    with pytest.raises(ValueError, match="is not a plain name"):
        Column(name, TEXT, attr=attr)
