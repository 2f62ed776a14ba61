"""Where a finding is, said as an author reads the file: items of a list by their id.

A JSON pointer counts list items from 0 (``steps/4/title``), while the chart, the site and the
author count steps from 1; and steps, records, units and ends have ids the author wrote. A path
is shown with each list item named by what names it in the file: its ``id``, a channel by its
channel, a day off by its date, else its place counted from 1 (``steps[nop-ho-so].title``,
``channels[online].time_limit``, ``fees[#2].amount``). The pointer stays in the diagnostic's
``path`` for programs.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from motcua.engine.spec.i18n import Tr, tr

__all__ = ["describe_path", "describe_path_tr"]

#: The keys that name a list item, in the order they are tried.
NAMING_KEYS = ("id", "channel", "date")
_NAME = re.compile(r"[^\s\[\]]{1,80}")


def _name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in NAMING_KEYS:
            value = item.get(key)
            if isinstance(value, str) and _NAME.fullmatch(value):
                return value
    return None


def describe_path(data: Any, path: Sequence[str | int], *, whole: str = "the file") -> str:
    """``path`` (keys and list indexes into ``data``) as text: ``steps[nop-ho-so].title``.

    >>> describe_path({"steps": [{"id": "a"}, {"id": "nop-ho-so", "title": "x"}]}, ["steps", 1, "title"])
    'steps[nop-ho-so].title'
    >>> describe_path({"fees": [{"amount": 1}, {"amount": "x"}]}, ["fees", 1, "amount"])
    'fees[#2].amount'
    >>> describe_path({}, [])
    'the file'
    """
    out = ""
    node: Any = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = _name(item)
            out += f"[{name}]" if name is not None else f"[#{part + 1}]"
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or whole


def describe_path_tr(data: Any, path: Sequence[str | int]) -> Tr:
    """:func:`describe_path` in both languages: the same path, and the whole file said as
    ``tệp`` or ``the file``."""
    return tr(describe_path(data, path, whole="tệp"), describe_path(data, path))
