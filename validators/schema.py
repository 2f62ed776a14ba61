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
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.paths import describe_path

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
        shown = "missing" if version is None and "motcua" not in data else f"'{version}'"
        yield diag("SCH008", f"spec language version is {shown}; this tool reads 'motcua: 1'",
                   file=f, line=line, column=col, hint="write 'motcua: 1' as the first key")
        return
    kind = data.get("kind")
    if kind not in KINDS:
        if "kind" in data:
            line, col = _where(doc, ("kind",))
            msg = f"kind '{kind}' is not 'agency' or 'procedure'" + did_you_mean(str(kind), list(KINDS))
        else:
            line, col, msg = 1, 1, "key 'kind' is missing"
        yield diag("SCH007", msg, file=f, line=line, column=col, hint="write 'kind: procedure' or 'kind: agency'")
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
        yield diag("SCH005", f"this {kind} spec does not follow the schema, and the detailed check found no "
                   "single place to point at", file=f, line=1, column=1,
                   hint="check it in an editor with the schema (the first line's yaml-language-server comment) "
                   "and report the file to the motcua maintainers")


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


def _describe_keys(doc: Document, error: Any, path: tuple[Any, ...], where: str) -> Iterator[Diagnostic]:
    """A value that must have one of some keys (or not all of them together): said in words."""
    f = doc.file
    instance = error.instance if isinstance(error.instance, dict) else {}
    choice = _key_choice(error)
    if choice is not None:
        present = [k for k in choice if k in instance]
        if not present:
            line, col = _where(doc, path)
            lacks = f"neither {_quoted(choice, 'nor')}" if len(choice) == 2 else f"none of {_quoted(choice, 'or')}"
            yield diag("SCH002", f"{where} has {lacks}; write {_quoted(choice, 'or')}",
                       file=f, line=line, column=col, path=_pointer(path),
                       hint="add " + _quoted([f"{k}:" for k in choice], "or") + " here")
            return
        line, col = _where(doc, path + (present[-1],), key=True)
        yield diag("SCH005", f"{where} has both {_quoted(present, 'and')}; write only one of them",
                   file=f, line=line, column=col, path=_pointer(path + (present[-1],)),
                   hint=f"keep '{present[0]}' or '{present[-1]}', not both")
        return
    both = _both_keys(error) or []
    line, col = _where(doc, path + (both[-1],), key=True) if both else _where(doc, path)
    yield diag("SCH005", f"{where} has both {_quoted(both, 'and')}; write only one of them", file=f, line=line,
               column=col, path=_pointer(path + tuple(both[-1:])), hint=f"keep '{both[0]}' or '{both[-1]}', not both")


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
    where = describe_path(doc.data, path)
    pattern_hint = error.schema.get("patternErrorMessage") if isinstance(error.schema, dict) else None
    if _key_choice(error) is not None or _both_keys(error):
        yield from _describe_keys(doc, error, path, where)
        return
    if v == "additionalProperties" and isinstance(instance, dict):
        allowed = _subschema_props(error)
        for extra in sorted(set(instance) - set(allowed)):
            line, col = _where(doc, path + (extra,), key=True)
            hint = "allowed keys: " + ", ".join(allowed) if allowed else None
            if extra.isdigit() and instance[extra] is None:
                hint = ("a number is written without thousands separators, e.g. amount: 1500000; "
                        "inside {...} an unquoted ',' ends the value")
            yield diag("SCH001", f"unknown key '{extra}' in {where}" + did_you_mean(extra, allowed),
                       file=f, line=line, column=col, path=_pointer(path + (extra,)), hint=hint)
        return
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        line, col = _where(doc, path)
        yield diag("SCH002", f"key '{missing}' is missing in {where}", file=f, line=line, column=col,
                   path=_pointer(path), hint=f"add '{missing}:' here")
        return
    line, col = _where(doc, path)
    if v == "type":
        expected = error.validator_value
        expected_s = " or ".join(expected) if isinstance(expected, list) else str(expected)
        got = _type_name(instance)
        hint = None
        if expected_s.startswith("array") and isinstance(instance, str):
            hint = f"write a list: [{instance}]"
        elif "string" in expected_s and instance is None:
            hint = "write a value after the colon, or remove the key"
        elif expected_s in ("integer", "number") and isinstance(instance, str):
            hint = _number_hint(doc, path, expected_s, instance)
        yield diag("SCH003", f"{where} is {got}; expected {expected_s}", file=f, line=line, column=col,
                   path=_pointer(path), hint=hint)
        return
    if v in ("enum", "const"):
        choices = error.validator_value if v == "enum" else [error.validator_value]
        shown = ", ".join(str(c) for c in choices)
        yield diag("SCH004", f"{where} is '{instance}'; expected one of: {shown}"
                   + did_you_mean(str(instance), [str(c) for c in choices]),
                   file=f, line=line, column=col, path=_pointer(path))
        return
    if v == "pattern" and "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        line, col = _where(doc, path + (instance,), key=True)
        what = "language code" if "anyOf" in error.absolute_schema_path else "name"
        yield diag("SCH005", f"'{instance}' in {where} is not an allowed {what}", file=f, line=line, column=col,
                   path=_pointer(path + (instance,)), hint=pattern_hint)
        return
    if v == "pattern":
        key = path[-1] if path else ""
        if key in _DURATION_KEYS and isinstance(instance, str) and _TOO_LONG.fullmatch(instance):
            yield diag("SCH006", f"{where} is '{instance}', longer than any procedure takes; "
                       f"the number is at most {MAX_NUMBER}", file=f, line=line, column=col, path=_pointer(path),
                       hint="check the number: a legal time limit is days, weeks or months, not years")
            return
        meant = suggest_duration(instance) if key in _DURATION_KEYS and isinstance(instance, str) else None
        if meant is not None:
            comma = "," in instance and "." in meant
            yield diag("SCH005", f"'{instance}' in {where} is not a duration; did you mean '{meant}'?",
                       file=f, line=line, column=col, path=_pointer(path),
                       hint="write the decimal point as '.', not a comma" if comma else pattern_hint)
            return
        if isinstance(instance, str) and _DATE_SHAPE.fullmatch(instance) and "date" in str(error.schema.get("title", "")).lower():
            yield diag("SCH005", f"'{instance}' in {where} is not a date that exists", file=f, line=line, column=col,
                       path=_pointer(path), hint=pattern_hint)
            return
        if isinstance(instance, str) and _BLOCK_SHAPE.fullmatch(instance) and "office-hours" in str(
                error.schema.get("title", "")).lower():
            yield diag("SCH005", f"office hours '{instance}' in {where} must end after they start", file=f, line=line,
                       column=col, path=_pointer(path), hint=pattern_hint)
            return
        if key == "url":
            yield diag("SCH005", f"'{instance}' in {where} is not a web address (https:// or http://)", file=f,
                       line=line, column=col, path=_pointer(path), hint=pattern_hint)
            return
        if key in ("id", "unit", "next", "to", "agency", "field", "result", "checks") \
                or error.validator_value.startswith("^[a-z0-9]+(-"):
            msg = f"'{instance}' in {where} is not an id: use lowercase letters a-z, digits and single hyphens"
        else:
            msg = f"'{instance}' in {where} does not have the expected form"
        yield diag("SCH005", msg, file=f, line=line, column=col, path=_pointer(path),
                   hint=pattern_hint or _pattern_hint(str(key)))
        return
    if v in ("minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems", "uniqueItems", "minProperties",
             "minLength", "maxLength"):
        yield diag("SCH006", f"{where}: {error.message}", file=f, line=line, column=col, path=_pointer(path))
        return
    yield diag("SCH005", f"{where}: {error.message}", file=f, line=line, column=col, path=_pointer(path),
               hint=pattern_hint)


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


def _number_hint(doc: Document, path: tuple[Any, ...], expected: str, instance: str) -> str:
    """The fix for a count or amount written as text: a number in quotes loses its quotes; one
    with thousands separators (``1.500.000``, ``1,500,000 đồng``) is written in digits only;
    anything else (``0x1``, ``1,5``) in decimal digits."""
    grouped = _GROUPED.fullmatch(instance)
    if grouped is not None:
        digits = re.sub(r"[^0-9]", "", grouped.group(1))
        return f"write {digits}: digits only, without thousands separators or the currency (that is 'currency: VND')"
    if _scalar_style(doc, path) and _NUMBER_TEXT.fullmatch(instance):
        return f"write the number without quotes: {instance.strip()}"
    if expected == "integer":
        return "write a whole number in decimal digits, e.g. 1 (not 0x1, 1.0 or 'one')"
    return "write the number in digits only, without thousands separators, e.g. 1500000 (a decimal point, not a comma)"


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_DURATION_KEYS = ("time", "time_limit", "committed_time", "after", "add")
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BLOCK_SHAPE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]")
_TOO_LONG = re.compile(r"0*[1-9][0-9]{4,}(\.[0-9]+)? \S.*")


def _pattern_hint(key: str) -> str | None:
    if key in _DURATION_KEYS:
        return 'write "<number> <unit>", e.g. "15 ngày làm việc", "1 buổi", "15 working days"'
    if key in ("valid_from", "valid_to", "date"):
        return "write the date as YYYY-MM-DD"
    return None
