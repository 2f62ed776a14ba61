"""`motcua new agency` and the placeholders of the templates: a new agency and procedure
validate as written, and each text the author has not written yet is pointed out (TPL001)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.validators.placeholders import PLACEHOLDER
from motcua.validators.runner import validate_paths
from motcua.validators.schema import schema


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_new_agency_writes_a_commented_file_naming_its_schema(tmp_path: Path) -> None:
    code, out, err = invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))
    assert code == 0, err
    spec = tmp_path / "so-moi" / "agency.yaml"
    assert out == f"{spec}\n"
    lines = spec.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=agency.schema.json"
    assert json.loads((tmp_path / "so-moi" / "agency.schema.json").read_text(encoding="utf-8")) == schema("agency")
    report = validate_paths([tmp_path], cache_dir=None)
    assert report.errors == 0 and report.agencies == 1
    assert {d.code for d in report.diagnostics} == {"TPL001"}


def test_a_procedure_of_the_new_agency_starts_at_once(tmp_path: Path) -> None:
    assert invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))[0] == 0
    code, out, err = invoke("new", "procedure", "cap-moi", "--agency", "so-moi", "--catalog", str(tmp_path))
    assert code == 0, err
    assert out == f"{tmp_path / 'so-moi' / 'cap-moi.yaml'}\n"
    assert validate_paths([tmp_path], cache_dir=None).errors == 0


def test_every_commented_key_of_the_new_agency_is_valid_when_written(tmp_path: Path) -> None:
    assert invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))[0] == 0
    spec = tmp_path / "so-moi" / "agency.yaml"
    text = spec.read_text(encoding="utf-8")
    opened = re.sub(r"(?m)^# (code|address|phone|fields):", r"\1:", text)
    opened = re.sub(r"(?m)^#   - ", "  - ", opened)
    opened = re.sub(r"(?m)^  #   - ", "    - ", opened)
    opened = opened.replace("  days_off: []", "  days_off:")
    assert opened.count("\n  - {id: ho-tich") == 1 and "    - {date: \"2026-01-02\"" in opened
    spec.write_text(opened, encoding="utf-8")
    report = validate_paths([spec], cache_dir=None)
    assert report.errors == 0, [str(d) for d in report.diagnostics]


@pytest.mark.parametrize("args", [["new", "agency", "So Moi"], ["new", "agency", "so--moi"]])
def test_new_agency_refuses_what_is_no_id(tmp_path: Path, args: list[str]) -> None:
    code, _, err = invoke(*args, "--catalog", str(tmp_path))
    assert code == 2 and "is not an id" in err
    assert list(tmp_path.iterdir()) == []


def test_new_agency_never_writes_over_an_agency(tmp_path: Path) -> None:
    assert invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))[0] == 0
    spec = tmp_path / "so-moi" / "agency.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Tên cơ quan ...", "Sở Mới"), encoding="utf-8")
    code, _, err = invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))
    assert code == 2 and "already in" in err
    code, _, err = invoke("new", "agency", "so-khac", "--dir", str(tmp_path / "so-moi"))
    assert code == 2 and "already exists" in err
    assert "Sở Mới" in spec.read_text(encoding="utf-8")


def test_the_untouched_procedure_template_warns_of_each_placeholder(tmp_path: Path) -> None:
    assert invoke("new", "agency", "so-moi", "--catalog", str(tmp_path))[0] == 0
    (tmp_path / "so-moi" / "agency.yaml").write_text(
        (tmp_path / "so-moi" / "agency.yaml").read_text(encoding="utf-8").replace(" ...", ""), encoding="utf-8")
    assert invoke("new", "procedure", "cap-moi", "--agency", "so-moi", "--catalog", str(tmp_path))[0] == 0
    spec = tmp_path / "so-moi" / "cap-moi.yaml"
    code, out, _ = invoke("validate", "--no-cache", "-q", "--format", "json", str(spec))
    assert code == 0
    found = json.loads(out)["diagnostics"]
    assert [(d["code"], d["severity"], d["line"]) for d in found] == [
        ("TPL001", "warning", 10), ("TPL001", "warning", 11), ("TPL001", "warning", 16), ("TPL001", "warning", 16),
        ("TPL001", "warning", 23), ("TPL001", "warning", 23), ("TPL001", "warning", 28), ("TPL001", "warning", 28)]
    assert found[0]["message"] == "title still holds the template's placeholder: 'Tên thủ tục ...'"
    assert found[4]["message"] == "records[don-de-nghi].title still holds the template's placeholder: 'Đơn đề nghị ...'"
    assert invoke("validate", "--no-cache", "-q", "--strict", str(spec))[0] == 1
    # Written out, the file is clean.
    spec.write_text(spec.read_text(encoding="utf-8").replace(" ...", ""), encoding="utf-8")
    assert invoke("validate", "--no-cache", "-q", "--strict", str(spec))[0] == 0


@pytest.mark.parametrize(("text", "placeholder"), [
    ("Tên thủ tục ...", True), ("...", True), ("…", True), ("Giấy phép …", True), ("Đơn ...  ", True),
    ("Hồ sơ, giấy tờ v.v...", False), ("Papers and so on...", False), ("Mẫu ... số 01", False), ("Đơn", False),
])
def test_what_counts_as_a_placeholder(text: str, placeholder: bool) -> None:
    assert bool(PLACEHOLDER.search(text)) is placeholder
