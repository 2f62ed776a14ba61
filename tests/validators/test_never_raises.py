"""Property: validation never raises, whatever YAML-shaped input it is given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators.pipeline import check_document

KEYS = ["motcua", "kind", "id", "agency", "title", "version", "time_limit", "committed_time", "records", "results",
        "steps", "ends", "unit", "time", "next", "outcomes", "consult", "timeout", "after", "to", "checks", "result",
        "outcome", "originals", "copies", "languages", "units", "role", "calendar", "office_hours", "days_off",
        "valid_from", "valid_to", "vi", "en", "fees", "amount", "text", "channel", "channels", "level",
        "variants", "code", "one_of", "all_of", "present_only", "extensions", "add", "clock_stops",
        "time_note", "skeleton", "field", "fields", "applicants", "executing", "where", "form", "note"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True),
    st.sampled_from(["procedure", "agency", "1 session", "15 working days", "mot-cua", "2013-02-30", "07:00-11:30",
                     "granted", "tiep-nhan", "xong", "Tiếp nhận", "", "1.010827", "no", "13:30-07:00", "online",
                     "1 month", "24 giờ", "trong ngày", "commune", "fee"]),
    st.text(max_size=12),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=6)),
    max_leaves=40,
)
documents = st.fixed_dictionaries(
    {"motcua": st.sampled_from([1, 1, 2]), "kind": st.sampled_from(["procedure", "agency", "x"])},
    optional={k: trees for k in KEYS[2:]},
)


#: The keys each kind of spec must have (the schemas' ``required``), by the kind the spec names.
REQUIRED = {
    "procedure": {"motcua", "kind", "id", "agency", "title", "version", "records", "results", "steps",
                  "ends"},
    "agency": {"motcua", "kind", "id", "title", "languages", "units"},
}  # fmt: skip
FAMILIES = {"YML", "SCH", "REF", "GRF", "TIM", "IMP", "ONE", "REC", "RES", "LNG", "VER"}
MISSING = re.compile(r"key '(.+)' is missing in the file")


def assert_located(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.code[:3] in FAMILIES, d


# Hypothesis's default count: generating these documents (a tree under each of up to 56 keys) is
# most of the cost, and 300 examples made this the slowest test of tests/validators.
@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_validation_never_raises(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=bool(len(data) % 2))
    doc = parse_text(text, file="gen.yaml")
    kind, diagnostics, _summary = check_document(doc, {})
    assert_located(diagnostics)
    codes = {d.code for d in diagnostics}
    assert kind == (data["kind"] if data["kind"] in REQUIRED else None)
    if data["motcua"] != 1:
        assert "SCH008" in codes  # unsupported-version
    elif kind is None:
        assert "SCH007" in codes  # unknown-kind
    else:  # whatever else is wrong, each required key left out is named, and no other
        missing = {m.group(1) for d in diagnostics if d.code == "SCH002" and (m := MISSING.fullmatch(d.message))}
        assert missing == REQUIRED[kind] - data.keys()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    doc = parse_text(text, file="junk.yaml")
    _kind, diagnostics, _summary = check_document(doc, {})
    assert_located(diagnostics)


def test_shipped_procedures_never_raise_when_mutated(shipped_catalog: Path) -> None:
    """Deleting one top-level key of a shipped spec gives the one diagnostic that names it when
    the key is required, and leaves the spec valid when it is not (but for the time limit, whose
    absence is warned about)."""
    for path in sorted(shipped_catalog.rglob("*.yaml"))[:4]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc = parse_text(path.read_text(encoding="utf-8"), file=path.name)
        assert check_document(doc, {})[1] == []
        required = REQUIRED[data["kind"]]
        for key in list(data):
            cut = {k: v for k, v in data.items() if k != key}
            doc = parse_text(yaml.safe_dump(cut, allow_unicode=True), file=path.name)
            found = [(d.code, d.line, d.column, d.message) for d in check_document(doc, {})[1]]
            if key == "motcua":
                assert found == [("SCH008", 1, 1, "spec language version is missing; this tool reads 'motcua: 1'")]
            elif key == "kind":
                assert found == [("SCH007", 1, 1, "key 'kind' is missing")]
            elif key in required:
                assert found == [("SCH002", 1, 1, f"key '{key}' is missing in the file")], path.name
            elif key == "time_limit":  # optional, but a procedure needs a limit somewhere: a warning
                elsewhere = any(isinstance(v, dict) and "time_limit" in v
                                for v in (data.get("variants") or []) + (data.get("channels") or []))
                assert [(d.code, d.message) for d in check_document(doc, {})[1]] == ([] if elsewhere else [
                    ("TIM006", "no time limit is stated: the procedure has no 'time_limit', and neither its "
                     "variants nor its channels give one")]), path.name
            else:
                assert found == [], (path.name, key)
