"""Every rule fires on its case file, at exactly the line and column its header declares."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from motcua.engine.spec.rules import RULES
from motcua.validators.runner import validate_paths

CASES = Path(__file__).parent.parent / "cases"
AGENCY = CASES / "agency" / "agency.yaml"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"#\s*expect:\s*(.+)")
ITEM = re.compile(r"([A-Z]{3}\d{3})@(\d+):(\d+)")
# Rules whose input cannot be a checked-in file; tests/validators/test_hostile.py covers them.
GENERATED = {"YML006", "YML010"}


def expected(path: Path) -> Counter[tuple[str, int, int]]:
    found: Counter[tuple[str, int, int]] = Counter()
    for line in path.read_bytes().decode("utf-8", "replace").splitlines()[:5]:
        m = EXPECT.search(line)
        if m:
            for code, ln, col in ITEM.findall(m.group(1)):
                found[(code, int(ln), int(col))] += 1
    return found


def test_the_agency_of_the_cases_is_valid() -> None:
    assert validate_paths([str(AGENCY)], cache_dir=None).diagnostics == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_case_reports_exactly_what_it_declares(path: Path) -> None:
    want = expected(path)
    assert want, f"{path.name} declares no '# expect: CODE@line:col' header"
    # Cases about several files (versions, supersedes) keep the other file beside them as
    # <case>.other.yml, which the *.yaml glob does not pick up as a case of its own.
    other = path.with_name(path.stem + ".other.yml")
    extra = [str(other)] if other.exists() else []
    report = validate_paths([str(path), *extra, str(AGENCY)], cache_dir=None)
    got = Counter((d.code, d.line, d.column) for d in report.diagnostics if Path(d.file) == path)
    assert got == want


def test_every_rule_has_a_case() -> None:
    covered = {code for p in INVALID for (code, _l, _c) in expected(p)}
    missing = {r.code for r in RULES} - covered - GENERATED
    assert not missing, f"rules without a case file: {sorted(missing)}"


def test_valid_cases_are_clean() -> None:
    report = validate_paths([str(CASES / "valid"), str(AGENCY)], cache_dir=None)
    assert report.diagnostics == [] and report.procedures == 3
