"""Search folding for the catalogue index: Vietnamese text compared without diacritics or case.

The index page stores each procedure's folded names and codes; ``static/search.js`` folds the
query with the same rule, so ``thuong binh`` finds ``thương binh`` and ``Đăng ký`` finds ``dang ky``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

# đ/Đ are letters of their own, not d plus a combining mark, so decomposition leaves them.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower case, no combining marks, đ as d, runs of white space as one space.

    Mirrors ``fold`` in ``static/search.js``: NFD, drop every mark (Unicode category M),
    map đ to d, lower-case.
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return " ".join(bare.translate(_LETTERS).lower().split())
