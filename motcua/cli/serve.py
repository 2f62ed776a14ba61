"""``motcua serve``: the HTTP API (``motcua.server``) on uvicorn.

The store must exist (``motcua officer add`` creates it) and is upgraded to the current schema
when the server starts; the catalogue is loaded once, procedure files with errors left out.
"""

from __future__ import annotations

import json
import os

import click

from motcua.catalogs import open_catalog
from motcua.cli.common import Command
from motcua.engine.spec.i18n import tr

__all__ = ["serve", "app_from_environment"]

#: Where a worker process started by uvicorn finds the store, the catalogue and the rate limit.
_DB, _CATALOG, _RATE, _BURST = "MOTCUA_SERVE_DB", "MOTCUA_SERVE_CATALOG", "MOTCUA_SERVE_RATE", "MOTCUA_SERVE_BURST"


def app_from_environment() -> object:
    """The application for uvicorn's worker processes (``--workers`` > 1), from the environment."""
    from motcua.server import create_app

    catalog = open_catalog(os.environ[_CATALOG], leave_out_broken=True).catalog
    return create_app(catalog, os.environ[_DB], rate=float(os.environ[_RATE]), burst=int(os.environ[_BURST]))


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH|URL",
    help="Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).",
)  # fmt: skip
@click.option("--catalog", "catalog_path", default="procedures/", show_default=True, metavar="PATH",
              help="Procedure catalogue served and used to open cases.")  # fmt: skip
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the store.")  # fmt: skip
@click.option("--rate", type=click.FloatRange(0, min_open=True), default=20.0, show_default=True,
              help="Requests a second allowed to each API token (or address, without one), in each server process.")
@click.option("--burst", type=click.IntRange(1), default=40, show_default=True,
              help="Requests allowed at once to each API token (or address) before --rate applies.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json prints pure JSON on stdout.")  # fmt: skip
def serve(host: str, port: int, db: str, catalog_path: str, workers: int, rate: float, burst: int, fmt: str) -> None:
    """Serve the HTTP API: the catalogue, cases by API token ('motcua token create'), and the
    citizens' status page (/tra-cuu). Its OpenAPI document is /openapi.json."""
    import uvicorn

    from motcua.engine.store.tokens import Keyring
    from motcua.server import create_app

    catalog = open_catalog(catalog_path, leave_out_broken=True).catalog
    Keyring(db).close()  # the store is there and at the current schema before any worker starts
    base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    if fmt == "json":
        click.echo(json.dumps({"url": base, "openapi": f"{base}/openapi.json", "status_page": f"{base}/tra-cuu",
                               "workers": workers, "rate": rate, "burst": burst}))  # fmt: skip
    else:
        click.echo(str(tr(f"motcua serve: {base} (OpenAPI: {base}/openapi.json; trang tra cứu: {base}/tra-cuu)",
                          f"motcua serve: {base} (OpenAPI: {base}/openapi.json; status page: {base}/tra-cuu)")))
    if workers == 1:
        uvicorn.run(create_app(catalog, db, rate=rate, burst=burst), host=host, port=port, log_level="warning")
        return
    os.environ[_DB], os.environ[_CATALOG], os.environ[_RATE], os.environ[_BURST] = db, catalog_path, repr(rate), str(burst)
    uvicorn.run("motcua.cli.serve:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")  # fmt: skip
