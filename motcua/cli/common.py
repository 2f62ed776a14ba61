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

from motcua.cli.lang import EXIT_CODES_VI, help_in, install_click_words, lang_option, prescan
from motcua.engine.spec import i18n
from motcua.engine.spec.diagnostics import SpecError
from motcua.engine.spec.errors import EXIT_CODES, InternalError, MotcuaError
from motcua.engine.spec.printable import visible

__all__ = ["Command", "Failure", "Group", "ProgressBar", "exit_status_epilog", "report"]

#: The word before the message on stderr, by code and language; every other kind says ``error``.
LABELS = {"refused": ("bị từ chối", "refused"), "conflict": ("xung đột", "conflict"), "": ("lỗi", "error")}

#: The ``code`` of click's own usage errors (a missing argument, an unknown option).
USAGE_ERROR = "usage-error"


def exit_status_epilog() -> str:
    """The table of exit statuses, as it ends every command's ``--help`` (in the run's language)."""
    vi = i18n.current() == "vi"
    meanings = EXIT_CODES_VI if vi else EXIT_CODES
    width = max(len(str(status)) for status in meanings)
    rows = [f"  {status:<{width}}  {meaning}" for status, meaning in meanings.items()]
    return "\b\n" + ("Mã thoát:" if vi else "Exit status:") + "\n" + "\n".join(rows)


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
    vi_label, en_label = LABELS.get(error.code, LABELS[""])
    label = vi_label if i18n.current() == "vi" else en_label
    line = f"{label}: {visible(' '.join(error.text().split()))}"
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
    what = f"{type(error).__name__}: {error}"
    return InternalError(i18n.tr(f"lỗi bên trong motcua: {what}", f"internal error: {what}"),
                         exception=type(error).__name__)


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


class _Speaking:
    """What :class:`Command` and :class:`Group` share: ``--lang``, help in the run's language, and
    the language chosen for the whole run when one is the top-level command."""

    def _add_lang(self) -> None:
        params: list[click.Parameter] = getattr(self, "params")
        if not any(p.name == "lang" for p in params):
            params.append(lang_option())

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        install_click_words()
        token = i18n.use(prescan(given))
        try:
            return super().main(given, *rest, **kwargs)  # type: ignore[misc]
        finally:
            i18n.restore(token)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params: list[click.Parameter] = getattr(self, "params")
        with _translated(*params):
            super().format_options(ctx, formatter)  # type: ignore[misc]

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        original = getattr(self, "epilog")
        setattr(self, "epilog", exit_status_epilog() if original == _EPILOG else help_in(original))
        try:
            super().format_epilog(ctx, formatter)  # type: ignore[misc]
        finally:
            setattr(self, "epilog", original)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]


#: The epilog every command is given: drawn again in the run's language when shown.
_EPILOG = "\0exit-status"


class _translated:
    """Inside the block, ``help`` (and ``short_help``) of ``things`` read in the run's language."""

    def __init__(self, *things: object) -> None:
        self.things = things
        self.saved: list[tuple[object, str, object]] = []

    def __enter__(self) -> None:
        for thing in self.things:
            for attr in ("help", "short_help"):
                text = getattr(thing, attr, None)
                if isinstance(text, str):
                    self.saved.append((thing, attr, text))
                    setattr(thing, attr, help_in(text))

    def __exit__(self, *exc: object) -> None:
        for thing, attr, text in reversed(self.saved):
            setattr(thing, attr, text)


class Command(_Speaking, click.Command):
    """A command whose errors end as the one error model says, with the exit-status table in its
    help, ``--lang``, and its help in the run's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", _EPILOG)
        super().__init__(*args, **kwargs)
        self._add_lang()

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:  # fmt: skip
        given = list(args)  # click's parser consumes the list it parses
        return _context(self, lambda: super(Command, self).make_context(info_name, args, parent, **extra), given)

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(ctx, super().invoke)


class Group(_Speaking, click.Group):
    """A group of :class:`Command`; its subgroups are of this class too."""

    command_class = Command
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", _EPILOG)
        super().__init__(*args, **kwargs)
        self._add_lang()

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
