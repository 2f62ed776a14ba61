"""Shared fixtures: the shared dvcqg records, imported once per test session into a folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog, Procedure
from motcua.importers.dvcqg.run import Report, import_records

_ROOT = Path(__file__).resolve().parent.parent.parent
#: The 25 records of the national database the project keeps (read-only): the seven the current
#: catalogue was imported from (sources/dvcqg) and eighteen more of other fields, levels and
#: shapes (tests/data/dvcqg). MOTCUA_DVCQG_RECORDS names one folder of 25 instead.
RECORD_DIRS = ([Path(os.environ["MOTCUA_DVCQG_RECORDS"])] if os.environ.get("MOTCUA_DVCQG_RECORDS")
               else [_ROOT / "sources" / "dvcqg", _ROOT / "tests" / "data" / "dvcqg"])
RECORD_FILES = sorted((f for d in RECORD_DIRS if d.is_dir() for f in d.glob("*.json")), key=lambda f: f.name)


def record_data(path: Path) -> dict[str, Any]:
    """The record inside a portal answer, read with plain ``json`` (independently of the importer)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["data"] if "data" in data else data


@dataclass
class Imported:
    root: Path
    report: Report
    catalog: Catalog

    def procedure(self, code: str) -> Procedure:
        found = [p for p in self.catalog.procedures if p.code == code]
        assert len(found) == 1, f"{code}: {len(found)} procedures"
        return found[0]


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    if len(RECORD_FILES) != 25:
        pytest.fail(f"25 records are expected in {', '.join(map(str, RECORD_DIRS))}, found {len(RECORD_FILES)}")
    root = tmp_path_factory.mktemp("dvcqg") / "catalogue"
    report = import_records([str(d) for d in RECORD_DIRS], str(root))
    return Imported(root, report, load_catalog(root))
