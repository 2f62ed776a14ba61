"""Every diagnostic, hint and rule explanation exists in Vietnamese and English; ``--lang``,
``MOTCUA_LANG`` and the locale choose which one is shown, and codes and JSON keys stay the same."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import from_environment
from motcua.engine.spec.rules import RULES, explain, rule_text
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
AGENCY = CASES / "agency" / "agency.yaml"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
#: A letter only Vietnamese writes (a vowel with a mark, or đ): text in Vietnamese has some.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _all_case_diagnostics() -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for path in INVALID:
        other = path.with_name(path.stem + ".other.yml")
        extra = [str(other)] if other.exists() else []
        found += validate_paths([str(path), *extra, str(AGENCY)], cache_dir=None).diagnostics
    return found


@pytest.fixture(scope="module")
def case_diagnostics() -> list[Diagnostic]:
    return _all_case_diagnostics()


def test_every_diagnostic_of_the_case_files_has_its_vietnamese(case_diagnostics: list[Diagnostic]) -> None:
    missing = sorted({f"{d.code}: {d.message}" for d in case_diagnostics if not d.message_vi})
    assert not missing, "messages without Vietnamese:\n" + "\n".join(missing)
    untranslated = sorted({f"{d.code}: {d.message_vi}" for d in case_diagnostics
                           if d.message_vi and not VIETNAMESE.search(d.message_vi)})
    assert not untranslated, "Vietnamese messages with no Vietnamese in them:\n" + "\n".join(untranslated)


def test_every_hint_of_the_case_files_has_its_vietnamese(case_diagnostics: list[Diagnostic]) -> None:
    missing = sorted({f"{d.code}: {d.hint}" for d in case_diagnostics if d.hint and not d.hint_vi})
    assert not missing, "hints without Vietnamese:\n" + "\n".join(missing)


def _message_arguments(tree: ast.AST) -> list[tuple[int, ast.expr]]:
    """The message and hint arguments of every ``diag(...)`` and ``Diagnostic(...)`` call."""
    found: list[tuple[int, ast.expr]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "diag" and len(node.args) >= 2:
            found.append((node.lineno, node.args[1]))
        if name in ("diag", "Diagnostic"):
            found += [(node.lineno, k.value) for k in node.keywords if k.arg in ("message", "hint")]
    return found


def _english_only(expr: ast.expr) -> bool:
    """A text written in one language where the call takes a pair: a literal, an f-string, or
    literals joined with ``+``."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str)
    if isinstance(expr, ast.JoinedStr):
        return True
    if isinstance(expr, ast.BinOp):
        return _english_only(expr.left) or _english_only(expr.right)
    return False


def test_no_check_writes_a_message_in_one_language() -> None:
    sources = [*ROOT.joinpath("validators").glob("*.py"), *ROOT.joinpath("engine", "spec").glob("*.py")]
    offenders = []
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        offenders += [f"{source.relative_to(ROOT)}:{line}" for line, arg in _message_arguments(tree)
                      if _english_only(arg)]
    assert not offenders, "messages given in English only (write tr(vi, en)):\n" + "\n".join(offenders)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_explained_in_both_languages(rule: object) -> None:
    from motcua.engine.spec.rules import Rule

    assert isinstance(rule, Rule)
    vi, en = rule_text(rule, "vi"), rule_text(rule, "en")
    for vi_text, en_text in zip(vi, en):
        assert vi_text and en_text and vi_text != en_text
        assert VIETNAMESE.search(vi_text), vi_text
    assert "Vì sao:" in explain(rule.code, "vi") and "Why:" in explain(rule.code, "en")


def test_the_language_comes_from_lang_then_motcua_lang_then_the_locale() -> None:
    assert from_environment({}) == "vi"
    assert from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert from_environment({"LANG": "vi_VN.UTF-8"}) == "vi"
    assert from_environment({"LANG": "C.UTF-8"}) == "vi"
    assert from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}) == "en"
    assert from_environment({"MOTCUA_LANG": "vi", "LC_ALL": "en_US.UTF-8"}) == "vi"
    assert from_environment({"MOTCUA_LANG": "en", "LANG": "vi_VN.UTF-8"}) == "en"
    assert from_environment({"MOTCUA_LANG": "fr", "LANG": "en_US"}) == "en"


def _broken(tmp_path: Path) -> Path:
    spec = (CASES / "invalid").glob("*.yaml")
    case = next(p for p in sorted(spec) if b"REF001" in b"".join(p.read_bytes().splitlines()[:3]))
    target = tmp_path / "cat"
    target.mkdir()
    (target / "agency.yaml").write_text(AGENCY.read_text(encoding="utf-8"), encoding="utf-8")
    (target / case.name).write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_validate_speaks_the_language_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _broken(tmp_path)
    runner = CliRunner()
    monkeypatch.setenv("MOTCUA_LANG", "vi")
    vi = runner.invoke(main, ["validate", "--no-cache", str(target)])
    en = runner.invoke(main, ["validate", "--no-cache", "--lang", "en", str(target)])
    monkeypatch.setenv("MOTCUA_LANG", "en")
    vi_flag = runner.invoke(main, ["--lang", "vi", "validate", "--no-cache", str(target)])
    assert vi.exit_code == en.exit_code == vi_flag.exit_code == 1
    assert "REF001" in vi.output and "REF001" in en.output
    assert "lỗi" in vi.output and "error" in en.output and "lỗi" not in en.output
    assert vi_flag.output == vi.output


def test_json_keys_stay_the_same_and_the_message_changes(tmp_path: Path) -> None:
    target = _broken(tmp_path)
    runner = CliRunner()
    docs = {lang: json.loads(runner.invoke(main, ["validate", "--no-cache", "--format", "json", "--lang", lang,
                                                  str(target)]).stdout) for lang in ("vi", "en")}
    vi, en = (docs[lang]["diagnostics"] for lang in ("vi", "en"))
    assert [d.keys() for d in vi] == [d.keys() for d in en]
    assert [d["code"] for d in vi] == [d["code"] for d in en]
    assert [d["message"] for d in vi] != [d["message"] for d in en]


def test_help_and_usage_errors_speak_vietnamese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_LANG", "vi")
    runner = CliRunner()
    helped = runner.invoke(main, ["validate", "--help"])
    assert "Cách dùng:" in helped.output and "Mã thoát:" in helped.output
    wrong = runner.invoke(main, ["validate", "--khong-co"])
    assert wrong.exit_code == 2 and "Không có tuỳ chọn" in wrong.output
    english = runner.invoke(main, ["validate", "--lang", "en", "--help"])
    assert "Usage:" in english.output and "Exit status:" in english.output


def test_errors_of_the_command_line_speak_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    vi = runner.invoke(main, ["explain", "XYZ999", "--lang", "vi"])
    en = runner.invoke(main, ["explain", "XYZ999", "--lang", "en"])
    assert vi.exit_code == en.exit_code == 2
    assert vi.output.startswith("lỗi: ") and en.output.startswith("error: ")


def test_explain_as_json_speaks_the_language_and_keeps_its_keys() -> None:
    runner = CliRunner()
    vi = json.loads(runner.invoke(main, ["explain", "TIM001", "--format", "json", "--lang", "vi"]).stdout)
    en = json.loads(runner.invoke(main, ["explain", "TIM001", "--format", "json", "--lang", "en"]).stdout)
    assert vi.keys() == en.keys() and vi["code"] == en["code"] == "TIM001" and vi["severity"] == "error"
    assert VIETNAMESE.search(vi["why"]) and en["why"].startswith("Internal budgets")
