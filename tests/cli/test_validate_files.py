"""`motcua validate` of single files (as editors and pre-commit pass them) and of folders that
hold no spec: a file is checked in its catalogue, and nothing found is bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main

ROOT = Path(__file__).resolve().parents[2]
NGHE_AN = ROOT / "procedures" / "ldtbxh-nghe-an"
RULES_2021 = Path("lao-dong") / "dang-ky-noi-quy-lao-dong-2021.yaml"
AGENCY = ROOT / "tests" / "cases" / "agency" / "agency.yaml"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a shipped agency folder as ``procedures/ldtbxh-nghe-an``, the working folder its parent."""
    shutil.copytree(NGHE_AN, tmp_path / "procedures" / "ldtbxh-nghe-an")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "procedures" / "ldtbxh-nghe-an"


def test_a_valid_file_given_alone_is_valid(catalog: Path) -> None:
    spec = f"procedures/ldtbxh-nghe-an/{RULES_2021.as_posix()}"
    code, out, err = run("validate", "--no-cache", spec)
    assert (code, out) == (0, "1 file, 1 procedure, 0 errors, 0 warnings\n"), err
    assert "REF005" not in out and "REF007" not in out


def test_a_folder_inside_an_agency_is_checked_in_its_catalogue(catalog: Path) -> None:
    code, out, _ = run("validate", "--no-cache", "procedures/ldtbxh-nghe-an/lao-dong")
    assert (code, out) == (0, "3 files, 3 procedures, 0 errors, 0 warnings\n")


def test_a_broken_file_shows_its_own_errors_and_no_other_file_s(catalog: Path) -> None:
    spec = catalog / RULES_2021
    spec.write_text(spec.read_text(encoding="utf-8").replace("unit: giam-doc", "unit: giam-doc-so"), encoding="utf-8")
    other = catalog / "lao-dong" / "dang-ky-thoa-uoc-lao-dong-tap-the.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("unit: mot-cua", "unit: mot-cuaa", 1),
                     encoding="utf-8")
    code, out, _ = run("validate", "--no-cache", "-q", f"procedures/ldtbxh-nghe-an/{RULES_2021.as_posix()}")
    assert code == 1
    lines = [line for line in out.splitlines() if not line.lstrip().startswith("= hint")]
    assert len(lines) == 1 and lines[0].startswith(
        f"procedures/ldtbxh-nghe-an/{RULES_2021.as_posix()}:122:11: REF001 step")
    assert "giam-doc-so" in lines[0]
    # Both files, as pre-commit passes the files changed: each with its own error.
    code, out, _ = run("validate", "--no-cache", "-q", str(spec), str(other))
    assert code == 1
    shown = [line.split(":")[0] for line in out.splitlines() if not line.lstrip().startswith("= hint")]
    assert sorted(shown) == sorted([str(spec), str(other)])


def test_the_files_a_superseding_version_names_are_found(catalog: Path) -> None:
    # The 2013 version is not given, yet the 2021 one names it: read from the catalogue, not reported.
    code, out, _ = run("validate", "--no-cache", "--format", "json", str(catalog / RULES_2021))
    assert code == 0
    assert '"diagnostics": []' in out


def test_an_agency_file_with_errors_is_shown_with_the_file_read_against_it(catalog: Path) -> None:
    agency = catalog / "agency.yaml"
    agency.write_text(agency.read_text(encoding="utf-8").replace("kind: agency", "kind: agency\nwebsite: x"),
                      encoding="utf-8")
    code, out, _ = run("validate", "--no-cache", "-q", str(catalog / RULES_2021))
    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines() if "= hint" not in line] == ["SCH001"]
    assert out.startswith(f"{agency}:")


def test_a_new_procedure_validates_as_its_template_says(catalog: Path) -> None:
    code, out, _ = run("new", "procedure", "thu-tuc-moi", "--agency", "ldtbxh-nghe-an", "--catalog", "procedures")
    assert code == 0
    written = out.strip()
    assert "motcua validate <tệp này>" in Path(written).read_text(encoding="utf-8")
    code, out, _ = run("validate", "--no-cache", "--format", "json", written)
    assert code == 0, out
    assert "REF005" not in out


def test_a_file_with_no_agency_above_is_checked_alone(tmp_path: Path) -> None:
    spec = tmp_path / "p.yaml"
    spec.write_text((ROOT / "tests" / "cases" / "valid" / "cap-giay-phep-thu-nghiem.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, out, _ = run("validate", "--no-cache", "-q", str(spec))
    assert code == 1
    assert " REF005 " in out


@pytest.mark.parametrize("folder", ["empty", "named-like-a-spec.yaml", "only-notes"])
def test_a_folder_with_no_spec_is_bad_input(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder).mkdir()
    if folder == "only-notes":
        (tmp_path / folder / "README.md").write_text("notes", encoding="utf-8")
    code, out, err = run("validate", "--no-cache", str(tmp_path / folder))
    assert code == 2
    assert out == ""
    assert err == f"error: {tmp_path / folder}: no spec files (.yaml, .yml) found in this folder; " \
                  "give a catalogue folder or spec files\n"


def test_a_folder_with_no_spec_beside_one_with_specs_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("validate", "--no-cache", str(AGENCY), str(tmp_path / "empty"))
    assert code == 2
    assert "no spec files" in err
