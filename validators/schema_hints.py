"""The words of a schema finding and its fix: a value's type in both languages, a range
``jsonschema`` states in English said in Vietnamese, and how to write a number, a list, a
duration or a date the schema expects.

``motcua.validators.schema_errors`` builds each diagnostic; this module only words it.
"""

from __future__ import annotations

import re
from typing import Any

from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.yamlstrict import Document

__all__ = ["DURATION_KEYS", "LIMITS", "both_languages", "form_hint", "limit_vi", "type_hint", "wrong_type"]


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


def wrong_type(error: Any, where: Tr) -> Tr:
    """``steps[a].checks is the text 'x'; expected array``, in both languages."""
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    got = _type_name(error.instance)
    expected_vi = " hoặc ".join(_TYPES_VI.get(str(t), str(t)) for t in expected)
    expected_en = " or ".join(str(t) for t in expected)
    return tr(f"{where.vi} là {got.vi}; cần {expected_vi}", f"{where.en} is {got.en}; expected {expected_en}")


def type_hint(doc: Document, path: tuple[Any, ...], error: Any) -> Tr | None:
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
LIMITS = ("minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems", "uniqueItems", "minProperties",
          "minLength", "maxLength")


def limit_vi(error: Any) -> str:
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


def both_languages(text: Any) -> Tr | None:
    """A schema's message written ``Vietnamese / English`` (``patternErrorMessage``, which an
    editor shows whole) as a pair: its Vietnamese half, and the whole as the English says it."""
    if not isinstance(text, str):
        return None
    return tr(text.partition(" / ")[0], text)


#: The keys whose value is a duration.
DURATION_KEYS = ("time", "time_limit", "committed_time", "after", "add")


def form_hint(key: str) -> Tr | None:
    """How to write the value of ``key`` when it has not the form asked for, where the key says."""
    if key in DURATION_KEYS:
        return tr('viết "<số> <đơn vị>", ví dụ "15 ngày làm việc", "1 buổi", "15 working days"',
                  'write "<number> <unit>", e.g. "15 ngày làm việc", "1 buổi", "15 working days"')
    if key in ("valid_from", "valid_to", "date"):
        return tr("viết ngày theo dạng YYYY-MM-DD", "write the date as YYYY-MM-DD")
    return None
