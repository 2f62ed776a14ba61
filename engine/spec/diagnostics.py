"""Located findings about spec files: the one value every check and the loader produce.

A ``Diagnostic`` says what was found, where (file, 1-based line and column, JSON path) and how to
fix it. Checks yield them and never raise on bad input; only the CLI turns them into exit codes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from motcua.engine.spec.errors import MotcuaError

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

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "path": self.path,
            "hint": self.hint,
        }

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
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code, d.message))


class SpecError(MotcuaError):
    """Specs have errors: the catalogue is not loaded; ``diagnostics`` holds every finding.

    With ``path`` (the catalogue as the user named it) the message says how many errors it has
    and how to see them; without, it is the first error.
    """

    code = "spec-error"
    exit_code = 1

    def __init__(self, diagnostics: Sequence[Diagnostic], *, path: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        if path is not None:
            n = len(errors)
            message = (f"catalogue {path} has {n} error{'' if n == 1 else 's'}; "
                       f"`motcua validate {path}` shows each with its source line")
        else:
            first = str(errors[0]) if errors else "invalid spec"
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            message = first + more
        details: dict[str, object] = {} if path is None else {"path": path}
        super().__init__(message, **details, errors=len(errors),
                         diagnostics=[d.as_dict() for d in self.diagnostics])
        self.path = path
