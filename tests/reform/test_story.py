"""The reform the shipped catalogue tells: each ``supersedes`` chain of the Nghệ An department,
compared by ``motcua diff`` and counted by ``motcua report``, against the numbers read off the
spec files by hand.

The chains: the registration of internal labour regulations (2013 -> 2021, Labour Code 2019),
the exchange of war invalids' cards (2013 -> 2022, Decree 131/2021/NĐ-CP), the admission to a
social-protection establishment (2013 -> 2021, Decree 20/2021/NĐ-CP) and the registration of
vocational training (2013 -> 2015, Law on Vocational Education 74/2014/QH13). Calendar days count
as 5/7 of a working day in both commands (``approximate_working_days``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import motcua
from motcua.cli import main

AGENCY = "ldtbxh-nghe-an"
ILR = f"{AGENCY}/dang-ky-noi-quy-lao-dong"
CARD = f"{AGENCY}/cap-doi-the-thuong-binh-benh-binh-liet-si"
ADMISSION = f"{AGENCY}/tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi"
TRAINING = f"{AGENCY}/dang-ky-hoat-dong-day-nghe"


def run_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def test_the_war_invalid_card_chain(shipped_catalog: Path) -> None:
    doc = run_json("diff", f"{CARD}@2013", f"{CARD}@2022", "--catalog", str(shipped_catalog))
    # Decree 131/2021 asks for the application alone: the lost-item announcement and the
    # photograph go; the commune's list replaces the district office's summary list.
    assert ids(doc["records_removed"]) == ["thong-bao-tim-vat-roi", "anh", "danh-sach-trich-ngang"]
    assert ids(doc["records_added"]) == ["danh-sach-de-nghi"]
    assert doc["records_count"] == {"old": 4, "new": 2}
    assert ids(doc["records_changed"]) == ["don-de-nghi"]
    assert doc["records_changed"][0]["changes"]["form"] == {
        "old": None, "new": "Mẫu số 25 Phụ lục I Nghị định 131/2021/NĐ-CP"}
    # The department's share of the limit: 20 of 30 days in 2013, 12 of 17 under Decree 131/2021.
    # 20 * 5/7 = 14.285..., 12 * 5/7 = 8.571...
    assert doc["time_limit"] == {"old": "20 days", "new": "12 days",
                                 "old_working_days": 14.29, "new_working_days": 8.57}
    # The one-session commitment of the 2013 reform, kept (no later one was found).
    assert doc["committed_time"] == {"old": "1 session", "new": "1 session",
                                     "old_working_days": 0.5, "new_working_days": 0.5}
    assert doc["channels"]["added"] == ["post"] and doc["channels"]["removed"] == []
    assert doc["steps_removed"] == [] and doc["steps_added"] == []
    assert doc["handoffs"]["old"] == doc["handoffs"]["new"] == 3
    assert ids(doc["legal_basis"]["removed"]) == ["nd-31-2013", "tt-05-2013-bldtbxh"]
    assert ids(doc["legal_basis"]["added"]) == ["pl-02-2020-ubtvqh14", "nd-131-2021"]
    assert doc["fees"]["changed"] is False and doc["fees"]["new"]["free"] is True


def test_the_admission_chain(shipped_catalog: Path) -> None:
    doc = run_json("diff", f"{ADMISSION}@2013", f"{ADMISSION}@2021", "--catalog", str(shipped_catalog))
    # Decree 20/2021: a declaration on Form 07 instead of the certified application; no personal
    # history with photographs, health certificate or commune minutes; papers asked only of a
    # child, a disabled person or a person living with HIV.
    assert ids(doc["records_removed"]) == ["so-yeu-ly-lich", "don-de-nghi", "giay-kham-suc-khoe",
                                           "bien-ban-va-cong-van-xa"]
    assert ids(doc["records_added"]) == ["to-khai", "giay-xac-nhan-khuyet-tat", "giay-xac-nhan-hiv", "giay-to-khac"]
    assert doc["records_count"] == {"old": 6, "new": 6}
    birth = {c["id"]: c["changes"] for c in doc["records_changed"]}["giay-khai-sinh"]
    assert birth["originals"] == {"old": 1, "new": 0} and birth["copies"] == {"old": 4, "new": 1}
    assert birth["when"] == {"old": None, "new": {"vi": "Đối với trẻ em", "en": "For a child"}}
    # The limit is kept from 2013 (the department's share under Decree 20/2021 is not known):
    # 30 * 5/7 = 21.428...
    assert doc["time_limit"] == {"old": "30 days", "new": "30 days",
                                 "old_working_days": 21.43, "new_working_days": 21.43}
    assert doc["committed_time"]["old"] is None and doc["committed_time"]["new"] is None
    assert doc["steps_removed"] == [] and doc["steps_added"] == []
    assert ids(doc["legal_basis"]["added"]) == ["nd-20-2021", "qd-635-2021-bldtbxh"]


def test_the_labour_regulations_chain(shipped_catalog: Path) -> None:
    doc = run_json("diff", f"{ILR}@2013", f"{ILR}@2021", "--catalog", str(shipped_catalog))
    assert doc["records_removed"] == [] and doc["records_added"] == []
    assert doc["records_count"] == {"old": 4, "new": 4}
    assert doc["time_limit"] == {"old": "7 working days", "new": "7 working days",
                                 "old_working_days": 7, "new_working_days": 7}
    assert doc["channels"]["added"] == ["online"]


def test_the_vocational_training_chain(shipped_catalog: Path) -> None:
    doc = run_json("diff", f"{TRAINING}@2013", f"{TRAINING}@2015", "--catalog", str(shipped_catalog))
    # The dossier is kept (the sources give none for this period); only the annex forms of the
    # 2013 period's Circular are no longer named.
    assert doc["records_removed"] == [] and doc["records_added"] == []
    assert doc["records_count"] == {"old": 6, "new": 6}
    assert {c["id"]: c["changes"] for c in doc["records_changed"]} == {
        "cong-van-dang-ky": {"form": {"old": "Phụ lục 1, Thông tư 29/2011/TT-BLĐTBXH", "new": None}},
        "bao-cao-dieu-kien": {"form": {"old": "Phụ lục 2, Thông tư 29/2011/TT-BLĐTBXH", "new": None}},
    }
    assert doc["time_limit"] == {"old": "10 working days", "new": "10 working days",
                                 "old_working_days": 10, "new_working_days": 10}
    assert ids(doc["legal_basis"]["removed"]) == ["luat-day-nghe-2006", "tt-29-2011-bldtbxh"]
    assert ids(doc["legal_basis"]["added"]) == ["luat-gdnn-2014", "nd-143-2016", "nd-140-2018", "nd-24-2022"]
    assert doc["new"]["title"]["vi"].startswith("Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp")


def test_the_report_counts_the_reform_of_the_four_chains(shipped_catalog: Path) -> None:
    reform = run_json("report", str(shipped_catalog), "--on", "2024-06-01")["reform"]
    by_chain = {c["procedure"]: c for c in reform["by_chain"]}
    assert sorted(by_chain) == sorted([CARD, ILR, ADMISSION, TRAINING])
    assert by_chain[CARD]["versions"] == ["2013", "2022"]
    # 14.29 - 8.57 working days of legal time, 4 - 2 records; the other chains keep both.
    assert by_chain[CARD]["legal_working_days_cut"] == 5.71 and by_chain[CARD]["records_cut"] == 2
    assert [by_chain[c]["simplified"] for c in (CARD, ILR, ADMISSION, TRAINING)] == [True, False, False, False]
    assert (reform["chains"], reform["simplified"], reform["working_days_cut"], reform["records_cut"]) == (4, 1, 5.71, 2)


@pytest.mark.parametrize(("ref", "old", "new", "last_old", "first_new"), [
    (ILR, "2013", "2021", dt.date(2020, 12, 31), dt.date(2021, 1, 1)),
    (CARD, "2013", "2022", dt.date(2022, 2, 14), dt.date(2022, 2, 15)),
    (ADMISSION, "2013", "2021", dt.date(2013, 12, 31), dt.date(2021, 7, 1)),
    (TRAINING, "2013", "2015", dt.date(2015, 6, 30), dt.date(2015, 7, 1)),
])
def test_each_chain_hands_over_on_the_day_the_new_rule_took_effect(
        shipped_catalog: Path, ref: str, old: str, new: str, last_old: dt.date, first_new: dt.date) -> None:
    catalog = motcua.load_catalog(shipped_catalog)
    earlier, later = catalog.procedure(ref, version=old), catalog.procedure(ref, version=new)
    assert later.supersedes is not None
    assert (Path(later.file).parent / later.supersedes).resolve() == Path(earlier.file).resolve()
    assert earlier.valid_to == last_old and later.valid_from == first_new
    assert catalog.procedure(ref, on=last_old).version == old
    assert catalog.procedure(ref, on=first_new).version == new
    # The department was dissolved on 1 Mar 2025: no version of it runs past 28 Feb 2025.
    assert later.valid_to == dt.date(2025, 2, 28)
