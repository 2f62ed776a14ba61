"""Texts from a foreign record made fit for a spec: NFC, no control characters, tidy whitespace.

A spec may not hold control characters (``engine.spec.printable``: the strict reader refuses
them), nor should it hold the invisible marks that reorder or hide text (bidirectional controls,
zero-width characters), which records copied from word processors carry. They are removed and
counted, so the import report says how many. Whitespace is tidied, never the words: runs of
spaces (tabs, no-break spaces) become one space, lines are trimmed, line breaks are kept where
a text may span lines and become spaces where it may not (a title, a name).
"""

from __future__ import annotations

import re
import unicodedata

from motcua.engine.spec.printable import FORBIDDEN

__all__ = ["Cleaner"]

#: Invisible format characters: bidirectional marks, embeddings, overrides and isolates; zero-width
#: spaces and joiners; the word joiner; the byte-order mark inside a text.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than a line break (tab, NBSP, thin spaces...)
_BLANK_RUNS = re.compile(r"\n{3,}")


class Cleaner:
    """Cleans texts and counts what it removed (``removed``: characters taken out)."""

    __slots__ = ("removed",)

    def __init__(self) -> None:
        self.removed = 0

    def _strip_forbidden(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\x85", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
        before = len(text)
        text = FORBIDDEN.sub("", text)
        text = _INVISIBLE.sub("", text)
        self.removed += before - len(text)
        return text

    def line(self, text: str) -> str:
        """A one-line text (a title, a name, a code): whitespace runs, line breaks too, become one space."""
        return " ".join(self._strip_forbidden(text).split())

    def block(self, text: str) -> str:
        """A text that may span lines: each line trimmed with its spaces collapsed, at most one
        blank line between paragraphs, no blank lines around it."""
        lines = [_SPACES.sub(" ", ln).strip() for ln in self._strip_forbidden(text).split("\n")]
        return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
