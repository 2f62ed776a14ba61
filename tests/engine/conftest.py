"""What the engine's tests share: their own catalogue (``tests/engine/catalog``, one agency and
two procedures that the shipped catalogue's changes never reach), the officers who work its
cases, and the clock of March 2025 they write times on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from motcua.engine.cases import Engine
from motcua.engine.spec.loading import load_catalog
from motcua.engine.spec.model import Catalog

#: The officers of the test agency ``so-thu-nghiem``: one per unit (id, unit, name, position).
OFFICERS = (
    ("o-mc", "mot-cua", "Nguyễn Thị Hoa", "Chuyên viên một cửa"),
    ("o-cm", "phong-chuyen-mon", "Lê Văn Bình", "Chuyên viên"),
    ("o-khac", "phong-khac", "Trần Thị Mai", "Chuyên viên"),
    ("o-gd", "giam-doc", "Hồ Văn Dũng", "Giám đốc"),
    ("o-xa", "ubnd-xa", "Phạm Văn Xã", "Công chức tư pháp"),
    ("o-ca", "cong-an", "Đỗ Văn Công", "Cán bộ"),
)


def _t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


@pytest.fixture(scope="session")
def catalog_dir() -> Path:
    """The folder of the engine tests' catalogue (for what loads it itself: a process, the CLI)."""
    return Path(__file__).parent / "catalog"


@pytest.fixture(scope="session")
def catalog(catalog_dir: Path) -> Catalog:
    """The engine tests' catalogue, loaded once: the model is frozen, so every test may share it."""
    return load_catalog(catalog_dir)


@pytest.fixture(scope="session")
def officers() -> tuple[tuple[str, str, str, str], ...]:
    """``OFFICERS``: (id, unit, name, position) of each officer of ``so-thu-nghiem``."""
    return OFFICERS


@pytest.fixture(scope="session")
def staff(officers: tuple[tuple[str, str, str, str], ...]) -> Callable[[Engine], Engine]:
    """Registers every officer of ``officers`` with an engine, and returns the engine."""

    def hire(engine: Engine) -> Engine:
        for oid, unit, name, position in officers:
            engine.add_officer(oid, agency="so-thu-nghiem", unit=unit, name=name, position=position)
        return engine

    return hire


@pytest.fixture(scope="session")
def t() -> Callable[..., dt.datetime]:
    """``t(day, hour, minute=0)``: that time in March 2025 (Monday the 3rd is the first working day)."""
    return _t
