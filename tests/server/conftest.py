"""A real server on loopback: uvicorn in a thread on a free port, over a fresh SQLite store with
officers of two units of the engine tests' agency, and a token for each."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog
from motcua.engine.store.tokens import Keyring
from motcua.server import create_app

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tests" / "engine" / "catalog"


@dataclass
class Running:
    url: str
    db: Path | str
    tokens: dict[str, str]

    def client(self, officer: str | None = None, **headers: str) -> httpx.Client:
        if officer is not None:
            headers["Authorization"] = f"Bearer {self.tokens[officer]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_store(path: Path | str) -> dict[str, str]:
    """A store with an officer of the one-stop desk and one of the specialist unit, a token each."""
    catalog = load_catalog(str(CATALOG))
    with Engine(catalog, store=path) as engine:
        engine.add_officer("o-mc", agency="so-thu-nghiem", unit="mot-cua", name="Nguyễn Thị Hoa", position="Chuyên viên")
        engine.add_officer("o-cm", agency="so-thu-nghiem", unit="phong-chuyen-mon", name="Trần Văn Bình",
                           position="Chuyên viên")  # fmt: skip
    with Keyring(path) as keyring:
        return {officer: keyring.create(officer)[1] for officer in ("o-mc", "o-cm")}


@contextmanager
def serving(db: Path | str, **options: Any) -> Iterator[str]:
    """uvicorn serving the app over ``db`` on a free loopback port; its base URL."""
    app = create_app(load_catalog(str(CATALOG)), str(db), **options)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    db = tmp_path / "cases.db"
    tokens = make_store(db)
    with serving(db) as url:
        yield Running(url, db, tokens)
