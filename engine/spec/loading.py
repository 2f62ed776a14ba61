"""From spec files to the model: find the files of a catalogue, read them strictly, build dataclasses.

Building assumes the data passed the JSON Schema (the validators check that first); values the
schema cannot judge, such as a date that does not exist, become diagnostics here.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Sequence

from motcua.engine.spec import model as m
from motcua.engine.spec.diagnostics import Diagnostic, SpecError, has_errors
from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.specfiles import SPEC_SUFFIXES, discover
from motcua.engine.spec.yamlstrict import Document, read_document

__all__ = [
    "BuildError",
    "SPEC_SUFFIXES",
    "build_agency",
    "build_procedure",
    "discover",
    "load_catalog",
    "load_documents",
    "assemble",
]


def load_documents(files: Iterable[str]) -> list[Document]:
    return [read_document(f) for f in files]


class BuildError(Exception):
    """A value that passed the schema but has no meaning (a date that does not exist...)."""

    def __init__(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.hint = hint


def _text(value: Any, lang: str) -> m.Text:
    if isinstance(value, dict):
        return m.Text(tuple((str(k), str(v)) for k, v in value.items()))
    return m.Text(((lang, str(value)),))


def _opt_text(value: Any, lang: str) -> m.Text | None:
    return None if value is None else _text(value, lang)


def _date(value: Any, path: tuple[str | int, ...]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BuildError(path, f"'{value}' is not a date that exists", "write the date as YYYY-MM-DD") from None


def _opt_date(value: Any, path: tuple[str | int, ...]) -> dt.date | None:
    return None if value is None else _date(value, path)


def _duration(value: Any, path: tuple[str | int, ...]) -> m.Duration:
    try:
        return parse_duration(str(value))
    except ValueError as exc:
        raise BuildError(path, str(exc)) from None


def _opt_duration(value: Any, path: tuple[str | int, ...]) -> m.Duration | None:
    return None if value is None else _duration(value, path)


def _clock(text: str, path: tuple[str | int, ...]) -> dt.time:
    try:
        hh, mm = text.strip().split(":")
        return dt.time(int(hh), int(mm))
    except ValueError:
        raise BuildError(path, f"'{text}' is not a time of day", "write office hours as HH:MM-HH:MM") from None


class _Pos:
    __slots__ = ("doc",)

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def __call__(self, *path: str | int) -> m.Pos:
        line, col = self.doc.locate(tuple(path))
        return m.Pos(line, col)


def build_agency(doc: Document) -> m.Agency:
    """An ``Agency`` from a schema-valid agency document; raises ``BuildError``."""
    d: dict[str, Any] = doc.data
    pos = _Pos(doc)
    languages = tuple(d.get("languages") or ("vi",))
    lang = languages[0]
    units = tuple(
        m.Unit(id=u["id"], title=_text(u["title"], lang), role=m.UnitRole(u["role"]), pos=pos("units", i))
        for i, u in enumerate(d.get("units") or ())
    )
    cal = d.get("calendar") or {}
    blocks: list[tuple[dt.time, dt.time]] = []
    for i, block in enumerate(cal.get("office_hours") or ()):
        a, _, b = str(block).partition("-")
        start, end = _clock(a, ("calendar", "office_hours", i)), _clock(b, ("calendar", "office_hours", i))
        if end <= start or (blocks and start < blocks[-1][1]):
            raise BuildError(("calendar", "office_hours", i),
                             f"office hours '{block}' must end after they start and after the block before",
                             "list the blocks in order, e.g. [\"07:00-11:30\", \"13:30-17:00\"]")
        blocks.append((start, end))
    days_off = []
    for i, item in enumerate(cal.get("days_off") or ()):
        if isinstance(item, dict):
            days_off.append(m.DayOff(_date(item.get("date"), ("calendar", "days_off", i, "date")),
                                     item.get("note"), pos("calendar", "days_off", i)))
        else:
            days_off.append(m.DayOff(_date(item, ("calendar", "days_off", i)), None, pos("calendar", "days_off", i)))
    calendar = m.Calendar(
        holidays=str(cal.get("holidays") or "VN"),
        office_hours=tuple(blocks) if blocks else m.Calendar().office_hours,
        days_off=tuple(days_off),
        working_days=tuple(
            _date(x, ("calendar", "working_days", i)) for i, x in enumerate(cal.get("working_days") or ())
        ),
    )
    return m.Agency(
        id=d["id"],
        title=_text(d["title"], lang),
        languages=languages,
        units=units,
        calendar=calendar,
        code=d.get("code"),
        address=_opt_text(d.get("address"), lang),
        phone=d.get("phone"),
        file=doc.file,
        pos=pos(),
    )


def _outcomes(raw: Any, lang: str, pos: _Pos, i: int) -> tuple[m.Outcome, ...]:
    out = []
    for name, target in (raw or {}).items():
        p = pos("steps", i, "outcomes", name)
        if isinstance(target, dict):
            out.append(m.Outcome(name=name, to=target["to"], title=_opt_text(target.get("title"), lang), pos=p))
        else:
            out.append(m.Outcome(name=name, to=str(target), pos=p))
    return tuple(out)


def build_procedure(doc: Document, *, lang: str = "vi") -> m.Procedure:
    """A ``Procedure`` from a schema-valid procedure document; raises ``BuildError``."""
    d: dict[str, Any] = doc.data
    pos = _Pos(doc)
    steps = []
    for i, s in enumerate(d["steps"]):
        timeout = s.get("timeout")
        steps.append(
            m.Step(
                id=s["id"],
                unit=s["unit"],
                time=_duration(s["time"], ("steps", i, "time")),
                title=_opt_text(s.get("title"), lang),
                checks=tuple(s.get("checks") or ()),
                next=s.get("next"),
                outcomes=_outcomes(s.get("outcomes"), lang, pos, i),
                consult=tuple(
                    m.Consult(unit=c["unit"], time=_duration(c["time"], ("steps", i, "consult", j, "time")),
                              pos=pos("steps", i, "consult", j))
                    for j, c in enumerate(s.get("consult") or ())
                ),
                timeout=None if timeout is None else m.Timeout(
                    after=_duration(timeout["after"], ("steps", i, "timeout", "after")),
                    to=timeout["to"], pos=pos("steps", i, "timeout"),
                ),
                pos=pos("steps", i),
            )
        )
    fees = []
    for i, f in enumerate(d.get("fees") or ()):
        try:
            amount = Decimal(str(f["amount"]))
        except InvalidOperation:
            raise BuildError(("fees", i, "amount"), f"'{f['amount']}' is not an amount") from None
        fees.append(m.Fee(title=_text(f["title"], lang), amount=amount, currency=str(f.get("currency") or "VND"),
                          pos=pos("fees", i)))
    return m.Procedure(
        id=d["id"],
        agency=d["agency"],
        title=_text(d["title"], lang),
        version=str(d["version"]),
        time_limit=_duration(d["time_limit"], ("time_limit",)),
        records=tuple(
            m.Record(
                id=r["id"], title=_text(r["title"], lang),
                originals=int(r.get("originals", 1) if r.get("originals") is not None else 1),
                copies=int(r.get("copies") or 0), form=r.get("form"), when=_opt_text(r.get("when"), lang),
                pos=pos("records", i),
            )
            for i, r in enumerate(d.get("records") or ())
        ),
        results=tuple(
            m.Result(id=r["id"], title=_text(r["title"], lang), pos=pos("results", i))
            for i, r in enumerate(d.get("results") or ())
        ),
        steps=tuple(steps),
        ends=tuple(
            m.End(id=e["id"], outcome=m.EndOutcome(e["outcome"]), title=_opt_text(e.get("title"), lang),
                  result=e.get("result"), pos=pos("ends", i))
            for i, e in enumerate(d["ends"])
        ),
        code=d.get("code"),
        field=d.get("field"),
        level=None if d.get("level") is None else m.Level(d["level"]),
        valid_from=_opt_date(d.get("valid_from"), ("valid_from",)),
        valid_to=_opt_date(d.get("valid_to"), ("valid_to",)),
        supersedes=d.get("supersedes"),
        legal_basis=tuple(
            m.LegalBasis(id=b["id"], title=_text(b["title"], lang), url=b.get("url"), pos=pos("legal_basis", i))
            for i, b in enumerate(d.get("legal_basis") or ())
        ),
        applicants=tuple(m.ApplicantKind(a) for a in d.get("applicants") or ()),
        channels=tuple(m.Channel(c) for c in d.get("channels") or ()),
        fees=tuple(fees),
        committed_time=_opt_duration(d.get("committed_time"), ("committed_time",)),
        description=_opt_text(d.get("description"), lang),
        conditions=tuple(_text(c, lang) for c in d.get("conditions") or ()),
        file=doc.file,
        pos=pos(),
    )


def build_error_diagnostic(doc: Document, err: BuildError) -> Diagnostic:
    line, col = doc.locate(err.path)
    return Diagnostic(code="SCH005", name="bad-value", message=err.message, file=doc.file, line=line, column=col,
                      hint=err.hint, path="/" + "/".join(str(p) for p in err.path))


def assemble(docs: Sequence[Document], *, root: str = "") -> tuple[m.Catalog, list[Diagnostic]]:
    """Build a catalogue from documents that read cleanly; build problems become diagnostics.

    Documents with data that is not a mapping of a known kind are left out (the validators
    report them).
    """
    diagnostics: list[Diagnostic] = []
    agencies: list[m.Agency] = []
    for doc in docs:
        if isinstance(doc.data, dict) and doc.data.get("kind") == "agency":
            try:
                agencies.append(build_agency(doc))
            except BuildError as err:
                diagnostics.append(build_error_diagnostic(doc, err))
    langs = {a.id: a.lang for a in agencies}
    procedures: list[m.Procedure] = []
    for doc in docs:
        if isinstance(doc.data, dict) and doc.data.get("kind") == "procedure":
            try:
                procedures.append(build_procedure(doc, lang=langs.get(str(doc.data.get("agency")), "vi")))
            except BuildError as err:
                diagnostics.append(build_error_diagnostic(doc, err))
    return m.Catalog(agencies=tuple(agencies), procedures=tuple(procedures), root=root), diagnostics


def load_catalog(path: str | os.PathLike[str] = "procedures") -> m.Catalog:
    """Read and build a catalogue without the meaning checks; raises ``SpecError`` on read errors.

    Use ``motcua.load_catalog`` for the fully validated catalogue.
    """
    files, problems = discover([path])
    docs = load_documents(files)
    diagnostics = problems + [d for doc in docs for d in doc.diagnostics]
    if has_errors(diagnostics):
        raise SpecError(diagnostics)
    catalog, build = assemble(docs, root=os.fspath(Path(path)))
    if has_errors(build):
        raise SpecError(build)
    return catalog
