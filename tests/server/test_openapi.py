"""schemathesis against the real server's /openapi.json: requests generated from the document
for every operation, with a valid token, find no server error and no response that breaks it."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.server.conftest import make_store, serving

#: Examples per operation: enough to reach each parameter's kinds, bounded so the test stays short.
EXAMPLES = 25


def test_generated_requests_find_no_server_error_and_no_answer_outside_the_document(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    tokens = make_store(db)
    with serving(db, rate=10_000, burst=10_000) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        headers = {"Authorization": f"Bearer {tokens['o-mc']}"}
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 10
        for operation in operations:

            @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))  # fmt: skip
            @given(case=operation.as_strategy())
            def check(case: schemathesis.Case) -> None:
                case.call_and_validate(base_url=url, headers=headers, timeout=60,
                                       checks=[not_a_server_error, response_schema_conformance,
                                               status_code_conformance])  # fmt: skip

            check()
