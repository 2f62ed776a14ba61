"""Diagnostic output formats: text with a source caret, JSON, GitHub workflow commands and SARIF 2.1.0.

Messages and hints are in the language of the run (``engine.spec.i18n``); codes and JSON keys
are the same in both. Text meant for a terminal or a CI log (text and GitHub formats) shows control characters from
spec files as escapes (``engine.printable.visible``): a spec cannot colour the terminal, move
its cursor or forge a line. Source lines are read only from regular files that are text.
"""

from __future__ import annotations

import json
from typing import Callable, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import current
from motcua.engine.spec.printable import visible
from motcua.engine.spec.specfiles import source_line
from motcua.engine.spec.rules import RULES, rule_text

__all__ = ["FORMATS", "format_text", "format_json", "format_github", "format_sarif", "summary_line"]

FORMATS = ("text", "json", "github", "sarif")


#: Findings about a file that was not read: it has no source line to show.
_UNREAD = frozenset({"YML006", "YML010"})


def _source_line(d: Diagnostic, cache: dict[tuple[str, int], str]) -> str:
    if d.code in _UNREAD:
        return ""
    key = (d.file, d.line)
    if key not in cache:
        cache[key] = source_line(d.file, d.line)
    return cache[key]


def format_text(diagnostics: Sequence[Diagnostic], *, color: bool = False, source: bool = True) -> str:
    """``path:line:col: CODE message``, then the source line with a caret and the hint."""
    red, yellow, dim, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m") if color else ("",) * 5
    cache: dict[tuple[str, int], str] = {}
    out: list[str] = []
    vi = current() == "vi"
    warning, hint_word = ("cảnh báo: ", "gợi ý") if vi else ("warning: ", "hint")
    for d in diagnostics:
        tone = red if d.is_error else yellow
        level = "" if d.is_error else warning
        out.append(f"{bold}{visible(d.file)}:{d.line}:{d.column}:{reset} {tone}{d.code}{reset} {level}{visible(d.text())}")
        text = _source_line(d, cache) if source else ""
        if text.strip():
            gutter = f"{d.line:>5} | "
            before = text[: max(0, d.column - 1)]
            out.append(f"{dim}{gutter}{reset}{visible(text)}")
            # The caret stands under the character the column counts, escapes and tabs included.
            caret_pad = "".join(c if c == "\t" else " " * len(visible(c)) for c in before)
            out.append(f"{dim}{' ' * (len(gutter) - 2)}| {reset}{caret_pad}{tone}^{reset}")
        hint = d.hint_text()
        if hint:
            out.append(f"      {dim}= {hint_word}:{reset} {visible(hint)}")
    return "\n".join(out) + ("\n" if out else "")


def summary_line(*, files: int, procedures: int, errors: int, warnings: int) -> str:
    if current() == "vi":
        return f"{files} tệp, {procedures} thủ tục, {errors} lỗi, {warnings} cảnh báo"

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{n(files, 'file')}, {n(procedures, 'procedure')}, {n(errors, 'error')}, {n(warnings, 'warning')}"


def format_json(diagnostics: Sequence[Diagnostic], *, summary: dict[str, int] | None = None) -> str:
    doc: dict[str, object] = {"diagnostics": [d.as_dict() for d in diagnostics]}
    if summary is not None:
        doc["summary"] = summary
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = visible(text, keep_newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands (annotations), one per diagnostic."""
    out = []
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        props = f"file={_gh_escape(d.file, prop=True)},line={d.line},col={d.column}"
        props += f",title={_gh_escape(d.code + ' ' + d.name, prop=True)}"
        hint = d.hint_text()
        msg = d.text() + (f" ({'gợi ý' if current() == 'vi' else 'hint'}: {hint})" if hint else "")
        out.append(f"::{level} {props}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def format_sarif(diagnostics: Sequence[Diagnostic], *, version: str = "0") -> str:
    """SARIF 2.1.0 with one run, the full rule list and code-point columns."""
    index = {code: i for i, code in enumerate(r.code for r in RULES)}
    lang = current()
    example_word, hint_word = ("Ví dụ", "Gợi ý") if lang == "vi" else ("Example", "Hint")
    rules = []
    for r in RULES:
        summary, why, fix = rule_text(r, lang)
        rules.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": why},
            "help": {"text": f"{fix}\n\n{example_word}:\n{r.example}"},
            "defaultConfiguration": {"level": "error" if r.severity.value == "error" else "warning"},
        })
    results = []
    for d in diagnostics:
        region: dict[str, int] = {"startLine": d.line, "startColumn": d.column}
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.text() + (f" {hint_word}: {d.hint_text()}" if d.hint else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": d.file.replace("\\", "/")},
                                                "region": region}}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "motcua", "version": version, "informationUri": "https://pypi.org/project/motcua/",
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif,
}
