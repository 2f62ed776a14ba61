"""The refusals of ``render`` and ``publish`` in both languages: Graphviz missing or failing, an
output folder that holds the catalogue, a file in the way, a foreign manifest. Each is one line
on stderr, in Vietnamese with ``--lang vi`` and in the English of the tests with ``--lang en``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.render.graphviz import GraphvizError
from motcua.render.site import MANIFEST

SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"
SPEC = "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021"


def said(tmp_path: Path, lang: str, args: list[str], code: int, **env: str) -> str:
    runner = CliRunner(env={"MOTCUA_CACHE_DIR": str(tmp_path / "cache"), **env})
    result = runner.invoke(main, [*args, "--lang", lang])
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


def test_graphviz_missing(tmp_path: Path) -> None:
    args = ["render", SPEC, "--catalog", str(SHIPPED), "-o", str(tmp_path / "chart.svg")]
    empty = str(tmp_path / "empty")
    assert said(tmp_path, "vi", args, 3, PATH=empty) == (
        "lỗi: không tìm thấy Graphviz 'dot' trong PATH; hãy cài Graphviz: apt-get install graphviz")
    assert said(tmp_path, "en", args, 3, PATH=empty) == (
        "error: Graphviz 'dot' was not found on PATH; install Graphviz: apt-get install graphviz")


def test_graphviz_failing() -> None:
    error = GraphvizError(4, "", 1)
    assert error.text("vi") == "dot lỗi khi vẽ đồ thị 4: mã thoát 1"
    assert error.text("en") == error.message == "dot failed on graph 4: exit status 1"
    said_by_dot = GraphvizError(2, "Error: <stdin>: syntax error in line 1\n", 1)
    assert said_by_dot.text("vi") == "dot lỗi khi vẽ đồ thị 2: Error: <stdin>: syntax error in line 1"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(SHIPPED, folder)
    return folder


def test_an_output_folder_holding_the_catalogue(tmp_path: Path, catalogue: Path) -> None:
    args = ["publish", str(catalogue), "-o", str(tmp_path)]
    assert said(tmp_path, "vi", args, 2) == (
        f"lỗi: {tmp_path}: thư mục xuất chứa danh mục {catalogue}; hãy chọn thư mục -o khác")
    assert said(tmp_path, "en", args, 2) == (
        f"error: {tmp_path}: the output folder holds the catalogue {catalogue}; choose another -o folder")


def test_an_output_folder_inside_the_cache(tmp_path: Path, catalogue: Path) -> None:
    site = tmp_path / "cache" / "site"
    args = ["publish", str(catalogue), "-o", str(site)]
    assert said(tmp_path, "vi", args, 2).startswith(f"lỗi: {site}: thư mục xuất nằm trong thư mục bộ nhớ đệm ")
    assert said(tmp_path, "en", args, 2).startswith(f"error: {site}: the output folder is inside the cache folder ")


def test_an_output_that_is_a_file(tmp_path: Path, catalogue: Path) -> None:
    out = tmp_path / "site.txt"
    out.write_text("của tôi", encoding="utf-8")
    args = ["publish", str(catalogue), "-o", str(out)]
    assert said(tmp_path, "vi", args, 2) == f"lỗi: {out}: đã có và không phải là thư mục; hãy chọn thư mục -o khác"
    assert said(tmp_path, "en", args, 2) == f"error: {out}: exists and is not a folder; choose another -o folder"


def test_a_foreign_manifest(tmp_path: Path, catalogue: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text('{"format": "motcua-site", "version": 99, "files": []}', encoding="utf-8")
    args = ["publish", str(catalogue), "-o", str(site)]
    assert said(tmp_path, "vi", args, 2) == (
        f"lỗi: {site}: tệp {MANIFEST} của thư mục thuộc phiên bản 99; bản motcua này đọc phiên bản 1; "
        "không thay thế gì, hãy chọn thư mục -o khác")
    assert said(tmp_path, "en", args, 2) == (
        f"error: {site}: its {MANIFEST} is of version 99; this motcua reads version 1; nothing replaced, "
        "choose another -o folder")


def test_a_folder_not_published_by_motcua(tmp_path: Path, catalogue: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    args = ["publish", str(catalogue), "-o", str(site)]
    assert said(tmp_path, "vi", args, 2) == (
        f"lỗi: {site}: đã có và không phải là trang do motcua xuất bản; hãy chọn thư mục -o khác")
    assert said(tmp_path, "en", args, 2) == (
        f"error: {site}: exists and is not a site published by motcua; choose another -o folder")
