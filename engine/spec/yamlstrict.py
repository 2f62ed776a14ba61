"""Strict YAML reading: bytes -> plain data plus the node tree that keeps every line and column.

Built on libyaml (PyYAML's ``CSafeLoader``) for the parse. Duplicate keys, anchors and aliases,
merge keys and custom tags are reported, never expanded; scalars are text exactly as typed
unless the key holds a number; sizes, nesting depth and scalar length are capped; text is NFC.
This module reads a file or a text into a ``Document`` (its data, its node tree, the line and
column of any path in it, and its findings); the rules it reads by are in
``motcua.engine.spec.yamlrules``, the words of its findings in ``motcua.engine.spec.yamlmessages``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.specfiles import MAX_BYTES, Unreadable, editor_lines, line_col, read_capped
from motcua.engine.spec.yamlmessages import REMOVE_CONTROLS, add_finding, syntax_error, syntax_hint
from motcua.engine.spec.yamlrules import FATAL, Builder, Loader, check_events, too_deep

__all__ = ["MAX_BYTES", "Document", "read_document", "parse_text"]

#: Characters YAML 1.2 does not allow in a stream (its c-printable set, inverted).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
#: Characters YAML 1.1 (libyaml) breaks lines at, but editors and YAML 1.2 do not.
_YAML11_BREAKS = ("\x85", "\u2028", "\u2029")


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


def read_document(path: str | os.PathLike[str], *, display: str | None = None) -> Document:
    """Read and parse one spec file; problems become diagnostics on the returned document.

    Only a regular file is read, at most ``MAX_BYTES`` of it (``specfiles.read_capped``).
    """
    name = display if display is not None else os.fspath(path)
    doc = Document(file=name)
    try:
        raw = read_capped(path)
    except Unreadable as err:
        add_finding(doc, err.code, err.name, err.said, 1, 1, err.hint_said)
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
        add_finding(doc, "YML009", "invalid-text",
                    tr(f"tệp không phải là văn bản UTF-8 hợp lệ (byte 0x{raw[exc.start]:02x})",
                       f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"),
                    line, col, tr("lưu tệp theo bảng mã UTF-8 (Unicode)", "save the file as UTF-8 (Unicode)"))
        return doc
    if "\x00" in text:
        # A binary file: its "lines" are never shown (doc.text stays empty).
        line, col = line_col(text, text.index("\x00"))
        add_finding(doc, "YML009", "invalid-text", tr("tệp chứa byte NUL: đây là tệp nhị phân, không phải văn bản",
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
        if check_events(text, doc):
            return doc
    try:
        nodes = list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or str(exc)
        if "nesting depth" in problem or "maximum nesting" in problem:
            add_finding(doc, "YML007", "too-deep", too_deep(), line, col)
        elif "unacceptable character" in problem or "special characters" in problem:
            add_finding(doc, "YML009", "invalid-text", tr(f"tệp chứa ký tự không được phép ({problem})", problem),
                        line, col, REMOVE_CONTROLS)
        else:
            lines = editor_lines(text)
            add_finding(doc, "YML005", "syntax-error", syntax_error(problem), line, col,
                        syntax_hint(problem, lines[line - 1] if 0 < line <= len(lines) else "", col))
        return doc
    except yaml.reader.ReaderError as exc:
        bad = _NON_PRINTABLE.search(text)
        line, col = line_col(text, bad.start() if bad else exc.position)
        if isinstance(exc.character, int):
            said = tr(f"tệp chứa ký tự điều khiển (#x{exc.character:04x})",
                      f"the file contains a control character (#x{exc.character:04x})")
        else:
            said = tr("tệp chứa ký tự mà YAML không cho phép", "the file contains a character YAML does not allow")
        add_finding(doc, "YML009", "invalid-text", said, line, col, REMOVE_CONTROLS)
        return doc
    except yaml.YAMLError as exc:
        add_finding(doc, "YML005", "syntax-error", syntax_error(str(exc)), 1, 1)
        return doc
    except RecursionError:
        add_finding(doc, "YML007", "too-deep", too_deep(), 1, 1)
        return doc
    if not nodes:
        add_finding(doc, "YML012", "not-a-mapping", tr("tệp trống; một đặc tả bắt đầu bằng 'motcua: 1' và 'kind'",
                                                       "the file is empty; a spec starts with 'motcua: 1' and 'kind'"),
                    1, 1)
        return doc
    if len(nodes) > 1:
        starts = [e.start_mark for e in yaml.parse(text, Loader=Loader)
                  if isinstance(e, yaml.DocumentStartEvent) and e.start_mark is not None]
        second = starts[1] if len(starts) > 1 else nodes[1].start_mark
        line, col = (second.line + 1, second.column + 1) if second is not None else (1, 1)
        add_finding(doc, "YML013", "several-documents",
                    tr("tệp chứa nhiều tài liệu YAML; mỗi tệp đặc tả chỉ chứa một",
                       "the file holds several YAML documents; a spec file holds one"),
                    line, col, tr("xoá dòng '---', hoặc tách thành nhiều tệp", "remove the '---' line, or split the file"))
        return doc
    root = nodes[0]
    doc.root = root
    if not isinstance(root, yaml.MappingNode):
        m = root.start_mark
        add_finding(doc, "YML012", "not-a-mapping", tr("tệp đặc tả phải là một ánh xạ từ khoá tới giá trị",
                                                       "a spec file must be a mapping of keys to values"),
                    m.line + 1, m.column + 1, tr("bắt đầu tệp bằng 'motcua: 1' và 'kind: procedure'",
                                                 "start the file with 'motcua: 1' and 'kind: procedure'"))
        return doc
    normalise = not unicodedata.is_normalized("NFC", text)
    builder = Builder(doc, normalise, restore)
    data = builder.build(root, 0, None)
    if not any(d.code in FATAL for d in doc.diagnostics):
        doc.data = data
    return doc
