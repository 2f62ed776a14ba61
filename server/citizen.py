"""The citizen's status page: the dossier code from Form 01 and the short secret printed on it
give the state, the appointment and the next step of that one dossier, nothing else.

An unknown code and a wrong secret get the same answer (the secret is compared in constant
time, and one is derived for an unknown code too), so no other dossier can be found by trying.
The HTML page runs no script and loads nothing: its Content-Security-Policy forbids both.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import escape

from motcua.engine.calendar import LOCAL_TIME
from motcua.engine.forms import CaseForms
from motcua.engine.form_text import render_apology, render_control_sheet, render_receipt, render_refusal
from motcua.engine.form_text import render_supplement_request, render_tracking_log
from motcua.engine.ledger import Case, Definition
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.names import AWAITING_SUPPLEMENT, REFUSED, WITHDRAWN
from motcua.server.errors import LookupFailed, error_response

if TYPE_CHECKING:
    from motcua.server.app import Services

__all__ = ["CSP", "form_text", "install", "status"]

#: The page's policy: nothing but its own inline style; no script, frame, form target or base elsewhere.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")  # fmt: skip

_FRAME = {
    AWAITING_SUPPLEMENT: ("Chờ công dân bổ sung hồ sơ", "Waiting for the applicant to complete the dossier"),
    REFUSED: ("Hồ sơ bị từ chối (xem thông báo)", "Dossier refused (see the notice)"),
    WITHDRAWN: ("Công dân đã rút hồ sơ", "Withdrawn by the applicant"),
}

_WORDS = {
    "title": ("Tra cứu hồ sơ", "Dossier status"),
    "code": ("Mã hồ sơ", "Dossier code"),
    "secret": ("Mã tra cứu", "Lookup secret"),
    "look": ("Tra cứu", "Look up"),
    "procedure": ("Thủ tục", "Procedure"),
    "state": ("Tình trạng", "State"),
    "appointment": ("Hẹn trả kết quả", "Result due"),
    "next": ("Bước tiếp theo", "Next step"),
    "finished": ("Đã giải quyết xong", "Finished"),
    "none": ("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.",
             "No dossier was found with this dossier code and lookup secret."),
    "hint": ("Mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01).",
             "The dossier code and the lookup secret are printed on the receipt (Form 01)."),
    "other": ("English", "Tiếng Việt"),
}


def _word(key: str, lang: str) -> str:
    vi, en = _WORDS[key]
    return vi if lang == "vi" else en


def form_text(forms: CaseForms, number: str, secret: str) -> str | None:
    """Form ``number`` of a case as printed (Form 01 with the lookup secret); ``None`` if it has none."""
    lang = forms.lang
    texts = {
        "01": [render_receipt(forms.receipt, lang=lang, lookup_secret=secret)],
        "02": [render_supplement_request(f, lang=lang) for f in forms.supplement_requests],
        "03": [render_refusal(forms.refusal, lang=lang)] if forms.refusal is not None else [],
        "04": [render_apology(f, lang=lang) for f in forms.apologies],
        "05": [render_control_sheet(forms.control_sheet, lang=lang)],
        "06": [render_tracking_log(forms.tracking_log, lang=lang)],
    }[number]
    return "\n\n".join(texts) if texts else None


def status(case: Case, definition: Definition, lang: str) -> dict[str, Any]:
    """What the holder of a dossier sees: its procedure, state, appointment and next step."""
    proc, agency = definition.procedure, definition.agency
    units = {u.id: u.title for u in agency.units}
    next_step: str | None = None
    if proc.is_step(case.state):
        step = proc.step(case.state)
        unit = units.get(step.unit)
        state = (step.title.get(lang) if step.title else step.id) + (f" ({unit.get(lang)})" if unit else "")
        following = step.next or (step.outcomes[0].to if step.outcomes else None)
        if following is not None and proc.is_step(following):
            after = proc.step(following)
            next_step = (after.title.get(lang) if after.title else after.id) + (
                f" ({units[after.unit].get(lang)})" if after.unit in units else "")
        elif following is not None:
            next_step = "Trả kết quả" if lang == "vi" else "Result handed over"
    elif proc.is_end(case.state):
        end = proc.end(case.state)
        state = end.title.get(lang) if end.title else _word("finished", lang)
    else:
        vi, en = _FRAME.get(case.state, (case.state, case.state))
        state = vi if lang == "vi" else en
    return {
        "dossier": case.id,
        "procedure": proc.title.get(lang),
        "state": state,
        "finished": case.finished,
        "appointment": case.due.replace(tzinfo=LOCAL_TIME).isoformat(),
        "next_step": next_step,
    }


def _page(lang: str, code: str, found: dict[str, Any] | None, asked: bool) -> str:
    def w(key: str) -> str:
        return str(escape(_word(key, lang)))

    other = "en" if lang == "vi" else "vi"
    rows = ""
    if found is not None:
        due = dt.datetime.fromisoformat(found["appointment"])
        listed = [("code", found["dossier"]), ("procedure", found["procedure"]), ("state", found["state"]),
                  ("appointment", f"{due:%H:%M %d/%m/%Y}")]  # fmt: skip
        if found["next_step"]:
            listed.append(("next", found["next_step"]))
        rows = "<dl>" + "".join(f"<dt>{w(k)}</dt><dd>{escape(v)}</dd>" for k, v in listed) + "</dl>"
    elif asked:
        rows = f'<p role="alert">{w("none")}</p>'
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{w("title")}</title>'
        "<style>body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}"
        "dt{font-weight:bold}dd{margin:0 0 .5rem 0}label{display:block;margin:.5rem 0}</style></head><body>"
        f'<p><a href="?lang={other}">{w("other")}</a></p><h1>{w("title")}</h1><p>{w("hint")}</p>'
        f'<form method="get" action=""><input type="hidden" name="lang" value="{lang}">'
        f'<label>{w("code")} <input name="code" value="{escape(code)}" required maxlength="64"></label>'
        f'<label>{w("secret")} <input name="secret" required maxlength="32" autocomplete="off"></label>'
        f'<button type="submit">{w("look")}</button></form>{rows}</body></html>'
    )


def install(app: FastAPI, services: Services) -> None:
    """Add the status page (``/tra-cuu``) and its JSON (``/api/status``) to ``app``."""

    def find(code: str, secret: str, lang: str) -> dict[str, Any] | None:
        with services.held() as engine:
            holds = services.keyring.holds(code, secret)  # derived for any code, known or not
            if not holds:
                return None
            try:
                case = engine.get(code)
            except LookupError:
                return None
            return status(case, engine.definition(case), lang)

    def headers() -> dict[str, str]:
        return {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}

    @app.get("/tra-cuu", tags=["citizen"], response_class=HTMLResponse,
             responses={200: {"content": {"text/html": {}}}, 404: {"content": {"text/html": {}}},
                        422: {"model": _error_model()}, 429: {"model": _error_model()}})  # fmt: skip
    def page(code: str = Query("", max_length=64), secret: str = Query("", max_length=32),
             lang: Literal["vi", "en"] = "vi") -> HTMLResponse:  # fmt: skip
        """The citizen's status page (Vietnamese by default, ``lang=en`` for English); no script."""
        asked = bool(code or secret)
        found = find(code, secret, lang) if code and secret else None
        status_code = 404 if asked and found is None else 200
        return HTMLResponse(_page(lang, code if found else "", found, asked), status_code=status_code,
                            headers=headers())  # fmt: skip

    @app.get("/api/status", tags=["citizen"],
             responses={status: {"model": _error_model()} for status in (404, 422, 429)})  # fmt: skip
    def status_json(code: str = Query(max_length=64), secret: str = Query(max_length=32),
                    lang: Literal["vi", "en"] = "vi") -> dict[str, Any]:  # fmt: skip
        """The same as JSON: ``{"dossier", "procedure", "state", "finished", "appointment", "next_step"}``."""
        found = find(code, secret, lang)
        if found is None:
            return _nothing()  # type: ignore[return-value]
        return found


def _nothing() -> JSONResponse:
    return error_response(LookupFailed(tr("không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này",
                                          "no dossier with this code and lookup secret")))


def _error_model() -> Any:
    from motcua.server.app import ErrorBody

    return ErrorBody
