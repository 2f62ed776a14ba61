"""Search folding for the catalogue index: Vietnamese text compared without diacritics or case.

The index page stores each procedure's folded names and codes; ``static/search.js`` folds the
query with the same rule, so ``thuong binh`` finds ``thương binh`` and ``Đăng ký`` finds ``dang ky``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]



class _Table(dict[int, "int | None"]):
    """``str.translate`` table, filled as characters are met: a mark (Unicode category M) is
    dropped, đ/Đ become d (letters of their own, which decomposition leaves), the rest stay."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        value: int | None = code
        if unicodedata.category(char).startswith("M"):
            value = None
        elif char in "đĐ":
            value = ord("d")
        self[code] = value
        return value


_TABLE = _Table()


def fold(text: str) -> str:
    """Lower case, no combining marks, đ as d, runs of white space as one space.

    Mirrors ``fold`` in ``static/search.js``: NFD, drop every mark (Unicode category M),
    map đ to d, lower-case.
    """
    return " ".join(unicodedata.normalize("NFD", text).translate(_TABLE).lower().split())
