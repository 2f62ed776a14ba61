"""Timing checks compare durations of every unit, and judge the limits of variants and channels."""

from __future__ import annotations

import pytest

from motcua.engine.spec.buildprocedure import build_procedure
from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import Calendar
from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators.timing import check_timing, exceeds, stated_terms

CAL = Calendar()  # 07:00-11:30 and 13:30-17:00: an office day of 8 hours, two sessions


def over(steps: list[str], limit: str) -> bool:
    return exceeds([parse_duration(s) for s in steps], parse_duration(limit), CAL)


@pytest.mark.parametrize(
    ("steps", "limit", "want"),
    [
        # One unit: exact.
        (["1 month", "1 month"], "2 months", False),
        (["1 month", "1.5 months"], "2 months", True),
        (["24 hours"], "24 giờ", False),
        (["25 hours"], "24 hours", True),
        # Months are 22 working days.
        (["21 working days"], "1 month", False),
        (["23 working days"], "1 tháng", True),
        (["30 days"], "1 month", False),  # 30 calendar days are 21.4 working days
        # Calendar hours: 48 hours are two days and two nights, 1.43 working days.
        (["1 working day"], "48 hours", False),
        (["1 working day", "2 working hours"], "48 hours", False),
        (["1 session", "1 working day"], "48 hours", True),
        (["2 working days"], "48 hours", True),
        # A few hours inside the office day are working time.
        (["4 giờ làm việc"], "4 giờ", False),
        (["1 session", "1 working hour"], "4 hours", True),
        # Same day: the whole office day of receipt, at most.
        (["1 session", "1 session"], "trong ngày", False),
        (["4 working hours", "4 working hours"], "same day", False),
        (["1 session", "1 working day"], "same day", True),
        (["same day"], "1 working day", False),
        (["same day"], "4 working hours", True),
        (["same day", "same day"], "same day", True),
    ],
    ids=str,
)
def test_durations_of_every_unit_compare(steps: list[str], limit: str, want: bool) -> None:
    assert over(steps, limit) is want


SPEC = """\
motcua: 1
kind: procedure
id: thu
agency: so-thu-nghiem
title: Thử
version: "1"
{top}
records: []
results: []
steps:
  - {{id: a, unit: mot-cua, time: 2 working days, next: b}}
  - {{id: b, unit: mot-cua, time: 1 working day, next: xong}}
ends:
  - {{id: xong, outcome: withdrawn}}
"""


def findings(top: str) -> list[tuple[str, int, int, str]]:
    doc = parse_text(SPEC.format(top=top), file="thu.yaml")
    assert doc.diagnostics == []
    proc = build_procedure(doc)
    return [(d.code, d.line, d.column, d.message) for d in check_timing(proc, None, doc)]


def test_no_time_limit_anywhere_is_one_warning_at_the_id() -> None:
    assert findings("channels: [in-person, {channel: online, time_limit: 5 working days}]") == [
        ("TIM006", 3, 1, "no time limit is stated: the procedure has no 'time_limit', and neither its variants "
         "nor its channels give one")]


def test_a_limit_on_every_channel_or_every_variant_is_a_limit() -> None:
    assert findings("channels: [{channel: in-person, time_limit: 1 month}, {channel: online, time_limit: 3 "
                    "working days}]") == []
    assert findings("variants: [{id: a, title: A, time_limit: 3 working days}, {id: b, title: B, channels: "
                    "[{channel: post, time_limit: 10 days}]}]") == []


def test_each_variant_without_a_limit_is_named() -> None:
    top = ("variants: [{id: a, title: A, time_limit: 3 working days}, {id: b, title: B}, "
           "{id: c, title: C, channels: [in-person]}]")
    assert [(code, line, col) for code, line, col, _ in findings(top)] == [("TIM006", 7, 60), ("TIM006", 7, 79)]


def test_the_steps_are_judged_against_each_limit_stated() -> None:
    # The procedure's commitment holds on the online channel too, where the legal time is shorter.
    top = ("time_limit: 1 month\ncommitted_time: 10 working days\n"
           "channels: [{channel: online, time_limit: 48 hours}]\n"
           "variants: [{id: v, title: V, committed_time: 2 working days, "
           "channels: [{channel: post, time_limit: 2 working days}]}]")
    assert findings(top) == [
        ("TIM005", 9, 42, "committed_time 10 working days is longer than time_limit 48 hours of channel 'online'"),
        ("TIM001", 9, 42, "the slowest path a -> b takes 3 working days; time_limit of channel 'online' is 48 hours"),
        ("TIM002", 10, 46, "the slowest path a -> b takes 3 working days; committed_time of variant 'v' is "
         "2 working days"),
        ("TIM001", 10, 101, "the slowest path a -> b takes 3 working days; time_limit of channel 'post' of "
         "variant 'v' is 2 working days"),
    ]


def test_terms_name_where_each_limit_is_written() -> None:
    top = ("time_limit: 1 month\nchannels: [in-person, {channel: online, committed_time: 5 working days}]\n"
           "variants: [{id: v, title: V}, {id: w, title: W, time_limit: 2 months}]")
    doc = parse_text(SPEC.format(top=top), file="thu.yaml")
    terms = [(t.name, str(t.limit), str(t.committed), t.limit_at, t.committed_at)
             for t in stated_terms(build_procedure(doc))]
    assert terms == [
        ("the procedure", "1 month", "None", ("time_limit",), None),
        ("channel 'online'", "1 month", "5 working days", None, ("channels", 1, "committed_time")),
        ("variant 'w'", "2 months", "None", ("variants", 1, "time_limit"), None),
    ]
