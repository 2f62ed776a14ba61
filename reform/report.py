"""The catalogue in numbers: per agency, field and level, how many procedures, how long the law
allows and how long the agency commits to, how many records, steps and hand-offs, how many are
offered online and how many are free; and the reform along each ``supersedes`` chain.

``build_report`` measures the versions in force on a day and every chain of versions, and returns
a :class:`CatalogReport`; ``CatalogReport.as_dict`` is the JSON document of
``motcua report --format json`` (keys in English, titles in every language the spec writes),
``reform.report_text.format_text`` the report for people in Vietnamese or English.

How things are counted (the same words are in the report, ``NOTES``):

* Times are in approximate working days (``engine.spec.durations.approximate_working_days`` on
  the agency's office hours). A procedure whose limit is stated only per variant or per channel
  counts the shortest limit stated there; the same holds for the committed time.
* Records are the leaf records of the dossier tree: a group is not a record itself, and each
  record of a group counts, every alternative of a ``one_of`` group too.
* Hand-offs are the passes from one unit to another along the main path (each step's first
  route, as ``motcua diff`` walks it).
* Online: the procedure offers the online channel. Fees: free only when every fee is stated as a
  zero amount (``fees_free``); no ``fees`` key is "not stated", never free; anything else is
  charged.
* The cut is the median, over the procedures stating both, of
  ``(legal - committed) / legal`` in per cent.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from motcua.engine.spec.durations import approximate_working_days
from motcua.engine.spec.model import (
    Agency,
    Calendar,
    Catalog,
    Channel,
    Duration,
    Procedure,
    Text,
    fees_free,
)
from motcua.reform.diff import handoffs, main_path

__all__ = ["JSON", "NOTES", "CatalogReport", "Chain", "Facts", "Group", "build_report", "measure"]

JSON = dict[str, Any]
FeeKind = Literal["free", "charged", "not_stated"]
Basis = Literal["procedure", "shortest_variant_or_channel"]

#: How the report counts, said in both languages in the text, the JSON and the page.
NOTES: tuple[tuple[str, str], ...] = (
    ("Thời gian tính bằng ngày làm việc quy đổi; thủ tục chỉ ghi thời hạn theo từng trường hợp hoặc "
     "kênh nộp được tính theo thời hạn ngắn nhất ghi ở đó (thời gian cam kết cũng vậy).",
     "Times are in approximate working days; a procedure whose limit is stated only per variant or "
     "channel counts the shortest limit stated there (the committed time likewise)."),
    ("Thành phần hồ sơ là các giấy tờ lá của cây hồ sơ: nhóm không tính là một thành phần, mọi giấy tờ "
     "trong nhóm đều được tính, kể cả từng lựa chọn của nhóm chọn một.",
     "Records are the leaf records of the dossier: a group is not counted itself, every record in it "
     "is, each alternative of a one-of group too."),
    ("Chuyển giao là số lần hồ sơ chuyển từ đơn vị này sang đơn vị khác theo đường chính của quy trình.",
     "Hand-offs are the passes from one unit to another along the main path of the process."),
    ("Trực tuyến: thủ tục có kênh nộp trực tuyến. Miễn phí chỉ khi mọi khoản phí ghi rõ bằng 0; thủ tục "
     "không ghi phí được đếm riêng là chưa nêu, không bao giờ là miễn phí.",
     "Online: the procedure offers the online channel. Free only when every fee is stated as zero; a "
     "procedure that states no fees is counted apart as not stated, never as free."),
    ("Mức cắt giảm là trung vị, trên các thủ tục ghi cả hai thời gian, của (thời hạn luật định − thời "
     "gian cam kết) / thời hạn luật định.",
     "The cut is the median, over procedures stating both times, of (legal limit − committed time) / "
     "legal limit."),
)


def _days(value: float | None) -> int | float | None:
    """Working days as JSON shows them: whole numbers without a point, else two decimals."""
    if value is None:
        return None
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _size(duration: Duration, cal: Calendar) -> float:
    return approximate_working_days(duration, session_hours=cal.session_hours, day_hours=cal.day_hours)


def _time(own: Duration | None, stated: Iterable[Duration | None], cal: Calendar) -> tuple[float | None, Basis | None]:
    """A procedure's time in working days and where it comes from: its own, else the shortest stated
    by a variant or channel, else none."""
    if own is not None:
        return _size(own, cal), "procedure"
    sizes = [_size(d, cal) for d in stated if d is not None]
    return (min(sizes), "shortest_variant_or_channel") if sizes else (None, None)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the report measures of one version of a procedure."""

    procedure: Procedure
    legal_days: float | None
    legal_basis: Basis | None
    committed_days: float | None
    committed_basis: Basis | None
    records: int
    steps: int
    handoffs: int
    online: bool
    fees: FeeKind

    @property
    def cut_percent(self) -> float | None:
        if self.legal_days is None or self.committed_days is None or self.legal_days <= 0:
            return None
        return (self.legal_days - self.committed_days) / self.legal_days * 100.0

    def as_dict(self) -> JSON:
        p = self.procedure
        return {
            "key": p.key, "agency": p.agency, "id": p.id, "version": p.version, "code": p.code,
            "title": p.title.as_dict(), "field": p.field, "levels": [lv.value for lv in p.level],
            "legal_working_days": _days(self.legal_days), "legal_basis": self.legal_basis,
            "committed_working_days": _days(self.committed_days), "committed_basis": self.committed_basis,
            "cut_percent": _days(self.cut_percent), "records": self.records, "steps": self.steps,
            "handoffs": self.handoffs, "online": self.online, "fees": self.fees,
        }


def measure(proc: Procedure, cal: Calendar) -> Facts:
    """The report's facts of one procedure, its durations read on the agency calendar ``cal``."""
    legal = _time(proc.time_limit, [v.time_limit for v in proc.variants] + [c.time_limit for c in proc.channels], cal)
    committed = _time(proc.committed_time,
                      [v.committed_time for v in proc.variants] + [c.committed_time for c in proc.channels], cal)
    kind: FeeKind = "not_stated" if proc.fees is None else ("free" if fees_free(proc.fees) else "charged")
    return Facts(proc, legal[0], legal[1], committed[0], committed[1], len(proc.leaf_records()), len(proc.steps),
                 handoffs(main_path(proc)), Channel.ONLINE in proc.channel_names, kind)


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass(frozen=True, slots=True)
class Group:
    """The procedures of one agency, field or level (or the whole catalogue), and their numbers."""

    id: str
    title: Text | None
    facts: tuple[Facts, ...]

    def as_dict(self) -> JSON:
        f = self.facts
        legal = [x.legal_days for x in f if x.legal_days is not None]
        committed = [x.committed_days for x in f if x.committed_days is not None]
        cuts = [c for c in (x.cut_percent for x in f) if c is not None]
        online = sum(1 for x in f if x.online)
        return {
            "id": self.id, "title": None if self.title is None else self.title.as_dict(),
            "procedures": len(f),
            "legal_time_stated": len(legal), "median_legal_working_days": _days(_median(legal)),
            "committed_time_stated": len(committed), "median_committed_working_days": _days(_median(committed)),
            "median_cut_percent": _days(_median(cuts)),
            "median_records": _days(_median([x.records for x in f])),
            "median_steps": _days(_median([x.steps for x in f])),
            "median_handoffs": _days(_median([x.handoffs for x in f])),
            "online": online, "online_share_percent": _days(online / len(f) * 100.0) if f else None,
            "free": sum(1 for x in f if x.fees == "free"), "charged": sum(1 for x in f if x.fees == "charged"),
            "fees_not_stated": sum(1 for x in f if x.fees == "not_stated"),
        }


def _cut(old: float | None, new: float | None) -> int | float | None:
    return None if old is None or new is None else _days(old - new)


@dataclass(frozen=True, slots=True)
class Chain:
    """The versions of one procedure linked by ``supersedes``, oldest first."""

    versions: tuple[Facts, ...]

    @property
    def old(self) -> Facts:
        return self.versions[0]

    @property
    def new(self) -> Facts:
        return self.versions[-1]

    @property
    def simplified(self) -> bool:
        """Something fell (legal or committed time, records, steps) and nothing rose."""
        pairs = [(self.old.legal_days, self.new.legal_days), (self.old.committed_days, self.new.committed_days),
                 (float(self.old.records), float(self.new.records)), (float(self.old.steps), float(self.new.steps))]
        known = [(a, b) for a, b in pairs if a is not None and b is not None]
        return any(b < a for a, b in known) and not any(b > a for a, b in known)

    def as_dict(self) -> JSON:
        old, new = self.old, self.new
        return {
            "procedure": f"{new.procedure.agency}/{new.procedure.id}",
            "title": new.procedure.title.as_dict(),
            "versions": [v.procedure.version for v in self.versions],
            "old": old.as_dict(), "new": new.as_dict(),
            "legal_working_days_cut": _cut(old.legal_days, new.legal_days),
            "committed_working_days_cut": _cut(old.committed_days, new.committed_days),
            "records_cut": old.records - new.records, "steps_cut": old.steps - new.steps,
            "handoffs_cut": old.handoffs - new.handoffs, "simplified": self.simplified,
        }


@dataclass(frozen=True, slots=True)
class CatalogReport:
    """The report of a catalogue on one day: the groups and the reform chains."""

    on: dt.date
    root: str
    total: Group
    agencies: tuple[Group, ...]
    fields: tuple[Group, ...]
    levels: tuple[Group, ...]
    procedures: tuple[Facts, ...]
    chains: tuple[Chain, ...]

    def reform(self) -> JSON:
        chains = [c.as_dict() for c in self.chains]
        return {
            "chains": len(chains),
            "simplified": sum(1 for c in chains if c["simplified"]),
            "working_days_cut": _days(sum(c["legal_working_days_cut"] or 0 for c in chains)),
            "records_cut": sum(c["records_cut"] for c in chains),
            "steps_cut": sum(c["steps_cut"] for c in chains),
            "by_chain": chains,
        }

    def as_dict(self) -> JSON:
        return {
            "on": self.on.isoformat(),
            "catalog": self.root,
            "notes": [{"vi": vi, "en": en} for vi, en in NOTES],
            "total": self.total.as_dict(),
            "by_agency": [g.as_dict() for g in self.agencies],
            "by_field": [g.as_dict() for g in self.fields],
            "by_level": [g.as_dict() for g in self.levels],
            "procedures": [f.as_dict() for f in self.procedures],
            "reform": self.reform(),
        }


def _chains(catalog: Catalog, facts: dict[int, Facts]) -> tuple[Chain, ...]:
    """Every chain of two or more versions, each walked from the version nothing supersedes."""
    by_file = {os.path.normpath(p.file): p for p in catalog.procedures if p.file}
    previous: dict[int, Procedure] = {}
    for p in catalog.procedures:
        if p.supersedes and p.file:
            target = by_file.get(os.path.normpath(os.path.join(os.path.dirname(p.file), p.supersedes)))
            if target is not None and (target.agency, target.id) == (p.agency, p.id) and target is not p:
                previous[id(p)] = target
    superseded = {id(p) for p in previous.values()}
    chains = []
    for p in catalog.procedures:
        if id(p) in superseded or id(p) not in previous:
            continue
        walk: list[Procedure] = [p]
        while id(walk[-1]) in previous and previous[id(walk[-1])] not in walk:
            walk.append(previous[id(walk[-1])])
        chains.append(Chain(tuple(facts[id(v)] for v in reversed(walk))))
    return tuple(sorted(chains, key=lambda c: (c.new.procedure.agency, c.new.procedure.id)))


def _field_title(agencies: Sequence[Agency], field_id: str) -> Text | None:
    for a in agencies:
        for f in a.fields:
            if f.id == field_id:
                return f.title
    return None


_LEVEL_TITLES: dict[str, tuple[str, str]] = {
    "ministry": ("Bộ", "Ministry"), "province": ("Tỉnh", "Province"), "district": ("Huyện", "District"),
    "commune": ("Xã", "Commune"), "none": ("Không ghi cấp", "No level stated"),
}
_NO_FIELD: tuple[str, str] = ("Không ghi lĩnh vực", "No field stated")


def build_report(catalog: Catalog, *, on: dt.date) -> CatalogReport:
    """The report of ``catalog``: the versions in force ``on`` a day, and every chain of versions."""
    calendars = {a.id: a.calendar for a in catalog.agencies}
    facts = {id(p): measure(p, calendars.get(p.agency, Calendar())) for p in catalog.procedures}
    current = tuple(sorted((facts[id(p)] for p in catalog.procedures if p.in_force(on)),
                           key=lambda f: (f.procedure.agency, f.procedure.id)))
    agencies = tuple(Group(a.id, a.title, tuple(f for f in current if f.procedure.agency == a.id))
                     for a in sorted(catalog.agencies, key=lambda a: a.id))
    field_ids = sorted({f.procedure.field or "" for f in current})
    fields = tuple(
        Group(fid or "none", _field_title(catalog.agencies, fid) if fid else Text.of(dict(zip(("vi", "en"), _NO_FIELD))),
              tuple(f for f in current if (f.procedure.field or "") == fid))
        for fid in field_ids)
    levels = []
    for level in ("ministry", "province", "district", "commune", "none"):
        members = tuple(f for f in current
                        if level in [lv.value for lv in f.procedure.level] or (level == "none" and not f.procedure.level))
        if members:
            levels.append(Group(level, Text.of(dict(zip(("vi", "en"), _LEVEL_TITLES[level]))), members))
    return CatalogReport(on, catalog.root, Group("total", None, current), agencies, fields, tuple(levels), current,
                         _chains(catalog, facts))
