"""Placeholders of the ``motcua new`` templates left in: a text where the template's ``...``
still stands for what the author has to write (TPL001)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import Document
from motcua.validators.language import texts
from motcua.validators.paths import describe_path

__all__ = ["PLACEHOLDER", "check_placeholders"]

#: A placeholder: ``...`` (or ``…``) standing alone or ending the text after a space, as the
#: templates write them ("Tên thủ tục ...", "..."), never the dots that end a sentence or an
#: abbreviation ("v.v...").
PLACEHOLDER = re.compile(r"(^|\s)(\.\.\.|…)\s*$")


def _languages(text: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(text, str):
        yield None, text
    elif isinstance(text, dict):
        for lang, value in text.items():
            if isinstance(value, str):
                yield str(lang), value


def check_placeholders(doc: Document) -> Iterator[Diagnostic]:
    """TPL001 for each text of the document holding a template placeholder."""
    for path, text in texts(doc.data):
        for lang, value in _languages(text):
            if PLACEHOLDER.search(value):
                at = path if lang is None else path + (lang,)
                line, col = doc.locate(at)
                where, shown = describe_path(doc.data, path), value.strip()
                yield diag("TPL001", tr(f"{where} vẫn còn chỗ để trống của mẫu: '{shown}'",
                                        f"{where} still holds the template's placeholder: '{shown}'"),
                           file=doc.file, line=line, column=col,
                           hint=tr("viết nội dung thật vào chỗ '...'", "write the real text in place of '...'"))
