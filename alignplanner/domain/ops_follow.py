"""Roles and SLAs follow the stages they refer to (issue 4).

Stage edits in `alignplanner.domain.edits` call these so that a renamed stage is renamed
in every role's ``works`` and every SLA's ``from_stage``, ``to_stage`` and ``recycle_to``;
a removed stage's role works the stage that takes its place, SLAs from it go, and SLAs to
it hand over to the stage after. The edits of roles, SLAs and the calendar themselves are
in `alignplanner.domain.ops_edits`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.model import Plan

__all__ = ["after_removal", "after_rename"]


def after_rename(plan: Plan, old: str, new: str) -> dict[str, Any]:
    """``roles`` and ``slas`` of ``plan`` with stage id ``old`` renamed to ``new``."""

    def r(stage_id: str) -> str:
        return new if stage_id == old else stage_id

    roles = tuple(replace(x, works=new) if x.works == old else x for x in plan.roles)
    slas = tuple(
        replace(
            s,
            from_stage=r(s.from_stage),
            to_stage=r(s.to_stage),
            recycle_to=None if s.recycle_to is None else r(s.recycle_to),
        )
        if old in (s.from_stage, s.to_stage, s.recycle_to)
        else s
        for s in plan.slas
    )
    return {"roles": roles, "slas": slas}


def after_removal(plan: Plan, gone: str, stage_ids: list[str]) -> dict[str, Any]:
    """``roles`` and ``slas`` once stage ``gone`` is removed, ``stage_ids`` being the
    stages that remain: a role working it works the stage in its place; SLAs from it go;
    an SLA to it hands over to the stage after; a recycle to it is cleared."""
    old = plan.stage_ids
    at = old.index(gone)
    successor = stage_ids[min(at, len(stage_ids) - 1)]
    roles = tuple(replace(x, works=successor) if x.works == gone else x for x in plan.roles)
    slas = []
    for s in plan.slas:
        if s.from_stage == gone:
            continue
        to = s.to_stage
        if to == gone:
            to = successor
            if stage_ids.index(to) <= stage_ids.index(s.from_stage):
                continue
        recycle = None if s.recycle_to == gone else s.recycle_to
        slas.append(replace(s, to_stage=to, recycle_to=recycle))
    return {"roles": roles, "slas": tuple(slas)}
