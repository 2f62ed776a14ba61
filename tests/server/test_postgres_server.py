"""The server over a PostgreSQL store: tokens, a case opened and read back, a refusal audited and
the citizen's page, on a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from motcua.engine.store.tokens import Keyring
from tests.engine.store.conftest import PostgresServer, postgres_server  # noqa: F401 - the fixture
from tests.server.conftest import Running, make_store, serving

pytestmark = pytest.mark.pg


@pytest.fixture
def on_postgres(postgres_server: PostgresServer) -> Iterator[Running]:  # noqa: F811 - the fixture
    schema = f"server_{os.getpid()}"
    postgres_server.admin.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = postgres_server.url(schema=schema)
    try:
        tokens = make_store(url)
        with serving(url) as base:
            yield Running(base, url, tokens)
    finally:
        postgres_server.admin.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


def test_a_case_over_postgresql_with_its_refusal_audited_and_its_status_page(on_postgres: Running) -> None:
    running = on_postgres
    with running.client("o-mc") as desk:
        case = desk.post("/api/cases", json={"procedure": "cap-phep", "applicant": "Trần Văn An"}).json()
        assert desk.get(f"/api/cases/{case['id']}").json()["id"] == case["id"]
    with running.client("o-cm") as other:
        assert other.post(f"/api/cases/{case['id']}/events", json={"event": "complete"}).status_code == 403
    with running.client() as citizen:
        found = citizen.get("/api/status", params={"code": case["id"], "secret": case["lookup_secret"]})
        wrong = citizen.get("/api/status", params={"code": case["id"], "secret": "AAAAA-AAAAA"})
    assert found.status_code == 200 and found.json()["dossier"] == case["id"]
    assert wrong.status_code == 404
    with Keyring(str(running.db)) as keyring:
        assert [(r.officer, r.status) for r in keyring.refusals()] == [("o-cm", 403)]
