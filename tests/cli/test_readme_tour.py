"""The README's tour, run as a reader runs it, on a copy of the repository: every command exits
as the README says, and afterwards git sees nothing changed (the tour writes only under build/).

The blocks of the tour are the code blocks marked ``<!-- tour -->`` in README.md, in order: shell
lines run one by one with the environment's ``motcua`` first on PATH (``export`` sets a variable
for the lines after it, ``CASE`` is the dossier code ``case open`` printed), a Python block runs
with this interpreter. A command exits 0 unless the comment lines under it say ``exit N``. The
error the tour shows (step 3) is made as the README says and must print what the README shows.
The copy is made from ``git ls-files``; the real tree is never a working folder here.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
SPEC = "build/tour/ho-tich/cap-ban-sao-trich-luc.yaml"

pytestmark = [
    pytest.mark.skipif(not (BIN / "motcua").is_file(), reason="needs the motcua command beside this Python"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (apt-get install graphviz)"),
]


@dataclass(frozen=True)
class Line:
    """One command of the tour: its words (or a Python program), and the status it exits with."""

    words: tuple[str, ...]
    status: int = 0
    python: str | None = None

    def __str__(self) -> str:
        return "python: " + self.python[:60] if self.python is not None else shlex.join(self.words)


def tour_blocks(text: str) -> list[tuple[str, str]]:
    """The (language, body) of each code block marked ``<!-- tour -->``, in order."""
    return re.findall(r"<!-- tour -->\n```(sh|bash|python)\n(.*?)```", text, flags=re.DOTALL)


def tour_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for language, body in tour_blocks(text):
        if language == "python":
            lines.append(Line((), python=body))
            continue
        for raw in body.splitlines():
            if raw.lstrip().startswith("#"):  # a comment under a command says how it ends
                said = re.search(r"\bexit (\d+)", raw)
                if said and lines:
                    lines[-1] = Line(lines[-1].words, int(said.group(1)))
                continue
            words = tuple(shlex.split(raw, comments=True))
            if words:
                lines.append(Line(words))
    return lines


def shown_error(text: str) -> list[str]:
    """The lines of the error the README's step 3 shows."""
    found = re.search(r"\*\*3\. See an error\.\*\*.*?```text\n(.*?)```", text, flags=re.DOTALL)
    assert found, "README: step 3 shows no ```text block"
    return found.group(1).splitlines()


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=tour", "-c", "user.email=tour@example.invalid", *args],
                          cwd=folder, capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    return done.stdout


def copy_of_the_repository(target: Path) -> Path:
    """The files git tracks, copied as they are in the working tree, committed in a new repository."""
    for name in git(ROOT, "ls-files", "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "copy")
    return target


def run(line: Line, folder: Path, env: dict[str, str], case_id: str | None) -> subprocess.CompletedProcess[str]:
    if line.python is not None:
        argv = [sys.executable, "-c", line.python]
    else:
        argv = [case_id if w == "CASE" and case_id is not None else w for w in line.words]
    return subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_the_readme_marks_the_tour() -> None:
    text = README.read_text(encoding="utf-8")
    assert [language for language, _ in tour_blocks(text)] == ["sh", "sh", "sh", "python", "sh", "sh"]
    lines = tour_lines(text)
    assert [line.status for line in lines if line.status] == [1]  # the refused fire
    assert all(w.startswith("build/") for line in lines for w in line.words
               if w.startswith(("-o", "build")) and w != "-o" and "/" in w)  # fmt: skip


def test_the_readme_tour_runs_as_written_and_leaves_git_clean(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    folder = copy_of_the_repository(tmp_path / "repository")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", MOTCUA_LANG="en")
    env.pop("MOTCUA_DB", None)
    case_id: str | None = None
    for line in tour_lines(text):
        if line.words[:1] == ("export",):
            name, _, value = line.words[1].partition("=")
            env[name] = value
            continue
        done = run(line, folder, env, case_id)
        assert done.returncode == line.status, f"{line}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-2000:]}"
        if line.words[:2] == ("motcua", "case") and line.words[2:3] == ("open",):
            case_id = done.stdout.split()[0]
            assert re.fullmatch(r"[a-z0-9.-]+-\d{8}-\d{4}", case_id), done.stdout
        if line.words[:2] == ("motcua", "validate") and "build/tour/" in line.words:
            see_an_error(line, folder, env, shown_error(text))
    assert case_id is not None, "the tour opens no case"
    assert git(folder, "status", "--porcelain", "--untracked-files=all") == ""
    # What git ignores, the tour wrote only under build/: no store, cache or chart beside the sources.
    ignored = git(folder, "status", "--porcelain", "--ignored", "--untracked-files=all").splitlines()
    assert ignored and all(entry.startswith("!! build/") for entry in ignored), ignored


def see_an_error(validate: Line, folder: Path, env: dict[str, str], shown: list[str]) -> None:
    """Steps 3 and 4: misspell the target of the ``trinh-ky`` step, see the error, fix it."""
    spec = folder / SPEC
    good = spec.read_text(encoding="utf-8")
    step = good.index("id: trinh-ky")
    at = good.index("next: tra-ket-qua", step)
    spec.write_text(good[:at] + "next: tra-ket-qa" + good[at + len("next: tra-ket-qua"):], encoding="utf-8")
    done = run(validate, folder, env, None)
    assert done.returncode == 1, done.stdout
    printed = done.stdout.splitlines()
    assert shown and all(line in printed for line in shown), f"README step 3 is out of date; validate prints:\n{done.stdout}"
    spec.write_text(good, encoding="utf-8")
    assert run(validate, folder, env, None).returncode == 0
