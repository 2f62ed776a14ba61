"""``motcua render`` end to end on a small catalogue written for the test."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli.render import render

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")

AGENCY = """\
motcua: 1
kind: agency
id: so-thu
title: {vi: "Sở Thử nghiệm tỉnh Nghệ An", en: "Test Department of Nghe An"}
languages: [vi, en]
units:
  - id: mot-cua
    title: {vi: "Bộ phận Một cửa", en: "One-stop desk"}
    role: one-stop
  - id: phong-chuyen-mon
    title: {vi: "Phòng Chuyên môn", en: "Specialist division"}
    role: division
  - id: giam-doc
    title: {vi: "Giám đốc Sở", en: "Director"}
    role: leadership
"""

PROCEDURE = """\
motcua: 1
kind: procedure
id: cap-phep
agency: so-thu
title: {vi: "Cấp giấy phép thử nghiệm", en: "Issuing a test licence"}
version: "2024"
applicants: [individual]
channels: [in-person]
fees: []
time_limit: 10 working days
records:
  - id: don
    title: {vi: "Đơn đề nghị cấp giấy phép", en: "Application"}
results:
  - id: giay-phep
    title: {vi: "Giấy phép thử nghiệm", en: "Test licence"}
  - id: tu-choi
    title: {vi: "Văn bản từ chối", en: "Letter of refusal"}
steps:
  - id: tiep-nhan
    title: {vi: "Tiếp nhận hồ sơ", en: "Receive the dossier"}
    unit: mot-cua
    time: 1 session
    checks: [don]
    next: tham-dinh
  - id: tham-dinh
    title: {vi: "Thẩm định hồ sơ", en: "Appraise the dossier"}
    unit: UNIT
    time: 5 working days
    outcomes:
      dat: ky
      khong-dat: {to: tra-tu-choi, title: {vi: "Không đạt", en: "Not eligible"}}
  - id: ky
    title: {vi: "Ký giấy phép", en: "Sign the licence"}
    unit: giam-doc
    time: 2 working days
    next: tra-ket-qua
  - id: tra-ket-qua
    title: {vi: "Trả kết quả", en: "Return the result"}
    unit: mot-cua
    time: 1 session
    next: da-cap
  - id: tra-tu-choi
    title: {vi: "Trả văn bản từ chối", en: "Return the refusal"}
    unit: mot-cua
    time: 1 session
    next: tu-choi
ends:
  - {id: da-cap, title: {vi: "Đã cấp", en: "Issued"}, outcome: granted, result: giay-phep}
  - {id: tu-choi, title: {vi: "Từ chối", en: "Refused"}, outcome: refused, result: tu-choi}
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    root = tmp_path / "procedures"
    (root / "so-thu" / "linh-vuc").mkdir(parents=True)
    (root / "so-thu" / "agency.yaml").write_text(AGENCY, encoding="utf-8")
    (root / "so-thu" / "linh-vuc" / "cap-phep.yaml").write_text(
        PROCEDURE.replace("UNIT", "phong-chuyen-mon"), encoding="utf-8"
    )
    return root


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(render, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_a_procedure_file_renders_as_accessible_svg_on_stdout(catalog: Path) -> None:
    code, out, err = run(str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml"))
    assert code == 0, err
    assert out.startswith(b"<?xml ") and b'role="img"' in out
    assert "Cấp giấy phép thử nghiệm".encode() in out
    assert run(str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml"))[1] == out


def test_a_standalone_svg_has_only_xml_names_for_ids(catalog: Path) -> None:
    for view in ("internal", "public"):
        code, out, err = run(str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml"), "--view", view)
        assert code == 0, err
        ids = [html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', out.decode("utf-8"))]
        assert ids and all(re.fullmatch(r"[A-Za-z_][\w.\-]*", i) for i in ids), ids
        assert len(ids) == len(set(ids))


def test_the_output_suffix_picks_the_format(catalog: Path, tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    code, out, err = run(str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml"), "-o", str(target))
    assert code == 0, err
    assert out == b""
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "so-thu/cap-phep@2024" in err


def test_a_reference_with_options(catalog: Path) -> None:
    code, out, err = run("so-thu/cap-phep@2024", "--catalog", str(catalog), "--format", "dot",
                         "--lang", "en", "--view", "public")
    assert code == 0, err
    text = out.decode("utf-8")
    assert text.startswith("digraph motcua_cap_phep_public {")
    assert "Issuing a test licence" in text and "Receive test licence" in text
    code, out, err = run("cap-phep", "--catalog", str(catalog), "--format", "dot")
    assert code == 0 and "Tiếp nhận hồ sơ" in out.decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--catalog", "{catalog}"], "no procedure 'nope' in the catalogue"),
        (["cap-phep@1999", "--catalog", "{catalog}"], "has no version '1999'"),
        (["missing.yaml"], "missing.yaml: no such procedure file"),
    ],
)
def test_bad_input_is_one_line_and_status_2(catalog: Path, args: list[str], message: str) -> None:
    code, out, err = run(*(a.replace("{catalog}", str(catalog)) for a in args))
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert out == b""


def test_a_file_outside_any_agency_folder(tmp_path: Path) -> None:
    lone = tmp_path / "lone.yaml"
    lone.write_text(PROCEDURE, encoding="utf-8")
    code, _, err = run(str(lone))
    assert code == 2 and "--catalog" in err


def test_a_catalogue_with_errors_is_refused_with_its_diagnostics(catalog: Path) -> None:
    spec = catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml"
    spec.write_text(PROCEDURE.replace("UNIT", "phong-khong-co"), encoding="utf-8")
    code, out, err = run(str(spec))
    assert code == 1 and out == b""
    assert "phong-khong-co" in err
    # The file named is left out of its catalogue for its error, and refused with it.
    assert err.splitlines()[-1] == (f"error: procedure file {spec} has 1 error; "
                                    f"`motcua validate {spec}` shows each with its source line")
    _, _, said = run(str(spec), "--lang", "vi")
    assert said.splitlines()[-1] == (f"lỗi: tệp thủ tục {spec} có 1 lỗi; "
                                     f"`motcua validate {spec}` hiện từng lỗi kèm dòng nguồn của nó")


def test_missing_graphviz_names_the_fix(catalog: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, _, err = run(spec)
    assert code == 3
    assert "install Graphviz: apt-get install graphviz" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-o", "chart.svg"], b"<?xml "),
        (["-o", "chart.PDF"], b"%PDF-"),
        (["-o", "chart.gv"], b"digraph "),
        (["-o", "chart.png", "--to", "png"], b"\x89PNG\r\n\x1a\n"),
        (["-o", "chart", "-f", "pdf"], b"%PDF-"),
        (["-o", "chart.dot", "--format", "dot"], b"digraph "),
        (["-o", "chart.png", "--format", "png", "--to", "png"], b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_the_image_type_comes_from_to_or_the_suffix(catalog: Path, tmp_path: Path, args: list[str],
                                                    expected: bytes) -> None:
    spec = str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml")
    target = tmp_path / args[1]
    code, out, err = run(spec, *[str(target) if a == args[1] else a for a in args])
    assert code == 0, err
    assert out == b"" and target.read_bytes().startswith(expected)


def test_the_old_format_option_says_it_is_the_old_name() -> None:
    result = CliRunner().invoke(render, ["--help"])
    assert result.exit_code == 0
    assert "-f, --to [svg|png|pdf|dot]" in result.output
    shown = " ".join(result.output.split())
    assert "--format [text|json|svg|png|pdf|dot]" in shown
    assert "Given an image type (svg, png, pdf, dot), the old name of --to." in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "chart.jpg"], "chart.jpg: cannot write a chart as '.jpg'"),
        (["-o", "chart.html", "--to", "svg"], "chart.html: cannot write a chart as '.html'"),
        (["-o", "chart"], "chart: cannot write a chart as '(no suffix)'"),
        (["-o", "chart.png", "--to", "svg"], "chart.png: the file name says PNG but --to asks for SVG"),
        (["-o", "chart.svg", "--format", "pdf"], "chart.svg: the file name says SVG but --to asks for PDF"),
        (["--to", "svg", "--format", "png"], "--to svg and --format png ask for different image types"),
        (["-o", "chart.svg", "--to", "jpg"], "'jpg' is not one of 'svg', 'png', 'pdf', 'dot'"),
    ],
)
def test_an_image_type_the_file_name_belies_is_refused(catalog: Path, tmp_path: Path, args: list[str],
                                                       message: str) -> None:
    spec = str(catalog / "so-thu" / "linh-vuc" / "cap-phep.yaml")
    args = [str(tmp_path / a) if a.startswith("chart") else a for a in args]
    code, out, err = run(spec, *args)
    assert code == 2 and out == b""
    assert message in " ".join(err.replace(str(tmp_path) + "/", "").split()), err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "procedures"]
