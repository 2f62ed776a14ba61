"""motcua: one-stop administrative procedures as code.

The public API. Load and validate a catalogue of YAML specs::

    >>> import motcua
    >>> catalog = motcua.load_catalog("procedures/")
    >>> proc = catalog.procedure("ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong", version="2013")
    >>> proc.title.get("en")
    "Registration of an enterprise's internal labour regulations"
    >>> str(proc.time_limit)
    '7 working days'

``validate`` never raises on bad input; it returns the diagnostics::

    >>> diagnostics = motcua.validate(["tests/cases/invalid/ref001-unknown-unit.yaml", "tests/cases/agency/"])
    >>> [(d.code, d.line) for d in diagnostics]
    [('REF001', ...)]

Every error motcua raises on purpose is a ``MotcuaError``: its ``code`` names the kind for
programs, its ``exit_code`` is the status the command line ends with::

    >>> try:
    ...     motcua.load_catalog("tests/cases/invalid/ref001-unknown-unit.yaml")
    ... except motcua.MotcuaError as err:
    ...     print(err.code, err.exit_code)
    spec-error 1

Cases run on an :class:`Engine` (``motcua.Engine``); their Forms 01-06 (Circular
01/2018/TT-VPCP) are ``Engine.forms(case)``, built by the module ``motcua.forms``. The
embedding guide is docs/engine.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence

from motcua.engine.spec.diagnostics import Diagnostic, Severity, SpecError
from motcua.engine.spec.errors import InputError, MotcuaError, UnknownProcedure, UnreadableInput
from motcua.engine.spec.model import Agency, Catalog, Procedure

if TYPE_CHECKING:
    from motcua.engine import forms
    from motcua.engine.cases import ConflictError, Engine, EventRefused, InvalidInput, StoreError, UnknownCase

    from motcua.render.charts import render_procedure
    from motcua.render.graphviz import GraphvizError, GraphvizNotFound

_LAZY = {"ConflictError": "motcua.engine.cases", "Engine": "motcua.engine.cases",
         "EventRefused": "motcua.engine.cases", "InvalidInput": "motcua.engine.cases",
         "StoreError": "motcua.engine.cases", "UnknownCase": "motcua.engine.cases",
         "GraphvizError": "motcua.render.graphviz", "GraphvizNotFound": "motcua.render.graphviz",
         "render_procedure": "motcua.render.charts"}


#: Public modules, loaded when first named: ``motcua.forms`` holds Forms 01-06 of a case.
_MODULES = {"forms": "motcua.engine.forms"}


def __getattr__(name: str) -> object:
    # The case engine and the renderer load only when used, so `motcua validate` starts fast.
    if name in _LAZY or name in _MODULES:
        import importlib

        if name in _MODULES:
            return importlib.import_module(_MODULES[name])
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'motcua' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "Agency",
    "Catalog",
    "ConflictError",
    "Engine",
    "EventRefused",
    "GraphvizError",
    "GraphvizNotFound",
    "InputError",
    "InvalidInput",
    "Diagnostic",
    "MotcuaError",
    "Procedure",
    "Severity",
    "SpecError",
    "StoreError",
    "UnknownCase",
    "UnknownProcedure",
    "UnreadableInput",
    "__version__",
    "forms",
    "load_catalog",
    "render_procedure",
    "validate",
]


def validate(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = "procedures/", *,
             cache_dir: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for the spec files under ``path`` (a file, a folder or a list of them).

    A file is checked in its catalogue (the folder above it that holds an ``agency.yaml``), as
    ``motcua validate`` checks it: its own findings, read against its agency and versions.
    """
    from motcua.validators.runner import validate_paths

    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    return validate_paths(paths, cache_dir=cache_dir, in_catalogue=True).diagnostics


def load_catalog(path: str | os.PathLike[str] = "procedures/", *, strict: bool = False) -> Catalog:
    """The validated catalogue under ``path``.

    Raises ``SpecError`` (with ``.diagnostics``) when any spec has errors, or any warning
    when ``strict``.
    """
    from motcua.validators.assembly import validate_and_load

    # One reading: the models the checks built are the catalogue.
    report, catalog = validate_and_load([path], cache_dir=None, root=os.fspath(path))
    if catalog is None or (strict and report.diagnostics):
        raise SpecError(report.diagnostics)
    return catalog
