"""What a simulation run predicts (``Result``, a ``UnitResult`` per unit) and its reports:
``Result.as_dict`` is the JSON document of ``motcua simulate``, ``format_text`` the report for
people in Vietnamese or English. The run that makes a result is ``reform.simulate``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import statistics
from dataclasses import dataclass
from typing import Any, Literal

from motcua.engine.spec.durations import format_duration
from motcua.engine.spec.model import Agency, Duration, Procedure
from motcua.reform.simulate_setup import Setup
from motcua.reform.words import pick

__all__ = ["Result", "UnitResult", "format_text"]

Lang = Literal["vi", "en"]


#: A unit is short of officers when the work arriving needs more than this share of their time.
OVERLOADED = 0.95
#: The share of their time the officers suggested for a unit short of them would be busy.
SUGGESTED_LOAD = 0.85


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's row: waits in working hours, the queue's mean and utilisation over the arrival
    period, and the offered load: the handling time of the jobs that arrived in that period over
    its length, the officers it takes to keep up working without a break."""

    unit: str
    officers: int
    jobs: int
    queue_max: int
    queue_mean: float
    wait_median: float
    wait_mean: float
    wait_max: float
    utilisation: float
    offered_load: float

    @property
    def short_of_officers(self) -> bool:
        return self.offered_load > OVERLOADED * self.officers

    @property
    def officers_suggested(self) -> int:
        """Officers who would be busy about ``SUGGESTED_LOAD`` of their time (at least one more)."""
        return max(self.officers + 1, math.ceil(self.offered_load / SUGGESTED_LOAD))


@dataclass(frozen=True, slots=True)
class Result:
    """What a run predicts; :meth:`as_dict` is the JSON document of ``motcua simulate``."""

    procedure: Procedure
    agency: Agency
    setup: Setup
    time_limit: Duration
    first_opening: dt.datetime
    cases: int
    finished: int
    on_time: int
    events: int
    durations: tuple[float, ...]  # working days from receipt to closing, per finished case
    ends: dict[str, int]
    units: tuple[UnitResult, ...]

    @property
    def late(self) -> int:
        return self.finished - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.finished if self.finished else None

    def as_dict(self) -> dict[str, Any]:
        s = self.setup
        return {
            "procedure": f"{self.procedure.agency}/{self.procedure.id}",
            "version": self.procedure.version,
            "variant": s.variant,
            "channel": s.channel,
            "time_limit": format_duration(self.time_limit, lang="en"),
            "start": self.first_opening.isoformat(),
            "days": s.days,
            "arrivals_per_day": _num(s.arrivals),
            "spread": s.spread,
            "service": s.service,
            "effort": _num(s.effort),
            "seed": s.seed,
            "cases": self.cases,
            "finished": self.finished,
            "on_time": self.on_time,
            "late": self.late,
            "on_time_rate": _round(self.on_time_rate),
            "time_median_working_days": _round(statistics.median(self.durations) if self.durations else None),
            "time_max_working_days": _round(max(self.durations) if self.durations else None),
            "events": self.events,
            "ends": dict(sorted(self.ends.items())),
            "time_unit_of_waits": "working hours",
            "units": [_unit_row(u) for u in self.units],
        }


def _unit_row(u: UnitResult) -> dict[str, Any]:
    rounded = {"queue_mean": u.queue_mean, "wait_median": u.wait_median, "wait_mean": u.wait_mean,
               "wait_max": u.wait_max, "utilisation": u.utilisation, "offered_load": u.offered_load}  # fmt: skip
    return dataclasses.asdict(u) | {k: _round(v) for k, v in rounded.items()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _num(value: float) -> int | float:
    return int(value) if value == int(value) else value


_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Mô phỏng", "Simulation"),
    "load": ("{n} hồ sơ/ngày làm việc trong {d} ngày làm việc từ {start} (hạt giống {seed})",
             "{n} dossiers a working day for {d} working days from {start} (seed {seed})"),
    "limit": ("Thời hạn giải quyết", "Time limit"),
    "cases": ("Hồ sơ", "Dossiers"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Quá hạn", "Late"),
    "median": ("Thời gian giải quyết (trung vị / lâu nhất)", "Time to finish (median / longest)"),
    "wd": ("ngày làm việc", "working days"),
    "units": ("Theo đơn vị", "By unit"),
    "head": ("đơn vị | cán bộ | việc | hàng chờ tối đa | hàng chờ TB | chờ trung vị (giờ làm việc) | chờ lâu nhất | công suất sử dụng",
             "unit | officers | jobs | queue max | queue mean | median wait (working hours) | longest wait | utilisation"),
    "model": ("Thời gian xử lý: {service} quanh thời gian của bước × {effort}; sự kiện của máy trạng thái: {events}",
              "Handling time: {service} around each step's time × {effort}; engine events: {events}"),
    "triangular": ("phân bố tam giác", "triangular"),
    "lognormal": ("phân bố log-chuẩn", "lognormal"),
    "fixed": ("cố định", "fixed"),
    "short": ("{unit}: việc đến cần khoảng {load:.2f} cán bộ làm liên tục, đơn vị có {officers}; hàng chờ sẽ dồn lại. "
              "Thử --staff {unit}={n} (mỗi cán bộ bận khoảng {busy}% thời gian) hoặc rút ngắn thời gian xử lý",
              "{unit}: the work arriving needs about {load:.2f} officers working without a break, the unit has "
              "{officers}; its queue will grow. Try --staff {unit}={n} (each busy about {busy}% of the time) or "
              "shorter handling"),
}


def _word(key: str, lang: Lang) -> str:
    return pick(_WORDS, key, lang)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _fixed(value: float | None, places: int) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def format_text(result: Result, *, lang: Lang = "vi") -> str:
    """The report for people, in Vietnamese or English."""
    d = result.as_dict()
    title = result.procedure.title.get(lang)
    lines = [
        f"{_word('title', lang)}: {title} ({d['procedure']}, {d['version']})",
        _word("load", lang).format(n=d["arrivals_per_day"], d=d["days"], start=d["start"], seed=d["seed"]),
        f"{_word('limit', lang)}: {format_duration(result.time_limit, lang=lang)}",
        (f"{_word('cases', lang)}: {d['cases']}; {_word('on_time', lang)}: {d['on_time']} ({_pct(d['on_time_rate'])}); "
         f"{_word('late', lang)}: {d['late']}"),
        (f"{_word('median', lang)}: {_fixed(d['time_median_working_days'], 2)} / "
         f"{_fixed(d['time_max_working_days'], 2)} {_word('wd', lang)}"),
        _word("model", lang).format(service=_word(d["service"], lang), effort=d["effort"], events=d["events"]),
        "",
        f"{_word('units', lang)}:",
        f"  {_word('head', lang)}",
    ]
    for u in d["units"]:
        lines.append(f"  {u['unit']} | {u['officers']} | {u['jobs']} | {u['queue_max']} | {_fixed(u['queue_mean'], 1)} | "
                     f"{_fixed(u['wait_median'], 1)} | {_fixed(u['wait_max'], 1)} | {_pct(u['utilisation'])}")  # fmt: skip
    short = [u for u in result.units if u.short_of_officers]
    if short:
        lines.append("")
    for u in short:
        lines.append("! " + _word("short", lang).format(unit=u.unit, load=u.offered_load, officers=u.officers,
                                                         n=u.officers_suggested, busy=round(SUGGESTED_LOAD * 100)))
    return "\n".join(lines) + "\n"
