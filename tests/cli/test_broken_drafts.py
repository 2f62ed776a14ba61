"""One broken draft does not block the other procedures of its agency: render, export and case
open work on them, the draft named refuses with its own errors, and an agency file with errors
still stops everything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main

ROOT = Path(__file__).resolve().parents[2]
NGHE_AN = ROOT / "procedures" / "ldtbxh-nghe-an"
GOOD = Path("lao-dong") / "dang-ky-thoa-uoc-lao-dong-tap-the.yaml"
TYPO = Path("lao-dong") / "dang-ky-noi-quy-lao-dong-2021.yaml"
DRAFT = Path("lao-dong") / "nhap.yaml"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the labour department with a draft that is not even YAML and a version with a unit typo."""
    folder = tmp_path / "procedures" / "ldtbxh-nghe-an"
    shutil.copytree(NGHE_AN, folder)
    (folder / DRAFT).write_text("motcua: 1\nkind: procedure\ntitle: {vi: Bước 1: tiếp nhận\n", encoding="utf-8")
    spec = folder / TYPO
    spec.write_text(spec.read_text(encoding="utf-8").replace("unit: giam-doc", "unit: giam-doc-so"), encoding="utf-8")
    return tmp_path / "procedures"


def test_validate_still_reports_both(catalog: Path) -> None:
    code, out, _ = run("validate", "--no-cache", "-q", str(catalog))
    assert code == 1
    assert {line.split(": ")[1].split()[0] for line in out.splitlines() if "= hint" not in line} == {"YML005", "REF001"}


@pytest.mark.parametrize("named", ["file", "reference"])
def test_render_draws_another_procedure(catalog: Path, tmp_path: Path, named: str) -> None:
    spec = str(catalog / "ldtbxh-nghe-an" / GOOD) if named == "file" else "dang-ky-thoa-uoc-lao-dong-tap-the"
    extra = [] if named == "file" else ["--catalog", str(catalog)]
    code, _out, err = run("render", spec, "-o", str(tmp_path / "chart.svg"), *extra)
    assert code == 0, err
    assert (tmp_path / "chart.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("named", ["file", "reference", "version"])
def test_the_draft_named_refuses_with_its_own_errors(catalog: Path, tmp_path: Path, named: str) -> None:
    spec = {"file": str(catalog / "ldtbxh-nghe-an" / TYPO), "reference": "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong",
            "version": "dang-ky-noi-quy-lao-dong@2021"}[named]
    extra = [] if named == "file" else ["--catalog", str(catalog)]
    code, out, err = run("render", spec, "-o", str(tmp_path / "chart.svg"), *extra)
    assert code == 1 and out == ""
    assert " REF001 " in err and "giam-doc-so" in err and "YML005" not in err
    assert not (tmp_path / "chart.svg").exists()


def test_the_other_version_of_the_procedure_is_still_drawn_when_named(catalog: Path, tmp_path: Path) -> None:
    code, _out, err = run("render", "dang-ky-noi-quy-lao-dong@2013", "--catalog", str(catalog),
                          "-o", str(tmp_path / "chart.svg"))
    assert code == 0, err


def test_a_procedure_not_found_names_the_unreadable_drafts(catalog: Path) -> None:
    code, _out, err = run("render", "thu-tuc-moi", "--catalog", str(catalog))
    assert code == 2
    assert f"1 procedure file with errors could not be read: {catalog / 'ldtbxh-nghe-an' / DRAFT}" in err


def test_export_writes_another_procedure(catalog: Path, tmp_path: Path) -> None:
    code, _out, err = run("export", "bpmn", str(catalog / "ldtbxh-nghe-an" / GOOD), "-o", str(tmp_path / "p.bpmn"))
    assert code == 0, err
    assert b"<bpmn" in (tmp_path / "p.bpmn").read_bytes()


def test_a_case_opens_for_another_procedure(catalog: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cases.db")
    common = ["--db", db, "--catalog", str(catalog)]
    code, _out, err = run("officer", "add", "mc", "--agency", "ldtbxh-nghe-an", "--unit", "mot-cua", "--name", "Mai",
                          "--position", "Công chức một cửa",
                          *common)
    assert code == 0, err
    code, out, err = run("case", "open", "dang-ky-thoa-uoc-lao-dong-tap-the", "--applicant", "Công ty A",
                         "--actor", "mc", "--at", "2014-03-03T08:30", "--format", "json", *common)
    assert code == 0, err
    assert json.loads(out)["procedure"].endswith("dang-ky-thoa-uoc-lao-dong-tap-the")
    code, _out, err = run("case", "open", "dang-ky-noi-quy-lao-dong", "--applicant", "Công ty B", "--actor", "mc",
                          "--at", "2014-03-03T08:30", *common)
    assert code == 1 and "REF001" in err


def test_errors_in_the_agency_file_still_stop_everything(catalog: Path, tmp_path: Path) -> None:
    agency = catalog / "ldtbxh-nghe-an" / "agency.yaml"
    agency.write_text(agency.read_text(encoding="utf-8").replace("kind: agency", "kind: agency\nwebsite: x"),
                      encoding="utf-8")
    code, _out, err = run("render", str(catalog / "ldtbxh-nghe-an" / GOOD), "-o", str(tmp_path / "chart.svg"))
    assert code == 1 and "SCH001" in err
    assert not (tmp_path / "chart.svg").exists()
