"""The one vocabulary (``engine/spec/vocabulary.py``): both languages in every entry, every key the
code says in the table, every entry said somewhere.

The code names its words by literal keys (``word("site.skip", lang)``, ``w("site.skip")`` in a
template); a key ending in a value (``f"chart.outcome.{o.value}"``) belongs to a family, and
each family below says which values it must cover.
"""

from __future__ import annotations

import ast
import re
import string
import typing
from pathlib import Path

import pytest

from motcua.engine.calendar import Status
from motcua.engine.spec.model import ApplicantKind, Channel, EndOutcome, FeeKind, Level
from motcua.engine.spec.vocabulary import LANGUAGES, VOCABULARY, language, word

ROOT = Path(__file__).parent.parent.parent
#: Where the words are said: the forms, every renderer, the site's templates, `motcua publish`.
SOURCES = sorted([*ROOT.glob("engine/form*.py"), *(ROOT / "render").rglob("*.py"), ROOT / "motcua/cli/publish.py"])
TEMPLATES = sorted((ROOT / "render" / "site" / "templates").glob("*.html"))
AREAS = ("form", "money", "chart", "site", "bpmn")
KEY = re.compile(rf"(?:{'|'.join(AREAS)})\.[\w-]+(?:\.[\w-]+)*")
TEMPLATE_WORD = re.compile(r"""\bw\((["'])([\w.-]+)\1""")

#: Keys made from a value: the values each family must have an entry for (None: an open set,
#: the fields a spec may name, where an unknown one reads as its slug).
FAMILIES: dict[str, set[str] | None] = {
    "chart.outcome.": {o.value for o in EndOutcome},
    "chart.channel.": {c.value for c in Channel},
    "site.outcome.": {o.value for o in EndOutcome},
    "site.channel.": {c.value for c in Channel},
    "site.level.": {v.value for v in Level},
    "site.applicant.": {a.value for a in ApplicantKind},
    "site.fee_kind.": {k.value for k in FeeKind},
    "site.month.": {str(n) for n in range(1, 13)},
    "site.field.": None,
    "bpmn.outcome.": {o.value for o in EndOutcome},
    "form.status.": set(typing.get_args(Status)),
    # The forms name a state or an event by its step's or outcome's title, else by this word,
    # else by its id, and a rule a request breaks by this word, else by its code: open sets.
    "form.state.": None,
    "form.event.": None,
    "form.breach.": None,
}
#: Entries whose two languages may fill different places, and why.
PLACES_DIFFER = {"site.date": "Vietnamese writes the month as a number, English by name"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def said_in_code() -> tuple[dict[str, str], dict[str, str]]:
    """Every literal key in the sources and templates, and every family prefix of an f-string
    key, each with the first place it is said."""
    keys: dict[str, str] = {}
    families: dict[str, str] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                if KEY.fullmatch(node.value):
                    keys.setdefault(node.value, where)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if head.endswith(".") and KEY.fullmatch(head[:-1]):
                    families.setdefault(head, where)
    for path in TEMPLATES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for found in TEMPLATE_WORD.finditer(line):
                keys.setdefault(found.group(2), f"{path.relative_to(ROOT)}:{n}")
    return keys, families


def places(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(VOCABULARY))
def test_every_entry_says_its_word_in_both_languages(key: str) -> None:
    pair = VOCABULARY[key]
    assert len(pair) == len(LANGUAGES) and all(isinstance(s, str) and s.strip() == s and s for s in pair), pair
    assert KEY.fullmatch(key), f"{key}: a key starts with one of {AREAS}"
    if key not in PLACES_DIFFER:
        vi, en = (places(s) for s in pair)
        assert vi == en, f"{key}: Vietnamese fills {sorted(vi)}, English {sorted(en)}"


def test_every_key_the_code_says_is_in_the_table() -> None:
    keys, families = said_in_code()
    missing = {k: where for k, where in keys.items() if k not in VOCABULARY}
    assert not missing, missing
    unknown = {f: where for f, where in families.items() if f not in FAMILIES}
    assert not unknown, f"a key made from a value needs its family in FAMILIES: {unknown}"


def test_every_family_has_an_entry_for_each_value_and_no_other() -> None:
    for prefix, values in FAMILIES.items():
        have = {k[len(prefix):] for k in VOCABULARY if k.startswith(prefix)}
        assert have, prefix
        if values is not None:
            assert have == values, prefix


def test_every_entry_is_said_somewhere() -> None:
    keys, families = said_in_code()
    unused = [k for k in VOCABULARY if k not in keys and not any(k.startswith(f) for f in families)]
    assert not unused, unused
    assert set(families) == set(FAMILIES), "a family no code says any more"


def test_a_missing_word_or_language_fails_loudly() -> None:
    assert word("site.step_n", "en", n=3) == "Step 3"
    assert word("chart.timeout", "vi", time="{x} 3 ngày") == "sau {x} 3 ngày"  # values are not read again
    with pytest.raises(KeyError):
        word("site.no-such-word", "vi")
    with pytest.raises(KeyError):
        word("site.step_n", "fr")  # type: ignore[arg-type]
    assert (language("en", otherwise="vi"), language("fr", otherwise="vi"), language("fr", otherwise="en")) == (
        "en", "vi", "en")  # fmt: skip
