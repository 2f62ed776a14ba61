"""``motcua import dvcqg`` on hostile and broken records, reimports, owned files and the agency map.

A broken record is one located line (file and JSON path) and exit 1 while the others import;
a usage error is exit 2; nothing ends in a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from motcua import validate
from motcua.cli import main
from motcua.engine.spec.loading import load_catalog
from motcua.importers.dvcqg.output import MARK
from motcua.importers.dvcqg.reading import MAX_RECORD_BYTES

from .conftest import RECORD_DIRS, RECORD_FILES, record_data

GOOD = next(p for p in RECORD_FILES if p.stem == "1.000656")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["import", "dvcqg", *args])


def envelope(record: dict[str, Any]) -> str:
    return json.dumps({"code": "OK", "data": record}, ensure_ascii=False)


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_reimport_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(str(GOOD.parent), "-o", str(first)).exit_code == 0
    assert run(str(GOOD.parent), "-o", str(second)).exit_code == 0
    assert files_under(first) == files_under(second)
    again = run(str(GOOD.parent), "-o", str(first), "--format", "json")
    assert again.exit_code == 0
    report = json.loads(again.output)
    assert {r["spec"]["action"] for r in report["records"]} == {"unchanged"}
    assert {a["action"] for a in report["agencies"]} == {"unchanged"}


def test_the_envelope_and_the_bare_record_give_the_same_spec(tmp_path: Path) -> None:
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "r.json").write_text(json.dumps(record_data(GOOD), indent=4, ensure_ascii=False))
    assert run(str(GOOD), "-o", str(tmp_path / "a")).exit_code == 0
    assert run(str(tmp_path / "bare"), "-o", str(tmp_path / "b")).exit_code == 0
    assert files_under(tmp_path / "a") == files_under(tmp_path / "b")


HOSTILE: dict[str, tuple[bytes, str]] = {
    "not-json": (b"{\"code\": \"OK\", \"data\": ", "not JSON"),
    "not-utf8": (b"{\"code\": \"OK\", \"data\": {\"name\": \"\xff\"}}", "not UTF-8"),
    "envelope-error": (b"{\"code\": \"ERROR\", \"message\": \"\\u001b[31mdown\", \"data\": null}", "$.code"),
    "array": (b"[1, 2]", "expected an object"),
    "duplicate-key": (b"{\"code\": \"1\", \"code\": \"2\", \"name\": \"x\"}", "duplicate key"),
    "deep": (b"[" * 5000 + b"]" * 5000, "nested"),
    "nan": (b"{\"code\": \"1\", \"name\": \"x\", \"cases\": NaN}", "not a JSON number"),
}


def broken(field: str, value: Any) -> bytes:
    rec = record_data(GOOD)
    rec[field] = value
    return envelope(rec).encode()


WRONG_TYPES: dict[str, tuple[bytes, str]] = {
    "methods-text": (broken("executionMethods", "x"), "$.data.executionMethods: expected a list"),
    "cases-item": (broken("cases", [1]), "$.data.cases[0]: expected an object"),
    "name-number": (broken("name", 5), "$.data.name: expected text"),
    "level-flag-text": (broken("isWard", "yes"), "$.data.isWard: expected true or false"),
}


@pytest.mark.parametrize("name", [*HOSTILE, *WRONG_TYPES])
def test_a_broken_record_is_located_and_the_others_import(tmp_path: Path, name: str) -> None:
    raw, said = {**HOSTILE, **WRONG_TYPES}[name]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.json")
    (folder / f"{name}.json").write_bytes(raw)
    result = run(str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    failed = [ln for ln in result.output.splitlines() if ln.startswith("failed")]
    assert len(failed) == 1 and f"{name}.json" in failed[0] and said in failed[0], result.output
    assert "\x1b" not in result.output
    assert "1 imported, 1 failed" in result.output
    assert len(list((tmp_path / "out").rglob("*.yaml"))) == 2  # the good record and its agency


def test_a_huge_record_is_refused_unread(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(folder / "huge.json", "wb") as f:
        f.truncate(MAX_RECORD_BYTES + 1)
    result = run(str(folder), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["records"][0]["error"]["path"].endswith("huge.json")
    assert "bytes" in report["records"][0]["error"]["message"]


def test_a_link_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.symlink(GOOD, folder / "link.json")
    result = run(str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "outside the folder" in result.output
    assert not list((tmp_path / "out").rglob("*.yaml"))


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(str(GOOD)).exit_code == 2  # no -o
    missing = run(str(tmp_path / "nothing.json"), "-o", str(tmp_path / "out"), "--format", "json")
    assert missing.exit_code == 2
    assert json.loads(missing.stdout)["error"]["code"] == "unreadable-input"
    bad_map = tmp_path / "map.yaml"
    bad_map.write_text("agencies:\n  - id: Not A Slug\n")
    result = run(str(GOOD), "-o", str(tmp_path / "out"), "--agency-map", str(bad_map))
    assert result.exit_code == 2
    assert "map.yaml:2:5" in result.output


def test_a_file_the_importer_did_not_write_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(GOOD), "-o", str(out)).exit_code == 0
    spec = next(p for p in out.rglob("*.yaml") if p.name != "agency.yaml")
    edited = spec.read_text(encoding="utf-8").replace("time: 0 working days", "time: 1 working day", 1)
    spec.write_text(edited, encoding="utf-8")
    result = run(str(GOOD), "-o", str(out))
    assert result.exit_code == 1
    assert "edited since" in result.output and spec.read_text(encoding="utf-8") == edited
    forced = run(str(GOOD), "-o", str(out), "--force")
    assert forced.exit_code == 0 and "overwritten" in forced.output
    assert spec.read_text(encoding="utf-8").startswith(MARK)


def test_an_agency_file_a_person_wrote_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(GOOD), "-o", str(out)).exit_code == 0
    agency = next(out.rglob("agency.yaml"))
    mine = agency.read_text(encoding="utf-8").split("\n", 2)[2]  # without the importer's stamp
    agency.write_text(mine, encoding="utf-8")
    result = run(str(GOOD), "-o", str(out))
    assert result.exit_code == 0 and "kept" in result.output
    assert agency.read_text(encoding="utf-8") == mine


def test_blank_items_are_counted_and_skipped(tmp_path: Path) -> None:
    rec = record_data(GOOD)
    items = rec["executionCases"][0]["profileComponents"]
    items.insert(1, {**items[0], "name": "  ", "code": "BLANK-1"})
    items.insert(2, {**items[0], "name": "-", "code": "BLANK-2"})
    (tmp_path / "r.json").write_text(envelope(rec), encoding="utf-8")
    result = run(str(tmp_path / "r.json"), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["records"][0]["counts"]["blank"] == 2
    assert report["totals"]["skipped_by_kind"]["blank-item"] == 2
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.yaml"))
    assert "BLANK-1" not in text and "BLANK-2" not in text


def test_nothing_is_invented_where_the_record_is_silent(tmp_path: Path) -> None:
    rec = record_data(GOOD)
    rec["cases"] = []
    rec["resultsDetails"] = []
    for m in rec["executionMethods"]:
        m.update(processingTime=3, processingTimeUnit="OTHER", description="", fees=[])
    (tmp_path / "r.json").write_text(envelope(rec), encoding="utf-8")
    assert run(str(tmp_path / "r.json"), "-o", str(tmp_path / "out")).exit_code == 0
    p = load_catalog(tmp_path / "out").procedures[0]
    assert p.time_limit is None and p.fees is None and not p.results and not p.variants
    assert all(c.time_limit is None for c in p.channels)
    codes = {d.code for d in validate(str(tmp_path / "out"), cache_dir=str(tmp_path / "cache"))}
    assert {"TIM006", "RES001"} <= codes  # validation says what is missing


def test_extra_time_and_periods_that_do_not_count(tmp_path: Path) -> None:
    rec = record_data(GOOD)
    rec["cases"] = []
    rec["executionMethods"] = [
        {"submissionMethod": "DIRECT", "processingTime": 5, "processingTimeUnit": "WORKING_DAY", "fees": [],
         "description": "Nộp trực tiếp. Thời gian niêm yết công khai không tính vào thời hạn giải quyết."},
        {"submissionMethod": "DIRECT", "processingTime": 15, "processingTimeUnit": "WORKING_DAY", "fees": [],
         "description": "Nộp trực tiếp. Thời gian niêm yết công khai không tính vào thời hạn giải quyết.\n"
                        "Đối với xã miền núi, biên giới thì không quá 15 ngày làm việc."},
    ]
    (tmp_path / "r.json").write_text(envelope(rec), encoding="utf-8")
    assert run(str(tmp_path / "r.json"), "-o", str(tmp_path / "out")).exit_code == 0
    p = load_catalog(tmp_path / "out").procedures[0]
    assert p.time_limit is not None and p.time_limit.text == "5 working days"
    assert [(e.add.text, e.when.get("vi")) for e in p.extensions] == \
        [("10 working days", "Đối với xã miền núi, biên giới thì không quá 15 ngày làm việc.")]
    assert [s.title.get("vi") for s in p.clock_stops] == \
        ["Thời gian niêm yết công khai không tính vào thời hạn giải quyết"]


def test_the_agency_map_names_catalogue_agencies_and_units(tmp_path: Path) -> None:
    amap = tmp_path / "map.yaml"
    amap.write_text(
        "agencies:\n"
        "  - id: ubnd-xa-hoa-binh\n"
        "    title: \"Ủy ban nhân dân xã Hòa Bình\"\n"
        "    bodies:\n"
        "      - code: \"000.00.UB.003\"\n"
        "        unit: tu-phap-ho-tich\n"
        "        unit_title: \"Công chức Tư pháp - Hộ tịch\"\n", encoding="utf-8")
    result = run(str(GOOD), "-o", str(tmp_path / "out"), "--agency-map", str(amap))
    assert result.exit_code == 0, result.output
    catalog = load_catalog(tmp_path / "out")
    p = catalog.procedures[0]
    assert p.agency == "ubnd-xa-hoa-binh"
    assert [s.unit for s in p.steps] == ["mot-cua", "tu-phap-ho-tich", "mot-cua"]
    assert (p.executing[0].agency, p.executing[0].unit) == ("ubnd-xa-hoa-binh", "tu-phap-ho-tich")
    units = {u.id: u.title.get("vi") for u in catalog.agency("ubnd-xa-hoa-binh").units}
    assert units["tu-phap-ho-tich"] == "Công chức Tư pháp - Hộ tịch"
    found = validate(str(tmp_path / "out"), cache_dir=str(tmp_path / "cache"))
    assert not [d for d in found if d.is_error]


def test_the_json_report_has_totals_and_per_record_losses(tmp_path: Path) -> None:
    result = run(*map(str, RECORD_DIRS), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["totals"]["records"] == 25 and report["totals"]["imported"] == 25
    assert report["totals"]["losses"] == sum(
        1 for r in report["records"] for loss in r["losses"] if loss["counted"])
    assert all(loss["where"].startswith("$") for r in report["records"] for loss in r["losses"])


def test_the_agency_map_of_the_docs_is_read(tmp_path: Path) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    block = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "map.yaml").write_text(block, encoding="utf-8")
    result = run(str(GOOD), "-o", str(tmp_path / "out"), "--agency-map", str(tmp_path / "map.yaml"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ubnd-xa-hoa-binh" / "agency.yaml").is_file()
