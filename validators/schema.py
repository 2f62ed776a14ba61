"""Schema checks: the JSON Schemas of spec language v1, with errors located at line and column.

A compiled ``jsonschema_rs`` validator answers "is this valid?" in microseconds; only files that
fail are run through ``jsonschema``, whose errors carry the paths we map to YAML positions. Both
read ``pattern`` as JSON Schema means it (ECMA-262: ``$`` ends the text, never before a final
line break, as Python's ``$`` would); and a file the first finds invalid is never passed because
the second has nothing to say.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from importlib import resources
from typing import Any, Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.durations import MAX_NUMBER, suggest_duration
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean_tr
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.paths import describe_path_tr

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


def _where(doc: Document, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    return doc.locate(path, key=key)


def _pointer(path: tuple[Any, ...]) -> str:
    return "/" + "/".join(str(p) for p in path)


def _subschema_props(error: Any) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return sorted(props)


def check_schema(doc: Document) -> Iterator[Diagnostic]:
    """Diagnostics for a document whose data read cleanly (``doc.data`` is a mapping)."""
    data = doc.data
    f = doc.file
    version = data.get("motcua")
    if version != 1:
        line, col = _where(doc, ("motcua",)) if "motcua" in data else (1, 1)
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
            line, col = _where(doc, ("kind",))
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
        for d in _describe(doc, error):
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


def _leaf(error: Any) -> Any:
    """For anyOf/oneOf errors pick the error of the branch the value was meant for.

    A branch whose type does not fit the value is left out (a text map with a bad key says
    more than "is not a string"). Of mappings, the branch that knows most of the value's keys
    is the one meant: a record with a mistyped ``copies`` is a record, not a group of records.
    Within the branch meant, the most relevant error is taken as it stands, and the loop goes on
    into it when it is itself an ``anyOf`` (a record's title, a text): ``best_match`` would go
    down its own way and skip the choice above. Where no branch is meant, ``best_match`` chooses.
    """
    from jsonschema.exceptions import best_match, relevance

    while error.validator in ("anyOf", "oneOf") and error.context and _key_choice(error) is None:
        branches: dict[Any, list[Any]] = {}
        for e in error.context:
            branches.setdefault(e.relative_schema_path[0], []).append(e)
        fitting = {k: errs for k, errs in branches.items()
                   if not any(e.validator == "type" and not e.relative_path for e in errs)}
        if isinstance(error.instance, dict) and len(fitting) > 1:
            fewest = min(_misfit(errs) for errs in fitting.values())
            fitting = {k: errs for k, errs in fitting.items() if _misfit(errs) == fewest}
        if len(fitting) == 1:
            errs = next(iter(fitting.values()))
            error = max([e for e in errs if e.validator != "type"] or errs, key=relevance)
            continue
        typed = [e for errs in fitting.values() for e in errs] or [
            e for e in error.context if e.validator != "type"]
        error = best_match(typed or error.context)
    return error


def _key_choice(error: Any) -> list[str] | None:
    """The keys of an ``anyOf`` / ``oneOf`` whose every branch only requires one key (a fee has
    ``amount`` or ``text``; a group ``one_of`` or ``all_of``), else ``None``."""
    branches = error.validator_value if error.validator in ("anyOf", "oneOf") else None
    if not isinstance(branches, list) or not branches:
        return None
    keys = []
    for b in branches:
        if not (isinstance(b, dict) and set(b) == {"required"} and isinstance(b["required"], list)
                and len(b["required"]) == 1):
            return None
        keys.append(str(b["required"][0]))
    return keys


def _both_keys(error: Any) -> list[str] | None:
    """The keys a ``not: {required: [...]}`` forbids together (an end's ``result`` and
    ``results``), else ``None``."""
    value = error.validator_value if error.validator == "not" else None
    if isinstance(value, dict) and set(value) == {"required"} and isinstance(value["required"], list):
        return [str(k) for k in value["required"]]
    return None


def _quoted(keys: list[str], last: str) -> str:
    shown = [f"'{k}'" for k in keys]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {last} " + shown[-1]


def _has_both(where: Tr, keys: list[str]) -> Tr:
    return tr(f"{where.vi} có cả {_quoted(keys, 'và')}; chỉ được viết một trong số đó",
              f"{where.en} has both {_quoted(keys, 'and')}; write only one of them")


def _keep_one(first: str, last: str) -> Tr:
    return tr(f"giữ '{first}' hoặc '{last}', không giữ cả hai", f"keep '{first}' or '{last}', not both")


def _describe_keys(doc: Document, error: Any, path: tuple[Any, ...], where: Tr) -> Iterator[Diagnostic]:
    """A value that must have one of some keys (or not all of them together): said in words."""
    f = doc.file
    instance = error.instance if isinstance(error.instance, dict) else {}
    choice = _key_choice(error)
    if choice is not None:
        present = [k for k in choice if k in instance]
        if not present:
            line, col = _where(doc, path)
            if len(choice) == 2:
                lacks = tr(f"thiếu cả {_quoted(choice, 'và')}", f"has neither {_quoted(choice, 'nor')}")
            else:
                lacks = tr(f"không có khoá nào trong số {_quoted(choice, 'và')}", f"has none of {_quoted(choice, 'or')}")
            yield diag("SCH002", tr(f"{where.vi} {lacks.vi}; hãy viết {_quoted(choice, 'hoặc')}",
                                    f"{where.en} {lacks.en}; write {_quoted(choice, 'or')}"),
                       file=f, line=line, column=col, path=_pointer(path),
                       hint=tr("thêm " + _quoted([f"{k}:" for k in choice], "hoặc") + " vào đây",
                               "add " + _quoted([f"{k}:" for k in choice], "or") + " here"))
            return
        line, col = _where(doc, path + (present[-1],), key=True)
        yield diag("SCH005", _has_both(where, present),
                   file=f, line=line, column=col, path=_pointer(path + (present[-1],)),
                   hint=_keep_one(present[0], present[-1]))
        return
    both = _both_keys(error) or []
    line, col = _where(doc, path + (both[-1],), key=True) if both else _where(doc, path)
    yield diag("SCH005", _has_both(where, both), file=f, line=line,
               column=col, path=_pointer(path + tuple(both[-1:])), hint=_keep_one(both[0], both[-1]))


def _misfit(errors: list[Any]) -> tuple[int, int]:
    """How badly a mapping fits a branch: the keys of the value it does not know, then the keys
    it needs and the value lacks (a record is not a group for want of ``one_of``)."""
    unknown = missing = 0
    for e in errors:
        if e.relative_path:
            continue
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            unknown += len(set(e.instance) - set(_subschema_props(e)))
        elif e.validator == "required" or (
                e.validator in ("anyOf", "oneOf") and e.context
                and all(c.validator == "required" for c in e.context)):
            missing += 1
    return unknown, missing


def _describe(doc: Document, error: Any) -> Iterator[Diagnostic]:
    error = _leaf(error)
    path = tuple(error.absolute_path)
    f = doc.file
    v = error.validator
    instance = error.instance
    where = describe_path_tr(doc.data, path)
    pattern_hint = _both_languages(error.schema.get("patternErrorMessage") if isinstance(error.schema, dict) else None)
    if _key_choice(error) is not None or _both_keys(error):
        yield from _describe_keys(doc, error, path, where)
        return
    if v == "additionalProperties" and isinstance(instance, dict):
        yield from _describe_unknown_keys(doc, error, path, where)
        return
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        line, col = _where(doc, path)
        yield diag("SCH002", tr(f"thiếu khoá '{missing}' trong {where.vi}", f"key '{missing}' is missing in {where.en}"),
                   file=f, line=line, column=col, path=_pointer(path),
                   hint=tr(f"thêm '{missing}:' vào đây", f"add '{missing}:' here"))
        return
    line, col = _where(doc, path)
    if v == "type":
        yield diag("SCH003", _wrong_type(error, where), file=f, line=line, column=col, path=_pointer(path),
                   hint=_type_hint(doc, path, error))
        return
    if v in ("enum", "const"):
        choices = error.validator_value if v == "enum" else [error.validator_value]
        shown = ", ".join(str(c) for c in choices)
        yield diag("SCH004", tr(f"{where.vi} là '{instance}'; giá trị phải là một trong: {shown}",
                                f"{where.en} is '{instance}'; expected one of: {shown}")
                   + did_you_mean_tr(str(instance), [str(c) for c in choices]),
                   file=f, line=line, column=col, path=_pointer(path))
        return
    if v == "pattern" and "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        line, col = _where(doc, path + (instance,), key=True)
        if "anyOf" in error.absolute_schema_path:
            what = tr("mã ngôn ngữ hợp lệ", "an allowed language code")
        else:
            what = tr("tên hợp lệ", "an allowed name")
        yield diag("SCH005", tr(f"'{instance}' trong {where.vi} không phải là {what.vi}",
                                f"'{instance}' in {where.en} is not {what.en}"), file=f, line=line, column=col,
                   path=_pointer(path + (instance,)), hint=pattern_hint)
        return
    if v == "pattern":
        yield _describe_pattern(doc, error, path, where, pattern_hint)
        return
    if v in _LIMITS:
        yield diag("SCH006", tr(f"{where.vi}: {_limit_vi(error)}", f"{where.en}: {error.message}"), file=f,
                   line=line, column=col, path=_pointer(path))
        return
    yield diag("SCH005", tr(f"{where.vi}: giá trị không hợp lệ ({error.message})", f"{where.en}: {error.message}"),
               file=f, line=line, column=col, path=_pointer(path), hint=pattern_hint)


def _describe_unknown_keys(doc: Document, error: Any, path: tuple[Any, ...], where: Tr) -> Iterator[Diagnostic]:
    """Each key of a mapping that its place does not have, with the keys it has."""
    allowed = _subschema_props(error)
    for extra in sorted(set(error.instance) - set(allowed)):
        line, col = _where(doc, path + (extra,), key=True)
        listed = ", ".join(allowed)
        hint = tr("các khoá được phép: " + listed, "allowed keys: " + listed) if allowed else None
        if extra.isdigit() and error.instance[extra] is None:
            hint = tr("số được viết không có dấu phân cách hàng nghìn, ví dụ amount: 1500000; trong {...} dấu ',' "
                      "không đặt trong ngoặc kép sẽ kết thúc giá trị",
                      "a number is written without thousands separators, e.g. amount: 1500000; "
                      "inside {...} an unquoted ',' ends the value")
        yield diag("SCH001", tr(f"khoá không xác định '{extra}' trong {where.vi}",
                                f"unknown key '{extra}' in {where.en}") + did_you_mean_tr(extra, allowed),
                   file=doc.file, line=line, column=col, path=_pointer(path + (extra,)), hint=hint)


def _describe_pattern(doc: Document, error: Any, path: tuple[Any, ...], where: Tr,
                      pattern_hint: Tr | None) -> Diagnostic:
    """A text that does not have the form its place asks for: a duration, a date, office hours,
    a web address, an id, or another form."""
    f, instance = doc.file, error.instance
    line, col = _where(doc, path)
    key = path[-1] if path else ""
    if key in _DURATION_KEYS and isinstance(instance, str) and _TOO_LONG.fullmatch(instance):
        return diag("SCH006", tr(f"{where.vi} là '{instance}', dài hơn thời gian của bất kỳ thủ tục nào; "
                                 f"con số tối đa là {MAX_NUMBER}",
                                 f"{where.en} is '{instance}', longer than any procedure takes; "
                                 f"the number is at most {MAX_NUMBER}"), file=f, line=line, column=col,
                    path=_pointer(path),
                    hint=tr("kiểm tra lại con số: thời hạn theo quy định tính bằng ngày, tuần hoặc tháng, "
                            "không tính bằng năm",
                            "check the number: a legal time limit is days, weeks or months, not years"))
    meant = suggest_duration(instance) if key in _DURATION_KEYS and isinstance(instance, str) else None
    if meant is not None:
        comma = "," in instance and "." in meant
        return diag("SCH005", tr(f"'{instance}' trong {where.vi} không phải là một khoảng thời gian; "
                                 f"có phải '{meant}'?",
                                 f"'{instance}' in {where.en} is not a duration; did you mean '{meant}'?"),
                    file=f, line=line, column=col, path=_pointer(path),
                    hint=tr("viết dấu thập phân là '.', không dùng dấu phẩy",
                            "write the decimal point as '.', not a comma") if comma else pattern_hint)
    title = str(error.schema.get("title", "")).lower()
    hint = pattern_hint
    if isinstance(instance, str) and _DATE_SHAPE.fullmatch(instance) and "date" in title:
        said = tr(f"'{instance}' trong {where.vi} không phải là một ngày có thật",
                  f"'{instance}' in {where.en} is not a date that exists")
    elif isinstance(instance, str) and _BLOCK_SHAPE.fullmatch(instance) and "office-hours" in title:
        said = tr(f"khung giờ làm việc '{instance}' trong {where.vi} phải kết thúc sau giờ bắt đầu",
                  f"office hours '{instance}' in {where.en} must end after they start")
    elif key == "url":
        said = tr(f"'{instance}' trong {where.vi} không phải là địa chỉ web (https:// hoặc http://)",
                  f"'{instance}' in {where.en} is not a web address (https:// or http://)")
    elif key in ("id", "unit", "next", "to", "agency", "field", "result", "checks") \
            or error.validator_value.startswith("^[a-z0-9]+(-"):
        hint = pattern_hint or _pattern_hint(str(key))
        said = tr(f"'{instance}' trong {where.vi} không phải là mã định danh (id): chỉ dùng chữ thường a-z, "
                  "chữ số và dấu gạch nối đơn",
                  f"'{instance}' in {where.en} is not an id: use lowercase letters a-z, digits and single hyphens")
    else:
        hint = pattern_hint or _pattern_hint(str(key))
        said = tr(f"'{instance}' trong {where.vi} không đúng dạng quy định",
                  f"'{instance}' in {where.en} does not have the expected form")
    return diag("SCH005", said, file=f, line=line, column=col, path=_pointer(path), hint=hint)


def _scalar_style(doc: Document, path: tuple[Any, ...]) -> str | None:
    """The style of the scalar at ``path`` as written (``""`` plain, ``'"'`` or ``"'"`` quoted),
    ``None`` when the path holds no scalar."""
    import yaml

    node = doc.root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return (node.style or "") if isinstance(node, yaml.ScalarNode) else None


#: A number written with thousands separators, perhaps with its currency: 1.500.000 đồng.
_GROUPED = re.compile(r"\s*([0-9]{1,3}(?:([.,  ])[0-9]{3})+)\s*(?:đồng|đ|vnđ|vnd)?\s*", re.IGNORECASE)
_NUMBER_TEXT = re.compile(r"\s*[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)\s*")


def _number_hint(doc: Document, path: tuple[Any, ...], expected: str, instance: str) -> Tr:
    """The fix for a count or amount written as text: a number in quotes loses its quotes; one
    with thousands separators (``1.500.000``, ``1,500,000 đồng``) is written in digits only;
    anything else (``0x1``, ``1,5``) in decimal digits."""
    grouped = _GROUPED.fullmatch(instance)
    if grouped is not None:
        digits = re.sub(r"[^0-9]", "", grouped.group(1))
        return tr(f"viết {digits}: chỉ gồm chữ số, không có dấu phân cách hàng nghìn và không ghi đơn vị tiền "
                  "(đơn vị tiền ghi ở 'currency: VND')",
                  f"write {digits}: digits only, without thousands separators or the currency (that is 'currency: VND')")
    if _scalar_style(doc, path) and _NUMBER_TEXT.fullmatch(instance):
        return tr(f"viết số không đặt trong dấu ngoặc kép: {instance.strip()}",
                  f"write the number without quotes: {instance.strip()}")
    if expected == "integer":
        return tr("viết một số nguyên bằng chữ số thập phân, ví dụ 1 (không viết 0x1, 1.0 hay 'one')",
                  "write a whole number in decimal digits, e.g. 1 (not 0x1, 1.0 or 'one')")
    return tr("chỉ viết số bằng chữ số, không có dấu phân cách hàng nghìn, ví dụ 1500000 (phần thập phân dùng dấu "
              "chấm, không dùng dấu phẩy)",
              "write the number in digits only, without thousands separators, e.g. 1500000 (a decimal point, not a comma)")


#: JSON Schema's type names, in Vietnamese.
_TYPES_VI = {"string": "văn bản", "array": "danh sách", "integer": "số nguyên", "number": "số",
             "object": "ánh xạ (mapping)", "boolean": "giá trị true/false", "null": "giá trị rỗng"}


def _wrong_type(error: Any, where: Tr) -> Tr:
    """``steps[a].checks is the text 'x'; expected array``, in both languages."""
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    got = _type_name(error.instance)
    expected_vi = " hoặc ".join(_TYPES_VI.get(str(t), str(t)) for t in expected)
    expected_en = " or ".join(str(t) for t in expected)
    return tr(f"{where.vi} là {got.vi}; cần {expected_vi}", f"{where.en} is {got.en}; expected {expected_en}")


def _type_hint(doc: Document, path: tuple[Any, ...], error: Any) -> Tr | None:
    """How to write a value of the type expected, for the usual slips."""
    expected = error.validator_value
    expected_s = " or ".join(expected) if isinstance(expected, list) else str(expected)
    instance = error.instance
    if expected_s.startswith("array") and isinstance(instance, str):
        return tr(f"viết thành danh sách: [{instance}]", f"write a list: [{instance}]")
    if "string" in expected_s and instance is None:
        return tr("viết giá trị sau dấu hai chấm, hoặc bỏ khoá này", "write a value after the colon, or remove the key")
    if expected_s in ("integer", "number") and isinstance(instance, str):
        return _number_hint(doc, path, expected_s, instance)
    return None


def _type_name(value: Any) -> Tr:
    if value is None:
        return tr("để trống", "empty")
    if isinstance(value, bool):
        return tr("một giá trị true/false", "a true/false value")
    if isinstance(value, (int, float)):
        return tr(f"số {value}", f"the number {value}")
    if isinstance(value, str):
        return tr(f"văn bản '{value}'", f"the text '{value}'")
    if isinstance(value, list):
        return tr("một danh sách", "a list")
    return tr("một ánh xạ (mapping)", "a mapping")


#: The validators of a range: a number, a length, a count of items or keys.
_LIMITS = ("minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems", "uniqueItems", "minProperties",
           "minLength", "maxLength")


def _limit_vi(error: Any) -> str:
    """What ``jsonschema`` says of a value out of range (``-1 is less than the minimum of 0``),
    in Vietnamese."""
    v, limit, shown = error.validator, error.validator_value, repr(error.instance)
    if v == "minimum":
        return f"{shown} nhỏ hơn giá trị tối thiểu {limit}"
    if v == "maximum":
        return f"{shown} lớn hơn giá trị tối đa {limit}"
    if v == "exclusiveMinimum":
        return f"{shown} phải lớn hơn {limit}"
    if v == "uniqueItems":
        return f"{shown} có phần tử lặp lại"
    if v in ("minItems", "minProperties", "minLength") and limit == 1:
        return f"{shown} không được để trống"
    what = {"minItems": "phần tử", "maxItems": "phần tử", "minProperties": "khoá"}.get(v, "ký tự")
    if v.startswith("max"):
        return f"{shown} quá dài: tối đa {limit} {what}"
    return f"{shown} quá ngắn: cần ít nhất {limit} {what}"


def _both_languages(text: Any) -> Tr | None:
    """A schema's message written ``Vietnamese / English`` (``patternErrorMessage``, which an
    editor shows whole) as a pair: its Vietnamese half, and the whole as the English says it."""
    if not isinstance(text, str):
        return None
    return tr(text.partition(" / ")[0], text)


_DURATION_KEYS = ("time", "time_limit", "committed_time", "after", "add")
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BLOCK_SHAPE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]")
_TOO_LONG = re.compile(r"0*[1-9][0-9]{4,}(\.[0-9]+)? \S.*")


def _pattern_hint(key: str) -> Tr | None:
    if key in _DURATION_KEYS:
        return tr('viết "<số> <đơn vị>", ví dụ "15 ngày làm việc", "1 buổi", "15 working days"',
                  'write "<number> <unit>", e.g. "15 ngày làm việc", "1 buổi", "15 working days"')
    if key in ("valid_from", "valid_to", "date"):
        return tr("viết ngày theo dạng YYYY-MM-DD", "write the date as YYYY-MM-DD")
    return None
