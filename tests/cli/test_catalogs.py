"""``motcua.catalogs``: the one way every command loads a catalogue and finds a procedure in it,
by file, ``procedure-id``, ``agency-id/procedure-id`` or ``id@version``; values or error kinds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.catalogs import agency_folder, check_reference, find_procedure, lookup, open_catalog, split_reference
from motcua.engine.spec.diagnostics import SpecError
from motcua.engine.spec.errors import InputError, UnknownProcedure, UnreadableInput

CATALOG = Path(__file__).parents[1] / "engine" / "catalog"


@pytest.fixture
def cat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CATALOG, tmp_path / "procedures")
    return tmp_path / "procedures"


def test_a_reference_names_a_procedure_with_or_without_agency_and_version(cat: Path) -> None:
    for spec in ("cap-phep", "so-thu-nghiem/cap-phep", "cap-phep@1", "so-thu-nghiem/cap-phep@1"):
        found = find_procedure(spec)  # procedures/ by default
        assert found.procedure.key == "so-thu-nghiem/cap-phep@1", spec
        assert found.catalog.root == "procedures/"
    assert find_procedure("dang-ky", catalog_path=cat).procedure.id == "dang-ky"
    assert split_reference("a/b@2") == ("a/b", "2") and split_reference("b") == ("b", None)


def test_a_file_is_found_in_the_agency_folder_above_it(cat: Path) -> None:
    spec = cat / "so-thu-nghiem" / "cap-phep.yaml"
    assert agency_folder(spec) == (cat / "so-thu-nghiem").resolve()
    for given in (spec, Path("procedures/so-thu-nghiem/cap-phep.yaml")):
        assert find_procedure(str(given)).procedure.key == "so-thu-nghiem/cap-phep@1"
    assert find_procedure(str(spec), catalog_path=cat).procedure.key == "so-thu-nghiem/cap-phep@1"


@pytest.mark.parametrize(
    ("spec", "kind", "said"),
    [
        ("cap-phe", UnknownProcedure, "no procedure 'cap-phe' in the catalogue; did you mean 'cap-phep'?"),
        ("cap-phep@9", UnknownProcedure, "procedure 'cap-phep' has no version '9'; its versions: 1"),
        ("khac/cap-phep", UnknownProcedure, "no procedure 'khac/cap-phep' in the catalogue"),
        ("khong-co.yaml", UnreadableInput, "khong-co.yaml: no such procedure file"),
        ("procedures", UnreadableInput, "procedures: no such procedure file"),
    ],
)
def test_what_names_nothing_is_an_error_of_its_kind(cat: Path, spec: str, kind: type[Exception], said: str) -> None:
    with pytest.raises(kind) as raised:
        find_procedure(spec)
    assert str(raised.value) == said


def test_a_file_outside_the_catalogue_or_any_agency(cat: Path, tmp_path: Path) -> None:
    lone = tmp_path / "lone.yaml"
    shutil.copy(cat / "so-thu-nghiem" / "cap-phep.yaml", lone)
    with pytest.raises(InputError, match="no agency.yaml in its folder or above; name the catalogue with --catalog"):
        find_procedure(str(lone))
    with pytest.raises(UnknownProcedure, match="lone.yaml: not a procedure of the catalogue procedures"):
        find_procedure(str(lone), catalog_path="procedures")


def test_a_catalogue_with_errors_or_none_at_all(cat: Path) -> None:
    (cat / "so-thu-nghiem" / "hong.yaml").write_text("motcua: 1\nkind: procedure\nid: hong\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        open_catalog("procedures")
    assert raised.value.path == "procedures" and raised.value.exit_code == 1
    assert str(raised.value).startswith("catalogue procedures has ") and "`motcua validate procedures`" in str(raised.value)
    with pytest.raises(UnreadableInput, match="^nowhere: no such file or folder$"):
        open_catalog("nowhere")


def test_a_new_case_names_a_procedure_without_a_version(cat: Path) -> None:
    catalog = open_catalog(cat).catalog
    assert check_reference(catalog, "so-thu-nghiem/cap-phep") == "so-thu-nghiem/cap-phep"
    with pytest.raises(InputError, match="the version in force on the day of receipt; name the procedure without @1"):
        check_reference(catalog, "cap-phep@1")
    with pytest.raises(UnknownProcedure, match="did you mean 'dang-ky'"):
        lookup(catalog, "dang-ki")
