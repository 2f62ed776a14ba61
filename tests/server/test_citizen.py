"""The citizen's status page: the code and secret of Form 01 show that one dossier, in Vietnamese
or English, with no officer's name; a wrong secret and an unknown code get the same answer."""

from __future__ import annotations

from lxml import html

from tests.server.conftest import Running


def opened(running: Running) -> tuple[str, str]:
    with running.client("o-mc") as client:
        case = client.post("/api/cases", json={"procedure": "cap-phep", "applicant": "Trần Văn An"}).json()
        receipt = client.get(f"/api/cases/{case['id']}/forms/01").text
    (line,) = [ln for ln in receipt.splitlines() if ln.startswith("Mã tra cứu: ")]
    return case["id"], line.removeprefix("Mã tra cứu: ")


def test_the_holder_sees_the_state_the_appointment_and_the_next_step_and_no_officer(running: Running) -> None:
    code, secret = opened(running)
    with running.client() as citizen:
        page = citizen.get("/tra-cuu", params={"code": code, "secret": secret})
        english = citizen.get("/tra-cuu", params={"code": code, "secret": secret.lower().replace("-", ""), "lang": "en"})
        data = citizen.get("/api/status", params={"code": code, "secret": secret}).json()
    assert page.status_code == 200 and english.status_code == 200
    assert set(data) == {"dossier", "procedure", "state", "finished", "appointment", "next_step"}
    assert data["dossier"] == code and data["finished"] is False and data["next_step"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp
    tree = html.fromstring(page.text)
    assert tree.xpath("//script") == [] and tree.get("lang") == "vi"
    assert code in page.text and "Hẹn trả kết quả" in page.text
    assert html.fromstring(english.text).get("lang") == "en" and "Result due" in english.text
    for shown in (page.text, english.text, str(data)):
        assert "Nguyễn Thị Hoa" not in shown and "o-mc" not in shown and "Trần Văn An" not in shown


def test_a_wrong_secret_and_an_unknown_code_get_the_same_answer(running: Running) -> None:
    code, secret = opened(running)
    wrong = "AAAAA-AAAAA" if secret != "AAAAA-AAAAA" else "BBBBB-BBBBB"
    other = code[:-4] + "9999"
    with running.client() as citizen:
        pages = [citizen.get("/tra-cuu", params={"code": c, "secret": s}) for c, s in ((code, wrong), (other, secret))]
        data = [citizen.get("/api/status", params={"code": c, "secret": s}) for c, s in ((code, wrong), (other, secret))]
    assert [p.status_code for p in pages] == [404, 404] and pages[0].text == pages[1].text
    assert code not in pages[0].text
    assert [d.status_code for d in data] == [404, 404] and data[0].json() == data[1].json()
    assert data[0].json()["error"]["code"] == "unknown-dossier"


def test_the_page_without_a_question_is_the_form(running: Running) -> None:
    with running.client() as citizen:
        page = citizen.get("/tra-cuu")
    assert page.status_code == 200 and "<form" in page.text and "<script" not in page.text


def test_the_receipt_motcua_case_open_prints_carries_the_secret_the_page_takes(running: Running) -> None:
    import subprocess
    import sys

    from tests.server.conftest import CATALOG

    done = subprocess.run([sys.executable, "-m", "motcua", "case", "open", "cap-phep", "--applicant", "Lê Thị C",
                           "--actor", "o-mc", "--db", str(running.db), "--catalog", str(CATALOG)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    code = lines[0].split()[0]
    (secret,) = [ln.split(": ", 1)[1] for ln in lines if ln.startswith(("Mã tra cứu: ", "Lookup secret: "))]
    with running.client() as citizen:
        found = citizen.get("/api/status", params={"code": code, "secret": secret})
    assert found.status_code == 200 and found.json()["dossier"] == code
