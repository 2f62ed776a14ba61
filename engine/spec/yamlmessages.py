"""How strict YAML reading words what it finds: a finding on a file, and libyaml's syntax errors.

``add_finding`` puts a diagnostic, in both languages, on whatever holds a file's findings (the
``Document`` of ``motcua.engine.spec.yamlstrict``); ``syntax_error`` says libyaml's usual words
for a syntax error in Vietnamese too, and ``syntax_hint`` says what to do about it from those
words and the line it is on.
"""

from __future__ import annotations

import re
from typing import Protocol

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import Tr, pick, tr
from motcua.engine.spec.specfiles import editor_lines

__all__ = ["REMOVE_CONTROLS", "Findings", "add_finding", "syntax_error", "syntax_hint"]

REMOVE_CONTROLS = tr("xoá các ký tự điều khiển khỏi tệp", "remove control characters from the file")

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


class Findings(Protocol):
    """What holds the findings on one file: its name, its text (empty if never shown) and them."""

    file: str
    text: str
    diagnostics: list[Diagnostic]


def add_finding(doc: Findings, code: str, name: str, message: str | Tr, line: int, column: int,
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


def syntax_error(problem: str) -> Tr:
    """``YAML syntax error: ...`` in both languages; libyaml's usual words said in Vietnamese."""
    return tr(f"lỗi cú pháp YAML: {_PROBLEMS_VI.get(problem.strip(), problem)}", f"YAML syntax error: {problem}")


def syntax_hint(problem: str, line: str = "", column: int = 0) -> Tr | None:
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
