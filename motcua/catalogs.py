"""Finding what a command names: the catalogue, validated, and a procedure in it.

Every command of the front door (the command line now, an HTTP server later) loads a catalogue
and finds a procedure the same way, so the same input gives the same answer and the same error
everywhere. Nothing here prints or exits: it returns values or raises the kinds of
``motcua.engine.spec.errors`` (``SpecError``, ``UnknownProcedure``, ``UnreadableInput``, ``InputError``).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from motcua.engine.definitions import AmbiguousCode, periods, reference
from motcua.engine.spec.diagnostics import Diagnostic, SpecError
from motcua.engine.spec.errors import InputError, UnknownProcedure, UnreadableInput
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Catalog, NotInCatalog, Procedure
from motcua.engine.spec.suggest import did_you_mean_tr

__all__ = [
    "DEFAULT_CATALOG",
    "Found",
    "Loaded",
    "agency_folder",
    "canonical",
    "check_reference",
    "find_procedure",
    "lookup",
    "open_catalog",
    "split_reference",
]

#: The catalogue a command reads when none is named.
DEFAULT_CATALOG = "procedures/"

_SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A catalogue without errors, and the warnings found on the way.

    ``left_out`` holds the procedure files with errors a catalogue opened with
    ``leave_out_broken`` was loaded without: each file's ``agency-id/procedure-id@version`` (""
    when the file cannot be read that far) and its findings.
    """

    catalog: Catalog
    warnings: list[Diagnostic] = field(default_factory=list)
    left_out: dict[str, tuple[str, list[Diagnostic]]] = field(default_factory=dict)

    def refuse_left_out(self, spec: str) -> None:
        """Raise ``SpecError`` with its findings when ``spec`` (a procedure file, or
        ``[agency-id/]procedure-id[@version]``) names a file left out for its errors: without a
        version, any version of the procedure (the one left out may be the one in force)."""
        ref, version = split_reference(spec)
        wanted = os.path.realpath(spec) if Path(spec).is_file() else None
        for file, (key, findings) in self.left_out.items():
            named, _, its_version = key.partition("@")
            if (wanted is not None and os.path.realpath(file) == wanted) or (
                    wanted is None and key and ref in (named, named.partition("/")[2])
                    and version in (None, its_version)):
                raise _file_error(file, findings)

    def unread_note(self) -> Tr | None:
        """A note naming the files left out that were too broken to say which procedure they
        hold (a lookup that finds nothing may have meant one), or ``None``."""
        unread = sorted(file for file, (key, _findings) in self.left_out.items() if not key)
        if not unread:
            return None
        n, files = len(unread), ", ".join(unread)
        return tr(f"; {n} tệp thủ tục có lỗi không đọc được: {files} (`motcua validate` cho biết lý do)",
                  f"; {n} procedure file{'' if n == 1 else 's'} with errors could not be read: "
                  f"{files} (`motcua validate` shows why)")


@dataclass(frozen=True, slots=True)
class Found:
    """A procedure and the catalogue it was found in."""

    catalog: Catalog
    procedure: Procedure
    warnings: list[Diagnostic] = field(default_factory=list)


def _file_error(file: str, findings: list[Diagnostic]) -> SpecError:
    """``SpecError`` for one procedure file left out for its errors, naming the file and the
    command that shows each error with its line."""
    return SpecError([d for d in findings if d.is_error], file=file)


def _unreadable(message: Tr, path: str) -> UnreadableInput:
    """``UnreadableInput`` for ``path``, its message in both languages."""
    return UnreadableInput(message, path=path)


def open_catalog(path: str | os.PathLike[str], *, cache_dir: str | None = None,
                 progress: Callable[[int, int], None] | None = None, leave_out_broken: bool = False) -> Loaded:
    """The catalogue under ``path``, validated.

    Raises ``UnreadableInput`` when ``path`` is not there and ``SpecError`` (with the path and
    every diagnostic) when a spec has errors. ``cache_dir`` keeps unchanged files' findings, as
    ``motcua validate`` does. With ``leave_out_broken``, procedure files with errors are left
    out (``Loaded.left_out``) so that one broken draft does not stop work on the others; errors
    in an agency file still raise.
    """
    from motcua.validators.assembly import validate_and_load

    name = os.fspath(path)
    if not os.path.lexists(name):
        raise _unreadable(tr(f"{name}: không có tệp hay thư mục này", f"{name}: no such file or folder"), name)
    report, catalog = validate_and_load([name], cache_dir=cache_dir, progress=progress, root=name,
                                        leave_out_broken=leave_out_broken)
    if catalog is None:
        raise SpecError(report.diagnostics, path=name)
    left_out = {file: (key, [d for d in report.diagnostics if d.file == file]) for file, key in report.left_out.items()}
    return Loaded(catalog, [d for d in report.diagnostics if d.file not in left_out], left_out)


def agency_folder(spec: str | os.PathLike[str]) -> Path | None:
    """The nearest folder above a procedure file that holds an ``agency.yaml``."""
    for folder in Path(spec).resolve().parents:
        if (folder / "agency.yaml").is_file():
            return folder
    return None


def split_reference(spec: str) -> tuple[str, str | None]:
    """``[agency-id/]procedure-id[@version]`` as the reference and the version (or ``None``)."""
    ref, at, version = spec.partition("@")
    return ref, (version if at else None)


def canonical(catalog: Catalog, ref: str) -> str:
    """``ref`` as ``procedure-id`` or ``agency-id/procedure-id``: a procedure id is looked for
    first, then a national code (``1.000656``, ``agency-id/1.000656``), which gives the
    ``agency-id/procedure-id`` of the one procedure carrying it.

    Raises ``InputError`` naming the candidates when several procedures carry the code.
    """
    try:
        return reference(catalog, ref)
    except AmbiguousCode as err:
        raise InputError(tr(err.text("vi"), err.message), procedure=ref, candidates=list(err.candidates)) from None


def lookup(catalog: Catalog, ref: str, *, version: str | None = None, on: dt.date | None = None) -> Procedure:
    """The procedure ``ref`` names (``procedure-id``, ``agency-id/procedure-id`` or a national
    code, see :func:`canonical`): the named version, the version in force ``on`` a day, or else
    the one in force today or the latest.

    Raises ``UnknownProcedure``, with the close names or the versions there are, and
    ``InputError`` for a national code several procedures carry.
    """
    ref = canonical(catalog, ref)
    try:
        return catalog.procedure(ref, version=version, on=on)
    except KeyError as err:
        if isinstance(err, NotInCatalog):
            message = err.said
        elif err.args:
            message = tr(str(err.args[0]), str(err.args[0]))
        else:
            message = tr(f"danh mục không có thủ tục '{ref}'", f"no procedure '{ref}' in the catalogue")
        versions = sorted(p.version for p in catalog.versions(ref))
        if not versions:
            message += did_you_mean_tr(ref.rpartition("/")[2], sorted({p.id for p in catalog.procedures}))
        else:
            listed = ", ".join(versions) if version is not None else periods(catalog.versions(ref))
            message += tr(f"; các phiên bản: {listed}", f"; its versions: {listed}")
        raise UnknownProcedure(message, procedure=ref, **({"version": version} if version else {})) from None


def check_reference(catalog: Catalog, spec: str) -> str:
    """The ``procedure-id`` or ``agency-id/procedure-id`` of the procedure ``spec`` names (also by
    its national code): for a new case, whose version is the one in force on the day of
    receipt, so no version may be named."""
    ref, version = split_reference(spec)
    if version is not None:
        raise InputError(tr(f"'{spec}': hồ sơ theo phiên bản có hiệu lực vào ngày tiếp nhận; "
                            f"hãy gọi tên thủ tục không kèm @{version}",
                            f"'{spec}': a case follows the version in force on the day of receipt; "
                            f"name the procedure without @{version}"), procedure=spec)
    ref = canonical(catalog, ref)
    lookup(catalog, ref)
    return ref


def find_procedure(spec: str, *, catalog_path: str | os.PathLike[str] | None = None,
                   cache_dir: str | None = None) -> Found:
    """The procedure ``spec`` names: a procedure file, or ``[agency-id/]procedure-id[@version]``
    (the procedure id may be its national code).

    A file is looked for in ``catalog_path``, or else in the agency folder above it; a reference
    in ``catalog_path``, or else in ``procedures/``. Without ``@version``: the version in force
    today, or else the latest. Other procedure files with errors are left out of the catalogue;
    the procedure named having errors raises ``SpecError`` with them.
    """
    path = Path(spec)
    if path.is_file():
        folder = catalog_path if catalog_path is not None else agency_folder(path)
        if folder is None:
            raise InputError(tr(f"{spec}: không có agency.yaml trong thư mục của tệp hay phía trên; hãy nêu danh "
                                "mục bằng --catalog",
                                f"{spec}: no agency.yaml in its folder or above; name the catalogue with --catalog"),
                             path=spec)
        loaded = open_catalog(folder, cache_dir=cache_dir, leave_out_broken=True)
        loaded.refuse_left_out(spec)
        wanted = os.path.realpath(path)
        root = Path(loaded.catalog.root)
        for procedure in loaded.catalog.procedures:
            if procedure.file and wanted in (os.path.realpath(procedure.file), os.path.realpath(root / procedure.file)):
                return Found(loaded.catalog, procedure, loaded.warnings)
        raise UnknownProcedure(tr(f"{spec}: không phải là một thủ tục của danh mục {os.fspath(folder)}",
                                  f"{spec}: not a procedure of the catalogue {os.fspath(folder)}"), path=spec)
    if path.suffix.lower() in _SPEC_SUFFIXES or os.path.lexists(path):
        raise _unreadable(tr(f"{spec}: không có tệp thủ tục này", f"{spec}: no such procedure file"), spec)
    ref, version = split_reference(spec)
    loaded = open_catalog(catalog_path if catalog_path is not None else DEFAULT_CATALOG, cache_dir=cache_dir,
                          leave_out_broken=True)
    loaded.refuse_left_out(spec)
    try:
        procedure = lookup(loaded.catalog, ref, version=version)
    except UnknownProcedure as err:
        note = loaded.unread_note()
        if note is None:
            raise
        raise UnknownProcedure(tr(err.text("vi"), err.message) + note, **err.details) from None
    return Found(loaded.catalog, procedure, loaded.warnings)
