"""A throw-away PostgreSQL server for the benchmarks: initdb into a temporary folder, started on a
free loopback port with the Debian binaries (``make system-deps``), as the user ``postgres`` when
run as root (initdb refuses root), stopped and removed at the end; a watchdog stops it if the
benchmark is killed first.

    with pg_server(durable=True) as server:
        url = server.create_database("bench")   # postgresql://postgres@127.0.0.1:PORT/bench
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

__all__ = ["PgServer", "pg_server", "postgres_bin"]


class PgServerError(RuntimeError):
    """The server could not be found, initialised or started."""


@dataclass(frozen=True)
class PgServer:
    """A running server: the user ``postgres`` logs in from loopback without a password."""

    port: int
    root: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database ``name`` (dropped first if it is there); its URL."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def postgres_bin(lib: Path = Path("/usr/lib/postgresql")) -> Path:
    """The folder of the newest PostgreSQL server binaries Debian installed (or on the PATH)."""
    found = sorted(lib.glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)  # fmt: skip
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).resolve().parent / "initdb").exists():
        return Path(on_path).resolve().parent
    raise PgServerError("PostgreSQL server binaries (initdb, pg_ctl) not found: run `make system-deps`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def pg_server(*, durable: bool = True, max_connections: int = 200) -> Iterator[PgServer]:
    """A server for the block. ``durable`` keeps fsync and synchronous commits on (a commit waits
    for the disk, as an SQLite commit with synchronous FULL does); off, nothing is synced."""
    pg_bin = postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="motcua-bench-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data, log = root / "data", root / "log"
    stop = [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
    watchdog = subprocess.Popen(
        ["sh", "-c", f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; {shlex.join(stop)}; "
                     f"rm -rf {shlex.quote(str(root))}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PgServerError(f"{Path(args[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}\n{tail}")

    try:
        run(str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        (data / "pg_hba.conf").write_text("local all postgres trust\nhost all postgres 127.0.0.1/32 trust\n")
        sync = "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections={max_connections}{sync}"
        run(str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start")
        yield PgServer(port, root)
    finally:
        subprocess.run(stop, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
        watchdog.kill()
        watchdog.wait()
