"""``motcua simulate``: hand-computed runs, a bottleneck relieved by staff, seeded repeats, bad input.

The catalogues are written here: an agency of 8 office hours in two sessions of 4 (07:00-11:00,
13:00-17:00), and procedures small enough to follow every case by hand.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from motcua.cli import main

INPUT_ERROR = 2
START = "2025-03-03"  # a Monday; 3-7 March 2025 are working days

AGENCY = """\
motcua: 1
kind: agency
id: ubnd-xa-mo-phong
title: {vi: "Ủy ban nhân dân xã Mô Phỏng", en: "People's Committee of Mo Phong commune"}
languages: [vi, en]
units:
  - {id: mot-cua, title: {vi: "Bộ phận Một cửa", en: "One-stop desk"}, role: one-stop}
  - {id: tu-phap, title: {vi: "Công chức Tư pháp", en: "Justice officer"}, role: division}
  - {id: dia-chinh, title: {vi: "Công chức Địa chính", en: "Land officer"}, role: division}
  - {id: chu-tich, title: {vi: "Chủ tịch UBND xã", en: "Commune chairperson"}, role: leadership}
calendar:
  office_hours: ["07:00-11:00", "13:00-17:00"]
"""

HEAD = """\
motcua: 1
kind: procedure
id: {id}
agency: ubnd-xa-mo-phong
title: {{vi: "Thủ tục {id}", en: "Procedure {id}"}}
level: commune
version: "1"
channels: [in-person]
{limit}
records:
  - {{id: don, title: {{vi: "Đơn đề nghị", en: "Application"}}}}
results:
  - {{id: giay, title: {{vi: "Giấy xác nhận", en: "Certificate"}}}}
  - {{id: thong-bao, title: {{vi: "Thông báo từ chối", en: "Notice of refusal"}}}}
"""

ONE_STEP = """\
steps:
  - id: giai-quyet
    title: {{vi: "Giải quyết", en: "Handle"}}
    unit: mot-cua
    time: {time}
    checks: [don]
    next: xong
ends:
  - {{id: xong, outcome: granted, result: giay}}
"""

TWO_UNITS = """\
steps:
  - id: tiep-nhan
    title: {vi: "Tiếp nhận", en: "Receive"}
    unit: mot-cua
    time: 1 session
    checks: [don]
    next: tham-dinh
  - id: tham-dinh
    title: {vi: "Thẩm định", en: "Examine"}
    unit: tu-phap
    time: 1 working day
    consult:
      - {unit: dia-chinh, time: 1 session}
    outcomes:
      approve: tra-ket-qua
      reject: tu-choi
  - id: tra-ket-qua
    title: {vi: "Trả kết quả", en: "Return the result"}
    unit: mot-cua
    time: 1 session
    next: xong
ends:
  - {id: xong, outcome: granted, result: giay}
  - {id: tu-choi, outcome: refused, result: thong-bao}
"""


def write_catalog(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agency.yaml").write_text(AGENCY, encoding="utf-8")
    specs = {
        "bon-gio": HEAD.format(id="bon-gio", limit="time_limit: 1 working day") + ONE_STEP.format(time="4 working hours"),
        "nam-gio": HEAD.format(id="nam-gio", limit="time_limit: 6 working hours") + ONE_STEP.format(time="5 working hours"),
        "hai-don-vi": HEAD.format(id="hai-don-vi", limit="time_limit: 3 working days") + TWO_UNITS,
        "khong-thoi-han": HEAD.format(id="khong-thoi-han", limit="") + ONE_STEP.format(time="4 working hours"),
        "im-lang": HEAD.format(id="im-lang", limit="time_limit: 1 working day")
        + ONE_STEP.format(time="4 working hours").replace("next: xong", "timeout: {after: 4 working hours, to: xong}"),
    }
    for name, text in specs.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("simulate") / "catalog")


def run(catalog: Path, *args: str) -> Any:
    result = CliRunner().invoke(main, ["simulate", *args, "--catalog", str(catalog), "--start", START])
    return result


def run_json(catalog: Path, *args: str) -> dict[str, Any]:
    result = run(catalog, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def unit(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(u for u in doc["units"] if u["unit"] == name)


def test_one_case_a_day_on_one_officer(catalog: Path) -> None:
    """One dossier each opening, 4 working hours of work, one officer, 5 days: never a queue,
    every case done by 11:00 against the next day's close; the officer busy 4 of 8 hours."""
    doc = run_json(catalog, "bon-gio", "--arrivals", "1/day", "--days", "5", "--service", "fixed", "--spread", "even")
    assert (doc["cases"], doc["finished"], doc["on_time"], doc["late"]) == (5, 5, 5, 0)
    assert doc["on_time_rate"] == 1.0
    assert doc["events"] == 10  # receive and complete, per case
    assert doc["time_median_working_days"] == 0.5 and doc["time_max_working_days"] == 0.5
    assert doc["ends"] == {"xong": 5}
    desk = unit(doc, "mot-cua")
    assert (desk["officers"], desk["jobs"], desk["queue_max"]) == (1, 5, 1)
    assert (desk["wait_median"], desk["wait_mean"], desk["wait_max"]) == (0.0, 0.0, 0.0)
    assert desk["utilisation"] == 0.5 and desk["queue_mean"] == 0.5
    assert doc["start"] == "2025-03-03T07:00:00" and doc["time_limit"] == "1 working day"


def test_a_queue_worked_by_hand(catalog: Path) -> None:
    """Two dossiers a day at 07:00 and 11:00 (13:00), 5 working hours each, one officer, 2 days.

    In working hours from Monday 07:00: arrivals 0, 4, 8, 12; handling 0-5, 5-10, 10-15, 15-20;
    waits 0, 1, 2, 3. Due (6 working hours from the clock start) 6, 10, 14, 18: the first two on
    time (the second exactly at its appointment, Tuesday 09:00), the last two late. At the desk:
    1 dossier in [0,4), 2 in [4,5), 1 in [5,8), 2 in [8,10), 1 in [10,12), 2 in [12,15), 1 in
    [15,16): 22 dossier-hours over 16, at most 2; the officer busy all 16 hours.
    """
    doc = run_json(catalog, "nam-gio", "--arrivals", "2/day", "--days", "2", "--service", "fixed", "--spread", "even")
    assert (doc["cases"], doc["on_time"], doc["late"], doc["on_time_rate"]) == (4, 2, 2, 0.5)
    desk = unit(doc, "mot-cua")
    assert (desk["queue_max"], desk["queue_mean"], desk["utilisation"]) == (2, 1.375, 1.0)
    assert (desk["wait_median"], desk["wait_mean"], desk["wait_max"]) == (1.5, 1.5, 3.0)
    assert doc["time_median_working_days"] == 0.8125 and doc["time_max_working_days"] == 1.0
    two = run_json(catalog, "nam-gio", "--arrivals", "2/day", "--days", "2", "--service", "fixed", "--spread", "even",
                   "--staff", "mot-cua=2")  # fmt: skip
    desk = unit(two, "mot-cua")
    assert (two["on_time_rate"], desk["queue_max"], desk["wait_max"]) == (1.0, 2, 0.0)
    assert desk["utilisation"] == round(19 / 32, 4)  # 0-5, 4-9, 8-13, 12-16 (the period's end) of 2 × 16 hours


def test_a_unit_short_of_officers_is_named_with_the_officers_it_needs(catalog: Path) -> None:
    """Four jobs of 5 working hours reach the desk in 16 working hours: 20/16 = 1.25 officers'
    worth of work. One officer is short of it (1.25 > 0.95); 2 would each be busy 62.5% of the
    time, the fewest above 1.25/0.85 = 1.47. With 2 the desk is not short; 5 hours a day of 4-hour
    jobs (one a day) is 0.5 of one officer."""
    args = ["nam-gio", "--arrivals", "2/day", "--days", "2", "--service", "fixed", "--spread", "even"]
    assert unit(run_json(catalog, *args), "mot-cua")["offered_load"] == 1.25
    vi, en = run(catalog, *args, "--lang", "vi").stdout, run(catalog, *args, "--lang", "en").stdout
    assert ("! mot-cua: việc đến cần khoảng 1.25 cán bộ làm liên tục, đơn vị có 1; hàng chờ sẽ dồn lại. "
            "Thử --staff mot-cua=2 (mỗi cán bộ bận khoảng 85% thời gian)") in vi
    assert "! mot-cua: the work arriving needs about 1.25 officers working without a break, the unit has 1" in en
    assert "Try --staff mot-cua=2 (each busy about 85% of the time)" in en
    two = run(catalog, *args, "--staff", "mot-cua=2", "--lang", "en").stdout
    assert "!" not in two and "mot-cua | 2 |" in two
    one_a_day = ["bon-gio", "--arrivals", "1/day", "--days", "5", "--service", "fixed", "--spread", "even"]
    assert unit(run_json(catalog, *one_a_day), "mot-cua")["offered_load"] == 0.5
    assert "!" not in run(catalog, *one_a_day).stdout


def test_every_unit_has_its_row_and_consultations_are_answered(catalog: Path) -> None:
    doc = run_json(catalog, "hai-don-vi", "--arrivals", "1/day", "--days", "20", "--seed", "3")
    assert [u["unit"] for u in doc["units"]] == ["mot-cua", "tu-phap", "dia-chinh"]
    cases = doc["cases"]
    assert cases == doc["finished"] == sum(doc["ends"].values()) > 0
    granted = doc["ends"].get("xong", 0)
    assert unit(doc, "dia-chinh")["jobs"] == unit(doc, "tu-phap")["jobs"] == cases
    assert unit(doc, "mot-cua")["jobs"] == cases + granted  # receipt, and the return of a result
    assert doc["events"] == 4 * cases + granted  # receive, complete, answer, the decision (, complete)
    for row in doc["units"]:
        assert set(row) >= {"unit", "officers", "jobs", "queue_max", "queue_mean", "wait_median", "wait_mean",
                            "wait_max", "utilisation"}  # fmt: skip
        assert 0 < row["utilisation"] <= 1


def test_adding_staff_at_the_bottleneck_raises_the_on_time_rate(catalog: Path) -> None:
    """1.5 dossiers a day need 1.5 days of examination a day: one officer falls behind, two keep up
    (the desk, with two officers, receives and returns about 1.4 days of work a day)."""
    base = ["hai-don-vi", "--arrivals", "1.5/day", "--days", "60", "--seed", "7", "--staff", "mot-cua=2"]
    one = run_json(catalog, *base)
    two = run_json(catalog, *base, "--staff", "tu-phap=2")
    assert unit(one, "tu-phap")["utilisation"] > 0.95 > unit(two, "tu-phap")["utilisation"]
    assert unit(one, "tu-phap")["wait_median"] > 10 * max(unit(two, "tu-phap")["wait_median"], 0.1)
    assert one["on_time_rate"] < 0.5
    assert two["on_time_rate"] > 0.75
    assert one["cases"] == two["cases"]  # the same arrivals: the seed draws them apart from the work


def test_outcome_chances(catalog: Path) -> None:
    base = ["hai-don-vi", "--arrivals", "1/day", "--days", "40", "--seed", "2"]
    default = run_json(catalog, *base)
    assert default["ends"]["xong"] > 0.75 * default["cases"]
    rejected = run_json(catalog, *base, "--outcome", "tham-dinh.reject=1")
    assert rejected["ends"] == {"tu-choi": rejected["cases"]}


def test_a_seeded_run_repeats_byte_for_byte(catalog: Path) -> None:
    args = ["hai-don-vi", "--arrivals", "3/day", "--days", "30", "--seed", "11", "--staff", "tu-phap=2"]
    for fmt in ("json", "text"):
        first, again = run(catalog, *args, "--format", fmt), run(catalog, *args, "--format", fmt)
        assert first.exit_code == 0 and first.stdout_bytes == again.stdout_bytes
    other = run(catalog, *args[:-3], "12", "--staff", "tu-phap=2", "--format", "json")
    assert other.stdout_bytes != first.stdout_bytes


def test_text_in_vietnamese_and_english(catalog: Path) -> None:
    args = ["bon-gio", "--arrivals", "1/day", "--days", "5", "--service", "fixed", "--spread", "even"]
    vi, en = run(catalog, *args, "--lang", "vi").stdout, run(catalog, *args, "--lang", "en").stdout
    assert "Đúng hạn: 5 (100.0%)" in vi and "Theo đơn vị" in vi
    assert "On time: 5 (100.0%)" in en and "By unit" in en
    assert "mot-cua | 1 | 5 | 1 |" in vi and "50.0%" in en


def test_what_if_on_an_edited_copy(catalog: Path, tmp_path: Path) -> None:
    """Cutting the examination to 1 session in a copy of the catalogue shows its effect."""
    copy = shutil.copytree(catalog, tmp_path / "copy")
    spec = copy / "hai-don-vi.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("time: 1 working day", "time: 1 session"), encoding="utf-8")
    base = ["--arrivals", "1.5/day", "--days", "60", "--seed", "7", "--staff", "mot-cua=2"]
    before = run_json(catalog, "hai-don-vi", *base)
    result = CliRunner().invoke(main, ["simulate", str(spec), *base, "--start", START, "--format", "json"])
    assert result.exit_code == 0, result.output
    after = json.loads(result.stdout)
    assert after["on_time_rate"] > before["on_time_rate"]
    assert unit(after, "tu-phap")["utilisation"] < unit(before, "tu-phap")["utilisation"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["bon-gio", "--arrivals", "abc", "--days", "5"], "error: --arrivals 'abc': expected dossiers per working day"),
        (["bon-gio", "--arrivals", "0/day", "--days", "5"], "error: --arrivals '0/day': expected"),
        (["bon-gio", "--arrivals", "-2/day", "--days", "5"], "error: --arrivals '-2/day': expected"),
        (["bon-gio", "--arrivals", "2/week", "--days", "5"], "error: --arrivals '2/week': expected"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "tu-phap=2"],
         ("error: --staff 'tu-phap=2': no step of ubnd-xa-mo-phong/bon-gio@1 is handled by unit 'tu-phap'; "
          "its units: mot-cua")),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "mot-cau=2"],
         ("error: --staff 'mot-cau=2': no step of ubnd-xa-mo-phong/bon-gio@1 is handled by unit 'mot-cau'; "
          "its units: mot-cua; did you mean 'mot-cua'?")),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "mot-cua=0"], "error: --staff 'mot-cua=0': expected UNIT=n"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "mot-cua"], "error: --staff 'mot-cua': expected UNIT=n"),
        (["khong-thoi-han", "--arrivals", "2/day", "--days", "5"],
         "error: ubnd-xa-mo-phong/khong-thoi-han@1 states no time limit: the appointment cannot be computed"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--variant", "a"], "error: ubnd-xa-mo-phong/bon-gio@1 has no sub-cases"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--channel", "online"],
         "error: ubnd-xa-mo-phong/bon-gio@1 is not offered through channel 'online'"),
        (["hai-don-vi", "--arrivals", "2/day", "--days", "5", "--outcome", "tham-dinh.grant=0.5"],
         "error: --outcome 'tham-dinh.grant=0.5': step 'tham-dinh' has no outcome 'grant'; its outcomes: approve, reject"),
        (["hai-don-vi", "--arrivals", "2/day", "--days", "5", "--outcome", "tham-dinh.reject=2"],
         "error: --outcome 'tham-dinh.reject=2': expected STEP.OUTCOME=p"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--effort", "0"], "error: --effort 0.0: expected a share"),
        (["khong-co", "--arrivals", "2/day", "--days", "5"], "error: no procedure 'khong-co' in the catalogue"),
        (["im-lang", "--arrivals", "2/day", "--days", "5"],
         ("error: ubnd-xa-mo-phong/im-lang@1: step 'giai-quyet' ends only by its timeout; the simulation has "
          "officers decide every step and does not fire timeouts")),
    ],
)
def test_bad_input_is_one_line_and_exit_2(catalog: Path, args: list[str], said: str) -> None:
    result = run(catalog, *args)
    assert result.exit_code == INPUT_ERROR, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), result.stderr
    assert "Traceback" not in result.output


def test_bad_start_and_days(catalog: Path) -> None:
    result = CliRunner().invoke(main, ["simulate", "bon-gio", "--arrivals", "1/day", "--days", "5",
                                       "--catalog", str(catalog), "--start", "3/3/2025"])  # fmt: skip
    assert result.exit_code == INPUT_ERROR and "error: --start '3/3/2025': expected a date as YYYY-MM-DD" in result.stderr
    result = run(catalog, "bon-gio", "--arrivals", "1/day", "--days", "0")
    assert result.exit_code == INPUT_ERROR and "--days" in result.stderr


def test_bad_input_as_json(catalog: Path) -> None:
    result = run(catalog, "bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "x=1", "--format", "json")
    assert result.exit_code == INPUT_ERROR
    assert json.loads(result.stdout)["error"]["code"] == "invalid-input"


def test_every_json_key_is_documented(catalog: Path) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "reform.md").read_text(encoding="utf-8")
    section = docs.split("## `motcua simulate`", 1)[1].split("\n## ", 1)[0]
    listed = section.split("### Text and JSON", 1)[1].split("### Speed", 1)[0]
    documented = {word for span in re.findall(r"`([^`]*)`", listed) for word in re.findall(r"\w+", span)}
    doc = run_json(catalog, "hai-don-vi", "--arrivals", "1/day", "--days", "5")
    assert set(doc) | set(doc["units"][0]) <= documented, (set(doc) | set(doc["units"][0])) - documented


def test_the_collector_runs_again_after_a_run(catalog: Path) -> None:
    import gc

    assert gc.isenabled()
    run_json(catalog, "bon-gio", "--arrivals", "1/day", "--days", "2")
    assert gc.isenabled()
