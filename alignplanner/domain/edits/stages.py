"""Edits of a plan's stages: their fields, recycles and CRM values, adding, removing and
moving them. Everything that refers to a stage follows it (`follow`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.edits import follow
from alignplanner.domain.edits.common import made, refuse, unique_id
from alignplanner.domain.plan.funnel import Recycle, Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem

DEFAULT_CONVERSION = 0.5
DEFAULT_DAYS = 7.0


def set_stage(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of stage ``index``; a new ``id`` is followed by every reference."""
    stage = plan.stages[index]
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


def add_stage(plan: Plan, index: int, name: str = "New stage", owner: str = "marketing") -> Plan:
    """Insert a stage before ``index`` (at most before the won stage, which stays last)."""
    index = max(0, min(index, len(plan.stages) - 1))
    stage_id = unique_id(plan.stage_ids, "stage")
    stage = Stage(id=stage_id, name=name, owner=owner,  # type: ignore[arg-type]
                  conversion=DEFAULT_CONVERSION, days=DEFAULT_DAYS)
    stages = list(plan.stages)
    stages.insert(index, stage)
    return replace(plan, stages=tuple(stages))


def remove_stage(plan: Plan, index: int) -> Plan:
    """Remove a stage. Sources entering it enter the next stage; recycles to it, its
    overrides and its pipeline go; removing the won stage makes the one above it won."""
    if len(plan.stages) <= 2:
        raise refuse(("stages",), "a funnel needs at least two stages")
    return replace(plan, **follow.after_removal(plan, index))


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
    "add_stage", "move_stage", "remove_stage", "set_crm", "set_recycle", "set_stage",
]
