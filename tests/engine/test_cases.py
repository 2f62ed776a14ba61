"""Cases through the engine: dossier codes, deadlines, the one-stop frame, roles, pinning.

Times are hand-counted on the test agency's calendar: office hours 07:00-11:30 and
13:30-17:00, Saturdays and Sundays off, and Friday 14 March 2025 announced as a day off.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.engine.cases import ConflictError, Engine, EventRefused, InvalidInput, UnknownCase
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog

CATALOG = Path(__file__).parent / "catalog"
MON = dt.datetime(2025, 3, 3, 8, 0)  # Monday 3 March 2025, 08:00


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


OFFICERS = [
    ("o-mc", "mot-cua", "Nguyễn Thị Hoa", "Chuyên viên một cửa"),
    ("o-cm", "phong-chuyen-mon", "Lê Văn Bình", "Chuyên viên"),
    ("o-khac", "phong-khac", "Trần Thị Mai", "Chuyên viên"),
    ("o-gd", "giam-doc", "Hồ Văn Dũng", "Giám đốc"),
    ("o-xa", "ubnd-xa", "Phạm Văn Xã", "Công chức tư pháp"),
    ("o-ca", "cong-an", "Đỗ Văn Công", "Cán bộ"),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, catalog: Catalog, tmp_path: Path) -> Iterator[Engine]:
    store = None if request.param == "memory" else tmp_path / "cases.db"
    with Engine(catalog, store=store) as e:
        for oid, unit, name, position in OFFICERS:
            e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=name, position=position)
        yield e


def walk_to_appraisal(engine: Engine) -> str:
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=MON)
    engine.fire(case.id, "complete", actor="o-mc", at=t(3, 9))
    return case.id


def test_open_gives_a_dossier_code_a_receipt_and_an_appointment(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=MON)
    assert case.id == "000.00.99.H99-20250303-0001"
    assert (case.procedure, case.version, case.state) == ("cap-phep", "1", "tiep-nhan")
    assert case.received_at == MON
    # 10 working days after Mon 3 March, skipping the weekends and the day off on Fri 14 March.
    assert case.due == case.original_due == t(18, 17)
    # One session: the morning the dossier came in is not counted; due at the afternoon's close.
    assert case.step_due == t(3, 17)
    receive = case.events[0]
    assert (receive.event, receive.actor.id, receive.actor.name, receive.actor.unit) == (
        "receive", "o-mc", "Nguyễn Thị Hoa", "mot-cua",
    )  # fmt: skip
    assert receive.records == ("don", "ban-sao")  # the conditional power of attorney is not assumed
    second = engine.open("so-thu-nghiem/cap-phep", applicant="B", actor="o-mc", at=t(3, 16), records=["don"])
    third = engine.open("dang-ky", applicant="C", actor="o-mc", at=t(4, 8))
    assert second.id.endswith("-20250303-0002") and second.events[0].records == ("don",)
    assert third.id == "000.00.99.H99-20250304-0001"


def test_dossier_received_after_hours_counts_from_the_next_session(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 17, 30))
    # The clock starts Tue 4 March 07:00; that day is not counted, so one day later than at 08:00.
    assert case.due == t(19, 17)
    late_friday = engine.open("cap-phep", applicant="A", actor="o-mc", at=t(7, 18))
    assert late_friday.due == t(25, 17)  # from Mon 10 March 07:00


def test_roles_are_enforced_and_a_refused_event_changes_nothing(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    before = engine.get(cid)
    with pytest.raises(EventRefused) as err:
        engine.fire(cid, "answer", actor="o-khac", at=t(4, 9))
    assert "unit 'phong-khac'" in err.value.reason and "'ubnd-xa' or 'cong-an'" in err.value.reason
    with pytest.raises(EventRefused, match="unit 'mot-cua' may not fire 'approve'.*unit 'phong-chuyen-mon'"):
        engine.fire(cid, "approve", actor="o-mc", at=t(4, 9))
    with pytest.raises(EventRefused, match="unit 'phong-chuyen-mon' may not fire 'withdraw'.*'mot-cua'"):
        engine.fire(cid, "withdraw", actor="o-cm", at=t(4, 9))
    with pytest.raises(EventRefused, match="'timeout' is fired by the engine"):
        engine.fire(cid, "timeout", actor="o-cm", at=t(4, 9))
    assert engine.get(cid) == before
    with pytest.raises(InvalidInput, match="unknown officer 'nobody'"):
        engine.fire(cid, "approve", actor="nobody")
    with pytest.raises(InvalidInput, match="did you mean 'approve'"):
        engine.fire(cid, "aprove", actor="o-cm", at=t(4, 9))
    with pytest.raises(UnknownCase):
        engine.get("000.00.99.H99-20250303-9999")


def test_consultation_in_any_order_then_approval_to_the_end(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    with pytest.raises(EventRefused, match="waits for answers from ubnd-xa, cong-an"):
        engine.fire(cid, "approve", actor="o-cm", at=t(4, 9))
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 10))
    with pytest.raises(EventRefused, match="unit 'cong-an' has already answered"):
        engine.fire(cid, "answer", actor="o-ca", at=t(4, 11))
    engine.fire(cid, "answer", actor="o-xa", at=t(5, 10))
    engine.fire(cid, "approve", actor="o-cm", at=t(6, 10))
    engine.fire(cid, "complete", actor="o-gd", at=t(7, 10))
    case = engine.fire(cid, "complete", actor="o-mc", at=t(10, 8))
    assert case.state == "da-cap" and case.finished and case.closed_at == t(10, 8)
    assert [e.event for e in case.events] == [
        "receive", "complete", "answer", "answer", "approve", "complete", "complete",
    ]  # fmt: skip
    with pytest.raises(EventRefused, match="is finished"):
        engine.fire(cid, "refuse", actor="o-mc", note="late", at=t(10, 9))


def test_supplement_pauses_the_clock_and_a_second_request_breaks_guide_once(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    with pytest.raises(InvalidInput, match="must list every missing record"):
        engine.fire(cid, "request_supplement", actor="o-cm", at=t(4, 9))
    paused = engine.fire(cid, "request_supplement", actor="o-cm", records=["ban-sao"], note="Bản sao mờ", at=t(4, 9))
    assert paused.state == "awaiting-supplement" and paused.paused_from == "tham-dinh"
    assert paused.events[-1].breach is None and not paused.guide_once_breached
    assert not paused.overdue(t(25, 8))  # the clock stands still while a supplement is awaited
    with pytest.raises(EventRefused, match="may not fire 'supplement'.*'mot-cua'"):
        engine.fire(cid, "supplement", actor="o-cm", records=["ban-sao"], at=t(5, 9))
    back = engine.fire(cid, "supplement", actor="o-mc", records=["ban-sao"], at=t(5, 9))
    # Paused Tue 09:00 -> Wed 09:00: 2.5 + 3.5 + 2 hours = one working day of 8 hours.
    assert back.state == "tham-dinh"
    assert back.due == t(19, 17) and back.original_due == t(18, 17)
    assert back.step_due == t(11, 17)  # the step's 5 working days moved by the same day
    again = engine.fire(cid, "request_supplement", actor="o-mc", records=["don"], at=t(5, 10))
    assert again.events[-1].breach == "guide-once" and again.guide_once_breached
    assert again.supplement_requests == 2


def test_refuse_needs_a_reason_and_ends_the_case(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    with pytest.raises(InvalidInput, match="written reason"):
        engine.fire(cid, "refuse", actor="o-cm", at=t(4, 9))
    case = engine.fire(cid, "refuse", actor="o-cm", note="Không thuộc thẩm quyền", at=t(4, 9))
    assert case.state == "refused" and case.finished and case.events[-1].note == "Không thuộc thẩm quyền"
    assert not case.overdue(t(30, 8))


def test_withdraw_while_awaiting_a_supplement(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    engine.fire(cid, "request_supplement", actor="o-cm", records=["don"], at=t(4, 9))
    case = engine.fire(cid, "withdraw", actor="o-mc", note="Người nộp rút hồ sơ", at=t(6, 9))
    assert case.state == "withdrawn" and case.finished


def test_overdue_cases_are_listed_and_apologized_for(engine: Engine) -> None:
    late = walk_to_appraisal(engine)
    other = engine.open("dang-ky", applicant="On time", actor="o-mc", at=t(17, 8))
    assert other.due == t(24, 17)
    with pytest.raises(EventRefused, match="not overdue"):
        engine.fire(late, "apologize", actor="o-gd", note="x", until=t(25, 17), at=t(18, 16))
    assert [c.id for c in engine.list(overdue=True, at=t(19, 8))] == [late]
    assert engine.list(overdue=True, at=t(18, 17)) == []  # due at 17:00 that day is not yet late
    with pytest.raises(InvalidInput, match="new appointment"):
        engine.fire(late, "apologize", actor="o-gd", note="Chờ ý kiến", at=t(19, 8))
    with pytest.raises(EventRefused, match="unit 'phong-chuyen-mon' may not fire 'apologize'.*'mot-cua' or 'giam-doc'"):
        engine.fire(late, "apologize", actor="o-cm", note="x", until=t(25, 17), at=t(19, 8))
    case = engine.fire(late, "apologize", actor="o-gd", note="Chờ ý kiến xã", until=t(25, 17), at=t(19, 8))
    assert case.due == t(25, 17) and case.original_due == t(18, 17) and case.apologies == 1
    assert engine.list(overdue=True, at=t(19, 9)) == []
    # Oldest appointment first: the other case fell due on the 24th, the apology moved this one to the 25th.
    assert [c.id for c in engine.list(overdue=True, at=t(26, 8))] == [other.id, late]
    assert {c.procedure for c in engine.list(procedure="so-thu-nghiem/dang-ky")} == {"dang-ky"}
    assert len(engine.list()) == 2


def test_tick_fires_due_timeouts_once(engine: Engine) -> None:
    case = engine.open("dang-ky", applicant="Công ty A", actor="o-mc", at=MON)
    case = engine.fire(case.id, "complete", actor="o-mc", at=t(3, 9))
    assert case.timer_due == t(6, 17)  # 3 working days after Monday
    assert engine.tick(at=t(6, 16)) == []
    moved = engine.tick(at=t(7, 8))
    assert [c.id for c in moved] == [case.id]
    done = engine.get(case.id)
    last = done.events[-1]
    assert (done.state, last.event, last.actor.id, last.at) == ("co-hieu-luc", "timeout", "motcua", t(6, 17))
    assert engine.tick(at=t(10, 8)) == []


def test_tick_fires_the_oldest_timeout_first(engine: Engine) -> None:
    first = engine.open("dang-ky", applicant="Công ty A", actor="o-mc", at=MON)
    second = engine.open("dang-ky", applicant="Công ty B", actor="o-mc", at=t(3, 8, 30))
    assert engine.fire(second.id, "complete", actor="o-mc", at=t(3, 9)).timer_due == t(6, 17)
    assert engine.fire(first.id, "complete", actor="o-mc", at=t(4, 9)).timer_due == t(7, 17)
    moved = engine.tick(at=t(10, 8))
    assert [(c.id, c.events[-1].at) for c in moved] == [(second.id, t(6, 17)), (first.id, t(7, 17))]


def test_time_cannot_run_backwards(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    with pytest.raises(InvalidInput, match="before its last event"):
        engine.fire(cid, "answer", actor="o-xa", at=t(3, 8))


def test_retried_events_are_harmless(engine: Engine) -> None:
    first = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON, event_id="receipt-1")
    again = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON, event_id="receipt-1")
    assert again.id == first.id and len(engine.list()) == 1
    fired = engine.fire(first.id, "complete", actor="o-mc", at=t(3, 9), event_id="ev-2")
    retried = engine.fire(first.id, "complete", actor="o-mc", at=t(3, 9), event_id="ev-2")
    assert retried.revision == fired.revision == 2 and retried.state == "tham-dinh"


def test_a_stale_writer_gets_a_conflict_naming_the_case(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    seen = engine.get(cid).revision
    engine.fire(cid, "answer", actor="o-xa", at=t(4, 9), expected_revision=seen)
    with pytest.raises(ConflictError, match=cid):
        engine.fire(cid, "answer", actor="o-ca", at=t(4, 10), expected_revision=seen)
    assert engine.get(cid).revision == seen + 1


def test_replay_rebuilds_the_stored_case(engine: Engine) -> None:
    cid = walk_to_appraisal(engine)
    engine.fire(cid, "request_supplement", actor="o-cm", records=["don"], at=t(4, 9))
    engine.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(5, 9))
    engine.fire(cid, "answer", actor="o-xa", at=t(5, 10))
    engine.fire(cid, "answer", actor="o-ca", at=t(5, 11))
    engine.fire(cid, "reject", actor="o-cm", at=t(21, 10))
    engine.fire(cid, "apologize", actor="o-mc", note="Trễ", until=t(26, 17), at=t(21, 11))
    assert engine.replay(cid) == engine.get(cid)


def test_registering_officers_checks_the_catalogue(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="no unit 'phong-x'"):
        engine.add_officer("o-x", agency="so-thu-nghiem", unit="phong-x", name="X", position="Y")
    with pytest.raises(InvalidInput, match="no agency 'so-thu'"):
        engine.add_officer("o-x", agency="so-thu", unit="mot-cua", name="X", position="Y")
    with pytest.raises(InvalidInput, match="unknown officer"):
        engine.open("cap-phep", applicant="A", actor="o-x", at=MON)
    with pytest.raises(EventRefused, match="may not fire 'receive'.*'mot-cua'"):
        engine.open("cap-phep", applicant="A", actor="o-cm", at=MON)
    with pytest.raises(InvalidInput, match="no record 'don-x'; did you mean 'don'"):
        engine.open("cap-phep", applicant="A", actor="o-mc", records=["don-x"], at=MON)
    with pytest.raises(InvalidInput, match="no procedure 'cap-phe'.*did you mean 'cap-phep'"):
        engine.open("cap-phe", applicant="A", actor="o-mc", at=MON)


def test_an_open_case_keeps_the_definition_it_was_opened_under(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    db = tmp_path / "cases.db"
    with Engine(load_catalog(folder), store=db) as old:
        for oid, unit, name, position in OFFICERS:
            old.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=name, position=position)
        before = old.open("cap-phep", applicant="A", actor="o-mc", at=MON).id
    spec = folder / "so-thu-nghiem" / "cap-phep.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("approve: trinh-ky", "approve: tra-ket-qua"), encoding="utf-8")
    with Engine(load_catalog(folder), store=db) as new:
        after = new.open("cap-phep", applicant="B", actor="o-mc", at=MON).id
        ends = {}
        for cid in (before, after):
            new.fire(cid, "complete", actor="o-mc", at=t(3, 9))
            new.fire(cid, "answer", actor="o-xa", at=t(3, 10))
            new.fire(cid, "answer", actor="o-ca", at=t(3, 10))
            ends[cid] = new.fire(cid, "approve", actor="o-cm", at=t(3, 11)).state
        assert ends == {before: "trinh-ky", after: "tra-ket-qua"}
        assert new.get(before).digest != new.get(after).digest
    with Engine(None, store=db) as bare:  # running cases needs no catalogue at all
        assert bare.fire(before, "complete", actor="o-gd", at=t(4, 9)).state == "tra-ket-qua"
