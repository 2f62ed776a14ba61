"""`motcua validate` and `motcua explain` end to end: formats, exit codes, the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.spec.rules import RULES

ROOT = Path(__file__).parent.parent.parent
CASES = ROOT / "tests" / "cases"
AGENCY = CASES / "agency" / "agency.yaml"
SARIF_SCHEMA = ROOT / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A copy of the test agency plus a procedure with a misspelt step target."""
    shutil.copy(AGENCY, tmp_path / "agency.yaml")
    (tmp_path / "p.yaml").write_text(
        """motcua: 1
kind: procedure
id: thu-tuc
agency: so-thu-nghiem
title: {vi: Thủ tục thử, en: A test procedure}
version: "1"
time_limit: 5 working days
records:
  - {id: don, title: {vi: Đơn, en: Application}}
results:
  - {id: giay, title: {vi: Giấy, en: Paper}}
steps:
  - id: tiep-nhan
    title: {vi: Tiếp nhận, en: Receive}
    unit: mot-cua
    time: 1 session
    checks: [don]
    next: tra-ket-qa
  - id: tra-ket-qua
    title: {vi: Trả kết quả, en: Return}
    unit: mot-cua
    time: 1 session
    next: xong
ends:
  - {id: xong, title: {vi: Xong, en: Done}, outcome: granted, result: giay}
""",
        encoding="utf-8",
    )
    return tmp_path


def test_text_format_points_at_the_error_with_a_caret(broken: Path) -> None:
    code, out, err = run("validate", "--no-cache", str(broken))
    assert code == 1
    first = out.splitlines()[0]
    assert first == (f"{broken / 'p.yaml'}:18:11: REF004 step 'tiep-nhan' goes to unknown step 'tra-ket-qa'; "
                     "did you mean 'tra-ket-qua'?")
    assert out.splitlines()[1].endswith("|     next: tra-ket-qa")
    assert out.splitlines()[2].endswith("|           ^")
    assert out.splitlines()[-1] == "2 files, 1 procedure, 1 error, 0 warnings"


def test_json_format_is_pure_json(broken: Path) -> None:
    code, out, _ = run("validate", "--no-cache", "--format", "json", str(broken))
    assert code == 1
    doc = json.loads(out)
    assert [(d["code"], d["line"], d["column"]) for d in doc["diagnostics"]] == [("REF004", 18, 11)]
    assert doc["summary"] == {"files": 2, "procedures": 1, "errors": 1, "warnings": 0}


def test_github_format(broken: Path) -> None:
    code, out, _ = run("validate", "--no-cache", "--format", "github", str(broken))
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"::error file={broken / 'p.yaml'},line=18,col=11,title=REF004 unknown-target::")


def test_sarif_is_valid_against_the_official_schema(broken: Path) -> None:
    code, out, _ = run("validate", "--no-cache", "--format", "sarif", str(broken))
    assert code == 1
    doc = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    result = doc["runs"][0]["results"][0]
    assert result["ruleId"] == "REF004"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 18, "startColumn": 11}


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    shutil.copy(AGENCY, tmp_path / "agency.yaml")
    text = (CASES / "invalid" / "lng001-missing-language.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    assert run("validate", "--no-cache", str(tmp_path))[0] == 0
    assert run("validate", "--no-cache", "--strict", str(tmp_path))[0] == 1


def test_the_cache_gives_the_same_answer_and_notices_changes(broken: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run("validate", "-v", "--cache-dir", str(cache), str(broken))
    second = run("validate", "-v", "--cache-dir", str(cache), str(broken))
    assert first[1].replace("(0 from the cache)", "") == second[1].replace("(2 from the cache)", "")
    assert "(2 from the cache)" in second[1]
    p = broken / "p.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("next: tra-ket-qa", "next: tra-ket-qua"), encoding="utf-8")
    third = run("validate", "-v", "--cache-dir", str(cache), str(broken))
    assert third[0] == 0 and "(1 from the cache)" in third[1]
    # A changed agency re-checks the procedures that resolve against it.
    a = broken / "agency.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("id: mot-cua", "id: mot-cua-moi"), encoding="utf-8")
    fourth = run("validate", "-v", "--cache-dir", str(cache), str(broken))
    assert fourth[0] == 1 and "REF001" in fourth[1] and "(0 from the cache)" in fourth[1]


def test_a_corrupt_cache_is_ignored(broken: Path, tmp_path: Path) -> None:
    from motcua.validators.cache import cache_file

    cache = tmp_path / "cache"
    assert run("validate", "--cache-dir", str(cache), str(broken))[0] == 1
    Path(cache_file(str(cache), [str(broken)])).write_bytes(b"not a cache")
    assert run("validate", "--cache-dir", str(cache), str(broken))[0] == 1


def test_explain_prints_every_rule() -> None:
    for r in RULES:
        code, out, _ = run("explain", r.code.lower())
        assert code == 0
        assert out.startswith(f"{r.code} {r.name} ({r.severity.value})")
        assert "Why:" in out and "Example:" in out and "Fix:" in out


def test_explain_unknown_code_suggests() -> None:
    code, _out, err = run("explain", "REF01")
    assert code == 2 and "did you mean" in err


def test_default_path_is_the_shipped_catalogue(monkeypatch: pytest.MonkeyPatch, shipped_root: Path) -> None:
    monkeypatch.chdir(shipped_root)
    code, out, _ = run("validate", "--no-cache")
    assert code == 0, out
    assert out.endswith("0 errors, 0 warnings\n")


def test_schema_command_prints_json() -> None:
    for kind in ("procedure", "agency"):
        code, out, _ = run("schema", kind)
        assert code == 0 and json.loads(out)["$schema"].startswith("http://json-schema.org/draft-07")
