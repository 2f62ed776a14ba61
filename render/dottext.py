"""Spec text as ``render.dot`` writes it into a chart: escaped, wrapped into lines, and cut short.

A text may be as long as a spec allows (tens of thousands of characters), but a chart shows
only the start of a long one, cut at a word with "…"; the whole text stays in the SVG's
``<title>`` (the hover text, ``render.svg``) and on the page. dot itself refuses a quoted string
longer than 16,384 bytes, and a box of a few hundred lines is no use to anyone. The limits were
chosen by drawing real long procedure, step and unit names (about 300 characters for the
longest procedure names) and looking at the charts.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = [
    "CAPTION_LINE_LIMIT",
    "CAPTION_TITLE_LIMIT",
    "EDGE_LIMIT",
    "LANE_LIMIT",
    "LINE_LIMIT",
    "TIP_LIMIT",
    "TITLE_LIMIT",
    "centred",
    "cut",
    "html_text",
    "plain",
    "quote",
    "wrap",
]

# Characters XML 1.0 cannot carry (dot would copy them into the SVG and break it) and the C1
# controls. Whitespace, newlines included, collapses to single spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

#: The most characters of each kind of text a chart shows; a longer text is cut at a word.
#: A box's title: seven lines of a citizen's box (``render.dot.TITLE_WIDTH``); the longest
#: of the shipped catalogue, a result of about 190 characters, whole.
TITLE_LIMIT: Final = 200
#: A line of smaller text in a box (a record to bring with its form and count, a result), before
#: it is wrapped: the longest records of the shipped catalogue, about 230 characters, whole.
LINE_LIMIT: Final = 320
#: A lane header: six lines of the narrow header column; the longest unit of the shipped
#: catalogue, about 105 characters in English, whole.
LANE_LIMIT: Final = 110
#: An edge label (an outcome, a time-out): four short lines beside the arrow.
EDGE_LIMIT: Final = 96
#: The procedure's name over a standalone chart: the longest real names (about 300 characters)
#: whole, on four lines.
CAPTION_TITLE_LIMIT: Final = 360
#: Each caption line under it (code and version, the times).
CAPTION_LINE_LIMIT: Final = 200
#: A hover text dot writes (a standalone SVG's tooltips). ``render.svg`` puts the whole text
#: back into the SVG; this only keeps dot's quoted strings well under its 16,384-byte limit.
TIP_LIMIT: Final = 1000

# A chart repeats its phrases (legend, lane titles, times) and a catalogue repeats its charts'
# wording, so the helpers below remember what they have escaped and wrapped.
_CACHE: Final = 8192
#: A cut goes back to the last space before the limit, unless that would drop more than this
#: share of what may be shown (a very long word is cut inside).
_WORD_BACK: Final = 0.3
#: Marks that do not end a shortened text well: "Điều 1, …" reads better as "Điều 1…".
_TRAILING: Final = " ,;:-–—/(·"


@lru_cache(maxsize=_CACHE)
def plain(text: str) -> str:
    """``text`` in NFC, without control characters, its whitespace runs made single spaces."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub("", text).split())


@lru_cache(maxsize=_CACHE)
def cut(text: str, limit: int) -> str:
    """``text`` (made ``plain``) of at most ``limit`` characters: cut at the last word that fits,
    and ended with "…", when it is longer."""
    text = plain(text)
    if len(text) <= limit:
        return text
    room = limit - 1  # for the "…"
    space = text.rfind(" ", 0, room + 1)
    end = space if space >= room * (1 - _WORD_BACK) else room
    return text[:end].rstrip(_TRAILING) + "…"


@lru_cache(maxsize=_CACHE)
def html_text(text: str) -> str:
    """Text for inside an HTML-like label: XML-escaped, and backslashes doubled.

    dot expands ``\\N``, ``\\G`` and ``\\L`` even inside HTML labels (2.43, also when written as
    ``&#92;N``); a doubled backslash prints one literal backslash.
    """
    return html.escape(plain(text), quote=True).replace("\\", "\\\\")


@lru_cache(maxsize=_CACHE)
def quote(text: str) -> str:
    """A double-quoted DOT string whose escapes (``\\N``, ``\\n``...) print literally."""
    return '"' + plain(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


@lru_cache(maxsize=_CACHE)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """Greedy word wrap at ``width`` characters (``textwrap.wrap`` with ``break_on_hyphens=False``
    on collapsed whitespace, a third the cost); a word longer than a line is split across lines."""
    words = plain(text).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:  # a word no line can hold: as much as fits on a line of its own
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return tuple(lines)


def centred(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` as centred lines of an HTML-like label."""
    return '<BR ALIGN="CENTER"/>'.join(html_text(line) for line in wrap(text, width))
