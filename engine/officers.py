"""Officers: the people who fire a case's events, as their name badges show them.

Every event records its actor's id, name, position and unit at the time it was fired
(Decree 63/2010/NĐ-CP Art. 6 and the name-badge rule for one-stop staff), so a later change
of unit never rewrites who did what.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Agency

__all__ = ["ENGINE_ACTOR", "Officer", "check_officer"]


@dataclass(frozen=True, slots=True)
class Officer:
    """An officer of an agency's unit.

    >>> Officer("o-mc", agency="ldtbxh-nghe-an", unit="mot-cua", name="Nguyễn Thị Hoa",
    ...         position="Chuyên viên").badge()
    'Nguyễn Thị Hoa, Chuyên viên, mot-cua (o-mc)'
    """

    id: str
    agency: str
    unit: str
    name: str
    position: str

    def __post_init__(self) -> None:
        # Names typed on different keyboards must compare equal (spec: text is NFC).
        object.__setattr__(self, "name", unicodedata.normalize("NFC", self.name))
        object.__setattr__(self, "position", unicodedata.normalize("NFC", self.position))

    def badge(self) -> str:
        """The officer as the name badge reads: name, position, unit (id)."""
        return f"{self.name}, {self.position}, {self.unit} ({self.id})"

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "agency": self.agency,
            "unit": self.unit,
            "name": self.name,
            "position": self.position,
        }


#: The actor of events the engine fires itself (due timeouts).
ENGINE_ACTOR = Officer("motcua", agency="", unit="", name="motcua", position="engine")


def check_officer(officer: Officer, agency: Agency) -> Tr | None:
    """Why ``officer`` cannot be registered with ``agency`` (in both languages), or ``None`` when it can."""
    if officer.agency != agency.id:
        return tr(f"cán bộ '{officer.id}' ghi cơ quan '{officer.agency}', không phải '{agency.id}'",
                  f"officer '{officer.id}' names agency '{officer.agency}', not '{agency.id}'")
    if not officer.id or not officer.id.strip():
        return tr("cán bộ cần có id", "an officer needs an id")
    units = [u.id for u in agency.units]
    if officer.unit not in units:
        return tr(f"cơ quan '{agency.id}' không có đơn vị '{officer.unit}'; các đơn vị của cơ quan: {', '.join(units)}",
                  f"agency '{agency.id}' has no unit '{officer.unit}'; its units: {', '.join(units)}")
    if not officer.name.strip():
        return tr(f"cán bộ '{officer.id}' cần có họ tên", f"officer '{officer.id}' needs a name")
    if not officer.position.strip():
        return tr(f"cán bộ '{officer.id}' cần có chức danh", f"officer '{officer.id}' needs a position")
    return None
