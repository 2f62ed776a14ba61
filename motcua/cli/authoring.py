"""``motcua schema`` and ``motcua new``: help authors start and check specs in their editor."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import click

from motcua.cli.common import Command, Group
from motcua.engine.spec.errors import InputError, UnwritableOutput

__all__ = ["schema", "new", "starter_procedure"]


@click.command(cls=Command)
@click.argument("kind", type=click.Choice(["procedure", "agency"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema (draft-07) of procedure or agency files."""
    from motcua.validators.schema import schema_text

    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            raise UnwritableOutput(f"cannot write {output}: {err.strerror or err}", path=str(output)) from None
        click.echo(f"wrote {output}", err=True)


def _schema_path(kind: str) -> Path:
    return Path(str(resources.files("motcua.validators") / "schemas" / f"{kind}.schema.json"))


def starter_procedure(procedure_id: str, *, agency_id: str, desk: str, division: str, leader: str,
                      schema_ref: str) -> str:
    """A commented procedure spec that validates as written (units must exist in the agency)."""
    return f"""\
# yaml-language-server: $schema={schema_ref}
# A new one-stop procedure. Replace the texts marked with ..., keep the keys.
# Thủ tục mới. Thay các nội dung "...", giữ nguyên tên khóa. Kiểm tra: motcua validate <tệp này>
motcua: 1
kind: procedure
id: {procedure_id}
agency: {agency_id}
# code: "1.000000"                # mã thủ tục trên Cơ sở dữ liệu quốc gia / national procedure code
title:
  vi: "Tên thủ tục ..."
  en: "Procedure name ..."
level: province                   # ministry | province | district | commune
version: "1"
legal_basis:
  - id: can-cu-1
    title: {{vi: "Văn bản quy định ...", en: "Legal document ..."}}
applicants: [individual]          # individual | organisation | enterprise
channels: [in-person, post]       # in-person | post | online
fees: []                          # trống = miễn phí / empty = free
time_limit: 10 working days       # thời hạn giải quyết, tính từ khi nhận đủ hồ sơ hợp lệ
records:                          # thành phần hồ sơ / the dossier
  - id: don-de-nghi
    title: {{vi: "Đơn đề nghị ...", en: "Application ..."}}
    originals: 1
    copies: 0
results:
  - id: van-ban-chap-thuan
    title: {{vi: "Văn bản chấp thuận ...", en: "Approval ..."}}
  - id: van-ban-tu-choi
    title: {{vi: "Văn bản từ chối nêu rõ lý do", en: "Written refusal with reasons"}}
steps:                            # bước đầu tiên tiếp nhận hồ sơ tại bộ phận một cửa
  - id: tiep-nhan
    title: {{vi: "Tiếp nhận và kiểm tra hồ sơ", en: "Receive and check the dossier"}}
    unit: {desk}
    time: 1 session
    checks: [don-de-nghi]
    next: tham-dinh
  - id: tham-dinh
    title: {{vi: "Thẩm định hồ sơ", en: "Appraise the dossier"}}
    unit: {division}
    time: 6 working days
    outcomes:                     # một quyết định: tên kết quả -> bước hoặc điểm kết thúc
      approve: trinh-ky
      reject: {{to: tu-choi, title: {{vi: "Không đủ điều kiện", en: "Not eligible"}}}}
  - id: trinh-ky
    title: {{vi: "Ký văn bản", en: "Sign"}}
    unit: {leader}
    time: 2 working days
    next: tra-ket-qua
  - id: tra-ket-qua
    title: {{vi: "Trả kết quả", en: "Return the result"}}
    unit: {desk}
    time: 1 session
    next: da-giai-quyet
ends:
  - id: da-giai-quyet
    title: {{vi: "Đã giải quyết", en: "Granted"}}
    outcome: granted
    result: van-ban-chap-thuan
  - id: tu-choi
    title: {{vi: "Từ chối", en: "Refused"}}
    outcome: refused
    result: van-ban-tu-choi
"""


@click.group(cls=Group)
def new() -> None:
    """Write a new spec from a commented template."""


@new.command("procedure")
@click.argument("procedure_id")
@click.option("--agency", "agency_id", required=True, help="The agency id (from its agency.yaml).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (default: the agency's folder in the catalogue).")
@click.option("--catalog", default="procedures/", show_default=True, type=click.Path(path_type=Path),
              help="The catalogue that holds the agency.")
def new_procedure(procedure_id: str, agency_id: str, directory: Path | None, catalog: Path) -> None:
    """Write PROCEDURE_ID.yaml, a starting procedure spec that validates as written."""
    import re

    from motcua.engine.spec.loading import discover, load_documents
    from motcua.engine.spec.model import UnitRole

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", procedure_id):
        raise InputError(f"'{procedure_id}' is not an id: use lowercase letters, digits and single hyphens "
                         "(e.g. cap-giay-xac-nhan)")
    files, _ = discover([catalog])
    agency_file = None
    units: dict[str, list[str | None]] = {}
    for doc in load_documents(f for f in files if os.path.basename(f) in ("agency.yaml", "agency.yml")):
        data = doc.data
        if isinstance(data, dict) and data.get("kind") == "agency" and data.get("id") == agency_id:
            agency_file = doc.file
            for u in data.get("units") or ():
                if isinstance(u, dict) and isinstance(u.get("id"), str):
                    units.setdefault(str(u.get("role")), []).append(u["id"])
    if agency_file is None:
        raise InputError(f"no agency '{agency_id}' in {catalog} (looked for agency.yaml files)", agency=agency_id)
    desks = units.get(UnitRole.ONE_STOP.value, [])
    divisions = units.get(UnitRole.DIVISION.value) or units.get(UnitRole.LEADERSHIP.value) or []
    desk = desks[0] if desks else None
    division = divisions[0] if divisions else None
    leader = (units.get(UnitRole.LEADERSHIP.value) or divisions or [None])[0]
    if desk is None or division is None or leader is None:
        raise InputError(f"agency '{agency_id}' ({agency_file}) needs a one-stop unit and a division or "
                         "leadership unit", agency=agency_id)
    target_dir = directory if directory is not None else Path(os.path.dirname(agency_file))
    target = target_dir / f"{procedure_id}.yaml"
    if target.exists() or target.is_symlink():
        raise UnwritableOutput(f"{target} already exists; choose another id or remove it", path=str(target))
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UnwritableOutput(f"cannot make the folder {target_dir}: {err.strerror or err}",
                               path=str(target_dir)) from None
    ref = os.path.relpath(_schema_path("procedure"), target_dir.resolve())
    text = starter_procedure(procedure_id, agency_id=agency_id, desk=desk, division=division,
                             leader=leader, schema_ref=Path(ref).as_posix())
    try:
        # A new file only: never through a link, never over a file that appeared meanwhile.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise UnwritableOutput(f"{target} already exists; choose another id or remove it", path=str(target)) from None
    except OSError as err:
        raise UnwritableOutput(f"cannot write {target}: {err.strerror or err}", path=str(target)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    click.echo(str(target))
