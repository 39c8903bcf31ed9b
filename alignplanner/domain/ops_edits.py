"""Edits of a plan's calendar, roles and SLAs as pure functions Plan -> Plan (issue 4).

Like `alignplanner.domain.edits`: each takes a valid plan and returns a new valid plan,
or raises PlanInvalid naming the field (``roles[0].headcount``, ``slas[1].target``,
``calendar.hours``). The document layer wraps each call in an undoable command.

Stage edits in `edits` call `after_rename` and `after_removal` so that roles and SLAs
follow the stages they refer to: a renamed stage is renamed in every ``works``,
``from_stage``, ``to_stage`` and ``recycle_to``; a removed stage's role works the stage
that takes its place, SLAs from it go, SLAs to it point at the next stage.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.capacity import Role
from alignplanner.domain.model import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.sla import DEFAULT_TARGET, MQL_FOLLOW_UP_HOURS, Sla

__all__ = [
    "add_role",
    "add_sla",
    "after_removal",
    "after_rename",
    "remove_role",
    "remove_sla",
    "set_calendar",
    "set_role",
    "set_sla",
]

DEFAULT_PER_REP = 100.0
DEFAULT_HANDLE_MINUTES = 15.0
DEFAULT_WINDOW_HOURS = MQL_FOLLOW_UP_HOURS[0] * 2  # 4 business hours


def _unique(existing: list[str], base: str) -> str:
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"


def _changed(value: Any, path: tuple[str | int, ...], **fields: Any) -> Any:
    try:
        return replace(value, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(path) from None


# -- calendar -----------------------------------------------------------------------------


def set_calendar(plan: Plan, **fields: Any) -> Plan:
    """Change the calendar's ``timezone``, ``workdays``, ``hours`` or ``holidays``."""
    return replace(plan, calendar=_changed(plan.calendar, ("calendar",), **fields))


# -- roles --------------------------------------------------------------------------------


def add_role(plan: Plan, works: str | None = None, role_id: str = "sdr") -> Plan:
    """Add a role working ``works`` (default: the first stage) with one ramped rep."""
    stage = works or plan.stages[0].id
    role = Role(
        id=_unique([r.id for r in plan.roles], role_id),
        works=stage,
        per_rep_per_month=DEFAULT_PER_REP,
        handle_minutes=DEFAULT_HANDLE_MINUTES,
        headcount=1,
    )
    return replace(plan, roles=(*plan.roles, role))


def set_role(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of role ``index``. A new id is followed by the SLAs that use it;
    switching ``quota_per_month`` on clears ``per_rep_per_month`` and the other way round."""
    role = plan.roles[index]
    if fields.get("quota_per_month") is not None and "per_rep_per_month" not in fields:
        fields["per_rep_per_month"] = None
    if fields.get("per_rep_per_month") is not None and "quota_per_month" not in fields:
        fields["quota_per_month"] = None
        fields.setdefault("attainment", 1.0)
    roles = list(plan.roles)
    roles[index] = _changed(role, ("roles", index), **fields)
    slas = plan.slas
    new_id = roles[index].id
    if new_id != role.id:
        if new_id in [r.id for r in plan.roles]:
            raise PlanInvalid(
                [Problem(("roles", index, "id"), f"role id {new_id!r} is already used")]
            )
        slas = tuple(replace(s, role=new_id) if s.role == role.id else s for s in slas)
    return replace(plan, roles=tuple(roles), slas=slas)


def remove_role(plan: Plan, index: int) -> Plan:
    """Remove a role; refused while an SLA relies on it (remove or re-assign that first)."""
    role = plan.roles[index]
    users = [s.id for s in plan.slas if s.role == role.id]
    if users:
        raise PlanInvalid(
            [
                Problem(
                    ("roles", index),
                    f"SLA {users[0]!r} relies on role "
                    f"{role.id!r}: give it another role or remove it first",
                )
            ]
        )
    return replace(plan, roles=plan.roles[:index] + plan.roles[index + 1 :])


# -- SLAs ---------------------------------------------------------------------------------


def add_sla(plan: Plan, role: str, to_stage: str | None = None) -> Plan:
    """Add an SLA on the entries into the stage ``role`` works, handed to ``to_stage``
    (default: the next stage), first response within 4 business hours at 95%."""
    works = plan.role(role).works
    i = plan.stage_index(works)
    if i == len(plan.stages) - 1:
        raise PlanInvalid(
            [
                Problem(
                    ("slas",),
                    f"role {role!r} works the last stage; an SLA "
                    "needs a later stage to hand over to",
                )
            ]
        )
    sla = Sla(
        id=_unique([s.id for s in plan.slas], f"{works}-first-touch"),
        from_stage=works,
        to_stage=to_stage or plan.stages[i + 1].id,
        role=role,
        respond_within_hours=DEFAULT_WINDOW_HOURS,
        target=DEFAULT_TARGET,
    )
    return replace(plan, slas=(*plan.slas, sla))


def set_sla(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of SLA ``index``. Setting one response window clears the other."""
    if fields.get("respond_within_minutes") is not None:
        fields.setdefault("respond_within_hours", None)
    if fields.get("respond_within_hours") is not None:
        fields.setdefault("respond_within_minutes", None)
    slas = list(plan.slas)
    slas[index] = _changed(slas[index], ("slas", index), **fields)
    return replace(plan, slas=tuple(slas))


def remove_sla(plan: Plan, index: int) -> Plan:
    return replace(plan, slas=plan.slas[:index] + plan.slas[index + 1 :])


# -- following stage edits ----------------------------------------------------------------


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
