"""The one error model: every failure a user or an embedding system meets is a ``MotcuaError``.

Each kind carries a machine-readable ``code`` (``"spec-error"``, ``"refused"``, ...), the exit
status the command line ends with, and details as data. The command line turns any of them into
one line on stderr (and, with ``--format json``, ``{"error": {...}}`` on stdout) in one place,
``motcua/cli/common.py``. The kinds the case runtime and the renderers raise (``EventRefused``,
``ConflictError``, ``StoreError``, ``InvalidInput``, ``GraphvizError``, ``OutputRefused``...)
subclass these where they are raised; this module holds the base and the kinds every room shares.

Exit statuses, the same cause the same status in every command:
0 done, no errors; 1 findings or a refusal (the catalogue has errors, an event the rules do not
allow, a conflicting change); 2 bad input (a usage error, an unknown case or procedure, a
foreign or newer store, an unreadable file); 3 an internal or environment failure (a corrupted
store, Graphviz missing or failing, a disk error).
"""

from __future__ import annotations

from motcua.engine.spec.i18n import Lang, Tr, current

__all__ = [
    "EXIT_CODES",
    "EnvironmentFailure",
    "InputError",
    "InternalError",
    "MotcuaError",
    "UnknownProcedure",
    "UnknownRule",
    "UnreadableInput",
    "UnwritableOutput",
]

#: Every exit status motcua ends with, and what it means.
EXIT_CODES: dict[int, str] = {
    0: "done, no errors",
    1: "findings or a refusal: the specs have errors, or the rules refused an event or a change",
    2: "bad input: a usage error, an unknown name, a file or store that is not what it should be",
    3: "internal or environment failure: a corrupted store, Graphviz missing or failing, a disk error",
}


class MotcuaError(Exception):
    """The base of every error motcua raises on purpose.

    ``code`` names the kind for programs; ``exit_code`` is the command line's exit status (both
    set by each kind, and by a few per error, say a store's); ``details`` are extra facts as
    JSON-ready data (a case id, a path). The message is given in both languages
    (``tr(vi, en)``) or in English alone; ``message`` is the English, ``text()`` the one of the run.
    """

    code: str = "error"
    exit_code: int = 3

    def __init__(self, message: str | Tr, **details: object) -> None:
        english = message.en if isinstance(message, Tr) else message
        super().__init__(english)
        self.message = english
        self.message_vi = message.vi if isinstance(message, Tr) else None
        self.details = details

    def __str__(self) -> str:
        return self.message

    def text(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the run's); English where no Vietnamese was given."""
        vi = getattr(self, "message_vi", None)
        return vi if vi and (lang or current()) == "vi" else self.message

    def as_dict(self, lang: Lang | None = None) -> dict[str, object]:
        """``{"code", "message", ...details}``, the JSON form of the error (message in ``lang``)."""
        return {"code": self.code, "message": self.text(lang), **self.details}

    def __reduce__(self) -> tuple[object, ...]:
        # Kinds take their own arguments (a case id, a kind and a location), so an error crossing
        # from a worker process is rebuilt from its attributes, not by calling __init__ again.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[MotcuaError], args: tuple[object, ...], state: dict[str, object]) -> MotcuaError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(MotcuaError):
    """Input that names nothing or is not what it should be; nothing was changed (exit 2)."""

    code = "invalid-input"
    exit_code = 2


class UnknownProcedure(InputError, KeyError):
    """No procedure (or no such version of it) in the catalogue; a ``KeyError`` too, as the
    catalogue's own lookup raises."""

    code = "unknown-procedure"


class UnknownRule(InputError, KeyError):
    """No diagnostic code of that name (``motcua explain``)."""

    code = "unknown-rule"


class UnreadableInput(InputError):
    """A file or folder given cannot be read: missing, or not the kind of file asked for."""

    code = "unreadable-input"

    def __init__(self, message: str | Tr, *, path: str, **details: object) -> None:
        super().__init__(message, path=path, **details)
        self.path = path


class UnwritableOutput(InputError):
    """The output file given cannot be written (a missing folder, no permission)."""

    code = "unwritable-output"

    def __init__(self, message: str | Tr, *, path: str, **details: object) -> None:
        super().__init__(message, path=path, **details)
        self.path = path


class EnvironmentFailure(MotcuaError):
    """The machine failed the run: a worker process killed, a disk full (exit 3)."""

    code = "environment-failure"
    exit_code = 3


class InternalError(MotcuaError):
    """A fault in motcua itself, caught so that a command ends in one line, never a traceback."""

    code = "internal-error"
    exit_code = 3
