"""Loading a catalogue without its broken drafts: procedure files with errors are left out, and
named; an error in an agency file, or in a file that may be one, still withholds the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.validators.assembly import validate_and_load

ROOT = Path(__file__).resolve().parents[2]
NGHE_AN = ROOT / "procedures" / "ldtbxh-nghe-an"
RULES_2021 = Path("lao-dong") / "dang-ky-noi-quy-lao-dong-2021.yaml"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    shutil.copytree(NGHE_AN, tmp_path / "ldtbxh-nghe-an")
    return tmp_path


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_draft_with_an_error_is_left_out_and_named(catalog: Path) -> None:
    whole = validate_and_load([catalog], cache_dir=None)[1]
    assert whole is not None
    spec = catalog / "ldtbxh-nghe-an" / RULES_2021
    break_file(spec, "unit: giam-doc", "unit: giam-doc-so")
    report, loaded = validate_and_load([catalog], cache_dir=None)
    assert loaded is None and report.errors == 1
    report, loaded = validate_and_load([catalog], cache_dir=None, leave_out_broken=True)
    assert loaded is not None
    assert report.left_out == {str(spec): "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021"}
    assert [d.code for d in report.diagnostics if d.is_error] == ["REF001"]
    kept = {(p.id, p.version) for p in loaded.procedures}
    assert kept == {(p.id, p.version) for p in whole.procedures} - {("dang-ky-noi-quy-lao-dong", "2021")}
    assert loaded.agencies == whole.agencies


def test_a_draft_that_is_not_even_yaml_is_left_out_without_a_name(catalog: Path) -> None:
    whole = validate_and_load([catalog], cache_dir=None)[1]
    assert whole is not None
    draft = catalog / "ldtbxh-nghe-an" / "lao-dong" / "nhap.yaml"
    draft.write_text("motcua: 1\nkind: procedure\ntitle: {vi: Bước 1: tiếp nhận\n", encoding="utf-8")
    report, loaded = validate_and_load([catalog], cache_dir=None, leave_out_broken=True)
    assert loaded is not None and report.left_out == {str(draft): ""}
    assert loaded.procedures == whole.procedures


@pytest.mark.parametrize(("name", "text"), [
    ("agency.yaml", None),                              # the agency file itself
    ("khac/agency.yaml", "motcua: 1\nkind: agency\n"),  # a second agency file, incomplete
    ("nhap.yaml", "motcua: 1\nkind: agency\nid: [\n"),  # a file that says it is an agency
])
def test_an_error_in_an_agency_file_still_withholds_the_catalogue(catalog: Path, name: str, text: str | None) -> None:
    target = catalog / "ldtbxh-nghe-an" / name
    if text is None:
        break_file(target, "kind: agency", "kind: agency\nwebsite: x")
    else:
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    report, loaded = validate_and_load([catalog], cache_dir=None, leave_out_broken=True)
    assert loaded is None and report.errors >= 1 and report.left_out == {}
