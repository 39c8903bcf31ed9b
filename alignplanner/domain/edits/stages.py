"""Edits of a plan's stages: their fields, recycles and CRM values, adding, removing,
renaming and moving them. Everything that refers to a stage follows it (`follow`).

A stage added to the funnel passes everything through (100% conversion, 0 days), so no
volume above or below it changes until its conversion is set; it takes the owner of the
stage above it and an id made of its name (``new-stage``). A stage whose id was made of
its name (``new-stage``, ``new-stage-2``) takes a new id when it is renamed, and every
reference follows; an id typed by hand or read from a file stays as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from alignplanner.domain import wording
from alignplanner.domain.edits import follow
from alignplanner.domain.edits.common import made, refuse, unique_id
from alignplanner.domain.plan.funnel import Recycle, Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem

NEW_CONVERSION = 1.0  # a new stage changes no volume until its conversion is set
NEW_DAYS = 0.0
MAX_ID_LENGTH = 40


def set_stage(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of stage ``index``; a new ``id`` is followed by every reference.
    New ``days`` typed without a ``lag`` replace a calibrated lag (its monthly mass)."""
    stage = plan.stages[index]
    if "days" in fields and "lag" not in fields and stage.lag is not None \
            and fields["days"] != stage.days:
        fields["lag"] = None
    new_stage = made(("stages", index), replace, stage, **fields)
    stages = list(plan.stages)
    stages[index] = new_stage
    if new_stage.id == stage.id:
        return replace(plan, stages=tuple(stages))
    if new_stage.id in plan.stage_ids:
        raise refuse(("stages", index, "id"), f"stage id {new_stage.id!r} is already used")
    return replace(plan, **follow.after_rename(plan, stages, stage.id, new_stage.id))


def set_recycle(plan: Plan, index: int, to: str | None, share: float = 0.0,
                after_days: float = 0.0) -> Plan:
    """Set or clear (``to=None``) the recycle of stage ``index``."""
    if to is None:
        return set_stage(plan, index, recycle=None)
    recycle = made(("stages", index, "recycle"), Recycle, to, share, after_days)
    return set_stage(plan, index, recycle=recycle)


def set_crm(plan: Plan, index: int, system: str, value: str | None) -> Plan:
    """Set (or clear, with None or empty text) the value CRM field ``system`` takes at
    stage ``index``."""
    crm = dict(plan.stages[index].crm)
    if value is None or not value.strip():
        crm.pop(system, None)
    else:
        crm[system] = value.strip()
    return set_stage(plan, index, crm=crm)


def stage_slug(name: str) -> str:
    """The id a stage name makes: ``"Sales accepted lead"`` -> ``sales-accepted-lead``,
    ``"Qualifié"`` -> ``qualifie``; ``stage`` for a name with no letter or digit."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-") or "stage"


def id_from_name(stage: Stage) -> bool:
    """True when the stage's id was made of its name (``new-stage`` or ``new-stage-2``)."""
    slug = stage_slug(stage.name)
    return re.fullmatch(rf"{re.escape(slug)}(-[0-9]+)?", stage.id) is not None


def add_stage(plan: Plan, index: int, name: str | None = None, owner: str | None = None) -> Plan:
    """Insert a stage before ``index`` (at most before the won stage, which stays last):
    named ``New stage`` (``New stage 2``, ...) unless ``name`` is given, owned by the
    owner of the stage above it (the one below, at the top), passing everything through."""
    index = max(0, min(index, len(plan.stages) - 1))
    if name is None:
        taken = {s.name.casefold() for s in plan.stages}
        name = wording.NEW_STAGE
        n = 2
        while name.casefold() in taken:
            name, n = f"{wording.NEW_STAGE} {n}", n + 1
    neighbour = plan.stages[index - 1] if index > 0 else plan.stages[index]
    stage = made(("stages", index), Stage, id=unique_id(plan.stage_ids, stage_slug(name)),
                 name=name, owner=owner or neighbour.owner, conversion=NEW_CONVERSION,
                 days=NEW_DAYS)
    stages = list(plan.stages)
    stages.insert(index, stage)
    return replace(plan, stages=tuple(stages))


def added_note(plan: Plan, index: int, team: Callable[[str], str] = str) -> str:
    """What ``add_stage(before, index)`` did; ``plan`` is the plan after it, ``team``
    names an owner for people."""
    index = max(0, min(index, len(plan.stages) - 2))  # where `add_stage` put it
    stage = plan.stages[index]
    above = plan.stages[index - 1].name if index > 0 else None
    return wording.stage_added(stage.name, above, plan.stages[index + 1].name,
                                team(stage.owner))


def rename_stage(plan: Plan, index: int, name: str) -> Plan:
    """Rename stage ``index``; an id made of the old name is made of the new one."""
    stage = plan.stages[index]
    if not id_from_name(stage) or stage_slug(name) == stage_slug(stage.name):
        return set_stage(plan, index, name=name)
    others = [s for i, s in enumerate(plan.stage_ids) if i != index]
    return set_stage(plan, index, name=name, id=unique_id(others, stage_slug(name)))


def renamed_note(before: Plan, after: Plan) -> str:
    """What a rename did beyond the name (its id followed), or "" when nothing did."""
    if len(before.stages) != len(after.stages):
        return ""
    moved = [(a, b) for a, b in zip(before.stages, after.stages, strict=True) if a.id != b.id]
    if len(moved) != 1 or moved[0][0].name == moved[0][1].name:
        return ""
    return wording.stage_id_follows(moved[0][0].id, moved[0][1].id)


def remove_stage(plan: Plan, index: int) -> Plan:
    """Remove a stage. Sources entering it enter the next stage; recycles to it, its
    overrides and its pipeline go; removing the won stage makes the one above it won.
    `removal_notes` says what of this a removal changes."""
    if len(plan.stages) <= 2:
        raise refuse(("stages",), "a funnel needs at least two stages")
    return replace(plan, **follow.after_removal(plan, index))


def removal_notes(plan: Plan, index: int) -> list[str]:
    """One sentence for each thing that removing stage ``index`` moves or drops."""
    return follow.removal_notes(plan, index)


def move_stage(plan: Plan, index: int, to: int) -> Plan:
    """Move stage ``index`` to position ``to``. The won stage stays last and cannot move;
    a recycle that would then point down the funnel is refused by validation."""
    last = len(plan.stages) - 1
    if index == last:
        raise refuse(("stages", index), "the last stage is 'won' and stays at the bottom")
    to = max(0, min(to, last - 1))
    if to == index:
        return plan
    stages = list(plan.stages)
    stages.insert(to, stages.pop(index))
    try:
        return replace(plan, stages=tuple(stages))
    except PlanInvalid as exc:
        bad = [p for p in exc.problems if p.path[-1:] == ("to",)]
        if bad:
            raise PlanInvalid([Problem(("stages", index), "moving it there would make a recycle "
                                       "point down the funnel: " + bad[0].message)]) from None
        raise


__all__ = [
    "add_stage", "added_note", "id_from_name", "move_stage", "removal_notes", "remove_stage",
    "rename_stage", "renamed_note", "set_crm", "set_recycle", "set_stage", "stage_slug",
]
