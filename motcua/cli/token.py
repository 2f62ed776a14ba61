"""``motcua token``: the HTTP API's tokens, each acting as one registered officer.

``create`` shows a token once (the store keeps only its SHA-256); ``revoke`` ends one by its
id; ``list`` shows ids, officers and times, never a secret.
"""

from __future__ import annotations

import json

import click

from motcua.cli.common import Group
from motcua.engine.cases import Engine
from motcua.engine.inputs import check_line, json_visible
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store import open_store
from motcua.engine.store.tokens import Keyring, TokenRecord

__all__ = ["token"]

_DB = click.option(
    "--db", default="motcua.db", envvar="MOTCUA_DB", show_default=True, metavar="PATH|URL",
    help="Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).",
)  # fmt: skip
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                       help="Output format; json prints pure JSON on stdout.")  # fmt: skip


def _line(t: TokenRecord) -> str:
    revoked = str(tr(f"  thu hồi {t.revoked_at}", f"  revoked {t.revoked_at}")) if t.revoked_at else ""
    return visible(f"{t.id}  {t.officer}  {t.created_at}{revoked}")


def _json(data: object) -> str:
    return json_visible(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=Group)
def token() -> None:
    """Create, list and revoke the HTTP API's tokens ('motcua serve')."""


@token.command("create")
@click.argument("officer_id", metavar="OFFICER")
@_DB
@_FORMAT
def create(officer_id: str, db: str, fmt: str) -> None:
    """Make a token acting as OFFICER (a registered officer) and show it, this once."""
    check_line(officer_id, "OFFICER")
    with Engine(None, store=open_store(db, read_only=True)) as engine:
        engine.officer(officer_id)
    with Keyring(db) as keyring:
        record, text = keyring.create(officer_id)
    if fmt == "json":
        click.echo(_json({**record.as_dict(), "token": text}))
    else:
        click.echo(text)
        click.echo(str(tr(f"khoá {record.id} của cán bộ {officer_id}: chỉ hiện một lần này; hãy giữ kín",
                          f"token {record.id} of officer {officer_id}: shown this once; keep it secret")), err=True)


@token.command("revoke")
@click.argument("token_id", metavar="TOKEN_ID")
@_DB
@_FORMAT
def revoke(token_id: str, db: str, fmt: str) -> None:
    """Revoke the token TOKEN_ID (as 'motcua token list' shows it): it is refused from now on."""
    check_line(token_id, "TOKEN_ID")
    with Keyring(db) as keyring:
        record = keyring.revoke(token_id)
    click.echo(_json(record.as_dict()) if fmt == "json" else _line(record))


@token.command("list")
@_DB
@_FORMAT
def list_tokens(db: str, fmt: str) -> None:
    """List the tokens: id, officer, when made and when revoked (never a secret)."""
    with Keyring(db) as keyring:
        found = keyring.tokens()
    if fmt == "json":
        click.echo(_json([t.as_dict() for t in found]))
    else:
        click.echo("\n".join(_line(t) for t in found) or str(tr("chưa có khoá nào", "no tokens")))
