"""The stores the contract suite runs over.

Every test of this folder asks for ``store`` (or ``opener``, for another handle on the same
storage) and so runs once per store. A new store joins the suite with one fixture decorated
``@store_kind``: it yields a function opening a handle on one empty storage, each call a new
handle on the same storage where the store can have several (a file, a server), the same
object where it cannot (process memory).

PostgreSQL runs as a real server, one for the test session, started from the Debian binaries
(``make system-deps`` installs them) in a temporary folder and stopped at the end; each test
gets an empty schema of its own. Without the binaries the tests fail, saying what to install:
they are never skipped.
"""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from motcua.engine.store.base import CaseStore
from motcua.engine.store.memory import MemoryStore
from motcua.engine.store.postgres import PostgresStore
from motcua.engine.store.sqlite import SqliteStore

Opener = Callable[[], CaseStore]

#: The fixtures of the stores under contract, by name; ``@store_kind`` adds one.
STORES: list[str] = []


def store_kind(factory: Callable[..., Iterator[Opener]]) -> Any:
    """Make ``factory`` a fixture and a store the suite runs over (the fixture's name is its id)."""
    STORES.append(factory.__name__)
    return pytest.fixture(factory)


@store_kind
def memory() -> Iterator[Opener]:
    store = MemoryStore()
    yield lambda: store


@store_kind
def sqlite(tmp_path: Path) -> Iterator[Opener]:
    path = tmp_path / "cases.db"
    handles: list[SqliteStore] = []

    def open_handle() -> CaseStore:
        # NORMAL: the contract does not depend on syncing every commit, and the suite writes a lot.
        handles.append(SqliteStore(path, synchronous="NORMAL"))
        return handles[-1]

    yield open_handle
    for handle in handles:
        handle.close()


@dataclass(frozen=True)
class PostgresServer:
    """A throw-away PostgreSQL server on a local port: the user ``postgres`` logs in without a
    password, any other user with its password."""

    port: int
    #: A connection to the database ``postgres`` in autocommit mode, to create and drop what tests use.
    admin: sa.Connection

    def url(self, database: str = "postgres", *, schema: str | None = None, scheme: str = "postgresql") -> str:
        query = f"?options=-csearch_path%3D{schema}" if schema else ""
        return f"{scheme}://postgres@127.0.0.1:{self.port}/{database}{query}"


def postgres_bin(lib: Path = Path("/usr/lib/postgresql")) -> Path:
    """The folder of the newest PostgreSQL server binaries Debian installed in ``lib`` (or on the PATH)."""
    found = sorted(lib.glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)  # fmt: skip
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).resolve().parent / "initdb").exists():
        return Path(on_path).resolve().parent
    pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: run `make system-deps` "
                "(it installs the Debian package postgresql)", pytrace=False)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session: initdb and pg_ctl in a temporary folder, as the user
    ``postgres`` when run as root (initdb refuses root), without fsync (nothing here must outlive
    the session)."""
    pg_bin = postgres_bin()
    # A short path the server's user can reach: its socket's path must fit in 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="motcua-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data, log = root / "data", root / "log"

    stop = [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
    # The server would outlive a test run killed (a timeout, SIGKILL) before its teardown: a
    # watchdog stops it and removes its folder once this process is gone.
    watchdog = subprocess.Popen(
        ["sh", "-c", f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; {shlex.join(stop)}; "
                     f"rm -rf {shlex.quote(str(root))}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{' '.join(args[:1])} failed: {done.stderr.strip() or done.stdout.strip()}\n{tail}",
                        pytrace=False)  # fmt: skip

    run(str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
        "--locale=C.UTF-8", "--no-sync")  # fmt: skip
    # The user postgres is trusted; any other logs in with a password, so a wrong one is refused.
    (data / "pg_hba.conf").write_text("local all postgres trust\nhost all postgres 127.0.0.1/32 trust\n"
                                      "host all all 127.0.0.1/32 scram-sha-256\n")  # fmt: skip
    options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=200")  # fmt: skip
    run(str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start")
    engine = sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as admin:
            yield PostgresServer(port, admin)
    finally:
        engine.dispose()
        subprocess.run(stop, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
        watchdog.kill()
        watchdog.wait()


_schemas = itertools.count(1)


@store_kind
def postgres(postgres_server: PostgresServer) -> Iterator[Opener]:
    schema = f"contract_{os.getpid()}_{next(_schemas)}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = postgres_server.url(schema=schema)
    handles: list[PostgresStore] = []

    def open_handle() -> CaseStore:
        handles.append(PostgresStore(url))
        return handles[-1]

    yield open_handle
    for handle in handles:
        handle.close()
    postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=STORES)
def opener(request: pytest.FixtureRequest) -> Opener:
    """Opens handles on one empty storage of each store in turn."""
    found: Opener = request.getfixturevalue(request.param)
    return found


@pytest.fixture
def store(opener: Opener) -> CaseStore:
    """A handle on one empty storage of each store in turn."""
    return opener()
