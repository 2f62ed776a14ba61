"""What every command of the command line shares: its click classes, which turn any error into
one line on stderr (and ``{"error": {...}}`` on stdout with ``--format json``) in one place,
the exit-status table at the end of every ``--help``, and the progress bar.

A command raises the kinds of :mod:`motcua.engine.spec.errors` (or lets the engine's rise);
nothing else in the command line prints an error or picks an exit status. A command's result
(say, a validation that found errors) ends with ``ctx.exit(status)``.
"""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Sequence
from typing import IO, Any, Callable, TextIO

import click

from motcua.engine.spec.diagnostics import SpecError
from motcua.engine.spec.errors import EXIT_CODES, InternalError, MotcuaError
from motcua.engine.spec.printable import visible

__all__ = ["Command", "Failure", "Group", "ProgressBar", "exit_status_epilog", "report"]

#: The word before the message on stderr, by code; every other kind says ``error``.
LABELS = {"refused": "refused", "conflict": "conflict"}

#: The ``code`` of click's own usage errors (a missing argument, an unknown option).
USAGE_ERROR = "usage-error"


def exit_status_epilog() -> str:
    """The table of exit statuses, as it ends every command's ``--help``."""
    width = max(len(str(status)) for status in EXIT_CODES)
    rows = [f"  {status:<{width}}  {meaning}" for status, meaning in EXIT_CODES.items()]
    return "\b\nExit status:\n" + "\n".join(rows)


def _json_text(document: object) -> str:
    from motcua.engine.inputs import json_visible

    # json.dumps leaves C1 controls, separators and lone surrogates as they are.
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2))


def report(error: MotcuaError, *, json_output: bool = False, file: IO[Any] | None = None) -> None:
    """Show ``error``: one line on stderr, after the errors of a catalogue that has them, and with
    ``json_output`` the JSON object ``{"error": {"code", "message", ...details}}`` on stdout."""
    if json_output:
        click.echo(_json_text({"error": error.as_dict()}))
    elif isinstance(error, SpecError):
        from motcua.validators.formats import format_text

        errors = [d for d in error.diagnostics if d.is_error] or error.diagnostics
        click.echo(format_text(errors, source=False), nl=False, err=True)
    line = f"{LABELS.get(error.code, 'error')}: {visible(' '.join(error.message.split()))}"
    click.echo(line, file=file, err=file is None)


class Failure(click.ClickException):
    """A ``MotcuaError`` on its way out of a command; click's ``main`` shows it and exits."""

    def __init__(self, error: MotcuaError, *, json_output: bool) -> None:
        super().__init__(error.message)
        self.error = error
        self.json_output = json_output
        # click declares exit_code per class; each error kind (and a store error per instance) has its own.
        setattr(self, "exit_code", error.exit_code)

    def show(self, file: IO[Any] | None = None) -> None:
        report(self.error, json_output=self.json_output, file=file)


class _UsageFailure(click.UsageError):
    """click's usage error for a command asked for JSON: shown as click shows it, and as JSON."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.message, error.ctx)
        self.error = error

    def format_message(self) -> str:
        return self.error.format_message()

    def show(self, file: IO[Any] | None = None) -> None:
        self.error.show(file)
        click.echo(_json_text({"error": {"code": USAGE_ERROR, "message": self.format_message()}}))


def _asks_json(args: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json`` (read before click has parsed it)."""
    return any(a == "--format=json" or (a == "--format" and nxt == "json") for a, nxt in zip(args, [*args[1:], ""]))


def _wants_json(ctx: click.Context) -> bool:
    return ctx.params.get("fmt") == "json"


def _guarded(ctx: click.Context, run: Callable[[click.Context], Any]) -> Any:
    """Run a command, turning what it raises into a :class:`Failure` with its exit status."""
    try:
        return run(ctx)
    except click.UsageError as error:
        if _wants_json(ctx) and not isinstance(error, _UsageFailure):
            raise _UsageFailure(error) from error
        raise
    except (click.ClickException, click.exceptions.Exit, click.Abort, EOFError):
        raise  # click's own: shown and ended by click
    except MotcuaError as error:
        raise Failure(error, json_output=_wants_json(ctx)) from error
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise  # stdout closed by a pager or `head`: click ends quietly
        raise Failure(_internal(error), json_output=_wants_json(ctx)) from error
    except Exception as error:  # a fault must still end in one line, never a traceback
        raise Failure(_internal(error), json_output=_wants_json(ctx)) from error


def _internal(error: BaseException) -> InternalError:
    return InternalError(f"internal error: {type(error).__name__}: {error}", exception=type(error).__name__)


def _takes_json(command: click.Command) -> bool:
    return any(p.name == "fmt" and isinstance(p.type, click.Choice) and "json" in p.type.choices
               for p in command.params)


def _context(command: click.Command, make: Callable[[], click.Context], args: Sequence[str]) -> click.Context:
    try:
        return make()
    except click.UsageError as error:
        if _takes_json(command) and _asks_json(args):
            raise _UsageFailure(error) from error
        raise


class Command(click.Command):
    """A command whose errors end as the one error model says, with the exit-status table in its help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", exit_status_epilog())
        super().__init__(*args, **kwargs)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:  # fmt: skip
        given = list(args)  # click's parser consumes the list it parses
        return _context(self, lambda: super(Command, self).make_context(info_name, args, parent, **extra), given)

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(ctx, super().invoke)


class Group(click.Group):
    """A group of :class:`Command`; its subgroups are of this class too."""

    command_class = Command
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", exit_status_epilog())
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(ctx, super().invoke)


class ProgressBar:
    """``progress(done, total)`` as a bar on stderr: it stands at the files done, however many
    each call reports (a batch from a worker, or the files the cache answered at once).

    ``minimum``: below this many in all, no bar is drawn.
    """

    def __init__(self, label: str, *, minimum: int = 0, file: TextIO | None = None) -> None:
        self.label = label
        self.minimum = minimum
        self.file = file
        self._bar: Any = None
        self._skip = False

    @classmethod
    def on_terminal(cls, label: str, *, minimum: int = 0) -> ProgressBar | None:
        """A bar when stderr is a terminal, else ``None`` (logs get no bar)."""
        return cls(label, minimum=minimum, file=sys.stderr) if sys.stderr.isatty() else None

    @property
    def position(self) -> int:
        return int(self._bar.pos) if self._bar is not None else 0

    def __call__(self, done: int, total: int) -> None:
        if self._skip:
            return
        if self._bar is None:
            if total < self.minimum:
                self._skip = True
                return
            self._bar = click.progressbar(length=total, label=self.label, file=self.file or sys.stderr)
            self._bar.__enter__()
        self._bar.update(max(0, min(done, total) - self._bar.pos))

    def close(self) -> None:
        if self._bar is not None and not self._skip:
            self._bar.__exit__(None, None, None)
            self._skip = True

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
