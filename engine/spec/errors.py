"""The one error model: every failure a user or an embedding system meets is a ``MotcuaError``.

Each kind carries a machine-readable ``code`` (``"spec-error"``, ``"refused"``, ...), the exit
status the command line ends with, and details as data. The command line turns any of them into
one line on stderr (and, with ``--format json``, ``{"error": {...}}`` on stdout) in one place.

Exit statuses, the same cause the same status in every command:
0 done, no errors; 1 findings or a refusal (the catalogue has errors, an event the rules do not
allow, a conflicting change); 2 bad input (a usage error, an unknown case or procedure, a
foreign or newer store, an unreadable file); 3 an internal or environment failure (a corrupted
store, Graphviz missing or failing, a disk error).
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["EXIT_CODES", "MotcuaError"]

#: Every exit status motcua ends with, and what it means.
EXIT_CODES: dict[int, str] = {
    0: "done, no errors",
    1: "findings or a refusal: the specs have errors, or the rules refused an event",
    2: "bad input: a usage error, an unknown name, a file or store that is not what it should be",
    3: "an internal or environment failure: a corrupted store, Graphviz missing or failing, a disk error",
}


class MotcuaError(Exception):
    """The base of every error motcua raises on purpose.

    ``code`` names the kind for programs; ``exit_code`` is the command line's exit status;
    ``details`` are extra facts as JSON-ready data (a case id, a path).
    """

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 3

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, object]:
        """``{"code", "message", ...details}``, the JSON form of the error."""
        return {"code": self.code, "message": self.message, **self.details}
