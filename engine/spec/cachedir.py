"""Where motcua keeps what it can compute again: the per-user cache folder.

Caches never live in the folder being checked or published: a repository can hold any file,
so a cache there would be input from whoever wrote the repository. The default is the user's
cache folder (``$XDG_CACHE_HOME/motcua``, usually ``~/.cache/motcua``, from ``platformdirs``);
``MOTCUA_CACHE_DIR`` or ``--cache-dir`` choose another. Whatever the folder, caches hold data
only (JSON and drawn charts), checked as input when read back: an unreadable or foreign cache
counts as empty (see docs/security.md). A cache file carries a keyed hash made with a secret
kept in the user's own cache folder (never in the chosen one), so a cache someone else wrote,
even into a folder the user chose, is foreign.
"""

from __future__ import annotations

import functools
import os

__all__ = ["ENV", "cache_secret", "default_cache_dir", "make_private_dir"]

#: The environment variable that moves the cache folder.
ENV = "MOTCUA_CACHE_DIR"


def _user_cache_dir() -> str:
    import platformdirs

    return platformdirs.user_cache_dir("motcua", appauthor=False)


def default_cache_dir() -> str:
    """``MOTCUA_CACHE_DIR`` when set, else the user's cache folder for motcua."""
    return os.environ.get(ENV) or _user_cache_dir()


_SECRET_NAME = "secret-key"
_SECRET_BYTES = 32


@functools.cache
def cache_secret() -> bytes:
    """The key caches are signed with: 32 random bytes in the user's cache folder (made once,
    readable by this user only). When it cannot be kept there, a key for this process alone,
    so that caches are still written but never trusted by another run."""
    path = os.path.join(_user_cache_dir(), _SECRET_NAME)
    for _ in range(2):
        found = _read_secret(path)
        if found is not None:
            return found
        try:
            make_private_dir(os.path.dirname(path))
            tmp = f"{path}.{os.getpid()}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(_SECRET_BYTES))
            try:
                os.link(tmp, path)  # only if no other process made one first
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        except OSError:
            break
    return os.urandom(_SECRET_BYTES)


def _read_secret(path: str) -> bytes | None:
    from motcua.engine.spec.specfiles import Unreadable, read_regular

    try:
        data = read_regular(path, _SECRET_BYTES, private=True)
    except Unreadable:
        return None
    return data if len(data) == _SECRET_BYTES else None


def make_private_dir(path: str | os.PathLike[str]) -> None:
    """Create ``path`` (and its parents) readable and writable by this user only, if missing."""
    os.makedirs(path, mode=0o700, exist_ok=True)
