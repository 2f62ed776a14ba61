"""What `motcua publish` says after publishing: counts in the right form for one and for several,
in the language of the messages (``MOTCUA_LANG``, else the locale, else Vietnamese)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli.publish import publish
from motcua.render.site.vocabulary import count_words

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")

LONG = Path(__file__).parent / "catalogs" / "long-record"
SPEC = "dang-ky-bien-dong-dat-dai.yaml"


@pytest.mark.parametrize(
    ("count", "what", "vi", "en"),
    [
        (1, "procedures", "1 thủ tục", "1 procedure"),
        (2, "procedures", "2 thủ tục", "2 procedures"),
        (0, "procedures", "0 thủ tục", "0 procedures"),
        (1, "pages", "1 trang", "1 page"),
        (11, "pages", "11 trang", "11 pages"),
        (1, "files", "1 tệp", "1 file"),
        (3, "files", "3 tệp", "3 files"),
    ],
)
def test_a_count_has_a_form_for_one_in_english_only(count: int, what: str, vi: str, en: str) -> None:
    assert (count_words(count, what, "vi"), count_words(count, what, "en")) == (vi, en)


def catalogue(tmp_path: Path, copies: int) -> Path:
    """The long record's catalogue with ``copies`` more procedures made from it under other ids."""
    root = tmp_path / "catalog"
    shutil.copytree(LONG, root)
    text = (LONG / SPEC).read_text(encoding="utf-8")
    for n in range(copies):
        other = text.replace("id: dang-ky-bien-dong-dat-dai\n", f"id: ban-sao-{n}\n", 1)
        assert other != text
        (root / f"ban-sao-{n}.yaml").write_text(other, encoding="utf-8")
    return root


def published(tmp_path: Path, catalog: Path, lang: str | None, *extra: str) -> tuple[int, str, str]:
    env = {"MOTCUA_CACHE_DIR": str(tmp_path / "cache"), "MOTCUA_LANG": lang, "LC_ALL": None,
           "LC_MESSAGES": None, "LANG": None}
    result = CliRunner(env=env).invoke(publish, [str(catalog), "-o", str(tmp_path / "site"), *extra])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("copies", "lang", "said"),
    [
        (0, "en", "Published 1 procedure (5 pages) to "),
        (1, "en", "Published 2 procedures (7 pages) to "),
        (0, "vi", "Đã xuất bản 1 thủ tục (5 trang) vào "),
        (1, "vi", "Đã xuất bản 2 thủ tục (7 trang) vào "),
        (0, None, "Đã xuất bản 1 thủ tục (5 trang) vào "),
    ],
)
def test_publish_counts_procedures_and_pages(tmp_path: Path, copies: int, lang: str | None, said: str) -> None:
    code, out, err = published(tmp_path, catalogue(tmp_path, copies), lang)
    assert code == 0, err
    first, second = out.splitlines()
    assert first.startswith(said), first
    assert second.startswith("Open " if lang == "en" else "Mở ")


@pytest.mark.parametrize(("bad", "lang", "said"), [
    (1, "en", "motcua: 1 file with errors left out, each with its first error:"),
    (2, "en", "motcua: 2 files with errors left out, each with its first error:"),
    (2, "vi", "motcua: bỏ qua 2 tệp có lỗi, mỗi tệp kèm lỗi đầu tiên:"),
])
def test_files_left_out_are_counted(tmp_path: Path, bad: int, lang: str, said: str) -> None:
    catalog = catalogue(tmp_path, bad)
    for path in catalog.glob("ban-sao-*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("\ntime_limit: 10 working days\n",
                                                                 "\ntime_limit: 10 lunar days\n", 1),
                        encoding="utf-8")
    code, out, err = published(tmp_path, catalog, lang, "--skip-invalid")
    assert code == 1
    assert said in err.splitlines(), err
    assert out.startswith("Published 1 procedure (5 pages)" if lang == "en" else "Đã xuất bản 1 thủ tục (5 trang)")
