"""From spec files to the catalogue: find the files of a catalogue, read them strictly, build the
agencies and, with ``buildprocedure``, the procedures, and put them together.

Building assumes the data passed the JSON Schema (the validators check that first); values the
schema cannot judge, such as a date that does not exist, become diagnostics here
(``buildvalues.BuildError``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable, Sequence

from motcua.engine.spec import model as m
from motcua.engine.spec.buildprocedure import build_procedure
from motcua.engine.spec.buildvalues import BuildError, Positions, build_error_diagnostic, clock, date, opt_text, text
from motcua.engine.spec.diagnostics import Diagnostic, SpecError, has_errors
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.specfiles import SPEC_SUFFIXES, discover
from motcua.engine.spec.yamlstrict import Document, read_document

__all__ = [
    "SPEC_SUFFIXES",
    "build_agency",
    "discover",
    "load_catalog",
    "load_documents",
    "assemble",
]


def load_documents(files: Iterable[str]) -> list[Document]:
    return [read_document(f) for f in files]


def build_agency(doc: Document) -> m.Agency:
    """An ``Agency`` from a schema-valid agency document; raises ``BuildError``."""
    d: dict[str, Any] = doc.data
    pos = Positions(doc)
    languages = tuple(d.get("languages") or ("vi",))
    lang = languages[0]
    units = tuple(
        m.Unit(id=u["id"], title=text(u["title"], lang), role=m.UnitRole(u["role"]), pos=pos("units", i))
        for i, u in enumerate(d.get("units") or ())
    )
    cal = d.get("calendar") or {}
    blocks: list[tuple[dt.time, dt.time]] = []
    for i, block in enumerate(cal.get("office_hours") or ()):
        a, _, b = str(block).partition("-")
        start, end = clock(a, ("calendar", "office_hours", i)), clock(b, ("calendar", "office_hours", i))
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
            days_off.append(m.DayOff(date(item.get("date"), ("calendar", "days_off", i, "date")),
                                     opt_text(item.get("note"), lang), pos("calendar", "days_off", i)))
        else:
            days_off.append(m.DayOff(date(item, ("calendar", "days_off", i)), None, pos("calendar", "days_off", i)))
    calendar = m.Calendar(
        holidays=str(cal.get("holidays") or "VN"),
        office_hours=tuple(blocks) if blocks else m.Calendar().office_hours,
        days_off=tuple(days_off),
        working_days=tuple(
            date(x, ("calendar", "working_days", i)) for i, x in enumerate(cal.get("working_days") or ())
        ),
    )
    return m.Agency(
        id=d["id"],
        title=text(d["title"], lang),
        languages=languages,
        units=units,
        calendar=calendar,
        code=d.get("code"),
        address=opt_text(d.get("address"), lang),
        phone=d.get("phone"),
        fields=tuple(
            m.Field(id=f["id"], title=text(f["title"], lang), code=f.get("code"), pos=pos("fields", i))
            for i, f in enumerate(d.get("fields") or ())
        ),
        file=doc.file,
        pos=pos(),
    )


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
