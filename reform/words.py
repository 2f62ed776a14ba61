"""The reform room's words in two languages: a word of a table of ``(vi, en)`` pairs, a text of
the spec (``{vi, en}``) in the language asked, and any text escaped for a page.

The diff, report, oversight and simulation reports each keep their own table of words; these
are the few lines they all read them with.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any, Literal

__all__ = ["Lang", "e", "pick", "say"]

Lang = Literal["vi", "en"]


def pick(words: Mapping[str, tuple[str, str]], key: str, lang: Lang) -> str:
    """The word ``key`` of ``words`` (``(vi, en)`` pairs) in ``lang``."""
    vi, en = words[key]
    return vi if lang == "vi" else en


def say(title: Mapping[str, Any] | None, lang: Lang, fallback: str = "") -> str:
    """A text of the spec in ``lang``, else in the first language it has, on one line (its
    white space folded); ``fallback`` when there is none."""
    if not title:
        return fallback
    return " ".join(str(title.get(lang) or next(iter(title.values()))).split())


def e(text: Any) -> str:
    """``text`` escaped for HTML, quotes too (for text and attribute values alike)."""
    return escape(str(text), quote=True)
