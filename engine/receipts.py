"""What a receipt names, checked: the terms a new case runs on and the records handed in.

A case opened on a procedure that states no time limit for the terms chosen is refused: the
appointment of Form 01 could not be computed, and a case without one could never be late. The
records received are those the officer names, each a record of the dossier (not a group), or
else the records every applicant hands in (``Procedure.default_received``).
"""

from __future__ import annotations

from collections.abc import Sequence

from motcua.engine.deadlines import Terms, channels_of, terms
from motcua.engine.inputs import InvalidInput
from motcua.engine.spec.model import Channel, Procedure, RecordGroup, Variant
from motcua.engine.spec.i18n import Tr, tr
from motcua.engine.spec.suggest import did_you_mean_tr

__all__ = ["choose", "known_records", "received"]


def choose(procedure: Procedure, *, variant: str | None, channel: str | None) -> Terms:
    """The terms a new case of ``procedure`` runs on, checked: :class:`InvalidInput` naming the
    choices when the variant (an id or a national code) or the channel is not the procedure's,
    or when no time limit is stated for the terms chosen."""
    chosen: Variant | None = None
    if variant is not None:
        if not procedure.variants:
            raise InvalidInput(tr(f"{procedure.key} không có trường hợp nào (variants); hãy tiếp nhận hồ sơ "
                                  "không kèm --variant",
                                  f"{procedure.key} has no sub-cases (variants); open the case without --variant"))
        try:
            chosen = procedure.variant(variant)
        except KeyError:
            names = [v.id for v in procedure.variants]
            listed = _variant_list(procedure)
            raise InvalidInput(tr(f"{procedure.key} không có trường hợp '{variant}' (các trường hợp: {listed})",
                                  f"{procedure.key} has no sub-case '{variant}' (its sub-cases: {listed})")
                               + did_you_mean_tr(variant, names)) from None
    if channel is not None:
        allowed = channels_of(procedure, chosen) or tuple(Channel)
        names = [c.value for c in allowed]
        if channel not in names:
            own = chosen is not None and chosen.channels is not None
            whose = tr(f"trường hợp '{chosen.id}'", f"sub-case '{chosen.id}'") if own and chosen else procedure.key
            raise InvalidInput(whose + tr(f" không được giải quyết qua cách thức nộp '{channel}'; các cách thức nộp "
                                          f"của nó: {', '.join(names)}",
                                          f" is not offered through channel '{channel}'; its channels: "
                                          f"{', '.join(names)}"))  # fmt: skip
    found = terms(procedure, chosen.id if chosen is not None else None, channel)
    if found.time_limit is None:
        raise InvalidInput(_no_limit(procedure, chosen, channel))
    return found


def _variant_list(procedure: Procedure) -> str:
    return ", ".join(f"{v.id} ({v.code})" if v.code else v.id for v in procedure.variants)


def _no_limit(procedure: Procedure, variant: Variant | None, channel: str | None) -> Tr:
    """Why no case opens: no time limit for these terms, and the choices that have one."""
    parts = [
        *([(f"trường hợp '{variant.id}'", f"sub-case '{variant.id}'")] if variant else []),
        *([(f"cách thức nộp '{channel}'", f"channel '{channel}'")] if channel else []),
    ]
    chose_vi, chose_en = " và ".join(vi for vi, _ in parts), " and ".join(en for _, en in parts)
    head = tr(f"{procedure.key} không quy định thời hạn giải quyết" + (f" cho {chose_vi}" if parts else ""),
              f"{procedure.key} states no time limit" + (f" for {chose_en}" if parts else ""))
    hints: list[Tr] = []
    if variant is None:
        dated = [v for v in procedure.variants if terms(procedure, v.id, channel).time_limit is not None]
        if dated:
            listed = ", ".join(v.code or v.id for v in dated)
            hints.append(tr(f"hãy chọn một trường hợp (--variant): {listed}",
                            f"choose a sub-case (--variant): {listed}"))
    if channel is None:
        ways = [c.value for c in channels_of(procedure, variant)
                if terms(procedure, variant.id if variant else None, c.value).time_limit is not None]  # fmt: skip
        if ways:
            listed = ", ".join(ways)
            hints.append(tr(f"hãy chọn một cách thức nộp (--channel): {listed}",
                            f"choose a channel (--channel): {listed}"))
    if hints:
        tail = tr("; ".join(h.vi for h in hints), "; ".join(h.en for h in hints))
    else:
        tail = tr("không thể tiếp nhận hồ sơ nào theo thủ tục này cho đến khi đặc tả quy định thời hạn (TIM006)",
                  "no case can be opened on it until its spec states one (TIM006)")
    return head + tr(": không tính được ngày hẹn trả; ", ": the appointment cannot be computed; ") + tail


def received(procedure: Procedure, records: Sequence[str] | None) -> tuple[str, ...]:
    """The records a receipt lists: those named (checked), else the records every applicant
    hands in (``Procedure.default_received``).

    When the spec makes every record conditional or a choice, no default is known: the officer
    names the records received (Form 01 never lists none of a dossier handed in).
    """
    if records is None:
        found = procedure.default_received()
        handed = [r.id for r in procedure.leaf_records() if not r.present_only]
        if not found and handed:
            raise InvalidInput(tr(f"{procedure.key}: mọi thành phần hồ sơ của thủ tục đều có điều kiện hoặc là một "
                                  f"lựa chọn; hãy ghi các thành phần hồ sơ đã nhận (--record): {', '.join(handed)}",
                                  f"{procedure.key}: every record of its dossier is conditional or one of a choice; "
                                  f"name the records received (--record): {', '.join(handed)}"))  # fmt: skip
        return found
    return known_records(records, procedure)


def known_records(records: Sequence[str], procedure: Procedure) -> tuple[str, ...]:
    """``records`` without repeats, each a record of the procedure's dossier; :class:`InvalidInput`
    naming the choices if not (a group names the records to choose from)."""
    if not records:
        return ()
    known = [r.id for r in procedure.leaf_records()]
    for rid in records:
        if rid in known:
            continue
        try:
            group = procedure.dossier_item(rid)
        except KeyError:
            raise InvalidInput(tr(f"{procedure.key} không có thành phần hồ sơ '{rid}'",
                                  f"{procedure.key} has no record '{rid}'") + did_you_mean_tr(rid, known)) from None
        assert isinstance(group, RecordGroup)
        inside = ", ".join(r.id for r in procedure.leaf_records() if _within(group, r.id))
        raise InvalidInput(tr(f"{procedure.key}: '{rid}' là một nhóm thành phần hồ sơ; hãy ghi các thành phần hồ sơ "
                              f"được nộp: {inside}",
                              f"{procedure.key}: '{rid}' is a group of records; name the records handed in: {inside}"))
    return tuple(dict.fromkeys(records))


def _within(group: RecordGroup, record_id: str) -> bool:
    for item in group.items:
        if item.id == record_id or (isinstance(item, RecordGroup) and _within(item, record_id)):
            return True
    return False
