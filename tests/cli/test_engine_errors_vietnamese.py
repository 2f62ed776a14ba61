"""The engine's refusals read in the run's language: Vietnamese with ``MOTCUA_LANG=vi`` (or by
default), English with ``--lang en``, the same English as ever; codes and exit statuses do not
change with the language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli import main

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog")
CASE = "000.00.99.H99-20250303-0001"


def run(*args: str, db: str, lang: str = "vi") -> Result:
    return CliRunner().invoke(main, [*args, "--db", db, "--catalog", CATALOG], env={"MOTCUA_LANG": lang})


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.db")
    for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon")]:
        r = run("officer", "add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name", "Nguyễn Văn A",
                "--position", "Chuyên viên", db=path)  # fmt: skip
        assert r.exit_code == 0, r.output
    r = run("case", "open", "cap-phep", "--applicant", "Trần Văn An", "--actor", "o-mc", "--at", "2025-03-03T08:00",
            "--format", "json", db=path)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["id"] == CASE
    return path


#: (what is asked, exit status, the line in Vietnamese, the line in English)
REFUSALS = [
    pytest.param(
        ("case", "fire", CASE, "approve", "--actor", "o-cm", "--at", "2025-03-03T09:00"), 1,
        f"bị từ chối: hồ sơ {CASE}: 'approve' không áp dụng được tại 'tiep-nhan'; các sự kiện tại đó: complete, "
        "request_supplement, refuse, withdraw, apologize",
        f"refused: case {CASE}: 'approve' does not apply at 'tiep-nhan'; events there: complete, request_supplement, "
        "refuse, withdraw, apologize",
        id="an event not allowed now",
    ),
    pytest.param(
        ("case", "show", "000.00.99.H99-20250303-0999"), 2,
        "lỗi: không có hồ sơ '000.00.99.H99-20250303-0999' trong ",
        "error: no case '000.00.99.H99-20250303-0999' in ",
        id="an unknown case",
    ),
    pytest.param(
        ("case", "fire", CASE, "complete", "--actor", "o-cm", "--at", "2025-03-03T09:00"), 1,
        f"bị từ chối: hồ sơ {CASE}: cán bộ 'o-cm' của đơn vị 'phong-chuyen-mon' không được ghi 'complete' tại "
        "'tiep-nhan': việc này cần một cán bộ của đơn vị 'mot-cua'",
        f"refused: case {CASE}: officer 'o-cm' of unit 'phong-chuyen-mon' may not fire 'complete' at 'tiep-nhan': "
        "it needs an officer of unit 'mot-cua'",
        id="an officer of another unit",
    ),
    pytest.param(
        ("case", "fire", CASE, "refuse", "--actor", "o-mc", "--at", "2025-03-03T09:00"), 2,
        f"lỗi: hồ sơ {CASE}: 'refuse' cần lý do bằng văn bản (--note)",
        f"error: case {CASE}: 'refuse' needs a written reason (--note)",
        id="a refusal without its written reason",
    ),
    pytest.param(
        ("case", "fire", CASE, "complete", "--actor", "o-xx", "--at", "2025-03-03T09:00"), 2,
        "lỗi: không có cán bộ 'o-xx'; hãy đăng ký bằng 'motcua officer add'",
        "error: unknown officer 'o-xx'; register it with 'motcua officer add'",
        id="an officer never registered",
    ),
]


@pytest.mark.parametrize(("args", "status", "vietnamese", "english"), REFUSALS)
def test_a_refusal_speaks_vietnamese_with_motcua_lang_vi(db: str, args: tuple[str, ...], status: int,
                                                         vietnamese: str, english: str) -> None:  # fmt: skip
    r = run(*args, db=db)
    assert r.exit_code == status, r.output
    assert r.stderr.startswith(vietnamese), r.stderr
    assert english.partition(": ")[2] not in r.stderr


@pytest.mark.parametrize(("args", "status", "vietnamese", "english"), REFUSALS)
def test_lang_en_gives_the_same_refusal_in_english(db: str, args: tuple[str, ...], status: int,
                                                   vietnamese: str, english: str) -> None:  # fmt: skip
    r = run(*args, "--lang", "en", db=db, lang="vi")
    assert r.exit_code == status, r.output
    assert r.stderr.startswith(english), r.stderr


def test_the_json_error_carries_the_message_in_the_run_s_language_and_the_code_in_english(db: str) -> None:
    args = ("case", "fire", CASE, "complete", "--actor", "o-cm", "--at", "2025-03-03T09:00", "--format", "json")
    vi = json.loads(run(*args, db=db).stdout)["error"]
    en = json.loads(run(*args, db=db, lang="en").stdout)["error"]
    assert vi["code"] == en["code"] == "refused"
    assert vi["message"].startswith(f"hồ sơ {CASE}: cán bộ 'o-cm'")
    assert en["message"].startswith(f"case {CASE}: officer 'o-cm'")
