"""Cases over a real server: a token opens a case and reads it back; an officer of another unit
is refused (403) and audited; a revoked or bad token is refused (401) and audited; the forms."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from motcua.engine.store.tokens import Keyring
from tests.server.conftest import Running


def open_case(running: Running) -> dict[str, object]:
    with running.client("o-mc") as client:
        answer = client.post("/api/cases", json={"procedure": "cap-phep", "applicant": "Trần Văn An"})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_token_opens_a_case_and_reads_it_back(running: Running) -> None:
    opened = open_case(running)
    assert opened["state"] == "tiep-nhan" and opened["events"][0]["actor"] == "o-mc"  # type: ignore[index]
    with running.client("o-mc") as client:
        shown = client.get(f"/api/cases/{opened['id']}")
        listed = client.get("/api/cases")
        receipt = client.get(f"/api/cases/{opened['id']}/forms/01")
    assert shown.status_code == 200 and shown.json()["id"] == opened["id"]
    assert "complete" in shown.json()["next_events"]
    assert [c["id"] for c in listed.json()] == [opened["id"]]
    assert receipt.status_code == 200 and receipt.headers["content-type"].startswith("text/plain")
    assert opened["id"] in receipt.text and f"Mã tra cứu: {opened['lookup_secret']}" in receipt.text


def test_the_officer_of_the_unit_fires_and_one_of_another_unit_is_refused_and_audited(running: Running) -> None:
    case_id = open_case(running)["id"]
    with running.client("o-cm") as other:
        refused = other.post(f"/api/cases/{case_id}/events", json={"event": "complete"})
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "refused" and "needs an officer of unit 'mot-cua'" in error["message"]
    with running.client("o-mc") as desk:
        fired = desk.post(f"/api/cases/{case_id}/events", json={"event": "complete"})
        again = desk.post(f"/api/cases/{case_id}/events", json={"event": "nothing-such"})
    assert fired.status_code == 200 and fired.json()["state"] == "tham-dinh"
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid-input"
    with Keyring(running.db) as keyring:
        (audited,) = keyring.refusals()
    assert (audited.officer, audited.status, audited.code, audited.method) == ("o-cm", 403, "refused", "POST")
    assert audited.path == f"/api/cases/{case_id}/events"


def test_a_revoked_token_and_a_made_up_one_are_refused_and_audited(running: Running) -> None:
    with Keyring(running.db) as keyring:
        (token,) = [t for t in keyring.tokens() if t.officer == "o-cm"]
    done = subprocess.run([sys.executable, "-m", "motcua", "token", "revoke", token.id, "--db", str(running.db),
                           "--format", "json"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with running.client("o-cm") as revoked:
        assert revoked.get("/api/cases").status_code == 401
    forged = running.tokens["o-mc"][:-4] + "AAAA"
    with running.client(Authorization=f"Bearer {forged}") as client:
        answer = client.get("/api/cases")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
    with running.client() as anonymous:
        assert anonymous.get("/api/cases").status_code == 401
    with Keyring(running.db) as keyring:
        audited = keyring.refusals()
    assert [(a.token, a.status, a.code) for a in audited] == [
        (token.id, 401, "unauthorized"), (forged[4:20], 401, "unauthorized"), (None, 401, "unauthorized")]


def test_an_unknown_case_and_a_form_the_case_lacks_are_404(running: Running) -> None:
    case_id = open_case(running)["id"]
    with running.client("o-mc") as client:
        unknown = client.get("/api/cases/000.00.00.X-20250101-0001")
        refusal = client.get(f"/api/cases/{case_id}/forms/03")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "unknown-case")
    assert (refusal.status_code, refusal.json()["error"]["code"]) == (404, "unknown-form")


def test_a_request_too_large_is_refused(running: Running) -> None:
    with running.client("o-mc") as client:
        answer = client.post("/api/cases", json={"procedure": "cap-phep", "applicant": "A" * 100_000})
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "request-too-large"


def test_token_create_shows_the_token_once_and_list_never_shows_a_secret(running: Running, tmp_path: Path) -> None:
    made = subprocess.run([sys.executable, "-m", "motcua", "token", "create", "o-mc", "--db", str(running.db),
                           "--format", "json"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert made.returncode == 0, made.stderr
    import json

    created = json.loads(made.stdout)
    listed = subprocess.run([sys.executable, "-m", "motcua", "token", "list", "--db", str(running.db)],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert created["id"] in listed.stdout and created["token"].split("_")[-1] not in listed.stdout
    with running.client(Authorization=f"Bearer {created['token']}") as client:
        assert client.get("/api/cases").status_code == 200
    unknown = subprocess.run([sys.executable, "-m", "motcua", "token", "create", "nobody", "--db", str(running.db)],
                             capture_output=True, text=True, timeout=120, env={**__import__("os").environ,
                                                                              "MOTCUA_LANG": "en"})  # fmt: skip
    assert unknown.returncode == 2 and "unknown officer 'nobody'" in unknown.stderr


def test_a_token_over_its_rate_is_refused_with_429(tmp_path: Path) -> None:
    from tests.server.conftest import make_store, serving

    db = tmp_path / "cases.db"
    tokens = make_store(db)
    with serving(db, rate=0.001, burst=3) as url:
        import httpx

        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['o-mc']}"}, timeout=60) as client:
            statuses = [client.get("/api/cases").status_code for _ in range(5)]
        with httpx.Client(base_url=url, timeout=60) as anonymous:
            other = anonymous.get("/api/procedures")
    assert statuses == [200, 200, 200, 429, 429]
    assert other.status_code == 200  # another key (the address) has its own bucket


def test_a_body_sent_in_chunks_past_the_limit_is_refused(running: Running) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"procedure": "cap-phep", "applicant": "'
        for _ in range(100):
            yield b"A" * 1024
        yield b'"}'

    with running.client("o-mc", **{"Content-Type": "application/json"}) as client:
        answer = client.post("/api/cases", content=chunks())
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "request-too-large"
