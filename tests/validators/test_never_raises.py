"""Property: validation never raises, whatever YAML-shaped input it is given."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators.pipeline import check_document

KEYS = ["motcua", "kind", "id", "agency", "title", "version", "time_limit", "committed_time", "records", "results",
        "steps", "ends", "unit", "time", "next", "outcomes", "consult", "timeout", "after", "to", "checks", "result",
        "outcome", "originals", "copies", "languages", "units", "role", "calendar", "office_hours", "days_off",
        "valid_from", "valid_to", "vi", "en", "fees", "amount"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True),
    st.sampled_from(["procedure", "agency", "1 session", "15 working days", "mot-cua", "2013-02-30", "07:00-11:30",
                     "granted", "tiep-nhan", "xong", "Tiếp nhận", "", "1.010827", "no", "13:30-07:00"]),
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_validation_never_raises(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=bool(len(data) % 2))
    doc = parse_text(text, file="gen.yaml")
    kind, diagnostics, _summary = check_document(doc, {})
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.code[:3] in {"YML", "SCH", "REF", "GRF", "TIM", "ONE", "REC",
                                                                  "RES", "LNG", "VER"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    doc = parse_text(text, file="junk.yaml")
    check_document(doc, {})


def test_shipped_procedures_never_raise_when_mutated(tmp_path: Path) -> None:
    """Deleting any one top-level key of a shipped spec gives diagnostics, not an exception."""
    root = Path(__file__).parent.parent.parent / "procedures"
    for path in sorted(root.rglob("*.yaml"))[:4]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in list(data):
            cut = {k: v for k, v in data.items() if k != key}
            doc = parse_text(yaml.safe_dump(cut, allow_unicode=True), file=path.name)
            check_document(doc, {})
