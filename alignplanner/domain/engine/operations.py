"""Capacity per role and SLA feasibility per month, for a plan whose volumes are known.

Called at the end of the engine's computation:

- **Required volume of a role** = the monthly entries (re-entries included) into the
  stage it ``works``. For a quota role it is money instead: the revenue target of each
  month, for the share of it won through the role's stage, i.e. the target times the
  summed shares of the sources that enter at or above that stage (every won deal of
  such a source passed through it). Wins expected from the existing pipeline count: a
  rep still has to book them.
- **SLA arrivals** = the monthly entries into the SLA's ``from`` stage over the month's
  business hours of the plan's calendar; **servers** = the effective reps of the SLA's
  role (whole reps, rounded down; see `alignplanner.domain.sla.erlang`).

The warnings about them come from `alignplanner.domain.advice.operations`.
"""

from __future__ import annotations

import math
from dataclasses import replace

from alignplanner.domain import wording
from alignplanner.domain.advice import operations as advice
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result, SlaResult
from alignplanner.domain.sla.feasibility import sla_feasibility
from alignplanner.domain.team.capacity import capacity_plan
from alignplanner.domain.team.role import Role


def complete(plan: Plan, result: Result) -> Result:
    """``result`` with the capacity of every role, the feasibility of every SLA, and the
    warnings about them added."""
    if not plan.roles and not plan.slas and not advice.stale_stages(plan):
        return result
    stage_at = {s.id: i for i, s in enumerate(plan.stages)}
    capacity = tuple(capacity_plan(role, required(plan, result, role)) for role in plan.roles)
    hours = plan.calendar.business_hours_by_month(plan.start, plan.months)
    by_role = {c.role: c for c in capacity}
    slas = []
    for sla in plan.slas:
        role = plan.role(sla.role)
        months = sla_feasibility(
            result.stages[stage_at[sla.from_stage]].monthly,
            hours,
            by_role[sla.role].effective_reps,
            handle_minutes=float(role.handle_minutes),
            window_hours=sla.window_hours,
            target=float(sla.target),
            reps_label=wording.role_label(role),
            units_label=wording.units(plan.stages[stage_at[sla.from_stage]].name),
            response_label=sla.response.strip() or "a first response",
        )
        slas.append(SlaResult(id=sla.id, role=sla.role, from_stage=sla.from_stage,
                              window_hours=sla.window_hours, target=float(sla.target),
                              months=tuple(months)))
    found = advice.warnings(plan, capacity, tuple(slas))
    return replace(result, capacity=capacity, slas=tuple(slas),
                   warnings=(*result.warnings, *found))


def required(plan: Plan, result: Result, role: Role) -> tuple[float, ...]:
    """What ``role`` must handle each plan month: units, or money for a quota role."""
    works = plan.stage_index(role.works)
    if not role.is_quota_role:
        return result.stages[works].monthly
    share = math.fsum(s.share for s in plan.effective_sources()
                      if plan.stage_index(s.enters) <= works)
    return tuple(t * share for t in result.target_monthly)


__all__ = ["complete", "required"]
