"""The dossier and the fees of a procedure: records, groups of records, forms, fee items.

A procedure's ``records`` are a tree: a record is a document the applicant brings; a group
holds records (or further groups) that the applicant brings one of (``one_of``) or that stand
under one heading (``all_of``). Record and group ids share one name space across the tree.
``engine.spec.model`` names every class here again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Sequence, TypeAlias

from motcua.engine.spec.values import NOWHERE, Channel, Pos, Text

__all__ = [
    "DossierItem",
    "Fee",
    "FeeKind",
    "Form",
    "Record",
    "RecordGroup",
    "default_received",
    "fees_free",
    "find_item",
    "leaf_records",
    "walk_items",
]


class FeeKind(enum.Enum):
    """What the law calls the money (Law on Fees and Charges 2015; Law on Prices 2023)."""

    FEE = "fee"  # lệ phí
    CHARGE = "charge"  # phí
    PRICE = "price"  # giá


@dataclass(frozen=True, slots=True)
class Form:
    """A form or template for a record: its code, its name and where to get it."""

    code: str | None = None
    title: Text | None = None
    file: str | None = None
    pos: Pos = NOWHERE

    def label(self, lang: str | None = None) -> str:
        """How the form is named in one line: its code, else its title, else its file."""
        if self.code:
            return self.code
        if self.title is not None and self.title.values:
            return self.title.get(lang)
        return self.file or ""


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    title: Text
    originals: int = 1
    copies: int = 0
    form: str | Form | None = None
    when: Text | None = None
    code: str | None = None
    present_only: bool = False
    eform: bool = False
    note: Text | None = None
    pos: Pos = NOWHERE

    def form_label(self, lang: str | None = None) -> str | None:
        """The form's name as a line of text (``Mẫu TB1``), or ``None`` when there is no form."""
        if self.form is None:
            return None
        return self.form if isinstance(self.form, str) else self.form.label(lang) or None


@dataclass(frozen=True, slots=True)
class RecordGroup:
    """Records under one heading: the applicant brings one of ``one_of``, or all of ``all_of``."""

    id: str
    title: Text
    one_of: tuple[DossierItem, ...] = ()
    all_of: tuple[DossierItem, ...] = ()
    when: Text | None = None
    note: Text | None = None
    pos: Pos = NOWHERE

    @property
    def items(self) -> tuple[DossierItem, ...]:
        return self.one_of or self.all_of

    @property
    def is_choice(self) -> bool:
        """Whether the applicant brings only one of the items."""
        return bool(self.one_of)


#: One entry of a dossier tree.
DossierItem: TypeAlias = Record | RecordGroup


def walk_items(items: Sequence[DossierItem]) -> Iterator[DossierItem]:
    """Every record and group of a dossier tree, each before its items, in spec order."""
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, RecordGroup):
            stack.extend(reversed(item.items))


def leaf_records(items: Sequence[DossierItem]) -> tuple[Record, ...]:
    """The records of a dossier tree, groups left out, in spec order."""
    return tuple(item for item in walk_items(items) if isinstance(item, Record))


def find_item(items: Sequence[DossierItem], wanted: str) -> DossierItem:
    """The record or group with id ``wanted`` anywhere in the tree; ``KeyError`` when none is."""
    for item in walk_items(items):
        if item.id == wanted:
            return item
    raise KeyError(wanted)


def default_received(items: Sequence[DossierItem]) -> tuple[str, ...]:
    """The records received when an officer names none: every record handed in that the spec
    does not make conditional (``when``), through headings (``all_of``). The items of a choice
    (``one_of``) and records only shown (``present_only``) are left for the officer to name."""
    out: list[str] = []
    stack = [item for item in reversed(items) if item.when is None]
    while stack:
        item = stack.pop()
        if isinstance(item, Record):
            if not item.present_only:
                out.append(item.id)
        elif not item.is_choice:
            stack.extend(sub for sub in reversed(item.all_of) if sub.when is None)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Fee:
    """A fee item: a known ``amount``, or the fee as the record says it in prose (``text``)."""

    title: Text | None = None
    amount: Decimal | None = None
    currency: str = "VND"
    text: Text | None = None
    kind: FeeKind | None = None
    channel: Channel | None = None
    applies_to: Text | None = None
    pos: Pos = NOWHERE


def fees_free(fees: tuple[Fee, ...] | None) -> bool:
    """Whether ``fees`` say the procedure is free: stated, and every item a known zero.

    ``None`` (no ``fees`` key) is "not stated"; a fee given only in prose is neither free nor
    a known amount.
    """
    return fees is not None and all(f.amount is not None and f.amount == 0 for f in fees)
