"""``motcua schema`` and ``motcua new``: help authors start and check specs in their editor."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from motcua.cli.common import Command, Group
from motcua.cli.output import echo_json, format_option, written
from motcua.engine.spec.errors import InputError, UnwritableOutput
from motcua.engine.spec.i18n import Tr, tr

__all__ = ["AGENCY_SCHEMA", "CATALOG_SCHEMA", "schema", "new", "find_agency", "starter_agency", "starter_procedure"]

#: The file ``motcua new`` writes beside a new procedure: the schema made for its agency.
CATALOG_SCHEMA = "procedure.schema.json"
#: The file ``motcua new agency`` writes beside a new agency file: the agency schema.
AGENCY_SCHEMA = "agency.schema.json"
_FORMAT_HELP = "Output format; json prints an object naming the files written."


@click.command(cls=Command)
@click.argument("kind", type=click.Choice(["procedure", "agency"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.option("--catalog", type=click.Path(path_type=Path),
              help="Make the procedure schema for an agency of this catalogue: its units and fields as choices.")
@click.option("--agency", "agency_id", help="The agency, when the catalogue holds several.")
def schema(kind: str, output: Path | None, catalog: Path | None, agency_id: str | None) -> None:
    """Print the JSON Schema (draft-07) of procedure or agency files.

    With --catalog, the procedure schema names the agency's units (with their titles) and fields,
    so an editor offers them after unit: and field: and shows a unit's title on hover.
    """
    from motcua.validators.schema import schema_text

    if catalog is None:
        if agency_id is not None:
            raise InputError(tr("--agency cần --catalog (danh mục chứa cơ quan đó)",
                                "--agency needs --catalog (the catalogue that holds the agency)"))
        text = schema_text(kind)
    elif kind != "procedure":
        raise InputError(tr("--catalog tạo lược đồ cho các tệp thủ tục; lược đồ của cơ quan ở đâu cũng như nhau",
                            "--catalog makes a schema for procedure files; the agency schema is the same everywhere"))
    else:
        _file, data = find_agency(catalog, agency_id)
        text = _catalog_text(data)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        _write(output, text)
        click.echo(str(tr(f"đã ghi {output}", f"wrote {output}")), err=True)


def _catalog_text(agency: dict[str, Any]) -> str:
    from motcua.validators.schema import catalog_schema

    return json.dumps(catalog_schema(agency), ensure_ascii=False, indent=2) + "\n"


def _write(output: Path, text: str) -> None:
    if output.is_symlink():
        raise UnwritableOutput(tr(f"{output} là một liên kết; hãy ghi lược đồ vào một tệp thường",
                                  f"{output} is a link; write the schema to a plain file"), path=str(output))
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UnwritableOutput(tr(f"không ghi được {output}: {err.strerror or err}",
                                  f"cannot write {output}: {err.strerror or err}"), path=str(output)) from None


def find_agency(catalog: Path, agency_id: str | None) -> tuple[str, dict[str, Any]]:
    """The file and data of the agency ``agency_id`` in ``catalog`` (the only one when ``None``)."""
    from motcua.engine.spec.loading import discover, load_documents

    files, _ = discover([catalog])
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for doc in load_documents(f for f in files if os.path.basename(f) in ("agency.yaml", "agency.yml")):
        data = doc.data
        if isinstance(data, dict) and data.get("kind") == "agency" and isinstance(data.get("id"), str):
            found.setdefault(data["id"], (doc.file, data))
    if agency_id is None:
        if len(found) == 1:
            return next(iter(found.values()))
        if not found:
            raise InputError(tr(f"không có cơ quan nào trong {catalog} (đã tìm các tệp agency.yaml)",
                                f"no agency in {catalog} (looked for agency.yaml files)"))
        raise InputError(tr(f"{catalog} có nhiều cơ quan; hãy chọn một bằng --agency: ",
                            f"{catalog} holds several agencies; name one with --agency: ") + ", ".join(sorted(found)))
    if agency_id not in found:
        raise InputError(tr(f"không có cơ quan '{agency_id}' trong {catalog} (đã tìm các tệp agency.yaml)",
                            f"no agency '{agency_id}' in {catalog} (looked for agency.yaml files)"), agency=agency_id)
    return found[agency_id]


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


def starter_agency(agency_id: str, *, schema_ref: str) -> str:
    """A commented agency spec that validates as written, with a one-stop desk, a division and
    the leadership, so that ``motcua new procedure`` can start a procedure of it at once."""
    return f"""\
# yaml-language-server: $schema={schema_ref}
# A new agency. Replace the texts marked with ..., keep the keys; add the units that handle
# procedures. Cơ quan mới. Thay các nội dung "...", giữ nguyên tên khóa; thêm các đơn vị xử lý
# hồ sơ. Kiểm tra: motcua validate <thư mục này>. Thủ tục mới: motcua new procedure <mã> --agency {agency_id}
motcua: 1
kind: agency
id: {agency_id}
# code: "000.00.00.H00"            # mã định danh cơ quan / the agency's official code
title:
  vi: "Tên cơ quan ..."
  en: "Agency name ..."
# address: {{vi: "Số ..., đường ...", en: "No. ..., ... street"}}
# phone: "0238 000 000"            # trong ngoặc kép / in quotes
languages: [vi, en]                # tiếng Việt trước / Vietnamese first
units:                             # đơn vị / units: one-stop | division | leadership | external
  - id: mot-cua
    title: {{vi: "Bộ phận Tiếp nhận và Trả kết quả", en: "One-stop reception and result desk"}}
    role: one-stop
  - id: phong-chuyen-mon
    title: {{vi: "Phòng chuyên môn ...", en: "Specialist division ..."}}
    role: division
  - id: lanh-dao
    title: {{vi: "Lãnh đạo ...", en: "Leadership ..."}}
    role: leadership
# fields:                          # lĩnh vực / fields of the procedures
#   - {{id: ho-tich, code: "G11-TP02", title: {{vi: "Hộ tịch", en: "Civil status"}}}}
calendar:
  holidays: VN                     # ngày lễ, Tết theo luật / public holidays by law
  office_hours: ["07:30-11:30", "13:30-17:00"]
  days_off: []                     # ngày nghỉ bù / extra days off:
  #   - {{date: "2026-01-02", note: {{vi: "Nghỉ bù Tết Dương lịch", en: "New Year make-up day off"}}}}
  working_days: []                 # ngày làm bù / make-up working days: ["2026-01-10"]
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
@format_option(help=_FORMAT_HELP)
def new_procedure(procedure_id: str, agency_id: str, directory: Path | None, catalog: Path, fmt: str) -> None:
    """Write PROCEDURE_ID.yaml, a starting procedure spec that validates as written."""
    import re

    from motcua.engine.spec.model import UnitRole

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", procedure_id):
        raise InputError(tr(f"'{procedure_id}' không phải là mã: hãy dùng chữ thường, chữ số và dấu gạch nối đơn "
                            "(ví dụ cap-giay-xac-nhan)",
                            f"'{procedure_id}' is not an id: use lowercase letters, digits and single hyphens "
                            "(e.g. cap-giay-xac-nhan)"))
    agency_file, data = find_agency(catalog, agency_id)
    units: dict[str, list[str | None]] = {}
    for u in data.get("units") or ():
        if isinstance(u, dict) and isinstance(u.get("id"), str):
            units.setdefault(str(u.get("role")), []).append(u["id"])
    desks = units.get(UnitRole.ONE_STOP.value, [])
    divisions = units.get(UnitRole.DIVISION.value) or units.get(UnitRole.LEADERSHIP.value) or []
    desk = desks[0] if desks else None
    division = divisions[0] if divisions else None
    leader = (units.get(UnitRole.LEADERSHIP.value) or divisions or [None])[0]
    if desk is None or division is None or leader is None:
        raise InputError(tr(f"cơ quan '{agency_id}' ({agency_file}) cần một đơn vị một cửa và một phòng chuyên môn "
                            "hoặc đơn vị lãnh đạo",
                            f"agency '{agency_id}' ({agency_file}) needs a one-stop unit and a division or "
                            "leadership unit"), agency=agency_id)
    target_dir = directory if directory is not None else Path(os.path.dirname(agency_file))
    target = target_dir / f"{procedure_id}.yaml"
    text = starter_procedure(procedure_id, agency_id=agency_id, desk=desk, division=division,
                             leader=leader, schema_ref=CATALOG_SCHEMA)
    _create(target_dir, target, text)
    # The catalogue's schema beside the new file, named by its first line: the editor offers
    # the agency's units and fields, and shows a unit's title on hover.
    _write(target_dir / CATALOG_SCHEMA, _catalog_text(data))
    _done(fmt, target, target_dir / CATALOG_SCHEMA, kind="procedure", id=procedure_id, agency=agency_id)


@new.command("agency")
@click.argument("agency_id")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write agency.yaml into (default: a folder named AGENCY_ID in the catalogue).")
@click.option("--catalog", default="procedures/", show_default=True, type=click.Path(path_type=Path),
              help="The catalogue to add the agency to.")
@format_option(help=_FORMAT_HELP)
def new_agency(agency_id: str, directory: Path | None, catalog: Path, fmt: str) -> None:
    """Write AGENCY_ID/agency.yaml, a starting agency spec that validates as written."""
    import re

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", agency_id):
        raise InputError(tr(f"'{agency_id}' không phải là mã: hãy dùng chữ thường, chữ số và dấu gạch nối đơn "
                            "(ví dụ so-tu-phap-nghe-an)",
                            f"'{agency_id}' is not an id: use lowercase letters, digits and single hyphens "
                            "(e.g. so-tu-phap-nghe-an)"))
    if directory is None and catalog.is_dir():
        taken = _agency_ids(catalog)
        if agency_id in taken:
            raise InputError(tr(f"cơ quan '{agency_id}' đã có trong {catalog} ({taken[agency_id]})",
                                f"agency '{agency_id}' is already in {catalog} ({taken[agency_id]})"), agency=agency_id)
    target_dir = directory if directory is not None else catalog / agency_id
    target = target_dir / "agency.yaml"
    _create(target_dir, target, starter_agency(agency_id, schema_ref=AGENCY_SCHEMA))
    from motcua.validators.schema import schema_text

    _write(target_dir / AGENCY_SCHEMA, schema_text("agency"))
    _done(fmt, target, target_dir / AGENCY_SCHEMA, kind="agency", id=agency_id)


def _done(fmt: str, target: Path, schema_file: Path, **details: str) -> None:
    """Say what ``motcua new`` wrote: the spec's path on stdout (or, in JSON, both files)."""
    if fmt == "json":
        echo_json(written([target, schema_file], file=str(target), schema=str(schema_file), **details))
        return
    click.echo(str(target))
    click.echo(str(tr(f"đã ghi {schema_file} (lược đồ được nêu ở dòng đầu của tệp)",
                      f"wrote {schema_file} (the schema the first line names)")), err=True)


def _agency_ids(catalog: Path) -> dict[str, str]:
    from motcua.engine.spec.loading import discover, load_documents

    files, _ = discover([catalog])
    found: dict[str, str] = {}
    for doc in load_documents(f for f in files if os.path.basename(f) in ("agency.yaml", "agency.yml")):
        if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
            found.setdefault(doc.data["id"], doc.file)
    return found


def _create(target_dir: Path, target: Path, text: str) -> None:
    """Write ``text`` to a new file ``target`` (making its folder): never through a link, never
    over a file that is there."""
    if target.exists() or target.is_symlink():
        raise UnwritableOutput(_exists(target), path=str(target))
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UnwritableOutput(tr(f"không tạo được thư mục {target_dir}: {err.strerror or err}",
                                  f"cannot make the folder {target_dir}: {err.strerror or err}"),
                               path=str(target_dir)) from None
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise UnwritableOutput(_exists(target), path=str(target)) from None
    except OSError as err:
        raise UnwritableOutput(tr(f"không ghi được {target}: {err.strerror or err}",
                                  f"cannot write {target}: {err.strerror or err}"), path=str(target)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _exists(target: Path) -> Tr:
    return tr(f"{target} đã có; hãy chọn mã khác hoặc xoá tệp đó",
              f"{target} already exists; choose another id or remove it")
