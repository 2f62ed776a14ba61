"""The error model over HTTP: every error is ``{"error": {"code", "message", ...details}}`` with an
HTTP status chosen from its code, or else from its exit status (the command line's kinds)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from motcua.engine.spec.errors import MotcuaError

__all__ = ["Forbidden", "LookupFailed", "NoSuchForm", "RateLimited", "STATUS_BY_CODE", "TooLarge", "Unauthorized",
           "error_response", "status_of"]


class Unauthorized(MotcuaError):
    """No API token, or one that is unknown, revoked or wrong."""

    code = "unauthorized"
    exit_code = 2


class Forbidden(MotcuaError):
    """The token's officer may not do this (another agency's case)."""

    code = "forbidden"
    exit_code = 1


class TooLarge(MotcuaError):
    """A request body over the limit."""

    code = "request-too-large"
    exit_code = 2


class RateLimited(MotcuaError):
    """Too many requests from one token or one address."""

    code = "rate-limited"
    exit_code = 2


class NoSuchForm(MotcuaError):
    """A form the case does not have (Form 03 of a case not refused, say)."""

    code = "unknown-form"
    exit_code = 2


class LookupFailed(MotcuaError):
    """The citizen's lookup: no dossier with this code and secret (the same for either wrong)."""

    code = "unknown-dossier"
    exit_code = 2


#: The HTTP status of the codes that have their own; every other follows its exit status.
STATUS_BY_CODE: dict[str, int] = {
    "unauthorized": 401,
    "forbidden": 403,
    "unknown-case": 404,
    "unknown-procedure": 404,
    "unknown-form": 404,
    "unknown-dossier": 404,
    "not-found": 404,
    "method-not-allowed": 405,
    "refused": 409,
    "conflict": 409,
    "request-too-large": 413,
    "usage-error": 422,
    "rate-limited": 429,
}
#: By exit status: 1 a refusal, 2 bad input, 3 an internal or environment failure.
STATUS_BY_EXIT = {1: 409, 2: 400, 3: 500}


def status_of(error: MotcuaError) -> int:
    """The HTTP status of ``error``; a store that cannot be used is the server's failure (500)."""
    given = getattr(error, "http_status", None)
    if isinstance(given, int):
        return given
    if error.code.startswith("store-"):
        return 500
    return STATUS_BY_CODE.get(error.code, STATUS_BY_EXIT.get(error.exit_code, 500))


def error_response(error: MotcuaError, *, status: int | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response of ``error``, its message in the run's language."""
    body: dict[str, Any] = error.as_dict()
    return JSONResponse({"error": body}, status_code=status or status_of(error), headers=headers)
