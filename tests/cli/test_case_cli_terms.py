"""``motcua case`` on a procedure offered on several terms, on a real SQLite file: a procedure
named by its national code, ``open --variant --channel``, ``extend``, ``pause`` and ``resume``.

The catalogue is ``tests/engine/terms_catalog`` (see ``tests/engine/test_terms.py``); deadlines
are counted by hand in the comments (Friday 14 March 2025 is the test agency's day off).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.catalogs import canonical, check_reference, lookup
from motcua.cli.case import case
from motcua.cli.officer import officer
from motcua.engine.spec.errors import InputError, UnknownProcedure
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog

CATALOG = str(Path(__file__).parents[1] / "engine" / "terms_catalog")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.db")
    for oid, unit in (("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon"), ("o-gd", "giam-doc")):
        r = CliRunner().invoke(officer, ["add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", f"Cán bộ {oid}",
                                         "--position", "Chuyên viên", "--db", path, "--catalog", CATALOG])  # fmt: skip
        assert r.exit_code == 0, r.output
    return path


def cli(*args: str, db: str) -> Result:
    return CliRunner().invoke(case, [*args, "--db", db, "--catalog", CATALOG])


def test_open_by_national_code_on_a_sub_case_named_by_its_code(db: str) -> None:
    r = cli("open", "1.000656", "--variant", "1.000656.03", "--applicant", "Trần Văn An", "--actor", "o-mc",
            "--at", "2025-03-07T15:00", "--format", "json", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    # 1 month from Fri 7 March 2025: Mon 7 April, the Hung Kings' day, so Tue 8 April 17:00.
    assert (doc["procedure"], doc["variant"], doc["channel"], doc["due"]) == (
        "ho-tich", "theo-thang", None, "2025-04-08T17:00:00+07:00")
    assert (doc["receipt"]["variant_code"], doc["receipt"]["sets"], doc["time_limit"]) == ("1.000656.03", 2, "1 month")


def test_open_on_a_sub_case_and_channel_in_text(db: str) -> None:
    r = cli("open", "ho-tich", "--variant", "trong-nuoc", "--channel", "online", "--applicant", "A", "--actor", "o-mc",
            "--at", "2025-03-07T15:00", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    # 3 working days online for this sub-case: Mon 10, Tue 11, Wed 12 March.
    assert lines[0].startswith("000.00.99.H99-20250307-0001  ho-tich@1 trong-nuoc online  tiep-nhan  due 2025-03-12 17:00")
    assert "Trường hợp: Trong nước (1.000656.01)" in lines and "Hình thức nộp: Trực tuyến" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ho-tich", "--variant", "ngoai"],
         "error: so-thu-nghiem/ho-tich@1 has no sub-case 'ngoai' (its sub-cases: trong-nuoc (1.000656.01), "
         "nuoc-ngoai (1.000656.02), theo-thang (1.000656.03), trong-ngay (1.000656.04), theo-gio (1.000656.05)); "
         "did you mean 'nuoc-ngoai'?"),
        (["ho-tich", "--variant", "trong-nuoc", "--channel", "post"],
         "error: sub-case 'trong-nuoc' is not offered through channel 'post'; its channels: in-person, online"),
        (["chi-truong-hop", "--record", "don"],
         "error: so-thu-nghiem/chi-truong-hop@1 states no time limit: the appointment cannot be computed; "
         "choose a sub-case (--variant): 1.000777.01"),
        (["9.999999"], "error: no procedure '9.999999' in the catalogue"),
    ],
)  # fmt: skip
def test_terms_the_procedure_does_not_have_are_input_errors(db: str, args: list[str], message: str) -> None:
    r = cli("open", *args, "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-07T15:00", db=db)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr.splitlines()[0] == message
    assert cli("list", db=db).stdout == "no cases\n"


def test_a_channel_is_one_of_three(db: str) -> None:
    r = cli("open", "ho-tich", "--channel", "fax", "--applicant", "A", "--actor", "o-mc", db=db)
    assert r.exit_code == 2 and "'fax' is not one of 'in-person', 'post', 'online'" in r.stderr


def test_extend_pause_resume_and_show(db: str) -> None:
    r = cli("open", "ho-tich", "--variant", "trong-nuoc", "--applicant", "A", "--actor", "o-mc",
            "--at", "2025-03-07T15:00", "--format", "json", db=db)  # fmt: skip
    cid = json.loads(r.stdout)["id"]  # due Mon 17 March 17:00 (5 working days, Fri 14 off)
    # 10 working days more on Mon 17 17:00: Tue 18 .. Fri 21, Mon 24 .. Fri 28, Mon 31 March.
    r = cli("extend", cid, "xa-xa", "--actor", "o-mc", "--reason", "Xã vùng cao", "--at", "2025-03-10T07:30",
            "--format", "json", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["due"] == "2025-03-31T17:00:00+07:00"
    assert cli("fire", cid, "complete", "--actor", "o-mc", "--at", "2025-03-10T08:00", db=db).exit_code == 0
    r = cli("pause", cid, "nghia-vu-tai-chinh", "--actor", "o-cm", "--reason", "Chờ nộp lệ phí",
            "--at", "2025-03-10T08:30", db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "[clock stopped: nghia-vu-tai-chinh]" in r.stdout.splitlines()[0]
    r = cli("fire", cid, "approve", "--actor", "o-cm", "--at", "2025-03-10T09:00", db=db)
    assert r.exit_code == 1 and "'approve' must wait: the clock stands still" in r.stderr
    # Stood still Mon 10 08:30 to Tue 11 08:30: 8 working hours; Mon 31 March 17:00 + 8 h.
    r = cli("resume", cid, "--actor", "o-gd", "--at", "2025-03-11T08:30", "--format", "json", db=db)
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["due"], doc["clock_stop"]) == ("2025-04-01T17:00:00+07:00", None)
    shown = cli("show", cid, "--at", "2025-03-11T09:00", "--format", "json", db=db)
    doc = json.loads(shown.stdout)
    assert (doc["variant"], doc["channel"]) == ("trong-nuoc", None)
    assert [(t["event"], t["reason"], t["officer"]["id"]) for t in doc["control_sheet_time"]] == [
        ("extend", "Xã vùng cao", "o-mc"), ("pause", "Chờ nộp lệ phí", "o-cm"), ("resume", None, "o-gd")]
    text = cli("show", cid, "--at", "2025-03-11T09:00", db=db).stdout
    assert "Gia hạn và tạm dừng tính thời gian:" in text
    assert "Tính tiếp thời gian sau “Thực hiện nghĩa vụ tài chính” (đã dừng 8 giờ làm việc)" in text


def test_extend_and_pause_name_a_term_of_the_procedure(db: str) -> None:
    cid = json.loads(cli("open", "ho-tich", "--applicant", "A", "--actor", "o-mc", "--at", "2025-03-07T15:00",
                         "--format", "json", db=db).stdout)["id"]  # fmt: skip
    r = cli("extend", cid, "mua-lu", "--actor", "o-mc", "--reason", "r", "--at", "2025-03-10T08:00", db=db)
    assert (r.exit_code, r.stderr.splitlines()[0]) == (
        2, f"error: case {cid}: so-thu-nghiem/ho-tich@1 has no extension 'mua-lu' (its extensions: xa-xa, xac-minh)")
    r = cli("pause", cid, "nghia-vu", "--actor", "o-mc", "--reason", "r", "--at", "2025-03-10T08:00", db=db)
    assert r.exit_code == 2 and "did you mean 'nghia-vu-tai-chinh'" in r.stderr
    r = cli("resume", cid, "--actor", "o-mc", "--at", "2025-03-10T08:00", db=db)
    assert r.exit_code == 1 and "there is no clock stop to resume" in r.stderr


# -- national codes in motcua.catalogs -----------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_an_id_comes_before_a_code(catalog: Catalog) -> None:
    assert canonical(catalog, "ho-tich") == "ho-tich"
    assert canonical(catalog, "1.000656") == "so-thu-nghiem/ho-tich"
    assert canonical(catalog, "so-thu-nghiem/1.000777") == "so-thu-nghiem/chi-truong-hop"
    assert lookup(catalog, "1.000656").id == "ho-tich"
    assert check_reference(catalog, "1.000656") == "so-thu-nghiem/ho-tich"
    with pytest.raises(UnknownProcedure):
        lookup(catalog, "1.000999")
    # A procedure whose id is another's code is found by its id.
    renamed = dataclasses.replace(catalog.procedure("chi-truong-hop"), id="1.000656", code=None)
    both = Catalog(catalog.agencies, catalog.procedures + (renamed,))
    assert lookup(both, "1.000656").title.get("en") == "A procedure timed by sub-case only"


def test_an_ambiguous_code_names_the_candidates(catalog: Catalog) -> None:
    twin = dataclasses.replace(catalog.procedure("chi-truong-hop"), code="1.000656")
    both = Catalog(catalog.agencies, catalog.procedures + (twin,))
    with pytest.raises(InputError) as err:
        lookup(both, "1.000656")
    assert str(err.value) == ("national code '1.000656' names several procedures: so-thu-nghiem/chi-truong-hop, "
                              "so-thu-nghiem/ho-tich; name one as agency-id/procedure-id")  # fmt: skip
    assert err.value.exit_code == 2
