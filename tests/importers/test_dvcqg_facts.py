"""Each shared record against the spec imported from it, fact by fact.

The expected facts are read from the record's JSON here, with plain ``json`` and a few lines
of code each, never from the importer's own helpers: counts of dossier items and their copies,
every time of every channel and sub-case, every fee amount and fee text, results, applicant
codes, legal basis codes, sub-case codes, levels, the field, bodies and the source.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from motcua import validate
from motcua.engine.spec.dossier import Fee, Record, RecordGroup, walk_items
from motcua.engine.spec.model import Duration, Procedure, TimeUnit
from .conftest import RECORD_FILES, Imported, record_data

UNITS = {"WORKING_DAY": TimeUnit.WORKING_DAYS, "DAY": TimeUnit.DAYS, "HOUR": TimeUnit.HOURS,
         "MONTH": TimeUnit.MONTHS}
CHANNELS = {"DIRECT": "in-person", "POSTAL": "post", "ONLINE": "online"}
IDS = [p.stem for p in RECORD_FILES]


def norm(text: str) -> str:
    """A text as the spec keeps it on one line: NFC, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def lines(text: str) -> list[str]:
    return [norm(ln) for ln in text.splitlines() if norm(ln)]


def named_items(rec: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Every dossier item with a name, with its section's heading."""
    return [(item, case.get("name") or "") for case in rec.get("executionCases") or []
            for item in case.get("profileComponents") or [] if norm(item.get("name") or "").strip("-+*•: ")]


def counted_items(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Items that ask for copies: the documents (0 and 0 are headings or notes)."""
    return [item for item, _ in named_items(rec) if (item.get("originalQty") or 0) + (item.get("copyQty") or 0) > 0]


def all_fees(p: Procedure) -> list[Fee]:
    out = list(p.fees or ())
    for c in p.channels:
        out += list(c.fees or ())
    for v in p.variants:
        out += list(v.fees or ())
        for c in v.channels or ():
            out += list(c.fees or ())
    return out


def stated_times(p: Procedure) -> set[tuple[Decimal, TimeUnit]]:
    """Every time limit the spec states, and each limit plus each extension of the same unit."""
    durations: list[Duration] = [d for d in [p.time_limit, *(c.time_limit for c in p.channels)] if d is not None]
    for v in p.variants:
        durations += [d for d in [v.time_limit, *(c.time_limit for c in v.channels or ())] if d is not None]
    out = {(d.value, d.unit) for d in durations}
    for base in list(durations):
        for ext in p.extensions:
            if ext.add.unit is base.unit:
                out.add((base.value + ext.add.value, base.unit))
    return out


def text_of(t: Any) -> str:
    return "" if t is None else t.get("vi")


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_every_record_is_imported(imported: Imported, path: Path) -> None:
    outcome = next(r for r in imported.report.records if r.file.endswith(path.name))
    assert outcome.ok, outcome.error
    assert outcome.code == record_data(path)["code"]


def test_the_imported_catalogue_validates_without_errors(imported: Imported, tmp_path: Path) -> None:
    found = validate(str(imported.root), cache_dir=str(tmp_path))
    errors = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in found if d.is_error]
    assert errors == []
    assert len(imported.catalog.procedures) == 25
    # The skeleton is marked and validation says so.
    assert {d.code for d in found if not d.is_error} >= {"IMP001"}


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_title_code_levels_field_source(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    assert text_of(p.title) == norm(rec["name"])
    levels = {lv for flag, lv in (("isWard", "commune"), ("isProvince", "province"), ("isMinistry", "ministry"))
              if rec.get(flag)}
    assert {lv.value for lv in p.level} == levels
    category = rec.get("category") or (rec.get("categoriesDetails") or [None])[0]
    agency = imported.catalog.agency(p.agency)
    field = next(f for f in agency.fields if f.id == p.field)
    assert (text_of(field.title), field.code) == (norm(category["name"]), category["code"])
    assert p.source is not None and p.source.system == "dvcqg" and p.source.code == rec["code"]
    assert p.source.id == rec["id"]
    proposal = rec["procedureProposal"]
    assert p.source.decision == (proposal.get("decisionNumber") or proposal["proposalNumber"])
    assert p.source.digest is not None and p.source.digest.startswith("sha256:")


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_dossier_items_and_their_counts(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    items = counted_items(rec)
    leaves = p.leaf_records()
    assert len(leaves) == len(items)
    assert sorted((r.originals, r.copies) for r in leaves) == \
        sorted((i.get("originalQty") or 0, i.get("copyQty") or 0) for i in items)
    assert sorted(r.code or "" for r in leaves) == sorted(norm(i.get("code") or "") for i in items)
    assert sum(r.eform for r in leaves) == sum(bool(i.get("hasElectronicForm")) for i in items)
    shown = [i for i, heading in named_items(rec) if "xuất trình" in heading.casefold() and i in items]
    assert sum(r.present_only for r in leaves) == len(shown)
    forms = sorted(norm(i["attachments"][0]["fileName"]) for i in items if i.get("attachments"))
    assert sorted(text_of(r.form.title) for r in leaves if r.form is not None and not isinstance(r.form, str)) == forms
    # The portal's storage id of an attachment is no form code: a form is named by its file's name.
    assert all(r.form.code is None for r in leaves if r.form is not None and not isinstance(r.form, str))


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_groups_hold_items_and_alternatives_are_one_of(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    groups = [g for g in walk_items(p.records) if isinstance(g, RecordGroup)]
    assert all(g.items for g in groups)
    alternative_sets = [c for c in rec.get("executionCases") or []
                        if norm(c.get("name") or "").strip("*: ") and not any(
                            w in norm(c["name"]).casefold() for w in ("xuất trình", "phải nộp", "lưu ý", "ghi chú"))
                        and any((i.get("originalQty") or 0) + (i.get("copyQty") or 0) for i in c["profileComponents"])]
    if len(alternative_sets) >= 2:
        choice = [g for g in groups if g.is_choice and len(g.one_of) == len(alternative_sets)]
        assert choice, "two or more alternative sets are one group of one_of"


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_every_time_of_every_channel_and_sub_case(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    expected: set[tuple[Decimal, TimeUnit]] = set()
    for m in rec.get("executionMethods") or []:
        if m.get("processingTimeUnit") in UNITS and (m.get("processingTime") or 0) > 0:
            expected.add((Decimal(str(m["processingTime"])), UNITS[m["processingTimeUnit"]]))
    for case in rec.get("cases") or []:
        day = case.get("processingDay") or {}
        if day.get("type") in UNITS and (day.get("qty") or 0) > 0:
            expected.add((Decimal(str(day["qty"])), UNITS[day["type"]]))
    stated = stated_times(p)
    assert expected <= stated, f"times not in the spec: {expected - stated}"
    assert {(d, u) for d, u in stated if not any(p.extensions)} <= expected, "a time the record does not give"
    assert {v.code for v in p.variants if v.code} == {norm(c["code"]) for c in rec.get("cases") or []}
    assert {c.value for c in p.channel_names} == {CHANNELS[m["submissionMethod"]] for m in rec.get("executionMethods") or []}
    if not expected:
        assert p.time_limit is None and not stated
    prose = [norm(m["description"]) for m in rec.get("executionMethods") or []
             if m.get("processingTimeUnit") == "OTHER" and norm(m.get("description") or "")]
    for text in prose:
        kept = [text_of(p.time_note)] + [text_of(c.note) for c in p.channels]
        assert any(norm(k) == text for k in kept), "a time in prose is kept"


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_every_fee_amount_and_text(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    rows = [f for m in rec.get("executionMethods") or [] for f in m.get("fees") or []]
    if not rows:
        assert p.fees is None, "no fee in the record: the spec says not stated, never free"
        return
    fees = all_fees(p)
    amounts = {f.amount for f in fees if f.amount is not None}
    texts = {norm(text_of(f.text)) for f in fees} | {norm(text_of(f.title)) for f in fees}
    for row in rows:
        if row.get("value"):
            assert Decimal(str(row["value"])) in amounts
        if norm(row.get("description") or ""):
            assert norm(row["description"]) in texts
        if not row.get("value") and not norm(row.get("description") or ""):
            assert Decimal(0) in amounts
    # A fee known only in prose is never shown as free.
    if all(not r.get("value") for r in rows) and any(norm(r.get("description") or "") for r in rows):
        assert any(f.amount is None for f in fees)
    assert all(f.kind is not None for f in fees)


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_results_applicants_legal_bases_bodies(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    assert sorted(text_of(r.title) for r in p.results) == sorted(norm(r["name"]) for r in rec["resultsDetails"])
    returned = {rid for e in p.ends for rid in e.result_ids}
    assert returned == {r.id for r in p.results}, "every result is returned by an end"
    assert [a.code for a in p.applicants] == list(dict.fromkeys(norm(s["code"]) for s in rec["subjectTypesDetails"]))
    assert sorted((r.code or "") for r in p.results) == sorted(norm(r.get("code") or "") for r in rec["resultsDetails"])
    laws = rec.get("legalBasisesDetails") or []
    assert [(text_of(b.title), b.code or "") for b in p.legal_basis] == [
        (norm(law["name"]) or norm(law["code"]), norm(law["code"])) for law in laws]
    executing = [norm(b["name"]) for b in (rec.get("departmentsExecuting") or []) + (rec.get("unitGroupsExecuting") or [])]
    if executing:
        assert [text_of(b.title) for b in p.executing] == list(dict.fromkeys(executing))
    coordinating = [norm(b["name"]) for b in rec.get("departmentsCoordinating") or []]
    assert set(coordinating) <= {text_of(b.title) for b in p.coordinating}
    if norm(rec.get("dossierReceivingAddresses") or ""):
        assert lines(text_of(p.where[0])) == lines(rec["dossierReceivingAddresses"])


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_prose_keeps_its_lines_and_steps_are_a_marked_skeleton(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    p = imported.procedure(rec["code"])
    if norm(rec.get("requirementsAndConditions") or ""):
        assert lines(text_of(p.conditions[0])) == lines(rec["requirementsAndConditions"])
    assert all(s.skeleton for s in p.steps)
    described = "\n".join(text_of(s.description) for s in p.steps)
    for step in rec.get("executionSteps") or []:
        for ln in lines(step.get("description") or ""):
            assert ln in lines(described)
    checked = {r for s in p.steps for r in s.checks}
    assert {r.id for r in p.leaf_records()} <= checked


@pytest.mark.parametrize("path", RECORD_FILES, ids=IDS)
def test_the_loss_report_lists_what_has_no_place(imported: Imported, path: Path) -> None:
    rec = record_data(path)
    outcome = next(r for r in imported.report.records if r.file.endswith(path.name))
    said = [f"{e.kind}: {e.message}" for e in outcome.losses.entries]
    assert not any(s.startswith("result-code") for s in said), "results keep their codes"
    for flag in ("isOtherAgency", "isVertical", "isFullProcess", "isSharedService", "isNonTerritorial"):
        assert any(s.startswith(f"flag: {flag}") for s in said) == bool(rec.get(flag))
    for group in rec.get("serviceGroupsDetails") or []:
        assert any(group["name"] in s for s in said)
    if norm(rec.get("note") or ""):
        assert any(s.startswith("note:") for s in said)
    # The spec file lists them too, for the person who opens it.
    text = Path(outcome.spec).read_text(encoding="utf-8")
    assert f"Not imported ({len(outcome.losses.counted)};" in text if outcome.losses.counted else True


def test_loss_totals_add_up(imported: Imported) -> None:
    totals = imported.report.totals()
    assert totals["losses"] == sum(len(r.losses.counted) for r in imported.report.records)
    assert totals["losses"] == sum(totals["losses_by_kind"].values())
    assert totals["imported"] == 25 and totals["failed"] == 0


def test_leaves_are_records_and_groups_are_groups(imported: Imported) -> None:
    for p in imported.catalog.procedures:
        for item in walk_items(p.records):
            assert isinstance(item, (Record, RecordGroup))
