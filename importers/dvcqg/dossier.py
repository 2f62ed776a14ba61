"""The dossier of a dvcqg record (``executionCases``) as spec records and groups.

The portal keeps the dossier as sections (``executionCases``), each a heading with its items
(``profileComponents``). What a section is, its heading says:

- "Giấy tờ phải xuất trình" (documents shown, not handed in): a group whose records are
  ``present_only``;
- "Lưu ý" (notes): a group whose note holds the section's notes;
- no heading, or "Giấy tờ phải nộp" (documents handed in): the dossier itself;
- any other heading ("Đối với nhà ở riêng lẻ...", "Trường hợp..."): one of several alternative
  sets; two or more sets become one ``one_of`` group (the applicant brings one set).

Inside a section, an item with no copies asked (0 originals, 0 copies) is a note, or, when
"+" items follow it, the heading of those items: a group, ``one_of`` when it says "một trong"
(one of), else ``all_of``. Items with no name are blank: counted and skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from motcua.engine.spec.i18n import tr
from motcua.importers.dvcqg.losses import Losses
from motcua.importers.dvcqg.reading import Node
from motcua.importers.slugs import IdPool, slugify
from motcua.importers.texts import Cleaner

__all__ = ["Dossier", "SETS_TITLE", "UNNAMED_TITLE", "build_dossier", "title_of_item"]

#: Title of the group that holds two or more alternative sets (the applicant brings one).
SETS_TITLE = "Một trong các bộ hồ sơ sau (tùy trường hợp)"
#: Title of the unnamed section when it needs a group (to hold its notes): the portal's own
#: label for the dossier table.
UNNAMED_TITLE = "Thành phần hồ sơ"
_ID_LENGTH = 40
_MARKER = re.compile(r"^\s*([-+*•]+)\s*")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _marker(name: str) -> str:
    m = _MARKER.match(name)
    return m.group(1)[0] if m else ""


def title_of_item(name: str) -> str:
    """An item's name as a title: its list marker ("- ", "+ ", "* ") taken off."""
    return _MARKER.sub("", name, count=1).strip()


def _section_kind(heading: str) -> str:
    h = _fold(title_of_item(heading)).rstrip(": ")
    if not h:
        return "unnamed"
    if "xuất trình" in h:
        return "present"
    if h.startswith("lưu ý") or h.startswith("ghi chú"):
        return "notes"
    if h.startswith("giấy tờ phải nộp") or h in ("thành phần hồ sơ", "hồ sơ gồm", "hồ sơ bao gồm"):
        return "submit"
    return "set"


@dataclass
class Dossier:
    """The dossier as spec data: ``records`` (records and groups, in order), every id in the tree
    (for the desk's ``checks``), and counts for the report."""

    records: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    items: int = 0
    groups: int = 0
    notes: int = 0
    blank: int = 0


class _Builder:
    def __init__(self, clean: Cleaner, losses: Losses) -> None:
        self.clean = clean
        self.losses = losses
        self.pool = IdPool()
        self.dossier = Dossier()

    def _id(self, title: str, fallback: str) -> str:
        new = self.pool.take(slugify(title, max_length=_ID_LENGTH), fallback=fallback)
        self.dossier.ids.append(new)
        return new

    def record(self, item: Node, name: str, *, present: bool) -> dict[str, Any]:
        title = title_of_item(name)
        out: dict[str, Any] = {"id": self._id(title, "ho-so")}
        code = self.clean.line(item.text("code"))
        if code:
            out["code"] = code
        out["title"] = title
        out["originals"] = item.count("originalQty")
        out["copies"] = item.count("copyQty")
        if present:
            out["present_only"] = True
        if item.flag("hasElectronicForm"):
            out["eform"] = True
        forms = item.nodes("attachments")
        if forms:
            first = forms[0]
            # The attachment's id is the portal's storage key, not a form code: the file's name
            # is the form's title and its path the file; the id is listed, not shown.
            form = {"title": self.clean.line(first.text("fileName")) or None,
                    "file": self.clean.line(first.text("filePath")) or None}
            if any(v is not None for v in form.values()):
                out["form"] = form
            attachment = self.clean.line(first.text("id"))
            if attachment:
                self.losses.add("form-id", tr(f"thành phần '{title[:60]}': mã lưu trữ {attachment} của mẫu đơn trên cổng",
                                              f"item '{title[:60]}': the portal's storage id {attachment} of its form"),
                                f"{first.where}.id", counted=False)
            for extra in forms[1:]:
                named = self.clean.line(extra.text("fileName"))
                self.losses.add("form-template", tr(f"thành phần '{title[:60]}': thêm một mẫu đơn '{named}' "
                                                    "(mỗi thành phần hồ sơ có một mẫu đơn)",
                                                    f"item '{title[:60]}': a further form template '{named}' "
                                                    "(a record has one form)"),
                                extra.where)
        if item.flag("isProcessingResult"):
            self.losses.add("processing-result-item", tr(f"thành phần '{title[:60]}' được đánh dấu là kết quả xử lý",
                                                         f"item '{title[:60]}' is marked as a processing result"),
                            item.where)
        if item.flag("required"):
            self.losses.add("required-flag", tr(f"thành phần '{title[:60]}' được đánh dấu bắt buộc (đặc tả không có khoá này)",
                                                f"item '{title[:60]}' is marked required (no such key)"), item.where)
        self.dossier.items += 1
        return out

    def section(self, section: Node, kind: str) -> tuple[str, list[dict[str, Any]], list[str]]:
        """The section's heading, its records and groups, and its notes."""
        heading = self.clean.line(section.text("name"))
        present = kind == "present"
        entries: list[tuple[str, str, Node]] = []  # (marker, name, item)
        for item in section.nodes("profileComponents"):
            name = self.clean.block(item.text("name"))
            if not name.strip(" -+*•:"):
                self.dossier.blank += 1
                self.losses.add("blank-item", tr("một thành phần không có tên (bỏ qua)", "an item with no name (skipped)"),
                                item.where, counted=False)
                continue
            entries.append((_marker(name), name, item))
        out: list[dict[str, Any]] = []
        notes: list[str] = []
        i = 0
        while i < len(entries):
            mark, name, item = entries[i]
            is_note = item.count("originalQty") == 0 and item.count("copyQty") == 0
            children = []
            j = i + 1
            while mark != "+" and j < len(entries) and entries[j][0] == "+":
                children.append(entries[j])
                j += 1
            counted_children = [c for c in children if c[2].count("originalQty") or c[2].count("copyQty")]
            if is_note and counted_children:
                # A heading with the items under it.
                title = title_of_item(" ".join(name.split()))
                group: dict[str, Any] = {"id": self._id(title, "nhom"), "title": title}
                sub_notes = []
                members = []
                for c_mark, c_name, c_item in children:
                    if c_item.count("originalQty") or c_item.count("copyQty"):
                        members.append(self.record(c_item, " ".join(c_name.split()), present=present))
                    else:
                        sub_notes.append(c_name)
                        self.dossier.notes += 1
                if sub_notes:
                    group["note"] = "\n".join(sub_notes)
                group["one_of" if "một trong" in _fold(title) else "all_of"] = members
                self.dossier.groups += 1
                out.append(group)
                i = j
                continue
            if is_note:
                notes.append("\n".join([name, *(c[1] for c in children)]))
                self.dossier.notes += 1 + len(children)
                i = j
                continue
            out.append(self.record(item, " ".join(name.split()), present=present))
            i += 1
        return heading, out, notes

    def group(self, heading: str, items: list[dict[str, Any]], notes: list[str]) -> dict[str, Any]:
        title = title_of_item(heading).rstrip(" :") or UNNAMED_TITLE
        group: dict[str, Any] = {"id": self._id(title, "nhom"), "title": title}
        if notes:
            group["note"] = "\n".join(notes)
        group["all_of"] = items
        self.dossier.groups += 1
        return group


def _add_notes(item: dict[str, Any], pending: list[str], *, first: bool = False) -> None:
    """Add the notes waiting in ``pending`` to an item's note (before its own with ``first``)."""
    if not pending:
        return
    own = [item["note"]] if item.get("note") else []
    item["note"] = "\n\n".join([*pending, *own] if first else [*own, *pending])
    for key in ("one_of", "all_of"):  # a group's items stay last, after its note
        if key in item:
            item[key] = item.pop(key)
    pending.clear()


def build_dossier(record: Node, clean: Cleaner, losses: Losses) -> Dossier:
    """The dossier of ``record`` (its ``executionCases``)."""
    b = _Builder(clean, losses)
    sections = record.nodes("executionCases")
    # Ids are taken in the order written below: the sets group before the sets it holds.
    kinds = [_section_kind(clean.line(s.text("name"))) for s in sections]
    several_sets = kinds.count("set") >= 2
    sets_id = b._id(SETS_TITLE, "nhom") if several_sets else ""
    out: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    sets_at = -1
    pending: list[str] = []  # notes met before any item
    last: dict[str, Any] | None = None
    for section, kind in zip(sections, kinds):
        heading, items, notes = b.section(section, kind)
        if not items and not notes:
            if section.nodes("profileComponents") or heading:
                losses.add("blank-section", tr(f"mục '{heading}' không có thành phần nào có tên (bỏ qua)",
                                               f"section '{heading}' has no item with a name (skipped)"),
                           section.where, counted=False)
            b.dossier.blank += 1
            continue
        if not items:
            # A section of notes only ("Lưu ý"): its notes go with the item before it.
            said = ["\n".join(([heading] if heading else []) + notes)]
            if last is not None:
                _add_notes(last, said)
            else:
                pending += said
            continue
        if kind == "unnamed" and not notes:
            out.extend(items)  # the dossier itself, without a heading
            last = out[-1]
            _add_notes(items[0], pending, first=True)
            continue
        group = b.group(heading, items, notes)
        _add_notes(group, pending, first=True)
        last = group
        if kind == "set" and several_sets:
            if sets_at < 0:
                sets_at = len(out)
            sets.append(group)
            continue
        out.append(group)
    if pending:
        losses.add("dossier-notes", tr("ghi chú không gắn với thành phần hồ sơ nào: ",
                                       "notes with no dossier item to stand by: ") + " / ".join(pending)[:200],
                   f"{record.where}.executionCases")
    if sets:
        b.dossier.groups += 1
        out.insert(sets_at, {"id": sets_id, "title": SETS_TITLE, "one_of": sets})
    elif sets_id:
        b.dossier.ids.remove(sets_id)
    b.dossier.records = out
    return b.dossier
