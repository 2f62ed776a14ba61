"""The terms of a dvcqg record as spec data: times, channels, fees, sub-cases, extra time.

The portal keeps one entry per channel in ``executionMethods`` (``DIRECT`` in person,
``POSTAL``, ``ONLINE``), each with a time, a unit, a description and fee rows, and sometimes
several entries for one channel. Its sub-cases (``cases``) carry their own code and time.
They become, without guessing a number:

- one channel entry each: the time is the procedure's ``time_limit`` when every channel says
  the same, else each channel's own; a description said alike on every channel is the
  procedure's ``time_note``, else the channel's ``note``; a unit ``OTHER`` means the time is in
  the description (no limit, the prose in ``time_note``);
- several entries for one channel, the same fees, one unit: the shortest is the time limit and
  each longer one extra time under its own description (``extensions``);
- several entries that differ otherwise: sub-cases, matched to the record's ``cases`` by their
  time where that is unambiguous, else sub-cases of their own (``variants`` with ``channels``);
- fee rows: ``amount`` when the row gives a number, else the prose in ``text`` (a row with 0
  and no prose is a stated zero); the kind from what the prose calls it, else from the label.

Sentences saying a period does not count ("không tính", "không kể") become ``clock_stops``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from motcua.engine.spec.durations import MAX_NUMBER
from motcua.engine.spec.i18n import tr
from motcua.importers.dvcqg.losses import Losses
from motcua.importers.dvcqg.reading import Node
from motcua.importers.slugs import IdPool, slugify
from motcua.importers.texts import Cleaner

__all__ = ["CHANNELS", "Terms", "build_terms", "duration_of"]

#: The portal's channel names and the spec's, in the order the spec lists channels.
CHANNELS: dict[str, str] = {"DIRECT": "in-person", "POSTAL": "post", "ONLINE": "online"}
_ORDER = {name: i for i, name in enumerate(CHANNELS.values())}
#: The portal's time units; ``OTHER`` (the time is in the description) has none.
UNITS: dict[str, str] = {"WORKING_DAY": "working days", "DAY": "days", "HOUR": "hours", "MONTH": "months"}
#: Currency names of the portal and the spec's code; VND is the spec's default and not written.
_CURRENCIES: dict[str, str | None] = {"việt nam đồng": None, "vnd": None, "đồng": None, "usd": "USD",
                                      "đô la mỹ": "USD", "eur": "EUR"}
_LIST_MARK = re.compile(r"^[\s\-+*•]+")
_SENTENCE = re.compile(r"[^.;\n]*(?:không tính|không kể)[^.;\n]*", re.IGNORECASE)
_WORD_FEE = re.compile(r"(?<!lệ )\bphí\b")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def duration_of(qty: int | float | None, unit: str) -> str | None:
    """``"5 working days"`` for a number and a portal unit; ``None`` when the record gives no
    time the spec can state (no number, 0, a number too large, a unit in prose)."""
    spec_unit = UNITS.get(unit)
    if spec_unit is None or qty is None or qty <= 0 or qty > MAX_NUMBER:
        return None
    return _duration(Decimal(str(qty)), spec_unit)


def _duration(value: Decimal, unit: str) -> str:
    """``"1 working day"``, ``"2.5 days"``: the singular for exactly one, as people write it."""
    number = format(value.normalize(), "f")
    return f"{number} {unit[:-1] if value == 1 else unit}"


@dataclass
class _Method:
    channel: str
    time: str | None
    note: str
    fees: list[dict[str, Any]]
    where: str


@dataclass
class Terms:
    """The spec keys made from the record's methods and cases (``None``: key left out)."""

    channels: list[Any] = field(default_factory=list)
    time_limit: str | None = None
    time_note: str | None = None
    fees: list[dict[str, Any]] | None = None
    variants: list[dict[str, Any]] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    clock_stops: list[dict[str, Any]] = field(default_factory=list)
    blank_fees: int = 0


class _Builder:
    def __init__(self, record: Node, clean: Cleaner, losses: Losses) -> None:
        self.record = record
        self.clean = clean
        self.losses = losses
        self.terms = Terms()
        self.code = clean.line(record.text("code"))

    # -- fees ---------------------------------------------------------------------------------

    def fee(self, row: Node) -> dict[str, Any] | None:
        value = row.number("value")
        text = self.clean.block(row.text("description"))
        if value is not None and value < 0:
            raise row.error("value", tr(f"cần số tiền >= 0, gặp {value}", f"expected an amount >= 0, found {value}"))
        if value is None and not text:
            self.terms.blank_fees += 1
            self.losses.add("blank-fee", tr("một dòng phí không có số tiền cũng không có nội dung (bỏ qua)",
                                            "a fee row with neither an amount nor a text (skipped)"), row.where,
                            counted=False)
            return None
        amount = value if value else None
        out: dict[str, Any] = {}
        if amount is None and not text:
            amount = 0  # the row states 0 and says nothing more: a stated zero
        if amount is not None and text and "\n" not in text:
            out["title"] = text
            text = ""
        if amount is not None:
            out["amount"] = int(amount) if float(amount).is_integer() else Decimal(str(amount))
            currency = self._currency(row, bool(amount))
            if currency:
                out["currency"] = currency
        if text:
            out["text"] = text
        out["kind"] = self._kind(row, out.get("title") or text)
        return out

    def _currency(self, row: Node, nonzero: bool) -> str | None:
        name = _fold(self.clean.line(row.text("currencyName")))
        if name in _CURRENCIES:
            return _CURRENCIES[name]
        if name:
            self.losses.add("fee-currency", tr(f"đơn vị tiền tệ '{name}' không có trong đặc tả; giữ số tiền, đơn vị "
                                               "tiền tệ để theo mặc định của đặc tả (VND)",
                                               f"currency '{name}' is not one the spec names; the amount is kept, "
                                               "the currency left as the spec's default (VND)"), f"{row.where}.currencyName")
        elif nonzero:
            self.losses.add("fee-currency", tr("bản ghi không nêu đơn vị tiền tệ của số tiền này; áp dụng mặc định "
                                               "của đặc tả (VND)",
                                               "the record names no currency for this amount; the spec's default "
                                               "(VND) applies"), f"{row.where}.currencyName")
        return None

    def _kind(self, row: Node, text: str) -> str | None:
        t = _fold(text)
        said = {k for k, hit in (("fee", "lệ phí" in t), ("charge", _WORD_FEE.search(t) is not None),
                                 ("price", "giá dịch vụ" in t)) if hit}
        if len(said) == 1:
            return said.pop()
        label = self.clean.line(row.text("type"))
        kind = {"FEE": "charge", "SERVICE_FEE": "fee"}.get(label)
        if kind is None and label:
            self.losses.add("fee-kind", tr(f"loại phí '{label}' không có trong đặc tả", f"fee type '{label}' is not one the spec knows"),
                            f"{row.where}.type")
        return kind

    # -- methods ------------------------------------------------------------------------------

    def methods(self) -> list[_Method]:
        out: list[_Method] = []
        for m in self.record.nodes("executionMethods"):
            portal = self.clean.line(m.text("submissionMethod"))
            channel = CHANNELS.get(portal)
            if channel is None:
                listed = ", ".join(CHANNELS)
                raise m.error("submissionMethod", tr(f"cần một trong các giá trị {listed}, gặp '{portal}'",
                                                     f"expected one of {listed}, found '{portal}'"))
            qty = m.number("processingTime")
            unit = self.clean.line(m.text("processingTimeUnit"))
            time = duration_of(qty, unit)
            note = self.clean.block(m.text("description"))
            if time is None and not note:
                if qty is not None or unit:
                    self.losses.add("time-without-unit", tr(f"{channel}: thời gian {qty} với đơn vị '{unit or '-'}' và "
                                                            "không có nội dung giải thích (không nhập)",
                                                            f"{channel}: time {qty} with unit '{unit or '-'}' and no "
                                                            "text saying what it means (not imported)"),
                                    f"{m.where}.processingTime")
            elif time is None and unit not in ("", "OTHER"):
                self.losses.add("time-unit", tr(f"{channel}: thời gian {qty} với đơn vị '{unit}' không ghi được thành "
                                                "một khoảng thời gian; giữ phần mô tả",
                                                f"{channel}: time {qty} with unit '{unit}' cannot be stated as a "
                                                "duration; the description is kept"), f"{m.where}.processingTimeUnit")
            fees = [f for f in (self.fee(r) for r in m.nodes("fees")) if f is not None]
            out.append(_Method(channel, time, note, fees, m.where))
        return sorted(out, key=lambda x: _ORDER[x.channel])  # stable: a channel's entries keep their order

    def build(self) -> Terms:
        methods = self.methods()
        by_channel: dict[str, list[_Method]] = {}
        for m in methods:
            by_channel.setdefault(m.channel, []).append(m)
        variants = self.cases()
        if all(len(ms) == 1 for ms in by_channel.values()):
            self.channels({c: ms[0] for c, ms in by_channel.items()})
        elif not self.extend(by_channel):
            self.profiles(by_channel, variants)
        self.terms.variants = variants
        self.stops(methods)
        return self.terms

    def channels(self, base: dict[str, _Method]) -> None:
        """One entry per channel: the procedure's time, notes and fees where all agree."""
        t = self.terms
        times = {m.time for m in base.values()}
        same_time = len(times) == 1 and None not in times
        notes = {m.note for m in base.values()}
        same_note = len(base) > 1 and len(notes) == 1 or (len(base) == 1 and all(m.time is None for m in base.values()))
        if same_time:
            t.time_limit = next(iter(times))
        if same_note and notes != {""}:
            t.time_note = next(iter(notes))
        t.fees = self.channel_fees({c: m.fees for c, m in base.items()})
        for channel, m in base.items():
            entry: dict[str, Any] = {"channel": channel}
            if not same_time and m.time is not None:
                entry["time_limit"] = m.time
            if not same_note and m.note:
                entry["note"] = m.note
            t.channels.append(entry if len(entry) > 1 else channel)

    def channel_fees(self, fees: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]] | None:
        rows = list(fees.values())
        if not any(rows):
            return None
        if all(r == rows[0] for r in rows):
            return rows[0]
        return [{**f, "channel": c} for c, fs in fees.items() for f in fs]

    def extend(self, by_channel: dict[str, list[_Method]]) -> bool:
        """Several entries of one channel as a time limit and extra time; ``False`` when they are
        not that (other fees, units or no time)."""
        per_channel: dict[str, tuple[_Method, list[tuple[str, str]]]] = {}
        for channel, ms in by_channel.items():
            if any(m.time is None for m in ms) or any(m.fees != ms[0].fees for m in ms):
                return False
            units = {m.time.split(" ", 1)[1].rstrip("s") for m in ms if m.time}
            if len(units) > 1:
                return False
            ordered = sorted(ms, key=lambda m: Decimal(m.time.split(" ", 1)[0]) if m.time else Decimal(0))
            base = ordered[0]
            extra: list[tuple[str, str]] = []
            for m in ordered[1:]:
                assert m.time is not None and base.time is not None
                value, unit = m.time.split(" ", 1)
                add = Decimal(value) - Decimal(base.time.split(" ", 1)[0])
                unit = unit if unit.endswith("s") else unit + "s"
                when = _distinct(m.note, base.note)
                if add <= 0 or not when:
                    return False
                extra.append((_duration(add, unit), when))
            per_channel[channel] = (base, extra)
        shapes = {tuple((a, _bare(w)) for a, w in extra) for _, extra in per_channel.values()}
        if len(shapes) != 1:
            return False
        pool = IdPool()
        first = next(iter(per_channel.values()))[1]
        for more, when in first:
            self.terms.extensions.append({"id": pool.take(slugify(when, max_length=40), fallback="gia-han"),
                                          "when": when, "add": more})
        self.channels({c: base for c, (base, _) in per_channel.items()})
        return True

    def profiles(self, by_channel: dict[str, list[_Method]], variants: list[dict[str, Any]]) -> None:
        """Entries that are sub-cases: the k-th entry of each channel is one sub-case, given to the
        record's case with the same time, else made a sub-case of its own."""
        t = self.terms
        t.channels = list(by_channel)
        deepest = max(len(ms) for ms in by_channel.values())
        pool = IdPool({v["id"] for v in variants})
        for k in range(deepest):
            profile = {c: ms[k] for c, ms in by_channel.items() if k < len(ms)}
            entries: list[dict[str, Any]] = []
            for channel, m in profile.items():
                entry: dict[str, Any] = {"channel": channel}
                if m.time is not None:
                    entry["time_limit"] = m.time
                if m.fees:
                    entry["fees"] = m.fees
                if m.note:
                    entry["note"] = m.note
                entries.append(entry)
            times = {m.time for m in profile.values()}
            matched = [v for v in variants if len(times) == 1 and v.get("time_limit") in times and "channels" not in v]
            if matched:
                for v in matched:
                    v["channels"] = entries
                continue
            common = _common([m.note for m in profile.values()])
            title = self.clean.line(common.split("\n", 1)[0])[:200] if common else f"Cách thức thực hiện {k + 1}"
            variant: dict[str, Any] = {"id": pool.take(f"cach-thuc-{k + 1}", fallback="cach-thuc"), "title": title}
            if len(times) == 1 and None not in times:
                variant["time_limit"] = next(iter(times))
            variant["channels"] = entries
            variants.append(variant)
        self.losses.add("methods-as-variants", tr(f"một cách thức nộp có nhiều mục (nhiều nhất {deepest}), được nhập "
                                                  "thành các trường hợp với điều kiện riêng của cách thức nộp",
                                                  f"several entries for one channel ({deepest} at most) imported as "
                                                  "sub-cases with their own channel terms"),
                        f"{self.record.where}.executionMethods", counted=False)

    def cases(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        pool = IdPool()
        for i, case in enumerate(self.record.nodes("cases")):
            code = self.clean.line(case.text("code"))
            suffix = code[len(self.code) + 1:] if self.code and code.startswith(self.code + ".") else ""
            vid = pool.take(slugify(f"truong-hop-{suffix}" if suffix else code), fallback=f"truong-hop-{i + 1}")
            title = self.clean.line(case.text("name")) or code or f"Trường hợp {i + 1}"
            variant: dict[str, Any] = {"id": vid}
            if code:
                variant["code"] = code
            variant["title"] = title
            day = case.node("processingDay")
            if day is not None:
                qty = day.number("qty")
                unit = self.clean.line(day.text("type"))
                time = duration_of(qty, unit)
                if time is not None:
                    variant["time_limit"] = time
                elif qty is not None or unit:
                    self.losses.add("case-time", tr(f"trường hợp {code}: thời gian {qty} với đơn vị '{unit or '-'}' không "
                                                    "ghi được thành một khoảng thời gian",
                                                    f"sub-case {code}: time {qty} with unit '{unit or '-'}' cannot be "
                                                    "stated as a duration"), f"{day.where}")
            items = case.nodes("profileComponents")
            if items:
                self.losses.add("case-dossier", tr(f"trường hợp {code}: hồ sơ riêng gồm {len(items)} thành phần không "
                                                   "được nhập (áp dụng hồ sơ của thủ tục)",
                                                   f"sub-case {code}: its own dossier of {len(items)} items is not "
                                                   "imported (the procedure's dossier applies)"),
                                f"{case.where}.profileComponents")
            out.append(variant)
        return out

    def stops(self, methods: list[_Method]) -> None:
        seen: dict[str, None] = {}
        for m in methods:
            for sentence in _SENTENCE.findall(m.note):
                seen.setdefault(self.clean.line(_LIST_MARK.sub("", sentence)), None)
        pool = IdPool()
        for title in seen:
            if title:
                self.terms.clock_stops.append({"id": pool.take(slugify(title, max_length=40), fallback="khong-tinh"),
                                               "title": title})


def _bare(text: str) -> str:
    return "\n".join(_LIST_MARK.sub("", ln).strip() for ln in text.split("\n")).strip()


def _distinct(text: str, base: str) -> str:
    """The lines of ``text`` that ``base`` does not have (list marks ignored), or all of it."""
    have = {_bare(ln) for ln in base.split("\n")}
    own = [ln for ln in text.split("\n") if _bare(ln) and _bare(ln) not in have]
    return "\n".join(own).strip()


def _common(notes: list[str]) -> str:
    """The lines every note has (list marks ignored), in the first note's order."""
    if not notes:
        return ""
    rest = [{_bare(ln) for ln in n.split("\n")} for n in notes[1:]]
    return "\n".join(ln for ln in notes[0].split("\n") if _bare(ln) and all(_bare(ln) in r for r in rest)).strip()


def build_terms(record: Node, clean: Cleaner, losses: Losses) -> Terms:
    """The channels, times, fees, sub-cases, extra time and clock stops of ``record``."""
    return _Builder(record, clean, losses).build()
