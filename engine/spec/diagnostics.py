"""Located findings about spec files: the one value every check and the loader produce.

A ``Diagnostic`` says what was found, where (file, 1-based line and column, JSON path) and how to
fix it, in English (``message``, ``hint``) and in Vietnamese (``message_vi``, ``hint_vi``);
``text()`` and ``hint_text()`` give them in the language of the run. Checks yield them and never
raise on bad input; only the CLI turns them into exit codes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from motcua.engine.spec.errors import MotcuaError
from motcua.engine.spec.i18n import Lang, Tr, current, tr

__all__ = ["Diagnostic", "Severity", "SpecError", "has_errors", "sort_diagnostics"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    file: str
    line: int = 1
    column: int = 1
    severity: Severity = Severity.ERROR
    hint: str | None = None
    path: str = ""
    end_line: int | None = None
    end_column: int | None = None
    name: str = field(default="", compare=False)
    message_vi: str | None = field(default=None, compare=False)
    hint_vi: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the run's); English where no Vietnamese was given."""
        if (lang or current()) == "vi" and self.message_vi:
            return self.message_vi
        return self.message

    def hint_text(self, lang: Lang | None = None) -> str | None:
        """The hint in ``lang`` (default: the run's), or ``None`` when there is no hint."""
        if (lang or current()) == "vi" and self.hint_vi:
            return self.hint_vi
        return self.hint

    def as_dict(self, lang: Lang | None = None) -> dict[str, object]:
        """The JSON form: ``message`` and ``hint`` in ``lang`` (default: the run's)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.text(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "path": self.path,
            "hint": self.hint_text(lang),
        }

    def record(self) -> dict[str, object]:
        """Every field, both languages: what a cache keeps (``from_dict`` reads it back)."""
        return {**self.as_dict("en"), "message_vi": self.message_vi, "hint_vi": self.hint_vi}

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> "Diagnostic":
        def opt_int(v: object) -> int | None:
            return int(v) if isinstance(v, (int, str)) else None

        return cls(
            code=str(d["code"]),
            message=str(d["message"]),
            file=str(d["file"]),
            line=int(str(d["line"])),
            column=int(str(d["column"])),
            severity=Severity(str(d["severity"])),
            hint=None if d.get("hint") is None else str(d["hint"]),
            path=str(d.get("path") or ""),
            end_line=opt_int(d.get("end_line")),
            end_column=opt_int(d.get("end_column")),
            name=str(d.get("name") or ""),
            message_vi=None if d.get("message_vi") is None else str(d["message_vi"]),
            hint_vi=None if d.get("hint_vi") is None else str(d["hint_vi"]),
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.text()}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code, d.message))


class SpecError(MotcuaError):
    """Specs have errors: the catalogue is not loaded; ``diagnostics`` holds every finding.

    With ``path`` (the catalogue as the user named it) the message says how many errors it has
    and how to see them; with ``file`` (one procedure file of a catalogue, left out for its
    errors) the same of that file; without either, it is the first error.
    """

    code = "spec-error"
    exit_code = 1

    def __init__(self, diagnostics: Sequence[Diagnostic], *, path: str | None = None, file: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        message: Tr
        if file is not None:
            n = len(errors)
            message = tr(f"tệp thủ tục {file} có {n} lỗi; `motcua validate {file}` hiện từng lỗi kèm dòng nguồn của nó",
                         f"procedure file {file} has {n} error{'' if n == 1 else 's'}; "
                         f"`motcua validate {file}` shows each with its source line")
            path = file
        elif path is not None:
            n = len(errors)
            message = tr(f"danh mục {path} có {n} lỗi; `motcua validate {path}` chỉ ra từng lỗi với dòng nguồn",
                         f"catalogue {path} has {n} error{'' if n == 1 else 's'}; "
                         f"`motcua validate {path}` shows each with its source line")
        elif errors:
            first, n = errors[0], len(errors) - 1
            where = f"{first.file}:{first.line}:{first.column}: {first.code} "
            message = tr(where + first.text("vi") + (f" (và {n} lỗi khác)" if n else ""),
                         where + first.text("en") + (f" (and {n} more)" if n else ""))
        else:
            message = tr("đặc tả không hợp lệ", "invalid spec")
        details: dict[str, object] = {} if path is None else {"path": path}
        super().__init__(message, **details, errors=len(errors),
                         diagnostics=[d.as_dict() for d in self.diagnostics])
        self.path = path
