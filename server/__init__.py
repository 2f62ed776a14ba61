"""The HTTP API (``motcua serve``): the catalogue, cases by API token, and the citizen's status page.

:func:`create_app` builds the FastAPI application over a catalogue and a case store; uvicorn
serves it. Errors are the one error model of the command line, as ``{"error": {"code",
"message", ...}}`` with an HTTP status chosen by their kind (``motcua.server.errors``).
"""

from __future__ import annotations

from motcua.server.app import create_app

__all__ = ["create_app"]
