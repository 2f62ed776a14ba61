"""Strict YAML reading: bytes -> plain data plus the node tree that keeps every line and column.

Built on libyaml (PyYAML's ``CSafeLoader``) for the parse. Duplicate keys, anchors and aliases,
merge keys and custom tags are reported, never expanded; scalars are text exactly as typed
unless the key holds a number; sizes, nesting depth and scalar length are capped; text is NFC.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import Tr, pick, tr
from motcua.engine.spec.printable import describe, find_forbidden
from motcua.engine.spec.specfiles import MAX_BYTES, Unreadable, editor_lines, line_col, read_capped

__all__ = [
    "BOOLEAN_KEYS", "MAX_BYTES", "MAX_DEPTH", "MAX_SCALAR", "NUMERIC_KEYS", "Document", "read_document", "parse_text",
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
#: Characters YAML 1.2 does not allow in a stream (its c-printable set, inverted).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
#: Characters YAML 1.1 (libyaml) breaks lines at, but editors and YAML 1.2 do not.
_YAML11_BREAKS = ("\x85", "\u2028", "\u2029")


class _Loader(yaml.CSafeLoader):
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


@dataclass(slots=True)
class Document:
    """One spec file read strictly: ``data`` is ``None`` when it could not be read at all."""

    file: str
    text: str = ""
    data: Any = None
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at a data path; the key's position when ``key``.

        Falls back to the deepest node that exists on the path.
        """
        node = self.root
        if node is None:
            return (1, 1)
        pos = node.start_mark
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        if last and key:
                            return (k.start_mark.line + 1, k.start_mark.column + 1)
                        node = v
                        pos = v.start_mark
                        break
                else:
                    return (pos.line + 1, pos.column + 1)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                pos = node.start_mark
            else:
                break
        return (pos.line + 1, pos.column + 1)

    def source_line(self, line: int) -> str:
        lines = editor_lines(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _diag(doc: Document, code: str, name: str, message: str | Tr, line: int, column: int,
          hint: str | Tr | None = None) -> None:
    """Add a finding to ``doc``: ``message`` and ``hint`` in both languages (``tr(vi, en)``)."""
    if doc.text:
        # libyaml reports the end of a file without a final line break on a line after it.
        lines = editor_lines(doc.text)
        if line > len(lines):
            line, column = len(lines), len(lines[-1]) + 1
    doc.diagnostics.append(
        Diagnostic(code=code, name=name, message=pick(message, "en"), file=doc.file, line=line, column=column,
                   hint=None if hint is None else pick(hint, "en"),
                   message_vi=message.vi if isinstance(message, Tr) else None,
                   hint_vi=hint.vi if isinstance(hint, Tr) else None)
    )


def _too_deep() -> Tr:
    return tr(f"cấu trúc lồng nhau sâu quá {MAX_DEPTH} cấp", f"nesting is deeper than {MAX_DEPTH} levels")


_REMOVE_CONTROLS = tr("xoá các ký tự điều khiển khỏi tệp", "remove control characters from the file")


def read_document(path: str | os.PathLike[str], *, display: str | None = None) -> Document:
    """Read and parse one spec file; problems become diagnostics on the returned document.

    Only a regular file is read, at most ``MAX_BYTES`` of it (``specfiles.read_capped``).
    """
    name = display if display is not None else os.fspath(path)
    doc = Document(file=name)
    try:
        raw = read_capped(path)
    except Unreadable as err:
        _diag(doc, err.code, err.name, err.said, 1, 1, err.hint_said)
        return doc
    return parse_bytes(raw, doc)


def parse_text(text: str, *, file: str = "<string>") -> Document:
    return parse_bytes(text.encode("utf-8"), Document(file=file))


def parse_bytes(raw: bytes, doc: Document) -> Document:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as everywhere else, not bytes.
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        _diag(doc, "YML009", "invalid-text", tr(f"tệp không phải là văn bản UTF-8 hợp lệ (byte 0x{raw[exc.start]:02x})",
                                                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"),
              line, col, tr("lưu tệp theo bảng mã UTF-8 (Unicode)", "save the file as UTF-8 (Unicode)"))
        return doc
    if "\x00" in text:
        # A binary file: its "lines" are never shown (doc.text stays empty).
        line, col = line_col(text, text.index("\x00"))
        _diag(doc, "YML009", "invalid-text", tr("tệp chứa byte NUL: đây là tệp nhị phân, không phải văn bản",
                                                "the file contains a NUL byte: it is binary, not text"), line, col)
        return doc
    doc.text = text
    # libyaml (YAML 1.1) breaks lines at NEL, U+2028 and U+2029; editors and YAML 1.2 do not.
    # Each is parsed as a stand-in character, so every mark counts lines as an editor does,
    # and put back in the values (where it is reported as a control character).
    restore: dict[int, str] | None = None
    if any(c in text for c in _YAML11_BREAKS):
        stand_ins = [chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text][:3]
        text = text.translate({ord(a): b for a, b in zip(_YAML11_BREAKS, stand_ins)})
        restore = {ord(b): a for a, b in zip(_YAML11_BREAKS, stand_ins)}
    if "&" in text or "*" in text or "!" in text:
        if _check_events(text, doc):
            return doc
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or str(exc)
        if "nesting depth" in problem or "maximum nesting" in problem:
            _diag(doc, "YML007", "too-deep", _too_deep(), line, col)
        elif "unacceptable character" in problem or "special characters" in problem:
            _diag(doc, "YML009", "invalid-text", tr(f"tệp chứa ký tự không được phép ({problem})", problem), line, col,
                  _REMOVE_CONTROLS)
        else:
            lines = editor_lines(text)
            _diag(doc, "YML005", "syntax-error", _syntax_error(problem), line, col,
                  _syntax_hint(problem, lines[line - 1] if 0 < line <= len(lines) else "", col))
        return doc
    except yaml.reader.ReaderError as exc:
        bad = _NON_PRINTABLE.search(text)
        line, col = line_col(text, bad.start() if bad else exc.position)
        if isinstance(exc.character, int):
            said = tr(f"tệp chứa ký tự điều khiển (#x{exc.character:04x})",
                      f"the file contains a control character (#x{exc.character:04x})")
        else:
            said = tr("tệp chứa ký tự mà YAML không cho phép", "the file contains a character YAML does not allow")
        _diag(doc, "YML009", "invalid-text", said, line, col, _REMOVE_CONTROLS)
        return doc
    except yaml.YAMLError as exc:
        _diag(doc, "YML005", "syntax-error", _syntax_error(str(exc)), 1, 1)
        return doc
    except RecursionError:
        _diag(doc, "YML007", "too-deep", _too_deep(), 1, 1)
        return doc
    if not nodes:
        _diag(doc, "YML012", "not-a-mapping", tr("tệp trống; một đặc tả bắt đầu bằng 'motcua: 1' và 'kind'",
                                                 "the file is empty; a spec starts with 'motcua: 1' and 'kind'"), 1, 1)
        return doc
    if len(nodes) > 1:
        starts = [e.start_mark for e in yaml.parse(text, Loader=_Loader)
                  if isinstance(e, yaml.DocumentStartEvent) and e.start_mark is not None]
        second = starts[1] if len(starts) > 1 else nodes[1].start_mark
        line, col = (second.line + 1, second.column + 1) if second is not None else (1, 1)
        _diag(doc, "YML013", "several-documents",
              tr("tệp chứa nhiều tài liệu YAML; mỗi tệp đặc tả chỉ chứa một",
                 "the file holds several YAML documents; a spec file holds one"),
              line, col, tr("xoá dòng '---', hoặc tách thành nhiều tệp", "remove the '---' line, or split the file"))
        return doc
    root = nodes[0]
    doc.root = root
    if not isinstance(root, yaml.MappingNode):
        m = root.start_mark
        _diag(doc, "YML012", "not-a-mapping", tr("tệp đặc tả phải là một ánh xạ từ khoá tới giá trị",
                                                 "a spec file must be a mapping of keys to values"),
              m.line + 1, m.column + 1, tr("bắt đầu tệp bằng 'motcua: 1' và 'kind: procedure'",
                                           "start the file with 'motcua: 1' and 'kind: procedure'"))
        return doc
    normalise = not unicodedata.is_normalized("NFC", text)
    builder = _Builder(doc, normalise, restore)
    data = builder.build(root, 0, None)
    if not any(d.code in _FATAL for d in doc.diagnostics):
        doc.data = data
    return doc


#: What leaves nothing to read on: aliases (not expanded), merge keys (the keys they would bring
#: are missing, and would be reported as such) and nesting too deep. After the others the data
#: is read on without the value (a tag, a text too long: ``None``) or the key (a complex key),
#: so that the rest of the file is checked in the same round.
_FATAL = frozenset({"YML002", "YML003", "YML007"})


#: A text inside ``{...}`` holding ': ' (before the error, on the line of the error).
_FLOW_COLON = re.compile(r"\{[^{}]*:\s[^,{}\"']*:(\s|$)")


#: libyaml's usual words for a syntax error, in Vietnamese (the others are shown as libyaml says them).
_PROBLEMS_VI = {
    "mapping values are not allowed in this context": "không được viết giá trị ánh xạ (': ') ở chỗ này",
    "could not find expected ':'": "không tìm thấy dấu ':' cần có",
    "found character that cannot start any token": "gặp một ký tự không thể mở đầu thành phần nào",
    "found unexpected end of stream": "tệp kết thúc khi cấu trúc còn dang dở",
    "did not find expected key": "không tìm thấy khoá cần có",
    "did not find expected node content": "không tìm thấy nội dung cần có",
    "did not find expected '-' indicator": "không tìm thấy dấu '-' cần có",
    "did not find expected ',' or ']'": "không tìm thấy dấu ',' hoặc ']' cần có",
    "did not find expected ',' or '}'": "không tìm thấy dấu ',' hoặc '}' cần có",
    "found a tab character that violates indentation": "gặp ký tự tab làm sai thụt lề",
    "found a tab character where an indentation space is expected": "gặp ký tự tab ở chỗ cần dấu cách thụt lề",
}


def _syntax_error(problem: str) -> Tr:
    """``YAML syntax error: ...`` in both languages; libyaml's usual words said in Vietnamese."""
    return tr(f"lỗi cú pháp YAML: {_PROBLEMS_VI.get(problem.strip(), problem)}", f"YAML syntax error: {problem}")


def _syntax_hint(problem: str, line: str = "", column: int = 0) -> Tr | None:
    """What to do about a syntax error, from libyaml's words and the line it is on."""
    at = line[column - 1] if 0 < column <= len(line) else ""
    if "\t" in (at, line[:column - 1].lstrip(" ")[:1]) and ("token" in problem or "tab" in problem):
        return tr("thụt lề bằng dấu cách, không dùng tab (tab chỉ được đứng bên trong một đoạn văn bản)",
                  "indent with spaces, not tabs (a tab may stand only inside a text)")
    if "mapping values are not allowed" in problem:
        return tr("văn bản có chứa ': ' phải đặt trong ngoặc kép, ví dụ title: \"Bước 1: tiếp nhận\"",
                  "a text with ': ' inside must be quoted, e.g. title: \"Bước 1: tiếp nhận\"")
    if "found character '\\t'" in problem or "tab" in problem:
        return tr("thụt lề bằng dấu cách, không dùng tab", "indent with spaces, not tabs")
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        if _FLOW_COLON.search(line[:column + 1]):
            return tr("văn bản có chứa ': ' bên trong {...} phải đặt trong ngoặc kép, ví dụ "
                      "title: {vi: \"Bước 1: tiếp nhận\", en: \"Step 1: receive\"}, hoặc viết ánh xạ theo kiểu khối "
                      "(block style)",
                      "a text with ': ' inside {...} must be quoted, e.g. "
                      "title: {vi: \"Bước 1: tiếp nhận\", en: \"Step 1: receive\"}, or write the map in block style")
        return tr("bên trong {...} hoặc [...], văn bản có chứa ':', ',' hoặc dấu ngoặc phải đặt trong ngoặc kép, "
                  "ví dụ {vi: \"Sửa đổi, bổ sung\", en: \"Amending\"}",
                  "inside {...} or [...] a text with ':', ',' or a bracket must be quoted, "
                  "e.g. {vi: \"Sửa đổi, bổ sung\", en: \"Amending\"}")
    if "could not find expected ':'" in problem:
        return tr("kiểm tra thụt lề và xem mỗi khoá đã kết thúc bằng ':' chưa",
                  "check the indentation and that every key ends with ':'")
    return None


def _check_events(text: str, doc: Document) -> bool:
    """Report anchors, aliases and explicit tags from the event stream, before anything is
    expanded; whether an anchor or alias was found (after a tag alone the file is read on,
    without the tagged value)."""
    found = False
    try:
        for event in yaml.parse(text, Loader=_Loader):
            tag = getattr(event, "tag", None)
            m = event.start_mark
            if m is None:
                continue
            if tag is not None and tag != "!" and not isinstance(event, yaml.DocumentStartEvent):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                _diag(doc, "YML004", "custom-tag", _tag_refused(shown), m.line + 1, m.column + 1,
                      tr("bỏ thẻ; viết giá trị dưới dạng văn bản thường hoặc đặt trong ngoặc kép",
                         "remove the tag; write the value as plain or quoted text"))
            if isinstance(event, yaml.AliasEvent):
                _diag(doc, "YML002", "anchor-alias",
                      tr(f"không được dùng bí danh (alias) '*{event.anchor}' trong đặc tả",
                         f"alias '*{event.anchor}' is not allowed in specs"), m.line + 1, m.column + 1,
                      tr("viết đầy đủ giá trị; các đặc tả không dùng chung phần nào",
                         "write the value out in full; specs do not share parts"))
                found = True
            elif getattr(event, "anchor", None):
                anchor = getattr(event, "anchor")
                _diag(doc, "YML002", "anchor-alias", tr(f"không được dùng neo (anchor) '&{anchor}' trong đặc tả",
                                                        f"anchor '&{anchor}' is not allowed in specs"),
                      m.line + 1, m.column + 1, tr("bỏ neo; các đặc tả không dùng chung phần nào",
                                                   "remove the anchor; specs do not share parts"))
                found = True
            if len(doc.diagnostics) >= 20:
                break
    except yaml.YAMLError:
        return False  # the compose step reports the syntax error with its location
    return found


def _tag_refused(tag: str) -> Tr:
    return tr(f"không được dùng thẻ (tag) '{tag}' trong đặc tả", f"tag '{tag}' is not allowed in specs")


class _Builder:
    """Turns the node tree into plain data, reporting what strict reading forbids."""

    __slots__ = ("doc", "normalise", "restore", "check_all")

    def __init__(self, doc: Document, normalise: bool, restore: dict[int, str] | None = None) -> None:
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
            _diag(self.doc, "YML009", "invalid-text",
                  tr(f"{what.vi} chứa {char}, một ký tự điều khiển hoặc không phải ký tự văn bản (ký tự thứ {bad + 1})",
                     f"{what.en} holds {char}, a control or non-text character (character {bad + 1})"),
                  m.line + 1, m.column + 1,
                  tr("xoá ký tự đó: văn bản chỉ được chứa chữ cái, chữ số, dấu câu, dấu cách, tab và dấu xuống dòng",
                     "remove it: texts may hold letters, digits, punctuation, spaces, tabs and line breaks only"))
        return value

    def build(self, node: yaml.Node, depth: int, key: str | None) -> Any:
        if depth > MAX_DEPTH:
            m = node.start_mark
            if not any(d.code == "YML007" for d in self.doc.diagnostics):
                _diag(self.doc, "YML007", "too-deep", _too_deep(), m.line + 1, m.column + 1)
            return None
        tag = node.tag
        if tag not in _DEFAULT_TAGS:
            m = node.start_mark
            if not any(d.code == "YML004" and (d.line, d.column) == (m.line + 1, m.column + 1)
                       for d in self.doc.diagnostics):  # said from the event stream already
                _diag(self.doc, "YML004", "custom-tag", _tag_refused(tag), m.line + 1, m.column + 1,
                      tr("bỏ thẻ; viết giá trị dưới dạng văn bản thường", "remove the tag; write the value as plain text"))
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
            _diag(self.doc, "YML008", "scalar-too-long",
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
                _diag(self.doc, "YML014", "complex-key", tr("khoá phải là văn bản thường, không phải danh sách hay ánh xạ",
                                                            "a key must be plain text, not a list or mapping"),
                      m.line + 1, m.column + 1)
                continue
            name = self.text(k, k.value, tr("một khoá", "a key"))
            m = k.start_mark
            if name == "<<" and not k.style:
                _diag(self.doc, "YML003", "merge-key", tr("không được dùng khoá gộp ('<<') trong đặc tả",
                                                          "merge keys ('<<') are not allowed in specs"),
                      m.line + 1, m.column + 1, tr("viết đầy đủ các khoá", "write the keys out in full"))
                continue
            if name in out or name in first_line:
                _diag(self.doc, "YML001", "duplicate-key",
                      tr(f"khoá '{name}' bị lặp (đã khai báo lần đầu ở dòng {first_line[name]})",
                         f"duplicate key '{name}' (first defined on line {first_line[name]})"),
                      m.line + 1, m.column + 1, tr("xoá một trong hai khoá, hoặc gộp giá trị của chúng",
                                                   "remove one of the two, or merge their values"))
                continue
            first_line[name] = m.line + 1
            if flow and isinstance(v, yaml.ScalarNode) and not v.style and v.value == "" and len(node.value) > 1:
                if any(_LANG.fullmatch(str(kk.value)) for kk, vv in node.value if kk is not k):
                    _diag(self.doc, "YML011", "comma-split-text",
                          tr(f"'{name}' bị đọc thành một khoá riêng: bên trong {{...}}, dấu phẩy không đặt trong "
                             "ngoặc kép sẽ kết thúc văn bản",
                             f"'{name}' reads as a separate key: an unquoted comma inside {{...}} ends the text"),
                          m.line + 1, m.column + 1,
                          tr("đặt văn bản trong ngoặc kép (vi: \"Sửa đổi, bổ sung\") hoặc viết ánh xạ theo kiểu khối "
                             "(block style)",
                             "quote the text (vi: \"Sửa đổi, bổ sung\") or write the map in block style"))
            out[name] = self.build(v, depth + 1, name)
        return out
