"""The case stores' errors are written in both languages: no store error is given a message (or a
cause of corruption) in English alone, and a store that is not there is reported in the run's
language on the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from tests.engine.test_error_languages import english_alone

ROOT = Path(__file__).resolve().parents[3]
STORE = ROOT / "engine" / "store"

#: The store modules whose errors a person meets (memory.py is the tests' store, written in English).
MODULES = sorted(
    str(p.relative_to(ROOT)) for p in [*STORE.glob("*.py"), *STORE.glob("migrations/**/*.py")] if p.name != "memory.py"
)

#: The kinds of MotcuaError the stores raise, and the helpers that build one from the cause given.
CALLS = {"ConflictError", "DuplicateEvent", "MotcuaError", "StoreError", "corrupt", "_corrupt"}


def called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def message(node: ast.Call) -> ast.expr | None:
    """The message given: the first argument of an error, the second (the cause) of ``corrupt``."""
    name = called(node)
    if name == "corrupt":
        return node.args[1] if len(node.args) > 1 else None
    return node.args[0] if node.args else None


@pytest.mark.parametrize("module", MODULES)
def test_no_store_error_is_written_in_one_language(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called(node) in CALLS:
            given = message(node)
            if given is not None and english_alone(given):
                found.append(f"{module}:{node.lineno}: {called(node)}(... {ast.unparse(given)[:80]} ...)")
    assert not found, "give these messages as tr(vi, en):\n" + "\n".join(found)


def test_the_check_sees_a_cause_in_english_alone() -> None:
    one = ast.parse('corrupt(location, f"case {x}: " + "a damaged row")').body[0]
    assert isinstance(one, ast.Expr) and isinstance(one.value, ast.Call)
    given = message(one.value)
    assert given is not None and english_alone(given)
    both = ast.parse('corrupt(location, tr(f"hồ sơ {x}", f"case {x}"))').body[0]
    assert isinstance(both, ast.Expr) and isinstance(both.value, ast.Call)
    given = message(both.value)
    assert given is not None and not english_alone(given)


def test_a_mistyped_db_is_reported_in_the_language_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOTCUA_LANG", "vi")
    monkeypatch.delenv("MOTCUA_DB", raising=False)
    vi = CliRunner().invoke(main, ["case", "list", "--db", "nope.db"])
    assert vi.exit_code == 2, vi.output
    assert "nope.db: không có kho hồ sơ ở đó (kiểm tra đường dẫn: --db hoặc MOTCUA_DB)" in vi.stderr
    assert "no case store there" not in vi.stderr
    en = CliRunner().invoke(main, ["case", "list", "--db", "nope.db", "--lang", "en"])
    assert en.exit_code == 2, en.output
    assert "nope.db: no case store there (check the path: --db or MOTCUA_DB)" in en.stderr
    assert "không có kho hồ sơ" not in en.stderr
    assert not (tmp_path / "nope.db").exists()
