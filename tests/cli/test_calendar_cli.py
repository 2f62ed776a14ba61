"""``motcua calendar``: the working calendar of an agency for one year, as text (in the run's
language, Vietnamese here; ``--lang en``) and JSON, on the shipped catalogue and on a small one;
bad input ends in one line in the run's language and exit status 2, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from motcua.cli import main
from motcua.engine.ledger import now

ROOT = Path(__file__).parents[2]
SHIPPED = ROOT / "procedures"
SMALL = ROOT / "tests" / "engine" / "catalog"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("MOTCUA_LANG", "vi")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["calendar", *args])


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_date(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["date"]: e for e in entries}


def test_text_in_vietnamese_on_the_shipped_catalogue() -> None:
    result = run("2026", "--catalog", str(SHIPPED), "--agency", "ldtbxh-nghe-an")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Lịch làm việc năm 2026\n")
    assert "Cơ quan: Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An (ldtbxh-nghe-an)" in out
    assert "Giờ làm việc: 07:00-11:30, 13:30-17:00" in out
    # The swap of 12729/VPCP-KGVX, both days, with the letter as the source.
    line = "  Thứ Sáu 02/01/2026  Nghỉ Tết Dương lịch (hoán đổi, làm bù ngày 10/01/2026)  [nghỉ theo thông báo]\n"
    source = "      Nguồn: Công văn 12729/VPCP-KGVX ngày 25/12/2025: nghỉ Tết Dương lịch 2026\n"
    assert line + source in out
    assert "  Thứ Bảy 10/01/2026  Làm bù cho ngày 02/01/2026 (Tết Dương lịch)  [làm bù theo thông báo]\n" in out
    assert "Thứ Ba 24/11/2026" in out and "[không phải ngày lễ theo luật]" in out
    # The heading counts what follows: 14 days off in 2026 (5 of Tết, 2 of Hùng Kings, ...).
    assert "Ngày nghỉ (14):" in out
    assert out.count("[ngày lễ]") + out.count("[nghỉ theo thông báo]") == 14
    assert "Ngày Văn hóa" not in out.split("Ngày nghỉ (14):")[1].split("Ngày làm việc bù")[0]


def test_text_in_english() -> None:
    result = run("2026", "--catalog", str(SHIPPED), "--agency", "ldtbxh-phu-yen", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Working calendar 2026\n")
    assert "Office hours: 07:30-11:30, 13:30-16:30" in out
    assert "  Fri 2026-01-02  New Year break (swapped for 2026-01-10 worked)  [announced day off]\n" in out
    assert "      Source: Official Letter 12729/VPCP-KGVX of 25 Dec 2025: New Year 2026 break\n" in out
    # An announcement whose number was not confirmed says so.
    assert "⚠ Unconfirmed: The document's number and date were not confirmed" in out


def test_json_on_the_shipped_catalogue() -> None:
    doc = as_json(run("2026", "--catalog", str(SHIPPED), "--agency", "ubnd-xa-muong-xen", "--format", "json"))
    assert set(doc) == {"year", "agency", "holidays", "holidays_package", "estimated", "notice", "office_hours",
                        "days_off", "working_days"}
    assert doc["year"] == 2026 and doc["agency"]["id"] == "ubnd-xa-muong-xen" and doc["holidays"] == "VN"
    assert doc["estimated"] is False and doc["notice"] is None
    assert doc["office_hours"] == [{"start": "07:00", "end": "11:30"}, {"start": "13:30", "end": "17:00"}]
    off, worked = by_date(doc["days_off"]), by_date(doc["working_days"])
    assert off["2026-01-02"]["kind"] == "announced-day-off"
    assert "12729/VPCP-KGVX" in off["2026-01-02"]["source"]["en"]
    assert off["2026-01-01"] == {
        "date": "2026-01-01", "weekday": "Thu", "working": False, "kind": "public-holiday",
        "name": {"vi": "Tết Dương lịch", "en": "New Year's Day"},
        "source": {"vi": "Bộ luật Lao động 2019, Điều 112 (gói holidays 0.109)",
                   "en": "Labour Code 2019, Art. 112 (holidays package 0.109)"},
        "certain": True, "note": None,
    }  # fmt: skip
    assert worked["2026-01-10"]["kind"] == "announced-working-day" and worked["2026-01-10"]["working"] is True
    assert worked["2026-11-24"]["kind"] == "not-a-holiday" and worked["2026-11-24"]["certain"] is False
    assert "2026-11-24" not in off
    assert off["2026-08-31"]["certain"] is False and off["2026-08-31"]["note"]["vi"]
    assert all(not e["working"] for e in doc["days_off"]) and all(e["working"] for e in doc["working_days"])


def test_every_shipped_agency_and_the_national_calendar() -> None:
    for agency in ("cong-an-xa-muong-xen", "ldtbxh-nghe-an", "ldtbxh-phu-yen", "ubnd-xa-muong-xen", None):
        args = ["2014", "--catalog", str(SHIPPED), "--format", "json"] + (["--agency", agency] if agency else [])
        doc = as_json(run(*args))
        assert (doc["agency"] or {}).get("id") == agency
        # Tết 2014 (10525/VPCP-KGVX): off Tue 28 Jan - Wed 5 Feb, Sat 25 Jan and Sat 8 Feb worked,
        # whichever agency, whether its file repeats the swaps or not.
        off, worked = by_date(doc["days_off"]), by_date(doc["working_days"])
        assert {"2014-01-28", "2014-01-29", "2014-02-05"} <= set(off)
        assert {"2014-01-25", "2014-02-08"} <= set(worked)


def test_an_agency_day_off_is_listed_as_the_agency_s() -> None:
    doc = as_json(run("2025", "--catalog", str(SMALL), "--format", "json"))
    assert doc["agency"]["id"] == "so-thu-nghiem"  # the catalogue's only agency
    day = by_date(doc["days_off"])["2025-03-14"]
    assert day["kind"] == "agency-day-off" and day["name"]["vi"] == "Announced day off for the tests"
    assert day["source"]["en"].startswith("The agency's calendar (") and "agency.yaml" in day["source"]["en"]
    assert by_date(doc["working_days"])["2025-04-26"]["source"]["vi"].startswith("Công văn 8726/VPCP-KGVX")


def test_an_estimated_year_says_so() -> None:
    doc = as_json(run("2027", "--catalog", str(SMALL), "--format", "json"))
    assert doc["estimated"] is True and "2027" in doc["notice"]["en"]
    text = run("2027", "--catalog", str(SMALL)).stdout
    assert "⚠ Năm ước tính: lịch nghỉ năm 2027 chưa được công bố" in text
    old = as_json(run("2012", "--catalog", str(SMALL), "--format", "json"))
    assert old["estimated"] is False and "2013" in old["notice"]["en"]


def test_the_year_defaults_to_this_year() -> None:
    assert as_json(run("--catalog", str(SMALL), "--format", "json"))["year"] == now().year


@pytest.mark.parametrize("year", ["20x6", "0", "10000", "-1", "２０２６"])
def test_a_bad_year_is_bad_input(year: str) -> None:
    result = run("--catalog", str(SMALL), "--", year)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"lỗi: năm '{year}' không hợp lệ: viết một năm từ 1 đến 9999, ví dụ 2026\n"
    doc = json.loads(run("--format", "json", "--catalog", str(SMALL), "--", year).stdout)
    assert doc["error"]["code"] == "invalid-input" and doc["error"]["year"] == year


def test_a_negative_year_without_a_separator_is_a_usage_error() -> None:
    result = run("-1", "--catalog", str(SMALL))
    assert result.exit_code == 2 and "Không có tuỳ chọn '-1'" in result.stderr
    english = run("-1", "--catalog", str(SMALL), "--lang", "en")
    assert english.exit_code == 2 and "No such option '-1'" in english.stderr


def test_an_unknown_agency_is_bad_input() -> None:
    result = run("2026", "--catalog", str(SHIPPED), "--agency", "ldtbxh-nghe", "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: no agency 'ldtbxh-nghe' in the catalogue ")
    assert result.stderr.endswith("did you mean 'ldtbxh-nghe-an'?\n")
    vi = run("2026", "--catalog", str(SHIPPED), "--agency", "khong-co", "--format", "json")
    assert vi.exit_code == 2
    error = json.loads(vi.stdout)["error"]
    assert error["code"] == "invalid-input" and error["agency"] == "khong-co"
    assert error["message"].startswith("không có cơ quan 'khong-co' trong danh mục")
    assert "ldtbxh-phu-yen" in error["agencies"]


def test_a_missing_catalogue_is_bad_input(tmp_path: Path) -> None:
    result = run("2026", "--catalog", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stderr.startswith("lỗi: ") and "không có tệp hay thư mục này" in result.stderr
    assert "Traceback" not in result.output


def test_an_agency_file_that_overrides_the_national_data(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path / "cat")
    agency = tmp_path / "cat" / "so-thu-nghiem" / "agency.yaml"
    text = agency.read_text(encoding="utf-8").replace(
        '    - {date: "2025-03-14", note: "Announced day off for the tests"}',
        '    - {date: "2026-11-24", note: "Nghỉ Ngày Văn hóa Việt Nam theo thông báo của tỉnh"}\n'
        '  working_days: ["2026-01-02"]',
    )
    agency.write_text(text, encoding="utf-8")
    doc = as_json(run("2026", "--catalog", str(tmp_path / "cat"), "--format", "json"))
    off, worked = by_date(doc["days_off"]), by_date(doc["working_days"])
    assert off["2026-11-24"]["kind"] == "agency-day-off"
    assert worked["2026-01-02"]["kind"] == "agency-working-day"
    assert "2026-01-02" not in off and "2026-11-24" not in worked
