"""The store contract: every promise of ``engine/store/base.py``, run over every store.

Each test runs once per store of the folder's ``conftest.py``; ``opener`` gives another handle
on the same storage where a test needs a second writer or reader. The cases are built field by
field, not through the engine: a store keeps what it is given, and the tests need cases in exact
states (a timeout due to the microsecond, a paused case whose timer is still set) that the rules
would take many events to reach.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import threading
from collections.abc import Callable
from typing import Any

import pytest

from motcua.engine.frame import AWAITING_SUPPLEMENT
from motcua.engine.ledger import Case, Event
from motcua.engine.officers import Officer
from motcua.engine.store.base import CaseStore, ConflictError, DuplicateEvent, OfficerRecord

DEFINITION = '{"format":1,"procedure":{"id":"cap-phep"}}'
DIGEST = hashlib.sha256(DEFINITION.encode("utf-8")).hexdigest()
PREFIX = "000.00.99.H99-20250303-"
DESK = Officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa", position="Chuyên viên")
DIVISION = Officer("o-cm", agency="so-thu-nghiem", unit="phong-chuyen-mon", name="Lê Văn Bình", position="Chuyên viên")


def t(day: int, hour: int, minute: int = 0, second: int = 0, microsecond: int = 0) -> dt.datetime:
    """A time in March 2025 (Monday the 3rd is the first working day)."""
    return dt.datetime(2025, 3, day, hour, minute, second, microsecond)


@pytest.fixture
def store(store: CaseStore) -> CaseStore:
    """Each store in turn, with the definition the cases below run on pinned."""
    store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", DEFINITION)
    return store


# -- cases as a store receives them ------------------------------------------------------------

_ids = itertools.count(1)
_EVENT_FIELDS = {"note", "records", "until", "breach", "corrects", "term"}


def receipt(code: str, *, at: dt.datetime = t(3, 8), event_id: str | None = None, **row: Any) -> Case:
    """The case a receipt opens under ``code``; ``row`` sets any other column of its row."""
    state = row.pop("state", "tiep-nhan")
    event = Event(event_id or f"ev-{next(_ids)}", 1, "receive", DESK, at, "new", state, records=("don", "ban-sao"))
    columns: dict[str, Any] = {
        "procedure": "cap-phep", "agency": "so-thu-nghiem", "version": "1", "applicant": "Trần Văn An",
        "due": t(18, 17), "step_started": at, "step_due": t(3, 17),
    }  # fmt: skip
    columns.update(row)
    columns.setdefault("original_due", columns["due"])
    return Case(id=code, digest=DIGEST, state=state, received_at=at, last_at=at, revision=1, events=(event,), **columns)


def opened(store: CaseStore, *, prefix: str = PREFIX, **row: Any) -> Case:
    """A case opened in ``store``, numbered by it."""
    return store.create(prefix, lambda code: receipt(code, **row))


def then(case: Case, event: str, *, at: dt.datetime, target: str | None = None, actor: Officer = DIVISION,
         event_id: str | None = None, **fields: Any) -> Case:  # fmt: skip
    """A copy of ``case`` after ``event``: ``target`` its new state (default: the same); ``fields``
    are the event's (note, records, until, breach, corrects) or the case row's other columns."""
    given = {k: fields.pop(k) for k in list(fields) if k in _EVENT_FIELDS}
    new = Event(event_id or f"ev-{next(_ids)}", case.revision + 1, event, actor, at, case.state, target or case.state,
                **given)  # fmt: skip
    return dataclasses.replace(case, state=new.target, last_at=at, revision=case.revision + 1,
                               events=case.events + (new,), **fields)  # fmt: skip


def fired(store: CaseStore, case: Case, event: str, *, at: dt.datetime, **fields: Any) -> Case:
    """``case`` after ``event``, appended to ``store``."""
    new = then(case, event, at=at, **fields)
    store.append(new, expected=case.revision)
    return new


def paused(store: CaseStore, case: Case, *, at: dt.datetime) -> Case:
    """``case`` awaiting a supplement; its timer stays set (the clock only stands still)."""
    return fired(store, case, "request_supplement", at=at, target=AWAITING_SUPPLEMENT, records=("ban-sao",),
                 note="Bản sao mờ", paused_from=case.state, paused_at=at,
                 supplement_requests=case.supplement_requests + 1)  # fmt: skip


def refused(store: CaseStore, case: Case, *, at: dt.datetime, **row: Any) -> Case:
    """``case`` refused, so finished."""
    return fired(store, case, "refuse", at=at, target="refused", note="Không thuộc thẩm quyền", closed_at=at,
                 **{"step_started": None, "step_due": None, "timer_due": None, **row})  # fmt: skip


# -- definitions ---------------------------------------------------------------------------------


def test_a_pinned_definition_reads_back_by_its_digest(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    store.pin("d" * 64, "so-thu-nghiem/dang-ky@2", "Định nghĩa thứ hai\n")
    for handle in (store, opener()):
        assert handle.definition(DIGEST) == DEFINITION
        assert handle.definition("d" * 64) == "Định nghĩa thứ hai\n"


def test_pinning_a_digest_again_keeps_the_first_text(store: CaseStore) -> None:
    store.pin(DIGEST, "so-thu-nghiem/cap-phep@1", "another text")
    assert store.definition(DIGEST) == DEFINITION


def test_an_unknown_digest_is_a_key_error(store: CaseStore) -> None:
    with pytest.raises(KeyError):
        store.definition("0" * 64)


# -- officers ------------------------------------------------------------------------------------


def test_an_officer_is_kept_and_replaced_under_its_id(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    assert store.officer("o-mc") is None
    store.put_officer(DESK)
    other = opener()
    assert store.officer("o-mc") == other.officer("o-mc") == DESK
    promoted = Officer("o-mc", agency="so-thu-nghiem", unit="giam-doc", name="Nguyễn Thị Hoa", position="Phó Giám đốc")
    store.put_officer(promoted)
    assert store.officer("o-mc") == other.officer("o-mc") == promoted
    assert store.officers() == other.officers() == [promoted]


def test_each_change_of_an_officer_is_kept_in_its_history(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    assert store.officer_history("o-mc") == []
    store.put_officer(DESK, at=t(3, 8))
    store.put_officer(DESK, at=t(3, 9))  # the same details again: no change to record
    promoted = dataclasses.replace(DESK, unit="giam-doc", position="Phó Giám đốc")
    store.put_officer(promoted, at=t(10, 8, 0, 0, 5))
    store.put_officer(DIVISION)
    other = opener()
    expected = [OfficerRecord(1, t(3, 8), DESK), OfficerRecord(2, t(10, 8, 0, 0, 5), promoted)]
    assert store.officer_history("o-mc") == other.officer_history("o-mc") == expected
    assert other.officer_history("o-cm") == [OfficerRecord(1, None, DIVISION)]
    assert other.officer("o-mc") == promoted


def test_a_history_handed_out_is_the_caller_s(store: CaseStore) -> None:
    store.put_officer(DESK, at=t(3, 8))
    store.officer_history("o-mc").clear()
    assert len(store.officer_history("o-mc")) == 1


def test_officers_are_listed_by_id_as_code_points_order_them(store: CaseStore) -> None:
    def officer(oid: str, agency: str) -> Officer:
        return Officer(oid, agency=agency, unit="mot-cua", name=f"Cán bộ {oid}", position="Chuyên viên")

    for oid, agency in (("o-b", "so-a"), ("o-đ", "so-b"), ("O-z", "so-a"), ("o-a", "so-b"), ("o-a2", "so-a")):
        store.put_officer(officer(oid, agency))
    # Upper case before lower case, 'đ' (U+0111) after every ASCII letter: no locale's collation.
    assert [o.id for o in store.officers()] == ["O-z", "o-a", "o-a2", "o-b", "o-đ"]
    assert store.officers(agency="so-a") == [officer("O-z", "so-a"), officer("o-a2", "so-a"), officer("o-b", "so-a")]
    assert [o.id for o in store.officers(agency="so-b")] == ["o-a", "o-đ"]
    assert store.officers(agency="so-c") == []


# -- create: numbering the day's dossiers ----------------------------------------------------------


def test_create_numbers_each_prefix_from_0001(store: CaseStore) -> None:
    asked: list[str] = []

    def build(code: str) -> Case:
        asked.append(code)
        return receipt(code)

    first = store.create(PREFIX, build)
    second = opened(store)
    next_day = opened(store, prefix="000.00.99.H99-20250304-")
    third = opened(store)
    assert asked == [PREFIX + "0001"]
    assert [c.id for c in (first, second, next_day, third)] == [
        PREFIX + "0001", PREFIX + "0002", "000.00.99.H99-20250304-0001", PREFIX + "0003",
    ]  # fmt: skip
    assert [store.load(c.id) for c in (first, second, next_day, third)] == [first, second, next_day, third]


def test_the_sequence_runs_past_four_digits(store: CaseStore) -> None:
    ids = [opened(store).id for _ in range(10_000)]
    assert ids[:2] == [PREFIX + "0001", PREFIX + "0002"]
    assert ids[-2:] == [PREFIX + "9999", PREFIX + "10000"]


def test_a_receipt_under_a_recorded_event_id_is_a_duplicate_and_uses_no_number(store: CaseStore) -> None:
    first = opened(store, event_id="receipt-1")
    fired(store, first, "complete", at=t(3, 9), event_id="complete-1")
    for reused in ("receipt-1", "complete-1"):
        with pytest.raises(DuplicateEvent) as err:
            opened(store, event_id=reused)
        assert (err.value.event_id, err.value.case_id) == (reused, first.id)
    assert store.case_ids() == [first.id]
    assert opened(store).id == PREFIX + "0002"


def test_a_build_that_fails_writes_nothing_and_uses_no_number(store: CaseStore) -> None:
    def build(code: str) -> Case:
        raise OverflowError("deadlines beyond the calendar's last year")

    with pytest.raises(OverflowError):
        store.create(PREFIX, build)
    assert store.case_ids() == []
    assert opened(store).id == PREFIX + "0001"


# -- append: one event and the new row, checked against the stored revision --------------------------


def test_append_writes_the_event_and_the_new_row(store: CaseStore) -> None:
    case = opened(store)
    moved = fired(store, case, "complete", at=t(3, 9), target="tham-dinh", actor=DESK, step_started=t(3, 9))
    assert store.load(case.id) == moved
    assert [(e.seq, e.event) for e in moved.events] == [(1, "receive"), (2, "complete")]


def test_a_stale_append_is_a_conflict_and_writes_nothing(store: CaseStore) -> None:
    case = opened(store)
    moved = fired(store, case, "complete", at=t(3, 9), target="tham-dinh")
    stale = then(case, "refuse", at=t(3, 10), target="refused", event_id="stale", closed_at=t(3, 10))
    with pytest.raises(ConflictError) as err:
        store.append(stale, expected=1)
    assert (err.value.case_id, err.value.expected, err.value.found) == (case.id, 1, 2)
    ahead = then(moved, "answer", at=t(3, 11), event_id="ahead")
    with pytest.raises(ConflictError) as err:
        store.append(ahead, expected=3)
    assert (err.value.expected, err.value.found) == (3, 2)
    assert store.load(case.id) == moved
    assert (store.event_case("stale"), store.event_case("ahead")) == (None, None)
    assert fired(store, moved, "answer", at=t(3, 11)).revision == 3  # nothing was left half-written


def test_an_append_to_a_case_never_created_is_a_conflict(store: CaseStore) -> None:
    stray = then(receipt(PREFIX + "0042"), "complete", at=t(3, 9), event_id="stray")
    with pytest.raises(ConflictError) as err:
        store.append(stray, expected=1)
    assert (err.value.case_id, err.value.expected, err.value.found) == (PREFIX + "0042", 1, None)
    assert (store.load(stray.id), store.event_case("stray"), store.case_ids()) == (None, None, [])


def test_an_append_under_a_recorded_event_id_is_a_duplicate_and_writes_nothing(store: CaseStore) -> None:
    a = opened(store, event_id="receipt-a")
    b = fired(store, opened(store), "complete", at=t(3, 9), event_id="complete-b")
    for reused, holder in (("receipt-a", a.id), ("complete-b", b.id)):
        with pytest.raises(DuplicateEvent) as err:
            store.append(then(a, "complete", at=t(3, 10), event_id=reused), expected=1)
        assert (err.value.event_id, err.value.case_id) == (reused, holder)
    assert (store.load(a.id), store.load(b.id)) == (a, b)
    assert fired(store, a, "complete", at=t(3, 10)).revision == 2  # nothing was left half-written


def test_a_recorded_event_id_is_a_duplicate_even_at_a_stale_revision(store: CaseStore) -> None:
    # A retry another writer recorded first: the event itself moved the revision on.
    case = opened(store)
    first = fired(store, case, "complete", at=t(3, 9), event_id="complete-1")
    with pytest.raises(DuplicateEvent) as err:
        store.append(then(case, "complete", at=t(3, 9), event_id="complete-1"), expected=1)
    assert (err.value.event_id, err.value.case_id) == ("complete-1", case.id)
    assert store.load(case.id) == first


def test_of_two_writers_deciding_on_one_revision_the_second_gets_a_conflict(
    store: CaseStore, opener: Callable[[], CaseStore]
) -> None:
    other = opener()
    case = opened(store)
    seen = other.load(case.id)
    assert seen == case
    won = fired(store, case, "answer", at=t(3, 9), answered=("ubnd-xa",))
    with pytest.raises(ConflictError) as err:
        fired(other, seen, "answer", at=t(3, 10), answered=("cong-an",))
    assert (err.value.expected, err.value.found) == (1, 2)
    assert other.load(case.id) == store.load(case.id) == won


# -- reading -------------------------------------------------------------------------------------


def test_load_gives_back_every_column_and_the_whole_log_as_written(
    store: CaseStore, opener: Callable[[], CaseStore]
) -> None:
    # Times between seconds (a fraction of a working day), texts beyond ASCII, every optional field.
    case = opened(store, applicant="Công ty TNHH Ánh Dương", due=t(18, 17, 0, 0, 500_000), original_due=t(18, 17),
                  timer_due=t(6, 17))  # fmt: skip
    case = paused(store, case, at=t(4, 9, 30, 15))
    case = fired(store, case, "supplement", at=t(5, 9), target="tiep-nhan", actor=DESK, records=("ban-sao",),
                 paused_from=None, paused_at=None, step_paused=dt.timedelta(hours=7, microseconds=1),
                 due=t(19, 16, 0, 0, 500_000), timer_due=t(7, 16))  # fmt: skip
    case = fired(store, case, "complete", at=t(5, 10), target="tham-dinh", step_started=t(5, 10), step_due=t(12, 17),
                 timer_due=None)  # fmt: skip
    case = fired(store, case, "request_supplement", at=t(5, 11), target=AWAITING_SUPPLEMENT, records=("don",),
                 breach="guide-once", paused_from="tham-dinh", paused_at=t(5, 11), supplement_requests=2)  # fmt: skip
    case = fired(store, case, "supplement", at=t(6, 8), target="tham-dinh", actor=DESK, records=("don",),
                 paused_from=None, paused_at=None)  # fmt: skip
    case = fired(store, case, "answer", at=t(6, 9), answered=("ubnd-xa", "cong-an"))
    case = fired(store, case, "apologize", at=t(20, 9), actor=DESK, note="Chờ ý kiến xã; “trễ” 2 ngày",
                 until=t(25, 17), due=t(25, 17), apologies=1)  # fmt: skip
    # Read by the handle that wrote it, and by one that reads it from the storage.
    loaded, fresh = store.load(case.id), opener().load(case.id)
    assert loaded == fresh == case
    assert fresh is not None and fresh.revision == len(fresh.events) == 8
    assert [e.seq for e in fresh.events] == [1, 2, 3, 4, 5, 6, 7, 8]
    done = refused(store, case, at=t(21, 9))
    assert opener().load(case.id) == done and done.closed_at == t(21, 9)


def test_load_reads_what_is_stored_now_whatever_another_handle_wrote(
    store: CaseStore, opener: Callable[[], CaseStore]
) -> None:
    other = opener()
    case = opened(store)
    assert other.load(case.id) == case
    moved = fired(store, fired(store, case, "complete", at=t(3, 9), target="tham-dinh"), "answer", at=t(3, 10))
    again = other.load(case.id)
    assert again == moved
    assert again is not None and again.revision == len(again.events) == 3


def test_an_unknown_case_or_event_is_none(store: CaseStore) -> None:
    assert (store.load(PREFIX + "0001"), store.recall(PREFIX + "0001"), store.event_case("ev-x")) == (None, None, None)
    opened(store)
    assert (store.load(PREFIX + "0002"), store.event_case("ev-x")) == (None, None)


def test_event_case_names_the_case_holding_each_event(store: CaseStore) -> None:
    a = opened(store, event_id="a-1")
    b = fired(store, opened(store, event_id="b-1"), "complete", at=t(3, 9), event_id="b-2")
    assert [store.event_case(i) for i in ("a-1", "b-1", "b-2", "c-1")] == [a.id, b.id, b.id, None]


def test_many_cases_load_together_as_each_loads(store: CaseStore) -> None:
    first, second = opened(store), opened(store)
    store.append(then(second, "complete", at=t(3, 9), target="tham-dinh"), expected=1)
    unknown = PREFIX + "9999"
    found = store.load_many([second.id, unknown, first.id, second.id])
    assert found == [store.load(second.id), None, store.load(first.id), store.load(second.id)]
    assert found[0] is not None and found[0] is not found[3]  # each one a copy of its own
    assert found[0].state == "tham-dinh" and found[0].revision == 2 and len(found[0].events) == 2
    found[0].state = "changed"
    assert store.load(second.id).state == "tham-dinh"  # type: ignore[union-attr]
    assert store.load_many([]) == [] and store.load_many([unknown]) == [None]


def test_a_store_hands_out_copies(store: CaseStore) -> None:
    created = opened(store)
    kept = created.copy()
    created.state, created.answered, created.events = "changed", ("changed",), ()
    assert store.load(kept.id) == kept
    moved = then(kept, "complete", at=t(3, 9), target="tham-dinh")
    store.append(moved, expected=1)
    written = moved.copy()
    moved.state, moved.revision = "changed", 99
    loaded = store.load(kept.id)
    assert loaded == written
    loaded.state, loaded.due = "changed", t(1, 0)
    recalled = store.recall(kept.id)
    assert recalled in (None, written)
    if recalled is not None:
        recalled.state = "changed"
    assert store.recall(kept.id) in (None, written)
    assert store.load(kept.id) == written


def test_recall_is_nothing_or_the_case_as_this_handle_last_saw_it(
    store: CaseStore, opener: Callable[[], CaseStore]
) -> None:
    case = opened(store)
    assert store.recall(case.id) in (None, case)
    moved = fired(store, case, "complete", at=t(3, 9), target="tham-dinh")
    assert store.recall(case.id) in (None, moved)
    other = opener()
    assert other.load(case.id) == moved
    later = fired(other, moved, "answer", at=t(3, 10))
    # This handle may still recall the case as it wrote it: the revision check catches that.
    recalled = store.recall(case.id)
    assert recalled in (None, moved, later)
    if recalled is not None and recalled.revision < later.revision:
        with pytest.raises(ConflictError):
            fired(store, recalled, "answer", at=t(3, 11))
    assert store.load(case.id) == later
    assert store.recall(case.id) in (None, later)


def test_a_correction_is_kept_with_the_seq_of_the_event_it_voids(
    store: CaseStore, opener: Callable[[], CaseStore]
) -> None:
    case = opened(store)
    moved = fired(store, case, "complete", at=t(3, 9), target="tham-dinh")
    corrected = fired(store, moved, "correct", at=t(3, 10), target="tiep-nhan", actor=DESK, corrects=2,
                      note="Chuyển nhầm bước")  # fmt: skip
    loaded = opener().load(case.id)
    assert loaded == corrected
    assert loaded is not None
    assert [(e.event, e.corrects) for e in loaded.events] == [("receive", None), ("complete", None), ("correct", 2)]
    assert store.event_case(corrected.events[-1].id) == case.id


# -- queries -------------------------------------------------------------------------------------


def test_case_ids_by_id_optionally_of_one_procedure_and_agency(store: CaseStore) -> None:
    a = opened(store)  # ...20250303-0001
    b = opened(store, procedure="dang-ky")  # ...20250303-0002
    c = opened(store, prefix="000.00.20.H40-20250303-", agency="so-khac")
    d = opened(store, prefix="000.00.99.H99-20250228-")
    assert store.case_ids() == [c.id, d.id, a.id, b.id]
    assert store.case_ids(procedure="cap-phep") == [c.id, d.id, a.id]
    assert store.case_ids(procedure="cap-phep", agency="so-thu-nghiem") == [d.id, a.id]
    assert store.case_ids(agency="so-thu-nghiem") == [d.id, a.id, b.id]
    assert store.case_ids(procedure="cap-phep", agency="so-khac") == [c.id]
    assert store.case_ids(procedure="dang-ky", agency="so-khac") == []


def test_overdue_cases_are_open_running_and_past_their_appointment_oldest_first(store: CaseStore) -> None:
    at = t(20, 8)
    late = opened(store, due=t(18, 17))  # 0001
    tie_a = opened(store, due=t(14, 17))  # 0002
    tie_b = opened(store, due=t(14, 17))  # 0003: the same appointment, so after 0002
    opened(store, due=at)  # 0004: due this very moment, not yet late
    opened(store, due=t(25, 17))  # 0005
    refused(store, opened(store, due=t(10, 17)), at=t(4, 9))  # 0006: finished
    paused(store, opened(store, due=t(10, 17)), at=t(4, 9))  # 0007: its clock stands still
    other = opened(store, due=t(12, 17), procedure="dang-ky")  # 0008
    just = opened(store, due=at - dt.timedelta(microseconds=1))  # 0009: late by a microsecond
    assert store.case_ids(overdue_at=at) == [other.id, tie_a.id, tie_b.id, late.id, just.id]
    assert store.case_ids(overdue_at=at, procedure="cap-phep") == [tie_a.id, tie_b.id, late.id, just.id]
    assert store.case_ids(overdue_at=at, procedure="dang-ky", agency="so-thu-nghiem") == [other.id]
    assert store.case_ids(overdue_at=t(12, 17)) == []


def test_a_resumed_case_is_overdue_again(store: CaseStore) -> None:
    case = paused(store, opened(store, due=t(10, 17)), at=t(4, 9))
    assert store.case_ids(overdue_at=t(20, 8)) == []
    fired(store, case, "supplement", at=t(5, 9), target="tiep-nhan", actor=DESK, paused_from=None, paused_at=None,
          due=t(11, 17))  # fmt: skip
    assert store.case_ids(overdue_at=t(20, 8)) == [case.id]


def stopped(store: CaseStore, case: Case, *, at: dt.datetime) -> Case:
    """``case`` in a clock stop: its state stays, its clock stands still, its timer stays set."""
    return fired(store, case, "pause", at=at, term="nghia-vu", note="Chờ nộp thuế", stopped="nghia-vu", stopped_at=at)


def test_a_case_keeps_its_terms_and_its_clock_stop(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    case = opened(store, variant="trong-nuoc", channel="online", timer_due=t(5, 17))
    case = fired(store, case, "extend", at=t(3, 9), term="xa-xa", note="Xã vùng cao", due=t(31, 17))
    case = stopped(store, case, at=t(4, 9, 30, 15))
    loaded = opener().load(case.id)
    assert loaded == case
    assert loaded is not None and (loaded.variant, loaded.channel, loaded.stopped, loaded.stopped_at) == (
        "trong-nuoc", "online", "nghia-vu", t(4, 9, 30, 15))
    assert [e.term for e in loaded.events] == [None, "xa-xa", "nghia-vu"]
    resumed = fired(store, case, "resume", at=t(5, 9), stopped=None, stopped_at=None)
    assert opener().load(case.id) == resumed


def test_a_case_in_a_clock_stop_is_neither_overdue_nor_timed_out(store: CaseStore) -> None:
    case = stopped(store, opened(store, due=t(10, 17), timer_due=t(4, 17)), at=t(3, 9))
    running = opened(store, due=t(10, 17), timer_due=t(4, 17))
    assert store.case_ids(overdue_at=t(20, 8)) == [running.id]
    assert store.timers_due(t(20, 8)) == [running.id]
    fired(store, case, "resume", at=t(5, 9), stopped=None, stopped_at=None, due=t(11, 17))
    assert store.case_ids(overdue_at=t(20, 8)) == [running.id, case.id]
    assert store.timers_due(t(20, 8)) == [case.id, running.id]  # the same timeout: 0001 before 0002


def test_timers_due_oldest_timeout_first_then_by_id(store: CaseStore) -> None:
    at = t(10, 8)
    a = opened(store, timer_due=t(7, 17))  # 0001
    b = opened(store, timer_due=t(5, 17))  # 0002: the oldest timeout, fired first
    c = opened(store, timer_due=t(7, 17))  # 0003: the same time as 0001, so after it
    d = opened(store, timer_due=at)  # 0004: due this very moment
    opened(store, timer_due=at + dt.timedelta(microseconds=1))  # 0005: not yet
    opened(store)  # 0006: no timer
    refused(store, opened(store, timer_due=t(4, 17)), at=t(3, 9), timer_due=t(4, 17))  # 0007: finished
    paused(store, opened(store, timer_due=t(4, 17)), at=t(3, 9))  # 0008: awaiting a supplement
    assert store.timers_due(at) == [b.id, a.id, c.id, d.id]
    assert store.timers_due(t(6, 8)) == [b.id]
    assert store.timers_due(t(5, 16)) == []


def test_times_between_seconds_compare_as_times(store: CaseStore) -> None:
    # A deadline of a fraction of a working day may fall between seconds.
    case = opened(store, due=t(18, 17, 0, 0, 500_000), timer_due=t(6, 17, 0, 0, 500_000))
    assert store.case_ids(overdue_at=t(18, 17)) == []
    assert store.case_ids(overdue_at=t(18, 17, 0, 0, 500_000)) == []
    assert store.case_ids(overdue_at=t(18, 17, 0, 0, 500_001)) == [case.id]
    assert store.timers_due(t(6, 17)) == []
    assert store.timers_due(t(6, 17, 0, 0, 500_000)) == [case.id]


# -- claiming due timeouts -----------------------------------------------------------------------


def timed_out(case: Case, *, at: dt.datetime, event_id: str | None = None) -> Case:
    """``case`` after its step timeout: moved on to a step with no timer."""
    return then(case, "timeout", at=at, target="co-hieu-luc", actor=DESK, event_id=event_id, timer_due=None,
                closed_at=at, step_started=None, step_due=None)  # fmt: skip


def test_a_claim_holds_only_a_case_whose_timeout_is_due(store: CaseStore) -> None:
    at = t(10, 8)
    due = opened(store, timer_due=t(5, 17))
    later = opened(store, timer_due=at + dt.timedelta(microseconds=1))
    untimed = opened(store)
    finished = refused(store, opened(store, timer_due=t(4, 17)), at=t(3, 9), timer_due=t(4, 17))
    waiting = paused(store, opened(store, timer_due=t(4, 17)), at=t(3, 9))
    still = stopped(store, opened(store, timer_due=t(4, 17)), at=t(3, 9))
    for case in (later, untimed, finished, waiting, still):
        with store.claim(case.id, at) as held:
            assert not held, case.id
    with store.claim("000.00.99.H99-20250303-9999", at) as held:
        assert not held
    for _ in range(2):  # a claim that wrote nothing leaves the timeout due
        with store.claim(due.id, at) as held:
            assert held
    assert store.timers_due(at) == [due.id]


def test_what_a_claim_appends_is_committed_when_it_ends(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    case = opened(store, timer_due=t(5, 17))
    other = opener()
    with store.claim(case.id, t(10, 8)) as held:
        assert held
        fired_out = timed_out(case, at=t(5, 17))
        store.append(fired_out, expected=case.revision)
    assert other.load(case.id) == store.load(case.id) == fired_out
    assert store.timers_due(t(10, 8)) == other.timers_due(t(10, 8)) == []
    for handle in (store, other):
        with handle.claim(case.id, t(10, 8)) as held:
            assert not held


def test_a_claim_that_raises_writes_nothing_and_lapses(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    case = opened(store, timer_due=t(5, 17))
    lost = timed_out(case, at=t(5, 17), event_id="timeout-lost")
    with pytest.raises(KeyboardInterrupt), store.claim(case.id, t(10, 8)) as held:
        assert held
        store.append(lost, expected=case.revision)
        raise KeyboardInterrupt
    for handle in (store, opener()):
        assert handle.load(case.id) == case
        assert handle.event_case("timeout-lost") is None
        assert handle.recall(case.id) in (None, case)
        with handle.claim(case.id, t(10, 8)) as held:
            assert held
    assert store.timers_due(t(10, 8)) == [case.id]
    fired(store, case, "answer", at=t(5, 18), answered=("ubnd-xa",))  # the case goes on from where it was


def test_a_refused_append_in_a_claim_writes_nothing_and_the_claim_goes_on(store: CaseStore) -> None:
    case = opened(store, timer_due=t(5, 17))
    recorded = opened(store)
    with store.claim(case.id, t(10, 8)) as held:
        assert held
        with pytest.raises(ConflictError) as err:
            store.append(timed_out(case, at=t(5, 17)), expected=case.revision + 1)
        assert err.value.case_id == case.id and (err.value.expected, err.value.found) == (2, 1)
        assert err.value.text("vi").startswith(f"xung đột ở hồ sơ {case.id}: ")
        assert err.value.text("en").startswith(f"conflict on case {case.id}: ")
        with pytest.raises(DuplicateEvent):
            store.append(timed_out(case, at=t(5, 17), event_id=recorded.events[0].id), expected=case.revision)
        done = timed_out(case, at=t(5, 17))
        store.append(done, expected=case.revision)
    assert store.load(case.id) == done


def test_claims_on_several_handles_fire_each_timeout_once(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    at = t(10, 8)
    cases = [opened(store, timer_due=t(5, 17)) for _ in range(12)]
    handles = [opener() for _ in range(3)]
    fired_by: dict[str, list[int]] = {c.id: [] for c in cases}
    failed: list[BaseException] = []

    def work(n: int) -> None:
        handle = handles[n]
        try:
            for case_id in handle.timers_due(at):
                with handle.claim(case_id, at) as held:
                    if not held:
                        continue
                    seen = handle.load(case_id)
                    assert seen is not None and seen.revision == 1  # a held case is as its timeout left it
                    handle.append(timed_out(seen, at=t(5, 17)), expected=seen.revision)  # never a conflict
                    fired_by[case_id].append(n)
        except BaseException as err:  # noqa: BLE001 - reported by the test's thread
            failed.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(handles))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failed == []
    assert all(len(workers) == 1 for workers in fired_by.values()), fired_by
    for case in cases:
        loaded = store.load(case.id)
        assert loaded is not None and [e.event for e in loaded.events] == ["receive", "timeout"]


def test_a_claim_held_elsewhere_is_not_held_twice(store: CaseStore, opener: Callable[[], CaseStore]) -> None:
    # A second claim while the first is held yields nothing at once (PostgreSQL, memory) or
    # waits for the first to end (SQLite): either way it finds the timeout fired.
    case = opened(store, timer_due=t(5, 17))
    other = opener()
    second: list[bool] = []

    def claim_too() -> None:
        with other.claim(case.id, t(10, 8)) as held:
            second.append(held)

    with store.claim(case.id, t(10, 8)) as held:
        assert held
        thread = threading.Thread(target=claim_too)
        thread.start()
        store.append(timed_out(case, at=t(5, 17)), expected=case.revision)
    thread.join(timeout=120)
    assert second == [False]
    loaded = other.load(case.id)
    assert loaded is not None and [e.event for e in loaded.events] == ["receive", "timeout"]
