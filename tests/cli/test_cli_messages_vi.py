"""The command line's own messages in the run's language: summaries, "wrote" lines, the text of
cases, warnings, command errors and usage errors read in Vietnamese with ``MOTCUA_LANG=vi`` and
as before in English with ``MOTCUA_LANG=en``; JSON keeps its English keys. The commands whose
output is a document in a language (``report``, ``diff``, ``oversight``, ``simulate``,
``calendar``) write it, without ``--lang``, in the run's language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from motcua.cli import main

ROOT = Path(__file__).parents[2]
CATALOG = ROOT / "tests" / "engine" / "catalog"
REPORT_CATALOG = ROOT / "tests" / "reform" / "report-catalog"


def run(lang: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"MOTCUA_LANG": lang})


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the small test catalogue, to write new specs into."""
    copy = tmp_path / "catalog"
    shutil.copytree(CATALOG, copy)
    return copy


@pytest.mark.parametrize(("lang", "summary"), [
    ("vi", "3 tệp, 2 thủ tục, 0 lỗi, 0 cảnh báo"),
    ("en", "3 files, 2 procedures, 0 errors, 0 warnings"),
])  # fmt: skip
def test_the_validate_summary(lang: str, summary: str) -> None:
    result = run(lang, "validate", str(CATALOG), "--no-cache", "-v")
    assert result.exit_code == 0, result.output
    cached = "(0 tệp lấy từ bộ nhớ đệm)" if lang == "vi" else "(0 from the cache)"
    assert result.stdout.splitlines()[-1] == f"{summary} {cached}"


@pytest.mark.parametrize(("lang", "line"), [
    ("vi", "lỗi: {path}: không có tệp hay thư mục này\n"),
    ("en", "error: {path}: no such file or folder\n"),
])  # fmt: skip
def test_validate_of_a_missing_path(tmp_path: Path, lang: str, line: str) -> None:
    missing = tmp_path / "nowhere"
    result = run(lang, "validate", str(missing))
    assert result.exit_code == 2 and result.stderr == line.format(path=missing)


def test_the_publish_summary_in_both_languages(tmp_path: Path) -> None:
    vi = run("vi", "publish", str(CATALOG), "-o", str(tmp_path / "vi"))
    assert vi.exit_code == 0, vi.output
    assert vi.stdout.splitlines() == [f"Đã xuất bản 2 thủ tục (7 trang) vào {tmp_path / 'vi'}",
                                      f"Mở {tmp_path / 'vi' / 'index.html'}"]  # fmt: skip
    en = run("en", "publish", str(CATALOG), "-o", str(tmp_path / "en"))
    assert en.exit_code == 0, en.output
    assert en.stdout.splitlines() == [f"Published 2 procedures (7 pages) to {tmp_path / 'en'}",
                                      f"Open {tmp_path / 'en' / 'index.html'}"]  # fmt: skip


def test_publish_follows_lang_given_on_the_command_line(tmp_path: Path) -> None:
    """``--lang`` of publish is the site's front page; given, it also speaks the messages."""
    result = run("vi", "publish", str(CATALOG), "-o", str(tmp_path / "site"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Published 2 procedures")


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "đã ghi {schema} (lược đồ được nêu ở dòng đầu của tệp)\n"),
    ("en", "wrote {schema} (the schema the first line names)\n"),
])  # fmt: skip
def test_new_procedure_says_what_it_wrote(catalog: Path, lang: str, said: str) -> None:
    result = run(lang, "new", "procedure", "cap-moi", "--agency", "so-thu-nghiem", "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    folder = catalog / "so-thu-nghiem"
    assert result.stdout == f"{folder / 'cap-moi.yaml'}\n"
    assert result.stderr == said.format(schema=folder / "procedure.schema.json")


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "lỗi: 'Cap_Moi' không phải là mã: hãy dùng chữ thường, chữ số và dấu gạch nối đơn "
           "(ví dụ cap-giay-xac-nhan)\n"),
    ("en", "error: 'Cap_Moi' is not an id: use lowercase letters, digits and single hyphens "
           "(e.g. cap-giay-xac-nhan)\n"),
])  # fmt: skip
def test_new_procedure_refuses_a_bad_id(catalog: Path, lang: str, said: str) -> None:
    result = run(lang, "new", "procedure", "Cap_Moi", "--agency", "so-thu-nghiem", "--catalog", str(catalog))
    assert result.exit_code == 2 and result.stderr == said


def test_json_keys_stay_english_in_vietnamese(catalog: Path) -> None:
    result = run("vi", "new", "procedure", "cap-moi", "--agency", "so-thu-nghiem", "--catalog", str(catalog),
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) == {"written", "file", "schema", "kind", "id", "agency"}
    missing = run("vi", "validate", str(catalog / "nowhere"), "--format", "json")
    error = json.loads(missing.stdout)["error"]
    assert error["code"] == "unreadable-input" and error["message"].endswith("không có tệp hay thư mục này")


def _case(lang: str, db: Path, *args: str) -> Result:
    return run(lang, *args, "--db", str(db), "--catalog", str(CATALOG))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon")]:
        added = _case("en", path, "officer", "add", oid, "--agency", "so-thu-nghiem", "--unit", unit,
                      "--name", "Nguyễn Thị Hoa", "--position", "Chuyên viên")  # fmt: skip
        assert added.exit_code == 0, added.output
    return path


def test_case_open_and_show_in_both_languages(db: Path) -> None:
    opened = _case("vi", db, "case", "open", "cap-phep", "--applicant", "Trần Văn An", "--actor", "o-mc",
                   "--at", "2025-03-03T08:00")  # fmt: skip
    assert opened.exit_code == 0, opened.output
    cid = "000.00.99.H99-20250303-0001"
    first = opened.stdout.splitlines()[0]
    assert first == (f"{cid}  cap-phep@1  tiep-nhan  hẹn trả 2025-03-18 17:00  "
                     "(gần nhất: receive do o-mc lúc 2025-03-03 08:00)")  # fmt: skip
    vi = _case("vi", db, "case", "show", cid, "--at", "2025-03-25T08:00", "--officer", "o-mc")
    assert vi.exit_code == 0, vi.output
    assert vi.stdout.splitlines()[:2] == [
        f"{cid}  cap-phep@1  tiep-nhan  hẹn trả 2025-03-18 17:00  "
        "(gần nhất: receive do o-mc lúc 2025-03-03 08:00)  [quá hạn]",
        "các sự kiện cán bộ o-mc có thể thực hiện: complete, request_supplement, refuse, withdraw, apologize",
    ]
    en = _case("en", db, "case", "show", cid, "--at", "2025-03-25T08:00", "--officer", "o-mc")
    assert en.exit_code == 0, en.output
    assert en.stdout.splitlines()[:2] == [
        f"{cid}  cap-phep@1  tiep-nhan  due 2025-03-18 17:00  (last: receive by o-mc at 2025-03-03 08:00)  [overdue]",
        "next events for o-mc: complete, request_supplement, refuse, withdraw, apologize",
    ]
    # The forms are documents in the agency's language, whatever the run speaks.
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in en.stdout


def test_empty_lists_and_unknown_officers(db: Path) -> None:
    assert _case("vi", db, "case", "list").stdout == "không có hồ sơ nào\n"
    assert _case("en", db, "case", "list").stdout == "no cases\n"
    unknown = _case("vi", db, "officer", "history", "o-khong-co")
    assert unknown.exit_code == 2
    assert unknown.stderr == "lỗi: không có cán bộ 'o-khong-co'; hãy đăng ký bằng 'motcua officer add'\n"
    bad_time = _case("vi", db, "case", "show", "x", "--at", "hôm qua")
    assert bad_time.exit_code == 2
    assert bad_time.stderr == "lỗi: --at 'hôm qua' không phải là thời điểm theo ISO 8601 (ví dụ 2025-03-03T08:00)\n"


def test_the_guide_once_warning_and_an_empty_tick(db: Path) -> None:
    opened = _case("vi", db, "case", "open", "cap-phep", "--applicant", "A", "--actor", "o-mc", "--at",
                   "2025-03-03T08:00", "--format", "json")  # fmt: skip
    cid = json.loads(opened.stdout)["id"]
    warnings = []
    for n in (1, 2):
        asked = _case("vi", db, "case", "fire", cid, "request_supplement", "--actor", "o-mc", "--record", "don",
                      "--at", f"2025-03-0{n + 2}T09:00")  # fmt: skip
        assert asked.exit_code == 0, asked.output
        warnings.append(asked.stderr)
        _case("vi", db, "case", "fire", cid, "supplement", "--actor", "o-mc", "--record", "don",
              "--at", f"2025-03-0{n + 2}T10:00")  # fmt: skip
    assert warnings == ["", f"cảnh báo: hồ sơ {cid}: lần yêu cầu bổ sung thứ 2 vi phạm quy định hướng dẫn một lần "
                            "(Chỉ thị 10/CT-TTg: nêu mọi thành phần còn thiếu trong một lần)\n"]  # fmt: skip
    assert _case("vi", db, "case", "tick", "--at", "2025-03-04T08:00").stdout == "không có bước nào hết hạn xử lý\n"
    assert _case("en", db, "case", "tick", "--at", "2025-03-04T08:00").stdout == "no timeouts due\n"


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "Lỗi: chart.jpg: không ghi được biểu đồ dạng '.jpg'"),
    ("en", "Error: chart.jpg: cannot write a chart as '.jpg'"),
])  # fmt: skip
def test_a_usage_error_of_a_command(tmp_path: Path, lang: str, said: str) -> None:
    result = run(lang, "render", "cap-phep", "--catalog", str(CATALOG), "-o", "chart.jpg")
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr
    asked = run(lang, "export", "bpmn", "cap-phep", "--catalog", str(CATALOG), "--format", "json")
    assert asked.exit_code == 2
    message = json.loads(asked.stdout)["error"]["message"]
    assert message == ("--format json in ra bản tóm tắt của tệp đã ghi; hãy dùng -o TỆP" if lang == "vi"
                       else "--format json prints a summary of the file written; give -o FILE")  # fmt: skip


def test_report_writes_in_the_language_of_the_run(tmp_path: Path) -> None:
    args = ("report", str(REPORT_CATALOG), "--on", "2025-06-01")
    vi, en = run("vi", *args), run("en", *args)
    assert vi.exit_code == 0 and en.exit_code == 0, vi.output + en.output
    assert "1/1 thủ tục được đơn giản hoá" in vi.stdout
    assert "1 of 1 procedures simplified" in en.stdout
    # --lang names the document's language (and the messages'), whatever MOTCUA_LANG says.
    assert "1/1 thủ tục được đơn giản hoá" in run("en", *args, "--lang", "vi").stdout
    written = run("vi", *args, "-o", str(tmp_path / "out"))
    assert written.stderr == f"{tmp_path / 'out' / 'report.txt'}: 4 thủ tục có hiệu lực ngày 2025-06-01, text\n"
    assert run("en", *args, "-o", str(tmp_path / "out")).stderr.endswith(" procedures in force on 2025-06-01, text\n")


def test_calendar_writes_in_the_language_of_the_run() -> None:
    args = ("calendar", "2026", "--catalog", str(CATALOG))
    assert run("vi", *args).stdout.startswith("Lịch làm việc năm 2026\n")
    assert run("en", *args).stdout.startswith("Working calendar 2026\n")
    assert run("vi", *args, "--lang", "en").stdout.startswith("Working calendar 2026\n")


def test_the_import_report(tmp_path: Path) -> None:
    record = str(ROOT / "sources" / "dvcqg" / "1.000656.json")
    vi = run("vi", "import", "dvcqg", record, "-o", str(tmp_path / "out"))
    assert vi.exit_code == 0, vi.output
    lines = vi.stdout.splitlines()
    assert lines[0].startswith("đã ghi     1.000656 -> ") and lines[0].endswith("(6 không nhập được, bỏ qua 0 mục trống)")
    assert lines[-1] == ("1 bản ghi, 1 đã nhập, 0 lỗi; 6 thông tin không nhập được (issuer 1, promulgator 1, "
                         "service-group 1, time-without-unit 3); bỏ qua 0 mục trống")  # fmt: skip
    en = run("en", "import", "dvcqg", record, "-o", str(tmp_path / "out"))
    assert en.stdout.splitlines()[0].startswith("unchanged 1.000656 -> ")
    assert en.stdout.splitlines()[-1].startswith("1 records, 1 imported, 0 failed; 6 facts not imported ")
