"""``motcua diff``'s comparison (``motcua.reform.diff``): each kind of change on a pair written for
it (``catalog/``), and the shipped chain of the labour-regulations registration, 2013 -> 2021,
against values worked out by hand from the two files."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import Catalog
from motcua.reform.diff import ProcedureDiff, diff_procedures, handoffs, main_path
from motcua.reform.diff_text import format_text

CATALOG = Path(__file__).parent / "catalog"
CHAIN = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    from motcua.catalogs import open_catalog

    return open_catalog(CATALOG).catalog


def compare(catalog: Catalog, pid: str) -> ProcedureDiff:
    agency = catalog.agency("ubnd-xa-so-sanh")
    return diff_procedures(catalog.procedure(pid, version="1"), catalog.procedure(pid, version="2"),
                           old_calendar=agency.calendar, new_calendar=agency.calendar)


def run_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


UNCHANGED_PATH = {"steps": ["tiep-nhan", "tham-dinh", "ky", "tra-ket-qua"], "working_days": 4, "handoffs": 3}


def test_a_step_removed(catalog: Catalog) -> None:
    doc = compare(catalog, "bo-buoc").as_dict()
    assert doc["steps_removed"] == [{"id": "ky", "title": {"vi": "Ký giấy chứng nhận", "en": "Sign the certificate"},
                                     "unit": "chu-tich", "time": "1 working day", "working_days": 1, "checks": []}]
    assert doc["steps_added"] == []
    assert doc["steps_changed"] == [{"id": "tham-dinh", "title": {"vi": "Thẩm định hồ sơ", "en": "Examine the dossier"},
                                     "changes": {"leads_to": {"old": ["ky"], "new": ["tra-ket-qua"]}}}]
    # mot-cua -> tu-phap -> chu-tich -> mot-cua: three; without the leader's step, two.
    assert doc["handoffs"] == {"old": 3, "new": 2, "old_path": ["tiep-nhan", "tham-dinh", "ky", "tra-ket-qua"],
                               "new_path": ["tiep-nhan", "tham-dinh", "tra-ket-qua"]}
    assert doc["time_limit"] == {"old": "5 working days", "new": "5 working days",
                                 "old_working_days": 5, "new_working_days": 5}
    assert doc["committed_time"] == {"old": "4 working days", "new": "3 working days",
                                     "old_working_days": 4, "new_working_days": 3}
    # 1 session (0.5) + 2 + 1 + 1 session (0.5) = 4 working days; without "ky", 3.
    assert doc["slowest_path"] == {"old": UNCHANGED_PATH,
                                   "new": {"steps": ["tiep-nhan", "tham-dinh", "tra-ket-qua"], "working_days": 3,
                                           "handoffs": 2}}
    assert doc["records_removed"] == doc["records_added"] == doc["records_moved"] == []


def test_a_record_moved_into_a_one_of_group(catalog: Catalog) -> None:
    doc = compare(catalog, "nhom-chon").as_dict()
    assert doc["records_added"] == [
        {"id": "giay-to-tuy-than", "kind": "one_of", "title": {"vi": "Giấy tờ tùy thân", "en": "Identity papers"},
         "group": None, "in_choice": False, "items": ["cccd", "ho-chieu"]},
        {"id": "ho-chieu", "kind": "record", "title": {"vi": "Hộ chiếu", "en": "Passport"},
         "group": "giay-to-tuy-than", "in_choice": True},
    ]
    assert doc["records_removed"] == []
    assert doc["records_moved"] == [
        {"id": "cccd", "kind": "record", "title": {"vi": "Căn cước công dân", "en": "Citizen identity card"},
         "old_group": None, "new_group": "giay-to-tuy-than", "old_in_choice": False, "new_in_choice": True}]
    assert doc["records_count"] == {"old": 3, "new": 4}
    assert doc["steps_changed"] == [{"id": "tiep-nhan", "title": {"vi": "Tiếp nhận hồ sơ", "en": "Receive the dossier"},
                                     "changes": {"checks": {"removed": ["cccd"], "added": ["giay-to-tuy-than"]}}}]
    assert doc["handoffs"]["old"] == doc["handoffs"]["new"] == 3


def test_a_variants_time_cut(catalog: Catalog) -> None:
    doc = compare(catalog, "truong-hop").as_dict()
    # 15 calendar days are 15 x 5/7 = 10.71 working days; 7 days are 5.
    assert doc["variants_changed"] == [{"id": "cap-lai", "title": {"vi": "Cấp lại", "en": "Reissue"}, "changes": {
        "time_limit": {"old": "15 days", "new": "7 days", "old_working_days": 10.71, "new_working_days": 5}}}]
    assert doc["variants_added"] == doc["variants_removed"] == []
    assert doc["time_limit"] == {"old": None, "new": None, "old_working_days": None, "new_working_days": None}
    assert doc["slowest_path"] == {"old": UNCHANGED_PATH, "new": UNCHANGED_PATH}


def test_a_channel_added(catalog: Catalog) -> None:
    channels = compare(catalog, "kenh").as_dict()["channels"]
    assert (channels["old"], channels["new"]) == (["in-person"], ["in-person", "online"])
    assert (channels["added"], channels["removed"], channels["changed"]) == (["online"], [], [])
    assert channels["terms"]["new"][1] == {"channel": "online", "time_limit": "4 working days",
                                          "committed_time": None, "fees": None}


def test_a_fee_changed(catalog: Catalog) -> None:
    doc = compare(catalog, "phi").as_dict()
    fee = {"title": {"vi": "Lệ phí", "en": "Fee"}, "currency": "VND", "text": None, "kind": "fee", "channel": None}
    assert doc["fees"] == {"old": {"stated": True, "free": False, "items": [{**fee, "amount": 50000}]},
                           "new": {"stated": True, "free": False, "items": [{**fee, "amount": 30000}]},
                           "changed": True}
    assert "Lệ phí: 50.000 VND → Lệ phí: 30.000 VND" in format_text(compare(catalog, "phi"))
    assert "Fee: 50,000 VND → Fee: 30,000 VND" in format_text(compare(catalog, "phi"), lang="en")


def test_nothing_else_changes_in_a_pair_that_changes_one_thing(catalog: Catalog) -> None:
    doc = compare(catalog, "kenh").as_dict()
    empty = ("steps_removed", "steps_added", "steps_changed", "records_removed", "records_added", "records_moved",
             "records_changed", "variants_removed", "variants_added", "variants_changed")
    assert {k: doc[k] for k in empty} == {k: [] for k in empty}
    assert doc["fees"]["changed"] is False


def test_the_shipped_chain_of_the_labour_regulations(shipped_catalog: Path) -> None:
    doc = run_json(f"{CHAIN}@2013", f"{CHAIN}@2021", "--catalog", str(shipped_catalog))
    assert (doc["old"]["procedure"], doc["new"]["procedure"]) == (f"{CHAIN}@2013", f"{CHAIN}@2021")
    # The same four steps, units, times and checks in both versions.
    assert doc["steps_removed"] == doc["steps_added"] == doc["steps_changed"] == []
    assert doc["records_removed"] == doc["records_added"] == doc["records_moved"] == []
    assert doc["records_count"] == {"old": 4, "new": 4}
    # Labour Code 2019: the opinion comes from "the employee representative organisation", and only
    # where one exists.
    [changed] = doc["records_changed"]
    assert changed["id"] == "y-kien-cong-doan"
    assert changed["changes"]["title"]["old"]["vi"] == "Văn bản góp ý của tổ chức đại diện tập thể lao động tại cơ sở"
    assert changed["changes"]["title"]["new"]["vi"] == "Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở"
    assert changed["changes"]["when"] == {"old": None, "new": {"vi": "Nếu có tổ chức đại diện người lao động tại cơ sở",
                                                              "en": "Where such an organisation exists"}}
    assert set(changed["changes"]) == {"title", "when"}
    assert (doc["channels"]["added"], doc["channels"]["removed"]) == (["online"], [])
    assert doc["fees"] == {"old": {"stated": True, "free": True, "items": []},
                           "new": {"stated": True, "free": True, "items": []}, "changed": False}
    # Main path: receive (one-stop) -> review (labour division) -> "no objection" end: one hand-off.
    assert doc["handoffs"] == {"old": 1, "new": 1, "old_path": ["tiep-nhan", "xem-xet"],
                               "new_path": ["tiep-nhan", "xem-xet"]}
    assert doc["time_limit"] == {"old": "7 working days", "new": "7 working days",
                                 "old_working_days": 7, "new_working_days": 7}
    assert doc["committed_time"] == {"old": None, "new": None, "old_working_days": None, "new_working_days": None}
    # Objection route: 1 session + 5 + 1 working day + 1 session = 7 working days, through three hand-offs.
    slow = {"steps": ["tiep-nhan", "xem-xet", "ky-thong-bao", "gui-thong-bao"], "working_days": 7, "handoffs": 3}
    assert doc["slowest_path"] == {"old": slow, "new": slow}
    assert [b["id"] for b in doc["legal_basis"]["removed"]] == ["blld-2012"]
    assert [b["id"] for b in doc["legal_basis"]["added"]] == ["blld-2019", "nd-145-2020", "qd-338-2021-bldtbxh"]
    assert doc["variants_removed"] == doc["variants_added"] == doc["variants_changed"] == []


def test_two_files_compare_as_two_references(catalog: Catalog) -> None:
    by_file = run_json(str(CATALOG / "bo-buoc-1.yaml"), str(CATALOG / "bo-buoc-2.yaml"))
    by_reference = run_json("bo-buoc@1", "bo-buoc@2", "--catalog", str(CATALOG))
    assert by_file == by_reference == compare(catalog, "bo-buoc").as_dict()


def test_the_text_report_in_vietnamese_and_in_english(catalog: Catalog) -> None:
    result = CliRunner().invoke(main, ["diff", "bo-buoc@1", "bo-buoc@2", "--catalog", str(CATALOG), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    vi = result.stdout
    assert vi == format_text(compare(catalog, "bo-buoc"))
    assert "Bước bỏ đi:\n  - ky: Ký giấy chứng nhận (chu-tich, 1 ngày làm việc)\n" in vi
    assert "Số lần chuyển hồ sơ giữa các đơn vị (luồng chính):\n  - 3 → 2\n" in vi
    assert "Thời gian cam kết:\n  - 4 ngày làm việc → 3 ngày làm việc\n" in vi
    en = CliRunner().invoke(main, ["diff", "bo-buoc@1", "bo-buoc@2", "--catalog", str(CATALOG), "--lang", "en"]).stdout
    assert "Steps removed:\n  - ky: Sign the certificate (chu-tich, 1 working day)\n" in en
    assert "Hand-offs between units (main path):\n  - 3 → 2\n" in en
    assert "Slowest path:\n  - tiep-nhan → tham-dinh → ky → tra-ket-qua: ≈ 4 working days\n" in en
    variant = format_text(compare(catalog, "truong-hop"), lang="en")
    assert "cap-lai: Legal time limit: 15 days → 7 days (≈ 10.71 working days → ≈ 5 working days)" in variant
    channel = format_text(compare(catalog, "kenh"))
    assert "trực tiếp → trực tiếp, trực tuyến (thời hạn giải quyết theo quy định 4 ngày làm việc)" in channel


def test_the_main_path_follows_first_targets_and_stops_at_a_loop(catalog: Catalog) -> None:
    proc = catalog.procedure("bo-buoc", version="1")
    assert [s.id for s in main_path(proc)] == ["tiep-nhan", "tham-dinh", "ky", "tra-ket-qua"]
    assert handoffs(main_path(proc)) == 3
    assert handoffs([proc.step("tiep-nhan"), proc.step("tra-ket-qua")]) == 0


def test_json_writes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    result = CliRunner().invoke(main, ["diff", "phi@1", "phi@2", "--catalog", str(CATALOG), "--format", "json",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["fees"]["changed"] is True
    assert result.stdout == ""


def test_every_json_key_is_documented(catalog: Catalog) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "reform.md").read_text(encoding="utf-8")
    documented = {key for cell in re.findall(r"^\| (`[^|]*) \|", docs, re.M) for key in re.findall(r"`(\w+)`", cell)}
    assert set(compare(catalog, "bo-buoc").as_dict()) == documented


def test_a_steps_time_and_unit_changed(catalog: Catalog) -> None:
    doc = compare(catalog, "doi-buoc").as_dict()
    # 12 working hours of an 8-hour office day are 1.5 working days.
    assert [(c["id"], c["changes"]) for c in doc["steps_changed"]] == [
        ("tham-dinh", {"time": {"old": "2 working days", "new": "12 working hours",
                                "old_working_days": 2, "new_working_days": 1.5}}),
        ("ky", {"unit": {"old": "chu-tich", "new": "tu-phap"}}),
    ]
    # mot-cua -> tu-phap -> (tu-phap) -> mot-cua: the signature no longer changes hands.
    assert (doc["handoffs"]["old"], doc["handoffs"]["new"]) == (3, 2)
    assert doc["slowest_path"]["new"] == {"steps": ["tiep-nhan", "tham-dinh", "ky", "tra-ket-qua"],
                                          "working_days": 3.5, "handoffs": 2}
    assert doc["steps_removed"] == doc["steps_added"] == []


def test_a_channels_own_time_changed(catalog: Catalog) -> None:
    before = catalog.procedure("kenh", version="2")
    online = dataclasses.replace(before.channels[1], time_limit=parse_duration("3 working days"),
                                 committed_time=parse_duration("2 working days"))
    after = dataclasses.replace(before, version="3", channels=(before.channels[0], online))
    channels = diff_procedures(before, after).as_dict()["channels"]
    assert (channels["added"], channels["removed"]) == ([], [])
    assert channels["changed"] == [{"channel": "online", "changes": {
        "time_limit": {"old": "4 working days", "new": "3 working days", "old_working_days": 4, "new_working_days": 3},
        "committed_time": {"old": None, "new": "2 working days", "old_working_days": None, "new_working_days": 2}}}]
    text = format_text(diff_procedures(before, after), lang="en")
    assert "  - online: Legal time limit: 4 working days → 3 working days; Committed time: not stated → 2 working days\n" \
        in text
