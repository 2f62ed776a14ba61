"""What a simulation run is asked (``Setup``), and the options of ``motcua simulate`` read into it.

``parse_arrivals``, ``parse_staff`` and ``parse_outcomes`` turn the command's options into the
parts of a :class:`Setup`, refusing bad input with an :class:`InputError` that names the option;
``units_of`` lists the units a run staffs and ``outcome_chances`` the chance of each outcome of a
step. The run itself is ``reform.simulate``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from motcua.engine.frame import one_stop_units
from motcua.engine.spec.errors import InputError
from motcua.engine.spec.i18n import tr
from motcua.engine.spec.model import Agency, Procedure, Step
from motcua.engine.spec.suggest import did_you_mean_tr

__all__ = [
    "FIRST_OUTCOME",
    "SERVICES",
    "SPREADS",
    "Setup",
    "outcome_chances",
    "parse_arrivals",
    "parse_outcomes",
    "parse_staff",
    "units_of",
]

SERVICES = ("triangular", "lognormal", "fixed")
SPREADS = ("poisson", "even")
#: The chance of a step's first outcome when ``outcomes`` does not set it.
FIRST_OUTCOME = 0.9
_ARRIVALS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(?:day|ngày|ngay))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Setup:
    """What a run is asked: the load, the officers, the terms of the cases and the draws."""

    arrivals: float
    days: int
    start: dt.date
    staff: Mapping[str, int] = field(default_factory=dict)
    seed: int = 0
    variant: str | None = None
    channel: str | None = None
    service: str = "triangular"
    effort: float = 1.0
    spread: str = "poisson"
    #: (step id, outcome name) -> chance of that outcome at that step.
    outcomes: Mapping[tuple[str, str], float] = field(default_factory=dict)


def parse_arrivals(text: str) -> float:
    """``N/day`` (or ``N``) as dossiers per working day; :class:`InputError` if not a positive number."""
    found = _ARRIVALS.match(text)
    value = float(found.group(1)) if found else 0.0
    if not found or value <= 0 or not math.isfinite(value):
        raise InputError(tr(f"--arrivals '{text}': cần số hồ sơ mỗi ngày làm việc dạng N/day, N > 0 (ví dụ 20/day)",
                            f"--arrivals '{text}': expected dossiers per working day as N/day, N > 0 (e.g. 20/day)"),
                         option="arrivals", value=text)  # fmt: skip
    return value


def units_of(procedure: Procedure, agency: Agency) -> tuple[str, ...]:
    """The units a simulation staffs: the one-stop desk that receives, then every unit with a
    step or a consultation, in the order of the spec."""
    found = list(one_stop_units(agency)[:1])
    for step in procedure.steps:
        found += [step.unit, *(c.unit for c in step.consult)]
    return tuple(dict.fromkeys(found))


def parse_staff(items: Sequence[str], procedure: Procedure, agency: Agency) -> dict[str, int]:
    """``UNIT=n`` options as officers per unit; :class:`InputError` for a unit the procedure does
    not use, a count that is not a whole number from 1, or a unit given twice."""
    used = units_of(procedure, agency)
    staff: dict[str, int] = {}
    for item in items:
        unit, eq, count = item.partition("=")
        unit = unit.strip()
        if not eq or not count.strip().isdigit() or int(count) < 1:
            raise InputError(tr(f"--staff '{item}': cần dạng UNIT=n, n là số nguyên từ 1 trở lên (ví dụ mot-cua=2)",
                                f"--staff '{item}': expected UNIT=n with n a whole number from 1 (e.g. mot-cua=2)"),
                             option="staff", value=item)  # fmt: skip
        if unit not in used:
            raise InputError(tr(f"--staff '{item}': không bước nào của {procedure.key} do đơn vị '{unit}' thực hiện; "
                                f"các đơn vị của thủ tục: {', '.join(used)}",
                                f"--staff '{item}': no step of {procedure.key} is handled by unit '{unit}'; its units: "
                                f"{', '.join(used)}") + did_you_mean_tr(unit, list(used)),
                             option="staff", value=item)  # fmt: skip
        if unit in staff:
            raise InputError(tr(f"--staff nêu đơn vị '{unit}' hai lần", f"--staff names unit '{unit}' twice"),
                             option="staff", value=item)  # fmt: skip
        staff[unit] = int(count)
    return staff


def parse_outcomes(items: Sequence[str], procedure: Procedure) -> dict[tuple[str, str], float]:
    """``STEP.OUTCOME=p`` options as chances of outcomes; :class:`InputError` for an unknown step
    or outcome, a chance outside 0..1, or chances of one step adding up to more than 1."""
    found: dict[tuple[str, str], float] = {}
    for item in items:
        name, eq, value = item.partition("=")
        step_id, dot, outcome = name.strip().rpartition(".")
        try:
            chance = float(value)
        except ValueError:
            chance = -1.0
        if not eq or not dot or not 0 <= chance <= 1:
            raise InputError(tr(f"--outcome '{item}': cần dạng STEP.OUTCOME=p, p từ 0 đến 1 (ví dụ tham-dinh.approve=0.8)",
                                f"--outcome '{item}': expected STEP.OUTCOME=p with p from 0 to 1 "
                                "(e.g. tham-dinh.approve=0.8)"),
                             option="outcome", value=item)  # fmt: skip
        step = next((s for s in procedure.steps if s.id == step_id), None)
        if step is None or not step.outcomes:
            deciding = [s.id for s in procedure.steps if s.outcomes]
            raise InputError(tr(f"--outcome '{item}': {procedure.key} không có bước '{step_id}' có kết quả xử lý (outcomes); "
                                f"các bước có kết quả xử lý: {', '.join(deciding) or 'không có'}",
                                f"--outcome '{item}': {procedure.key} has no step '{step_id}' with outcomes; steps with "
                                f"outcomes: {', '.join(deciding) or 'none'}") + did_you_mean_tr(step_id, deciding),
                             option="outcome", value=item)  # fmt: skip
        names = [o.name for o in step.outcomes]
        if outcome not in names:
            raise InputError(tr(f"--outcome '{item}': bước '{step_id}' không có kết quả xử lý '{outcome}'; "
                                f"các kết quả xử lý của bước: {', '.join(names)}",
                                f"--outcome '{item}': step '{step_id}' has no outcome '{outcome}'; its outcomes: "
                                f"{', '.join(names)}") + did_you_mean_tr(outcome, names),
                             option="outcome", value=item)  # fmt: skip
        found[(step_id, outcome)] = chance
        if sum(p for (s, _), p in found.items() if s == step_id) > 1 + 1e-9:
            raise InputError(tr(f"--outcome: tổng xác suất các kết quả của bước '{step_id}' lớn hơn 1",
                                f"--outcome: the chances of step '{step_id}' add up to more than 1"),
                             option="outcome")  # fmt: skip
    return found


def outcome_chances(step: Step, given: Mapping[tuple[str, str], float]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The outcomes of ``step`` and their chances: those given, the rest shared by the others
    (by default the first outcome 0.9 and the others 0.1 between them)."""
    names = tuple(o.name for o in step.outcomes)
    if not any((step.id, n) in given for n in names):
        rest = (1 - FIRST_OUTCOME) / (len(names) - 1) if len(names) > 1 else 0.0
        return names, tuple(FIRST_OUTCOME if i == 0 else rest for i in range(len(names))) if len(names) > 1 else (1.0,)
    fixed = {n: given[(step.id, n)] for n in names if (step.id, n) in given}
    free = [n for n in names if n not in fixed]
    share = (1 - sum(fixed.values())) / len(free) if free else 0.0
    return names, tuple(fixed.get(n, share) for n in names)

