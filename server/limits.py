"""Request limits: the size of a body and a token bucket per API token or per address.

Both are kept in the process: with ``--workers N`` each worker counts on its own, so the rate
a client may reach is at most N times the one given.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["BodyLimit", "TokenBuckets"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenBuckets:
    """``rate`` requests a second, ``burst`` at once, for each key (a token id or an address)."""

    def __init__(self, rate: float, burst: int, *, keys: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.keys = keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> bool:
        """Whether ``key`` may make a request now (and counts it)."""
        moment = time.monotonic()
        with self._lock:
            level, last = self._buckets.get(key, (float(self.burst), moment))
            level = min(float(self.burst), level + (moment - last) * self.rate)
            if len(self._buckets) >= self.keys and key not in self._buckets:
                self._buckets = {k: v for k, v in self._buckets.items() if v[0] + (moment - v[1]) * self.rate < self.burst}
            if level < 1:
                self._buckets[key] = (level, moment)
                return False
            self._buckets[key] = (level - 1, moment)
            return True


class BodyLimit:
    """ASGI middleware answering ``too_large()`` to a request whose body is over ``limit`` bytes,
    by its ``Content-Length`` or by what it sends: the body is read whole (at most ``limit``
    bytes) before the application sees it."""

    def __init__(self, app: ASGIApp, *, limit: int, too_large: Callable[[], ASGIApp]) -> None:
        self.app = app
        self.limit = limit
        self.too_large = too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                if not value.isdigit() or int(value) > self.limit:
                    await self.too_large()(scope, receive, send)
                    return
        # No length given (a chunked body): read it whole, up to the limit, then hand it on.
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay(message, receive), send)
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await self.too_large()(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay({"type": "http.request", "body": body, "more_body": False}, receive), send)


def _replay(first: Message, receive: Receive) -> Receive:
    """``receive`` that gives ``first`` once, then what the client sends."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return first
        return await receive()

    return replayed
