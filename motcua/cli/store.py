"""``motcua store``: the case store itself, beside the cases in it.

``upgrade`` brings a store up to the schema this motcua writes, and does nothing else: opening a
store for writing runs its pending migrations anyway, but a PostgreSQL store of an older schema
is not read read-only (``oversight``, ``case list`` on a replica) until it is upgraded.
"""

from __future__ import annotations

import json

import click

from motcua.cli.common import Group
from motcua.engine.inputs import json_visible
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store import open_store
from motcua.engine.store.schema import SCHEMA_VERSION

__all__ = ["store"]


@click.group(cls=Group)
def store() -> None:
    """Look after the case store: bring it up to this motcua's schema."""


@store.command("upgrade")
@click.option("--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH|URL",
              help="Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json prints pure JSON on stdout.")  # fmt: skip
def upgrade(db: str, fmt: str) -> None:
    """Run the store's pending migrations, in one transaction; a store already up to date is left as it is.

    A store that is not there is not created; one of a newer schema is refused and left untouched.
    """
    with open_store(db, create=False) as opened:
        location = opened.location
    if fmt == "json":
        click.echo(json_visible(json.dumps({"location": location, "schema": SCHEMA_VERSION}, ensure_ascii=False)))
    else:
        click.echo(visible(str(tr(f"{location}: kho hồ sơ ở lược đồ {SCHEMA_VERSION}",
                                  f"{location}: case store at schema {SCHEMA_VERSION}"))))  # fmt: skip
