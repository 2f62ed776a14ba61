"""The language people read: Vietnamese or English, chosen once per run.

Everything a person reads (a diagnostic's message and hint, a rule's explanation, the command
line's own messages) exists in both languages as a :class:`Tr` pair. Which one is shown is
chosen by ``--lang vi|en``, then the ``MOTCUA_LANG`` environment variable, then the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: one that starts with ``en`` means English), and is
Vietnamese when none says. Codes, JSON keys and the spec language's own key names never change
with it.

Code that shows text calls :func:`current` (or takes a ``lang``); code that makes text gives
both languages, ``tr("Tệp không tồn tại", "no such file")``.
"""

from __future__ import annotations

import contextlib
import os
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator, Mapping

from motcua.engine.spec.vocabulary import LANGUAGES, Lang

__all__ = ["LANGUAGES", "Lang", "Tr", "current", "from_environment", "pick", "restore", "speaking", "tr", "use"]

#: The language a command line chose with ``--lang`` (unset: the environment decides).
_CHOSEN: ContextVar[Lang | None] = ContextVar("motcua_lang", default=None)

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def from_environment(environ: Mapping[str, str] | None = None) -> Lang:
    """``MOTCUA_LANG`` when it names a language, else the first locale variable set, else ``vi``."""
    env = os.environ if environ is None else environ
    chosen = env.get("MOTCUA_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "vi"
    return "vi"


def current() -> Lang:
    """The language of this run: the one chosen by :func:`use`, else the environment's."""
    chosen = _CHOSEN.get()
    return chosen if chosen is not None else from_environment()


def use(lang: Lang | None) -> object:
    """Choose ``lang`` for what follows (``None``: the environment decides); returns a token for
    :func:`restore`."""
    return _CHOSEN.set(lang)


def restore(token: object) -> None:
    _CHOSEN.reset(token)  # type: ignore[arg-type]


@contextlib.contextmanager
def speaking(lang: Lang | None) -> Iterator[None]:
    """``with speaking("en"): ...`` shows text in English inside the block."""
    token = _CHOSEN.set(lang)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


@dataclass(frozen=True, slots=True)
class Tr:
    """One text in both languages; ``str()`` gives it in the language of the run."""

    vi: str
    en: str

    def in_(self, lang: Lang | None = None) -> str:
        return self.en if (lang or current()) == "en" else self.vi

    def __str__(self) -> str:
        return self.in_()

    def __add__(self, other: Tr | str) -> Tr:
        if isinstance(other, Tr):
            return Tr(self.vi + other.vi, self.en + other.en)
        return Tr(self.vi + other, self.en + other)

    def __radd__(self, other: str) -> Tr:
        return Tr(other + self.vi, other + self.en)


def tr(vi: str, en: str) -> Tr:
    """The text ``vi`` in Vietnamese and ``en`` in English."""
    return Tr(vi, en)


def pick(text: Tr | str, lang: Lang | None = None) -> str:
    """``text`` in ``lang`` (default the run's); plain text is the same in both."""
    return text.in_(lang) if isinstance(text, Tr) else text
