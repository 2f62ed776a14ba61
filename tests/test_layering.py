"""The import rules of the house style: one-way dependencies, no bare top-level names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
LAYERS = {"engine": set(), "validators": {"engine"}, "render": {"engine"}}
BARE = {"engine", "validators", "render"}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


FILES = [p for folder in ("engine", "validators", "render", "motcua") for p in (ROOT / folder).rglob("*.py")]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_imports_follow_the_layers(path: Path) -> None:
    layer = path.relative_to(ROOT).parts[0]
    for name in imports(path):
        top = name.split(".")[0]
        assert top not in BARE, f"{path}: import '{name}' must be 'motcua.{name}'"
        if layer in LAYERS and name.startswith("motcua."):
            target = name.split(".")[1]
            if target in BARE and target != layer:
                assert target in LAYERS[layer], f"{path}: {layer} may not import {target}"
            assert not (name == "motcua" or name.startswith("motcua.cli")), f"{path}: {layer} imports the API/CLI"


def test_transitions_is_imported_in_one_module() -> None:
    users = [p for p in FILES if any(n.split(".")[0] == "transitions" for n in imports(p))]
    assert len(users) <= 1, users
