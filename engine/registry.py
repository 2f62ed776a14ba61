"""The engine's registry: the officers who act on cases, and the pinned definitions cases run on.

:class:`Registry` is the part of :class:`~motcua.engine.cases.Engine` that registers officers
of a catalogue agency's unit (refusing an id registered already with other details, unless the
record is updated), finds them by id, keeping those found for the engine's life, and gives the
definition a case runs on from the store (``definitions``). The engine's ``__init__`` sets the
store, the definitions and the officers found so far.
"""

from __future__ import annotations

import datetime as dt

from motcua.engine.definitions import Definitions
from motcua.engine.inputs import InvalidInput, check_fields, check_line
from motcua.engine.inputs import TimeInput, event_time
from motcua.engine.ledger import Case, Definition
from motcua.engine.officers import Officer, check_officer
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Catalog
from motcua.engine.spec.suggest import did_you_mean_tr
from motcua.engine.store.base import CaseStore, OfficerRecord

__all__ = ["Registry"]

#: The details of an officer's record, as a refusal to register it again names them.
_FIELDS_VI = {"agency": "cơ quan", "unit": "đơn vị", "name": "họ tên", "position": "chức danh"}


class Registry:
    """Officers and definitions, as the :class:`~motcua.engine.cases.Engine` looks them up."""

    store: CaseStore
    future_margin: dt.timedelta
    _definitions: Definitions
    _officers: dict[str, Officer]

    @property
    def catalog(self) -> Catalog | None:
        return self._definitions.catalog

    def add_officer(self, officer_id: str, *, agency: str, unit: str, name: str, position: str,
                    update: bool = False, at: TimeInput | None = None) -> Officer:  # fmt: skip
        """Register an officer of a catalogue agency's unit.

        An id registered already with other details is refused, unless ``update``: then its
        record changes, and the store keeps the change in the officer's history
        (:meth:`officer_history`), dated ``at`` (default now; at most ``future_margin`` ahead);
        events fired keep the details they were fired with. Registering the same details again
        changes nothing.
        """
        check_fields({"officer id": officer_id, "agency": agency, "unit": unit, "name": name, "position": position})
        moment = event_time(at, margin=self.future_margin, field="at")
        catalog = self._definitions.need_catalog()
        try:
            found = catalog.agency(agency)
        except KeyError:
            known = [a.id for a in catalog.agencies]
            raise InvalidInput(tr(f"danh mục không có cơ quan '{agency}'", f"no agency '{agency}' in the catalogue")
                               + did_you_mean_tr(agency, known)) from None
        officer = Officer(officer_id, agency=agency, unit=unit, name=name, position=position)
        problem = check_officer(officer, found)
        if problem:
            raise InvalidInput(problem)
        before = self.store.officer(officer_id)
        if before is not None and before != officer and not update:
            changed = ", ".join(f for f in ("agency", "unit", "name", "position")
                                if getattr(before, f) != getattr(officer, f))  # fmt: skip
            changed_vi = ", ".join(_FIELDS_VI[f] for f in ("agency", "unit", "name", "position")
                                   if getattr(before, f) != getattr(officer, f))  # fmt: skip
            raise InvalidInput(tr(
                f"cán bộ '{officer_id}' đã được đăng ký là {before.name}, {before.position}, "
                f"{before.agency}/{before.unit}; lần này ghi {changed_vi} khác: muốn thay đổi bản ghi thì "
                "cập nhật (update=True, 'motcua officer add --update'), hoặc đăng ký một id khác",
                f"officer '{officer_id}' is registered already as {before.name}, {before.position}, "
                f"{before.agency}/{before.unit}; this names another {changed}: to change the record, "
                "update it (update=True, 'motcua officer add --update'), or register another id",
            ), officer=officer_id)  # fmt: skip
        self.store.put_officer(officer, at=moment)
        self._officers[officer_id] = officer
        return officer

    def officer_history(self, officer_id: str) -> list[OfficerRecord]:
        """Every record registered under an officer id, the first registration first, each with
        when it was made; empty for an id never registered."""
        check_line(officer_id, "officer id")
        return self.store.officer_history(officer_id)

    def officer(self, officer_id: str) -> Officer:
        """A registered officer; :class:`InvalidInput` if unknown."""
        found = self._officers.get(officer_id)
        if found is None:
            check_line(officer_id, "officer id")
            found = self.store.officer(officer_id)
            if found is None:
                raise InvalidInput(tr(f"không có cán bộ '{officer_id}'; hãy đăng ký bằng 'motcua officer add'",
                                      f"unknown officer '{officer_id}'; register it with 'motcua officer add'"))
            self._officers[officer_id] = found
        return found

    def officers(self, *, agency: str | None = None) -> list[Officer]:
        """Registered officers, by id, optionally of one agency."""
        check_line(agency, "agency")
        return self.store.officers(agency=agency)

    def definition(self, case: Case | str) -> Definition:
        """The pinned definition a case runs on (by case or by digest).

        A definition missing from the store, or whose text does not match its digest or does
        not read, raises :class:`StoreError` (``kind="corrupt"``).
        """
        if isinstance(case, Case):
            return self._definitions.known.get(case.digest) or self._definitions.get(case.digest, case_id=case.id)
        return self._definitions.get(case)
