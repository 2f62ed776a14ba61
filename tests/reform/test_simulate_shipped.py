"""``motcua simulate`` on every procedure of the shipped catalogue, as reform staff run it.

Each run is short (a few dossiers a day for a week): every dossier is received, moved by the
engine to an end and counted once; every unit the procedure uses has its row; the store holds
no case after the run (a finished case is let go); a seeded run repeats byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.deadlines import terms
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog, Procedure
from motcua.reform.simulate import Simulation
from motcua.reform.simulate_setup import Setup, units_of

SHIPPED = Path(__file__).resolve().parents[2] / "procedures"
START = dt.date(2025, 3, 3)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(SHIPPED)


def _keys() -> list[str]:
    return sorted(p.key for p in load_catalog(SHIPPED).procedures)


def _variant(procedure: Procedure) -> str | None:
    """No sub-case when the procedure states its own time limit, else the first that states one
    (the command refuses terms without a time limit, naming the sub-cases that have one)."""
    if terms(procedure, None, None).time_limit is not None:
        return None
    return next(v.id for v in procedure.variants if terms(procedure, v.id, None).time_limit is not None)


@pytest.mark.parametrize("key", _keys())
def test_every_shipped_procedure_runs_to_the_end(shipped: Catalog, key: str) -> None:
    ref, _, version = key.partition("@")
    procedure = shipped.procedure(ref, version=version or None)
    agency = shipped.agency(procedure.agency)
    units = units_of(procedure, agency)
    setup = Setup(arrivals=4, days=5, start=START, seed=3, staff=dict.fromkeys(units, 2), variant=_variant(procedure))
    simulation = Simulation(procedure, agency, setup)
    result = simulation.run()
    assert result.cases > 0 and result.finished == result.cases
    assert sum(result.ends.values()) == result.cases
    assert set(result.ends) <= {e.id for e in procedure.ends} | {"refused", "withdrawn"}
    assert result.on_time + result.late == result.finished
    # at least the receipt and one decision per case; every step puts one job per unit it asks
    assert result.events >= 2 * result.cases
    assert [u.unit for u in result.units] == list(units)
    assert sum(u.jobs for u in result.units) >= result.cases
    assert simulation.engine.store.case_ids() == []  # every case finished, none kept


def test_a_seeded_run_of_a_shipped_procedure_repeats_byte_for_byte() -> None:
    args = ["simulate", "dang-ky-ket-hon", "--catalog", str(SHIPPED), "--variant", "1.000894.01", "--arrivals",
            "12/day", "--days", "20", "--seed", "5", "--start", START.isoformat(), "--format", "json"]  # fmt: skip
    runs = [CliRunner().invoke(main, args) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert runs[0].stdout_bytes == runs[1].stdout_bytes
    found = json.loads(runs[0].stdout)
    assert found["procedure"].endswith("/dang-ky-ket-hon") and found["variant"] == "1.000894.01"
    assert found["finished"] == found["cases"] > 100
