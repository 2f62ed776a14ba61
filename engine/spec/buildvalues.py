"""Values of a schema-valid spec document made into model values, for the builders.

Texts in the agency's first language or in several, dates, durations, clock times and the line
and column of a path; ``BuildError`` for a value the schema let through that has no meaning (a
date that does not exist...), and the ``SCH005`` diagnostic it becomes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.engine.spec import model as m
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.durations import DurationError, parse_duration
from motcua.engine.spec.i18n import Tr, pick, tr
from motcua.engine.spec.yamlstrict import Document

__all__ = [
    "BuildError",
    "Positions",
    "build_error_diagnostic",
    "clock",
    "date",
    "duration",
    "opt_date",
    "opt_duration",
    "opt_text",
    "text",
]


class BuildError(Exception):
    """A value that passed the schema but has no meaning (a date that does not exist...).

    ``message`` and ``hint`` are the English; ``said`` and ``hint_said`` both languages."""

    def __init__(self, path: tuple[str | int, ...], message: str | Tr, hint: str | Tr | None = None) -> None:
        super().__init__(pick(message, "en"))
        self.path = path
        self.said = message
        self.hint_said = hint
        self.message = pick(message, "en")
        self.hint = None if hint is None else pick(hint, "en")


def text(value: Any, lang: str) -> m.Text:
    if isinstance(value, dict):
        return m.Text(tuple((str(k), str(v)) for k, v in value.items()))
    return m.Text(((lang, str(value)),))


def opt_text(value: Any, lang: str) -> m.Text | None:
    return None if value is None else text(value, lang)


def date(value: Any, path: tuple[str | int, ...]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BuildError(path, tr(f"'{value}' không phải là một ngày có thật", f"'{value}' is not a date that exists"),
                         tr("viết ngày theo dạng YYYY-MM-DD", "write the date as YYYY-MM-DD")) from None


def opt_date(value: Any, path: tuple[str | int, ...]) -> dt.date | None:
    return None if value is None else date(value, path)


def duration(value: Any, path: tuple[str | int, ...]) -> m.Duration:
    try:
        return parse_duration(str(value))
    except ValueError as exc:
        raise BuildError(path, exc.said if isinstance(exc, DurationError) else str(exc)) from None


def opt_duration(value: Any, path: tuple[str | int, ...]) -> m.Duration | None:
    return None if value is None else duration(value, path)


def clock(text: str, path: tuple[str | int, ...]) -> dt.time:
    try:
        hh, mm = text.strip().split(":")
        return dt.time(int(hh), int(mm))
    except ValueError:
        raise BuildError(path, tr(f"'{text}' không phải là một giờ trong ngày", f"'{text}' is not a time of day"),
                         tr("viết giờ làm việc theo dạng HH:MM-HH:MM", "write office hours as HH:MM-HH:MM")) from None


class Positions:
    """The line and column of a path in one document, as a ``model.Pos``."""

    __slots__ = ("doc",)

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def __call__(self, *path: str | int) -> m.Pos:
        line, col = self.doc.locate(tuple(path))
        return m.Pos(line, col)


def build_error_diagnostic(doc: Document, err: BuildError) -> Diagnostic:
    line, col = doc.locate(err.path)
    return Diagnostic(code="SCH005", name="bad-value", message=err.message, file=doc.file, line=line, column=col,
                      hint=err.hint, path="/" + "/".join(str(p) for p in err.path),
                      message_vi=err.said.vi if isinstance(err.said, Tr) else None,
                      hint_vi=err.hint_said.vi if isinstance(err.hint_said, Tr) else None)
