"""Reference checks: every id a procedure names (units, records and groups, results, steps, ends,
fields) exists, and every id it declares (steps, ends, records and groups at any depth, results,
variants and their codes, extensions, clock stops, channels) is declared once."""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Sequence

from motcua.engine.spec.diagnostics import Diagnostic
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.model import Agency, DossierItem, Procedure, RecordGroup
from motcua.engine.spec.rules import diag
from motcua.engine.spec.yamlstrict import Document
from motcua.engine.spec.suggest import did_you_mean_tr as did_you_mean

__all__ = ["check_references", "check_agency_ids", "dossier_paths"]

Path = tuple[str | int, ...]


def dossier_paths(items: Sequence[DossierItem], at: Path = ("records",)) -> Iterator[tuple[Path, DossierItem]]:
    """Every record and group of a dossier tree with its path in the spec, each before its items."""
    for i, item in enumerate(items):
        here = at + (i,)
        yield here, item
        if isinstance(item, RecordGroup):
            yield from dossier_paths(item.items, here + ("one_of" if item.is_choice else "all_of",))


_OWN_ID = tr("đặt cho mỗi mục một mã riêng", "give each its own id")


def _repeats(doc: Document, named: Sequence[tuple[str, Path]], what: Tr, *, key: str = "id",
             hint: Tr = _OWN_ID, scope: Tr = tr("", "")) -> Iterator[Diagnostic]:
    """REF006 at every repeat (not the first) of a name among ``(name, path of the item)``, at the
    item's ``key`` (the item itself when ``key`` is empty)."""
    counts = Counter(name for name, _ in named)
    seen: set[str] = set()
    for name, path in named:
        if counts[name] > 1 and name in seen:
            line, col = doc.locate(path + ((key,) if key else ()))
            message = tr(f"{what.vi} '{name}' được dùng hơn một lần{scope.vi}",
                         f"{what.en} '{name}' is used more than once{scope.en}")
            yield diag("REF006", message, file=doc.file, line=line, column=col, hint=hint)
        seen.add(name)


def _duplicates(doc: Document, section: str, ids: list[str], what: Tr) -> Iterator[Diagnostic]:
    yield from _repeats(doc, [(x, (section, i)) for i, x in enumerate(ids)], what)


def check_agency_ids(agency: Agency, doc: Document) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, "units", [u.id for u in agency.units], tr("mã đơn vị", "unit id"))
    yield from _duplicates(doc, "fields", [x.id for x in agency.fields], tr("mã lĩnh vực", "field id"))


def _declared_once(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, "steps", [s.id for s in proc.steps], tr("mã bước", "step id"))
    yield from _duplicates(doc, "ends", [e.id for e in proc.ends], tr("mã điểm kết thúc", "end id"))
    yield from _repeats(doc, [(item.id, path) for path, item in dossier_paths(proc.records)],
                        tr("mã thành phần hồ sơ hoặc nhóm", "record or group id"),
                        hint=tr("thành phần hồ sơ và nhóm dùng chung một không gian tên ở mọi cấp; đặt cho mỗi mục "
                                "một mã riêng",
                                "records and groups share one name space at every depth; give each its own id"))
    yield from _duplicates(doc, "results", [r.id for r in proc.results], tr("mã kết quả", "result id"))
    yield from _duplicates(doc, "variants", [v.id for v in proc.variants], tr("mã trường hợp", "variant id"))
    yield from _repeats(doc, [(v.code, ("variants", i)) for i, v in enumerate(proc.variants) if v.code is not None],
                        tr("mã số trường hợp", "variant code"), key="code",
                        hint=tr("hồ sơ được mở theo trường hợp mà mã số này chỉ tới: đặt cho mỗi trường hợp một mã "
                                "số riêng", "a case opens on a variant named by its code: give each its own"))
    yield from _duplicates(doc, "extensions", [x.id for x in proc.extensions], tr("mã gia hạn", "extension id"))
    yield from _duplicates(doc, "clock_stops", [x.id for x in proc.clock_stops],
                           tr("mã tạm dừng tính thời hạn", "clock stop id"))
    hint = tr("mỗi cách thức nộp chỉ ghi một lần; ghi nó dưới dạng ánh xạ khoá - giá trị khi nó có thời hạn hoặc "
              "phí riêng", "list each channel once; write it as a map when it has its own time or fees")
    channel = tr("cách thức nộp", "channel")
    yield from _repeats(doc, [(c.channel.value, ("channels", i)) for i, c in enumerate(proc.channels)],
                        channel, key="", hint=hint)
    for i, v in enumerate(proc.variants):
        named = [(c.channel.value, ("variants", i, "channels", j)) for j, c in enumerate(v.channels or ())]
        yield from _repeats(doc, named, channel, key="", hint=hint,
                            scope=tr(f" trong trường hợp '{v.id}'", f" in variant '{v.id}'"))
    step_ids = {s.id for s in proc.steps}
    for i, e in enumerate(proc.ends):
        if e.id in step_ids:
            line, col = doc.locate(("ends", i, "id"))
            yield diag("REF006", tr(f"mã điểm kết thúc '{e.id}' trùng với mã của một bước",
                                    f"end id '{e.id}' is also a step id"), file=doc.file, line=line, column=col,
                       hint=tr("bước và điểm kết thúc dùng chung một không gian tên; đổi tên một trong hai",
                               "steps and ends share one name space; rename one"))


def _known(doc: Document, code: str, path: Path, wanted: str, known: Sequence[str], message: Tr,
           hint: Tr | None) -> Iterator[Diagnostic]:
    if wanted not in known:
        line, col = doc.locate(path)
        yield diag(code, message + did_you_mean(wanted, known), file=doc.file, line=line, column=col, hint=hint)


def _dossier_and_results(proc: Procedure, doc: Document) -> Iterator[Diagnostic]:
    items = [item.id for _path, item in dossier_paths(proc.records)]
    results = [r.id for r in proc.results]
    in_records = tr("thành phần hồ sơ và nhóm được khai báo trong 'records'",
                    "records and groups are declared under 'records'")
    in_results = tr("kết quả được khai báo trong 'results'", "results are declared under 'results'")
    for i, s in enumerate(proc.steps):
        for j, r in enumerate(s.checks):
            yield from _known(doc, "REF002", ("steps", i, "checks", j), r, items,
                              tr(f"bước '{s.id}' kiểm tra thành phần hồ sơ '{r}' chưa được khai báo",
                                 f"step '{s.id}' checks unknown record '{r}'"), in_records)
    for i, v in enumerate(proc.variants):
        for j, r in enumerate(v.records or ()):
            yield from _known(doc, "REF002", ("variants", i, "records", j), r, items,
                              tr(f"trường hợp '{v.id}' nêu thành phần hồ sơ '{r}' chưa được khai báo",
                                 f"variant '{v.id}' names unknown record '{r}'"), in_records)
        for j, r in enumerate(v.results or ()):
            yield from _known(doc, "REF003", ("variants", i, "results", j), r, results,
                              tr(f"trường hợp '{v.id}' trả kết quả '{r}' chưa được khai báo",
                                 f"variant '{v.id}' gives unknown result '{r}'"), in_results)
    for i, e in enumerate(proc.ends):
        given: list[tuple[Path, str]] = [(("ends", i, "result"), e.result)] if e.result is not None else []
        given += [(("ends", i, "results", j), r) for j, r in enumerate(e.results)]
        for at, r in given:
            yield from _known(doc, "REF003", at, r, results,
                              tr(f"điểm kết thúc '{e.id}' trả kết quả '{r}' chưa được khai báo",
                                 f"end '{e.id}' gives unknown result '{r}'"), in_results)


def _units_and_targets(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    f = doc.file
    targets = {s.id for s in proc.steps} | {e.id for e in proc.ends}
    units = [u.id for u in agency.units] if agency is not None else None
    shown = ", ".join(units or ())
    unit_hint = tr(f"các đơn vị của {agency.id}: {shown}", f"units of {agency.id}: {shown}") \
        if agency is not None else None
    for i, s in enumerate(proc.steps):
        if units is not None:
            yield from _known(doc, "REF001", ("steps", i, "unit"), s.unit, units,
                              tr(f"bước '{s.id}' do đơn vị '{s.unit}' thực hiện, nhưng cơ quan không có đơn vị này",
                                 f"step '{s.id}' is done by unknown unit '{s.unit}'"), unit_hint)
            for j, c in enumerate(s.consult):
                yield from _known(doc, "REF001", ("steps", i, "consult", j, "unit"), c.unit, units,
                                  tr(f"bước '{s.id}' lấy ý kiến đơn vị '{c.unit}', nhưng cơ quan không có đơn vị này",
                                     f"step '{s.id}' consults unknown unit '{c.unit}'"), unit_hint)
        if s.next is not None and s.next not in targets:
            line, col = doc.locate(("steps", i, "next"))
            yield diag("REF004", tr(f"bước '{s.id}' chuyển tới bước '{s.next}' không tồn tại",
                                    f"step '{s.id}' goes to unknown step '{s.next}'") + did_you_mean(s.next, targets),
                       file=f, line=line, column=col)
        for o in s.outcomes:
            if o.to not in targets:
                written = doc.data["steps"][i]["outcomes"][o.name] if isinstance(doc.data, dict) else None
                at = ("steps", i, "outcomes", o.name) + (("to",) if isinstance(written, dict) else ())
                line, col = doc.locate(at)
                yield diag("REF004", tr(f"hướng xử lý '{o.name}' của bước '{s.id}' chuyển tới bước '{o.to}' không "
                                        "tồn tại", f"outcome '{o.name}' of step '{s.id}' goes to unknown step '{o.to}'")
                           + did_you_mean(o.to, targets), file=f, line=line, column=col)
        if s.timeout is not None and s.timeout.to not in targets:
            line, col = doc.locate(("steps", i, "timeout", "to"))
            to = s.timeout.to
            yield diag("REF004", tr(f"khi quá hạn (timeout), bước '{s.id}' chuyển tới bước '{to}' không tồn tại",
                                    f"timeout of step '{s.id}' goes to unknown step '{to}'")
                       + did_you_mean(to, targets), file=f, line=line, column=col)


def _field(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    if agency is None or not agency.fields or proc.field is None:
        return
    fields = [x.id for x in agency.fields]
    shown = ", ".join(fields)
    yield from _known(doc, "REF009", ("field",), proc.field, fields,
                      tr(f"lĩnh vực '{proc.field}' không phải là lĩnh vực của cơ quan '{agency.id}'",
                         f"field '{proc.field}' is not a field of agency '{agency.id}'"),
                      tr(f"các lĩnh vực của {agency.id}: {shown}; hoặc khai báo nó trong 'fields' của tệp cơ quan",
                         f"fields of {agency.id}: {shown}; or declare it under 'fields' in its agency file"))


def check_references(proc: Procedure, agency: Agency | None, doc: Document) -> Iterator[Diagnostic]:
    yield from _declared_once(proc, doc)
    yield from _units_and_targets(proc, agency, doc)
    yield from _dossier_and_results(proc, doc)
    yield from _field(proc, agency, doc)
