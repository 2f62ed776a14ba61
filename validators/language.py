"""Language checks: every text has each language its agency declares, and no other.

Texts are the values of the text keys (titles, descriptions, notes, fee prose...), the items of
the text lists (conditions, receiving addresses) and the bodies named by the record, each a
text or a map with a ``title``."""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.yamlstrict import Document
from motcua.engine.spec.rules import diag
from motcua.validators.paths import describe_path

__all__ = ["TEXT_KEYS", "check_languages", "texts"]

#: Keys whose values are texts (a string or a map of language to string).
TEXT_KEYS = frozenset({"title", "description", "when", "address", "note", "time_note", "text", "applies_to"})
#: Keys whose values are lists of texts.
TEXT_LIST_KEYS = frozenset({"conditions", "where"})
#: Keys whose values are lists of bodies: a text, or a map whose ``title`` is the text.
BODY_LIST_KEYS = frozenset({"authority", "executing", "coordinating", "delegated"})


def texts(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every text of a spec's data, with its path: a string or a map of language to string."""
    return _texts(data, ())


def _texts(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k in TEXT_KEYS and (isinstance(v, (str, dict))):
                yield path + (k,), v
            elif k in TEXT_LIST_KEYS and isinstance(v, list):
                for i, item in enumerate(v):
                    yield path + (k, i), item
            elif k in BODY_LIST_KEYS and isinstance(v, list):
                for i, item in enumerate(v):
                    if isinstance(item, dict) and "title" in item:
                        yield from _texts(item, path + (k, i))
                    else:
                        yield path + (k, i), item
            elif k == "calendar":
                # A day off's note written in one language is the agency's own record of an
                # announcement; one written as a map of languages is checked as a text.
                yield from ((p, t) for p, t in _texts(v, path + (k,)) if isinstance(t, dict))
            else:
                yield from _texts(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _texts(v, path + (i,))


def _map_hint(declared: Sequence[str]) -> Tr:
    """How to write a text in every language: quoted inside ``{...}`` (where an unquoted comma
    or colon would end the text), or one language a line."""
    flow = ", ".join(f'{lang}: "..."' for lang in declared)
    block = "; ".join(f'{lang}: ...' for lang in declared)
    return tr(f"ghi thành một ánh xạ theo ngôn ngữ, mỗi văn bản đặt trong ngoặc kép, {{{flow}}}, hoặc mỗi ngôn ngữ "
              f"một dòng dưới khoá ({block})",
              f"write it as a map with each text quoted, {{{flow}}}, or one language a line under the key ({block})")


def check_languages(doc: Document, languages: Sequence[str]) -> Iterator[Diagnostic]:
    if not languages:
        return
    f = doc.file
    declared = list(languages)
    for path, text in _texts(doc.data, ()):
        if isinstance(text, str):
            have = [declared[0]]
        elif isinstance(text, dict):
            have = [str(k) for k in text]
        else:
            continue
        missing = [x for x in declared if x not in have]
        where = describe_path(doc.data, path)
        if missing:
            line, col = doc.locate(path)
            absent = ", ".join(missing)
            yield diag("LNG001", tr(f"{where} chưa có nội dung bằng ngôn ngữ {absent}", f"{where} has no {absent} text"),
                       file=f, line=line, column=col, hint=_map_hint(declared))
        shown = ", ".join(declared)
        for extra in (x for x in have if x not in declared):
            line, col = doc.locate(path + (extra,), key=True)
            yield diag("LNG002", tr(f"{where} có nội dung bằng '{extra}', một ngôn ngữ mà cơ quan không khai báo",
                                    f"{where} has a '{extra}' text, a language the agency does not declare"),
                       file=f, line=line, column=col,
                       hint=tr(f"các ngôn ngữ của cơ quan: {shown}", f"the agency's languages: {shown}"))
