"""The one place that runs a program: Graphviz ``dot``, one chart through the ``graphviz`` package
and a catalogue's charts through few processes.

``draw`` gives one DOT source to ``graphviz.pipe`` (``motcua render``) and ``dot_version`` asks
``graphviz.version()``; the package's ``ExecutableNotFound`` and ``CalledProcessError`` come out
as ``GraphvizNotFound`` and ``GraphvizError``. A ``dot`` process costs more to start than to lay
out a procedure chart, so ``run_dot`` (publishing) feeds each process a chunk of graphs and
splits its output back into one document per graph; the chunks run side by side, one per core.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Final, Sequence

import graphviz  # type: ignore[import-untyped]  # no py.typed marker up to 0.21

from motcua.engine.spec.bulk import cores
from motcua.engine.spec.errors import MotcuaError
from motcua.engine.spec.i18n import tr

__all__ = [
    "FORMATS", "GraphvizError", "GraphvizNotFound", "clean_ids", "dot_version", "draw", "font_file", "run_dot",
]

#: Output formats ``draw`` and ``run_dot`` write: SVG and PNG are byte-identical across runs; PDF
#: embeds its creation date (cairo ignores SOURCE_DATE_EPOCH).
FORMATS: Final = ("svg", "png", "pdf")

#: Below this many graphs per process, starting another process costs more than it saves.
MIN_CHUNK: Final = 8



class GraphvizNotFound(MotcuaError, RuntimeError):
    """``dot`` is not on PATH."""

    code = "graphviz-not-found"
    exit_code = 3

    def __init__(self, executable: str = "dot") -> None:
        super().__init__(tr(f"không tìm thấy Graphviz '{executable}' trong PATH; hãy cài Graphviz: apt-get install graphviz",
                            f"Graphviz '{executable}' was not found on PATH; install Graphviz: apt-get install graphviz"),
                         executable=executable)  # fmt: skip
        self.executable = executable


class GraphvizError(MotcuaError, RuntimeError):
    """``dot`` failed on a graph; ``index`` is its position in the sources, ``stderr`` what dot said."""

    code = "graphviz-failed"
    exit_code = 3

    def __init__(self, index: int, stderr: str, returncode: int) -> None:
        said = stderr.strip().splitlines()[0] if stderr.strip() else None
        first = tr(said, said) if said is not None else tr(f"mã thoát {returncode}", f"exit status {returncode}")
        super().__init__(tr(f"dot lỗi khi vẽ đồ thị {index}: ", f"dot failed on graph {index}: ") + first,
                         index=index, returncode=returncode)  # fmt: skip
        self.index = index
        self.stderr = stderr
        self.returncode = returncode


def _executable() -> str:
    found = shutil.which("dot")
    if found is None:
        raise GraphvizNotFound()
    return found


def font_file(font: str) -> str:
    """The file fontconfig gives for ``font``, with its size and time (``""`` without
    fontconfig): a changed font changes text widths, so a chart cache keys charts by it."""
    if shutil.which("fc-match") is None:
        return ""
    found = subprocess.run(["fc-match", "-f", "%{file}", font], capture_output=True, text=True, check=False)
    path = found.stdout.strip()
    try:
        info = os.stat(path)
    except OSError:
        return path
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


@contextmanager
def _graphviz_errors() -> Iterator[None]:
    """The ``graphviz`` package's errors as ours: the same fix named, the same attributes."""
    try:
        yield
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFound() from None
    except graphviz.CalledProcessError as err:
        stderr = err.stderr.decode("utf-8", "replace") if isinstance(err.stderr, bytes) else str(err.stderr or "")
        raise GraphvizError(0, stderr, err.returncode) from None


def dot_version() -> str:
    """The version of the Graphviz on PATH, e.g. ``2.43.0`` (``graphviz.version()``)."""
    with _graphviz_errors():
        found: tuple[int, ...] = graphviz.version()
    return ".".join(str(part) for part in found)


def draw(source: str, *, format: str = "svg", dpi: float | None = None) -> bytes:
    """One DOT source laid out and drawn by ``graphviz.pipe``: the document, byte for byte what
    ``run_dot`` gives for it. ``dpi`` sets the resolution of PNG output.

    Raises ``GraphvizNotFound`` when ``dot`` is missing and ``GraphvizError`` (``index`` 0)
    when it fails; what dot says on a graph it draws is dropped, as ``run_dot`` drops it.
    """
    if format not in FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(FORMATS)}")
    if dpi is not None and format == "png":
        source = _with_dpi(source, dpi)
    with _graphviz_errors():
        drawn: bytes = graphviz.pipe("dot", format, source.encode("utf-8"), quiet=True)
    return clean_ids(drawn) if format == "svg" else drawn


def _with_dpi(source: str, dpi: float) -> str:
    """``source`` with its resolution set as a graph attribute, which is what ``-Gdpi`` sets:
    ``graphviz.pipe`` passes dot no other arguments. An attribute statement anywhere in the
    graph's body sets it for the whole graph."""
    body = source.rstrip()
    if not body.endswith("}"):
        raise ValueError("a DOT source is one graph, ending with its '}'")
    return f"{body[:-1]}  dpi={dpi:g};\n}}\n"


def _chunks(sources: Sequence[str], parts: int) -> list[range]:
    """``parts`` contiguous index ranges of about equal total text length (so equal work)."""
    total = sum(len(s) for s in sources) or 1
    bounds: list[range] = []
    acc = start = 0
    for i, s in enumerate(sources):
        acc += len(s)
        if acc * parts >= total * (len(bounds) + 1) and len(bounds) < parts - 1:
            bounds.append(range(start, i + 1))
            start = i + 1
    bounds.append(range(start, len(sources)))
    return [b for b in bounds if len(b)]


# dot 2.43 keeps a page count across the graphs of one run and names the root group of every
# graph after the first "page0,1_<id>"; drawn alone a graph has none. A comma cannot be in an
# XML name, so the Nu HTML Checker rejects a page holding such an SVG.
_PAGE_PREFIX: Final = re.compile(rb'(<g id=")page\d+,\d+_')


def clean_ids(svg: bytes) -> bytes:
    """``svg`` without the ``page0,1_`` prefix dot gives the root group of a graph drawn after another."""
    return _PAGE_PREFIX.sub(rb"\1", svg, count=1)


def _split_svg(data: bytes) -> list[bytes]:
    # Each document starts with the XML declaration; text inside an SVG has "<" escaped.
    marker = b"<?xml "
    starts = []
    at = data.find(marker)
    while at != -1:
        starts.append(at)
        at = data.find(marker, at + 1)
    docs = [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]
    # Clean ids in every document: a chart's bytes are then the same whichever batch drew it.
    return [clean_ids(doc) for doc in docs]


_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"


def _split_png(data: bytes) -> list[bytes]:
    """Walk the chunk structure (length, type, data, CRC) to each IEND: exact, whatever the pixels."""
    out, at = [], 0
    while at < len(data):
        if data[at : at + 8] != _PNG_SIGNATURE:
            break
        pos = at + 8
        while pos + 8 <= len(data):
            length = int.from_bytes(data[pos : pos + 4], "big")
            kind = data[pos + 4 : pos + 8]
            pos += 12 + length
            if kind == b"IEND":
                break
        out.append(data[at:pos])
        at = pos
    return out


def _split_pdf(data: bytes) -> list[bytes]:
    marker = b"%%EOF\n"
    out, at = [], 0
    while at < len(data):
        end = data.find(marker, at)
        # A compressed stream could hold the marker; a real end is followed by the next file.
        while end != -1 and data[end + len(marker) : end + len(marker) + 5] not in (b"%PDF-", b""):
            end = data.find(marker, end + 1)
        if end == -1:
            out.append(data[at:])
            break
        out.append(data[at : end + len(marker)])
        at = end + len(marker)
    return out


_SPLIT: Final = {"svg": _split_svg, "png": _split_png, "pdf": _split_pdf}


def _run(exe: str, args: list[str], sources: Sequence[str], first: int, fmt: str) -> list[bytes]:
    # dot reads its graphs from a file and writes to one: through pipes, this process would
    # wake for every few kilobytes of a batch's megabytes, a twentieth of the batch's work.
    with tempfile.TemporaryFile() as graphs, tempfile.TemporaryFile() as drawn:
        graphs.write("\n".join(sources).encode("utf-8"))
        graphs.seek(0)
        done = subprocess.run([exe, *args], stdin=graphs, stdout=drawn, stderr=subprocess.PIPE, check=False)
        drawn.seek(0)
        parts = _SPLIT[fmt](drawn.read())
    if done.returncode == 0 and len(parts) == len(sources):
        return parts
    # Something failed: find which graph, one process per graph of this chunk.
    for i, source in enumerate(sources):
        alone = subprocess.run([exe, *args], input=source.encode("utf-8"), capture_output=True, check=False)
        if alone.returncode != 0 or len(_SPLIT[fmt](alone.stdout)) != 1:
            stderr = alone.stderr.decode("utf-8", "replace")
            if alone.returncode == 0:
                stderr = stderr or "the source does not hold exactly one graph"
            raise GraphvizError(first + i, stderr, alone.returncode)
    raise GraphvizError(first, (done.stderr or b"").decode("utf-8", "replace"), done.returncode)


def run_dot(
    sources: Sequence[str],
    *,
    format: str = "svg",
    jobs: int | None = None,
    dpi: float | None = None,
) -> list[bytes]:
    """Lay out and draw each DOT source; returns one document per source, in order.

    The sources go through ``min(jobs or cores, len(sources) // MIN_CHUNK)`` processes (at least
    one), each fed its chunk on stdin. ``dpi`` sets the resolution of PNG output. Raises
    ``GraphvizNotFound`` when ``dot`` is missing and ``GraphvizError`` naming the graph it
    could not draw.
    """
    if format not in FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(FORMATS)}")
    if isinstance(sources, str):
        raise TypeError("run_dot takes a sequence of DOT sources, not one string")
    if not sources:
        return []
    exe = _executable()
    args = [f"-T{format}"]
    if dpi is not None and format == "png":
        args.append(f"-Gdpi={dpi:g}")
    parts = max(1, min(jobs or cores(), len(sources) // MIN_CHUNK))
    ranges = _chunks(sources, parts)
    if len(ranges) == 1:
        return _run(exe, args, sources, 0, format)
    with ThreadPoolExecutor(max_workers=len(ranges)) as pool:
        futures = [pool.submit(_run, exe, args, [sources[i] for i in r], r.start, format) for r in ranges]
        results = [f.result() for f in futures]
    return [doc for chunk in results for doc in chunk]
