"""What a repository or a spec can do to the checker: nothing runs, nothing outside is read.

Caches in the working folder are never loaded, a cache is data signed with the user's key,
links out of the catalogue and special files are refused without being opened, and text from
a spec reaches the terminal with its control characters escaped.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from motcua.cli import main
from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.specfiles import MAX_BYTES, Unreadable, discover, read_capped
from motcua.engine.spec.yamlstrict import parse_text
from motcua.validators import cache as validation_cache
from motcua.validators.assembly import validate_and_load
from motcua.validators.formats import format_github, format_text
from motcua.validators.runner import validate_paths

ROOT = Path(__file__).parent.parent.parent
CASES = ROOT / "tests" / "cases"
AGENCY = CASES / "agency" / "agency.yaml"
VALID = CASES / "invalid" / "sch005-bad-value-date.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def catalog(tmp_path: Path) -> Path:
    """A small valid catalogue: the test agency and one procedure."""
    folder = tmp_path / "cat"
    folder.mkdir()
    shutil.copy(AGENCY, folder / "agency.yaml")
    text = VALID.read_text(encoding="utf-8").replace("valid_from: 2024-02-30", "valid_from: 2024-02-28")
    (folder / "p.yaml").write_text(text, encoding="utf-8")
    return folder


class _Payload:
    """Unpickling this writes a file: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "ran"))


def _plant_pickles(folder: Path, marker: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("validate-v1.pickle", "models-v1.pickle"):
        (folder / name).write_bytes(pickle.dumps(_Payload(marker)))


# -- 1. caches -------------------------------------------------------------------------------


def test_a_cache_committed_to_the_repository_is_never_loaded(catalog: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "pwned"
    monkeypatch.chdir(catalog.parent)
    _plant_pickles(catalog.parent / ".motcua_cache", marker)
    assert run("validate", str(catalog.name))[0] == 0
    assert run("validate", str(catalog.name))[0] == 0
    assert not marker.exists()


def test_no_cache_folder_ever_unpickles(catalog: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    chosen = tmp_path / "chosen"
    _plant_pickles(chosen, marker)
    for _ in range(2):
        report, loaded = validate_and_load([catalog], cache_dir=str(chosen))
        assert loaded is not None and report.errors == 0
    assert not marker.exists()


def test_the_cache_goes_to_the_user_cache_folder(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    xdg = tmp_path_factory.mktemp("xdg")
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(xdg)
    before = sorted(p.name for p in catalog.parent.iterdir())
    r = subprocess.run([sys.executable, "-m", "motcua", "validate", "-v", "cat"], cwd=catalog.parent,
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    again = subprocess.run([sys.executable, "-m", "motcua", "validate", "-v", "cat"], cwd=catalog.parent,
                           capture_output=True, text=True, env=env, timeout=120)
    assert "(2 from the cache)" in again.stdout
    assert sorted(p.name for p in catalog.parent.iterdir()) == before
    written = list((xdg / "motcua" / "validate").glob("*.json"))
    assert len(written) == 1
    assert (xdg / "motcua" / "secret-key").stat().st_mode & 0o077 == 0


def _cache_path(catalog: Path, cache: Path) -> Path:
    return Path(validation_cache.cache_file(str(cache), [catalog]))


def test_a_forged_cache_cannot_hide_errors(tmp_path: Path) -> None:
    """A cache written without the user's key, even of the right layout, is foreign."""
    folder = tmp_path / "broken"
    folder.mkdir()
    shutil.copy(AGENCY, folder / "agency.yaml")
    shutil.copy(VALID, folder / "p.yaml")  # SCH005: 30 February
    cache = tmp_path / "cache"
    first = validate_paths([folder], cache_dir=str(cache))
    assert first.errors == 1
    path = _cache_path(folder, cache)
    header, _, body = path.read_bytes().partition(b"\n")
    doc = json.loads(body)
    for entry in doc["entries"]:
        entry["diagnostics"] = []
    forged = json.dumps(doc).encode()
    # Without the key the hash cannot be made; the old one no longer fits.
    path.write_bytes(header + b"\n" + forged)
    assert validate_paths([folder], cache_dir=str(cache)).errors == 1


@pytest.mark.parametrize("damage", [
    b"", b"motcua-validate-cache 2 \n{}", b"\x80\x81 not even text", b"[" * 100000,
])
def test_a_damaged_cache_counts_as_empty(damage: bytes, catalog: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert validate_paths([catalog], cache_dir=str(cache)).cached == 0
    path = _cache_path(catalog, cache)
    path.write_bytes(damage)
    report = validate_paths([catalog], cache_dir=str(cache))
    assert report.cached == 0 and report.errors == 0


def test_a_signed_cache_with_a_wrong_field_counts_as_empty(catalog: Path, tmp_path: Path) -> None:
    """Contents are checked like input even when the signature fits (a cache of another
    layout written by this user)."""
    cache = tmp_path / "cache"
    validate_paths([catalog], cache_dir=str(cache))
    path = _cache_path(catalog, cache)
    _header, _, body = path.read_bytes().partition(b"\n")
    doc = json.loads(body)
    doc["entries"][0]["diagnostics"] = [{"code": "X", "line": "1"}]
    entries = validation_cache.load_entries(str(path), doc["fingerprint"])
    assert entries  # the file as written reads back
    fake = json.dumps(doc).encode()
    path.write_bytes(validation_cache._HEADER + validation_cache._mac(fake).encode() + b"\n" + fake)
    assert validation_cache.load_entries(str(path), doc["fingerprint"]) == {}
    assert validate_paths([catalog], cache_dir=str(cache)).cached == 0


# -- 2. links and special files -------------------------------------------------------------


def test_a_link_out_of_the_catalogue_is_not_read(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_TEST_SECRET", "s3cr3t-value-in-the-environment")
    (catalog / "x.yaml").symlink_to("/proc/self/environ")
    for target in (str(catalog), str(catalog / "x.yaml")):
        code, out, err = run("validate", "--no-cache", target)
        assert code == 2
        assert "s3cr3t" not in out + err
        assert "x.yaml:1:1: YML010 is a link to a file outside the folder given" in out


def test_a_link_inside_the_catalogue_is_followed(catalog: Path) -> None:
    sub = catalog / "sub"
    sub.mkdir()
    (sub / "p.yaml").symlink_to(catalog / "p.yaml")
    files, problems = discover([catalog])
    assert problems == [] and str(sub / "p.yaml") in files
    report = validate_paths([catalog], cache_dir=None)
    # Both files are read: the same procedure and version twice.
    assert report.procedures == 2 and {d.code for d in report.diagnostics} == {"VER001", "VER003"}


def test_a_device_is_refused_without_reading(catalog: Path) -> None:
    (catalog / "zero.yaml").symlink_to("/dev/zero")
    (catalog / "inside.yaml").symlink_to(catalog / "zero.yaml")
    report = validate_paths([catalog], cache_dir=None)  # returns at once, reads nothing
    codes = sorted((Path(d.file).name, d.code) for d in report.diagnostics)
    assert codes == [("inside.yaml", "YML010"), ("zero.yaml", "YML010")]
    with pytest.raises(Unreadable, match="not a regular file"):
        read_capped("/dev/zero")


def _in_thread(func: object, timeout: float = 20.0) -> list[object]:
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(func()), daemon=True)  # type: ignore[operator]
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "blocked on a pipe"
    return out


def test_a_pipe_named_like_a_spec_does_not_hang(catalog: Path) -> None:
    os.mkfifo(catalog / "fifo.yaml")
    (report,) = _in_thread(lambda: validate_paths([catalog], cache_dir=None))
    assert [(Path(d.file).name, d.code) for d in report.diagnostics] == [("fifo.yaml", "YML010")]  # type: ignore[attr-defined]
    # Reading it directly (the Python API, a race after discovery) does not block either.
    def read() -> object:
        try:
            return read_capped(catalog / "fifo.yaml")
        except Unreadable as err:
            return err.message

    assert _in_thread(read) == ["is not a regular file (a device, pipe or socket); only regular files are read"]
    # Nor does printing a finding about it.
    text = _in_thread(lambda: format_text([Diagnostic(code="SCH001", message="m", file=str(catalog / "fifo.yaml"))]))
    assert text == [f"{catalog / 'fifo.yaml'}:1:1: SCH001 m\n"]


def test_reads_are_capped_whatever_the_file_reports(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES)
    with pytest.raises(Unreadable) as err:
        read_capped(big)
    assert err.value.code == "YML006"


def test_a_binary_file_shows_no_source_line(tmp_path: Path) -> None:
    spec = tmp_path / "bin.yaml"
    spec.write_bytes(b"motcua: 1\x00\nPASSWORD=hunter2\n")
    report = validate_paths([spec], cache_dir=None)
    assert [d.code for d in report.diagnostics] == ["YML009"]
    assert "hunter2" not in format_text(report.diagnostics)


# -- 6, 11, 12. what the reader lets through, and where it says it is --------------------------


def test_a_trailing_newline_does_not_make_an_id(tmp_path: Path) -> None:
    shutil.copy(AGENCY, tmp_path / "agency.yaml")
    text = VALID.read_text(encoding="utf-8").replace("valid_from: 2024-02-30", "valid_from: 2024-02-28")
    (tmp_path / "p.yaml").write_text(text.replace("id: sch005-bad-value-date", 'id: "sch005-bad-value-date\\n"'),
                                     encoding="utf-8")
    report = validate_paths([tmp_path], cache_dir=None)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("SCH005", 6, 5)]


def test_the_fast_and_the_detailed_check_never_disagree_into_a_pass(monkeypatch: pytest.MonkeyPatch,
                                                                     catalog: Path) -> None:
    """Should the detailed validator find nothing where the fast one found a fault, the file
    still fails."""
    from motcua.validators import schema

    class Silent:
        def iter_errors(self, data: object) -> list[object]:
            return []

    class Refusing:
        def is_valid(self, data: object) -> bool:
            return False

    monkeypatch.setattr(schema, "_slow", lambda kind: Silent())
    monkeypatch.setattr(schema, "_fast", lambda kind: Refusing())
    report = validate_paths([catalog / "p.yaml"], cache_dir=None)
    # REF005 as well: the file is checked without its agency.
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("SCH005", 1, 1), ("REF005", 7, 9)]
    assert report.diagnostics[0].message == ("this procedure spec does not follow the schema, and the detailed check "
                                             "found no single place to point at")  # fmt: skip
    assert report.errors == 2


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85"])
def test_lines_are_counted_as_an_editor_counts_them(breaker: str) -> None:
    doc = parse_text(f'motcua: 1\ntitle: "a{breaker}b"\nnote: x\nbad: [\n')
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("YML005", 5, 1)]
    doc = parse_text(f'motcua: 1\ntitle: "a{breaker}b"\nnote: x\n')
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("YML009", 2, 8)]
    assert doc.locate(("note",)) == (3, 7)
    assert doc.source_line(3) == "note: x"


def test_an_error_at_the_end_of_a_file_without_a_final_line_break() -> None:
    doc = parse_text("a: 1\nb: 2\nc: [1, 2")
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("YML005", 3, 9)]


@pytest.mark.parametrize("escape,shown", [
    ("\\x01", "U+0001"), ("\\0", "U+0000"), ("\\uFFFE", "U+FFFE"), ("\\e", "U+001B"), ("\\x9b", "U+009B"),
    ("\\L", "U+2028"), ("\\r", "U+000D"),
])
def test_control_characters_from_escapes_are_refused(escape: str, shown: str) -> None:
    doc = parse_text(f'motcua: 1\ntitle: "Cty B{escape}Mã hồ sơ"\n')
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("YML009", 2, 8)]
    assert shown in doc.diagnostics[0].message


def test_tabs_and_line_breaks_stay_allowed() -> None:
    doc = parse_text('motcua: 1\ndescription: |\n  Một\n  hai\ntitle: "a\\tb"\n')
    assert doc.diagnostics == [] and doc.data["description"] == "Một\nhai\n"


def test_terminal_output_escapes_what_a_spec_holds(tmp_path: Path) -> None:
    spec = tmp_path / "p.yaml"
    spec.write_bytes(b'motcua: 1\nkind: procedure\nid: "x\x1b]0;owned\x07"\n')
    report = validate_paths([spec], cache_dir=None)
    text = format_text(report.diagnostics)
    github = format_github(report.diagnostics)
    assert "\x1b" not in text and "\x07" not in text and "\\x1b]0;owned\\x07" in text
    assert "\x1b" not in github
    forged = Diagnostic(code="SCH005", message="'a\nfake.yaml:1:1: OK' is bad\u202e", file="p\x1b[2J.yaml",
                        hint="\x1b[31mred")
    shown = format_text([forged])
    assert shown.count("\n") == 2 and "\x1b" not in shown and "\u202e" not in shown


# -- 3, 5. values the schema now refuses -------------------------------------------------------


@pytest.mark.parametrize("url,ok", [
    ("https://vbpl.vn/x", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example", False),
    ("https://a b", False), ("https://x\\n", False),
])
def test_legal_basis_links_are_web_addresses(url: str, ok: bool, catalog: Path) -> None:
    p = catalog / "p.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "time_limit:", f'legal_basis:\n  - {{id: nd-1, title: {{vi: NĐ 1, en: Decree 1}}, url: "{url}"}}\ntime_limit:')
    p.write_text(text, encoding="utf-8")
    report = validate_paths([catalog], cache_dir=None)
    column = text.splitlines()[11].index('url: "') + 6
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == ([] if ok else [("SCH005", 12, column)])


def test_a_duration_no_procedure_can_have_is_refused(catalog: Path) -> None:
    p = catalog / "p.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("time_limit: 10 working days",
                                                       "time_limit: 3000000 working days"), encoding="utf-8")
    report = validate_paths([catalog], cache_dir=None)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("SCH006", 11, 13)]
    assert "at most 9999" in report.diagnostics[0].message


def test_new_never_writes_through_a_link(catalog: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    (catalog / "cap-giay.yaml").symlink_to(outside)  # dangling: the target does not exist yet
    code, _out, err = run("new", "procedure", "cap-giay", "--agency", "so-thu-nghiem", "--catalog", str(catalog))
    assert code == 2 and "already exists" in err
    assert not outside.exists()
    code, out, _err = run("new", "procedure", "cap-giay-moi", "--agency", "so-thu-nghiem", "--catalog", str(catalog))
    assert code == 0 and (catalog / "cap-giay-moi.yaml").is_file()


def test_the_signing_key_is_used_only_when_private(tmp_path: Path) -> None:
    from motcua.engine.spec.cachedir import _read_secret

    key = tmp_path / "secret-key"
    key.write_bytes(b"k" * 32)
    key.chmod(0o600)
    assert _read_secret(str(key)) == b"k" * 32
    key.chmod(0o644)  # another user could read it, and so sign a cache
    assert _read_secret(str(key)) is None
    key.chmod(0o600)
    link = tmp_path / "link"
    link.symlink_to(key)
    assert _read_secret(str(link)) is None
    key.write_bytes(b"k" * 31)
    assert _read_secret(str(key)) is None
