"""The importer's, the renderers' and the reform room's messages are written in both languages:
no error they raise on purpose, no loss the import reports and no reason a file is refused is
given in English alone (a string or an f-string), so a person reads each in the run's language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.engine.test_error_languages import english_alone

ROOT = Path(__file__).resolve().parent

#: The call, and which of its arguments is the text a person reads.
TEXTS = {"InputError": 0, "InvalidInput": 0, "UnwritableOutput": 0, "UnreadableInput": 0, "MotcuaError": 0,
         "RecordError": 0, "OutputRefused": 1, "ForeignManifest": 1, "Written": 2}  # fmt: skip
#: Methods whose second argument is such a text: ``node.error(key, message)``, ``losses.add(kind, message, where)``
#: (``add`` on a loss report only).
METHODS = {"error": 1, "add": 1}

MODULES = sorted(str(p.relative_to(ROOT.parent)) for folder in ("importers", "render", "reform")
                 for p in (ROOT.parent / folder).rglob("*.py"))  # fmt: skip


def _losses(receiver: ast.expr) -> bool:
    """Whether ``receiver`` is a loss report (``losses``, ``self.losses``, ``draft.losses``)."""
    name = receiver.id if isinstance(receiver, ast.Name) else getattr(receiver, "attr", "")
    return name == "losses"


def one_language(module: str) -> list[str]:
    tree = ast.parse((ROOT.parent / module).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            at = TEXTS.get(node.func.id)
        elif isinstance(node.func, ast.Attribute) and (node.func.attr != "add" or _losses(node.func.value)):
            at = METHODS.get(node.func.attr)
        else:
            at = None
        if at is not None and len(node.args) > at and english_alone(node.args[at]):
            found.append(f"{module}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_no_message_is_written_in_one_language(module: str) -> None:
    found = one_language(module)
    assert not found, "give these messages as tr(vi, en):\n" + "\n".join(found)


def test_the_check_sees_a_message_in_english_alone() -> None:
    calls = ['self.losses.add("blank-step", "a step with no text (skipped)", where)',
             'raise record.error("code", f"the code {c} is empty")',
             'raise OutputRefused(out, f"{out}: exists")', 'return Written(path, "refused", "cannot write")']
    for call in calls:
        tree = ast.parse(call)
        node = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and len(n.args) > 1)
        func = node.func
        assert isinstance(func, (ast.Name, ast.Attribute))
        at = TEXTS[func.id] if isinstance(func, ast.Name) else METHODS[func.attr]
        assert english_alone(node.args[at]), call
    both = ast.parse('self.losses.add("blank-step", tr("một bước không có nội dung", "a step with no text"), w)')
    node = next(n for n in ast.walk(both) if isinstance(n, ast.Call) and len(n.args) == 3)
    assert not english_alone(node.args[METHODS["add"]])
