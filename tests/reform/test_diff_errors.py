"""``motcua diff`` on bad input: one clear line and the input-error exit status, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main

CATALOG = Path(__file__).parent / "catalog"
INPUT_ERROR = 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["khong-co.yaml", str(CATALOG / "phi-2.yaml")], "error: khong-co.yaml: no such procedure file"),
        (["phi@1", "phi@9", "--catalog", str(CATALOG)], "error: procedure 'phi' has no version '9'; its versions: 1, 2"),
        (["phi@1", "kenh@2", "--catalog", str(CATALOG)],
         "error: ubnd-xa-so-sanh/phi@1 and ubnd-xa-so-sanh/kenh@2 are different procedures; "
         "diff compares two versions of one procedure"),
        ([str(CATALOG / "phi-1.yaml"), str(CATALOG / "kenh-2.yaml")],
         "error: ubnd-xa-so-sanh/phi@1 and ubnd-xa-so-sanh/kenh@2 are different procedures"),
        (["phi@1", "phi@2", "--catalog", "khong-co-thu-muc"], "error: khong-co-thu-muc: no such file or folder"),
        (["khong-co@1", "phi@2", "--catalog", str(CATALOG)], "error: no procedure 'khong-co' in the catalogue"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exit_code == INPUT_ERROR, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), result.stderr
    assert "Traceback" not in result.output


def test_bad_input_as_json() -> None:
    result = CliRunner().invoke(main, ["diff", "phi@1", "phi@9", "--catalog", str(CATALOG), "--format", "json"])
    assert result.exit_code == INPUT_ERROR
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["version"]) == ("unknown-procedure", "9")


def test_an_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "phi@1", "phi@2", "--catalog", str(CATALOG),
                                       "-o", str(tmp_path / "khong-co" / "diff.txt")])
    assert result.exit_code == INPUT_ERROR
    assert "cannot write" in result.stderr
