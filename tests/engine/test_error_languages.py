"""The case engine's errors are written in both languages: no error it raises on purpose is given
a message in English alone (a string or an f-string), so a person meets every refusal in the
language of the run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: The modules of the engine (every one, so that a module cut out of another is checked too) and
#: the catalogue lookups of the command line: those whose errors a person meets.
MODULES = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "engine").glob("*.py"))] + ["motcua/catalogs.py"]

#: The kinds of MotcuaError these modules raise.
KINDS = {"AmbiguousCode", "ConflictError", "EventRefused", "InputError", "InvalidInput", "MotcuaError", "StoreError",
         "UnknownCase", "UnknownProcedure", "UnreadableInput"}  # fmt: skip


def english_alone(node: ast.expr) -> bool:
    """Whether ``node`` is text in one language: a string, an f-string, or such texts joined."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return english_alone(node.left) and english_alone(node.right)
    return False


@pytest.mark.parametrize("module", MODULES)
def test_no_error_is_written_in_one_language(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KINDS and node.args:
            if english_alone(node.args[0]):
                found.append(f"{module}:{node.lineno}: {node.func.id}({ast.unparse(node.args[0])[:80]} ...)")
    assert not found, "give these messages as tr(vi, en):\n" + "\n".join(found)


def test_the_check_sees_a_message_in_english_alone() -> None:
    raised = ast.parse('raise InvalidInput(f"case {x}: " + "no such case")').body[0]
    assert isinstance(raised, ast.Raise) and isinstance(raised.exc, ast.Call)
    assert english_alone(raised.exc.args[0])
    both = ast.parse('raise InvalidInput(tr(f"hồ sơ {x}", f"case {x}"))').body[0]
    assert isinstance(both, ast.Raise) and isinstance(both.exc, ast.Call)
    assert not english_alone(both.exc.args[0])
