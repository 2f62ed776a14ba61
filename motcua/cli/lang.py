"""The command line in two languages: the ``--lang`` option, the help texts and click's own words.

The language is chosen by ``--lang vi|en`` anywhere on the command line, then ``MOTCUA_LANG``,
then the locale, Vietnamese by default (``engine.spec.i18n``). A command's help, its options'
help and the exit-status table are written in English in the code and looked up here in
Vietnamese (``motcua.cli.help_vi``); click's own words ("Usage:", "No such option", ...) go
through gettext, which click calls as ``_()`` in each of its modules: those calls are pointed
at :func:`click_text`, which answers from :data:`CLICK_VI` when the run speaks Vietnamese.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence

import click

from motcua.engine.spec.i18n import Lang, current

__all__ = ["CLICK_VI", "EXIT_CODES_VI", "help_in", "install_click_words", "lang_option", "prescan"]

#: click's own messages in Vietnamese, by their English text (the gettext message id).
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tuỳ chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tuỳ chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tuỳ chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "argument": "tham số",
    "option": "tuỳ chọn",
    "parameter": "tham số",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tuỳ chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tuỳ chọn {name!r} cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các lựa chọn {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "Aborted!": "Đã dừng!",
    "integer": "số nguyên",
    "float": "số thực",
}

#: The exit-status table's meanings in Vietnamese (the English is ``errors.EXIT_CODES``).
EXIT_CODES_VI: dict[int, str] = {
    0: "xong, không có lỗi",
    1: "có phát hiện hoặc bị từ chối: đặc tả có lỗi, hoặc quy tắc từ chối một sự kiện hay một thay đổi",
    2: "đầu vào sai: dùng lệnh sai, một tên không có, một tệp hay kho không đúng như phải là",
    3: "lỗi bên trong hoặc của môi trường: kho hỏng, thiếu Graphviz hoặc Graphviz lỗi, lỗi đĩa",
}


def click_text(message: str) -> str:
    """click's ``_()``: ``message`` in the language of the run."""
    return CLICK_VI.get(message, message) if current() == "vi" else message


def click_plural(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext()``: Vietnamese has one form for every count."""
    if current() == "vi":
        return CLICK_VI.get(singular if n == 1 else plural, CLICK_VI.get(singular, plural))
    return singular if n == 1 else plural


def install_click_words() -> None:
    """Point click's gettext calls at :func:`click_text` and :func:`click_plural` (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            setattr(module, "_", click_text)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", click_plural)


def help_in(text: str | None, lang: Lang | None = None) -> str | None:
    """A help text written in English, in ``lang`` (default: the run's): the Vietnamese of
    ``motcua.cli.help_vi`` when it has one."""
    if text is None or (lang or current()) != "vi":
        return text
    from motcua.cli.help_vi import HELP_VI

    key = inspect.cleandoc(text)
    return HELP_VI.get(key, HELP_VI.get(text, text))


def _choose(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        from motcua.engine.spec.i18n import use

        use(value)  # type: ignore[arg-type]


def lang_option() -> click.Option:
    """``--lang vi|en``: the language of messages and help (eager, so ``--help`` speaks it)."""
    return click.Option(["--lang"], type=click.Choice(["vi", "en"]), expose_value=False, is_eager=True,
                        callback=_choose,
                        help="Language of messages and help: vi (default) or en; without it MOTCUA_LANG, "
                             "then the locale (LC_ALL, LC_MESSAGES, LANG).")


def prescan(args: Sequence[str]) -> Lang | None:
    """The language ``--lang`` names anywhere in ``args`` (before click has parsed them)."""
    found: Lang | None = None
    for arg, nxt in zip(args, [*args[1:], ""]):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else nxt if arg == "--lang" else None
        if value in ("vi", "en"):
            found = value  # type: ignore[assignment]
    return found
