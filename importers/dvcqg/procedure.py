"""One dvcqg record as the data of a procedure spec, with its loss report.

:func:`build_procedure` reads a record (a :class:`~motcua.importers.dvcqg.reading.Node`) and
returns a :class:`Draft`: the spec as ordered data for :mod:`motcua.importers.yamlout`, the
bodies the record names (for the agency files), its field, and what could not be placed.
Nothing is guessed: a time, a fee or a result the record lacks is left out of the spec, which
``motcua validate`` then reports (``TIM006``, ``RES001``...). The steps are a skeleton made from
the record's prose (``skeleton: true``), which a person replaces with the real steps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from motcua.engine.spec.i18n import Tr, tr
from motcua.importers.dvcqg.dossier import build_dossier
from motcua.importers.dvcqg.losses import Losses
from motcua.importers.dvcqg.reading import Node, RecordError
from motcua.importers.dvcqg.terms import build_terms
from motcua.importers.slugs import IdPool, slugify
from motcua.importers.texts import Cleaner

__all__ = ["BODY_ROLES", "Body", "Draft", "SKELETON", "build_procedure", "record_digest"]

#: The spec's body keys, each with the record's structured lists and its text field.
BODY_ROLES: tuple[tuple[str, str, str, str], ...] = (
    ("authority", "departmentsAuthority", "unitGroupsAuthority", "delegatedAgencies"),
    ("executing", "departmentsExecuting", "unitGroupsExecuting", "executingAgencies"),
    ("coordinating", "departmentsCoordinating", "unitGroupsCoordinating", "coordinatingAgencies"),
    ("delegated", "departmentsAuthorized", "unitGroupsAuthorized", "authorizedAgencies"),
)
#: Level flags of the record and the spec's level.
LEVELS: tuple[tuple[str, str], ...] = (("isMinistry", "ministry"), ("isProvince", "province"), ("isWard", "commune"))
#: Flags with no place in the spec language, and what they say.
FLAGS: dict[str, Tr] = {
    "isOtherAgency": tr("do loại cơ quan khác thực hiện (ngôn ngữ đặc tả không có cấp này)",
                        "carried out by another kind of body (no level in the spec language)"),
    "isVertical": tr("do cơ quan ngành dọc thực hiện", "carried out by a vertically managed body (ngành dọc)"),
    "isFullProcess": tr("dịch vụ công trực tuyến toàn trình",
                        "a full online public service (dịch vụ công trực tuyến toàn trình)"),
    "isSharedService": tr("dịch vụ dùng chung", "a shared service"),
    "isNonTerritorial": tr("nộp ở bất kỳ đâu, không phụ thuộc nơi cư trú (phi địa giới)",
                           "filed anywhere, regardless of residence (phi địa giới)"),
    "isUndetermined": tr("chưa xác định cấp thực hiện", "level undetermined"),
    "isOfflineOnly": tr("chỉ thực hiện trực tiếp", "offline only"),
    "isInternal": tr("thủ tục hành chính nội bộ", "an internal procedure"),
}
#: Vietnam's offset from UTC: the portal's dates are midnight in Hà Nội as epoch milliseconds.
_VN = dt.timezone(dt.timedelta(hours=7))
_REFUSAL = "từ chối"


@dataclass(frozen=True)
class SkeletonWords:
    """The words of the generated skeleton (the department's language, Vietnamese)."""

    desk_unit: str = "mot-cua"
    desk_title: str = "Bộ phận Tiếp nhận và Trả kết quả"
    work_unit: str = "giai-quyet"
    work_title: str = "Bộ phận giải quyết hồ sơ"
    receive: str = "Tiếp nhận hồ sơ"
    process: str = "Giải quyết hồ sơ"
    give_back: str = "Trả kết quả"
    granted: str = "Đã giải quyết"
    refused: str = "Từ chối giải quyết"
    #: A step time the record does not give: zero, for a person to set.
    no_time: str = "0 working days"


SKELETON = SkeletonWords()


@dataclass(frozen=True)
class Body:
    """A body the record names: its role key, title and code, where in the record."""

    role: str
    title: str
    code: str
    where: str


@dataclass
class Draft:
    """A record made a spec: ``spec`` (ordered data; the agency, ids and units are filled in by
    the catalogue), the bodies named, the field, and the losses."""

    code: str
    name: str
    spec: dict[str, Any]
    bodies: list[Body]
    field_title: str = ""
    field_code: str = ""
    losses: Losses = field(default_factory=Losses)
    counts: dict[str, int] = field(default_factory=dict)


def record_digest(record: Node) -> str:
    """``sha256:`` of the record as canonical JSON (keys sorted, UTF-8): the same record gives
    the same digest whether it came in the portal's envelope or bare, indented or not."""
    canonical = json.dumps(record.value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace(".", " ").replace(",", " ").split())


class _Builder:
    def __init__(self, record: Node) -> None:
        self.r = record
        self.clean = Cleaner()
        self.losses = Losses()
        self.code = self.clean.line(record.text("code", required=True))
        self.name = self.clean.line(record.text("name", required=True))
        if not self.code:
            raise record.error("code", tr("mã thủ tục để trống", "the procedure code is empty"))
        if not self.name:
            raise record.error("name", tr("tên thủ tục để trống", "the procedure name is empty"))

    def levels(self) -> list[str]:
        out = [level for flag, level in LEVELS if self.r.flag(flag)]
        for flag, meaning in FLAGS.items():
            if self.r.flag(flag):
                self.losses.add("flag", f"{flag}: " + meaning, f"{self.r.where}.{flag}")
        return out

    def field(self) -> tuple[str, str]:
        cats = self.r.nodes("categoriesDetails")
        main = self.r.node("category")
        first = main if main is not None else (cats[0] if cats else None)
        if first is None:
            return "", ""
        title, code = self.clean.line(first.text("name")), self.clean.line(first.text("code"))
        for extra in cats:
            t, c = self.clean.line(extra.text("name")), self.clean.line(extra.text("code"))
            if (t, c) != (title, code) and t:
                self.losses.add("field", tr(f"thêm lĩnh vực '{t}' ({c}); mỗi thủ tục thuộc một lĩnh vực",
                                            f"a further field '{t}' ({c}); a procedure has one field"), extra.where)
        return title, code

    def legal_basis(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        pool = IdPool()
        for law in self.r.nodes("legalBasisesDetails"):
            name, code = self.clean.line(law.text("name")), self.clean.line(law.text("code"))
            if not name and not code:
                self.losses.add("blank-legal-basis", tr("một căn cứ pháp lý không có tên cũng không có số hiệu (bỏ qua)",
                                                        "a legal basis with no name or code (skipped)"), law.where,
                                counted=False)
                continue
            out.append({"id": pool.take(slugify(code or name, max_length=40), fallback="can-cu"),
                        "title": name or code, "code": code or None})
        return out

    def applicants(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for who in self.r.nodes("subjectTypesDetails"):
            code, title = self.clean.line(who.text("code")), self.clean.line(who.text("name"))
            if not code:
                if title:
                    self.losses.add("applicant", tr(f"đối tượng thực hiện '{title}' không có mã",
                                                    f"applicant type '{title}' has no code"), who.where)
                continue
            if code in seen:
                continue
            seen.add(code)
            out.append({"code": code, "title": title or code})
        return out

    def bodies(self) -> tuple[dict[str, list[dict[str, Any]]], list[Body]]:
        keys: dict[str, list[dict[str, Any]]] = {}
        named: list[Body] = []
        for role, departments, groups, text_key in BODY_ROLES:
            found: list[Body] = []
            for key in (departments, groups):
                for b in self.r.nodes(key):
                    title, code = self.clean.line(b.text("name")), self.clean.line(b.text("code"))
                    if not title:
                        if code:
                            self.losses.add("body", tr(f"{role}: cơ quan '{code}' không có tên",
                                                       f"{role}: body '{code}' has no name"), b.where)
                        continue
                    if any(_fold(title) == _fold(f.title) for f in found):
                        continue
                    found.append(Body(role, title, code, b.where))
            text = self.clean.line(self.r.text(text_key))
            if text and not _covered(text, found):
                if found:
                    self.losses.add("body-text", tr(f"{text_key}: '{text[:120]}' khác với các cơ quan đã liệt kê",
                                                    f"{text_key}: '{text[:120]}' differs from the bodies listed"),
                                    f"{self.r.where}.{text_key}")
                else:
                    found.append(Body(role, text, "", f"{self.r.where}.{text_key}"))
            named += found
            if found:
                keys[role] = [{"title": f.title, "code": f.code or None} for f in found]
        return keys, named

    def results(self) -> tuple[list[dict[str, Any]], list[str], list[str]]:
        out: list[dict[str, Any]] = []
        granted: list[str] = []
        refused: list[str] = []
        pool = IdPool()
        for res in self.r.nodes("resultsDetails"):
            title, code = self.clean.line(res.text("name")), self.clean.line(res.text("code"))
            if not title:
                self.losses.add("blank-result", tr(f"một kết quả không có tên ({code or 'không có mã'}) (bỏ qua)",
                                                   f"a result with no name ({code or 'no code'}) (skipped)"), res.where,
                                counted=False)
                continue
            rid = pool.take(slugify(title.lstrip("-+* "), max_length=40), fallback="ket-qua")
            out.append({"id": rid, "title": title, "code": code or None})
            (refused if _REFUSAL in title.casefold() else granted).append(rid)
        return out, granted, refused

    def steps_prose(self) -> str:
        parts: list[str] = []
        for step in self.r.nodes("executionSteps"):
            name, text = self.clean.line(step.text("name")), self.clean.block(step.text("description"))
            if not name and not text:
                self.losses.add("blank-step", tr("một bước không có nội dung (bỏ qua)", "a step with no text (skipped)"),
                                step.where, counted=False)
                continue
            parts.append("\n".join(p for p in (name, text) if p))
        return "\n\n".join(parts)

    def source(self) -> dict[str, Any]:
        out: dict[str, Any] = {"system": "dvcqg", "code": self.code}
        rid = self.clean.line(self.r.text("id"))
        if rid:
            out["id"] = rid
        proposal = self.r.node("procedureProposal")
        if proposal is not None:
            decision = (self.clean.line(proposal.text("decisionNumber")) or
                        self.clean.line(proposal.text("proposalNumber")))
            if decision:
                out["decision"] = decision
            when = proposal.number("decisionDate")
            if when is not None:
                try:
                    out["decided_on"] = dt.datetime.fromtimestamp(when / 1000, _VN).date().isoformat()
                except (OverflowError, OSError, ValueError):
                    raise proposal.error("decisionDate", tr(f"không phải là một ngày: {when}", f"not a date: {when}")) from None
            issuer = proposal.node("issuingAgency")
            if issuer is not None and self.clean.line(issuer.text("name")):
                issued_by = self.clean.line(issuer.text("name"))
                self.losses.add("issuer", tr(f"quyết định do {issued_by} ban hành", f"decision issued by {issued_by}"),
                                f"{issuer.where}.name")
        elif self.clean.line(self.r.text("decisionNo")):
            out["decision"] = self.clean.line(self.r.text("decisionNo"))
        out["digest"] = record_digest(self.r)
        return out

    def texts_without_place(self) -> None:
        for key, what in (("note", tr("ghi chú", "a note")), ("keywords", tr("từ khoá", "keywords"))):
            text = self.clean.block(self.r.text(key))
            if text:
                self.losses.add(key, what + tr(f" dài {len(text)} ký tự: '{text[:80]}'",
                                               f" of {len(text)} characters: '{text[:80]}'"), f"{self.r.where}.{key}")
        for group in self.r.nodes("serviceGroupsDetails"):
            name = self.clean.line(group.text("name"))
            if name:
                self.losses.add("service-group", tr(f"nhóm dịch vụ '{name}'", f"service group '{name}'"), group.where)
        for way in self.r.nodes("returningMethods"):
            said = ", ".join(way.texts("value"))
            how = self.clean.line(way.text("type"))
            self.losses.add("returning", tr(f"cách trả kết quả ({how}): {said}", f"results returned ({how}): {said}"),
                            way.where)
        promulgated = self.clean.line(self.r.text("departmentPromulgateName"))
        if promulgated:
            self.losses.add("promulgator", tr(f"thủ tục do {promulgated} công bố",
                                              f"the procedure is promulgated by {promulgated}"),
                            f"{self.r.where}.departmentPromulgateName")
        for key in ("profileComponents", "fees", "targetObjects", "procedureRelatedGroup"):
            items = self.r.raw(key)
            if isinstance(items, list) and items:
                self.losses.add("procedure-list", tr(f"{key}: {len(items)} mục ở cấp thủ tục",
                                                     f"{key}: {len(items)} entries at the procedure's level"),
                                f"{self.r.where}.{key}")

    def build(self) -> Draft:
        r, clean = self.r, self.clean
        levels = self.levels()
        field_title, field_code = self.field()
        bodies, named = self.bodies()
        terms = build_terms(r, clean, self.losses)
        dossier = build_dossier(r, clean, self.losses)
        results, granted, refused = self.results()
        prose = self.steps_prose()
        description = clean.block(r.text("description"))
        conditions = clean.block(r.text("requirementsAndConditions"))
        where = clean.block(r.text("dossierReceivingAddresses"))
        self.texts_without_place()
        spec: dict[str, Any] = {
            "motcua": 1, "kind": "procedure", "id": None, "agency": None, "code": self.code, "title": self.name,
            "field": None,
            "level": (levels[0] if len(levels) == 1 else levels) or None,
            "version": None,
            "legal_basis": self.legal_basis() or None,
            "applicants": self.applicants() or None,
            **{role: bodies.get(role) for role, *_ in BODY_ROLES},
            "where": [where] if where else None,
            "channels": terms.channels or None,
            "fees": terms.fees,
            "time_limit": terms.time_limit,
            "time_note": terms.time_note,
            "extensions": terms.extensions or None,
            "clock_stops": terms.clock_stops or None,
            "variants": terms.variants or None,
            "description": description if description and description != conditions else None,
            "conditions": [conditions] if conditions else None,
            "records": dossier.records,
            "results": results,
            "steps": _skeleton(dossier.ids, prose, bool(refused)),
            "ends": _ends(granted, refused),
            "source": self.source(),
        }
        draft = Draft(self.code, self.name, spec, named, field_title, field_code, self.losses)
        draft.counts = {"items": dossier.items, "groups": dossier.groups, "notes": dossier.notes,
                        "blank": dossier.blank + terms.blank_fees, "variants": len(terms.variants),
                        "results": len(results), "cleaned_characters": clean.removed}
        return draft


def _covered(text: str, bodies: list[Body]) -> bool:
    """Whether a text field only repeats the names of ``bodies`` (comma separated)."""
    said = _fold(text)
    return bool(bodies) and said == _fold(" ".join(b.title for b in bodies))


def _skeleton(checks: list[str], prose: str, refusal: bool) -> list[dict[str, Any]]:
    s = SKELETON
    work: dict[str, Any] = {"id": "giai-quyet", "title": s.process, "unit": s.work_unit, "time": s.no_time,
                            "skeleton": True, "description": prose or None}
    if refusal:
        work["outcomes"] = {"dong-y": "tra-ket-qua", "tu-choi": "tu-choi"}
    else:
        work["next"] = "tra-ket-qua"
    return [
        {"id": "tiep-nhan", "title": s.receive, "unit": s.desk_unit, "time": s.no_time, "skeleton": True,
         "checks": checks or None, "next": "giai-quyet"},
        work,
        {"id": "tra-ket-qua", "title": s.give_back, "unit": s.desk_unit, "time": s.no_time, "skeleton": True,
         "next": "da-giai-quyet"},
    ]


def _ends(granted: list[str], refused: list[str]) -> list[dict[str, Any]]:
    def end(eid: str, title: str, outcome: str, ids: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": eid, "title": title, "outcome": outcome}
        if len(ids) == 1:
            out["result"] = ids[0]
        elif ids:
            out["results"] = ids
        return out

    ends = [end("da-giai-quyet", SKELETON.granted, "granted", granted)]
    if refused:
        ends.append(end("tu-choi", SKELETON.refused, "refused", refused))
    return ends


def build_procedure(record: Node) -> Draft:
    """The spec data of one record; raises :class:`RecordError` at the path of a wrong value."""
    try:
        return _Builder(record).build()
    except RecordError:
        raise
    except RecursionError:
        raise RecordError(tr("lồng quá sâu", "nested too deeply"), path=record.file, json_path=record.where) from None
