"""The engine as a Python library: one error family, times as ISO text, and what can be fired now.

The catalogues are the engine tests' own (``tests/engine/catalog``: ``cap-phep`` consults two
units before its decision) and ``tests/engine/terms_catalog`` (``ho-tich`` has extensions and a
clock stop). Times are in March 2025, Monday the 3rd the first working day.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import motcua
from motcua.engine.cases import Engine, InvalidInput
from motcua.engine.spec.loading import load_catalog

TERMS = Path(__file__).parent / "terms_catalog"
MON = dt.datetime(2025, 3, 3, 8, 0)


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, catalog: motcua.Catalog, staff: Callable[[Engine], Engine],
           tmp_path: Path) -> Iterator[Engine]:  # fmt: skip
    store = None if request.param == "memory" else tmp_path / "cases.db"
    with Engine(catalog, store=store) as e:
        yield staff(e)


@pytest.fixture
def terms_engine(tmp_path: Path) -> Iterator[Engine]:
    with Engine(load_catalog(TERMS), store=tmp_path / "terms.db") as e:
        for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-gd", "giam-doc")):
            e.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=f"Cán bộ {oid}", position="Chuyên viên")
        yield e


# -- one error family --------------------------------------------------------------------------


def test_every_engine_error_is_a_motcua_error_exported_from_the_package(engine: Engine) -> None:
    for name in ("UnknownCase", "InvalidInput", "EventRefused", "ConflictError", "StoreError"):
        kind = getattr(motcua, name)
        assert issubclass(kind, motcua.MotcuaError) and name in motcua.__all__
    with pytest.raises(motcua.MotcuaError) as caught:
        engine.get("000.00.99.H99-20250303-0404")
    assert isinstance(caught.value, motcua.UnknownCase) and caught.value.exit_code == 2
    from motcua import UnknownCase  # the name imports as well as it reads

    assert UnknownCase is motcua.UnknownCase


# -- times as ISO text -------------------------------------------------------------------------


def test_every_method_taking_a_time_reads_iso_text_as_local_time(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at="2025-03-03T08:00")
    assert case.received_at == MON
    # An offset is honoured: 01:30 UTC is 08:30 in Vietnam.
    case = engine.fire(case.id, "complete", actor="o-mc", at="2025-03-03T01:30:00+00:00")
    assert case.events[-1].at == dt.datetime(2025, 3, 3, 8, 30)
    case = engine.correct(case.id, actor="o-mc", reason="Nhầm", at="2025-03-03T09:00")
    assert case.events[-1].at == dt.datetime(2025, 3, 3, 9, 0)
    late = "2025-03-20T08:00+07:00"
    assert [c.id for c in engine.list(overdue=True, at=late)] == [case.id]
    assert engine.list(overdue=True, at="2025-03-04") == []
    assert engine.tick(at="2025-03-04T08:00") == []
    assert "apologize" in engine.next_events(case.id, at=late)
    case = engine.fire(case.id, "apologize", actor="o-gd", note="Chậm", until="2025-03-25T17:00", at=late)
    assert case.due == dt.datetime(2025, 3, 25, 17, 0)


def test_terms_methods_read_iso_text(terms_engine: Engine) -> None:
    case = terms_engine.open("ho-tich", applicant="A", actor="o-mc", at="2025-03-03T08:00")
    case = terms_engine.fire(case.id, "complete", actor="o-mc", at="2025-03-03T08:30")
    case = terms_engine.extend(case.id, "xa-xa", actor="o-cm", reason="Xã vùng xa", at="2025-03-03T09:00")
    case = terms_engine.pause(case.id, "nghia-vu-tai-chinh", actor="o-cm", reason="Nộp thuế", at="2025-03-03T09:30")
    assert case.stopped_at == dt.datetime(2025, 3, 3, 9, 30)
    case = terms_engine.resume(case.id, actor="o-cm", at="2025-03-03T10:00")
    assert case.events[-1].at == dt.datetime(2025, 3, 3, 10, 0) and case.stopped is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-03-03 sáng", "at '2025-03-03 sáng' is not an ISO 8601 time (e.g. 2024-03-04T08:00)"),
        ("", "at '' is not an ISO 8601 time (e.g. 2024-03-04T08:00)"),
        (20250303, "at: expected a datetime or ISO 8601 text, got int"),
    ],
    ids=["words", "empty", "number"],
)
def test_a_time_that_is_not_iso_text_is_invalid_input(engine: Engine, value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        engine.open("cap-phep", applicant="A", actor="o-mc", at=value)  # type: ignore[arg-type]
    assert str(caught.value) == message
    with pytest.raises(InvalidInput, match="^at"):
        engine.list(overdue=True, at=value)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="^at"):
        engine.tick(at=value)  # type: ignore[arg-type]
    assert engine.list() == []  # nothing was opened


def test_a_new_appointment_as_text_that_is_not_a_time_names_until(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    with pytest.raises(InvalidInput, match="^until 'next week' is not an ISO 8601 time"):
        engine.fire(case.id, "apologize", actor="o-gd", note="Chậm", until="next week", at=MON)


# -- what can be fired now ---------------------------------------------------------------------


def test_next_events_wait_for_the_consulted_units(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    assert engine.next_events(case, at=MON) == ["complete", "request_supplement", "refuse", "withdraw"]
    case = engine.fire(case.id, "complete", actor="o-mc", at=MON)
    # Two units consulted, none answered: no decision yet, only answers and the frame.
    waiting = ["answer", "request_supplement", "refuse", "withdraw"]
    assert engine.next_events(case.id, at=MON) == waiting
    assert engine.next_events(case.id, "o-cm", at=MON) == ["request_supplement", "refuse"]
    assert engine.next_events(case.id, "o-xa", at=MON) == ["answer"]
    engine.fire(case.id, "answer", actor="o-xa", at=MON)
    assert engine.next_events(case.id, "o-xa", at=MON) == []  # answered already
    assert engine.next_events(case.id, "o-ca", at=MON) == ["answer"]
    case = engine.fire(case.id, "answer", actor="o-ca", at=MON)
    assert engine.next_events(case, at=MON) == ["approve", "reject", "request_supplement", "refuse", "withdraw"]
    assert engine.next_events(case, "o-cm", at=MON) == ["approve", "reject", "request_supplement", "refuse"]
    # The desk receives and hands back; it does not decide.
    assert engine.next_events(case, "o-mc", at=MON) == ["request_supplement", "refuse", "withdraw"]


def test_next_events_are_what_fire_accepts(engine: Engine) -> None:
    for officer in ("o-mc", "o-cm", "o-gd", "o-xa"):
        for event in ("approve", "answer", "withdraw", "refuse", "apologize", "complete"):
            case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
            case = engine.fire(case.id, "complete", actor="o-mc", at=MON)
            allowed = engine.next_events(case, officer, at=MON)
            try:
                engine.fire(case.id, event, actor=officer, note="Lý do", at=MON)
                fired = True
            except (motcua.EventRefused, InvalidInput):
                fired = False
            assert fired == (event in allowed), (officer, event)


def test_next_events_after_an_overdue_appointment_offer_an_apology(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    overdue = dt.datetime(2025, 3, 20, 8, 0)
    assert "apologize" not in engine.next_events(case, at=MON)
    assert "apologize" in engine.next_events(case, at=overdue)
    assert engine.next_events(case, "o-gd", at=overdue) == ["apologize"]


def test_next_events_while_the_clock_stands_still(terms_engine: Engine) -> None:
    case = terms_engine.open("ho-tich", applicant="A", actor="o-mc", at=MON)
    case = terms_engine.fire(case.id, "complete", actor="o-mc", at=MON)
    assert terms_engine.next_events(case, at=MON) == [
        "approve", "request_supplement", "refuse", "withdraw", "extend", "pause"]  # fmt: skip
    case = terms_engine.pause(case.id, "nghia-vu-tai-chinh", actor="o-cm", reason="Nộp thuế", at=MON)
    assert terms_engine.next_events(case, at=MON) == ["refuse", "withdraw", "extend", "resume"]
    assert terms_engine.next_events(case, "o-cm", at=MON) == ["refuse", "extend", "resume"]
    case = terms_engine.resume(case.id, actor="o-cm", at=MON)
    for extension in ("xa-xa", "xac-minh"):
        assert "extend" in terms_engine.next_events(case, at=MON)
        case = terms_engine.extend(case.id, extension, actor="o-cm", reason="Lý do", at=MON)
    assert "extend" not in terms_engine.next_events(case, at=MON)  # each extension applies once


def test_a_supplement_awaited_and_a_finished_case(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    case = engine.fire(case.id, "request_supplement", actor="o-mc", records=["don"], at=MON)
    assert engine.next_events(case, at=MON) == ["supplement", "refuse", "withdraw"]
    assert engine.next_events(case, "o-cm", at=MON) == []
    case = engine.fire(case.id, "withdraw", actor="o-mc", at=MON)
    assert engine.next_events(case, at=MON) == []
    assert engine.next_events(case, "o-mc", at=MON) == []


def test_next_events_name_unknown_officers_and_cases(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    with pytest.raises(InvalidInput, match="unknown officer 'o-nobody'"):
        engine.next_events(case, "o-nobody")
    with pytest.raises(motcua.UnknownCase):
        engine.next_events("000.00.99.H99-20250303-0404")


# -- naming a version --------------------------------------------------------------------------


@pytest.fixture
def versioned(catalog_dir: Path, tmp_path: Path, staff: Callable[[Engine], Engine]) -> Iterator[Engine]:
    """The engine catalogue with ``cap-phep`` in two versions: 1 in force in 2024, 2 from 2025."""
    folder = tmp_path / "catalog"
    shutil.copytree(catalog_dir, folder)
    spec = folder / "so-thu-nghiem" / "cap-phep.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('version: "1"\n', 'version: "1"\nvalid_from: 2024-01-01\nvalid_to: 2024-12-31\n'),
                    encoding="utf-8")  # fmt: skip
    (folder / "so-thu-nghiem" / "cap-phep-2.yaml").write_text(
        text.replace('version: "1"\n', 'version: "2"\nvalid_from: 2025-01-01\n'), encoding="utf-8")  # fmt: skip
    with Engine(load_catalog(folder)) as e:
        yield staff(e)


def test_open_takes_a_version_in_force_on_the_day_of_receipt(versioned: Engine) -> None:
    case = versioned.open("cap-phep@2", applicant="A", actor="o-mc", at=MON)
    assert (case.procedure, case.version) == ("cap-phep", "2")
    case = versioned.open("so-thu-nghiem/cap-phep@1", applicant="A", actor="o-mc", at="2024-06-03T08:00")
    assert case.version == "1"
    case = versioned.open("9.999999@2", applicant="A", actor="o-mc", at=MON)  # by its national code
    assert case.version == "2"


def test_a_version_not_in_force_says_which_versions_there_are(versioned: Engine) -> None:
    with pytest.raises(InvalidInput) as caught:
        versioned.open("cap-phep@1", applicant="A", actor="o-mc", at=MON)
    assert str(caught.value) == (
        "version 1 of 'cap-phep' is not in force on 2025-03-03 (the version in force then is 2); a case follows "
        "the version in force on the day of receipt; its versions: 1 (2024-01-01..2024-12-31), 2 (2025-01-01..)")
    with pytest.raises(InvalidInput) as caught:
        versioned.open("cap-phep@3", applicant="A", actor="o-mc", at=MON)
    assert str(caught.value) == (
        "procedure 'cap-phep' has no version '3'; its versions: 1 (2024-01-01..2024-12-31), 2 (2025-01-01..)")


def test_a_day_no_version_covers_names_the_periods_not_the_same_id(versioned: Engine) -> None:
    with pytest.raises(InvalidInput) as caught:
        versioned.open("cap-phep", applicant="A", actor="o-mc", at="2023-06-05T08:00")
    said = str(caught.value)
    assert said == ("no version of 'cap-phep' is in force on 2023-06-05; its versions: "
                    "1 (2024-01-01..2024-12-31), 2 (2025-01-01..)")  # fmt: skip
    assert "did you mean" not in said
    with pytest.raises(InvalidInput, match="^no procedure 'cap-phap' in the catalogue; did you mean 'cap-phep'"):
        versioned.open("cap-phap", applicant="A", actor="o-mc", at=MON)


def test_a_catalogue_reads_short(versioned: Engine) -> None:
    catalog = versioned.catalog
    assert catalog is not None
    assert repr(catalog) == f"<Catalog {catalog.root}: 1 agency, 2 procedures, 3 versions>"
    assert len(repr(catalog)) < 200 and "Procedure(" not in repr(catalog)


# -- registering an officer again ----------------------------------------------------------------


def test_an_officer_registered_again_with_other_details_is_refused(engine: Engine) -> None:
    before = engine.officer_history("o-mc")
    with pytest.raises(InvalidInput) as caught:
        engine.add_officer("o-mc", agency="so-thu-nghiem", unit="giam-doc", name="Nguyễn Thị Hoa",
                           position="Phó Giám đốc")  # fmt: skip
    assert str(caught.value) == (
        "officer 'o-mc' is registered already as Nguyễn Thị Hoa, Chuyên viên một cửa, so-thu-nghiem/mot-cua; this "
        "names another unit, position: to change the record, update it (update=True, 'motcua officer add "
        "--update'), or register another id")
    assert engine.officer("o-mc").unit == "mot-cua" and engine.officer_history("o-mc") == before
    # The same details again are no change, and nothing is recorded.
    engine.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa",
                       position="Chuyên viên một cửa")  # fmt: skip
    assert engine.officer_history("o-mc") == before and len(before) == 1


def test_an_update_changes_the_record_and_keeps_the_change(engine: Engine) -> None:
    case = engine.open("cap-phep", applicant="A", actor="o-mc", at=MON)
    ahead = dt.datetime.now() + dt.timedelta(days=2)  # the clock of the machine, not of March 2025
    promoted = engine.add_officer("o-mc", agency="so-thu-nghiem", unit="giam-doc", name="Nguyễn Thị Hoa",
                                  position="Phó Giám đốc", update=True)  # fmt: skip
    assert engine.officer("o-mc") == promoted
    first, second = engine.officer_history("o-mc")
    assert (first.seq, first.officer.unit, second.seq, second.officer) == (1, "mot-cua", 2, promoted)
    assert first.at is not None and second.at is not None and first.at <= second.at < ahead
    # The receipt keeps the details it was fired with.
    assert engine.get(case.id).events[0].actor.unit == "mot-cua"
    # The promoted officer now acts for the leadership, not the desk.
    with pytest.raises(motcua.EventRefused, match="of unit 'giam-doc' may not fire 'complete'"):
        engine.fire(case.id, "complete", actor="o-mc", at=MON)
    assert engine.officer_history("o-nobody") == []


def test_the_example_of_docs_engine_md_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """The Python example of docs/engine.md, run line by line; a line whose comment shows a list
    must give that list."""
    root = Path(__file__).parents[2]
    text = (root / "docs" / "engine.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "build").mkdir()
    shutil.copytree(root / "tests" / "engine" / "catalog", tmp_path / "tests" / "engine" / "catalog")
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    shown = 0
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        if comment.startswith("["):
            assert eval(code, names) == ast.literal_eval(comment), line  # noqa: S307 - the project's own docs
            shown += 1
        else:
            exec(line, names)  # noqa: S102 - the project's own documentation
    assert shown == 1 and (tmp_path / "build" / "cases.db").is_file()
    printed = capsys.readouterr().out
    assert printed.startswith("Sở Thử nghiệm\nBộ phận Tiếp nhận và Trả kết quả\n")
    assert "Bộ phận Tiếp nhận và Trả kết quả -> Phòng Chuyên môn" in printed


def test_looking_up_a_day_no_version_covers_names_the_periods(versioned: Engine) -> None:
    from motcua.catalogs import lookup

    assert versioned.catalog is not None
    with pytest.raises(motcua.UnknownProcedure) as caught:
        lookup(versioned.catalog, "cap-phep", on=dt.date(2023, 6, 5))
    assert str(caught.value) == ("no version of 'cap-phep' is in force on 2023-06-05; its versions: "
                                 "1 (2024-01-01..2024-12-31), 2 (2025-01-01..)")  # fmt: skip
    assert lookup(versioned.catalog, "cap-phep", on=dt.date(2024, 6, 5)).version == "1"
