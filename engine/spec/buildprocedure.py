"""A procedure built from its schema-valid spec document: steps and their outcomes, consults and
timeouts; the dossier tree of records, groups and forms; variants; channels; fees; the bodies
that decide, carry out, coordinate or are delegated; applicants; legal basis; the source.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from motcua.engine.spec import model as m
from motcua.engine.spec.buildvalues import BuildError, Positions, duration, opt_date, opt_duration, opt_text, text
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.yamlstrict import Document

__all__ = ["build_procedure"]


def _outcomes(raw: Any, lang: str, pos: Positions, i: int) -> tuple[m.Outcome, ...]:
    out = []
    for name, target in (raw or {}).items():
        p = pos("steps", i, "outcomes", name)
        if isinstance(target, dict):
            out.append(m.Outcome(name=name, to=target["to"], title=opt_text(target.get("title"), lang), pos=p))
        else:
            out.append(m.Outcome(name=name, to=str(target), pos=p))
    return tuple(out)


def _fee(f: dict[str, Any], lang: str, path: tuple[str | int, ...], pos: Positions) -> m.Fee:
    amount = None
    if f.get("amount") is not None:
        try:
            amount = Decimal(str(f["amount"]))
        except InvalidOperation:
            raise BuildError(path + ("amount",), tr(f"'{f['amount']}' không phải là một số tiền",
                                                    f"'{f['amount']}' is not an amount")) from None
    return m.Fee(
        title=opt_text(f.get("title"), lang), amount=amount, currency=str(f.get("currency") or "VND"),
        text=opt_text(f.get("text"), lang), kind=None if f.get("kind") is None else m.FeeKind(f["kind"]),
        channel=None if f.get("channel") is None else m.Channel(f["channel"]),
        applies_to=opt_text(f.get("applies_to"), lang), pos=pos(*path),
    )


def _fees(raw: Any, lang: str, path: tuple[str | int, ...], pos: Positions) -> tuple[m.Fee, ...] | None:
    """``None`` for no ``fees`` key ("not stated"), ``()`` for ``fees: []`` (free)."""
    if raw is None:
        return None
    return tuple(_fee(f, lang, path + (i,), pos) for i, f in enumerate(raw))


def _channels(raw: Any, lang: str, path: tuple[str | int, ...], pos: Positions) -> tuple[m.ChannelOption, ...]:
    out = []
    for i, c in enumerate(raw or ()):
        at = path + (i,)
        if isinstance(c, dict):
            out.append(m.ChannelOption(
                channel=m.Channel(c["channel"]),
                time_limit=opt_duration(c.get("time_limit"), at + ("time_limit",)),
                committed_time=opt_duration(c.get("committed_time"), at + ("committed_time",)),
                fees=_fees(c.get("fees"), lang, at + ("fees",), pos),
                note=opt_text(c.get("note"), lang), pos=pos(*at),
            ))
        else:
            out.append(m.ChannelOption(channel=m.Channel(c), pos=pos(*at)))
    return tuple(out)


def _form(raw: Any, lang: str, at: tuple[str | int, ...], pos: Positions) -> str | m.Form | None:
    if isinstance(raw, dict):
        return m.Form(code=raw.get("code"), title=opt_text(raw.get("title"), lang), file=raw.get("file"), pos=pos(*at))
    return None if raw is None else str(raw)


def _dossier(raw: Any, lang: str, path: tuple[str | int, ...], pos: Positions) -> tuple[m.DossierItem, ...]:
    out: list[m.DossierItem] = []
    for i, r in enumerate(raw or ()):
        at = path + (i,)
        if "one_of" in r or "all_of" in r:
            out.append(m.RecordGroup(
                id=r["id"], title=text(r["title"], lang),
                one_of=_dossier(r.get("one_of"), lang, at + ("one_of",), pos),
                all_of=_dossier(r.get("all_of"), lang, at + ("all_of",), pos),
                when=opt_text(r.get("when"), lang), note=opt_text(r.get("note"), lang), pos=pos(*at),
            ))
            continue
        out.append(m.Record(
            id=r["id"], title=text(r["title"], lang),
            originals=int(r.get("originals", 1) if r.get("originals") is not None else 1),
            copies=int(r.get("copies") or 0), form=_form(r.get("form"), lang, at + ("form",), pos),
            when=opt_text(r.get("when"), lang), code=r.get("code"), present_only=bool(r.get("present_only", False)),
            eform=bool(r.get("eform", False)), note=opt_text(r.get("note"), lang), pos=pos(*at),
        ))
    return tuple(out)


def _ids(raw: Any) -> tuple[str, ...] | None:
    return None if raw is None else tuple(str(x) for x in raw)


def _variants(raw: Any, lang: str, pos: Positions) -> tuple[m.Variant, ...]:
    out = []
    for i, v in enumerate(raw or ()):
        at: tuple[str | int, ...] = ("variants", i)
        out.append(m.Variant(
            id=v["id"], title=text(v["title"], lang), code=v.get("code"), when=opt_text(v.get("when"), lang),
            time_limit=opt_duration(v.get("time_limit"), at + ("time_limit",)),
            committed_time=opt_duration(v.get("committed_time"), at + ("committed_time",)),
            time_note=opt_text(v.get("time_note"), lang),
            channels=None if v.get("channels") is None else _channels(v["channels"], lang, at + ("channels",), pos),
            records=_ids(v.get("records")), fees=_fees(v.get("fees"), lang, at + ("fees",), pos),
            results=_ids(v.get("results")), pos=pos(*at),
        ))
    return tuple(out)


def _bodies(d: dict[str, Any], key: str, lang: str, pos: Positions) -> tuple[m.Body, ...]:
    out = []
    for i, b in enumerate(d.get(key) or ()):
        if isinstance(b, dict) and "title" in b:
            out.append(m.Body(title=text(b["title"], lang), code=b.get("code"), agency=b.get("agency"),
                              unit=b.get("unit"), pos=pos(key, i)))
        else:
            out.append(m.Body(title=text(b, lang), pos=pos(key, i)))
    return tuple(out)


def _applicants(raw: Any, lang: str, pos: Positions) -> tuple[m.ApplicantKind | m.ApplicantType, ...]:
    return tuple(
        m.ApplicantType(code=str(a["code"]), title=text(a["title"], lang), pos=pos("applicants", i))
        if isinstance(a, dict) else m.ApplicantKind(a)
        for i, a in enumerate(raw or ())
    )


def _source(raw: Any, pos: Positions) -> m.Source | None:
    if raw is None:
        return None
    return m.Source(system=str(raw["system"]), code=raw.get("code"), id=raw.get("id"), decision=raw.get("decision"),
                    decided_on=opt_date(raw.get("decided_on"), ("source", "decided_on")), digest=raw.get("digest"),
                    pos=pos("source"))


def _steps(raw: Any, lang: str, pos: Positions) -> tuple[m.Step, ...]:
    steps = []
    for i, s in enumerate(raw):
        timeout = s.get("timeout")
        steps.append(
            m.Step(
                id=s["id"],
                unit=s["unit"],
                time=duration(s["time"], ("steps", i, "time")),
                title=opt_text(s.get("title"), lang),
                checks=tuple(s.get("checks") or ()),
                next=s.get("next"),
                outcomes=_outcomes(s.get("outcomes"), lang, pos, i),
                consult=tuple(
                    m.Consult(unit=c["unit"], time=duration(c["time"], ("steps", i, "consult", j, "time")),
                              pos=pos("steps", i, "consult", j))
                    for j, c in enumerate(s.get("consult") or ())
                ),
                timeout=None if timeout is None else m.Timeout(
                    after=duration(timeout["after"], ("steps", i, "timeout", "after")),
                    to=timeout["to"], pos=pos("steps", i, "timeout"),
                ),
                description=opt_text(s.get("description"), lang),
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
    pos = Positions(doc)
    return m.Procedure(
        id=d["id"],
        agency=d["agency"],
        title=text(d["title"], lang),
        version=str(d["version"]),
        time_limit=opt_duration(d.get("time_limit"), ("time_limit",)),
        records=_dossier(d.get("records"), lang, ("records",), pos),
        results=tuple(
            m.Result(id=r["id"], title=text(r["title"], lang), code=r.get("code"), pos=pos("results", i))
            for i, r in enumerate(d.get("results") or ())
        ),
        steps=_steps(d["steps"], lang, pos),
        ends=tuple(
            m.End(id=e["id"], outcome=m.EndOutcome(e["outcome"]), title=opt_text(e.get("title"), lang),
                  result=e.get("result"), results=tuple(e.get("results") or ()), pos=pos("ends", i))
            for i, e in enumerate(d["ends"])
        ),
        code=d.get("code"),
        field=d.get("field"),
        level=_levels(d.get("level")),
        valid_from=opt_date(d.get("valid_from"), ("valid_from",)),
        valid_to=opt_date(d.get("valid_to"), ("valid_to",)),
        supersedes=d.get("supersedes"),
        legal_basis=tuple(
            m.LegalBasis(id=b["id"], title=text(b["title"], lang), url=b.get("url"), code=b.get("code"),
                         pos=pos("legal_basis", i))
            for i, b in enumerate(d.get("legal_basis") or ())
        ),
        applicants=_applicants(d.get("applicants"), lang, pos),
        channels=_channels(d.get("channels"), lang, ("channels",), pos),
        fees=_fees(d.get("fees"), lang, ("fees",), pos),
        committed_time=opt_duration(d.get("committed_time"), ("committed_time",)),
        description=opt_text(d.get("description"), lang),
        conditions=tuple(text(c, lang) for c in d.get("conditions") or ()),
        time_note=opt_text(d.get("time_note"), lang),
        variants=_variants(d.get("variants"), lang, pos),
        extensions=tuple(
            m.Extension(id=x["id"], when=text(x["when"], lang), add=duration(x["add"], ("extensions", i, "add")),
                        pos=pos("extensions", i))
            for i, x in enumerate(d.get("extensions") or ())
        ),
        clock_stops=tuple(
            m.ClockStop(id=x["id"], title=text(x["title"], lang), pos=pos("clock_stops", i))
            for i, x in enumerate(d.get("clock_stops") or ())
        ),
        dossier_sets=int(d.get("dossier_sets") or 1),
        authority=_bodies(d, "authority", lang, pos),
        executing=_bodies(d, "executing", lang, pos),
        coordinating=_bodies(d, "coordinating", lang, pos),
        delegated=_bodies(d, "delegated", lang, pos),
        where=tuple(text(w, lang) for w in d.get("where") or ()),
        source=_source(d.get("source"), pos),
        file=doc.file,
        pos=pos(),
    )
