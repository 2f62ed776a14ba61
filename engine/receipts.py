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
from motcua.engine.spec.suggest import did_you_mean

__all__ = ["choose", "known_records", "received"]


def choose(procedure: Procedure, *, variant: str | None, channel: str | None) -> Terms:
    """The terms a new case of ``procedure`` runs on, checked: :class:`InvalidInput` naming the
    choices when the variant (an id or a national code) or the channel is not the procedure's,
    or when no time limit is stated for the terms chosen."""
    chosen: Variant | None = None
    if variant is not None:
        if not procedure.variants:
            raise InvalidInput(f"{procedure.key} has no sub-cases (variants); open the case without --variant")
        try:
            chosen = procedure.variant(variant)
        except KeyError:
            names = [v.id for v in procedure.variants]
            raise InvalidInput(f"{procedure.key} has no sub-case '{variant}' (its sub-cases: "
                               f"{_variant_list(procedure)}){did_you_mean(variant, names)}") from None  # fmt: skip
    if channel is not None:
        allowed = channels_of(procedure, chosen) or tuple(Channel)
        names = [c.value for c in allowed]
        if channel not in names:
            whose = f"sub-case '{chosen.id}'" if chosen is not None and chosen.channels is not None else procedure.key
            raise InvalidInput(f"{whose} is not offered through channel '{channel}'; its channels: {', '.join(names)}")
    found = terms(procedure, chosen.id if chosen is not None else None, channel)
    if found.time_limit is None:
        raise InvalidInput(_no_limit(procedure, chosen, channel))
    return found


def _variant_list(procedure: Procedure) -> str:
    return ", ".join(f"{v.id} ({v.code})" if v.code else v.id for v in procedure.variants)


def _no_limit(procedure: Procedure, variant: Variant | None, channel: str | None) -> str:
    """Why no case opens: no time limit for these terms, and the choices that have one."""
    chose = " and ".join(
        part for part in (f"sub-case '{variant.id}'" if variant else "", f"channel '{channel}'" if channel else "") if part
    )
    head = f"{procedure.key} states no time limit" + (f" for {chose}" if chose else "")
    hints = []
    if variant is None:
        dated = [v for v in procedure.variants if terms(procedure, v.id, channel).time_limit is not None]
        if dated:
            hints.append("choose a sub-case (--variant): " + ", ".join(v.code or v.id for v in dated))
    if channel is None:
        ways = [c.value for c in channels_of(procedure, variant)
                if terms(procedure, variant.id if variant else None, c.value).time_limit is not None]  # fmt: skip
        if ways:
            hints.append("choose a channel (--channel): " + ", ".join(ways))
    tail = "; ".join(hints) if hints else "no case can be opened on it until its spec states one (TIM006)"
    return f"{head}: the appointment cannot be computed; {tail}"


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
            raise InvalidInput(f"{procedure.key}: every record of its dossier is conditional or one of a choice; "
                               f"name the records received (--record): {', '.join(handed)}")  # fmt: skip
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
            raise InvalidInput(f"{procedure.key} has no record '{rid}'{did_you_mean(rid, known)}") from None
        assert isinstance(group, RecordGroup)
        inside = ", ".join(r.id for r in procedure.leaf_records() if _within(group, r.id))
        raise InvalidInput(f"{procedure.key}: '{rid}' is a group of records; name the records handed in: {inside}")
    return tuple(dict.fromkeys(records))


def _within(group: RecordGroup, record_id: str) -> bool:
    for item in group.items:
        if item.id == record_id or (isinstance(item, RecordGroup) and _within(item, record_id)):
            return True
    return False
