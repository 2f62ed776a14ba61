"""The rules of strict YAML reading: what libyaml is asked, what is refused, what data is built.

``Loader`` composes without implicit typing, so every scalar keeps its text and style;
``check_events`` reports anchors, aliases and custom tags from the event stream before anything
is expanded; ``Builder`` turns the node tree into plain data (text exactly as typed, in NFC;
numbers under ``NUMERIC_KEYS``, true/false under ``BOOLEAN_KEYS``), reporting duplicate and
merge keys, complex keys, tags, control characters, values longer than ``MAX_SCALAR`` and
nesting deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.printable import describe, find_forbidden
from motcua.engine.spec.yamlmessages import Findings, add_finding

__all__ = [
    "BOOLEAN_KEYS", "FATAL", "MAX_DEPTH", "MAX_SCALAR", "NUMERIC_KEYS", "Builder", "Loader", "check_events", "too_deep",
]

MAX_DEPTH = 64
MAX_SCALAR = 64 * 1024

#: Keys whose plain scalars are numbers (every other plain scalar is text as typed).
NUMERIC_KEYS = frozenset({"motcua", "originals", "copies", "amount", "dossier_sets"})
#: Keys whose plain scalars ``true`` and ``false`` (YAML 1.2 core: also capitalised) are
#: true/false values; ``yes``, ``no``, ``on`` and ``off`` stay text, as YAML 1.2 reads them.
BOOLEAN_KEYS = frozenset({"present_only", "eform", "skeleton"})
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_DEFAULT_TAGS = frozenset({_STR, _MAP, _SEQ})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_LANG = re.compile(r"[a-z]{2,3}")


class Loader(yaml.CSafeLoader):
    """libyaml composer with no implicit typing: every scalar keeps its text and style."""

    yaml_implicit_resolvers: dict[Any, Any] = {}

    # libyaml asks Python to resolve every untagged node; the answer here never depends on the
    # value, so answer at once (this halves the time of composing a catalogue).
    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _SEQ if kind is yaml.SequenceNode else _MAP if kind is yaml.MappingNode else _STR

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def too_deep() -> Tr:
    """Nesting deeper than ``MAX_DEPTH``, in both languages."""
    return tr(f"cấu trúc lồng nhau sâu quá {MAX_DEPTH} cấp", f"nesting is deeper than {MAX_DEPTH} levels")


#: What leaves nothing to read on: aliases (not expanded), merge keys (the keys they would bring
#: are missing, and would be reported as such) and nesting too deep. After the others the data
#: is read on without the value (a tag, a text too long: ``None``) or the key (a complex key),
#: so that the rest of the file is checked in the same round.
FATAL = frozenset({"YML002", "YML003", "YML007"})


def check_events(text: str, doc: Findings) -> bool:
    """Report anchors, aliases and explicit tags from the event stream, before anything is
    expanded; whether an anchor or alias was found (after a tag alone the file is read on,
    without the tagged value)."""
    found = False
    try:
        for event in yaml.parse(text, Loader=Loader):
            tag = getattr(event, "tag", None)
            m = event.start_mark
            if m is None:
                continue
            if tag is not None and tag != "!" and not isinstance(event, yaml.DocumentStartEvent):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                add_finding(doc, "YML004", "custom-tag", _tag_refused(shown), m.line + 1, m.column + 1,
                            tr("bỏ thẻ; viết giá trị dưới dạng văn bản thường hoặc đặt trong ngoặc kép",
                               "remove the tag; write the value as plain or quoted text"))
            if isinstance(event, yaml.AliasEvent):
                add_finding(doc, "YML002", "anchor-alias",
                            tr(f"không được dùng bí danh (alias) '*{event.anchor}' trong đặc tả",
                               f"alias '*{event.anchor}' is not allowed in specs"), m.line + 1, m.column + 1,
                            tr("viết đầy đủ giá trị; các đặc tả không dùng chung phần nào",
                               "write the value out in full; specs do not share parts"))
                found = True
            elif getattr(event, "anchor", None):
                anchor = getattr(event, "anchor")
                add_finding(doc, "YML002", "anchor-alias",
                            tr(f"không được dùng neo (anchor) '&{anchor}' trong đặc tả",
                               f"anchor '&{anchor}' is not allowed in specs"), m.line + 1, m.column + 1,
                            tr("bỏ neo; các đặc tả không dùng chung phần nào",
                               "remove the anchor; specs do not share parts"))
                found = True
            if len(doc.diagnostics) >= 20:
                break
    except yaml.YAMLError:
        return False  # the compose step reports the syntax error with its location
    return found


def _tag_refused(tag: str) -> Tr:
    return tr(f"không được dùng thẻ (tag) '{tag}' trong đặc tả", f"tag '{tag}' is not allowed in specs")


class Builder:
    """Turns the node tree into plain data, reporting what strict reading forbids."""

    __slots__ = ("doc", "normalise", "restore", "check_all")

    def __init__(self, doc: Findings, normalise: bool, restore: dict[int, str] | None = None) -> None:
        self.doc = doc
        self.normalise = normalise
        self.restore = restore
        # Only an escape in a double-quoted text can make a character the file does not hold,
        # so a file free of them needs no look at its other texts.
        self.check_all = restore is not None or find_forbidden(doc.text) is not None

    def text(self, node: yaml.ScalarNode, value: str, what: Tr) -> str:
        """A scalar's text as the file holds it, in NFC; a control character is reported."""
        if self.restore is not None:
            value = value.translate(self.restore)
        if self.normalise:
            value = unicodedata.normalize("NFC", value)
        bad = find_forbidden(value) if self.check_all or node.style == '"' else None
        if bad is not None:
            m = node.start_mark
            char = describe(value[bad])
            add_finding(
                self.doc, "YML009", "invalid-text",
                tr(f"{what.vi} chứa {char}, một ký tự điều khiển hoặc không phải ký tự văn bản (ký tự thứ {bad + 1})",
                   f"{what.en} holds {char}, a control or non-text character (character {bad + 1})"),
                m.line + 1, m.column + 1,
                tr("xoá ký tự đó: văn bản chỉ được chứa chữ cái, chữ số, dấu câu, dấu cách, tab và dấu xuống dòng",
                   "remove it: texts may hold letters, digits, punctuation, spaces, tabs and line breaks only"),
            )
        return value

    def build(self, node: yaml.Node, depth: int, key: str | None) -> Any:
        if depth > MAX_DEPTH:
            m = node.start_mark
            if not any(d.code == "YML007" for d in self.doc.diagnostics):
                add_finding(self.doc, "YML007", "too-deep", too_deep(), m.line + 1, m.column + 1)
            return None
        tag = node.tag
        if tag not in _DEFAULT_TAGS:
            m = node.start_mark
            if not any(d.code == "YML004" and (d.line, d.column) == (m.line + 1, m.column + 1)
                       for d in self.doc.diagnostics):  # said from the event stream already
                add_finding(self.doc, "YML004", "custom-tag", _tag_refused(tag), m.line + 1, m.column + 1,
                            tr("bỏ thẻ; viết giá trị dưới dạng văn bản thường",
                               "remove the tag; write the value as plain text"))
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1, key) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, depth)

    def scalar(self, node: yaml.ScalarNode, key: str | None) -> Any:
        value: str = node.value
        if len(value) > MAX_SCALAR:
            m = node.start_mark
            vi_size, vi_max = f"{len(value):,}".replace(",", "."), f"{MAX_SCALAR:,}".replace(",", ".")
            add_finding(self.doc, "YML008", "scalar-too-long",
                        tr(f"một giá trị dài {vi_size} ký tự, vượt quá mức {vi_max} ký tự được phép",
                           f"a value of {len(value):,} characters is longer than the {MAX_SCALAR:,} allowed"),
                        m.line + 1, m.column + 1)
            return None
        if not node.style:  # plain scalar: YAML 1.2 core nulls; numbers only under numeric keys
            if value in _NULLS:
                return None
            if key in NUMERIC_KEYS:
                if _INT.fullmatch(value):
                    return int(value)
                if _FLOAT.fullmatch(value):
                    return float(value)
            if key in BOOLEAN_KEYS and value in _BOOLEANS:
                return _BOOLEANS[value]
        return self.text(node, value, tr(f"giá trị của '{key}'", f"the value of '{key}'") if key
                         else tr("một giá trị", "a value"))

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        flow = bool(node.flow_style)
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                m = k.start_mark
                add_finding(self.doc, "YML014", "complex-key",
                            tr("khoá phải là văn bản thường, không phải danh sách hay ánh xạ",
                               "a key must be plain text, not a list or mapping"), m.line + 1, m.column + 1)
                continue
            name = self.text(k, k.value, tr("một khoá", "a key"))
            m = k.start_mark
            if name == "<<" and not k.style:
                add_finding(self.doc, "YML003", "merge-key",
                            tr("không được dùng khoá gộp ('<<') trong đặc tả", "merge keys ('<<') are not allowed in specs"),
                            m.line + 1, m.column + 1, tr("viết đầy đủ các khoá", "write the keys out in full"))
                continue
            if name in out or name in first_line:
                add_finding(self.doc, "YML001", "duplicate-key",
                            tr(f"khoá '{name}' bị lặp (đã khai báo lần đầu ở dòng {first_line[name]})",
                               f"duplicate key '{name}' (first defined on line {first_line[name]})"),
                            m.line + 1, m.column + 1,
                            tr("xoá một trong hai khoá, hoặc gộp giá trị của chúng",
                               "remove one of the two, or merge their values"))
                continue
            first_line[name] = m.line + 1
            if flow and isinstance(v, yaml.ScalarNode) and not v.style and v.value == "" and len(node.value) > 1:
                if any(_LANG.fullmatch(str(kk.value)) for kk, vv in node.value if kk is not k):
                    add_finding(
                        self.doc, "YML011", "comma-split-text",
                        tr(f"'{name}' bị đọc thành một khoá riêng: bên trong {{...}}, dấu phẩy không đặt trong "
                           "ngoặc kép sẽ kết thúc văn bản",
                           f"'{name}' reads as a separate key: an unquoted comma inside {{...}} ends the text"),
                        m.line + 1, m.column + 1,
                        tr("đặt văn bản trong ngoặc kép (vi: \"Sửa đổi, bổ sung\") hoặc viết ánh xạ theo kiểu khối "
                           "(block style)",
                           "quote the text (vi: \"Sửa đổi, bổ sung\") or write the map in block style"),
                    )
            out[name] = self.build(v, depth + 1, name)
        return out
