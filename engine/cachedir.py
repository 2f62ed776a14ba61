"""Where motcua keeps what it can compute again: the per-user cache folder.

Caches never live in the folder being checked or published: a repository can hold any file,
so a cache there would be input from whoever wrote the repository. The default is the user's
cache folder (``$XDG_CACHE_HOME/motcua``, usually ``~/.cache/motcua``, from ``platformdirs``);
``MOTCUA_CACHE_DIR`` or ``--cache-dir`` choose another. Whatever the folder, caches hold data
only (JSON and drawn charts), checked as input when read back: an unreadable or foreign cache
counts as empty (see docs/security.md).
"""

from __future__ import annotations

import os

__all__ = ["ENV", "default_cache_dir", "make_private_dir"]

#: The environment variable that moves the cache folder.
ENV = "MOTCUA_CACHE_DIR"


def default_cache_dir() -> str:
    """``MOTCUA_CACHE_DIR`` when set, else the user's cache folder for motcua."""
    chosen = os.environ.get(ENV)
    if chosen:
        return chosen
    import platformdirs

    return platformdirs.user_cache_dir("motcua", appauthor=False)


def make_private_dir(path: str | os.PathLike[str]) -> None:
    """Create ``path`` (and its parents) readable and writable by this user only, if missing."""
    os.makedirs(path, mode=0o700, exist_ok=True)
