"""Bar charts of the report, drawn by matplotlib into SVG that sits inside the page.

matplotlib draws with its SVG backend on a ``Figure`` of its own (no ``pyplot`` state, no
display, no network); text stays text (``svg.fonttype: none``) so that the page's fonts draw
Vietnamese and a reader can select it; ids come from a fixed salt so the same report gives the
same page. ``render.site.figures.inline_svg`` then gives each chart's ids a prefix and the root
``role="img"`` with a ``<title>`` and a ``<desc>``, as the site's charts have.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from motcua.render.site.figures import inline_svg

__all__ = ["Series", "bar_chart"]

#: Colours told apart by people with the common colour-vision deficiencies (Okabe-Ito), each
#: also with its own hatch, so that print in black and white keeps them apart.
_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
_HATCHES = ("", "//", "\\\\", "xx", "--")

_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)

_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "motcua-report",
    "font.family": ["DejaVu Sans"],
    "font.size": 10.0,
    "hatch.linewidth": 0.6,
}


@dataclass(frozen=True, slots=True)
class Series:
    """One bar of each category: its label in the legend and its values (``None``: no bar)."""

    label: str
    values: tuple[float | None, ...]


def bar_chart(categories: Sequence[str], series: Sequence[Series], *, axis: str, prefix: str, title: str,
              desc: str, stacked: bool = False) -> str:
    """Horizontal bars, one group per category (top to bottom in the given order), as an inline
    ``<svg>`` with ``title`` and ``desc`` for assistive technology and ids under ``prefix``."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        height = 1.0 + max(1, len(categories)) * (0.35 if stacked else 0.22 * len(series) + 0.15)
        fig = Figure(figsize=(7.5, height))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        _draw(ax, list(categories), series, stacked)
        ax.set_xlabel(axis)
        ax.invert_yaxis()
        ax.grid(axis="x", color="#cbd5e0", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if len(series) > 1:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(series), frameon=False)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _METADATA.sub("", buffer.getvalue().decode("utf-8"))
    return inline_svg(svg.encode("utf-8"), prefix=prefix, title=title, desc=desc)


def _draw(ax: object, categories: list[str], series: Sequence[Series], stacked: bool) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    positions = list(range(len(categories)))
    width = 0.8 if stacked else 0.8 / max(1, len(series))
    left = [0.0] * len(categories)
    for n, s in enumerate(series):
        values = [v if v is not None else 0.0 for v in s.values]
        ys = positions if stacked else [p - 0.4 + width * (n + 0.5) for p in positions]
        ax.barh(ys, values, height=width, left=left if stacked else None, label=s.label,
                color=_COLOURS[n % len(_COLOURS)], hatch=_HATCHES[n % len(_HATCHES)], edgecolor="#1a202c",
                linewidth=0.5)
        if stacked:
            left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(positions, categories)
