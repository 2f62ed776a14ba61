"""``motcua worker``: fire the step timeouts that fall due, as a service beside other workers.

Each round ticks the engine at the current time (``Engine.tick``): every due case is claimed in
the store (``CaseStore.claim``) and its timeout fired in the claim's transaction, so workers
sharing a store, on one machine or on many, fire each timeout once, and a worker killed at any
point holds nothing the others need. SIGTERM or SIGINT ends the worker once the timeout it is
firing is committed. Each timeout fired is one line on stdout (text, or one JSON object a line).
"""

from __future__ import annotations

import json
import signal
import time
from types import FrameType, TracebackType

import click

from motcua.catalogs import open_catalog
from motcua.cli.common import Command, report
from motcua.engine.calendar import LOCAL_TIME
from motcua.engine.cases import Case, Engine, StoreError
from motcua.engine.inputs import json_visible
from motcua.engine.ledger import now
from motcua.engine.spec import i18n
from motcua.engine.spec.printable import visible
from motcua.engine.store import open_store

__all__ = ["worker"]

#: The signals that ask a worker to stop.
_STOPPING = (signal.SIGTERM, signal.SIGINT)
#: How long a worker sleeps at most before it looks again whether it was asked to stop.
_NAP = 0.2


class _Stop:
    """Inside the block, SIGTERM and SIGINT ask the worker to stop instead of ending it."""

    def __init__(self) -> None:
        self.asked = False
        self._saved: dict[int, object] = {}

    def __enter__(self) -> _Stop:
        for sig in _STOPPING:
            self._saved[sig] = signal.signal(sig, self._ask)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        for sig, handler in self._saved.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _ask(self, signum: int, frame: FrameType | None) -> None:
        self.asked = True

    def __call__(self) -> bool:
        return self.asked

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when asked to stop meanwhile."""
        deadline = time.monotonic() + seconds
        while not self.asked and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, _NAP))


def _line(case: Case, fmt: str) -> str:
    """The line telling of the timeout just fired on ``case``."""
    event = case.events[-1]
    at = event.at.replace(tzinfo=LOCAL_TIME).isoformat(timespec="seconds")
    if fmt == "json":
        document = {"case": case.id, "event": event.event, "event_id": event.id, "from": event.source,
                    "to": event.target, "at": at, "revision": case.revision}  # fmt: skip
        return json_visible(json.dumps(document, ensure_ascii=False))
    words = ("lúc", "sự kiện") if i18n.current() == "vi" else ("at", "event")
    return visible(f"{case.id}  {event.event}  {event.source} -> {event.target}  {words[0]} {at}  "
                   f"({words[1]} {event.id})")  # fmt: skip


def _engine(db: str, catalog_path: str | None) -> Engine:
    """The engine on the store at ``db``, which must be there already."""
    store = open_store(db, create=False)
    try:
        catalog = open_catalog(catalog_path, leave_out_broken=True).catalog if catalog_path is not None else None
        return Engine(catalog, store=store)
    except BaseException:
        store.close()
        raise


@click.command(cls=Command)
@click.option(
    "--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH|URL",
    help="Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).",
)  # fmt: skip
@click.option("--catalog", "catalog_path", metavar="PATH",
              help="Procedure catalogue to load as well (timeouts run on the definitions the store keeps).")
@click.option("--interval", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Seconds between two rounds.")  # fmt: skip
@click.option("--once", is_flag=True, help="Fire what is due now, then exit.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output format; json prints one JSON object a line for each timeout fired.",
)  # fmt: skip
def worker(db: str, catalog_path: str | None, interval: float, once: bool, fmt: str) -> None:
    """Fire the step timeouts that fall due, one round every --interval seconds.

    Several workers may share one store (a PostgreSQL server, or an SQLite file on one
    machine): each timeout is fired once, by one of them. SIGTERM or SIGINT stops a worker
    once the timeout it is firing is committed; a worker killed outright loses nothing, and
    the others fire what it left. Each timeout fired is one line on stdout. A store that
    cannot be reached is reported on stderr and tried again the next round (with --once, it
    ends the worker).
    """
    with _Stop() as stop, _engine(db, catalog_path) as engine:
        while not stop.asked:
            try:
                engine.tick(at=now(), each=lambda case: click.echo(_line(case, fmt)), stop=stop)
            except StoreError as err:
                if once or err.kind != "io":
                    raise
                report(err)
            if once:
                break
            stop.wait(interval)
