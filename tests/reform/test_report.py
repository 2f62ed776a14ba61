"""``motcua report``: every number worked out by hand on the small catalogue of
``tests/reform/report-catalog`` and on the shipped catalogue, the reform along the chains, the text
in both languages, the files written with ``-o`` and the errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from motcua.cli import main

CATALOG = Path(__file__).parent / "report-catalog"
SMALL = "ubnd-xa-bao-cao"
PROVINCE = "so-bao-cao"


def _report(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["report", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.output)
    return document


def _numbers(group: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in group.items() if k not in ("id", "title")}


def _by_id(groups: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {g["id"]: g for g in groups}


# In force on 2025-06-01 (working days; the commune's day has 8 hours, the department's 7):
#   khai-sinh@2 3 (committed 1, cut 66.67 %), 3 records (the identity card is one of two papers:
#     each counts), 3 steps, 2 hand-offs, online, free;
#   chung-thuc  only its variants state a limit: 2 working days and 1 session, the shortest 0.5;
#     no committed time; 1 record, 3 steps, 2 hand-offs, charged (2,000 VND);
#   cap-phep    20 days = 20 x 5/7 = 14.2857 (committed 10, cut 30 %); 2 records, 3 steps,
#     2 hand-offs, no online, fees not stated;
#   gia-han     8 working hours / 7 = 1.142857 (committed 4/7 = 0.571429, cut 50 %); 1 record,
#     2 steps in one unit, 0 hand-offs, online only, a charge in prose (charged).
TOTAL_2025 = {
    "procedures": 4,
    "legal_time_stated": 4, "median_legal_working_days": 2.07,  # (1.142857 + 3) / 2
    "committed_time_stated": 3, "median_committed_working_days": 1,  # 0.57, 1, 10
    "median_cut_percent": 50,  # 30, 50, 66.67
    "median_records": 1.5, "median_steps": 3, "median_handoffs": 2,  # 1 1 2 3 / 2 3 3 3 / 0 2 2 2
    "online": 2, "online_share_percent": 50,
    "free": 1, "charged": 2, "fees_not_stated": 1,
}
COMMUNE_2025 = {
    "procedures": 2,
    "legal_time_stated": 2, "median_legal_working_days": 1.75,  # (0.5 + 3) / 2
    "committed_time_stated": 1, "median_committed_working_days": 1,
    "median_cut_percent": 66.67,  # (3 - 1) / 3
    "median_records": 2, "median_steps": 3, "median_handoffs": 2,
    "online": 1, "online_share_percent": 50,
    "free": 1, "charged": 1, "fees_not_stated": 0,
}
PROVINCE_2025 = {
    "procedures": 2,
    "legal_time_stated": 2, "median_legal_working_days": 7.71,  # (14.2857 + 1.142857) / 2
    "committed_time_stated": 2, "median_committed_working_days": 5.29,  # (10 + 0.571429) / 2
    "median_cut_percent": 40,  # (30 + 50) / 2
    "median_records": 1.5, "median_steps": 2.5, "median_handoffs": 1,
    "online": 1, "online_share_percent": 50,
    "free": 0, "charged": 1, "fees_not_stated": 1,
}


def test_the_whole_catalogue_in_numbers() -> None:
    doc = _report(str(CATALOG), "--on", "2025-06-01")
    assert doc["on"] == "2025-06-01"
    assert _numbers(doc["total"]) == TOTAL_2025


def test_per_agency_field_and_level() -> None:
    doc = _report(str(CATALOG), "--on", "2025-06-01")
    agencies = _by_id(doc["by_agency"])
    assert list(agencies) == [PROVINCE, SMALL]
    assert _numbers(agencies[SMALL]) == COMMUNE_2025
    assert _numbers(agencies[PROVINCE]) == PROVINCE_2025
    assert agencies[SMALL]["title"] == {"vi": "Ủy ban nhân dân xã Báo Cáo", "en": "People's Committee of Bao Cao commune"}
    fields = _by_id(doc["by_field"])
    assert list(fields) == ["chung-thuc", "ho-tich", "xay-dung"]
    assert fields["ho-tich"]["title"] == {"vi": "Hộ tịch", "en": "Civil status"}
    assert (fields["chung-thuc"]["procedures"], fields["chung-thuc"]["median_legal_working_days"],
            fields["chung-thuc"]["median_committed_working_days"], fields["chung-thuc"]["median_cut_percent"]) == (
        1, 0.5, None, None)
    assert _numbers(fields["xay-dung"]) == PROVINCE_2025
    levels = _by_id(doc["by_level"])
    assert list(levels) == ["province", "commune"]
    assert _numbers(levels["commune"]) == COMMUNE_2025
    assert _numbers(levels["province"]) == PROVINCE_2025


def test_each_procedure_and_how_its_time_is_counted() -> None:
    rows = {p["key"]: p for p in _report(str(CATALOG), "--on", "2025-06-01")["procedures"]}
    assert sorted(rows) == ["so-bao-cao/cap-phep@1", "so-bao-cao/gia-han@1", "ubnd-xa-bao-cao/chung-thuc@1",
                            "ubnd-xa-bao-cao/khai-sinh@2"]
    facts = ("legal_working_days", "legal_basis", "committed_working_days", "committed_basis", "cut_percent",
             "records", "steps", "handoffs", "online", "fees")
    assert {k: rows["ubnd-xa-bao-cao/chung-thuc@1"][k] for k in facts} == {
        "legal_working_days": 0.5, "legal_basis": "shortest_variant_or_channel", "committed_working_days": None,
        "committed_basis": None, "cut_percent": None, "records": 1, "steps": 3, "handoffs": 2, "online": False,
        "fees": "charged"}
    assert {k: rows["so-bao-cao/cap-phep@1"][k] for k in facts} == {
        "legal_working_days": 14.29, "legal_basis": "procedure", "committed_working_days": 10,
        "committed_basis": "procedure", "cut_percent": 30, "records": 2, "steps": 3, "handoffs": 2,
        "online": False, "fees": "not_stated"}
    assert {k: rows["so-bao-cao/gia-han@1"][k] for k in facts} == {
        "legal_working_days": 1.14, "legal_basis": "procedure", "committed_working_days": 0.57,
        "committed_basis": "procedure", "cut_percent": 50, "records": 1, "steps": 2, "handoffs": 0,
        "online": True, "fees": "charged"}
    assert rows["ubnd-xa-bao-cao/khai-sinh@2"]["fees"] == "free"
    assert rows["ubnd-xa-bao-cao/khai-sinh@2"]["levels"] == ["commune"]


def test_the_reform_along_the_chain() -> None:
    reform = _report(str(CATALOG), "--on", "2025-06-01")["reform"]
    # khai-sinh 1 -> 2: 5 -> 3 working days, committed 3 -> 1, 4 -> 3 records, 4 -> 3 steps, 3 -> 2 hand-offs.
    assert {k: v for k, v in reform.items() if k != "by_chain"} == {
        "chains": 1, "simplified": 1, "working_days_cut": 2, "records_cut": 1, "steps_cut": 1}
    [chain] = reform["by_chain"]
    assert chain["procedure"] == "ubnd-xa-bao-cao/khai-sinh" and chain["versions"] == ["1", "2"]
    assert (chain["legal_working_days_cut"], chain["committed_working_days_cut"], chain["records_cut"],
            chain["steps_cut"], chain["handoffs_cut"], chain["simplified"]) == (2, 2, 1, 1, 1, True)
    old, new = chain["old"], chain["new"]
    assert [(v["legal_working_days"], v["committed_working_days"], v["records"], v["steps"], v["handoffs"],
             v["online"]) for v in (old, new)] == [(5, 3, 4, 4, 3, False), (3, 1, 3, 3, 2, True)]


def test_the_day_chooses_the_versions_counted() -> None:
    """On 2024-06-01 the old khai-sinh is in force (5 working days, committed 3: a cut of 40 %);
    the chain is the same whatever the day."""
    doc = _report(str(CATALOG), "--on", "2024-06-01")
    commune = _by_id(doc["by_agency"])[SMALL]
    assert (commune["median_legal_working_days"], commune["median_committed_working_days"],
            commune["median_cut_percent"], commune["median_records"], commune["online"], commune["free"]) == (
        2.75, 3, 40, 2.5, 0, 1)  # (0.5 + 5) / 2; records (1 + 4) / 2
    assert "ubnd-xa-bao-cao/khai-sinh@1" in {p["key"] for p in doc["procedures"]}
    assert doc["reform"]["simplified"] == 1
    before = _report(str(CATALOG), "--on", "2019-12-31")
    assert before["total"]["procedures"] == 3  # chung-thuc, cap-phep, gia-han: no khai-sinh yet
    assert _by_id(before["by_agency"])[SMALL]["free"] == 0


def test_a_chain_of_three_versions_compares_the_first_and_the_last(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    second = catalog / SMALL / "khai-sinh-2.yaml"
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace('valid_from: "2025-01-01"', 'valid_from: "2025-01-01"\nvalid_to: "2025-12-31"'),
                      encoding="utf-8")
    third = (text.replace('version: "2"', 'version: "3"').replace('valid_from: "2025-01-01"', 'valid_from: "2026-01-01"')
             .replace("supersedes: khai-sinh-1.yaml", "supersedes: khai-sinh-2.yaml")
             .replace("time_limit: 3 working days", "time_limit: 6 working days"))
    (catalog / SMALL / "khai-sinh-3.yaml").write_text(third, encoding="utf-8")
    reform = _report(str(catalog), "--on", "2026-06-01")["reform"]
    [chain] = reform["by_chain"]
    assert chain["versions"] == ["1", "2", "3"]
    # 5 -> 6 working days rose while records and steps fell: not simplified, one day added.
    assert (chain["legal_working_days_cut"], chain["records_cut"], chain["steps_cut"], chain["simplified"]) == (
        -1, 1, 1, False)
    assert (reform["simplified"], reform["working_days_cut"], reform["records_cut"]) == (0, -1, 1)


def test_text_in_the_language_of_the_run_and_in_the_one_asked_for() -> None:
    vi = CliRunner().invoke(main, ["report", str(CATALOG), "--on", "2025-06-01"], env={"MOTCUA_LANG": "vi"})
    assert vi.exit_code == 0, vi.output
    assert "1/1 thủ tục được đơn giản hoá, cắt giảm 2 ngày làm việc và 1 thành phần hồ sơ." in vi.output
    assert "thời hạn luật định (trung vị): 2,07 ngày làm việc (4 thủ tục có ghi)" in vi.output
    assert "theo thời hạn ngắn nhất" in vi.output and "không bao giờ là miễn phí" in vi.output
    en = CliRunner().invoke(main, ["report", str(CATALOG), "--on", "2025-06-01", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "1 of 1 procedures simplified, 2 working days and 1 records cut." in en.output
    assert "legal limit (median): 2.07 working days (4 stating it)" in en.output
    assert "online: 2 (50 %); free: 1; charged: 2; fees not stated: 1" in en.output
    assert "counts the shortest limit stated there" in en.output


def test_output_folder_gets_one_file_per_format(tmp_path: Path) -> None:
    for fmt, name in (("json", "report.json"), ("text", "report.txt")):
        result = CliRunner().invoke(main, ["report", str(CATALOG), "--on", "2025-06-01", "--format", fmt,
                                           "-o", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out" / name).is_file()
    written = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert written["total"]["procedures"] == 4


def test_the_default_day_is_today_and_the_default_catalogue_procedures(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    shutil.copytree(CATALOG, tmp_path / "procedures")
    monkeypatch.chdir(tmp_path)
    doc = _report()
    import datetime as dt

    assert doc["on"] == dt.date.today().isoformat() and doc["catalog"] == "procedures/"


def test_errors_end_in_one_line_and_an_exit_status(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["report", str(tmp_path / "nowhere"), "--format", "json"])
    assert missing.exit_code == 2
    assert json.loads(missing.stdout)["error"]["code"] == "unreadable-input"
    bad_day = CliRunner().invoke(main, ["report", str(CATALOG), "--on", "2025-13-01"])
    assert bad_day.exit_code == 2 and "Traceback" not in bad_day.output
    broken = tmp_path / "broken"
    shutil.copytree(CATALOG, broken)
    (broken / SMALL / "chung-thuc.yaml").write_text("motcua: 1\nkind: procedure\nid: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(broken)])
    assert result.exit_code == 1 and "chung-thuc.yaml" in result.output and "Traceback" not in result.output
    (tmp_path / "file").write_text("", encoding="utf-8")
    unwritable = CliRunner().invoke(main, ["report", str(CATALOG), "-o", str(tmp_path / "file" / "x")])
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.output


# -- the shipped catalogue -------------------------------------------------------------------------

CHAIN = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong"


def test_shipped_catalogue_on_a_day_of_the_commune_procedures(shipped_catalog: Path) -> None:
    """On 2026-06-01 the seven commune procedures are in force (3 of the police, 4 of the
    People's Committee of Muong Xen): limits 3, 3, 1 (khai-bao-tam-vang states its own 1 day beside
    a variant's 2), 3 (a variant's), 1 day = 5/7 (the shortest of ket-hon's variants), 1 and 5/7
    (khai-tu's shortest); records 7 7 3 6 4 9 8, steps 6 6 3 6 5 5 5, hand-offs 4 4 2 3 3 3 3; all
    online; the police's tam-vang states no fees, every other has a fee (some in prose only)."""
    doc = _report(str(shipped_catalog), "--on", "2026-06-01")
    assert _numbers(doc["total"]) == {
        "procedures": 7, "legal_time_stated": 7, "median_legal_working_days": 1,
        "committed_time_stated": 0, "median_committed_working_days": None, "median_cut_percent": None,
        "median_records": 7, "median_steps": 5, "median_handoffs": 3,
        "online": 7, "online_share_percent": 100, "free": 0, "charged": 6, "fees_not_stated": 1,
    }
    agencies = _by_id(doc["by_agency"])
    assert sorted(agencies) == ["cong-an-xa-muong-xen", "ldtbxh-nghe-an", "ldtbxh-phu-yen", "ubnd-xa-muong-xen"]
    police, commune = agencies["cong-an-xa-muong-xen"], agencies["ubnd-xa-muong-xen"]
    assert (police["procedures"], police["median_legal_working_days"], police["median_records"],
            police["median_steps"], police["median_handoffs"], police["charged"], police["fees_not_stated"]) == (
        3, 3, 7, 6, 4, 2, 1)
    assert (commune["procedures"], commune["median_legal_working_days"], commune["median_records"],
            commune["median_steps"], commune["median_handoffs"], commune["charged"]) == (
        4, 0.86, 7, 5, 3, 4)  # (5/7 + 1) / 2; records (6 + 8) / 2
    assert agencies["ldtbxh-nghe-an"]["procedures"] == 0
    text = CliRunner().invoke(main, ["report", str(shipped_catalog), "--on", "2026-06-01", "--lang", "vi"]).output
    assert ("* ldtbxh-phu-yen (Sở Lao động - Thương binh và Xã hội tỉnh Phú Yên)\n  thủ tục: 0\n"
            "* ubnd-xa-muong-xen") in text
    assert "thời gian cam kết (trung vị): – (0 thủ tục có ghi)\n  cắt giảm (trung vị): –\n" in text
    assert [(g["id"], g["procedures"]) for g in doc["by_level"]] == [("commune", 7)]
    rows = {p["key"]: p for p in doc["procedures"]}
    ket_hon = rows["ubnd-xa-muong-xen/dang-ky-ket-hon@2026-01-16"]
    assert (ket_hon["legal_working_days"], ket_hon["legal_basis"]) == (0.71, "shortest_variant_or_channel")
    assert rows["cong-an-xa-muong-xen/khai-bao-tam-vang@2025-11-20"]["legal_basis"] == "procedure"


def test_shipped_chain_of_the_labour_regulations(shipped_catalog: Path) -> None:
    """dang-ky-noi-quy-lao-dong 2013 -> 2021: 7 working days both, no committed time, 4 records
    and 4 steps both, one hand-off (the desk to the labour division) on the main path; online
    added in 2021; free in both."""
    doc = _report(str(shipped_catalog), "--on", "2021-06-01")
    chains = {c["procedure"]: c for c in doc["reform"]["by_chain"]}
    chain = chains[CHAIN]
    assert chain["versions"] == ["2013", "2021"]
    assert [(v["legal_working_days"], v["committed_working_days"], v["records"], v["steps"], v["handoffs"],
             v["online"], v["fees"]) for v in (chain["old"], chain["new"])] == [
        (7, None, 4, 4, 1, False, "free"), (7, None, 4, 4, 1, True, "free")]
    assert (chain["legal_working_days_cut"], chain["committed_working_days_cut"], chain["records_cut"],
            chain["steps_cut"], chain["simplified"]) == (0, None, 0, 0, False)
    assert f"{CHAIN}@2021" in {p["key"] for p in doc["procedures"]}


def test_every_json_key_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "reform.md").read_text(encoding="utf-8")
    section = docs[docs.index("## `motcua report`"):]
    section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
    section = re.sub(r"^```.*?^```", "", section, flags=re.MULTILINE | re.DOTALL)  # the examples, not the keys
    documented = {word for quoted in re.findall(r"`([^`]+)`", section) for word in re.findall(r"\w+", quoted)}
    doc = _report(str(CATALOG), "--on", "2025-06-01")
    [chain] = doc["reform"]["by_chain"]
    used = (set(doc) | set(doc["total"]) | set(doc["procedures"][0]) | set(doc["reform"]) | set(chain)
            | set(doc["notes"][0]))
    assert used - documented == set()
    assert {"free", "charged", "not_stated", "procedure", "shortest_variant_or_channel"} <= documented
