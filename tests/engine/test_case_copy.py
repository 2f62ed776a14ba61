"""Case.copy: every field of a case is copied, and the copy is the caller's to change."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from motcua.engine.ledger import Case


def _case() -> Case:
    at = dt.datetime(2025, 3, 3, 8, 0)
    return Case("c-1", "agency", "proc", "1", "digest", "applicant", "tiep-nhan", at, at, at, at)


def test_a_copy_sets_every_field_to_the_same_value() -> None:
    case = _case()
    for f in fields(Case):
        object.__setattr__(case, f.name, object())  # a value no other field holds
    copied = case.copy()
    assert copied is not case
    assert [f.name for f in fields(Case) if getattr(copied, f.name) is not getattr(case, f.name)] == []


def test_a_copy_is_equal_and_changes_alone() -> None:
    case = _case()
    copied = case.copy()
    assert copied == case
    copied.state, copied.revision = "changed", 9
    assert (case.state, case.revision) == ("tiep-nhan", 0)
