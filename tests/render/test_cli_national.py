"""``motcua publish --skip-invalid`` and naming a procedure by its national code, end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli.export import export
from motcua.cli.publish import publish
from motcua.cli.render import render

LONG = Path(__file__).parent / "catalogs" / "long-record"
SPEC = "dang-ky-bien-dong-dat-dai.yaml"


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"MOTCUA_CACHE_DIR": str(tmp_path / "cache"), "MOTCUA_LANG": "en"})


@pytest.fixture
def with_a_bad_file(tmp_path: Path) -> Path:
    """The long record's catalogue and a copy of its procedure with a time limit no one can read."""
    catalog = tmp_path / "catalog"
    shutil.copytree(LONG, catalog)
    text = (LONG / SPEC).read_text(encoding="utf-8")
    bad = text.replace("id: dang-ky-bien-dong-dat-dai\n", "id: thu-tuc-hong\n", 1)
    bad = bad.replace("\ntime_limit: 10 working days\n", "\ntime_limit: 10 lunar days\n", 1)
    assert bad.count("lunar") == 1 and "thu-tuc-hong" in bad
    (catalog / "hong.yaml").write_text(bad, encoding="utf-8")
    return catalog


def test_publish_refuses_a_catalogue_with_errors_by_default(runner: CliRunner, with_a_bad_file: Path,
                                                            tmp_path: Path) -> None:
    result = runner.invoke(publish, [str(with_a_bad_file), "-o", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert not (tmp_path / "site").exists()
    assert "has 1 error" in result.stderr


def test_skip_invalid_publishes_the_valid_and_lists_the_rest(runner: CliRunner, with_a_bad_file: Path,
                                                             tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(publish, [str(with_a_bad_file), "-o", str(site), "--skip-invalid"])
    assert result.exit_code == 1, result.output
    assert "Published 1 procedure (5 pages)" in result.stdout
    assert (site / "vi" / "ubnd-xa-song-lam" / "dang-ky-bien-dong-dat-dai.html").is_file()
    assert not (site / "vi" / "ubnd-xa-song-lam" / "thu-tuc-hong.html").exists()
    lines = result.stderr.splitlines()
    at = lines.index("motcua: 1 file with errors left out, each with its first error:")
    row = (with_a_bad_file / "hong.yaml").read_text(encoding="utf-8").splitlines().index("time_limit: 10 lunar days")
    assert lines[at + 1] == (f"{with_a_bad_file}/hong.yaml:{row + 1}:13: SCH005 '10 lunar days' in time_limit "
                             "does not have the expected form")


def test_skip_invalid_on_a_valid_catalogue_exits_zero(runner: CliRunner, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(LONG, catalog)
    result = runner.invoke(publish, [str(catalog), "-o", str(tmp_path / "site"), "--skip-invalid"])
    assert (result.exit_code, "left out" in result.stderr) == (0, False), result.output


def test_a_procedure_left_out_with_its_agency(runner: CliRunner, with_a_bad_file: Path, tmp_path: Path) -> None:
    agency = with_a_bad_file / "agency.yaml"
    agency.write_text(agency.read_text(encoding="utf-8").replace("role: one-stop", "role: front-desk"),
                      encoding="utf-8")
    result = runner.invoke(publish, [str(with_a_bad_file), "-o", str(tmp_path / "site"), "--skip-invalid"])
    assert result.exit_code == 1
    assert "Published 0 procedures" in result.stdout
    left = [line.split(":", 1)[0] for line in result.stderr.splitlines() if line.startswith(str(with_a_bad_file))]
    assert sorted(left) == sorted(str(with_a_bad_file / f) for f in ("agency.yaml", "hong.yaml", SPEC))


def test_render_and_export_take_a_national_code(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    result = runner.invoke(render, ["1.000656", "--catalog", str(LONG), "--view", "public", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "ubnd-xa-song-lam/dang-ky-bien-dong-dat-dai@2026, public view" in result.stderr
    assert "Chuẩn bị hồ sơ (02 bộ)" in out.read_text(encoding="utf-8")
    result = runner.invoke(export, ["bpmn", "1.000656@2026", "--catalog", str(LONG)])
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")
    result = runner.invoke(render, ["1.999999", "--catalog", str(LONG)])
    assert result.exit_code == 2 and "1.999999" in result.stderr


@pytest.mark.parametrize("name", ["chart.bpmn", "chart.XML"])
def test_export_writes_a_file_named_as_bpmn(runner: CliRunner, tmp_path: Path, name: str) -> None:
    result = runner.invoke(export, ["bpmn", "1.000656@2026", "--catalog", str(LONG), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("name", ["chart.svg", "chart.png", "chart"])
def test_export_refuses_a_file_named_as_something_else(runner: CliRunner, tmp_path: Path, name: str) -> None:
    result = runner.invoke(export, ["bpmn", "1.000656@2026", "--catalog", str(LONG), "-o", str(tmp_path / name)])
    assert result.exit_code == 2 and "a BPMN file is named .bpmn or .xml" in result.stderr
    assert not (tmp_path / name).exists()
