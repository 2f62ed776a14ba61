"""``motcua import dvcqg`` in both languages: the loss report, a broken record, a refused file,
a note and a bad agency map read in Vietnamese with ``--lang vi`` and in the English of the
tests with ``--lang en``; the spec files written are the same bytes whatever the language."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from motcua.cli import main

from .conftest import RECORD_FILES

GOOD = next(p for p in RECORD_FILES if p.stem == "1.000656")


def run(lang: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["import", "dvcqg", *args, "--lang", lang])


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_loss_report_in_each_language_and_the_same_spec_files(tmp_path: Path) -> None:
    vi, en = run("vi", str(GOOD), "-o", str(tmp_path / "vi")), run("en", str(GOOD), "-o", str(tmp_path / "en"))
    assert vi.exit_code == en.exit_code == 0, vi.output + en.output
    assert "    service-group: nhóm dịch vụ 'Khai tử' [$.data.serviceGroupsDetails[0]]" in vi.stdout.splitlines()
    assert "    promulgator: thủ tục do Bộ Tư pháp công bố [$.data.departmentPromulgateName]" in vi.stdout
    assert "thời gian 1 với đơn vị 'OTHER' và không có nội dung giải thích (không nhập)" in vi.stdout
    assert "    service-group: service group 'Khai tử' [$.data.serviceGroupsDetails[0]]" in en.stdout.splitlines()
    assert "    promulgator: the procedure is promulgated by Bộ Tư pháp [$.data.departmentPromulgateName]" in en.stdout
    assert "time 1 with unit 'OTHER' and no text saying what it means (not imported)" in en.stdout
    assert "service group" not in vi.stdout and "nhóm dịch vụ" not in en.stdout
    # The spec files are documents: their comments are the same whatever language the run speaks.
    assert files_under(tmp_path / "vi") == files_under(tmp_path / "en")
    assert "# - service-group: service group 'Khai tử'" in next((tmp_path / "vi").rglob("dang-ky-khai-tu.yaml")).read_text()


def test_the_json_report_gives_the_losses_in_the_language_chosen(tmp_path: Path) -> None:
    for lang, said in (("vi", "nhóm dịch vụ 'Khai tử'"), ("en", "service group 'Khai tử'")):
        done = run(lang, str(GOOD), "-o", str(tmp_path / lang), "--format", "json")
        assert done.exit_code == 0, done.output
        losses = json.loads(done.stdout)["records"][0]["losses"]
        assert said in [loss["message"] for loss in losses]


def test_a_broken_record_in_each_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"code": "OK", "data": {"code": 5, "name": "Đăng ký khai tử"}}), encoding="utf-8")
    vi, en = run("vi", str(bad), "-o", str(tmp_path / "out")), run("en", str(bad), "-o", str(tmp_path / "out"))
    assert vi.exit_code == en.exit_code == 1
    assert f"lỗi        {bad}: $.data.code: cần văn bản, gặp một số" in vi.stdout.splitlines()
    assert f"failed   {bad}: $.data.code: expected text, found a number" in en.stdout.splitlines()
    not_json = tmp_path / "portal.json"
    not_json.write_text(json.dumps({"code": "ERR", "message": "hết phiên", "data": None}), encoding="utf-8")
    vi, en = run("vi", str(not_json), "-o", str(tmp_path / "out")), run("en", str(not_json), "-o", str(tmp_path / "out"))
    assert f'{not_json}: $.code: câu trả lời của cổng là "ERR" (hết phiên), không phải OK' in vi.stdout
    assert f'{not_json}: $.code: the portal\'s answer is "ERR" (hết phiên), not OK' in en.stdout


def test_a_file_a_person_wrote_is_refused_in_each_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("en", str(GOOD), "-o", str(out)).exit_code == 0
    spec = next(out.rglob("dang-ky-khai-tu.yaml"))
    spec.write_text("# của tôi\n", encoding="utf-8")
    agency = next(out.rglob("agency.yaml"))
    agency.write_text("# của tôi\n", encoding="utf-8")
    vi, en = run("vi", str(GOOD), "-o", str(out)), run("en", str(GOOD), "-o", str(out))
    assert vi.exit_code == en.exit_code == 1
    assert (f"lỗi        {GOOD}: {spec} không do lệnh nhập ghi, hoặc đã được sửa sau đó; --force sẽ thay thế tệp này"
            in vi.stdout.splitlines())
    assert (f"failed   {GOOD}: {spec} was not written by the importer, or was edited since; --force replaces it"
            in en.stdout.splitlines())
    assert f"lưu ý: {agency}: được giữ nguyên như người viết; các thủ tục vừa nhập cần các đơn vị " in vi.stdout
    assert f"note: {agency}: kept as a person wrote it; the imported procedures expect units " in en.stdout


def test_a_bad_agency_map_in_each_language(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("agencies:\n  - id: ubnd-xa-hoa-binh\n    colour: blue\n", encoding="utf-8")
    args = [str(GOOD), "-o", str(tmp_path / "out"), "--agency-map", str(mapping)]
    vi, en = run("vi", *args), run("en", *args)
    assert vi.exit_code == en.exit_code == 2
    assert vi.stderr == f"lỗi: {mapping}:3:13: khoá không xác định 'colour'\n"
    assert en.stderr == f"error: {mapping}:3:13: unknown key 'colour'\n"


def test_a_broken_record_in_the_json_report_of_each_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"code": "OK", "data": {"code": 5, "name": "Đăng ký khai tử"}}), encoding="utf-8")
    for lang, reason in (("vi", "cần văn bản, gặp một số"), ("en", "expected text, found a number")):
        done = run(lang, str(bad), "-o", str(tmp_path / "out"), "--format", "json")
        assert done.exit_code == 1, done.output
        error = json.loads(done.stdout)["records"][0]["error"]
        assert (error["code"], error["json_path"], error["reason"]) == ("invalid-record", "$.data.code", reason)
        assert error["message"] == f"{bad}: $.data.code: {reason}"
