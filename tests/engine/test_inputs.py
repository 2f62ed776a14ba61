"""Text reaching the engine is one printable line (issue 8, findings 7 and 12).

A byte that is not UTF-8 reached SQLite as a lone surrogate (``UnicodeEncodeError``, a
traceback); a line break in an applicant's name forged a line on the Form 01 receipt. Every
id, name, note and reason is now checked in the engine, so the Python API is protected too, and
the message names the field and the position without echoing the character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from motcua.engine.cases import Engine, InvalidInput
from motcua.engine.inputs import json_visible, line_problem
from motcua.engine.spec.model import Catalog
from motcua.engine.spec.printable import visible

AT = dt.datetime(2025, 3, 3, 8, 0)

BAD = {
    "line-feed": ("\n", "a line break (U+000A)"),
    "escape": ("\x1b", "a control character (U+001B)"),
    "nul": ("\x00", "a control character (U+0000)"),
    "c1-csi": ("\x9b", "a control character (U+009B)"),
    "next-line": ("\x85", "a line break (U+0085)"),
    "line-separator": ("\u2028", "a line break (U+2028)"),
    "paragraph-separator": ("\u2029", "a line break (U+2029)"),
    "not-utf8-byte": ("\udcff", "byte 0xFF that is not UTF-8"),
    "lone-surrogate": ("\ud800", "a lone surrogate (U+D800)"),
    "noncharacter": ("\ufffe", "a noncharacter (U+FFFE)"),
    "plane-1-noncharacter": ("\U0001ffff", "a noncharacter (U+1FFFF)"),
    "fdd0": ("\ufdd0", "a noncharacter (U+FDD0)"),
}


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, catalog: Catalog, staff: Callable[[Engine], Engine],
           tmp_path: Path) -> Iterator[Engine]:  # fmt: skip
    store = None if request.param == "memory" else tmp_path / "cases.db"
    with staff(Engine(catalog, store=store)) as e:
        yield e


Call = Callable[[Engine, str, str], object]

# Each entry point with one text argument replaced by BAD (the case id is the open case's).
CALLS: dict[str, tuple[str, Call]] = {
    "open-procedure": ("procedure", lambda e, c, x: e.open(f"cap{x}", applicant="A", actor="o-mc", at=AT)),
    "open-applicant": ("applicant", lambda e, c, x: e.open("cap-phep", applicant=f"Cty B{x}Mã hồ sơ: X", actor="o-mc", at=AT)),
    "open-actor": ("actor", lambda e, c, x: e.open("cap-phep", applicant="A", actor=f"o-mc{x}", at=AT)),
    "open-record": ("record", lambda e, c, x: e.open("cap-phep", applicant="A", actor="o-mc", records=[f"don{x}"], at=AT)),
    "open-event-id": ("event id", lambda e, c, x: e.open("cap-phep", applicant="A", actor="o-mc", at=AT, event_id=f"E{x}")),
    "get-case": ("case id", lambda e, c, x: e.get(f"{c}{x}")),
    "fire-case": ("case id", lambda e, c, x: e.fire(f"{c}{x}", "complete", actor="o-mc", at=AT)),
    "fire-event": ("event", lambda e, c, x: e.fire(c, f"complete{x}", actor="o-mc", at=AT)),
    "fire-actor": ("actor", lambda e, c, x: e.fire(c, "complete", actor=f"{x}o-mc", at=AT)),
    "fire-note": ("note", lambda e, c, x: e.fire(c, "refuse", actor="o-mc", note=f"Lý do{x}", at=AT)),
    "fire-record": ("record", lambda e, c, x: e.fire(c, "request_supplement", actor="o-mc", records=[x], at=AT)),
    "fire-event-id": ("event id", lambda e, c, x: e.fire(c, "complete", actor="o-mc", at=AT, event_id=f"E{x}")),
    "correct-reason": ("reason", lambda e, c, x: e.correct(c, actor="o-mc", reason=f"Nhầm{x}", at=AT)),
    "correct-actor": ("actor", lambda e, c, x: e.correct(c, actor=f"o-mc{x}", reason="Nhầm", at=AT)),
    "officer-id": ("officer id", lambda e, c, x: e.add_officer(f"o-{x}", agency="so-thu-nghiem", unit="mot-cua", name="N", position="P")),
    "officer-name": ("name", lambda e, c, x: e.add_officer("o-x", agency="so-thu-nghiem", unit="mot-cua", name=f"N{x}", position="P")),
    "officer-position": ("position", lambda e, c, x: e.add_officer("o-x", agency="so-thu-nghiem", unit="mot-cua", name="N", position=f"{x}")),
    "officer-lookup": ("officer id", lambda e, c, x: e.officer(f"o-mc{x}")),
    "list-procedure": ("procedure", lambda e, c, x: e.list(procedure=f"cap-phep{x}")),
    "officers-agency": ("agency", lambda e, c, x: e.officers(agency=f"so{x}")),
}  # fmt: skip


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
def test_text_with_control_characters_is_refused_naming_the_field(engine: Engine, call: tuple[str, Call],
                                                                   bad: tuple[str, str],
                                                                   officers: tuple[tuple[str, ...], ...]) -> None:  # fmt: skip
    field, make = call
    char, described = bad
    case = engine.open("cap-phep", applicant="Trần Văn An", actor="o-mc", at=AT)
    with pytest.raises(InvalidInput) as err:
        make(engine, case.id, char)
    message = str(err.value)
    assert message.startswith(f"{field}: character ") and described in message
    assert char not in message
    assert [c.id for c in engine.list()] == [case.id] and engine.get(case.id).revision == 1
    assert [o.id for o in engine.officers()] == sorted(oid for oid, *_ in officers)  # none added


def test_the_position_is_counted_in_characters() -> None:
    assert line_problem("Công ty B\nX") == "character 10 is a line break (U+000A)"
    assert line_problem("Nguyễn Thị Hoa") is None
    assert line_problem("tab\there") == "character 4 is a control character (U+0009)"


def test_visible_escapes_what_one_line_may_not_hold() -> None:
    assert visible("Cty B\nMã hồ sơ: FORGED\x1b]0;x\x07") == "Cty B\\nMã hồ sơ: FORGED\\x1b]0;x\\x07"
    assert visible("\x9b31m \u2028 \udcff \U0001fffe") == "\\x9b31m \\u2028 \\udcff \\U0001fffe"
    assert visible("Nguyễn Thị Hoa") == "Nguyễn Thị Hoa"
    import json

    text = json.dumps({"a": "x\x9b\u2028\udcff\U0001fffe\n"}, ensure_ascii=False, indent=2)
    shown = json_visible(text)
    assert json.loads(shown) == {"a": "x\x9b\u2028\udcff\U0001fffe\n"}
    assert all(c not in shown for c in "\x9b\u2028\udcff\U0001fffe")
