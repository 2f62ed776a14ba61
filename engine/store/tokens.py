"""The HTTP API's keys in a case store: API tokens, the log of refused requests, the lookup key.

A token reads ``mct_<id>_<secret>``: ``id`` names its row in ``api_tokens`` (shown by ``motcua
token list``, given to ``motcua token revoke``), ``secret`` is 32 random bytes of which the store
keeps only the SHA-256, compared in constant time. Each token acts as one registered officer.

The citizen's lookup secret of a dossier is derived, not stored: an HMAC-SHA256 of the dossier
code keyed with the store's ``lookup-key`` (``meta``), cut to 10 characters of base32.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import urllib.parse
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from motcua.engine.spec.i18n import tr
from motcua.engine.store import open_store
from motcua.engine.store.base import StoreError

__all__ = ["Keyring", "Refusal", "TokenRecord", "lookup_secret", "lookup_secret_of", "parse_token"]

_PREFIX = "mct_"
#: The store's lookup key as ``meta`` keeps it: 32 bytes in hex.
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
#: Characters of the lookup secret (base32: 5 bits each, 50 bits in all).
SECRET_LENGTH = 10


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A token as listed: never its secret."""

    id: str
    officer: str
    created_at: str
    revoked_at: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "officer": self.officer, "created_at": self.created_at, "revoked_at": self.revoked_at}


@dataclass(frozen=True, slots=True)
class Refusal:
    """One refused request, as the audit log keeps it."""

    at: str
    remote: str
    token: str | None
    officer: str | None
    method: str
    path: str
    status: int
    code: str
    message: str


def parse_token(text: str) -> tuple[str, str] | None:
    """``(id, secret)`` of a token's text, or ``None`` when it is not shaped as one."""
    if not text.startswith(_PREFIX):
        return None
    token_id, sep, secret = text[len(_PREFIX):].partition("_")
    if not sep or len(token_id) != 16 or not secret or len(secret) > 64:
        return None
    return token_id, secret


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def lookup_secret(key: str, case_id: str) -> str:
    """The short secret printed on Form 01 of ``case_id``, from the store's lookup key."""
    digest = hmac.new(bytes.fromhex(key), case_id.encode("utf-8"), hashlib.sha256).digest()
    text = base64.b32encode(digest).decode("ascii")[:SECRET_LENGTH]
    return f"{text[:5]}-{text[5:]}"


def lookup_secret_of(location: str, case_id: str) -> str | None:
    """The lookup secret of ``case_id`` in the store at ``location``, read without writing; ``None``
    when the store has no lookup key (a schema before 5) or it cannot be read (a damaged store,
    which the caller reports in its own way)."""
    try:
        with Keyring(location, read_only=True) as keyring:
            return keyring.secret(case_id)
    except (StoreError, sa.exc.SQLAlchemyError, sqlite3.Error, ValueError):
        return None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Keyring:
    """The tokens, the audit log and the lookup key of the store at ``location`` (a path or a
    PostgreSQL URL), which must exist; it is upgraded to the current schema first."""

    def __init__(self, location: str | os.PathLike[str], *, read_only: bool = False) -> None:
        text = os.fspath(location)
        # There and ours; opened for writing, brought to the current schema.
        open_store(text, create=False, read_only=read_only).close()
        self.location = text
        if "://" in text:
            from motcua.engine.store.postgres_connection import server_engine, shown_url

            self._engine = server_engine(text, shown_url(text), read_only=read_only)
        else:
            uri = "file:" + urllib.parse.quote(os.path.abspath(text)) + ("?mode=ro" if read_only else "")
            self._engine = sa.create_engine(
                "sqlite://", poolclass=NullPool,
                creator=lambda: sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False),
            )  # fmt: skip
        self._key: str | None = None

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Keyring:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- tokens -----------------------------------------------------------------------------

    def create(self, officer: str) -> tuple[TokenRecord, str]:
        """A new token acting as ``officer``: its record and its text, shown this once."""
        token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        record = TokenRecord(token_id, officer, _now(), None)
        with self._engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO api_tokens (id, officer, hash, created_at) VALUES (:i, :o, :h, :c)"),
                         {"i": token_id, "o": officer, "h": _hash(secret), "c": record.created_at})  # fmt: skip
        return record, f"{_PREFIX}{token_id}_{secret}"

    def revoke(self, token_id: str) -> TokenRecord:
        """Revoke a token by its id (revoking it again keeps the first time)."""
        with self._engine.begin() as conn:
            conn.execute(sa.text("UPDATE api_tokens SET revoked_at = :t WHERE id = :i AND revoked_at IS NULL"),
                         {"t": _now(), "i": token_id})  # fmt: skip
        found = [t for t in self.tokens() if t.id == token_id]
        if not found:
            from motcua.engine.inputs import InvalidInput

            raise InvalidInput(tr(f"không có khoá API '{token_id}'; 'motcua token list' liệt kê các khoá",
                                  f"no API token '{token_id}'; 'motcua token list' lists them"), token=token_id)
        return found[0]

    def tokens(self) -> list[TokenRecord]:
        """Every token, by id."""
        with self._engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, officer, created_at, revoked_at FROM api_tokens ORDER BY id"))
            return [TokenRecord(str(r[0]), str(r[1]), str(r[2]), None if r[3] is None else str(r[3])) for r in rows]

    def officer_of(self, text: str) -> tuple[str | None, str | None]:
        """``(token id, officer)`` of a valid, unrevoked token; ``(id or None, None)`` otherwise."""
        parsed = parse_token(text)
        if parsed is None:
            return None, None
        token_id, secret = parsed
        with self._engine.connect() as conn:
            row = conn.execute(sa.text("SELECT officer, hash, revoked_at FROM api_tokens WHERE id = :i"),
                               {"i": token_id}).first()  # fmt: skip
        expected = str(row[1]) if row is not None else "0" * 64
        good = hmac.compare_digest(expected, _hash(secret))
        if row is None or not good or row[2] is not None:
            return token_id, None
        return token_id, str(row[0])

    # -- the audit log ----------------------------------------------------------------------

    def refuse(self, refusal: Refusal) -> None:
        """Append a refused request to the audit log."""
        with self._engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO audit (at, remote, token, officer, method, path, status, code, message) "
                "VALUES (:at, :remote, :token, :officer, :method, :path, :status, :code, :message)"
            ), {**{f: getattr(refusal, f) for f in Refusal.__slots__}})  # fmt: skip

    def refusals(self) -> list[Refusal]:
        """The audit log, oldest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT at, remote, token, officer, method, path, status, code, message "
                                        "FROM audit ORDER BY seq"))  # fmt: skip
            return [Refusal(*r) for r in rows]

    # -- the citizen's lookup ---------------------------------------------------------------

    def secret(self, case_id: str) -> str:
        """The lookup secret of ``case_id`` (printed on Form 01)."""
        if self._key is None:
            try:
                with self._engine.connect() as conn:
                    key = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'lookup-key'")).scalar()
            except (UnicodeDecodeError, sa.exc.DatabaseError):
                key = None
            if not isinstance(key, str) or not _HEX_KEY.fullmatch(key):
                raise StoreError(tr(f"{self.location}: kho hồ sơ không có khoá tra cứu, hoặc khoá đã hỏng",
                                    f"{self.location}: the case store has no lookup key, or a damaged one"), kind="corrupt",
                                 location=self.location)  # fmt: skip
            self._key = key
        return lookup_secret(self._key, case_id)

    def holds(self, case_id: str, secret: str) -> bool:
        """Whether ``secret`` is the lookup secret of ``case_id`` (constant time; dashes and case ignored)."""
        wanted = self.secret(case_id).replace("-", "")
        given = secret.replace("-", "").upper()
        return hmac.compare_digest(wanted.encode(), given.encode("utf-8", "replace"))
