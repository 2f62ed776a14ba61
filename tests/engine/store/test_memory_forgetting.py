"""A memory store that lets finished cases go (``keep_finished=False``), as simulations use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from motcua.engine.cases import Engine, UnknownCase
from motcua.engine.spec.model import Catalog
from motcua.engine.store.memory import MemoryStore


def _t(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour)


@pytest.mark.parametrize("keep", [True, False])
def test_a_finished_case_is_kept_or_let_go_with_its_event_ids(
    keep: bool, catalog: Catalog, staff: Callable[[Engine], Engine]
) -> None:
    store = MemoryStore(keep_finished=keep)
    engine = staff(Engine(catalog, store=store))
    done = engine.open("cap-phep", applicant="An", actor="o-mc", at=_t(3, 8))
    still = engine.open("cap-phep", applicant="Bình", actor="o-mc", at=_t(3, 9))
    engine.fire(still.id, "complete", actor="o-mc", at=_t(3, 10))
    finished = engine.fire(done.id, "refuse", actor="o-mc", note="thiếu giấy tờ", at=_t(3, 11))
    assert finished.closed_at == _t(3, 11) and finished.state != still.state

    assert engine.get(still.id).revision == 2  # an open case is kept either way
    assert store.event_case(engine.get(still.id).events[-1].id) == still.id
    held = [store.event_case(e.id) for e in finished.events]
    if keep:
        assert engine.get(done.id).events == finished.events
        assert held == [done.id, done.id]
        assert store.case_ids() == sorted([done.id, still.id])
    else:
        with pytest.raises(UnknownCase):
            engine.get(done.id)
        assert held == [None, None]
        assert store.case_ids() == [still.id]
    # the day's numbering goes on after a case is let go: no dossier code is given twice
    third = engine.open("cap-phep", applicant="Cường", actor="o-mc", at=_t(3, 14))
    assert third.id.endswith("-20250303-0003")
