"""Schema checks: the JSON Schemas of spec language v1, the schema made for one agency's
catalogue, and a document checked against them.

A compiled ``jsonschema_rs`` validator answers "is this valid?" in microseconds; only files that
fail are run through ``jsonschema``, whose errors carry the paths that
``motcua.validators.schema_errors`` maps to YAML positions and words. Both read ``pattern`` as
JSON Schema means it (ECMA-262: ``$`` ends the text, never before a final line break, as
Python's ``$`` would); and a file the first finds invalid is never passed because the second
has nothing to say.
"""
from __future__ import annotations

import copy
import functools
import json
import re
from importlib import resources
from typing import Any, Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean_tr
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.schema_errors import describe_error

__all__ = ["KINDS", "schema_text", "schema", "catalog_schema", "check_schema", "is_valid"]

KINDS = ("agency", "procedure")


def schema_text(kind: str) -> str:
    return (resources.files("motcua.validators") / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@functools.cache
def _fast(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft7Validator(schema(kind))


def is_valid(kind: str, data: Any) -> bool:
    """Whether ``data`` follows the schema of ``kind`` (``agency`` or ``procedure``)."""
    return kind in KINDS and bool(_fast(kind).is_valid(data))


@functools.cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """A schema ``pattern`` for Python's ``re`` with ECMA-262's end anchor: a final ``$``
    (not escaped) becomes ``\\Z``, so ``"slug\\n"`` does not match ``^[a-z-]+$``."""
    escaped = len(pattern) - len(pattern[:-1].rstrip("\\")) - 1 if pattern.endswith("$") else 0
    if pattern.endswith("$") and escaped % 2 == 0:
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _slow(kind: str) -> Any:
    import jsonschema

    extend: Any = jsonschema.validators.extend  # untyped in the stubs
    ecma = extend(jsonschema.Draft7Validator, {"pattern": _pattern})
    return ecma(schema(kind))


#: Where a procedure names a unit of its own agency (a body's unit may belong to another).
_UNIT_PLACES = (
    ("properties", "steps", "items", "properties", "unit"),
    ("properties", "steps", "items", "properties", "consult", "items", "properties", "unit"),
)


def _shown(text: Any) -> str:
    """A text of the agency file (plain or ``{vi: ..., en: ...}``) as one line, languages joined."""
    if isinstance(text, dict):
        return " / ".join(str(v) for v in text.values() if v is not None)
    return "" if text is None else str(text)


def _choice(ids: list[str], titles: list[str], what_vi: str, what_en: str) -> dict[str, Any]:
    shown = ", ".join(ids)
    return {
        "type": "string",
        "enum": ids,
        "enumDescriptions": titles,
        "markdownEnumDescriptions": titles,
        "errorMessage": f"Chọn {what_vi} của cơ quan: {shown} / Choose {what_en} of the agency: {shown}",
    }


def catalog_schema(agency: dict[str, Any]) -> dict[str, Any]:
    """The procedure schema made for one agency of a catalogue: ``agency`` is its id, each
    ``unit`` (of a step or a consultation) one of its units, offered with their titles, and
    ``field`` one of its fields when it declares them.

    The records, steps and ends a ``checks``, ``next`` or ``to`` names are those of the file
    being written: a schema shared by the agency's files cannot list them (draft-07 has no way
    to point from a value to its own document), so they stay ids checked by ``motcua validate``.
    """
    made = copy.deepcopy(schema("procedure"))
    definitions = made["definitions"]
    units = [u for u in agency.get("units") or () if isinstance(u, dict) and isinstance(u.get("id"), str)]
    if units:
        definitions["agency_unit"] = _choice([u["id"] for u in units], [_shown(u.get("title")) for u in units],
                                             "một đơn vị", "one of the units")
        for place in _UNIT_PLACES:
            node = made
            for part in place:
                node = node[part]
            node["$ref"] = "#/definitions/agency_unit"
    if isinstance(agency.get("id"), str):
        definitions["agency_id"] = _choice([agency["id"]], [_shown(agency.get("title"))], "mã", "the id")
        made["properties"]["agency"]["$ref"] = "#/definitions/agency_id"
    fields = [f for f in agency.get("fields") or () if isinstance(f, dict) and isinstance(f.get("id"), str)]
    if fields:
        definitions["agency_field"] = _choice([f["id"] for f in fields], [_shown(f.get("title")) for f in fields],
                                              "một lĩnh vực", "one of the fields")
        made["properties"]["field"]["$ref"] = "#/definitions/agency_field"
    made["title"] = f"{made['title']} ({agency.get('id')})"
    return made



def check_schema(doc: Document) -> Iterator[Diagnostic]:
    """Diagnostics for a document whose data read cleanly (``doc.data`` is a mapping)."""
    data = doc.data
    f = doc.file
    version = data.get("motcua")
    if version != 1:
        line, col = doc.locate(("motcua",)) if "motcua" in data else (1, 1)
        if version is None and "motcua" not in data:
            said = tr("thiếu phiên bản ngôn ngữ đặc tả; công cụ này đọc 'motcua: 1'",
                      "spec language version is missing; this tool reads 'motcua: 1'")
        else:
            said = tr(f"phiên bản ngôn ngữ đặc tả là '{version}'; công cụ này đọc 'motcua: 1'",
                      f"spec language version is '{version}'; this tool reads 'motcua: 1'")
        yield diag("SCH008", said, file=f, line=line, column=col,
                   hint=tr("viết 'motcua: 1' làm khoá đầu tiên", "write 'motcua: 1' as the first key"))
        return
    kind = data.get("kind")
    if kind not in KINDS:
        if "kind" in data:
            line, col = doc.locate(("kind",))
            msg = tr(f"kind '{kind}' không phải 'agency' hay 'procedure'",
                     f"kind '{kind}' is not 'agency' or 'procedure'") + did_you_mean_tr(str(kind), list(KINDS))
        else:
            line, col, msg = 1, 1, tr("thiếu khoá 'kind'", "key 'kind' is missing")
        yield diag("SCH007", msg, file=f, line=line, column=col,
                   hint=tr("viết 'kind: procedure' hoặc 'kind: agency'", "write 'kind: procedure' or 'kind: agency'"))
        return
    if _fast(kind).is_valid(data):
        return
    seen: set[tuple[str, int, int, str]] = set()
    for error in sorted(_slow(kind).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        for d in describe_error(doc, error):
            k = (d.code, d.line, d.column, d.message)
            if k not in seen:
                seen.add(k)
                yield d
    if not seen:
        # The two validators disagree: a file judged invalid is never let through for want of
        # a detailed message.
        kind_vi = "cơ quan" if kind == "agency" else "thủ tục"
        yield diag("SCH005", tr(f"đặc tả {kind_vi} này không tuân theo lược đồ (schema), nhưng bước kiểm tra chi "
                                "tiết không chỉ ra được chỗ sai cụ thể nào",
                                f"this {kind} spec does not follow the schema, and the detailed check found no "
                                "single place to point at"), file=f, line=1, column=1,
                   hint=tr("kiểm tra tệp trong một trình soạn thảo có dùng lược đồ (chú thích yaml-language-server "
                           "ở dòng đầu) và gửi tệp cho nhóm duy trì motcua",
                           "check it in an editor with the schema (the first line's yaml-language-server comment) "
                           "and report the file to the motcua maintainers"))

