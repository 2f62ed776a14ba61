"""``--format json`` on every command that prints a result: pure JSON on stdout, with real values,
and the command's errors as ``{"error": {...}}`` (``motcua.cli.common`` sees the ``fmt`` option).

The JSON of validate, import, diff, report, calendar, simulate, oversight and the case commands
is tested with each command (tests/validators, tests/importers, tests/reform, tests/cli); here
are those of explain, new, render, export and publish, and the rule that every command has one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from motcua.cli import main

CATALOG = Path(__file__).parents[1] / "engine" / "catalog"
PROCEDURE = str(CATALOG / "so-thu-nghiem" / "cap-phep.yaml")

#: Commands whose output is JSON whatever is asked: the schema prints a JSON Schema.
ALWAYS_JSON = {"schema"}

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)")


def leaves(group: click.Group, ctx: click.Context, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found += leaves(command, ctx, f"{prefix}{name} ")
        else:
            found.append((f"{prefix}{name}", command))
    return found


def test_every_command_that_prints_a_result_takes_format_json() -> None:
    with click.Context(main) as ctx:
        commands = leaves(main, ctx)
    assert len(commands) > 20
    lacking = [name for name, command in commands if name not in ALWAYS_JSON and not any(
        p.name == "fmt" and isinstance(p.type, click.Choice) and {"text", "json"} <= set(p.type.choices)
        and "--format" in getattr(p, "opts", ()) for p in command.params)]  # fmt: skip
    assert lacking == []


def run(*args: str) -> tuple[int, object, str]:
    """Exit status, stdout read as JSON, stderr."""
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, json.loads(r.stdout), r.stderr


def test_explain_prints_the_rule_as_json() -> None:
    code, doc, _ = run("explain", "ref004", "--format", "json")
    assert code == 0
    assert doc == {"code": "REF004", "name": "unknown-target", "severity": "error",
                   "summary": "'next', an outcome or a timeout goes to a step or end that does not exist.",
                   "why": "The case would have nowhere to go.", "example": "next: trinh-ki",
                   "fix": "Use the id of a step or end of this procedure."}  # fmt: skip


def test_explain_list_prints_every_rule_as_json() -> None:
    code, doc, _ = run("explain", "--list", "--format", "json")
    assert code == 0 and isinstance(doc, list)
    assert doc[0] == {"code": "YML001", "name": "duplicate-key", "severity": "error",
                      "summary": "A key appears twice in the same mapping."}  # fmt: skip
    codes = [r["code"] for r in doc]
    assert "TPL001" in codes and len(codes) == len(set(codes)) > 50
    assert {r["severity"] for r in doc} == {"error", "warning"}


def test_explain_of_no_rule_is_a_json_error() -> None:
    code, doc, _ = run("explain", "XYZ", "--format", "json")
    assert code == 2
    assert doc == {"error": {"code": "unknown-rule", "rule": "XYZ",
                             "message": "no rule 'XYZ' (motcua explain --list shows them all)"}}  # fmt: skip


def test_new_agency_and_procedure_name_what_they_wrote(tmp_path: Path) -> None:
    code, doc, _ = run("new", "agency", "xa-moi", "--catalog", str(tmp_path), "--format", "json")
    folder = tmp_path / "xa-moi"
    assert code == 0
    assert doc == {"written": [str(folder / "agency.yaml"), str(folder / "agency.schema.json")],
                   "file": str(folder / "agency.yaml"), "schema": str(folder / "agency.schema.json"),
                   "kind": "agency", "id": "xa-moi"}  # fmt: skip
    code, doc, _ = run("new", "procedure", "cap-giay", "--agency", "xa-moi", "--catalog", str(tmp_path),
                       "--dir", str(tmp_path / "ho-tich"), "--format", "json")  # fmt: skip
    assert code == 0 and isinstance(doc, dict)
    assert doc["written"] == [str(tmp_path / "ho-tich" / "cap-giay.yaml"), str(tmp_path / "ho-tich" / "procedure.schema.json")]
    assert (doc["kind"], doc["id"], doc["agency"]) == ("procedure", "cap-giay", "xa-moi")
    assert all(Path(p).is_file() for p in doc["written"])
    assert Path(doc["file"]).read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=procedure.schema.json\n")


def test_new_over_a_file_there_is_a_json_error(tmp_path: Path) -> None:
    assert run("new", "agency", "xa-moi", "--catalog", str(tmp_path), "--format", "json")[0] == 0
    code, doc, _ = run("new", "agency", "xa-moi", "--dir", str(tmp_path / "xa-moi"), "--format", "json")
    assert code == 2 and isinstance(doc, dict)
    assert doc["error"]["code"] == "unwritable-output" and doc["error"]["path"] == str(tmp_path / "xa-moi" / "agency.yaml")


@needs_dot
def test_render_names_the_chart_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    code, doc, err = run("render", PROCEDURE, "-o", str(target), "--lang", "en", "--format", "json")
    assert code == 0 and err == ""
    assert doc == {"written": [str(target)], "procedure": "so-thu-nghiem/cap-phep@1", "view": "internal",
                   "lang": "en", "type": "png"}  # fmt: skip
    assert target.read_bytes().startswith(b"\x89PNG")


@needs_dot
def test_render_still_takes_an_image_type_as_format(tmp_path: Path) -> None:
    target = tmp_path / "chart"
    r = CliRunner().invoke(main, ["render", PROCEDURE, "-o", str(target), "--format", "pdf"])
    assert r.exit_code == 0, r.stderr
    assert target.read_bytes().startswith(b"%PDF") and r.stdout == ""


def test_render_or_export_asked_for_json_without_a_file_is_a_usage_error() -> None:
    for args in (["render", PROCEDURE], ["export", "bpmn", PROCEDURE]):
        code, doc, err = run(*args, "--format", "json")
        assert code == 2
        assert doc == {"error": {"code": "usage-error",
                                 "message": "--format json prints a summary of the file written; give -o FILE"}}
        assert "give -o FILE" in err


def test_export_bpmn_names_the_file_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "cap-phep.bpmn"
    code, doc, err = run("export", "bpmn", PROCEDURE, "-o", str(target), "--format", "json")
    assert code == 0 and err == ""
    assert doc == {"written": [str(target)], "procedure": "so-thu-nghiem/cap-phep@1", "type": "bpmn"}
    assert b"<bpmn:definitions " in target.read_bytes()


@needs_dot
def test_publish_names_the_site_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, doc, _ = run("publish", str(CATALOG), "-o", str(out), "--format", "json")
    assert code == 0 and isinstance(doc, dict)
    assert doc["written"] == [str(out)] and doc["index"] == str(out / "index.html")
    assert (doc["procedures"], doc["not_in_force"], doc["left_out"]) == (2, [], [])
    assert doc["pages"] > doc["procedures"] and doc["figures"] > 0
    assert (out / "index.html").is_file()


@needs_dot
def test_publish_skip_invalid_lists_the_files_left_out_in_json(tmp_path: Path) -> None:
    catalog = tmp_path / "procedures"
    shutil.copytree(CATALOG, catalog)
    broken = catalog / "so-thu-nghiem" / "dang-ky.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: procedure", "kind: procedure\nkind: agency", 1),
                      encoding="utf-8")  # fmt: skip
    code, doc, _ = run("publish", str(catalog), "-o", str(tmp_path / "site"), "--skip-invalid", "--format", "json")
    assert code == 1 and isinstance(doc, dict)
    assert doc["procedures"] == 1
    (left,) = doc["left_out"]
    assert (left["file"], left["code"]) == (str(broken), "YML001") and left["line"] > 1
