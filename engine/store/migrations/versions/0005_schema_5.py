"""Schema 5: the HTTP API's tables and key.

- ``api_tokens``: each token's id, the officer it acts as, the SHA-256 of its secret (never the
  secret), when it was made and when it was revoked.
- ``audit``: the requests the API refused (no token, a bad or revoked one, an officer acting
  outside their unit or agency), appended to only.
- ``meta`` row ``lookup-key``: 32 random bytes (hex) keying the short secret printed on Form 01,
  from which the citizen's status page recognises a dossier's holder; nothing is stored per case.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

SCHEMA_VERSION = 5

SQLITE = """
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    officer TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) WITHOUT ROWID;
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    remote TEXT NOT NULL,
    token TEXT,
    officer TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

POSTGRESQL = """
CREATE TABLE api_tokens (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    officer TEXT COLLATE "C" NOT NULL,
    hash TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT COLLATE "C"
);
CREATE TABLE audit (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    remote TEXT COLLATE "C" NOT NULL,
    token TEXT COLLATE "C",
    officer TEXT COLLATE "C",
    method TEXT COLLATE "C" NOT NULL,
    path TEXT COLLATE "C" NOT NULL,
    status BIGINT NOT NULL,
    code TEXT COLLATE "C" NOT NULL,
    message TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION motcua_append_only('the audit log is append-only');
CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only('the audit log is append-only')
"""


def upgrade() -> None:
    bind = op.get_bind()
    script = SQLITE if bind.dialect.name == "sqlite" else POSTGRESQL
    for statement in (s.strip() for s in script.split(";\n")):
        if statement:
            op.execute(sa.text(statement))
    op.execute(sa.text("INSERT INTO meta (key, value) VALUES ('lookup-key', :key)").bindparams(key=secrets.token_hex(32)))
    op.execute(sa.text("UPDATE meta SET value = :schema WHERE key = 'schema'").bindparams(schema=str(SCHEMA_VERSION)))
    if bind.dialect.name == "sqlite":
        op.execute(sa.text(f"PRAGMA user_version = {SCHEMA_VERSION}"))


def downgrade() -> None:
    raise NotImplementedError("a case store is never downgraded")
