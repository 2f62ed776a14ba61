"""The shipped catalogue: valid, loadable, editor-ready, NFC.

The first three tests check the working tree's ``procedures/`` itself, as a department edits it
(every spec there must validate, name its schema and be NFC); the others read the shipped
catalogue copied aside (``shipped_catalog``), whose contents they know exactly."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

import motcua
from motcua.engine.spec.model import EndOutcome

ROOT = Path(__file__).parent.parent
SPECS = sorted((ROOT / "procedures").rglob("*.yaml"))


def test_the_catalogue_validates_clean() -> None:
    assert motcua.validate(ROOT / "procedures") == []


@pytest.mark.parametrize("path", SPECS, ids=[str(p.relative_to(ROOT)) for p in SPECS])
def test_every_spec_names_its_schema_for_the_editor(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    kind = "agency" if path.name == "agency.yaml" else "procedure"
    target = (path.parent / first[len(prefix):]).resolve()
    assert target == (ROOT / "validators" / "schemas" / f"{kind}.schema.json").resolve()


@pytest.mark.parametrize("path", SPECS, ids=[str(p.relative_to(ROOT)) for p in SPECS])
def test_every_spec_is_nfc(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


def test_the_catalogue_loads_into_the_model(shipped_catalog: Path) -> None:
    catalog = motcua.load_catalog(shipped_catalog)
    nghe_an = catalog.agency("ldtbxh-nghe-an")
    assert nghe_an.languages == ("vi", "en")
    roles = {u.role.value for u in nghe_an.units}
    assert roles == {"one-stop", "division", "leadership", "external"}
    assert sorted((p.agency, p.id, p.version) for p in catalog.procedures) == [
        ("cong-an-xa-muong-xen", "dang-ky-tam-tru", "2025-11-20"),
        ("cong-an-xa-muong-xen", "gia-han-tam-tru", "2025-11-20"),
        ("cong-an-xa-muong-xen", "khai-bao-tam-vang", "2025-11-20"),
        ("ldtbxh-nghe-an", "cap-doi-the-thuong-binh-benh-binh-liet-si", "2013"),
        ("ldtbxh-nghe-an", "cap-doi-the-thuong-binh-benh-binh-liet-si", "2022"),
        ("ldtbxh-nghe-an", "dang-ky-bo-sung-hoat-dong-day-nghe", "2013"),
        ("ldtbxh-nghe-an", "dang-ky-hoat-dong-day-nghe", "2013"),
        ("ldtbxh-nghe-an", "dang-ky-hoat-dong-day-nghe", "2015"),
        ("ldtbxh-nghe-an", "dang-ky-noi-quy-lao-dong", "2013"),
        ("ldtbxh-nghe-an", "dang-ky-noi-quy-lao-dong", "2021"),
        ("ldtbxh-nghe-an", "dang-ky-thoa-uoc-lao-dong-tap-the", "2013"),
        ("ldtbxh-nghe-an", "di-chuyen-ho-so-nguoi-co-cong", "2013"),
        ("ldtbxh-nghe-an", "tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi", "2013"),
        ("ldtbxh-nghe-an", "tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi", "2021"),
        ("ldtbxh-phu-yen", "tiep-nhan-doi-tuong-vao-trung-tam-nuoi-duong", "2013"),
        ("ubnd-xa-muong-xen", "cap-giay-xac-nhan-tinh-trang-hon-nhan", "2026-01-16"),
        ("ubnd-xa-muong-xen", "dang-ky-ket-hon", "2026-01-16"),
        ("ubnd-xa-muong-xen", "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai-tai-khu-vuc-bien-gioi", "2026-01-16"),
        ("ubnd-xa-muong-xen", "dang-ky-khai-tu", "2026-01-16"),
    ]  # fmt: skip
    ilr = catalog.versions("ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong")
    assert [p.version for p in ilr] == ["2013", "2021"]
    import datetime as dt

    assert catalog.procedure("dang-ky-noi-quy-lao-dong", on=dt.date(2015, 1, 1)).version == "2013"
    assert catalog.procedure("dang-ky-noi-quy-lao-dong", on=dt.date(2022, 1, 1)).version == "2021"
    # The other chains turn over on the day the new rule took effect.
    card = "ldtbxh-nghe-an/cap-doi-the-thuong-binh-benh-binh-liet-si"
    assert sorted(p.version for p in catalog.versions(card)) == ["2013", "2022"]
    assert catalog.procedure(card, on=dt.date(2022, 2, 14)).version == "2013"
    assert catalog.procedure(card, on=dt.date(2022, 2, 15)).version == "2022"
    admission = "ldtbxh-nghe-an/tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi"
    assert sorted(p.version for p in catalog.versions(admission)) == ["2013", "2021"]
    assert catalog.procedure(admission, on=dt.date(2013, 9, 10)).version == "2013"
    assert catalog.procedure(admission, on=dt.date(2021, 7, 1)).version == "2021"
    assert catalog.procedure(admission, on=dt.date(2025, 2, 28)).version == "2021"
    training = "ldtbxh-nghe-an/dang-ky-hoat-dong-day-nghe"
    assert sorted(p.version for p in catalog.versions(training)) == ["2013", "2015"]
    assert catalog.procedure(training, on=dt.date(2015, 6, 30)).version == "2013"
    assert catalog.procedure(training, on=dt.date(2015, 7, 1)).version == "2015"
    for p in catalog.procedures:
        assert any(e.outcome in (EndOutcome.GRANTED, EndOutcome.DEEMED_GRANTED, EndOutcome.TRANSFERRED)
                   for e in p.ends), p.id
        assert p.title.has("vi") and p.title.has("en")


def test_nfd_input_loads_as_nfc(shipped_catalog: Path, tmp_path: Path) -> None:
    src = (shipped_catalog / "ldtbxh-nghe-an" / "agency.yaml").read_text(encoding="utf-8")
    (tmp_path / "agency.yaml").write_text(unicodedata.normalize("NFD", src), encoding="utf-8")
    catalog = motcua.load_catalog(tmp_path)
    title = catalog.agency("ldtbxh-nghe-an").title.get("vi")
    assert unicodedata.is_normalized("NFC", title) and title == "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An"


def test_load_catalog_raises_spec_error_with_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("motcua: 1\nkind: procedure\n", encoding="utf-8")
    with pytest.raises(motcua.SpecError) as info:
        motcua.load_catalog(tmp_path)
    assert {d.code for d in info.value.diagnostics} == {"SCH002"}
    assert os.path.basename(info.value.diagnostics[0].file) == "x.yaml"


EVERY_KEY = Path(__file__).parent / "fixtures" / "every-key"


def test_models_pickle_whole_and_equal(shipped_catalog: Path) -> None:
    """Worker processes hand whole catalogues to the parent by pickle (their own output, never
    a file): every model class comes back equal, with every field, through its own state
    functions."""
    import dataclasses
    import pickle

    import motcua
    from motcua.engine.spec import model

    catalogs = [motcua.load_catalog(shipped_catalog), motcua.load_catalog(EVERY_KEY)]
    for catalog in catalogs:
        again = pickle.loads(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == catalog
        assert [p.pos for p in again.procedures] == [p.pos for p in catalog.procedures]  # compare=False fields too
    classes = [c for c in vars(model).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ in model._MODULES]
    assert sorted(c.__name__ for c in classes) == [
        "Agency", "ApplicantType", "Body", "Calendar", "Catalog", "ChannelOption", "ClockStop", "Consult", "DayOff",
        "Duration", "End", "Extension", "Fee", "Field", "Form", "LegalBasis", "Outcome", "Pos", "Procedure", "Record",
        "RecordGroup", "Result", "Source", "Step", "Text", "Timeout", "Unit", "Variant",
    ]  # fmt: skip
    # The catalogue of every key holds at least one of each class.
    samples = {type(x): x for catalog in catalogs for x in reversed(_walk(catalog))}
    assert sorted(c.__name__ for c in samples) == sorted(c.__name__ for c in classes)
    for cls in classes:
        names = [f.name for f in dataclasses.fields(cls)]
        assert cls.__getstate__ is not object.__getstate__
        assert cls.__getstate__.__qualname__.startswith("_state_functions"), cls
        sample = samples[cls]
        state = cls.__getstate__(sample)
        assert list(state) == [getattr(sample, n) for n in names]
        copy = pickle.loads(pickle.dumps(sample, protocol=pickle.HIGHEST_PROTOCOL))
        assert [getattr(copy, n) for n in names] == [getattr(sample, n) for n in names]


def _walk(value: object) -> "list[object]":
    import dataclasses

    out: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            out.append(item)
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
    return out


def test_validate_checks_one_file_in_its_catalogue(shipped_catalog: Path) -> None:
    """``motcua.validate`` of one procedure file reads it against its agency and earlier version,
    as the command does: a valid file has no finding (no unknown agency, no missing version)."""
    one = shipped_catalog / "ldtbxh-nghe-an" / "lao-dong" / "dang-ky-noi-quy-lao-dong-2021.yaml"
    assert motcua.validate(one) == []
