"""Edits of a plan's roles (SDRs, AEs, ...): the reps that work its stages.

References follow what they point to: renaming a role renames it in every SLA and
escalation step that names it; removing a role removes the SLAs its reps keep.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.edits.common import check_index, made, refuse, unique_id
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

DEFAULT_PER_REP = 180.0
DEFAULT_HANDLE_MINUTES = 12.0
DEFAULT_HEADCOUNT = 4.0
DEFAULT_RAMP = (0.25, 0.5, 0.75)


def add_role(plan: Plan, works: str | None = None, name: str = "") -> Plan:
    """A new role with typical values, working ``works`` (default: the first stage no
    role works yet, before the last)."""
    open_stages = [s.id for s in plan.stages[:-1]]
    taken = {r.works for r in plan.roles}
    if works is None:
        works = next((s for s in open_stages if s not in taken), open_stages[0])
    role_id = unique_id([r.id for r in plan.roles], "role")
    role = made(
        ("roles", len(plan.roles)),
        Role,
        id=role_id,
        works=works,
        per_rep_per_month=DEFAULT_PER_REP,
        handle_minutes=DEFAULT_HANDLE_MINUTES,
        headcount=DEFAULT_HEADCOUNT,
        ramp=DEFAULT_RAMP,
        name=name,
    )
    return replace(plan, roles=(*plan.roles, role))


def remove_role(plan: Plan, index: int) -> Plan:
    """Remove role ``index`` and the SLAs its reps keep."""
    check_index(plan.roles, index, ("roles",), "role")
    gone = plan.roles[index].id
    roles = plan.roles[:index] + plan.roles[index + 1 :]
    slas = tuple(s for s in plan.slas if s.role != gone)
    return replace(plan, roles=roles, slas=slas)


def set_role(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of role ``index``. A new ``id`` is followed by every SLA (and every
    escalation step addressed to the role). Setting ``quota_per_month`` clears
    ``per_rep_per_month`` and the other way round, so a role switches kind in one edit."""
    check_index(plan.roles, index, ("roles",), "role")
    role = plan.roles[index]
    if fields.get("quota_per_month") is not None and "per_rep_per_month" not in fields:
        fields["per_rep_per_month"] = None
    if fields.get("per_rep_per_month") is not None and "quota_per_month" not in fields:
        fields["quota_per_month"] = None
        fields.setdefault("attainment", 1.0)
    new_role = made(("roles", index), replace, role, **fields)
    roles = list(plan.roles)
    roles[index] = new_role
    if new_role.id == role.id:
        return replace(plan, roles=tuple(roles))
    if new_role.id in {r.id for r in plan.roles}:
        raise refuse(("roles", index, "id"), f"role id {new_role.id!r} is already used")
    slas = tuple(_role_renamed(s, role.id, new_role.id) for s in plan.slas)
    return replace(plan, roles=tuple(roles), slas=slas)


def _role_renamed(sla: Sla, old: str, new: str) -> Sla:
    steps = tuple(replace(st, to=new) if st.to == old else st for st in sla.escalation)
    return replace(sla, role=new if sla.role == old else sla.role, escalation=steps)


def set_hires(plan: Plan, index: int, month: int, count: float) -> Plan:
    """New reps starting in plan ``month`` (0-based); the list grows as needed and loses
    trailing zeros."""
    check_index(plan.roles, index, ("roles",), "role")
    if not 0 <= month < plan.months:
        raise refuse(("roles", index, "hires"), f"the plan has no month {month + 1}")
    hires = list(plan.roles[index].hires)
    hires += [0.0] * (month + 1 - len(hires))
    hires[month] = count
    while hires and hires[-1] == 0:
        hires.pop()
    return set_role(plan, index, hires=tuple(hires))


__all__ = ["add_role", "remove_role", "set_hires", "set_role"]
