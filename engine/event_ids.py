"""Event ids: 128 random bits of the system's randomness each, as hex.

:func:`new_event_id` names every event a case's log receives; the randomness is read a block
at a time and handed out in turn.
"""

from __future__ import annotations

import os
import threading

__all__ = ["new_event_id"]


def new_event_id() -> str:
    """A random event id (128 bits of the system's randomness, hex).

    The randomness is read a block at a time (one system call for many ids); threads take
    their bits in turn, and a forked process reads its own.
    """
    with _unread.lock:
        block, used = _unread.block, _unread.used
        if used >= len(block):
            block = _unread.block = os.urandom(4096)
            used = 0
        _unread.used = used + 16
    return block[used : used + 16].hex()


class _Unread:
    """The system's randomness read and not yet given out as event ids."""

    __slots__ = ("block", "used", "lock")

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.block = b""
        self.used = 0
        self.lock = threading.Lock()


_unread = _Unread()
os.register_at_fork(after_in_child=_unread.forget)
