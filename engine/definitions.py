"""The pinned definitions an engine runs cases on: pinned from the catalogue, read back checked.

A case runs on the procedure version it was opened under (``store/pinning``). Read back from a
store, a definition is input like any other: a text missing, not matching its digest or not
reading as a procedure is a corrupted store, named by its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from motcua.engine.inputs import InvalidInput
from motcua.engine.ledger import Definition
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Catalog, NotInCatalog, Procedure
from motcua.engine.spec.suggest import did_you_mean_tr
from motcua.engine.store import pinning
from motcua.engine.store.base import CaseStore, StoreError

__all__ = ["AmbiguousCode", "Definitions", "corrupted", "in_force", "periods", "reference"]


class AmbiguousCode(InvalidInput):
    """A national code that several procedures of the catalogue carry; ``candidates`` names them."""

    code = "ambiguous-code"

    def __init__(self, message: str | Tr, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


def reference(catalog: Catalog, ref: str) -> str:
    """The ``agency-id/procedure-id`` a reference names: a procedure id first (``ref`` as it is
    when one matches), else a national code (``1.000656``, or ``agency-id/1.000656``).

    A code carried by several procedures raises :class:`AmbiguousCode` naming them; a reference
    naming nothing is returned as it is, for the lookup to report with its suggestions.
    """
    if catalog.versions(ref):
        return ref
    owner, _, code = ref.rpartition("/")
    found = sorted({f"{p.agency}/{p.id}" for p in catalog.procedures if p.code == code and owner in ("", p.agency)})
    if len(found) > 1:
        raise AmbiguousCode(tr(f"mã quốc gia '{code}' ứng với nhiều thủ tục: {', '.join(found)}; "
                               "hãy gọi một thủ tục theo dạng agency-id/procedure-id",
                               f"national code '{code}' names several procedures: {', '.join(found)}; "
                               "name one as agency-id/procedure-id"), tuple(found))  # fmt: skip
    return found[0] if found else ref


def periods(versions: Sequence[Procedure]) -> str:
    """The versions of a procedure and when each is in force, oldest first:
    ``1 (2013-01-01..2021-06-30), 2 (2021-07-01..)``."""
    ordered = sorted(versions, key=lambda p: (p.valid_from or dt.date.min, p.version))
    return ", ".join(f"{p.version} ({_day(p.valid_from)}..{_day(p.valid_to)})" for p in ordered)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def in_force(catalog: Catalog, ref: str, on: dt.date, version: str | None = None) -> Procedure:
    """The version of ``ref`` (``procedure-id`` or ``agency-id/procedure-id``) in force ``on``;
    with ``version``, that version, which must be in force ``on``.

    Raises :class:`InvalidInput`: for an id no procedure has, with the close ids; for a day no
    version covers or a version not in force that day, naming every version and its period.
    """
    versions = catalog.versions(ref)
    if not versions:
        known = [p.id for p in catalog.procedures]
        raise InvalidInput(tr(f"danh mục không có thủ tục '{ref}'", f"no procedure '{ref}' in the catalogue")
                           + did_you_mean_tr(ref.rpartition("/")[2], known), procedure=ref)  # fmt: skip
    try:
        current: Procedure | None = catalog.procedure(ref, on=on)
    except KeyError as err:
        if len({p.agency for p in versions}) > 1:
            said = err.said if isinstance(err, NotInCatalog) else str(err.args[0])
            raise InvalidInput(said, procedure=ref) from None
        current = None
    day = on.isoformat()
    if version is not None and (current is None or current.version != version):
        if version not in {p.version for p in versions}:
            raise InvalidInput(tr(f"thủ tục '{ref}' không có phiên bản '{version}'; các phiên bản: {periods(versions)}",
                                  f"procedure '{ref}' has no version '{version}'; its versions: {periods(versions)}"),
                               procedure=ref, version=version)  # fmt: skip
        if current is not None:
            then = current.version
            now = tr(f"phiên bản có hiệu lực khi đó là {then}", f"the version in force then is {then}")
        else:
            now = tr("khi đó không có phiên bản nào có hiệu lực", "no version is in force then")
        raise InvalidInput(tr(f"phiên bản {version} của '{ref}' không có hiệu lực vào ngày {day} ({now.vi}); hồ sơ "
                              "theo phiên bản có hiệu lực vào ngày tiếp nhận; các phiên bản: " + periods(versions),
                              f"version {version} of '{ref}' is not in force on {day} ({now.en}); a case follows the "
                              f"version in force on the day of receipt; its versions: {periods(versions)}"),
                           procedure=ref, version=version)  # fmt: skip
    if current is None:
        raise InvalidInput(tr(f"không có phiên bản nào của '{ref}' có hiệu lực vào ngày {day}; các phiên bản: "
                              f"{periods(versions)}",
                              f"no version of '{ref}' is in force on {day}; its versions: {periods(versions)}"),
                           procedure=ref)  # fmt: skip
    return current


def corrupted(store: CaseStore, what: str | Tr) -> StoreError:
    """The error for a store that holds what the engine could not have written."""
    said = f"{store.location}: " + what + tr("; kho hồ sơ bị hỏng; hãy khôi phục kho từ một bản sao lưu",
                                             "; the case store is corrupted; restore it from a backup")
    return StoreError(said, kind="corrupt", location=store.location)


class Definitions:
    """The definitions of one engine, by digest, each built once (with its machine and clock)."""

    def __init__(self, store: CaseStore, catalog: Catalog | None) -> None:
        self.store = store
        self.catalog = catalog
        #: Definitions built so far, by digest (read directly on the path every event takes).
        self.known: dict[str, Definition] = {}
        self._pins: dict[str, Definition] = {}  # procedure key -> definition pinned by this engine
        self._pinned: dict[tuple[str, dt.date], Definition] = {}  # pin's answers, by its question

    def get(self, digest: str, *, case_id: str | None = None) -> Definition:
        """The definition pinned under ``digest``, for the case ``case_id`` if named."""
        found = self.known.get(digest)
        if found is None:
            found = self.known[digest] = self._read(digest, case_id)
        return found

    def _read(self, digest: str, case_id: str | None) -> Definition:
        whose = tr(f"hồ sơ {case_id}: ", f"case {case_id}: ") if case_id is not None else tr("", "")
        try:
            text = self.store.definition(digest)
        except KeyError:
            if case_id is None:
                raise
            raise corrupted(self.store, whose + tr(
                f"dòng cases (id {case_id}): cột 'digest' không ghi định nghĩa nào đã ghim",
                f"row cases (id {case_id}) column 'digest' names no pinned definition",
            )) from None
        row = whose + tr(f"dòng definitions (digest {digest})", f"row definitions (digest {digest})")
        if pinning.digest(text) != digest:
            raise corrupted(self.store, row + tr(" không khớp với mã băm của nó", " does not match its digest"))
        try:
            procedure, agency = pinning.decode(text)
            return Definition(procedure, agency, digest)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            raise corrupted(self.store, row + tr(" không đọc được thành định nghĩa thủ tục",
                                                 " does not read as a procedure definition")) from None

    def pin(self, ref: str, on: dt.date) -> Definition:
        """The catalogue's version of ``ref`` (an id or a national code, ``reference``) in force
        ``on``, pinned in the store. ``ref@version`` names the version, which must be the one in
        force ``on``: a case follows the version in force on the day of receipt."""
        found = self._pinned.get((ref, on))
        if found is None:
            if len(self._pinned) >= 4096:
                self._pinned.clear()
            found = self._pinned[(ref, on)] = self._pin(ref, on)
        return found

    def _pin(self, ref: str, on: dt.date) -> Definition:
        catalog = self.need_catalog()
        ref, at, version = ref.partition("@")
        ref = reference(catalog, ref)
        procedure = in_force(catalog, ref, on, version if at else None)
        found = self._pins.get(procedure.key)
        if found is not None and found.procedure is procedure:
            return found
        agency = catalog.agency(procedure.agency)
        text = pinning.encode(procedure, agency)
        digest = pinning.digest(text)
        self.store.pin(digest, procedure.key, text)
        found = self.known.get(digest) or Definition(procedure, agency, digest)
        self.known[digest] = self._pins[procedure.key] = found
        return found

    def need_catalog(self) -> Catalog:
        if self.catalog is None:
            raise InvalidInput(tr("việc này cần một danh mục thủ tục (--catalog)",
                                  "this needs a procedure catalogue (--catalog)"))
        return self.catalog
