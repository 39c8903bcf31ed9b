"""Write `[calendar]`, `[[roles]]`, `[[slas]]` and a stage's ``stale_after_days`` (issue 4)
into the plan file, and `[[requirements.capacity]]` and `[[requirements.slas]]` into its
requirements. Hooks for `alignplanner.contract.writer` and `.requirements`; the keys and
their meaning are in docs/plan-file.md and docs/capacity.md.

Like the rest of the file: optional keys are left out when they have their default value
or are empty; whole numbers are written as integers. ``[calendar]`` is written only when
it differs from the default calendar (UTC, Monday to Friday, 09:00 to 17:00).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from alignplanner.domain.calendar import BusinessCalendar
from alignplanner.domain.capacity import CapacityResult, Role
from alignplanner.domain.model import Plan, Stage
from alignplanner.domain.results import Result, SlaResult
from alignplanner.domain.sla import Sla

__all__ = ["NO_HEADCOUNT", "plan_values", "requirements", "stage_values"]

_WHOLE_LIMIT = 2.0**53
#: ``reps_needed`` of an SLA month that no headcount can keep (entries, no business hours).
NO_HEADCOUNT = -1


def _num(value: float) -> int | float:
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"refusing to write {x}: not a finite number")
    return int(x) if x.is_integer() and abs(x) < _WHOLE_LIMIT else x


def _opt(value: float | None) -> int | float | None:
    return None if value is None else _num(value)


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v not in ("", [], {})}


# -- inputs -----------------------------------------------------------------------------


def stage_values(stage: Stage) -> dict[str, Any]:
    return {"stale_after_days": _opt(stage.stale_after_days)}


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
    return _drop_empty(
        {
            "timezone": cal.timezone,
            "workdays": list(cal.workdays),
            "hours": list(cal.hours),
            "holidays": list(cal.holidays),
        }
    )


def _role(role: Role) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": role.id,
            "name": role.name,
            "works": role.works,
            "per_rep_per_month": _opt(role.per_rep_per_month),
            "quota_per_month": _opt(role.quota_per_month),
            "attainment": None if role.attainment == 1.0 else _num(role.attainment),
            "handle_minutes": _num(role.handle_minutes) if role.handle_minutes else None,
            "headcount": _num(role.headcount),
            "ramp": [_num(v) for v in role.ramp],
            "hires": [_num(v) for v in role.hires],
            "attrition": _num(role.attrition) if role.attrition else None,
        }
    )


def _sla(sla: Sla) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": sla.id,
            "name": sla.name,
            "from": sla.from_stage,
            "to": sla.to_stage,
            "role": sla.role,
            "respond_within_hours": _opt(sla.respond_within_hours),
            "respond_within_minutes": _opt(sla.respond_within_minutes),
            "target": _num(sla.target),
            "accept_within_hours": _opt(sla.accept_within_hours),
            "reason_codes": list(sla.reason_codes),
            "on_lapse": None if sla.on_lapse == "accept" else sla.on_lapse,
            "attempts": sla.attempts,
            "attempts_within_days": _opt(sla.attempts_within_days),
            "recycle_to": sla.recycle_to,
            "nurture_days": _opt(sla.nurture_days),
            "response": sla.response,
            "escalation": [
                {"after_hours": _num(e.after_hours), "action": e.action, "to": e.to}
                for e in sla.escalation
            ],
            "obligations": [
                _drop_empty({"text": o.text, "amount": _opt(o.amount)}) for o in sla.obligations
            ],
        }
    )


# -- requirements -----------------------------------------------------------------------


def requirements(result: Result) -> dict[str, Any]:
    """``capacity`` and ``slas`` of `[requirements]`, when the plan has roles or SLAs."""
    out: dict[str, Any] = {}
    if result.capacity:
        out["capacity"] = [_capacity(c, result.months) for c in result.capacity]
    if result.slas:
        out["slas"] = [_sla_requirements(s) for s in result.slas]
    return out


def _month(months: tuple[date, ...], offset: int) -> date:
    """First day of plan month ``offset`` (negative: before the plan)."""
    first = months[0]
    index = first.year * 12 + first.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def _floats(values: tuple[float, ...]) -> list[float]:
    return [float(v) for v in values]


def _capacity(cap: CapacityResult, months: tuple[date, ...]) -> dict[str, Any]:
    short = cap.short_months
    return {
        "role": cap.role,
        "required": _floats(cap.required),
        "effective_reps": _floats(cap.effective_reps),
        "capacity": _floats(cap.capacity),
        "reps_needed": _floats(cap.reps_needed),
        "gap": _floats(cap.gap),
        "per_rep": float(cap.per_rep),
        "headcount": _floats(cap.headcount),
        "short_months": [_month(months, m) for m in short],
        "hire_by": [_month(months, h) for h in (cap.hire_by[m] for m in short) if h is not None],
    }


def _sla_requirements(sla: SlaResult) -> dict[str, Any]:
    return {
        "id": sla.id,
        "service_level": _floats(sla.service_level),
        "reps_needed": [NO_HEADCOUNT if n is None else int(n) for n in sla.reps_needed],
        "feasible": bool(sla.feasible),
        "role": sla.role,
        "from": sla.from_stage,
        "window_hours": float(sla.window_hours),
        "target": float(sla.target),
        "monthly_feasible": [bool(m.feasible) for m in sla.months],
        "entries": [float(m.entries) for m in sla.months],
        "business_hours": [float(m.business_hours) for m in sla.months],
        "servers": [int(m.servers) for m in sla.months],
    }
