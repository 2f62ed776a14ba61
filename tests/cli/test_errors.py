"""Every command's main failure, in text and in JSON: the exit status of its kind, one line on
stderr (``error: ...``, ``refused: ...``), and with ``--format json`` ``{"error": {"code",
"message", ...}}`` on stdout. One table of exit statuses, in the README and every ``--help``."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from motcua.cli import main
from motcua.engine.spec.errors import EXIT_CODES

ROOT = Path(__file__).parents[2]
CATALOG = ROOT / "tests" / "engine" / "catalog"

def broken_copy(spec: Path) -> str:
    """The spec as another procedure, one of its steps at a unit the agency does not have."""
    text = spec.read_text(encoding="utf-8").replace("id: cap-phep", "id: hong", 1)
    return text.replace("unit: phong-chuyen-mon", "unit: phong-khong-co", 1)


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A catalogue, the same with a spec that has errors, and a store with one case, in a
    temporary folder that is also the current one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MOTCUA_DB", raising=False)
    shutil.copytree(CATALOG, tmp_path / "cat")
    shutil.copytree(CATALOG, tmp_path / "broken")
    (tmp_path / "broken" / "so-thu-nghiem" / "hong.yaml").write_text(
        broken_copy(CATALOG / "so-thu-nghiem" / "cap-phep.yaml"), encoding="utf-8")
    (tmp_path / "foreign.db").write_text("plain text, not a database\n", encoding="utf-8")
    db = str(tmp_path / "cases.db")
    for oid, unit in [("o-mc", "mot-cua"), ("o-cm", "phong-chuyen-mon")]:
        r = CliRunner().invoke(main, ["officer", "add", oid, "--agency", "so-thu-nghiem", "--unit", unit, "--name",
                                      "Hoa", "--position", "Chuyên viên", "--db", db, "--catalog", "cat"])  # fmt: skip
        assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["case", "open", "cap-phep", "--applicant", "An", "--actor", "o-mc", "--at",
                                  "2025-03-03T08:00", "--db", db, "--catalog", "cat"])  # fmt: skip
    assert r.exit_code == 0, r.output
    return {"db": db, "case": r.stdout.split()[0], "spec": "cat/so-thu-nghiem/cap-phep.yaml",
            "broken_spec": "broken/so-thu-nghiem/hong.yaml"}


@dataclass(frozen=True)
class Failing:
    args: tuple[str, ...]
    status: int
    code: str
    said: str  # in the last line of stderr, after its label
    label: str = "error"
    json: bool = True  # the command takes --format json


FAILURES = {
    "validate a missing path": Failing(("validate", "nope/"), 2, "unreadable-input", "nope/: no such file or folder"),
    "explain an unknown code": Failing(("explain", "REF01"), 2, "unknown-rule", "no rule 'REF01'; did you mean",
                                       json=False),
    "new with a bad id": Failing(("new", "procedure", "Cap_Giay", "--agency", "so-thu-nghiem", "--catalog", "cat"),
                                 2, "invalid-input", "'Cap_Giay' is not an id", json=False),
    "new for an unknown agency": Failing(("new", "procedure", "cap-giay", "--agency", "so-khac", "--catalog", "cat"),
                                         2, "invalid-input", "no agency 'so-khac' in cat", json=False),
    "render an unknown procedure": Failing(("render", "cap-phe", "--catalog", "cat"), 2, "unknown-procedure",
                                           "no procedure 'cap-phe' in the catalogue; did you mean 'cap-phep'?",
                                           json=False),
    "render a missing file": Failing(("render", "khong-co.yaml"), 2, "unreadable-input",
                                     "khong-co.yaml: no such procedure file", json=False),
    "render a procedure with errors": Failing(("render", "{broken_spec}"), 1, "spec-error",
                                              "so-thu-nghiem/hong.yaml has 1 error; `motcua validate", json=False),
    "export an unknown version": Failing(("export", "bpmn", "cap-phep@1999", "--catalog", "cat"), 2,
                                         "unknown-procedure", "procedure 'cap-phep' has no version '1999'; its versions: 1",
                                         json=False),
    "export a procedure with errors": Failing(("export", "bpmn", "hong", "--catalog", "broken"), 1,
                                              "spec-error", "so-thu-nghiem/hong.yaml has 1 error; `motcua validate",
                                              json=False),
    "export from a missing catalogue": Failing(("export", "bpmn", "cap-phep", "--catalog", "nowhere"), 2,
                                               "unreadable-input", "nowhere: no such file or folder", json=False),
    "publish into its catalogue": Failing(("publish", "cat", "-o", "cat"), 2, "output-refused",
                                          "cat: the output folder holds the catalogue cat; choose another -o folder",
                                          json=False),
    "publish a catalogue with errors": Failing(("publish", "broken", "-o", "site"), 1, "spec-error",
                                               "catalogue broken has 1 error", json=False),
    "case open an unknown procedure": Failing(("case", "open", "cap-phe", "--applicant", "An", "--actor", "o-mc",
                                               "--db", "{db}", "--catalog", "cat"), 2, "unknown-procedure",
                                              "did you mean 'cap-phep'"),
    "case open a procedure with errors": Failing(("case", "open", "hong", "--applicant", "An", "--actor",
                                                  "o-mc", "--db", "{db}", "--catalog", "broken"), 1, "spec-error",
                                                 "so-thu-nghiem/hong.yaml has 1 error; `motcua validate"),
    "case open without a store": Failing(("case", "open", "cap-phep", "--applicant", "An", "--actor", "o-mc", "--db",
                                          "none.db", "--catalog", "cat"), 2, "store-missing",
                                         "'motcua officer add' creates a store there"),
    "case fire an unknown case": Failing(("case", "fire", "000.00.99.H99-20250303-0009", "complete", "--actor",
                                          "o-mc", "--db", "{db}"), 2, "unknown-case", "no case '000.00.99.H99-"),
    "case fire a refused event": Failing(("case", "fire", "{case}", "approve", "--actor", "o-cm", "--at",
                                          "2025-03-03T09:00", "--db", "{db}"), 1, "refused",
                                         "does not apply at 'tiep-nhan'", label="refused"),
    "case fire at a bad time": Failing(("case", "fire", "{case}", "complete", "--actor", "o-mc", "--at", "yesterday",
                                        "--db", "{db}"), 2, "invalid-input", "--at 'yesterday' is not an ISO 8601 time"),
    "case correct the receipt": Failing(("case", "correct", "{case}", "--actor", "o-mc", "--reason", "Nhầm",
                                         "--at", "2025-03-03T09:00", "--db", "{db}"), 1, "refused", "receipt",
                                        label="refused"),
    "case show an unknown case": Failing(("case", "show", "X-1", "--db", "{db}"), 2, "unknown-case", "no case 'X-1'"),
    "case list a foreign store": Failing(("case", "list", "--db", "foreign.db"), 2, "store-foreign",
                                         "not a motcua case store"),
    "case tick without a store": Failing(("case", "tick", "--db", "none.db"), 2, "store-missing", "none.db"),
    "officer add an unknown unit": Failing(("officer", "add", "o-x", "--agency", "so-thu-nghiem", "--unit", "phong-x",
                                            "--name", "X", "--position", "Y", "--db", "{db}", "--catalog", "cat"),
                                           2, "invalid-input", "no unit 'phong-x'"),
    "officer list a foreign store": Failing(("officer", "list", "--db", "foreign.db"), 2, "store-foreign",
                                            "not a motcua case store"),
}


def invoke(args: tuple[str, ...], where: dict[str, str], *extra: str) -> Result:
    return CliRunner().invoke(main, [a.format(**where) for a in args] + list(extra))


@pytest.mark.parametrize("failing", FAILURES.values(), ids=FAILURES.keys())
def test_each_failure_ends_in_one_line_with_the_status_of_its_kind(where: dict[str, str], failing: Failing) -> None:
    r = invoke(failing.args, where)
    assert r.exit_code == failing.status, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    last = r.stderr.splitlines()[-1]
    assert last.startswith(f"{failing.label}: ") and failing.said in last, r.stderr
    if failing.code != "spec-error":
        assert r.stderr.count("\n") == 1, r.stderr
    else:  # the errors first, then the one line
        assert re.fullmatch(r"\S+hong.yaml:\d+:\d+: REF001 .*'phong-khong-co'.*\n += hint: .*\n.*\n", r.stderr), r.stderr


@pytest.mark.parametrize("failing", [f for f in FAILURES.values() if f.json],
                         ids=[name for name, f in FAILURES.items() if f.json])
def test_with_format_json_each_failure_is_also_a_json_object(where: dict[str, str], failing: Failing) -> None:
    r = invoke(failing.args, where, "--format", "json")
    assert r.exit_code == failing.status, (r.stdout, r.stderr)
    error = json.loads(r.stdout)["error"]
    assert error["code"] == failing.code and failing.said in error["message"]
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"{failing.label}: "), r.stderr
    assert r.stderr.rstrip("\n").endswith(" ".join(error["message"].split()))


def test_json_errors_carry_their_details(where: dict[str, str]) -> None:
    spec_error = json.loads(invoke(FAILURES["case open a procedure with errors"].args, where,
                                   "--format", "json").stdout)["error"]  # fmt: skip
    assert spec_error["errors"] == 1 and spec_error["path"].endswith(str(Path("so-thu-nghiem/hong.yaml")))
    assert {d["file"] for d in spec_error["diagnostics"]} == {str(Path("broken/so-thu-nghiem/hong.yaml"))}
    store = json.loads(invoke(FAILURES["case list a foreign store"].args, where, "--format", "json").stdout)["error"]
    assert store["location"] == "foreign.db"
    missing = json.loads(invoke(FAILURES["validate a missing path"].args, where, "--format", "json").stdout)["error"]
    assert missing == {"code": "unreadable-input", "message": "nope/: no such file or folder", "path": "nope/"}


def test_a_usage_error_is_clicks_and_with_json_also_an_object(where: dict[str, str]) -> None:
    r = invoke(("case", "fire", "{case}", "--db", "{db}"), where)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == "Error: Missing argument 'EVENT'."
    r = invoke(("case", "fire", "{case}", "--db", "{db}", "--format", "json"), where)
    assert r.exit_code == 2
    assert json.loads(r.stdout) == {"error": {"code": "usage-error", "message": "Missing argument 'EVENT'."}}
    r = invoke(("case", "list", "--format=json", "--overdue=maybe"), where)
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "usage-error"
    r = invoke(("schema", "bpmn"), where)
    assert r.exit_code == 2 and "'bpmn' is not one of 'procedure', 'agency'" in r.stderr and r.stdout == ""
    r = invoke(("schema", "procedure", "--format", "json"), where)  # schema has no --format: click's error only
    assert r.exit_code == 2 and r.stdout == ""
    r = invoke(("render", "cap-phep", "--format", "json"), where)  # a JSON summary needs -o
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "usage-error"


def test_an_unexpected_fault_ends_in_one_line_with_status_3(where: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import motcua.cli.case

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a fault\nover two lines")

    monkeypatch.setattr(motcua.cli.case, "case_document", broken)
    r = invoke(("case", "list", "--db", "{db}"), where)
    assert r.exit_code == 3 and r.stdout == ""
    assert r.stderr == "error: internal error: RuntimeError: a fault over two lines\n"
    r = invoke(("case", "list", "--db", "{db}", "--format", "json"), where)
    assert r.exit_code == 3 and r.stderr == "error: internal error: RuntimeError: a fault over two lines\n"
    assert json.loads(r.stdout)["error"] == {"code": "internal-error", "exception": "RuntimeError",
                                             "message": "internal error: RuntimeError: a fault\nover two lines"}


def test_the_label_of_a_conflict() -> None:
    from motcua.cli.common import report
    from motcua.engine.store.base import ConflictError

    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        report(ConflictError("C-1", expected=2, found=3), json_output=True)
    assert err.getvalue().decode().startswith("conflict: conflict on case C-1: it was changed by someone else")
    assert json.loads(out.getvalue())["error"] == {
        "code": "conflict", "case": "C-1", "expected": 2, "found": 3,
        "message": "conflict on case C-1: it was changed by someone else (expected revision 2, found 3); "
                   "show it again and retry"}  # fmt: skip


def _commands(group: click.Group, ctx: click.Context) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((name,))
        if isinstance(command, click.Group):
            found += [(name, *sub) for sub in _commands(command, ctx)]
    return found


COMMANDS = _commands(main, click.Context(main))


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_help_ends_with_the_exit_status_table(path: tuple[str, ...]) -> None:
    r = CliRunner().invoke(main, [*path, "--help"], terminal_width=200)
    assert r.exit_code == 0
    tail = r.stdout.rstrip("\n").splitlines()[-len(EXIT_CODES) - 1:]
    assert tail[0].strip() == "Exit status:"
    assert [line.split(None, 1) for line in tail[1:]] == [[str(k), v] for k, v in EXIT_CODES.items()]


def test_the_readme_has_the_one_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("| status | meaning |") == 1
    rows = [line for line in readme.splitlines() if re.match(r"\| \d \| ", line)]
    assert [row.split(" | ")[:2] for row in rows] == [[f"| {k}", v] for k, v in EXIT_CODES.items()]
