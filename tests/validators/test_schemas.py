"""The JSON Schemas of spec language v1: well-formed, documented in both languages, true to the
spec model, and mirrored exactly by docs/spec-reference.md."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterator

import jsonschema
import jsonschema_rs
import pytest
import yaml

from motcua.engine.spec import model
from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators import reference
from motcua.validators.schema import check_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "validators" / "schemas"
DOCS = ROOT / "docs" / "spec-reference.md"
NAMES = ("agency", "procedure")

Node = dict[str, Any]


def load(name: str) -> Node:
    schema: Node = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    return schema


SCHEMAS = {name: load(name) for name in NAMES}


# --- walking ---------------------------------------------------------------------------------------


def described(node: Node, path: str) -> Iterator[tuple[str, Node]]:
    """Every schema node below ``node`` that an author can hover over: properties, list items, map
    values and the object forms inside ``anyOf``. Paths read like ``steps[].outcomes.*``."""
    for name, sub in node.get("properties", {}).items():
        yield from with_children(sub, f"{path}.{name}" if path else name)
    items = node.get("items")
    if isinstance(items, dict):
        yield from with_children(items, f"{path}[]")
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        yield from with_children(extra, f"{path}.*")
    for branch in node.get("anyOf", ()):
        if branch.get("type") == "object":
            yield from with_children(branch, path)
        else:
            yield from described(branch, path)


def with_children(node: Node, path: str) -> Iterator[tuple[str, Node]]:
    yield path, node
    yield from described(node, path)


def all_described() -> Iterator[tuple[str, Node]]:
    for name, schema in SCHEMAS.items():
        yield f"{name}:<root>", schema
        for path, node in described(schema, ""):
            yield f"{name}:{path}", node
        for def_name, node in schema["definitions"].items():
            for path, sub in with_children(node, f"#/definitions/{def_name}"):
                yield f"{name}:{path}", sub


def every_node(node: object) -> Iterator[Node]:
    """Every schema object anywhere in a schema (but not inside snippet bodies or examples)."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("defaultSnippets", "examples", "default", "enum", "const"):
                continue
            if key == "properties" or key == "definitions":
                for sub in value.values():
                    yield from every_node(sub)
            else:
                yield from every_node(value)
    elif isinstance(node, list):
        for item in node:
            yield from every_node(item)


def objects(schema: Node) -> dict[str, Node]:
    """Schema path -> every object schema that lists its keys (``properties``), those of the
    shared definitions under ``#/definitions/<name>``."""
    found = {"": schema}
    for path, node in described(schema, ""):
        if "properties" in node:
            found[path] = node
    for name, definition in schema["definitions"].items():
        for path, node in with_children(definition, f"#/definitions/{name}"):
            if "properties" in node:
                found[path] = node
    return found


def resolve(schema: Node, node: Node) -> tuple[Node, str | None]:
    """``node``, or the definition its ``$ref`` names, with that definition's name."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return schema["definitions"][name], name
    return node, None


def used_keys(schema: Node, node: Node, value: object, where: str, seen: dict[str, set[str]]) -> None:
    """Walk ``value`` along ``node``: which keys of which object schema (path as ``objects``
    names them) the value writes. A ``$ref`` moves to ``#/definitions/<name>``; of the
    branches of an ``anyOf``, the first the value is valid under is walked."""
    node, name = resolve(schema, node)
    if name is not None:
        where = f"#/definitions/{name}"
    for branch in node.get("anyOf", ()):
        if jsonschema.Draft7Validator({**branch, "definitions": schema["definitions"]}).is_valid(value):
            used_keys(schema, branch, value, where, seen)
            break
    if isinstance(value, dict) and "properties" in node:
        seen.setdefault(where, set()).update(value)
        for key, sub in value.items():
            if key in node["properties"]:
                used_keys(schema, node["properties"][key], sub, f"{where}.{key}" if where else key, seen)
    if isinstance(value, dict) and isinstance(node.get("additionalProperties"), dict):
        for sub in value.values():
            used_keys(schema, node["additionalProperties"], sub, f"{where}.*", seen)
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        for sub in value:
            used_keys(schema, node["items"], sub, f"{where}[]", seen)


def unique_ids(pairs: list[tuple[str, Node]]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for key, _ in pairs:
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return ids


DESCRIBED = list(all_described())
DESCRIBED_IDS = unique_ids(DESCRIBED)


# --- language checks -------------------------------------------------------------------------------

VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
CODE_SPAN = re.compile(r"`[^`]*`")
WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return WORD.findall(CODE_SPAN.sub(" ", text).lower())


def looks_vietnamese(text: str) -> bool:
    ws = words(text)
    marked = [w for w in ws if VI_LETTERS & set(w)]
    return bool(ws) and len(marked) >= max(1, len(ws) // 5)


def looks_english(text: str) -> bool:
    ws = words(text)
    marked = [w for w in ws if VI_LETTERS & set(w)]
    # English prose may cite Vietnamese documents ("Decree 63/2010/NĐ-CP"), but only in passing.
    return len(ws) >= 2 and len(marked) <= max(2, len(ws) // 6)


def assert_bilingual_title(title: object) -> None:
    assert isinstance(title, str)
    parts = title.split(" / ")
    assert len(parts) == 2, f"title {title!r} is not 'Vietnamese / English'"
    vi, en = parts
    assert VI_LETTERS & set(vi.lower()), f"{vi!r} has no Vietnamese letter"
    assert en.isascii() and en.strip(), f"{en!r} is not plain English"


def assert_bilingual_paragraphs(text: object) -> None:
    """``<Vietnamese>\\n\\n<English>``; examples in code spans may be in either language."""
    assert isinstance(text, str)
    parts = text.split("\n\n")
    assert len(parts) == 2, f"{text!r} is not '<Vietnamese>\\n\\n<English>'"
    vi, en = parts
    assert looks_vietnamese(vi), f"not Vietnamese: {vi!r}"
    assert looks_english(en), f"not English: {en!r}"


def test_language_checks_tell_the_languages_apart() -> None:
    assert looks_vietnamese("Mã của bước, duy nhất trong tệp.")
    assert not looks_vietnamese("The step's id, unique in the file.")
    assert looks_english("The step's id, unique in the file (Decree 63/2010/NĐ-CP).")
    assert not looks_english("Mã của bước, duy nhất trong tệp.")
    assert not looks_english("Tên thủ tục theo Nghị định 63/2010/NĐ-CP, ví dụ `Issuing certificates`.")
    with pytest.raises(AssertionError):
        assert_bilingual_paragraphs("The step's id.\n\nThe step's id.")
    with pytest.raises(AssertionError):
        assert_bilingual_title("Step ID")


# --- the schemas are valid schemas -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_07(name: str) -> None:
    schema = SCHEMAS[name]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$id" not in schema
    jsonschema.Draft7Validator.check_schema(schema)
    assert isinstance(jsonschema_rs.validator_for(schema), jsonschema_rs.Draft7Validator)


@pytest.mark.parametrize("name", NAMES)
def test_schema_file_is_nfc_and_loads_the_same_through_the_package(name: str) -> None:
    text = (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert reference.load_schema(name) == SCHEMAS[name]


SHARED = {"slug", "lang", "text", "duration", "date", "code"}


def test_both_schemas_share_the_same_definitions() -> None:
    # The procedure schema has more of its own (the dossier, fees, channels, bodies).
    assert set(SCHEMAS["agency"]["definitions"]) == SHARED
    for name in SHARED:
        assert SCHEMAS["agency"]["definitions"][name] == SCHEMAS["procedure"]["definitions"][name], name


@pytest.mark.parametrize("name", NAMES)
def test_every_object_with_keys_refuses_other_keys(name: str) -> None:
    for path, node in objects(SCHEMAS[name]).items():
        assert node.get("additionalProperties") is False, f"{name}:{path or '<root>'}"


@pytest.mark.parametrize("name", NAMES)
def test_ref_siblings_are_annotations_only(name: str) -> None:
    # Draft-07 ignores every keyword beside $ref, and yaml-language-server strips all but these.
    allowed = {"$ref", "title", "description", "markdownDescription", "default", "examples"}
    for node in every_node(SCHEMAS[name]):
        if "$ref" in node:
            assert set(node) <= allowed, node


# --- documentation on every node -------------------------------------------------------------------


@pytest.mark.parametrize(("where", "node"), DESCRIBED, ids=DESCRIBED_IDS)
def test_node_has_bilingual_title_and_description(where: str, node: Node) -> None:
    assert_bilingual_title(node.get("title"))
    # The plain description is the Markdown one without code marks (tested below), so the
    # languages are judged on the Markdown, where examples sit apart in code spans.
    assert isinstance(node.get("description"), str)
    assert_bilingual_paragraphs(node.get("markdownDescription"))


@pytest.mark.parametrize(("where", "node"), DESCRIBED, ids=DESCRIBED_IDS)
def test_description_is_the_markdown_without_code_marks(where: str, node: Node) -> None:
    md = node["markdownDescription"]
    assert node["description"] == md.replace("`", "")
    # Outside code spans, '<' would start an HTML tag and '*' or '_' emphasis in the hover.
    prose = CODE_SPAN.sub("", md)
    assert not set(prose) & set("<*_|`"), md


@pytest.mark.parametrize(("where", "node"), DESCRIBED, ids=DESCRIBED_IDS)
def test_example_in_every_description(where: str, node: Node) -> None:
    vi, en = node["description"].split("\n\n")
    assert "ví dụ" in vi.lower(), vi
    assert "e.g." in en.lower(), en


def test_patterns_carry_a_bilingual_message() -> None:
    for name, schema in SCHEMAS.items():
        for node in every_node(schema):
            if "pattern" in node:
                assert isinstance(node.get("patternErrorMessage"), str), f"{name}: {node['pattern']}"


def test_error_messages_are_bilingual() -> None:
    messages = [
        node[key]
        for schema in SCHEMAS.values()
        for node in every_node(schema)
        for key in ("patternErrorMessage", "errorMessage")
        if key in node
    ]
    assert len(messages) >= 50
    for message in messages:
        vi, en = message.split(" / ")
        assert VI_LETTERS & set(vi.lower()) and looks_english(en), message


def _wants_message(node: Node) -> bool:
    """Enums, consts, counts and lists: the nodes whose own message the editor shows."""
    return (any(k in node for k in ("enum", "const", "minimum", "maximum"))
            or node.get("type") == "array")


@pytest.mark.parametrize("name", NAMES)
def test_choices_counts_and_lists_carry_a_bilingual_message(name: str) -> None:
    wanting = [node for node in every_node(SCHEMAS[name]) if _wants_message(node)]
    assert len(wanting) >= (8 if name == "agency" else 30)
    for node in wanting:
        assert isinstance(node.get("errorMessage"), str), node.get("title")


@pytest.mark.parametrize("name", NAMES)
def test_objects_keep_the_message_of_the_missing_key(name: str) -> None:
    # On an object, errorMessage would replace "Missing property 'title'" in the editor.
    for node in every_node(SCHEMAS[name]):
        if node.get("type") == "object" or "properties" in node:
            assert "errorMessage" not in node, node.get("title")


def test_enums_describe_each_value_in_both_languages() -> None:
    enums = [node for schema in SCHEMAS.values() for node in every_node(schema) if "enum" in node]
    assert len(enums) == 6  # role, level, applicant kind, channel, end outcome, fee kind
    for node in enums:
        texts = node["markdownEnumDescriptions"]
        assert len(texts) == len(node["enum"])
        for text in texts:
            # One line: editors show each value's text as one list item.
            vi, en = text.split(" / ")
            assert looks_vietnamese(vi) and looks_english(en), text


# --- editor snippets -------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\$\{\d+:([^}]*)\}")


def fill(body: Any) -> Any:
    """A snippet body as the author gets it after accepting every placeholder's default."""
    if isinstance(body, str):
        return PLACEHOLDER.sub(r"\1", body)
    if isinstance(body, dict):
        return {fill(k): fill(v) for k, v in body.items()}
    if isinstance(body, list):
        return [fill(v) for v in body]
    return body


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("agency", "units"),
        ("agency", "fields"),
        ("procedure", "records"),
        ("procedure", "results"),
        ("procedure", "steps"),
        ("procedure", "ends"),
        ("procedure", "fees"),
        ("procedure", "variants"),
        ("procedure", "extensions"),
        ("procedure", "clock_stops"),
    ],
)
def test_list_items_offer_snippets(name: str, path: str) -> None:
    schema = SCHEMAS[name]
    items, _ = resolve(schema, schema["properties"][path]["items"])
    snippets = items["defaultSnippets"]
    assert snippets
    for snippet in snippets:
        assert_bilingual_title(snippet["label"])
        assert "${1:" in json.dumps(snippet["body"], ensure_ascii=False)


def test_every_snippet_fills_in_to_a_valid_value() -> None:
    count = 0
    for schema in SCHEMAS.values():
        for node in every_node(schema):
            for snippet in node.get("defaultSnippets", ()):
                standalone = {**node, "definitions": schema["definitions"]}
                errors = list(jsonschema.Draft7Validator(standalone).iter_errors(fill(snippet["body"])))
                assert not errors, (snippet["label"], [e.message for e in errors])
                count += 1
    assert count == 18


# --- documents that must validate ------------------------------------------------------------------

MINIMAL_AGENCY: Node = {
    "motcua": 1,
    "kind": "agency",
    "id": "ubnd-xa-nghi-phu",
    "title": "Ủy ban nhân dân xã Nghi Phú",
    "languages": ["vi"],
    "units": [{"id": "mot-cua", "title": "Bộ phận một cửa", "role": "one-stop"}],
}

FULL_AGENCY: Node = {
    "motcua": 1,
    "kind": "agency",
    "id": "ldtbxh-nghe-an",
    "title": {
        "vi": "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An",
        "en": "Nghe An Department of Labour, Invalids and Social Affairs",
    },
    "languages": ["vi", "en"],
    "units": [
        {"id": "mot-cua", "title": {"vi": "Bộ phận Tiếp nhận và Trả kết quả"}, "role": "one-stop"},
        {"id": "phong-nguoi-co-cong", "title": {"vi": "Phòng Người có công"}, "role": "division"},
        {"id": "giam-doc", "title": {"vi": "Giám đốc Sở"}, "role": "leadership"},
        {"id": "ubnd-xa", "title": {"vi": "Ủy ban nhân dân xã"}, "role": "external"},
    ],
    "calendar": {
        "holidays": "VN",
        "office_hours": ["07:00-11:30", "13:30-17:00"],
        "days_off": ["2013-02-15", {"date": "2012-12-31", "note": "Công văn 9570/VPCP-KGVX"}, {"date": "2013-04-29"}],
        "working_days": ["2013-01-05"],
    },
    "code": "LDTBXH-NA",
    "address": {"vi": "Số 5, đường Quang Trung, thành phố Vinh"},
    "phone": "0912345678",
    "fields": [
        {"id": "nguoi-co-cong", "title": {"vi": "Người có công", "en": "People with meritorious services"},
         "code": "G15-LĐ03"},
    ],
}

MINIMAL_PROCEDURE: Node = {
    "motcua": 1,
    "kind": "procedure",
    "id": "xac-nhan-don",
    "agency": "ubnd-xa-nghi-phu",
    "title": "Xác nhận đơn",
    "version": "1",
    "time_limit": "1 ngày làm việc",
    "records": [],
    "results": [],
    "steps": [{"id": "xac-nhan", "unit": "mot-cua", "time": "1 buổi", "next": "xong"}],
    "ends": [{"id": "xong", "outcome": "granted"}],
}

FULL_PROCEDURE: Node = {
    "motcua": 1,
    "kind": "procedure",
    "id": "cap-giay-chung-nhan-thuong-binh",
    "agency": "ldtbxh-nghe-an",
    "code": "1.001234",
    "title": {"vi": "Cấp giấy chứng nhận thương binh", "en": "Issuing war invalid certificates"},
    "field": "nguoi-co-cong",
    "level": ["province", "commune"],
    "version": "2013",
    "valid_from": "2013-07-01",
    "valid_to": None,
    "supersedes": None,
    "legal_basis": [{"id": "nd-31-2013", "title": "Nghị định 31/2013/NĐ-CP", "url": "https://vbpl.vn/",
                     "code": "31/2013/NĐ-CP"}],
    "applicants": ["individual", {"code": "ĐT1", "title": {"vi": "Công dân Việt Nam", "en": "Vietnamese citizens"}}],
    "authority": [{"title": "Ủy ban nhân dân tỉnh Nghệ An", "code": "000-00-00-H40"}],
    "executing": [{"title": {"vi": "Sở Lao động - Thương binh và Xã hội"}, "agency": "ldtbxh-nghe-an",
                   "unit": "phong-nguoi-co-cong"}],
    "coordinating": ["Ủy ban nhân dân cấp xã"],
    "delegated": [{"title": "Phòng Lao động - Thương binh và Xã hội cấp huyện"}],
    "where": ["Số 5, đường Quang Trung, thành phố Vinh", {"vi": "Bưu điện tỉnh", "en": "Provincial post office"}],
    "channels": [
        "in-person",
        "post",
        {
            "channel": "online",
            "time_limit": "25 working days",
            "committed_time": "15 working days",
            "fees": [{"title": "Lệ phí nộp trực tuyến", "amount": 0}],
            "note": {"vi": "Nộp qua Cổng Dịch vụ công quốc gia", "en": "Through the National Public Service Portal"},
        },
    ],
    "fees": [
        {"title": "Lệ phí", "amount": 0, "currency": "VND", "kind": "fee"},
        {"title": "Phí sao lục", "amount": 2500.5},
        {"text": {"vi": "Theo nghị quyết của Hội đồng nhân dân tỉnh"}, "kind": "charge", "channel": "post",
         "applies_to": "Bản sao gửi qua bưu điện"},
    ],
    "time_note": "Không tính thời gian niêm yết công khai.",
    "extensions": [{"id": "xa-kho-khan", "when": "Ở xã đặc biệt khó khăn", "add": "10 working days"}],
    "clock_stops": [{"id": "niem-yet", "title": {"vi": "Niêm yết công khai", "en": "Public posting"}}],
    "variants": [
        {
            "id": "cap-lai",
            "code": "1.001234.01",
            "title": {"vi": "Cấp lại khi bị mất", "en": "Reissue after a loss"},
            "when": "Khi giấy chứng nhận bị mất",
            "time_limit": "10 working days",
            "committed_time": "7 working days",
            "time_note": "Tính từ ngày nhận đủ hồ sơ",
            "channels": ["in-person", {"channel": "online", "time_limit": "8 working days"}],
            "records": ["don-de-nghi", "thong-bao-mat", "giay-to-tuy-than"],
            "fees": [{"title": "Lệ phí cấp lại", "amount": 10000}],
            "results": ["giay-chung-nhan"],
        },
    ],
    "dossier_sets": 2,
    "source": {
        "system": "dvcqg",
        "code": "1.001234",
        "id": "7745",
        "decision": "Quyết định 1234/QĐ-UBND",
        "decided_on": "2013-06-20",
        "digest": "sha256:0f1e2d3c",
    },
    "time_limit": "30 working days",
    "committed_time": "20 working days",
    "description": {"vi": "Cấp giấy chứng nhận cho thương binh.", "en": "Issues the certificate."},
    "conditions": ["Có giấy xác nhận bị thương", {"vi": "Đã giám định", "en": "Assessed"}],
    "records": [
        {"id": "don-de-nghi", "title": {"vi": "Đơn đề nghị"}, "originals": 1, "copies": 0, "form": "Mẫu TB1"},
        {"id": "thong-bao-mat", "title": "Thông báo mất", "when": {"vi": "Khi bị mất giấy chứng nhận"},
         "code": "GT-02", "eform": True, "note": "Có xác nhận của công an xã",
         "form": {"code": "Mẫu 02", "title": "Thông báo mất giấy", "file": "https://dichvucong.gov.vn/mau-02.docx"}},
        {
            "id": "giay-to-tuy-than",
            "title": {"vi": "Giấy tờ tùy thân", "en": "Identity papers"},
            "when": "Khi nộp trực tiếp",
            "note": "Chỉ xuất trình, không nộp",
            "one_of": [
                {"id": "can-cuoc", "title": "Thẻ căn cước", "present_only": True},
                {"id": "ho-so-giam-dinh", "title": "Hồ sơ giám định", "all_of": [
                    {"id": "bien-ban-giam-dinh", "title": "Biên bản giám định", "copies": 1},
                ]},
            ],
        },
    ],
    "results": [
        {"id": "giay-chung-nhan", "title": "Giấy chứng nhận", "code": "KQ.G15.000034"},
        {"id": "van-ban-tu-choi", "title": "Văn bản từ chối"},
    ],
    "steps": [
        {
            "id": "tiep-nhan",
            "title": {"vi": "Tiếp nhận và kiểm tra hồ sơ", "en": "Receive and check the dossier"},
            "unit": "mot-cua",
            "time": "1 session",
            "checks": ["don-de-nghi", "thong-bao-mat", "giay-to-tuy-than"],
            "description": {"vi": "Kiểm tra thành phần hồ sơ.", "en": "Check the dossier."},
            "skeleton": False,
            "next": "tham-dinh",
        },
        {
            "id": "tham-dinh",
            "unit": "phong-nguoi-co-cong",
            "time": "15 working days",
            "consult": [{"unit": "ubnd-xa", "time": "5 ngày làm việc"}],
            "outcomes": {
                "approve": "trinh-ky",
                "reject": {"to": "tu-choi", "title": {"vi": "Không đủ điều kiện", "en": "Not eligible"}},
                "hold": {"to": "cho-y-kien"},
            },
        },
        {"id": "trinh-ky", "unit": "giam-doc", "time": "3 working days", "next": "tra-ket-qua"},
        {"id": "tra-ket-qua", "unit": "mot-cua", "time": "0.5 ngày làm việc", "next": "da-cap"},
        {
            "id": "cho-y-kien",
            "unit": "phong-nguoi-co-cong",
            "time": "7 ngày",
            "timeout": {"after": "7 days", "to": "co-hieu-luc"},
            "outcomes": {"object": "tu-choi"},
        },
    ],
    "ends": [
        {"id": "da-cap", "title": "Đã cấp", "outcome": "granted", "result": "giay-chung-nhan"},
        {"id": "tu-choi", "outcome": "refused", "result": "van-ban-tu-choi"},
        {"id": "co-hieu-luc", "outcome": "deemed-granted", "results": ["giay-chung-nhan"]},
        {"id": "rut", "outcome": "withdrawn"},
        {"id": "chuyen", "outcome": "transferred"},
    ],
}

VALID = {
    "minimal-agency": ("agency", MINIMAL_AGENCY),
    "full-agency": ("agency", FULL_AGENCY),
    "minimal-procedure": ("procedure", MINIMAL_PROCEDURE),
    "full-procedure": ("procedure", FULL_PROCEDURE),
}


def py_errors(name: str, doc: object) -> list[jsonschema.ValidationError]:
    return list(jsonschema.Draft7Validator(SCHEMAS[name]).iter_errors(doc))


def rs_errors(name: str, doc: object) -> list[jsonschema_rs.ValidationError]:
    return list(jsonschema_rs.validator_for(SCHEMAS[name]).iter_errors(doc))


@pytest.mark.parametrize(("name", "doc"), list(VALID.values()), ids=list(VALID))
def test_valid_document_passes_both_validators(name: str, doc: Node) -> None:
    assert [e.message for e in py_errors(name, doc)] == []
    assert [e.message for e in rs_errors(name, doc)] == []


def test_full_examples_use_every_key() -> None:
    # So that test_valid_document_passes_both_validators really exercises each key of the schemas:
    # every key of every object schema, those of the shared definitions (a fee, a record, a
    # group, a channel, a body) wherever the example writes them.
    for name, doc in (("agency", FULL_AGENCY), ("procedure", FULL_PROCEDURE)):
        schema = SCHEMAS[name]
        seen: dict[str, set[str]] = {}
        used_keys(schema, schema, doc, "", seen)
        missing = {f"{path}.{key}" if path else key for path, node in objects(schema).items()
                   for key in node["properties"] if key not in seen.get(path, set())}
        assert not missing, (name, sorted(missing))


# --- documents that must fail ----------------------------------------------------------------------

Change = Callable[[Node], None]


def setter(*path: str | int, value: object) -> Change:
    def change(doc: Node) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def deleter(*path: str | int) -> Change:
    def change(doc: Node) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


Case = tuple[Change, tuple[str | int, ...], str]

# Each case: a change to the full example, where the one error must be, and the keyword that fails.
INVALID_AGENCY: dict[str, Case] = {
    "unknown-key": (setter("adress", value="Vinh"), (), "additionalProperties"),
    "motcua-2": (setter("motcua", value=2), ("motcua",), "const"),
    "kind-procedure": (setter("kind", value="procedure"), ("kind",), "const"),
    "missing-units": (deleter("units"), (), "required"),
    "no-languages": (setter("languages", value=[]), ("languages",), "minItems"),
    "language-twice": (setter("languages", value=["vi", "vi"]), ("languages",), "uniqueItems"),
    "bad-unit-slug": (setter("units", 0, "id", value="Mot_Cua"), ("units", 0, "id"), "pattern"),
    "bad-role": (setter("units", 1, "role", value="boss"), ("units", 1, "role"), "enum"),
    "unit-unknown-key": (setter("units", 1, "head", value="x"), ("units", 1), "additionalProperties"),
    "empty-title": (setter("title", value=""), ("title",), "anyOf"),
    "title-upper-lang": (setter("title", value={"VI": "Sở"}), ("title",), "anyOf"),
    "title-empty-map": (setter("title", value={}), ("title",), "anyOf"),
    "office-hours-one-digit": (
        setter("calendar", "office_hours", 0, value="7:00-11:30"), ("calendar", "office_hours", 0), "pattern"),
    "holidays-lower": (setter("calendar", "holidays", value="vn"), ("calendar", "holidays"), "pattern"),
    "day-off-unknown-key": (
        setter("calendar", "days_off", 1, "reason", value="x"), ("calendar", "days_off", 1), "anyOf"),
    "working-day-format": (
        setter("calendar", "working_days", 0, value="05/01/2013"), ("calendar", "working_days", 0), "pattern"),
    "phone-list": (setter("phone", value=[912345678]), ("phone",), "type"),
    "office-hours-backwards": (
        setter("calendar", "office_hours", 0, value="11:30-07:00"), ("calendar", "office_hours", 0), "pattern"),
}

INVALID_PROCEDURE: dict[str, Case] = {
    "unknown-key": (setter("time", value="1 ngày"), (), "additionalProperties"),
    "motcua-2": (setter("motcua", value=2), ("motcua",), "const"),
    # time_limit is optional (variants or channels may carry it); the dossier is not.
    "missing-records": (deleter("records"), (), "required"),
    "bad-duration": (setter("time_limit", value="15 tuần"), ("time_limit",), "pattern"),
    "duration-without-number": (setter("committed_time", value="ngày làm việc"), ("committed_time",), "pattern"),
    "duration-comma": (setter("steps", 3, "time", value="0,5 ngày làm việc"), ("steps", 3, "time"), "pattern"),
    "duration-number": (setter("time_limit", value=30), ("time_limit",), "type"),
    "bad-slug": (setter("id", value="Cap Giay"), ("id",), "pattern"),
    "bad-step-slug": (setter("steps", 0, "id", value="tiep_nhan"), ("steps", 0, "id"), "pattern"),
    "step-unknown-key": (setter("steps", 0, "nxt", value="x"), ("steps", 0), "additionalProperties"),
    "step-without-unit": (deleter("steps", 2, "unit"), ("steps", 2), "required"),
    "no-steps": (setter("steps", value=[]), ("steps",), "minItems"),
    "no-ends": (setter("ends", value=[]), ("ends",), "minItems"),
    # A level is one level or a list of them; a channel a name or a map: anyOf fails as a whole.
    "bad-level": (setter("level", value="national"), ("level",), "anyOf"),
    "bad-level-in-list": (setter("level", 1, value="xa"), ("level",), "anyOf"),
    "bad-channel": (setter("channels", 1, value="fax"), ("channels", 1), "anyOf"),
    "bad-channel-map": (setter("channels", 2, "channel", value="fax"), ("channels", 2), "anyOf"),
    "bad-end-outcome": (setter("ends", 0, "outcome", value="approved"), ("ends", 0, "outcome"), "enum"),
    # jsonschema reports a bad key under propertyNames by the keyword that failed inside it.
    "outcome-name": (setter("steps", 1, "outcomes", "Approve", value="trinh-ky"), ("steps", 1, "outcomes"), "pattern"),
    "outcome-without-to": (
        setter("steps", 1, "outcomes", "hold", value={"title": "Chờ"}), ("steps", 1, "outcomes", "hold"), "anyOf"),
    "consult-without-time": (deleter("steps", 1, "consult", 0, "time"), ("steps", 1, "consult", 0), "required"),
    "timeout-bad-after": (
        setter("steps", 4, "timeout", "after", value="7"), ("steps", 4, "timeout", "after"), "pattern"),
    "negative-fee": (setter("fees", 0, "amount", value=-1), ("fees", 0, "amount"), "minimum"),
    # A dossier item is a record or a group of records.
    "fractional-copies": (setter("records", 0, "copies", value=1.5), ("records", 0), "anyOf"),
    "nested-record-unknown-key": (
        setter("records", 2, "one_of", 1, "all_of", 0, "origin", value=1), ("records", 2), "anyOf"),
    "group-one-of-and-all-of": (setter("records", 2, "all_of", value=[{"id": "x", "title": "X"}]), ("records", 2),
                                "anyOf"),
    "fee-without-amount-or-text": (setter("fees", 1, value={"title": "Phí", "kind": "charge"}), ("fees", 1), "anyOf"),
    "end-result-and-results": (setter("ends", 0, "results", value=["giay-chung-nhan"]), ("ends", 0), "not"),
    "variant-without-title": (deleter("variants", 0, "title"), ("variants", 0), "required"),
    "extension-bad-add": (setter("extensions", 0, "add", value="10"), ("extensions", 0, "add"), "pattern"),
    "code-as-list": (setter("code", value=[1.001234]), ("code",), "type"),
    "valid-from-impossible": (setter("valid_from", value="2024-02-30"), ("valid_from",), "anyOf"),
    "valid-from-format": (setter("valid_from", value="01/07/2013"), ("valid_from",), "anyOf"),
    "applicant-twice": (setter("applicants", value=["individual", "individual"]), ("applicants",), "uniqueItems"),
}

INVALID = {f"agency-{k}": ("agency", *case) for k, case in INVALID_AGENCY.items()} | {
    f"procedure-{k}": ("procedure", *case) for k, case in INVALID_PROCEDURE.items()
}


@pytest.mark.parametrize(("name", "change", "where", "keyword"), list(INVALID.values()), ids=list(INVALID))
def test_invalid_document_fails_at_the_broken_key(
    name: str, change: Change, where: tuple[str | int, ...], keyword: str
) -> None:
    doc = copy.deepcopy(FULL_AGENCY if name == "agency" else FULL_PROCEDURE)
    change(doc)
    assert [(tuple(e.absolute_path), e.validator) for e in py_errors(name, doc)] == [(where, keyword)]
    assert [tuple(e.instance_path) for e in rs_errors(name, doc)] == [where]


#: Where a value fails as a whole (``anyOf``: a text, a level or a list of levels, a channel or a
#: channel map, a record or a group; ``not``), the one diagnostic ``check_schema`` gives: in the
#: branch the value was meant for, at the key that is wrong, or naming the keys in words.
MEANT: dict[str, tuple[str, str, str]] = {
    "agency-empty-title": ("SCH006", "/title", "title: '' should be non-empty"),
    "agency-title-upper-lang": ("SCH005", "/title/VI", "'VI' in title is not an allowed language code"),
    "agency-title-empty-map": ("SCH006", "/title", "title: {} should be non-empty"),
    "agency-day-off-unknown-key": ("SCH001", "/calendar/days_off/1/reason", "unknown key 'reason' in calendar.days_off[2012-12-31]"),
    "procedure-bad-level": (
        "SCH004", "/level", "level is 'national'; expected one of: ministry, province, district, commune"),
    "procedure-bad-level-in-list": (
        "SCH004", "/level/1", "level[#2] is 'xa'; expected one of: ministry, province, district, commune"),
    "procedure-bad-channel": ("SCH004", "/channels/1", "channels[#2] is 'fax'; expected one of: in-person, post, online"),
    "procedure-bad-channel-map": (
        "SCH004", "/channels/2/channel", "channels[fax].channel is 'fax'; expected one of: in-person, post, online"),
    "procedure-outcome-without-to": ("SCH002", "/steps/1/outcomes/hold", "key 'to' is missing in steps[tham-dinh].outcomes.hold"),
    "procedure-fractional-copies": ("SCH003", "/records/0/copies", "records[don-de-nghi].copies is the number 1.5; expected integer"),
    "procedure-nested-record-unknown-key": (
        "SCH001", "/records/2/one_of/1/all_of/0/origin",
        "unknown key 'origin' in records[giay-to-tuy-than].one_of[ho-so-giam-dinh].all_of[bien-ban-giam-dinh]; did you mean 'originals'?"),
    "procedure-group-one-of-and-all-of": (
        "SCH005", "/records/2/all_of", "records[giay-to-tuy-than] has both 'one_of' and 'all_of'; write only one of them"),
    "procedure-fee-without-amount-or-text": (
        "SCH002", "/fees/1", "fees[#2] has neither 'amount' nor 'text'; write 'amount' or 'text'"),
    "procedure-end-result-and-results": (
        "SCH005", "/ends/0/results", "ends[da-cap] has both 'result' and 'results'; write only one of them"),
    "procedure-valid-from-format": ("SCH005", "/valid_from", "'01/07/2013' in valid_from does not have the expected form"),
    "procedure-valid-from-impossible": (
        "SCH005", "/valid_from", "'2024-02-30' in valid_from is not a date that exists"),
}


def test_every_whole_value_failure_has_its_diagnostic() -> None:
    assert set(MEANT) == {case for case, (_n, _c, _w, keyword) in INVALID.items() if keyword in ("anyOf", "not")}


@pytest.mark.parametrize("case", list(MEANT))
def test_whole_value_failure_points_into_the_branch_meant(case: str) -> None:
    name, change, _where, _keyword = INVALID[case]
    doc = copy.deepcopy(FULL_AGENCY if name == "agency" else FULL_PROCEDURE)
    change(doc)
    parsed = parse_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), file="doc.yaml")
    assert parsed.diagnostics == []
    assert [(d.code, d.path, d.message) for d in check_schema(parsed)] == [MEANT[case]]


@pytest.mark.parametrize(
    "text",
    ["15 working days", "1 working day", "4 working hours", "1 session", "2 sessions", "7 days", "1 day",
     "15 ngày làm việc", "0.5 ngày làm việc", "8 giờ làm việc", "1 buổi", "7 ngày", "1.25 days"],
)
def test_duration_forms_accepted(text: str) -> None:
    assert re.search(SCHEMAS["procedure"]["definitions"]["duration"]["pattern"], text)


@pytest.mark.parametrize(
    "text",
    ["15 tuần", "15", "15  working days", "15 Working Days", ".5 days", "5. days", "-1 days", "1,5 ngày",
     "15 working days ", "mười ngày", "15 weeks", "15 ngày làm việc."],
)
def test_duration_forms_refused(text: str) -> None:
    assert not re.search(SCHEMAS["procedure"]["definitions"]["duration"]["pattern"], text)


# --- parity with the spec model --------------------------------------------------------------------

#: Schema objects by path (as ``objects`` names them: shared definitions as
#: ``#/definitions/<name>``) and the model class each one becomes.
PARITY: dict[tuple[str, str], type] = {
    ("agency", ""): model.Agency,
    ("agency", "units[]"): model.Unit,
    ("agency", "calendar"): model.Calendar,
    ("agency", "calendar.days_off[]"): model.DayOff,
    ("agency", "fields[]"): model.Field,
    ("procedure", ""): model.Procedure,
    ("procedure", "legal_basis[]"): model.LegalBasis,
    ("procedure", "applicants[]"): model.ApplicantType,
    ("procedure", "extensions[]"): model.Extension,
    ("procedure", "clock_stops[]"): model.ClockStop,
    ("procedure", "variants[]"): model.Variant,
    ("procedure", "results[]"): model.Result,
    ("procedure", "steps[]"): model.Step,
    ("procedure", "steps[].outcomes.*"): model.Outcome,
    ("procedure", "steps[].consult[]"): model.Consult,
    ("procedure", "steps[].timeout"): model.Timeout,
    ("procedure", "ends[]"): model.End,
    ("procedure", "source"): model.Source,
    ("procedure", "#/definitions/channel"): model.ChannelOption,
    ("procedure", "#/definitions/fee"): model.Fee,
    ("procedure", "#/definitions/record"): model.Record,
    ("procedure", "#/definitions/record.form"): model.Form,
    ("procedure", "#/definitions/record_group"): model.RecordGroup,
    ("procedure", "#/definitions/body"): model.Body,
}

#: Where a key's value is written through a shared definition (``$ref``), the definition and so
#: the model class it becomes: the list of fees is a list of ``Fee``, whichever key holds it.
REFERRED: dict[tuple[str, str], str] = {
    ("procedure", "fees[]"): "fee",
    ("procedure", "channels[]"): "channel",
    ("procedure", "records[]"): "dossier_item",
    ("procedure", "authority[]"): "body",
    ("procedure", "executing[]"): "body",
    ("procedure", "coordinating[]"): "body",
    ("procedure", "delegated[]"): "body",
    ("procedure", "variants[].channels[]"): "channel",
    ("procedure", "variants[].fees[]"): "fee",
    ("procedure", "#/definitions/channel.fees[]"): "fee",
    ("procedure", "#/definitions/record_group.one_of[]"): "dossier_item",
    ("procedure", "#/definitions/record_group.all_of[]"): "dossier_item",
}

#: Model fields that are not keys inside the object: an outcome's name is its key in ``outcomes``.
NOT_KEYS: dict[type, set[str]] = {model.Outcome: {"name"}}


#: Spec keys named like a meta field: a form's ``file`` is where to get the form, not where the
#: spec was written.
KEYS_NAMED_LIKE_META: dict[type, set[str]] = {model.Form: {"file"}}


def spec_fields(cls: type) -> set[str]:
    names = {f.name for f in dataclasses.fields(cls)}
    meta = model.META_FIELDS - KEYS_NAMED_LIKE_META.get(cls, set())
    return names - meta - {"kind", "motcua"} - NOT_KEYS.get(cls, set())


def test_every_schema_object_has_a_model_class() -> None:
    found = {(name, path) for name, schema in SCHEMAS.items() for path in objects(schema)}
    assert found == set(PARITY)


def referred_objects(schema: Node, name: str) -> set[str]:
    """The object definitions a ``$ref`` to ``name`` stands for, through ``anyOf`` branches."""
    node = schema["definitions"][name]
    found = {f"#/definitions/{name}"} if "properties" in node else set()
    for branch in node.get("anyOf", ()):
        if "$ref" in branch:
            found |= referred_objects(schema, branch["$ref"].rsplit("/", 1)[-1])
        elif "properties" in branch:
            found.add(f"#/definitions/{name}")
    return found


def test_every_ref_to_an_object_is_known() -> None:
    # A key written through a shared definition becomes that definition's model class.
    found: dict[tuple[str, str], str] = {}
    for name, schema in SCHEMAS.items():
        for path, node in [*described(schema, ""), *(
                p for d, n in schema["definitions"].items() for p in with_children(n, f"#/definitions/{d}"))]:
            target = node.get("$ref", "").rsplit("/", 1)[-1]
            if target and referred_objects(schema, target):
                found[(name, path)] = target
    assert found == REFERRED
    for (name, _path), target in REFERRED.items():
        for definition in referred_objects(SCHEMAS[name], target):
            assert (name, definition) in PARITY, definition
    assert referred_objects(SCHEMAS["procedure"], "dossier_item") == {
        "#/definitions/record", "#/definitions/record_group"}


@pytest.mark.parametrize(("where", "cls"), list(PARITY.items()), ids=[f"{n}:{p or '<root>'}" for n, p in PARITY])
def test_schema_keys_equal_model_fields(where: tuple[str, str], cls: type) -> None:
    name, path = where
    keys = set(objects(SCHEMAS[name])[path]["properties"]) - {"kind", "motcua"}
    assert keys == spec_fields(cls)


def as_spec_value(value: object) -> object:
    """A model default written the way a spec writes it."""
    if isinstance(value, tuple):
        if len(value) == 2 and all(isinstance(v, dt.time) for v in value):
            return "-".join(v.strftime("%H:%M") for v in value)
        return [as_spec_value(v) for v in value]
    return value


@pytest.mark.parametrize(("where", "cls"), list(PARITY.items()), ids=[f"{n}:{p or '<root>'}" for n, p in PARITY])
def test_schema_defaults_equal_model_defaults(where: tuple[str, str], cls: type) -> None:
    name, path = where
    props = objects(SCHEMAS[name])[path]["properties"]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, node in props.items():
        if "default" not in node:
            continue
        field = fields[key]
        default = field.default if field.default_factory is dataclasses.MISSING else field.default_factory()
        assert default is not dataclasses.MISSING, key
        assert node["default"] == as_spec_value(default), key


def test_model_enums_equal_schema_enums() -> None:
    procedure = objects(SCHEMAS["procedure"])
    definitions = SCHEMAS["procedure"]["definitions"]
    pairs = [
        (objects(SCHEMAS["agency"])["units[]"]["properties"]["role"], model.UnitRole),
        (definitions["level"], model.Level),
        (procedure[""]["properties"]["applicants"]["items"]["anyOf"][0], model.ApplicantKind),
        (definitions["channel_name"], model.Channel),
        (procedure["ends[]"]["properties"]["outcome"], model.EndOutcome),
        (procedure["#/definitions/fee"]["properties"]["kind"], model.FeeKind),
    ]
    # Each place that names a level or a channel does it through the one definition.
    assert procedure[""]["properties"]["level"]["anyOf"][0] == {"$ref": "#/definitions/level"}
    assert procedure[""]["properties"]["level"]["anyOf"][1]["items"]["$ref"] == "#/definitions/level"
    assert procedure["#/definitions/channel"]["properties"]["channel"]["$ref"] == "#/definitions/channel_name"
    assert procedure["#/definitions/fee"]["properties"]["channel"]["$ref"] == "#/definitions/channel_name"
    for node, enum in pairs:
        assert node["enum"] == [m.value for m in enum]


# --- the reference page ----------------------------------------------------------------------------


def test_reference_page_is_up_to_date() -> None:
    assert DOCS.read_text("utf-8") == reference.render_reference(), (
        "docs/spec-reference.md is stale: run python -m motcua.validators.reference"
    )


def test_reference_documents_every_key() -> None:
    text = reference.render_reference()
    for name, schema in SCHEMAS.items():
        section = text.split(f"## {schema['title']}\n", 1)[1]
        for path, node in described(schema, ""):
            if path.endswith("[]") or (path.endswith(".*") and "anyOf" not in node):
                continue  # list items and map values are documented with their key
            heading = f"### `{path.replace('.*', '.<name>')}`\n\n**{node['title']}**"
            assert heading in section, heading
    for name in SCHEMAS["agency"]["definitions"]:
        assert f"\n### {name}\n" in text


def test_reference_documents_every_procedure_type_and_its_keys() -> None:
    # The types only procedures use (a fee, a record, a group, a channel, a body), each key of
    # them under its own heading, so that every link a key's type makes ([fee](#fee)) lands.
    text = reference.render_reference()
    definitions = SCHEMAS["procedure"]["definitions"]
    own = [name for name in definitions if name not in SCHEMAS["agency"]["definitions"]]
    assert own == ["level", "channel_name", "channel", "fee", "record", "record_group", "dossier_item", "body"]
    for name in own:
        assert f"\n### {name}\n\n**{definitions[name]['title']}**" in text
        seen = {name}  # the object form of a type, or of a key, is documented with it
        for path, node in described(definitions[name], name):
            if path not in seen and not path.endswith("[]"):
                assert f"\n#### `{path}`\n\n**{node['title']}**" in text, path
            seen.add(path)
    for target in set(re.findall(r"\]\(#([a-z_]+)\)", text)):
        assert f"\n### {target}\n" in text, target


def test_reference_main_writes_and_checks(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "spec-reference.md"
    assert reference.main(["--check", str(page)]) == 1
    assert reference.main([str(page)]) == 0
    assert page.read_text("utf-8") == reference.render_reference()
    assert reference.main(["--check", str(page)]) == 0
    page.write_text(page.read_text("utf-8") + "edited\n", encoding="utf-8")
    assert reference.main(["--check", str(page)]) == 1
