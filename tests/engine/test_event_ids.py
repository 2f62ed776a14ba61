"""Event ids: 128 random bits as 32 hex digits, never the same twice, in threads or after a fork."""

from __future__ import annotations

import os
import re
import threading

from motcua.engine.event_ids import new_event_id


def test_ids_are_32_hex_digits_and_differ() -> None:
    ids = [new_event_id() for _ in range(20_000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_threads_never_share_an_id() -> None:
    found: list[list[str]] = [[] for _ in range(8)]

    def take(mine: list[str]) -> None:
        mine.extend(new_event_id() for _ in range(5_000))

    threads = [threading.Thread(target=take, args=(f,)) for f in found]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for f in found for i in f]
    assert len(set(every)) == len(every) == 40_000


def test_a_forked_process_reads_its_own_randomness() -> None:
    new_event_id()  # the parent has randomness read and not given out yet
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the ids it would give next
        os.write(write, "".join(new_event_id() for _ in range(10)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as pipe:
        child = pipe.read()
    parent = "".join(new_event_id() for _ in range(10))
    assert len(child) == len(parent) == 320
    assert {child[i : i + 32] for i in range(0, 320, 32)}.isdisjoint({parent[i : i + 32] for i in range(0, 320, 32)})
