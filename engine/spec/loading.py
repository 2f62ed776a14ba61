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
from motcua.engine.spec.durations import DurationError, parse_duration
from motcua.engine.spec.i18n import Tr, pick, tr
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
    """A value that passed the schema but has no meaning (a date that does not exist...).

    ``message`` and ``hint`` are the English; ``said`` and ``hint_said`` both languages."""

    def __init__(self, path: tuple[str | int, ...], message: str | Tr, hint: str | Tr | None = None) -> None:
        super().__init__(pick(message, "en"))
        self.path = path
        self.said = message
        self.hint_said = hint
        self.message = pick(message, "en")
        self.hint = None if hint is None else pick(hint, "en")


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
        raise BuildError(path, tr(f"'{value}' không phải là một ngày có thật", f"'{value}' is not a date that exists"),
                         tr("viết ngày theo dạng YYYY-MM-DD", "write the date as YYYY-MM-DD")) from None


def _opt_date(value: Any, path: tuple[str | int, ...]) -> dt.date | None:
    return None if value is None else _date(value, path)


def _duration(value: Any, path: tuple[str | int, ...]) -> m.Duration:
    try:
        return parse_duration(str(value))
    except ValueError as exc:
        raise BuildError(path, exc.said if isinstance(exc, DurationError) else str(exc)) from None


def _opt_duration(value: Any, path: tuple[str | int, ...]) -> m.Duration | None:
    return None if value is None else _duration(value, path)


def _clock(text: str, path: tuple[str | int, ...]) -> dt.time:
    try:
        hh, mm = text.strip().split(":")
        return dt.time(int(hh), int(mm))
    except ValueError:
        raise BuildError(path, tr(f"'{text}' không phải là một giờ trong ngày", f"'{text}' is not a time of day"),
                         tr("viết giờ làm việc theo dạng HH:MM-HH:MM", "write office hours as HH:MM-HH:MM")) from None


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
                             tr(f"khung giờ làm việc '{block}' phải kết thúc sau giờ bắt đầu và bắt đầu sau khung giờ "
                                "liền trước",
                                f"office hours '{block}' must end after they start and after the block before"),
                             tr("liệt kê các khung giờ theo thứ tự, ví dụ [\"07:00-11:30\", \"13:30-17:00\"]",
                                "list the blocks in order, e.g. [\"07:00-11:30\", \"13:30-17:00\"]"))
        blocks.append((start, end))
    days_off = []
    for i, item in enumerate(cal.get("days_off") or ()):
        if isinstance(item, dict):
            days_off.append(m.DayOff(_date(item.get("date"), ("calendar", "days_off", i, "date")),
                                     _opt_text(item.get("note"), lang), pos("calendar", "days_off", i)))
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
        fields=tuple(
            m.Field(id=f["id"], title=_text(f["title"], lang), code=f.get("code"), pos=pos("fields", i))
            for i, f in enumerate(d.get("fields") or ())
        ),
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


def _fee(f: dict[str, Any], lang: str, path: tuple[str | int, ...], pos: _Pos) -> m.Fee:
    amount = None
    if f.get("amount") is not None:
        try:
            amount = Decimal(str(f["amount"]))
        except InvalidOperation:
            raise BuildError(path + ("amount",), tr(f"'{f['amount']}' không phải là một số tiền",
                                                    f"'{f['amount']}' is not an amount")) from None
    return m.Fee(
        title=_opt_text(f.get("title"), lang), amount=amount, currency=str(f.get("currency") or "VND"),
        text=_opt_text(f.get("text"), lang), kind=None if f.get("kind") is None else m.FeeKind(f["kind"]),
        channel=None if f.get("channel") is None else m.Channel(f["channel"]),
        applies_to=_opt_text(f.get("applies_to"), lang), pos=pos(*path),
    )


def _fees(raw: Any, lang: str, path: tuple[str | int, ...], pos: _Pos) -> tuple[m.Fee, ...] | None:
    """``None`` for no ``fees`` key ("not stated"), ``()`` for ``fees: []`` (free)."""
    if raw is None:
        return None
    return tuple(_fee(f, lang, path + (i,), pos) for i, f in enumerate(raw))


def _channels(raw: Any, lang: str, path: tuple[str | int, ...], pos: _Pos) -> tuple[m.ChannelOption, ...]:
    out = []
    for i, c in enumerate(raw or ()):
        at = path + (i,)
        if isinstance(c, dict):
            out.append(m.ChannelOption(
                channel=m.Channel(c["channel"]),
                time_limit=_opt_duration(c.get("time_limit"), at + ("time_limit",)),
                committed_time=_opt_duration(c.get("committed_time"), at + ("committed_time",)),
                fees=_fees(c.get("fees"), lang, at + ("fees",), pos),
                note=_opt_text(c.get("note"), lang), pos=pos(*at),
            ))
        else:
            out.append(m.ChannelOption(channel=m.Channel(c), pos=pos(*at)))
    return tuple(out)


def _form(raw: Any, lang: str, at: tuple[str | int, ...], pos: _Pos) -> str | m.Form | None:
    if isinstance(raw, dict):
        return m.Form(code=raw.get("code"), title=_opt_text(raw.get("title"), lang), file=raw.get("file"), pos=pos(*at))
    return None if raw is None else str(raw)


def _dossier(raw: Any, lang: str, path: tuple[str | int, ...], pos: _Pos) -> tuple[m.DossierItem, ...]:
    out: list[m.DossierItem] = []
    for i, r in enumerate(raw or ()):
        at = path + (i,)
        if "one_of" in r or "all_of" in r:
            out.append(m.RecordGroup(
                id=r["id"], title=_text(r["title"], lang),
                one_of=_dossier(r.get("one_of"), lang, at + ("one_of",), pos),
                all_of=_dossier(r.get("all_of"), lang, at + ("all_of",), pos),
                when=_opt_text(r.get("when"), lang), note=_opt_text(r.get("note"), lang), pos=pos(*at),
            ))
            continue
        out.append(m.Record(
            id=r["id"], title=_text(r["title"], lang),
            originals=int(r.get("originals", 1) if r.get("originals") is not None else 1),
            copies=int(r.get("copies") or 0), form=_form(r.get("form"), lang, at + ("form",), pos),
            when=_opt_text(r.get("when"), lang), code=r.get("code"), present_only=bool(r.get("present_only", False)),
            eform=bool(r.get("eform", False)), note=_opt_text(r.get("note"), lang), pos=pos(*at),
        ))
    return tuple(out)


def _ids(raw: Any) -> tuple[str, ...] | None:
    return None if raw is None else tuple(str(x) for x in raw)


def _variants(raw: Any, lang: str, pos: _Pos) -> tuple[m.Variant, ...]:
    out = []
    for i, v in enumerate(raw or ()):
        at: tuple[str | int, ...] = ("variants", i)
        out.append(m.Variant(
            id=v["id"], title=_text(v["title"], lang), code=v.get("code"), when=_opt_text(v.get("when"), lang),
            time_limit=_opt_duration(v.get("time_limit"), at + ("time_limit",)),
            committed_time=_opt_duration(v.get("committed_time"), at + ("committed_time",)),
            time_note=_opt_text(v.get("time_note"), lang),
            channels=None if v.get("channels") is None else _channels(v["channels"], lang, at + ("channels",), pos),
            records=_ids(v.get("records")), fees=_fees(v.get("fees"), lang, at + ("fees",), pos),
            results=_ids(v.get("results")), pos=pos(*at),
        ))
    return tuple(out)


def _bodies(d: dict[str, Any], key: str, lang: str, pos: _Pos) -> tuple[m.Body, ...]:
    out = []
    for i, b in enumerate(d.get(key) or ()):
        if isinstance(b, dict) and "title" in b:
            out.append(m.Body(title=_text(b["title"], lang), code=b.get("code"), agency=b.get("agency"),
                              unit=b.get("unit"), pos=pos(key, i)))
        else:
            out.append(m.Body(title=_text(b, lang), pos=pos(key, i)))
    return tuple(out)


def _applicants(raw: Any, lang: str, pos: _Pos) -> tuple[m.ApplicantKind | m.ApplicantType, ...]:
    return tuple(
        m.ApplicantType(code=str(a["code"]), title=_text(a["title"], lang), pos=pos("applicants", i))
        if isinstance(a, dict) else m.ApplicantKind(a)
        for i, a in enumerate(raw or ())
    )


def _source(raw: Any, pos: _Pos) -> m.Source | None:
    if raw is None:
        return None
    return m.Source(system=str(raw["system"]), code=raw.get("code"), id=raw.get("id"), decision=raw.get("decision"),
                    decided_on=_opt_date(raw.get("decided_on"), ("source", "decided_on")), digest=raw.get("digest"),
                    pos=pos("source"))


def _steps(raw: Any, lang: str, pos: _Pos) -> tuple[m.Step, ...]:
    steps = []
    for i, s in enumerate(raw):
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
                description=_opt_text(s.get("description"), lang),
                skeleton=bool(s.get("skeleton", False)),
                pos=pos("steps", i),
            )
        )
    return tuple(steps)


def _levels(raw: Any) -> tuple[m.Level, ...]:
    if raw is None:
        return ()
    return tuple(m.Level(x) for x in raw) if isinstance(raw, list) else (m.Level(raw),)


def build_procedure(doc: Document, *, lang: str = "vi") -> m.Procedure:
    """A ``Procedure`` from a schema-valid procedure document; raises ``BuildError``."""
    d: dict[str, Any] = doc.data
    pos = _Pos(doc)
    return m.Procedure(
        id=d["id"],
        agency=d["agency"],
        title=_text(d["title"], lang),
        version=str(d["version"]),
        time_limit=_opt_duration(d.get("time_limit"), ("time_limit",)),
        records=_dossier(d.get("records"), lang, ("records",), pos),
        results=tuple(
            m.Result(id=r["id"], title=_text(r["title"], lang), code=r.get("code"), pos=pos("results", i))
            for i, r in enumerate(d.get("results") or ())
        ),
        steps=_steps(d["steps"], lang, pos),
        ends=tuple(
            m.End(id=e["id"], outcome=m.EndOutcome(e["outcome"]), title=_opt_text(e.get("title"), lang),
                  result=e.get("result"), results=tuple(e.get("results") or ()), pos=pos("ends", i))
            for i, e in enumerate(d["ends"])
        ),
        code=d.get("code"),
        field=d.get("field"),
        level=_levels(d.get("level")),
        valid_from=_opt_date(d.get("valid_from"), ("valid_from",)),
        valid_to=_opt_date(d.get("valid_to"), ("valid_to",)),
        supersedes=d.get("supersedes"),
        legal_basis=tuple(
            m.LegalBasis(id=b["id"], title=_text(b["title"], lang), url=b.get("url"), code=b.get("code"),
                         pos=pos("legal_basis", i))
            for i, b in enumerate(d.get("legal_basis") or ())
        ),
        applicants=_applicants(d.get("applicants"), lang, pos),
        channels=_channels(d.get("channels"), lang, ("channels",), pos),
        fees=_fees(d.get("fees"), lang, ("fees",), pos),
        committed_time=_opt_duration(d.get("committed_time"), ("committed_time",)),
        description=_opt_text(d.get("description"), lang),
        conditions=tuple(_text(c, lang) for c in d.get("conditions") or ()),
        time_note=_opt_text(d.get("time_note"), lang),
        variants=_variants(d.get("variants"), lang, pos),
        extensions=tuple(
            m.Extension(id=x["id"], when=_text(x["when"], lang), add=_duration(x["add"], ("extensions", i, "add")),
                        pos=pos("extensions", i))
            for i, x in enumerate(d.get("extensions") or ())
        ),
        clock_stops=tuple(
            m.ClockStop(id=x["id"], title=_text(x["title"], lang), pos=pos("clock_stops", i))
            for i, x in enumerate(d.get("clock_stops") or ())
        ),
        dossier_sets=int(d.get("dossier_sets") or 1),
        authority=_bodies(d, "authority", lang, pos),
        executing=_bodies(d, "executing", lang, pos),
        coordinating=_bodies(d, "coordinating", lang, pos),
        delegated=_bodies(d, "delegated", lang, pos),
        where=tuple(_text(w, lang) for w in d.get("where") or ()),
        source=_source(d.get("source"), pos),
        file=doc.file,
        pos=pos(),
    )


def build_error_diagnostic(doc: Document, err: BuildError) -> Diagnostic:
    line, col = doc.locate(err.path)
    return Diagnostic(code="SCH005", name="bad-value", message=err.message, file=doc.file, line=line, column=col,
                      hint=err.hint, path="/" + "/".join(str(p) for p in err.path),
                      message_vi=err.said.vi if isinstance(err.said, Tr) else None,
                      hint_vi=err.hint_said.vi if isinstance(err.hint_said, Tr) else None)


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
