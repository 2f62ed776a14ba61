"""The command line's help in Vietnamese, by the English text written in each command.

Keys are the English help of a command (its docstring, dedented as ``inspect.cleandoc`` does) or
of an option, exactly as written in the code; ``motcua.cli.lang.help_in`` looks them up. A test
checks that every command and option of ``motcua`` has its Vietnamese here.
"""

from __future__ import annotations

from typing import Final

__all__ = ["HELP_VI"]

HELP_VI: Final[dict[str, str]] = {
    "Language of messages and help: vi (default) or en; without it MOTCUA_LANG, then the locale "
    "(LC_ALL, LC_MESSAGES, LANG).":
        "Ngôn ngữ của thông báo và hướng dẫn: vi (mặc định) hoặc en; không có thì theo MOTCUA_LANG, "
        "rồi theo locale (LC_ALL, LC_MESSAGES, LANG).",
}
