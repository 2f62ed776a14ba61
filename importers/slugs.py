"""ASCII ids (slugs) made from Vietnamese names, and ids kept unique within one spec.

A spec id is ``[a-z0-9]+(-[a-z0-9]+)*`` (the schema's ``slug``). Vietnamese letters fold to
their base letter: the tone and vowel marks are combining characters once decomposed (NFD), and
``đ``/``Đ``, a letter of its own that decomposes to nothing, folds to ``d``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_SLUG", "IdPool", "slugify"]

#: The longest slug made from a name, in characters: long enough to tell procedures apart,
#: short enough for a file name and a readable ``checks`` list.
MAX_SLUG = 60

_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str, *, max_length: int = MAX_SLUG) -> str:
    """``text`` as an ASCII slug: diacritics dropped, ``đ`` as ``d``, every run of other
    characters one hyphen, cut at a hyphen to at most ``max_length`` characters. ``""`` when
    nothing of ``text`` is a letter or digit.

    >>> slugify("Thủ tục đăng ký khai tử")
    'thu-tuc-dang-ky-khai-tu'
    >>> slugify("Đăng ký, quản lý cư trú")
    'dang-ky-quan-ly-cu-tru'
    >>> slugify("104/2022/NĐ-CP")
    '104-2022-nd-cp'
    """
    # Only the head of a long text can reach the slug: fold that, and the whole only if too short.
    head = text[: 3 * max_length + 8]
    slug = _fold(head)
    if len(head) < len(text) and len(slug) <= max_length + 1:
        slug = _fold(text)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    cut = cut[: cut.rfind("-")] if "-" in cut else cut[:max_length]
    return cut.strip("-")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    bare = "".join(c for c in folded if not unicodedata.combining(c)).translate(_FOLD)
    return _NOT_SLUG.sub("-", bare.lower()).strip("-")


class IdPool:
    """Ids already taken in one namespace; :meth:`take` returns a free one, adding ``-2``,
    ``-3``... to a slug already taken (the order of the calls decides, so callers call in a
    fixed order)."""

    __slots__ = ("_taken",)

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken: set[str] = set(taken or ())

    def __contains__(self, slug: str) -> bool:
        return slug in self._taken

    def take(self, slug: str, *, fallback: str) -> str:
        base = slug if slug else fallback
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate
