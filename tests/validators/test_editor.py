"""The editor and ``motcua validate`` agree: the YAML language server (the engine of VS Code's
YAML extension, from node_modules) is run over every shipped and test spec with the schema its
first line names, and its verdict per file is compared with the CLI's.

The language server reads YAML 1.2 core (``2013`` is a number, ``0x1`` the number 1); the CLI
reads plain scalars as text except under numeric keys. The schema takes the number the editor
reads wherever the CLI takes text, and refuses what the CLI refuses where JSON Schema can say it.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
CASES = ROOT / "tests" / "cases"
AGENCY = CASES / "agency" / "agency.yaml"
#: The shipped catalogue and every agency folder of the tests (each validated as a catalogue).
CATALOGS = [ROOT / "procedures", *sorted({a.parent for a in (ROOT / "tests").rglob("agency.yaml")
                                          if not a.is_relative_to(CASES)})]
SPEC_ROOTS = [ROOT / "procedures", ROOT / "tests"]
MODELINE = "# yaml-language-server: $schema="

#: Files the CLI refuses for a rule of its own strict YAML reading, which no JSON Schema sees:
#: merge keys, tags, a value over the length cap, bytes that are not UTF-8 text, an empty file,
#: several documents in one file.
READER_ONLY = {"YML003", "YML004", "YML008", "YML009", "YML012", "YML013"}
#: Office-hour blocks each in order but the second before the first: draft-07 cannot compare
#: one item of a list with another (a block that ends before it starts is in the pattern).
CROSS_ITEM = {"sch005-bad-value-office-hours.yaml"}


def spec_files() -> list[Path]:
    return sorted(p for base in SPEC_ROOTS for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


class LanguageServer:
    """A yaml-language-server over stdio, spoken to in JSON-RPC (the Language Server Protocol)."""

    settings: dict[str, Any] = {"validate": True, "hover": True, "completion": True, "yamlVersion": "1.2",
                                "schemaStore": {"enable": False}, "format": {"enable": False}}

    def __init__(self) -> None:
        self.proc = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline().strip()):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        asked = self.next_id
        self._send({"id": asked, "method": method, "params": params})
        for message in self._messages(timeout=60):
            if message.get("id") == asked and "method" not in message:
                return message.get("result")
        raise AssertionError(f"no answer to {method}")

    def _messages(self, timeout: float) -> Iterator[dict[str, Any]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                yield {}
                continue
            if message is None:
                raise AssertionError("the language server stopped")
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self._send({"id": message["id"], "result": [self.settings if i.get("section") == "yaml" else None
                                                              for i in items]})
            elif "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            yield message

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        body = text if text is not None else path.read_bytes().decode("utf-8", "replace")
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": body}})
        return uri

    def diagnose(self, paths: list[Path]) -> dict[Path, list[dict[str, Any]]]:
        uris = {self.open(p): p for p in paths}
        quiet_since = time.monotonic()
        for message in self._messages(timeout=180):
            if message.get("method") == "textDocument/publishDiagnostics":
                quiet_since = time.monotonic()
            if set(uris) <= set(self.diagnostics) and time.monotonic() - quiet_since > 1.5:
                break
        missing = set(uris) - set(self.diagnostics)
        assert not missing, f"no diagnostics for {sorted(missing)}"
        return {p: self.diagnostics[u] for u, p in uris.items()}

    def diagnose_text(self, path: Path, text: str) -> list[str]:
        """The messages for ``text`` as if it were the file ``path`` (never written)."""
        uri = self.open(path, text)
        for _ in self._messages(timeout=60):
            if uri in self.diagnostics:
                break
        return [d["message"] for d in self.diagnostics[uri]]

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    assert SERVER.is_file(), "yaml-language-server is missing: run npm ci"
    ls = LanguageServer()
    yield ls
    ls.close()


def cli_verdicts() -> dict[Path, list[Diagnostic]]:
    """Each spec file's errors, validated in its catalogue as ``motcua validate`` does."""
    found: dict[Path, list[Diagnostic]] = defaultdict(list)
    groups = [[c] for c in CATALOGS] + [[CASES / "valid", AGENCY]]
    for group in groups:
        for d in validate_paths([str(g) for g in group], cache_dir=None).diagnostics:
            found[Path(d.file).resolve()].append(d)
    for case in sorted((CASES / "invalid").glob("*.yaml")):
        other = case.with_name(case.stem + ".other.yml")
        paths = [case, *([other] if other.exists() else []), AGENCY]
        for d in validate_paths([str(p) for p in paths], cache_dir=None).diagnostics:
            if Path(d.file).resolve() in (case.resolve(), other.resolve()):
                found[Path(d.file).resolve()].append(d)
    return {p: [d for d in ds if d.is_error and d.code[:3] in ("SCH", "YML")] for p, ds in found.items()}


def test_the_editor_and_the_cli_agree_on_every_spec(server: LanguageServer) -> None:
    files = spec_files()
    assert len(files) > 110
    # Every spec is validated by the CLI in its catalogue: none is left out of the comparison.
    assert {p for p in files if not any(p.is_relative_to(c) for c in [*CATALOGS, CASES])} == set()
    editor = server.diagnose(files)
    cli = cli_verdicts()
    apart = {}
    for path in files:
        said = [(d["range"]["start"]["line"] + 1, d["message"]) for d in editor[path]]
        refused = cli.get(path.resolve(), [])
        if bool(said) != bool(refused):
            apart[path.relative_to(ROOT).as_posix()] = (said, [(d.code, d.line, d.message) for d in refused])
    beyond_schema = {
        name for name, (said, refused) in apart.items()
        if not said and (Path(name).name in CROSS_ITEM or {code for code, _l, _m in refused} <= READER_ONLY)
    }
    assert {k: v for k, v in apart.items() if k not in beyond_schema} == {}
    assert all(Path(name).name.startswith(("yml", "sch005-bad-value-office-hours")) for name in beyond_schema)


@pytest.mark.parametrize(("line", "refused"), [
    ("valid_from: 2024-02-30", True), ("valid_from: 2024-02-29", False), ("valid_from: 2023-02-29", True),
    ("valid_from: 2100-02-29", True), ("valid_from: 2000-02-29", False), ("valid_from: 2024-04-31", True),
    ("version: 2013", False), ("code: 1.010827", False), ("version: 1.0", False),
])
def test_the_editor_reads_plain_scalars_as_the_cli_does(server: LanguageServer, tmp_path: Path, line: str,
                                                         refused: bool) -> None:
    base = (CASES / "valid" / "dang-ky-thu-nghiem.yaml").read_text(encoding="utf-8")
    key = line.split(":")[0]
    text = "\n".join(ln for ln in base.splitlines() if not ln.startswith(key + ":")) + f"\n{line}\n"
    spec = CASES / "valid" / f"editor-{tmp_path.name}.yaml"  # beside the case: the modeline's path holds
    said = server.diagnose_text(spec, text)
    cli = [d.code for d in _validate_text(tmp_path, text) if d.code[:3] == "SCH"]
    assert bool(said) == refused == bool(cli), (said, cli)


def _validate_text(tmp_path: Path, text: str) -> list[Diagnostic]:
    (tmp_path / "agency.yaml").write_bytes(AGENCY.read_bytes())
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    return validate_paths([str(tmp_path)], cache_dir=None).diagnostics


def test_every_spec_file_names_its_schema() -> None:
    files = spec_files()
    for path in files:
        first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
        assert first.startswith(MODELINE), path
        target = (path.parent / first[len(MODELINE):]).resolve()
        assert target.is_file(), path
        agency = re.search(rb"^kind: *agency\b", path.read_bytes(), re.M)
        kind = "agency" if agency or path.name == "agency.yaml" else "procedure"
        assert target.name == f"{kind}.schema.json", path


def test_the_catalogue_schema_offers_the_units_in_the_editor(server: LanguageServer, tmp_path: Path) -> None:
    catalog = tmp_path / "cat"
    (catalog / "so").mkdir(parents=True)
    (catalog / "so" / "agency.yaml").write_bytes(AGENCY.read_bytes())
    result = CliRunner().invoke(main, ["new", "procedure", "cap-thu", "--agency", "so-thu-nghiem",
                                       "--catalog", str(catalog)])
    assert result.exit_code == 0, result.output
    spec = catalog / "so" / "cap-thu.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=procedure.schema.json\n")
    assert (catalog / "so" / "procedure.schema.json").is_file()
    assert server.diagnose([spec])[spec] == []
    lines = text.splitlines()
    row = next(i for i, ln in enumerate(lines) if ln.strip().startswith("unit: mot-cua"))
    column = lines[row].index("mot-cua")
    uri = spec.resolve().as_uri()
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": row, "character": column + 2}})
    assert "Bộ phận Tiếp nhận và Trả kết quả / One-stop reception and result desk" in json.dumps(hover,
                                                                                                 ensure_ascii=False)
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"text": "\n".join(lines[:row] + [lines[row][:column]] + lines[row + 1:]) + "\n"}]})
    done = server.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                       "position": {"line": row, "character": column}})
    offered = {item["label"] for item in (done["items"] if isinstance(done, dict) else done)}
    assert {"mot-cua", "phong-chuyen-mon", "lanh-dao", "ubnd-xa"} <= offered
    # A unit the agency does not have is refused in the editor, in both languages.
    wrong = server.diagnose_text(spec.with_name("cap-thu-sai.yaml"), text.replace("unit: mot-cua", "unit: mot-cuaa", 1))
    assert any("Chọn một đơn vị" in m and "Choose one of the units" in m for m in wrong), wrong
