"""``[calendar]``, ``[[roles]]``, ``[[slas]]`` and a stage's ``stale_after_days`` as the
plan file writes them; the keys and their meaning are in docs/plan-file.md and
docs/capacity.md.

Like the rest of the file: optional keys are left out when they have their default value
or are empty; whole numbers are written as integers. ``[calendar]`` is written only when
it differs from the default calendar (UTC, Monday to Friday, 09:00 to 17:00).
"""

from __future__ import annotations

from typing import Any

from alignplanner.contract.write.values import drop_empty, num, opt_num
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

__all__ = ["plan_values", "stage_values"]

# -- inputs -----------------------------------------------------------------------------


def stage_values(stage: Stage) -> dict[str, Any]:
    """The keys this part adds to one ``[[stages]]`` entry."""
    return {"stale_after_days": opt_num(stage.stale_after_days)}


def plan_values(plan: Plan) -> dict[str, Any]:
    """``calendar``, ``roles`` and ``slas`` of the plan file, those that are not empty."""
    out: dict[str, Any] = {}
    if plan.calendar != BusinessCalendar():
        out["calendar"] = _calendar(plan.calendar)
    if plan.roles:
        out["roles"] = [_role(r) for r in plan.roles]
    if plan.slas:
        out["slas"] = [_sla(s) for s in plan.slas]
    return out


def _calendar(cal: BusinessCalendar) -> dict[str, Any]:
    return drop_empty(
        {
            "timezone": cal.timezone,
            "workdays": list(cal.workdays),
            "hours": list(cal.hours),
            "holidays": list(cal.holidays),
        }
    )


def _role(role: Role) -> dict[str, Any]:
    return drop_empty(
        {
            "id": role.id,
            "name": role.name,
            "works": role.works,
            "per_rep_per_month": opt_num(role.per_rep_per_month),
            "quota_per_month": opt_num(role.quota_per_month),
            "attainment": None if role.attainment == 1.0 else num(role.attainment),
            "handle_minutes": num(role.handle_minutes) if role.handle_minutes else None,
            "headcount": num(role.headcount),
            "ramp": [num(v) for v in role.ramp],
            "hires": [num(v) for v in role.hires],
            "attrition": num(role.attrition) if role.attrition else None,
        }
    )


def _sla(sla: Sla) -> dict[str, Any]:
    return drop_empty(
        {
            "id": sla.id,
            "name": sla.name,
            "from": sla.from_stage,
            "to": sla.to_stage,
            "role": sla.role,
            "respond_within_hours": opt_num(sla.respond_within_hours),
            "respond_within_minutes": opt_num(sla.respond_within_minutes),
            "target": num(sla.target),
            "accept_within_hours": opt_num(sla.accept_within_hours),
            "reason_codes": list(sla.reason_codes),
            "on_lapse": None if sla.on_lapse == "accept" else sla.on_lapse,
            "attempts": sla.attempts,
            "attempts_within_days": opt_num(sla.attempts_within_days),
            "recycle_to": sla.recycle_to,
            "nurture_days": opt_num(sla.nurture_days),
            "response": sla.response,
            "escalation": [
                {"after_hours": num(e.after_hours), "action": e.action, "to": e.to}
                for e in sla.escalation
            ],
            "obligations": [
                drop_empty({"text": o.text, "amount": opt_num(o.amount)}) for o in sla.obligations
            ],
        }
    )
