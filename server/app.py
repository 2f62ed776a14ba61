"""The FastAPI application: routes, the token check, limits and the one error model.

Requests that use the case store run one at a time in a process (a lock around the engine):
``--workers N`` runs N processes on the same store for more.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from motcua.engine.cases import Engine, EventRefused
from motcua.engine.case_json import case_document
from motcua.engine.inputs import local_input
from motcua.engine.ledger import now
from motcua.engine.officers import Officer
from motcua.engine.spec.errors import InternalError, MotcuaError
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Catalog
from motcua.engine.store.tokens import Keyring, Refusal, parse_token
from motcua.server import catalogue, citizen
from motcua.server.errors import Forbidden, NoSuchForm, RateLimited, TooLarge, Unauthorized, error_response, status_of
from motcua.server.limits import BodyLimit, TokenBuckets

__all__ = ["create_app"]

logger = logging.getLogger("motcua.server")

#: The forms a case may print, by number.
FORMS = ("01", "02", "03", "04", "05", "06")


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class OpenCase(BaseModel):
    """A dossier received: what ``motcua case open`` takes, the officer being the token's."""

    model_config = ConfigDict(extra="forbid")
    procedure: str = Field(max_length=200)
    applicant: str = Field(max_length=500)
    records: list[str] | None = Field(default=None, max_length=200)
    variant: str | None = Field(default=None, max_length=200)
    channel: Literal["in-person", "post", "online"] | None = None
    at: str | None = Field(default=None, max_length=64)
    event_id: str | None = Field(default=None, max_length=200)


class FireEvent(BaseModel):
    """An event fired on a case: what ``motcua case fire`` takes."""

    model_config = ConfigDict(extra="forbid")
    event: str = Field(max_length=200)
    note: str | None = Field(default=None, max_length=2000)
    records: list[str] = Field(default_factory=list, max_length=200)
    until: str | None = Field(default=None, max_length=64)
    at: str | None = Field(default=None, max_length=64)
    event_id: str | None = Field(default=None, max_length=200)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


class Services:
    """What the routes share: the engine on the store, the keyring, the lock, the buckets."""

    def __init__(self, catalog: Catalog, store_location: str, *, rate: float, burst: int) -> None:
        self.catalog = catalog
        self.keyring = Keyring(store_location)
        from motcua.engine.store import open_store

        self.engine = Engine(catalog, store=open_store(store_location, create=False))
        self.lock = threading.RLock()
        self.buckets = TokenBuckets(rate, burst)

    @contextmanager
    def held(self) -> Iterator[Engine]:
        with self.lock:
            yield self.engine

    def close(self) -> None:
        self.engine.close()
        self.keyring.close()

    def audit(self, request: Request, error: MotcuaError, *, token: str | None, officer: str | None) -> None:
        client = request.client.host if request.client is not None else "?"
        with self.lock:
            self.keyring.refuse(Refusal(dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), client, token,
                                        officer, request.method, request.url.path[:500], status_of(error),
                                        error.code, error.message[:1000]))  # fmt: skip

_bearer = HTTPBearer(auto_error=False, description="An API token from 'motcua token create OFFICER'")


def _acting(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Officer:
    """The officer the request's token acts as; a missing, bad or revoked token is refused and audited."""
    services: Services = request.app.state.services
    token_id, officer_id = (None, None)
    if credentials is not None:
        with services.lock:
            token_id, officer_id = services.keyring.officer_of(credentials.credentials)
    if officer_id is None:
        error = Unauthorized(tr("cần một khoá API hợp lệ (Authorization: Bearer ...)",
                                "a valid API token is needed (Authorization: Bearer ...)"))  # fmt: skip
        services.audit(request, error, token=token_id, officer=None)
        raise error
    with services.held() as engine:
        officer = engine.officer(officer_id)
    request.state.token = token_id
    return officer


Acting = Annotated[Officer, Depends(_acting)]


def _time(value: str | None, field: str) -> dt.datetime | None:
    return None if value is None else local_input(value, field)


def create_app(catalog: Catalog, store_location: str, *, max_body: int = 64 * 1024, rate: float = 20.0,
               burst: int = 40) -> FastAPI:  # fmt: skip
    """The HTTP API over ``catalog`` and the case store at ``store_location`` (which must exist:
    ``motcua officer add`` creates it). ``max_body`` caps a request's body in bytes; ``rate`` and
    ``burst`` are the token bucket of each API token (or address, without one)."""
    services = Services(catalog, store_location, rate=rate, burst=burst)
    app = FastAPI(title="motcua", version="1", summary="One-stop procedures and their cases",
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)  # fmt: skip
    app.state.services = services
    app.router.on_shutdown.append(services.close)

    def too_large() -> Callable[..., Awaitable[None]]:
        error = TooLarge(tr(f"yêu cầu lớn hơn {max_body} byte", f"the request is larger than {max_body} bytes"),
                         limit=max_body)  # fmt: skip
        return error_response(error)

    app.add_middleware(BodyLimit, limit=max_body, too_large=too_large)

    @app.middleware("http")
    async def rate_limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        header = request.headers.get("authorization", "")
        parsed = parse_token(header[7:]) if header[:7].lower() == "bearer " else None
        key = f"token:{parsed[0]}" if parsed else f"ip:{request.client.host if request.client else '?'}"
        if not services.buckets.take(key):
            error = RateLimited(tr("quá nhiều yêu cầu; hãy thử lại sau", "too many requests; try again later"))
            return error_response(error, headers={"Retry-After": "1"})
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(MotcuaError)
    async def motcua_error(request: Request, error: MotcuaError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in error.errors())
        usage = MotcuaError(tr(f"yêu cầu không hợp lệ: {problems}", f"invalid request: {problems}"))
        usage.code = "usage-error"
        return error_response(usage, status=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "usage-error")
        said = {404: tr(f"không có: {request.url.path}", f"not found: {request.url.path}"),
                405: tr(f"{request.url.path} không nhận phương thức {request.method}",
                        f"{request.url.path} does not take {request.method}")}  # fmt: skip
        failure = MotcuaError(said.get(error.status_code, tr(str(error.detail), str(error.detail))))
        failure.code = code
        return error_response(failure, status=error.status_code)

    @app.exception_handler(Exception)
    async def fault(request: Request, error: Exception) -> JSONResponse:
        """A fault is the error model too; its text stays in the server's log, not in the answer."""
        logger.exception("internal error on %s %s", request.method, request.url.path, exc_info=error)
        what = type(error).__name__
        return error_response(InternalError(tr(f"lỗi bên trong motcua ({what})", f"internal error ({what})"),
                                            exception=what), status=500)  # fmt: skip


    def forbid(request: Request, officer: Officer, error: MotcuaError) -> None:
        services.audit(request, error, token=getattr(request.state, "token", None), officer=officer.id)

    def own_case(request: Request, engine: Engine, officer: Officer, case_id: str) -> Any:
        found = engine.get(case_id)
        if found.agency != officer.agency:
            error = Forbidden(tr(f"hồ sơ {case_id} thuộc cơ quan khác", f"case {case_id} belongs to another agency"),
                              case=case_id)  # fmt: skip
            forbid(request, officer, error)
            raise error
        return found

    # -- the catalogue ------------------------------------------------------------------------

    @app.get("/api/procedures", tags=["catalogue"], responses=_errors(429))
    def list_procedures() -> list[dict[str, Any]]:
        """Every version of every procedure of the catalogue."""
        return catalogue.procedure_list(services.catalog)

    @app.get("/api/procedures/{agency}/{procedure}", tags=["catalogue"], responses=_errors(400, 404, 422, 429))
    def get_procedure(agency: str, procedure: str, version: str | None = None) -> dict[str, Any]:
        """A procedure's public page as data: the version named, or the one in force today."""
        return catalogue.procedure_data(services.catalog, agency, procedure, version)

    @app.get("/api/procedures/{agency}/{procedure}/diagram.svg", tags=["catalogue"], response_class=Response,
             responses={200: {"content": {"image/svg+xml": {}}}, **_errors(400, 404, 422, 429, 500)})  # fmt: skip
    def get_diagram(agency: str, procedure: str, version: str | None = None,
                    view: Literal["internal", "public"] = "internal", lang: Literal["vi", "en"] = "vi") -> Response:  # fmt: skip
        """The procedure's chart drawn by Graphviz: staff swimlanes, or the citizen's guide."""
        svg = catalogue.diagram(services.catalog, agency, procedure, version, view=view, lang=lang)
        return Response(svg, media_type="image/svg+xml")

    # -- cases --------------------------------------------------------------------------------

    def document(engine: Engine, found: Any, officer: Officer, at: dt.datetime, *, forms: bool = True) -> dict[str, Any]:
        doc = case_document(found, engine.definition(found), at=at, officer=officer, forms=forms)
        doc["lookup_secret"] = services.keyring.secret(found.id)
        return doc

    @app.post("/api/cases", tags=["cases"], status_code=201, responses=_errors(400, 401, 403, 404, 409, 413, 422, 429))
    def open_case(body: OpenCase, officer: Acting, request: Request) -> dict[str, Any]:
        """Receive a dossier: the token's officer is the receiving officer (Form 01)."""
        with services.held() as engine:
            try:
                found = engine.open(body.procedure, applicant=body.applicant, actor=officer.id, records=body.records,
                                    variant=body.variant, channel=body.channel, at=_time(body.at, "at"),
                                    event_id=body.event_id)  # fmt: skip
            except EventRefused as refusal:
                forbid(request, officer, _forbidden(refusal))
                raise
            return document(engine, found, officer, _time(body.at, "at") or now())

    @app.post("/api/cases/{case_id}/events", tags=["cases"], responses=_errors(400, 401, 403, 404, 409, 413, 422, 429))
    def fire(case_id: str, body: FireEvent, officer: Acting, request: Request) -> dict[str, Any]:
        """Fire an event on a case as the token's officer: only on the steps of their unit."""
        with services.held() as engine:
            at = _time(body.at, "at")
            before = own_case(request, engine, officer, case_id)
            try:
                found = engine.fire(case_id, body.event, actor=officer.id, note=body.note, records=body.records,
                                    until=_time(body.until, "until"), at=at, event_id=body.event_id)  # fmt: skip
            except EventRefused as refusal:
                moment = at or now()
                anyone = engine.next_events(before, at=moment)
                if body.event in anyone and body.event not in engine.next_events(before, officer, at=moment):
                    forbid(request, officer, _forbidden(refusal))
                    raise
                raise
            return document(engine, found, officer, at or now())

    @app.get("/api/cases", tags=["cases"], responses=_errors(400, 401, 422, 429))
    def list_cases(officer: Acting, procedure: str | None = None, overdue: bool = False,
                   at: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
        """The cases of the officer's agency, by id (with ``overdue``, the oldest appointment first)."""
        with services.held() as engine:
            moment = _time(at, "at") or now()
            found = engine.list(overdue=overdue, procedure=procedure, at=moment)
            return [document(engine, c, officer, moment, forms=False) for c in found if c.agency == officer.agency]

    @app.get("/api/cases/overdue", tags=["cases"], responses=_errors(400, 401, 422, 429))
    def overdue(officer: Acting, at: str | None = None) -> list[dict[str, Any]]:
        """The officer's agency's cases past their appointment at ``at`` (default now)."""
        return list_cases(officer, None, True, at)

    @app.get("/api/cases/{case_id}", tags=["cases"], responses=_errors(400, 401, 403, 404, 422, 429))
    def show(case_id: str, officer: Acting, request: Request, at: str | None = None) -> dict[str, Any]:
        """A case with its forms, and the events the token's officer may fire now."""
        with services.held() as engine:
            found = own_case(request, engine, officer, case_id)
            return document(engine, found, officer, _time(at, "at") or now())

    @app.get("/api/cases/{case_id}/forms/{number}", tags=["cases"], response_class=PlainTextResponse,
             responses={200: {"content": {"text/plain": {}}}, **_errors(400, 401, 403, 404, 422, 429)})  # fmt: skip
    def form(case_id: str, number: Literal["01", "02", "03", "04", "05", "06"], officer: Acting, request: Request,
             lang: Literal["vi", "en"] | None = None) -> PlainTextResponse:  # fmt: skip
        """One form of the case as printed (every Form 02 or 04 it has, one after another)."""
        with services.held() as engine:
            found = own_case(request, engine, officer, case_id)
            forms = engine.forms(found, lang=lang)
            text = citizen.form_text(forms, number, services.keyring.secret(found.id))
        if text is None:
            raise NoSuchForm(tr(f"hồ sơ {case_id} không có mẫu số {number}", f"case {case_id} has no form {number}"),
                             case=case_id, form=number)  # fmt: skip
        return PlainTextResponse(text)

    # -- the citizen's status page ------------------------------------------------------------

    citizen.install(app, services)
    return app


def _forbidden(refusal: EventRefused) -> EventRefused:
    """The engine's refusal of an officer acting outside their unit or agency, answered with 403."""
    setattr(refusal, "http_status", 403)
    return refusal
