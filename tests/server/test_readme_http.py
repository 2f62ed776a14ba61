"""The README's HTTP API example, run as written: a token made with `motcua token create`, a real
`motcua serve` process on loopback, and the two curl lines that open a case and read it back."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (body,) = re.findall(r"<!-- http -->\n```sh\n(.*?)```", text, flags=re.DOTALL)
    return body.strip().splitlines()


def run(line: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", line], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def test_the_readme_curl_example_opens_a_case_and_reads_it_back(tmp_path: Path) -> None:
    token_line, serve_line, open_line, show_line = block()
    shipped = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"])
    shutil.copytree(shipped / "procedures", tmp_path / "procedures")
    (tmp_path / "build").mkdir()
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"], "MOTCUA_LANG": "en"}
    added = run("motcua officer add x-mc --db build/cases.db --agency ubnd-xa-muong-xen --unit mot-cua "
                "--name 'Lô Thị Mai' --position 'Công chức một cửa'", env, tmp_path)  # fmt: skip
    assert added.returncode == 0, added.stderr
    made = run(token_line.split("#")[0] + "; echo \"$TOKEN\"", env, tmp_path)
    assert made.returncode == 0, made.stderr
    env["TOKEN"] = made.stdout.strip()
    assert env["TOKEN"].startswith("mct_")
    port = str(free_port())
    command = serve_line.split("&")[0].replace("8000", port)
    server = subprocess.Popen(["bash", "-c", "exec " + command], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.communicate()[1]
                time.sleep(0.2)
        opened = run(open_line.replace("8000", port), env, tmp_path)
        assert opened.returncode == 0, opened.stderr
        case = json.loads(opened.stdout)
        assert case["state"] and case["applicant"] == "Lầu Bá Chư"
        shown = run(show_line.split("  #")[0].replace("8000", port).replace("CASE", case["id"]), env, tmp_path)
        assert shown.returncode == 0, shown.stderr
        again = json.loads(shown.stdout)
        assert (again["id"], again["events"][0]["actor"]) == (case["id"], "x-mc")
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)
