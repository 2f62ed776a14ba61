"""The catalogue over HTTP: the list of procedures, one procedure's public data, its chart."""

from __future__ import annotations

from typing import Any, Literal

from motcua.catalogs import lookup
from motcua.engine.spec.dossier import RecordGroup
from motcua.engine.spec.model import Catalog, Procedure
from motcua.engine.spec.values import Text
from motcua.render.charts import render_procedure
from motcua.render.site.pageparts import fee_summary

__all__ = ["diagram", "procedure_data", "procedure_list"]

LANGS = ("vi", "en")


def _text(value: Text | None) -> dict[str, str] | None:
    """A text in both languages (each falling back to the one written)."""
    return None if value is None else {lang: value.get(lang) for lang in LANGS}


def _summary(p: Procedure) -> dict[str, Any]:
    return {"agency": p.agency, "id": p.id, "version": p.version, "code": p.code, "title": _text(p.title),
            "field": p.field, "valid_from": p.valid_from.isoformat() if p.valid_from else None,
            "valid_to": p.valid_to.isoformat() if p.valid_to else None}  # fmt: skip


def procedure_list(catalog: Catalog) -> list[dict[str, Any]]:
    """Every version of every procedure, by agency, id and version."""
    return [_summary(p) for p in sorted(catalog.procedures, key=lambda p: (p.agency, p.id, p.version))]


def _records(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, RecordGroup):
            listed.append({"id": item.id, "title": _text(item.title), "one_of": _records(item.one_of),
                           "all_of": _records(item.all_of)})  # fmt: skip
        else:
            listed.append({"id": item.id, "title": _text(item.title), "originals": item.originals,
                           "copies": item.copies})  # fmt: skip
    return listed


def procedure_data(catalog: Catalog, agency: str, procedure: str, version: str | None) -> dict[str, Any]:
    """What the public page of a procedure shows, as JSON."""
    p = lookup(catalog, f"{agency}/{procedure}", version=version)
    owner = catalog.agency(p.agency)
    units = {u.id: u.title for u in owner.units}
    return {
        **_summary(p),
        "agency_title": _text(owner.title),
        "time_limit": str(p.time_limit) if p.time_limit is not None else None,
        "committed_time": str(p.committed_time) if p.committed_time is not None else None,
        "fees": {lang: fee_summary(p, lang) for lang in LANGS},  # type: ignore[arg-type]
        "records": _records(p.records),
        "results": [{"id": r.id, "title": _text(r.title)} for r in p.results],
        "channels": [c.channel.value for c in p.channels],
        "variants": [{"id": v.id, "title": _text(v.title)} for v in p.variants],
        "steps": [{"id": s.id, "unit": s.unit, "unit_title": _text(units.get(s.unit)), "time": str(s.time),
                   "title": _text(s.title)} for s in p.steps],  # fmt: skip
    }


def diagram(catalog: Catalog, agency: str, procedure: str, version: str | None, *,
            view: Literal["internal", "public"], lang: str) -> bytes:  # fmt: skip
    """The procedure's chart as SVG: the staff swimlanes or the citizen's guide."""
    p = lookup(catalog, f"{agency}/{procedure}", version=version)
    return render_procedure(p, catalog.agency(p.agency), format="svg", lang=lang, view=view)
