"""Where imported procedures go: their agency, units, field and file, and the agency files.

Without an agency map, each procedure belongs to an agency made from the first body that
executes it (else the deciding body), with two units: the one-stop desk and a unit that
processes dossiers (the record does not name the unit inside the body: a person renames it).
An agency map (``--agency-map``, YAML) names catalogue agencies and says which of the
database's bodies, by code or by name, each one is, and which unit does the work::

    agencies:
      - id: ubnd-xa-hoa-binh
        title: "Ủy ban nhân dân xã Hòa Bình"   # used when the importer writes the agency file
        desk: mot-cua                         # the one-stop unit (default mot-cua)
        bodies:
          - code: "000.00.UB.003"             # a body's code, or its name:
            unit: tu-phap-ho-tich
            unit_title: "Công chức Tư pháp - Hộ tịch"
          - name: "Ủy ban nhân dân cấp xã"
            unit: tu-phap-ho-tich

An agency file already in the output folder that a person wrote is kept as it is; the report
says which fields and units the imported procedures expect of it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from motcua.engine.spec.errors import InputError
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.yamlstrict import parse_text, read_document
from motcua.importers.dvcqg.procedure import SKELETON, Body, Draft
from motcua.importers.slugs import SLUG, IdPool, slugify

__all__ = ["AgencyMap", "Catalogue", "Placed", "load_agency_map"]

_AGENCY_ID_LENGTH = 50
UNKNOWN_AGENCY = ("co-quan-chua-xac-dinh", "Cơ quan chưa xác định")


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace(".", " ").replace(",", " ").split())


@dataclass
class _MappedAgency:
    id: str
    title: str
    desk: str
    units: dict[str, str] = field(default_factory=dict)  # unit id -> title


@dataclass
class AgencyMap:
    """Bodies of the database (by code or name) -> catalogue agencies and units."""

    agencies: dict[str, _MappedAgency] = field(default_factory=dict)
    by_code: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_name: dict[str, tuple[str, str]] = field(default_factory=dict)

    def find(self, body: Body) -> tuple[str, str] | None:
        if body.code and body.code in self.by_code:
            return self.by_code[body.code]
        return self.by_name.get(_key(body.title))


def _fail(path: str, doc_locate: Any, at: tuple[str | int, ...], message: Tr) -> InputError:
    line, col = doc_locate(at)
    return InputError(f"{path}:{line}:{col}: " + message, path=path, line=line, column=col)


def load_agency_map(path: str) -> AgencyMap:
    """Read an agency map; raises :class:`InputError` at the line of what is wrong."""
    doc = read_document(path)
    if doc.diagnostics:
        d = doc.diagnostics[0]
        raise InputError(f"{path}:{d.line}:{d.column}: " + tr(d.message_vi or d.message, d.message),
                         path=path, line=d.line, column=d.column)  # fmt: skip
    data = doc.data
    out = AgencyMap()
    if not isinstance(data, dict) or set(data) != {"agencies"} or not isinstance(data["agencies"], list):
        raise _fail(path, doc.locate, (), tr("bảng ánh xạ cơ quan là một mapping có đúng một khoá, 'agencies', là một danh sách",
                                             "an agency map is a mapping with one key, 'agencies', a list"))
    for i, entry in enumerate(data["agencies"]):
        at: tuple[str | int, ...] = ("agencies", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not SLUG.fullmatch(entry["id"]):
            raise _fail(path, doc.locate, at, tr("mỗi cơ quan có một 'id' (một slug, ví dụ ubnd-xa-hoa-binh)",
                                                 "each agency has an 'id' (a slug such as ubnd-xa-hoa-binh)"))
        unknown = set(entry) - {"id", "title", "desk", "bodies"}
        if unknown:
            first = sorted(unknown)[0]
            raise _fail(path, doc.locate, at + (first,), tr(f"khoá không xác định '{first}'", f"unknown key '{first}'"))
        desk = entry.get("desk", SKELETON.desk_unit)
        title = entry.get("title", entry["id"])
        if not isinstance(desk, str) or not SLUG.fullmatch(desk) or not isinstance(title, str) or not title:
            raise _fail(path, doc.locate, at, tr("'desk' là mã một đơn vị (một slug) và 'title' là một đoạn văn bản",
                                                 "'desk' is a unit id (a slug) and 'title' a text"))
        agency = out.agencies.setdefault(entry["id"], _MappedAgency(entry["id"], title, desk))
        bodies = entry.get("bodies", [])
        if not isinstance(bodies, list):
            raise _fail(path, doc.locate, at + ("bodies",), tr("'bodies' là một danh sách", "'bodies' is a list"))
        for j, body in enumerate(bodies):
            _map_body(out, agency, body, path, doc.locate, at + ("bodies", j))
    return out


def _map_body(out: AgencyMap, agency: _MappedAgency, body: Any, path: str, locate: Any,
              at: tuple[str | int, ...]) -> None:
    if not isinstance(body, dict) or set(body) - {"code", "name", "unit", "unit_title"} or \
            not (isinstance(body.get("code"), str) or isinstance(body.get("name"), str)):
        raise _fail(path, locate, at, tr("một cơ quan trong 'bodies' có dạng {code hoặc name, unit, unit_title}",
                                         "a body is {code or name, unit, unit_title}"))
    unit = body.get("unit", SKELETON.work_unit)
    if not isinstance(unit, str) or not SLUG.fullmatch(unit):
        raise _fail(path, locate, at + ("unit",), tr("'unit' là mã một đơn vị (một slug)", "'unit' is a unit id (a slug)"))
    unit_title = body.get("unit_title")
    if unit_title is not None and (not isinstance(unit_title, str) or not unit_title):
        raise _fail(path, locate, at + ("unit_title",), tr("'unit_title' là một đoạn văn bản", "'unit_title' is a text"))
    agency.units.setdefault(unit, unit_title or body.get("name") or SKELETON.work_title)
    target = (agency.id, unit)
    if isinstance(body.get("code"), str):
        out.by_code[body["code"]] = target
    if isinstance(body.get("name"), str):
        out.by_name[_key(body["name"])] = target


@dataclass
class _Agency:
    id: str
    title: str
    code: str = ""
    desk: str = SKELETON.desk_unit
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (title, role)
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (title, code)
    field_keys: dict[str, str] = field(default_factory=dict)  # code or title -> id
    procedures: dict[str, str] = field(default_factory=dict)  # id -> code


@dataclass(frozen=True)
class Placed:
    """Where one draft went: its agency, field and file (parts under the output folder)."""

    agency: str
    field: str | None
    id: str
    parts: tuple[str, ...]


class Catalogue:
    """The agencies of one import run: each draft is placed in turn (in a fixed order)."""

    def __init__(self, agency_map: AgencyMap | None = None) -> None:
        self.map = agency_map or AgencyMap()
        self.agencies: dict[str, _Agency] = {}

    def _agency(self, agency_id: str, title: str, code: str = "") -> _Agency:
        found = self.agencies.get(agency_id)
        if found is None:
            mapped = self.map.agencies.get(agency_id)
            found = _Agency(agency_id, mapped.title if mapped else title, code, mapped.desk if mapped else
                            SKELETON.desk_unit)
            found.units[found.desk] = (SKELETON.desk_title, "one-stop")
            self.agencies[agency_id] = found
        return found

    def _home(self, draft: Draft) -> tuple[_Agency, str]:
        """The agency and the processing unit of a draft."""
        order = sorted(draft.bodies, key=lambda b: ("executing", "authority").index(b.role)
                       if b.role in ("executing", "authority") else 2)
        for body in order:
            hit = self.map.find(body)
            if hit is not None:
                agency = self._agency(hit[0], body.title)
                title = self.map.agencies[hit[0]].units.get(hit[1], SKELETON.work_title)
                agency.units.setdefault(hit[1], (title, "division"))
                return agency, hit[1]
        if order:
            first = order[0]
            aid = slugify(first.title, max_length=_AGENCY_ID_LENGTH) or UNKNOWN_AGENCY[0]
            agency = self._agency(aid, first.title, first.code)
        else:
            draft.losses.add("no-body", tr("bản ghi không nêu cơ quan thực hiện hay cơ quan có thẩm quyền quyết định; "
                                           f"thủ tục được đặt vào '{UNKNOWN_AGENCY[0]}'",
                                           "the record names no body that executes or decides; the procedure is "
                                           f"placed in '{UNKNOWN_AGENCY[0]}'"), "$")
            agency = self._agency(*UNKNOWN_AGENCY)
        agency.units.setdefault(SKELETON.work_unit, (SKELETON.work_title, "division"))
        return agency, SKELETON.work_unit

    def _field(self, agency: _Agency, draft: Draft) -> str | None:
        if not draft.field_title:
            return None
        key = draft.field_code or _key(draft.field_title)
        if key in agency.field_keys:
            return agency.field_keys[key]
        base = slugify(draft.field_title, max_length=40) or "linh-vuc"
        fid = base if base not in agency.fields else f"{base}-{slugify(draft.field_code)}".strip("-")
        fid = IdPool(set(agency.fields)).take(fid, fallback="linh-vuc")
        agency.fields[fid] = (draft.field_title, draft.field_code)
        agency.field_keys[key] = fid
        return fid

    def place(self, draft: Draft) -> Placed:
        """Fill in the draft's agency, field, id, version and units; where its file goes."""
        agency, unit = self._home(draft)
        field_id = self._field(agency, draft)
        name = draft.name
        for prefix in ("Thủ tục ", "thủ tục "):
            name = name[len(prefix):] if name.startswith(prefix) else name
        base = slugify(name) or slugify(draft.code) or "thu-tuc"
        pid = base if base not in agency.procedures else f"{base}-{slugify(draft.code)}"
        pid = IdPool(set(agency.procedures)).take(pid, fallback="thu-tuc")
        agency.procedures[pid] = draft.code
        spec = draft.spec
        spec["id"], spec["agency"], spec["field"] = pid, agency.id, field_id
        spec["version"] = spec["source"].get("decided_on") or "dvcqg"
        for step in spec["steps"]:
            step["unit"] = agency.desk if step["unit"] == SKELETON.desk_unit else unit
        for role in ("authority", "executing", "coordinating", "delegated"):
            for entry, body in zip(spec.get(role) or [], [b for b in draft.bodies if b.role == role]):
                hit = self.map.find(body)
                if hit is not None:
                    entry["agency"], entry["unit"] = hit
        parts = (agency.id, field_id, f"{pid}.yaml") if field_id else (agency.id, f"{pid}.yaml")
        return Placed(agency.id, field_id, pid, parts)

    def agency_data(self, agency_id: str, existing: str | None) -> dict[str, Any]:
        """The agency file's data; the units and fields of an earlier import's file are kept."""
        a = self.agencies[agency_id]
        units = dict(a.units)
        fields = dict(sorted(a.fields.items()))
        if existing is not None:
            old = parse_text(existing).data
            if isinstance(old, dict):
                for u in old.get("units") or []:
                    if isinstance(u, dict) and isinstance(u.get("id"), str) and u["id"] not in units:
                        units[u["id"]] = (str(u.get("title", u["id"])), str(u.get("role", "division")))
                kept = {f["id"]: (str(f.get("title", f["id"])), str(f.get("code", "")))
                        for f in old.get("fields") or [] if isinstance(f, dict) and isinstance(f.get("id"), str)}
                fields = dict(sorted({**kept, **fields}.items()))
        desk_first = sorted(units.items(), key=lambda kv: (kv[1][1] != "one-stop", kv[0]))
        return {
            "motcua": 1, "kind": "agency", "id": a.id, "title": a.title, "languages": ["vi"],
            "code": a.code or None,
            "units": [{"id": uid, "title": title, "role": role} for uid, (title, role) in desk_first],
            "fields": [{"id": fid, "title": title, "code": code or None} for fid, (title, code) in fields.items()]
            or None,
        }

    def expected(self, agency_id: str) -> Tr:
        """What the procedures placed in an agency expect of its file (for a file a person wrote)."""
        a = self.agencies[agency_id]
        units, fields = ", ".join(sorted(a.units)), ", ".join(sorted(a.fields))
        return (tr(f"các đơn vị {units}", f"units {units}") +
                (tr(f"; các lĩnh vực {fields}", f"; fields {fields}") if a.fields else ""))
