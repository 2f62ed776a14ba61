"""The examples in the engine's docstrings run, so they cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "motcua.engine.cases",
    "motcua.engine.frame",
    "motcua.engine.inputs",
    "motcua.engine.ledger",
    "motcua.engine.machine",
    "motcua.engine.officers",
    "motcua.engine.store.pinning",
    "motcua.engine.store.sqlite",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, shipped_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(shipped_root)  # examples load the shipped catalogue, procedures/
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
