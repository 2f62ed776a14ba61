"""Schema errors as diagnostics: each ``jsonschema`` error turned into findings located at a
line and column of the YAML, said in both languages, with a hint to fix it.

Of the errors of an ``anyOf``/``oneOf``, the branch the value was meant for is the one said;
a value that must have one of some keys, a key its place does not have, and a text that has
not the form asked for (a duration, a date, office hours, an id) each have their own sentence.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.durations import MAX_NUMBER, suggest_duration
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.rules import diag
from motcua.engine.spec.suggest import did_you_mean_tr
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.paths import describe_path_tr
from motcua.validators.schema_hints import (
    DURATION_KEYS,
    LIMITS,
    both_languages,
    form_hint,
    limit_vi,
    type_hint,
    wrong_type,
)

__all__ = ["describe_error"]

#: A date, office hours, and a duration of more than four digits: forms a pattern said in words.
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BLOCK_SHAPE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]")
_TOO_LONG = re.compile(r"0*[1-9][0-9]{4,}(\.[0-9]+)? \S.*")


def _where(doc: Document, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    return doc.locate(path, key=key)


def _pointer(path: tuple[Any, ...]) -> str:
    return "/" + "/".join(str(p) for p in path)


def _subschema_props(error: Any) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return sorted(props)


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


def describe_error(doc: Document, error: Any) -> Iterator[Diagnostic]:
    error = _leaf(error)
    path = tuple(error.absolute_path)
    f = doc.file
    v = error.validator
    instance = error.instance
    where = describe_path_tr(doc.data, path)
    pattern_hint = both_languages(error.schema.get("patternErrorMessage") if isinstance(error.schema, dict) else None)
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
        yield diag("SCH003", wrong_type(error, where), file=f, line=line, column=col, path=_pointer(path),
                   hint=type_hint(doc, path, error))
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
    if v in LIMITS:
        yield diag("SCH006", tr(f"{where.vi}: {limit_vi(error)}", f"{where.en}: {error.message}"), file=f,
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
    if key in DURATION_KEYS and isinstance(instance, str) and _TOO_LONG.fullmatch(instance):
        return diag("SCH006", tr(f"{where.vi} là '{instance}', dài hơn thời gian của bất kỳ thủ tục nào; "
                                 f"con số tối đa là {MAX_NUMBER}",
                                 f"{where.en} is '{instance}', longer than any procedure takes; "
                                 f"the number is at most {MAX_NUMBER}"), file=f, line=line, column=col,
                    path=_pointer(path),
                    hint=tr("kiểm tra lại con số: thời hạn theo quy định tính bằng ngày, tuần hoặc tháng, "
                            "không tính bằng năm",
                            "check the number: a legal time limit is days, weeks or months, not years"))
    meant = suggest_duration(instance) if key in DURATION_KEYS and isinstance(instance, str) else None
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
        hint = pattern_hint or form_hint(str(key))
        said = tr(f"'{instance}' trong {where.vi} không phải là mã định danh (id): chỉ dùng chữ thường a-z, "
                  "chữ số và dấu gạch nối đơn",
                  f"'{instance}' in {where.en} is not an id: use lowercase letters a-z, digits and single hyphens")
    else:
        hint = pattern_hint or form_hint(str(key))
        said = tr(f"'{instance}' trong {where.vi} không đúng dạng quy định",
                  f"'{instance}' in {where.en} does not have the expected form")
    return diag("SCH005", said, file=f, line=line, column=col, path=_pointer(path), hint=hint)


