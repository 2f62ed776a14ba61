"""The catalogue over a real server: the list, one procedure's public data, its chart drawn by dot."""

from __future__ import annotations

from lxml import etree

from tests.server.conftest import Running


def test_the_procedures_are_listed_and_one_reads_as_its_public_page(running: Running) -> None:
    with running.client() as client:
        listed = client.get("/api/procedures")
        assert listed.status_code == 200
        ids = {(p["agency"], p["id"]) for p in listed.json()}
        assert ("so-thu-nghiem", "cap-phep") in ids
        one = client.get("/api/procedures/so-thu-nghiem/cap-phep")
        assert one.status_code == 200
        data = one.json()
        assert data["id"] == "cap-phep" and data["title"]["vi"] and data["steps"][0]["unit"] == "mot-cua"
        assert set(data["fees"]) == {"vi", "en"}


def test_an_unknown_procedure_is_the_error_model_with_404(running: Running) -> None:
    with running.client() as client:
        answer = client.get("/api/procedures/so-thu-nghiem/cap-phepp")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "unknown-procedure" and "cap-phep" in error["message"]


def test_the_diagram_is_an_svg_drawn_by_dot(running: Running) -> None:
    with running.client() as client:
        answer = client.get("/api/procedures/so-thu-nghiem/cap-phep/diagram.svg", params={"view": "public", "lang": "en"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/svg+xml")
    root = etree.fromstring(answer.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"<script" not in answer.content


def test_an_unknown_route_and_a_bad_parameter_are_errors_too(running: Running) -> None:
    with running.client() as client:
        missing = client.get("/api/nothing")
        bad = client.get("/api/procedures/so-thu-nghiem/cap-phep/diagram.svg", params={"view": "x"})
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not-found")
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "usage-error")


def test_the_openapi_document_names_every_route(running: Running) -> None:
    with running.client() as client:
        document = client.get("/openapi.json").json()
    assert {"/api/procedures", "/api/cases", "/api/cases/{case_id}/events", "/api/status", "/tra-cuu"} <= set(document["paths"])


def test_a_method_a_path_does_not_take_is_405_in_the_error_model(running: Running) -> None:
    with running.client() as client:
        answer = client.delete("/api/procedures")
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "method-not-allowed"
