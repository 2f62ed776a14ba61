"""The reform room's refusals of bad input in both languages: ``simulate``, ``diff`` and
``oversight`` given an option or a version they cannot use say so in Vietnamese with ``--lang vi``
and in the English of the tests with ``--lang en``, one line on stderr, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from tests.reform.test_simulate import START, write_catalog


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("simulate-vi") / "catalog")


def said(catalog: Path, lang: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["simulate", *args, "--catalog", str(catalog), "--start", START, "--lang", lang])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["bon-gio", "--arrivals", "2/week", "--days", "5"],
         "lỗi: --arrivals '2/week': cần số hồ sơ mỗi ngày làm việc dạng N/day, N > 0 (ví dụ 20/day)",
         "error: --arrivals '2/week': expected dossiers per working day as N/day, N > 0 (e.g. 20/day)"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "mot-cau=2"],
         "lỗi: --staff 'mot-cau=2': không bước nào của ubnd-xa-mo-phong/bon-gio@1 do đơn vị 'mot-cau' thực hiện; "
         "các đơn vị của thủ tục: mot-cua; có phải 'mot-cua'?",
         "error: --staff 'mot-cau=2': no step of ubnd-xa-mo-phong/bon-gio@1 is handled by unit 'mot-cau'; "
         "its units: mot-cua; did you mean 'mot-cua'?"),
        (["bon-gio", "--arrivals", "2/day", "--days", "5", "--staff", "mot-cua=0"],
         "lỗi: --staff 'mot-cua=0': cần dạng UNIT=n, n là số nguyên từ 1 trở lên (ví dụ mot-cua=2)",
         "error: --staff 'mot-cua=0': expected UNIT=n with n a whole number from 1 (e.g. mot-cua=2)"),
        (["hai-don-vi", "--arrivals", "2/day", "--days", "5", "--outcome", "tham-dinh.grant=0.5"],
         "lỗi: --outcome 'tham-dinh.grant=0.5': bước 'tham-dinh' không có kết quả xử lý 'grant'; "
         "các kết quả xử lý của bước: approve, reject",
         "error: --outcome 'tham-dinh.grant=0.5': step 'tham-dinh' has no outcome 'grant'; "
         "its outcomes: approve, reject"),
        (["im-lang", "--arrivals", "2/day", "--days", "5"],
         "lỗi: ubnd-xa-mo-phong/im-lang@1: bước 'giai-quyet' chỉ kết thúc khi hết thời hạn (timeout)",
         "error: ubnd-xa-mo-phong/im-lang@1: step 'giai-quyet' ends only by its timeout"),
    ],
)
def test_simulate_refuses_bad_options_in_each_language(catalog: Path, args: list[str], vi: str, en: str) -> None:
    assert said(catalog, "vi", *args).startswith(vi)
    assert said(catalog, "en", *args).startswith(en)


SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"
PROCEDURE = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong"


def said_by(lang: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


def test_diff_refuses_an_unknown_version_in_each_language() -> None:
    args = ["diff", f"{PROCEDURE}@2021", f"{PROCEDURE}@1999", "--catalog", str(SHIPPED)]
    assert said_by("vi", *args) == f"lỗi: thủ tục '{PROCEDURE}' không có phiên bản '1999'; các phiên bản: 2013, 2021"
    assert said_by("en", *args) == f"error: procedure '{PROCEDURE}' has no version '1999'; its versions: 2013, 2021"


def test_oversight_refuses_a_day_that_is_not_a_date_in_each_language(tmp_path: Path) -> None:
    args = ["oversight", "--db", str(tmp_path / "cases.db"), "--from", "2026-02-30"]
    assert said_by("vi", *args) == "lỗi: --from '2026-02-30' không phải là một ngày (YYYY-MM-DD, ví dụ 2026-11-01)"
    assert said_by("en", *args) == "error: --from '2026-02-30' is not a date (YYYY-MM-DD, e.g. 2026-11-01)"
