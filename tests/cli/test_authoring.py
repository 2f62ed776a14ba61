"""``motcua schema`` (the catalogue's schema) and ``motcua new`` (the modeline naming it), and
the hints for a count the spec reader does not take as a number."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "tests" / "cases" / "agency" / "agency.yaml"
VALID = ROOT / "tests" / "cases" / "valid" / "dang-ky-thu-nghiem.yaml"
COUNTED = ROOT / "tests" / "cases" / "valid" / "cap-giay-phep-thu-nghiem.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / "so").mkdir()
    (tmp_path / "so" / "agency.yaml").write_bytes(AGENCY.read_bytes())
    return tmp_path


def test_the_catalogue_schema_lists_the_agency_units_with_their_titles(catalog: Path) -> None:
    code, out, _ = invoke("schema", "procedure", "--catalog", str(catalog))
    assert code == 0
    made = json.loads(out)
    units = made["definitions"]["agency_unit"]
    assert units["enum"] == ["mot-cua", "phong-chuyen-mon", "lanh-dao", "ubnd-xa"]
    assert units["markdownEnumDescriptions"][0] == "Bộ phận Tiếp nhận và Trả kết quả / One-stop reception and result desk"
    step = made["properties"]["steps"]["items"]["properties"]
    assert step["unit"]["$ref"] == step["consult"]["items"]["properties"]["unit"]["$ref"] == "#/definitions/agency_unit"
    assert made["definitions"]["agency_id"]["enum"] == ["so-thu-nghiem"]
    jsonschema.Draft7Validator.check_schema(made)


def test_the_catalogue_schema_refuses_a_unit_the_agency_lacks(catalog: Path) -> None:
    from motcua.cli.authoring import find_agency
    from motcua.engine.spec.yamlstrict import parse_text
    from motcua.validators.schema import catalog_schema

    made = catalog_schema(find_agency(catalog, None)[1])
    data = parse_text(VALID.read_text(encoding="utf-8")).data
    assert list(jsonschema.Draft7Validator(made).iter_errors(data)) == []
    data["steps"][0]["unit"] = "mot-cuaa"
    errors = list(jsonschema.Draft7Validator(made).iter_errors(data))
    assert [tuple(e.absolute_path) for e in errors] == [("steps", 0, "unit")]


def test_schema_for_a_catalogue_of_several_agencies_asks_which(catalog: Path) -> None:
    other = catalog / "khac"
    other.mkdir()
    (other / "agency.yaml").write_text(AGENCY.read_text(encoding="utf-8").replace("id: so-thu-nghiem", "id: so-khac"),
                                       encoding="utf-8")
    code, _, err = invoke("schema", "procedure", "--catalog", str(catalog))
    assert code == 2 and "--agency" in err and "so-khac, so-thu-nghiem" in err
    code, out, _ = invoke("schema", "procedure", "--catalog", str(catalog), "--agency", "so-khac")
    assert code == 0 and json.loads(out)["definitions"]["agency_id"]["enum"] == ["so-khac"]
    code, _, err = invoke("schema", "agency", "--catalog", str(catalog))
    assert code == 2 and "procedure files" in err


def test_new_writes_the_catalogue_schema_its_modeline_names(catalog: Path) -> None:
    code, out, err = invoke("new", "procedure", "cap-thu", "--agency", "so-thu-nghiem", "--catalog", str(catalog))
    assert code == 0, err
    spec = catalog / "so" / "cap-thu.yaml"
    assert out.strip() == str(spec)
    assert spec.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=procedure.schema.json"
    made = json.loads((catalog / "so" / "procedure.schema.json").read_text(encoding="utf-8"))
    assert "mot-cua" in made["definitions"]["agency_unit"]["enum"]
    assert validate_paths([str(catalog)], cache_dir=None).errors == 0


@pytest.mark.parametrize(("written", "hint"), [
    ('"1"', "write the number without quotes: 1"),
    ("0x1", "write a whole number in decimal digits, e.g. 1 (not 0x1, 1.0 or 'one')"),
])
def test_a_count_not_read_as_a_number_gets_the_right_hint(catalog: Path, written: str, hint: str) -> None:
    text = COUNTED.read_text(encoding="utf-8")
    assert "originals: 1" in text
    (catalog / "so" / "p.yaml").write_text(text.replace("originals: 1", f"originals: {written}", 1), encoding="utf-8")
    found = [d for d in validate_paths([str(catalog)], cache_dir=None).diagnostics if d.code == "SCH003"]
    assert [d.hint for d in found] == [hint]


def test_an_amount_with_thousands_dots_is_told_to_drop_them(catalog: Path) -> None:
    text = COUNTED.read_text(encoding="utf-8")
    assert "amount: 50000," in text
    (catalog / "so" / "p.yaml").write_text(text.replace("amount: 50000,", "amount: 50.000.000,"), encoding="utf-8")
    found = [d for d in validate_paths([str(catalog)], cache_dir=None).diagnostics if d.code == "SCH003"]
    assert [d.hint for d in found] == [
        "write 50000000: digits only, without thousands separators or the currency (that is 'currency: VND')"]


@pytest.mark.parametrize(("kind", "old", "new", "message"), [
    ("procedure", "valid_from: 2024-01-01", "valid_from: 2024-02-30",
     "'2024-02-30' in valid_from is not a date that exists"),
    ("agency", '["07:30-11:30"', '["11:30-07:30"',
     "office hours '11:30-07:30' in calendar.office_hours[#1] must end after they start"),
])
def test_the_schema_refuses_what_the_reader_would(catalog: Path, kind: str, old: str, new: str,
                                                 message: str) -> None:
    target = catalog / "so" / ("agency.yaml" if kind == "agency" else "p.yaml")
    text = (AGENCY if kind == "agency" else COUNTED).read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [d for d in validate_paths([str(catalog)], cache_dir=None).diagnostics if d.code == "SCH005"]
    assert [d.message for d in found] == [message]
    assert found[0].hint is not None and " / Write " in found[0].hint
