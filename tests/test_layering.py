"""The import rules of the house style: one-way dependencies, no bare top-level names.

The spec language (``engine/spec``) stands on nothing of ours; the case runtime (the rest of
``engine``) and the validators and renderers stand on it; the runtime never reaches the
validators or renderers, and they never reach the runtime; only ``motcua`` (the API and the
command line) brings them together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BARE = {"engine", "validators", "render"}
#: What each room may import of ours, by module prefix.
ALLOWED = {
    "engine/spec": ("motcua.engine.spec",),
    "engine": ("motcua.engine",),
    "validators": ("motcua.engine.spec", "motcua.validators"),
    "render": ("motcua.engine.spec", "motcua.render"),
    "importers": ("motcua.engine.spec", "motcua.importers"),
    "reform": ("motcua.engine", "motcua.render", "motcua.reform"),
    "server": ("motcua.engine", "motcua.render", "motcua.catalogs", "motcua.server"),
}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


FILES = [p for folder in ("engine", "validators", "render", "importers", "reform", "server", "motcua")
         for p in (ROOT / folder).rglob("*.py")]


def room(path: Path) -> str | None:
    rel = path.relative_to(ROOT).as_posix()
    return next((r for r in ALLOWED if rel.startswith(r + "/")), None)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_imports_follow_the_layers(path: Path) -> None:
    layer = room(path)
    for name in imports(path):
        top = name.split(".")[0]
        assert top not in BARE, f"{path}: import '{name}' must be 'motcua.{name}'"
        if layer is not None and (name == "motcua" or name.startswith("motcua.")):
            allowed = ALLOWED[layer]
            assert any(name == a or name.startswith(a + ".") for a in allowed), \
                f"{path}: {layer} may import only {', '.join(allowed)}, not {name}"


def test_the_rooms_are_laid_out_as_the_layering_says() -> None:
    """Every module belongs to a room the rules above cover (or to the front door, motcua/)."""
    assert all(room(p) is not None or p.relative_to(ROOT).parts[0] == "motcua" for p in FILES)
    assert (ROOT / "engine" / "spec" / "model.py").is_file()


def test_only_render_graphviz_starts_a_process() -> None:
    """``dot`` (and fontconfig's ``fc-match``) run from one module; nothing else starts a program."""
    starters = {"subprocess", "multiprocessing.popen_spawn_posix"}
    users = sorted(str(p.relative_to(ROOT)) for p in FILES
                   if any(n in starters or n.startswith("subprocess.") for n in imports(p))
                   or "os.system(" in p.read_text(encoding="utf-8") or "os.exec" in p.read_text(encoding="utf-8"))
    assert users == ["render/graphviz.py"], users


def test_transitions_is_imported_in_one_module() -> None:
    users = [p for p in FILES if any(n.split(".")[0] == "transitions" for n in imports(p))]
    assert len(users) <= 1, users
