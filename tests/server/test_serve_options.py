"""``motcua serve --rate --burst``: the token bucket of each API token or address, set on the
command line, in a real ``motcua serve`` process, and handed to the processes of ``--workers``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from motcua.cli import serve as serve_module
from tests.server.conftest import CATALOG, free_port, make_store


def test_a_real_server_takes_its_rate_and_burst_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    make_store(db)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "motcua", "serve", "--db", str(db), "--catalog", str(CATALOG),
                               "--port", str(port), "--rate", "0.001", "--burst", "2", "--format", "json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "MOTCUA_LANG": "en"})  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                first = httpx.get(f"http://127.0.0.1:{port}/api/procedures", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.communicate()[1]
                time.sleep(0.2)
        rest = [httpx.get(f"http://127.0.0.1:{port}/api/procedures", timeout=5) for _ in range(2)]
    finally:
        server.send_signal(signal.SIGTERM)
        out, _ = server.communicate(timeout=60)
    assert [first.status_code, *(r.status_code for r in rest)] == [200, 200, 429]
    assert rest[-1].headers["retry-after"] == "1" and rest[-1].json()["error"]["code"] == "rate-limited"
    assert '"rate": 0.001, "burst": 2' in out


def test_the_workers_get_the_same_rate_and_burst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "cases.db"
    make_store(db)
    monkeypatch.setenv("MOTCUA_SERVE_DB", str(db))
    monkeypatch.setenv("MOTCUA_SERVE_CATALOG", str(CATALOG))
    monkeypatch.setenv("MOTCUA_SERVE_RATE", repr(2.5))
    monkeypatch.setenv("MOTCUA_SERVE_BURST", "7")
    app = serve_module.app_from_environment()
    buckets = app.state.services.buckets  # type: ignore[attr-defined]
    assert (buckets.rate, buckets.burst) == (2.5, 7)
