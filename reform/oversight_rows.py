"""The shape of the oversight report: the period it covers, the counts of a row (a procedure, a
unit, an officer, or the whole report), the visits to one step, and :class:`Oversight`, whose
:meth:`Oversight.as_dict` is the JSON of ``motcua oversight``. ``reform.oversight`` fills it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HOUR", "JSON", "SLOWEST", "Oversight", "Period", "Row", "StepVisits", "Tally", "iso", "round_hours"]

JSON = dict[str, Any]

#: How many of the slowest steps the report names.
SLOWEST = 5

#: The unit the report gives working time in.
HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers: from ``first`` to ``last``, both included; ``None`` is open."""

    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def start(self) -> dt.datetime | None:
        return None if self.first is None else dt.datetime.combine(self.first, dt.time())

    @property
    def end(self) -> dt.datetime | None:
        return None if self.last is None else dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time())

    def holds(self, moment: dt.datetime) -> bool:
        start, end = self.start, self.end
        return (start is None or moment >= start) and (end is None or moment < end)


@dataclass(slots=True)
class Tally:
    """The counts of one row (a procedure, a unit, an officer) or of the whole report."""

    received: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    overdue_open: int = 0
    apologies: int = 0
    guide_once_breaches: int = 0
    steps_done: int = 0
    steps_over_budget: int = 0

    def as_dict(self) -> JSON:
        return {
            "received": self.received,
            "finished": self.finished,
            "on_time": self.on_time,
            "late": self.late,
            "overdue_open": self.overdue_open,
            "apologies": self.apologies,
            "guide_once_breaches": self.guide_once_breaches,
            "steps_done": self.steps_done,
            "steps_over_budget": self.steps_over_budget,
        }


@dataclass(slots=True)
class Row:
    """A row with what names it (``info``, JSON-ready) and its counts."""

    info: JSON
    tally: Tally = field(default_factory=Tally)

    def as_dict(self) -> JSON:
        return {**self.info, **self.tally.as_dict()}


@dataclass(slots=True)
class StepVisits:
    """The visits to one step of one procedure: working time spent and budget, in hours."""

    info: JSON
    spent: list[float] = field(default_factory=list)
    budget: list[float] = field(default_factory=list)
    over: int = 0

    def ratio(self) -> float | None:
        """The median of spent / budget over the visits (``None`` when no budget is above zero)."""
        ratios = [s / b for s, b in zip(self.spent, self.budget) if b > 0]
        return statistics.median(ratios) if ratios else None

    def as_dict(self) -> JSON:
        ratio = self.ratio()
        return {
            **self.info,
            "visits": len(self.spent),
            "over_budget": self.over,
            "spent_hours_median": round_hours(statistics.median(self.spent)),
            "spent_hours_max": round_hours(max(self.spent)),
            "budget_hours_median": round_hours(statistics.median(self.budget)),
            "ratio_median": None if ratio is None else round(ratio, 2),
        }


def round_hours(value: float) -> float:
    """Hours as the report gives them: to two decimals."""
    return round(value, 2)


def iso(moment: dt.datetime | None) -> str | None:
    """A moment in ISO form, or ``None``."""
    return None if moment is None else moment.isoformat()


@dataclass(slots=True)
class Oversight:
    """What :func:`oversee` found; :meth:`as_dict` is the JSON of ``motcua oversight``."""

    period: Period
    at: dt.datetime
    total: Tally = field(default_factory=Tally)
    cases: int = 0
    carried_over: int = 0
    open: int = 0
    guide_once_cases: int = 0
    procedures: dict[tuple[str, str], Row] = field(default_factory=dict)
    units: dict[tuple[str, str], Row] = field(default_factory=dict)
    officers: dict[str, Row] = field(default_factory=dict)
    steps: dict[tuple[str, str, str], StepVisits] = field(default_factory=dict)
    overdue: list[JSON] = field(default_factory=list)
    apologies: list[JSON] = field(default_factory=list)
    breaches: list[JSON] = field(default_factory=list)

    def step_rows(self) -> list[JSON]:
        return [self.steps[k].as_dict() for k in sorted(self.steps)]

    def slowest(self, count: int = SLOWEST) -> list[JSON]:
        """The steps taking longest against their budget (median ratio), most over budget first."""
        rows = [s for s in self.steps.values() if s.ratio() is not None]
        rows.sort(key=lambda s: (-(s.ratio() or 0.0), -s.over, s.info["procedure"], s.info["step"]))
        return [s.as_dict() for s in rows[:count]]

    def as_dict(self) -> JSON:
        t = self.total
        return {
            "from": None if self.period.first is None else self.period.first.isoformat(),
            "to": None if self.period.last is None else self.period.last.isoformat(),
            "at": self.at.isoformat(),
            "cases": self.cases,
            "carried_over": self.carried_over,
            **t.as_dict(),
            "on_time_rate": round(t.on_time / t.finished, 4) if t.finished else None,
            "open": self.open,
            "guide_once_cases": self.guide_once_cases,
            "procedures": [self.procedures[k].as_dict() for k in sorted(self.procedures)],
            "units": [self.units[k].as_dict() for k in sorted(self.units)],
            "officers": [self.officers[k].as_dict() for k in sorted(self.officers)],
            "steps": self.step_rows(),
            "slowest_steps": self.slowest(),
            "overdue_cases": self.overdue,
            "apologies_issued": self.apologies,
            "breaches": self.breaches,
        }

