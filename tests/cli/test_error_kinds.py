"""The error model: each kind a user meets is a ``MotcuaError`` with its own code and exit status,
exported from ``motcua``, keeping the attributes it had, and the README's table names every code."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import motcua
from motcua.engine.spec.diagnostics import Diagnostic, SpecError
from motcua.engine.spec.errors import (
    EXIT_CODES,
    EnvironmentFailure,
    InputError,
    InternalError,
    MotcuaError,
    UnknownProcedure,
    UnknownRule,
    UnreadableInput,
    UnwritableOutput,
)
from motcua.engine.store.base import ConflictError, StoreError
from motcua.render.graphviz import GraphvizError, GraphvizNotFound
from motcua.render.site.output import OutputRefused

ROOT = Path(__file__).parents[2]
DIAGNOSTIC = Diagnostic(code="REF001", message="step 'a' is done by unknown unit 'x'", file="p.yaml", line=3, column=9)

#: Each kind, as raised, and the code and exit status it must carry.
KINDS: dict[str, tuple[MotcuaError, str, int]] = {
    "SpecError": (SpecError([DIAGNOSTIC], path="procedures/"), "spec-error", 1),
    "EventRefused": (motcua.EventRefused("'approve' does not apply at 'tiep-nhan'"), "refused", 1),
    "ConflictError": (ConflictError("C-1", expected=2, found=3), "conflict", 1),
    "InputError": (InputError("'X' is not an id"), "invalid-input", 2),
    "InvalidInput": (motcua.InvalidInput("unknown officer 'o-x'"), "invalid-input", 2),
    "UnknownCase": (motcua.UnknownCase("no case 'X' in cases.db"), "unknown-case", 2),
    "UnknownProcedure": (UnknownProcedure("no procedure 'x' in the catalogue"), "unknown-procedure", 2),
    "UnknownRule": (UnknownRule("no rule 'REF01'"), "unknown-rule", 2),
    "UnreadableInput": (UnreadableInput("nope/: no such file or folder", path="nope/"), "unreadable-input", 2),
    "UnwritableOutput": (UnwritableOutput("x.svg: cannot write", path="x.svg"), "unwritable-output", 2),
    "OutputRefused": (OutputRefused(Path("site"), "site: holds the catalogue"), "output-refused", 2),
    "StoreError missing": (StoreError("no store", kind="missing", location="a.db"), "store-missing", 2),
    "StoreError foreign": (StoreError("not a store", kind="foreign", location="a.db"), "store-foreign", 2),
    "StoreError newer": (StoreError("schema 9", kind="newer", location="a.db"), "store-newer", 2),
    "StoreError outdated": (StoreError("schema 4", kind="outdated", location="a.db"), "store-outdated", 2),
    "StoreError corrupt": (StoreError("corrupted", kind="corrupt", location="a.db"), "store-corrupt", 3),
    "StoreError io": (StoreError("disk I/O error", kind="io", location="a.db"), "store-io", 3),
    "GraphvizNotFound": (GraphvizNotFound(), "graphviz-not-found", 3),
    "GraphvizError": (GraphvizError(4, "Error: syntax error in line 1\n", 1), "graphviz-failed", 3),
    "EnvironmentFailure": (EnvironmentFailure("a worker process stopped"), "environment-failure", 3),
    "InternalError": (InternalError("internal error: KeyError: 'x'"), "internal-error", 3),
}


@pytest.mark.parametrize(("error", "code", "status"), KINDS.values(), ids=KINDS.keys())
def test_each_kind_has_its_code_and_exit_status(error: MotcuaError, code: str, status: int) -> None:
    assert isinstance(error, MotcuaError) and status in EXIT_CODES
    assert (error.code, error.exit_code) == (code, status)
    assert error.as_dict()["code"] == code and error.as_dict()["message"] == str(error) == error.message


@pytest.mark.parametrize(("error", "code", "status"), KINDS.values(), ids=KINDS.keys())
def test_each_kind_crosses_a_process_boundary(error: MotcuaError, code: str, status: int) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and again.as_dict() == error.as_dict() and again.exit_code == status


def test_the_kinds_keep_their_names_and_attributes() -> None:
    refused = motcua.EventRefused("no")
    assert refused.reason == "no"
    conflict = ConflictError("C-1", expected=2, found=3)
    assert (conflict.case_id, conflict.expected, conflict.found) == ("C-1", 2, 3)
    store = StoreError("gone", kind="corrupt", location="a.db")
    assert (store.kind, store.location) == ("corrupt", "a.db")
    unknown = motcua.UnknownCase("no case 'X'")
    assert isinstance(unknown, motcua.InvalidInput) and isinstance(unknown, KeyError) and str(unknown) == "no case 'X'"
    assert isinstance(motcua.InvalidInput("x"), ValueError) and isinstance(UnknownProcedure("x"), KeyError)
    assert isinstance(GraphvizNotFound(), RuntimeError) and isinstance(OutputRefused(Path("s"), "x"), FileExistsError)
    spec = SpecError([DIAGNOSTIC])
    assert spec.diagnostics == [DIAGNOSTIC] and str(spec) == str(DIAGNOSTIC)


def test_motcua_exports_the_kinds_an_embedder_catches() -> None:
    for name in ("MotcuaError", "SpecError", "EventRefused", "ConflictError", "InputError", "InvalidInput",
                 "UnknownCase", "UnknownProcedure", "UnreadableInput", "StoreError", "GraphvizNotFound",
                 "GraphvizError"):  # fmt: skip
        kind = getattr(motcua, name)
        assert name in motcua.__all__ and issubclass(kind, MotcuaError)


def test_the_readme_table_names_every_code_at_its_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {code: int(row[2]) for row in readme.splitlines() if re.match(r"\| \d \| ", row)
              for code in re.findall(r"`([a-z-]+)`", row)}
    expected = {code: status for _, code, status in KINDS.values()} | {"usage-error": 2}
    assert listed == expected
