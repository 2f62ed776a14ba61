"""Times the engine accepts, and the ``correct`` event that mends a mistaken one (issue 8, finding 5).

A mistyped year used to lock a case for good: the log is append-only and no event may be
earlier than the last. Now a time far ahead of the clock is refused, times beyond the calendar
are bad input, and a ``correct`` event voids the latest event that stays, keeping the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from motcua.engine import forms
from motcua.engine.cases import Engine, EventRefused, InvalidInput
from motcua.engine.ledger import now
from motcua.engine.spec.model import Catalog

Clock = Callable[..., dt.datetime]
Make = Callable[..., Engine]
#: Wide enough for the tests that plant a time a mistyping user could have stored before the margin.
YEARS = dt.timedelta(days=366 * 40)


@pytest.fixture
def make(catalog: Catalog, staff: Callable[[Engine], Engine]) -> Make:
    """``make(store, margin=1 day)``: an engine on the test catalogue with every officer."""

    def build(store: Path | None, margin: dt.timedelta = dt.timedelta(days=1)) -> Engine:
        return staff(Engine(catalog, store=store, future_margin=margin))

    return build


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, make: Make, tmp_path: Path) -> Iterator[Engine]:
    with make(None if request.param == "memory" else tmp_path / "cases.db") as e:
        yield e


@pytest.fixture(params=["memory", "sqlite"])
def lax(request: pytest.FixtureRequest, make: Make, tmp_path: Path) -> Iterator[Engine]:
    """An engine that takes any time, as the engine did before the margin (old stores hold such times)."""
    with make(None if request.param == "memory" else tmp_path / "cases.db", YEARS) as e:
        yield e


def at_appraisal(engine: Engine) -> str:
    """A case opened on Monday 3 March at 08:00 and passed to the appraisal at 09:00."""
    cid = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=dt.datetime(2025, 3, 3, 8)).id
    engine.fire(cid, "complete", actor="o-mc", at=dt.datetime(2025, 3, 3, 9))
    return cid


def in_years(years: int) -> dt.datetime:
    return now().replace(year=now().year + years, month=3, day=3, hour=10, minute=0, second=0)


def test_a_time_far_ahead_of_the_clock_is_refused_by_every_recording_call(engine: Engine) -> None:
    cid = at_appraisal(engine)
    later = in_years(16)  # 2041 typed for 2025
    with pytest.raises(InvalidInput, match=r"more than 1 day ahead of the clock .* the year"):
        engine.fire(cid, "answer", actor="o-xa", at=later)
    with pytest.raises(InvalidInput, match="ahead of the clock"):
        engine.open("cap-phep", applicant="B", actor="o-mc", at=later)
    with pytest.raises(InvalidInput, match="ahead of the clock"):
        engine.tick(at=later)
    with pytest.raises(InvalidInput, match="ahead of the clock"):
        engine.correct(cid, actor="o-mc", reason="Nhầm", at=later)
    assert engine.get(cid).revision == 2 and len(engine.list()) == 1
    # Within the margin is fine: a clock a little slow, a dossier dated at the next morning's session.
    assert engine.fire(cid, "answer", actor="o-xa", at=now() + dt.timedelta(hours=20)).revision == 3


def test_the_margin_is_the_engines_keyword(catalog: Catalog, make: Make) -> None:
    with make(None, dt.timedelta(days=3)) as e:
        cid = at_appraisal(e)
        e.fire(cid, "answer", actor="o-xa", at=now() + dt.timedelta(days=2))
        with pytest.raises(InvalidInput, match="more than 3 days ahead"):
            e.fire(cid, "answer", actor="o-ca", at=now() + dt.timedelta(days=4))
    with pytest.raises(InvalidInput, match="negative"):
        Engine(catalog, future_margin=dt.timedelta(days=-1))


def test_a_correction_unlocks_a_case_dated_by_a_mistyped_year(lax: Engine, t: Clock) -> None:
    cid = at_appraisal(lax)
    lax.fire(cid, "answer", actor="o-xa", at=dt.datetime(2041, 3, 4, 10, 0))  # meant 2025
    with pytest.raises(InvalidInput, match="before its last event"):
        lax.fire(cid, "answer", actor="o-ca", at=t(4, 11))
    # Dated before the event it voids, not before the events that stay.
    with pytest.raises(InvalidInput, match="before its last event that stays"):
        lax.correct(cid, actor="o-xa", reason="Gõ nhầm năm 2041", at=t(3, 8, 30))
    case = lax.correct(cid, actor="o-xa", reason="Gõ nhầm năm 2041", at=t(4, 10, 5))
    last = case.events[-1]
    assert (last.event, last.corrects, last.note, last.actor.id, last.at) == ("correct", 3, "Gõ nhầm năm 2041", "o-xa", t(4, 10, 5))
    assert (case.state, case.answered, case.revision, case.last_at) == ("tham-dinh", (), 4, t(4, 10, 5))
    lax.fire(cid, "answer", actor="o-xa", at=t(4, 10, 10))
    case = lax.fire(cid, "answer", actor="o-ca", at=t(4, 11))
    assert case.answered == ("ubnd-xa", "cong-an") and case.revision == 6
    assert [e.event for e in case.events] == ["receive", "complete", "answer", "correct", "answer", "answer"]
    assert lax.replay(cid) == lax.get(cid) == case


def test_several_corrections_undo_several_events_and_replay_agrees(engine: Engine, t: Clock) -> None:
    cid = at_appraisal(engine)
    engine.fire(cid, "request_supplement", actor="o-cm", records=["don"], note="Thiếu chữ ký", at=t(4, 9))
    engine.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(5, 9))
    engine.fire(cid, "answer", actor="o-xa", at=t(5, 10))
    before_answer = engine.get(cid)
    engine.correct(cid, actor="o-mc", reason="Trả lời nhầm hồ sơ", at=t(5, 11))
    undone = engine.correct(cid, actor="o-mc", reason="Bổ sung chưa đủ", at=t(5, 12))
    # The answer and then the supplement are voided: the case awaits the supplement again.
    assert (undone.state, undone.paused_from, undone.answered) == ("awaiting-supplement", "tham-dinh", ())
    assert undone.due == before_answer.original_due and undone.revision == 7
    again = engine.fire(cid, "supplement", actor="o-mc", records=["don"], at=t(6, 9))
    # Paused from Tue 4 09:00 to Thu 6 09:00: two working days move the appointment.
    assert again.due == t(20, 17) and again.state == "tham-dinh"
    assert engine.replay(cid) == engine.get(cid) == again


def test_correcting_the_event_that_finished_a_case_reopens_it(engine: Engine, t: Clock) -> None:
    cid = at_appraisal(engine)
    done = engine.fire(cid, "refuse", actor="o-cm", note="Không thuộc thẩm quyền", at=t(4, 9))
    assert done.finished
    with pytest.raises(EventRefused, match="is finished.*motcua case correct"):
        engine.fire(cid, "answer", actor="o-xa", at=t(4, 10))
    reopened = engine.correct(cid, actor="o-gd", reason="Từ chối nhầm: hồ sơ thuộc thẩm quyền", at=t(4, 10))
    assert (reopened.state, reopened.finished, reopened.closed_at) == ("tham-dinh", False, None)
    assert forms.refusal(reopened, engine.definition(reopened)) is None  # no Form 03 for a voided refusal
    assert engine.fire(cid, "answer", actor="o-xa", at=t(4, 11)).state == "tham-dinh"
    assert engine.replay(cid) == engine.get(cid)


def test_the_receipt_is_never_voided(engine: Engine, t: Clock) -> None:
    cid = at_appraisal(engine)
    engine.correct(cid, actor="o-mc", reason="Chuyển nhầm", at=t(3, 10))
    with pytest.raises(EventRefused, match="receipt cannot be voided"):
        engine.correct(cid, actor="o-mc", reason="Nhận nhầm", at=t(3, 11))
    fresh = engine.open("dang-ky", applicant="B", actor="o-mc", at=t(3, 8))
    with pytest.raises(EventRefused, match="receipt cannot be voided"):
        engine.correct(fresh.id, actor="o-mc", reason="Nhận nhầm", at=t(3, 9))


def test_who_may_correct_and_the_reason_it_needs(engine: Engine, t: Clock) -> None:
    cid = at_appraisal(engine)
    engine.fire(cid, "answer", actor="o-xa", at=t(4, 9))
    with pytest.raises(EventRefused, match="'phong-khac' may not fire 'correct' at event 3 'answer'.*'ubnd-xa' or 'mot-cua' or 'giam-doc'"):
        engine.correct(cid, actor="o-khac", reason="x", at=t(4, 10))
    with pytest.raises(EventRefused, match="'cong-an' may not fire 'correct'"):
        engine.correct(cid, actor="o-ca", reason="x", at=t(4, 10))
    for blank in ("", "   "):
        with pytest.raises(InvalidInput, match="needs a written reason"):
            engine.correct(cid, actor="o-xa", reason=blank, at=t(4, 10))
    with pytest.raises(EventRefused, match=r"'correct' is fired with its reason \('motcua case correct'"):
        engine.fire(cid, "correct", actor="o-mc", at=t(4, 10))
    assert engine.get(cid).revision == 3
    for actor in ("o-xa", "o-gd"):  # the unit that answered, then the director (the complete of o-mc)
        engine.correct(cid, actor=actor, reason="Nhầm", at=t(4, 10))
    assert engine.get(cid).state == "tiep-nhan"


def test_forms_05_and_06_mark_the_voided_event(engine: Engine, t: Clock) -> None:
    cid = at_appraisal(engine)
    engine.fire(cid, "answer", actor="o-ca", at=t(4, 9))
    engine.correct(cid, actor="o-ca", reason="Trả lời nhầm hồ sơ", at=t(4, 10))
    case = engine.fire(cid, "answer", actor="o-ca", at=t(4, 11))
    d = engine.definition(case)
    sheet = forms.control_sheet(case, d)
    marks = [(r.event, r.at, r.corrected) for r in sheet.rows]
    assert [(e, at) for e, at, _ in marks] == [("complete", t(3, 9)), ("answer", t(4, 9)), ("answer", t(4, 11))]
    voided = marks[1][2]
    assert voided is not None and (voided.seq, voided.reason, voided.officer.id, voided.at) == (
        4, "Trả lời nhầm hồ sơ", "o-ca", t(4, 10))  # fmt: skip
    assert marks[0][2] is None and marks[2][2] is None
    log = forms.tracking_log(case, d)
    assert [(r.seq, r.event, r.corrects, r.corrected is not None) for r in log.rows] == [
        (1, "receive", None, False), (2, "complete", None, False), (3, "answer", None, True),
        (4, "correct", 3, False), (5, "answer", None, False),
    ]  # fmt: skip
    text = forms.render_control_sheet(sheet)
    line = next(x for x in text.splitlines() if "09:00 ngày 04/03/2025" in x)
    assert "ĐÃ HỦY bởi đính chính #4 (Đỗ Văn Công, Cán bộ, 10:00 ngày 04/03/2025): “Trả lời nhầm hồ sơ”" in line
    english = forms.render_tracking_log(log, lang="en")
    assert "VOIDED by correction #4 (Đỗ Văn Công, Cán bộ, 2025-03-04 10:00): “Trả lời nhầm hồ sơ”" in english
    assert "voids #3" in english
    doc = json.loads(json.dumps(forms.case_document(case, d, at=t(4, 12))))
    mark = {"seq": 4, "reason": "Trả lời nhầm hồ sơ", "at": "2025-03-04T10:00:00+07:00",
            "officer": {"id": "o-ca", "name": "Đỗ Văn Công", "position": "Cán bộ", "unit": "cong-an"}}  # fmt: skip
    assert [row["corrected"] for row in doc["control_sheet"]] == [None, mark, None]
    assert [row["corrected"] for row in doc["tracking_log"]] == [None, None, mark, None, None]
    assert [e["corrects"] for e in doc["events"]] == [None, None, None, 3, None]


def test_times_beyond_the_calendar_are_bad_input(make: Make, t: Clock) -> None:
    with make(None, dt.timedelta.max) as e:
        with pytest.raises(InvalidInput, match="beyond the calendar's last year"):
            e.open("cap-phep", applicant="A", actor="o-mc", at=dt.datetime(9999, 12, 31, 10, 0))
        cid = e.open("cap-phep", applicant="A", actor="o-mc", at=t(3, 8)).id
        with pytest.raises(InvalidInput, match="beyond the calendar's last year"):
            e.fire(cid, "complete", actor="o-mc", at=dt.datetime(9999, 12, 31, 10, 0))
        assert e.get(cid).revision == 1 and len(e.list()) == 1
    with make(None) as e:
        cid = at_appraisal(e)
        far = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=14)))
        with pytest.raises(InvalidInput, match="outside the years 1 to 9999"):
            e.fire(cid, "answer", actor="o-xa", at=far)
        with pytest.raises(InvalidInput, match="outside the years 1 to 9999"):
            e.list(overdue=True, at=far)
        e.fire(cid, "answer", actor="o-xa", at=t(4, 9))
        e.fire(cid, "answer", actor="o-ca", at=t(4, 10))
        e.fire(cid, "approve", actor="o-cm", at=t(20, 9))
        with pytest.raises(InvalidInput, match="more than 366 days after"):
            e.fire(cid, "apologize", actor="o-gd", note="Chờ", until=dt.datetime(9999, 12, 31, 17, 0), at=t(20, 10))
        assert e.fire(cid, "apologize", actor="o-gd", note="Chờ", until=t(28, 17), at=t(20, 10)).due == t(28, 17)
