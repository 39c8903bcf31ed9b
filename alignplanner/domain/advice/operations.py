"""Warnings about the roles, SLAs and stagnant stages of a computed plan.

Subjects are ``roles[i]``, ``slas[i]`` and ``stages[i].stale_after_days``: the app shows
the role's row, the SLA's card or the stage. The sentences are in
`alignplanner.domain.wording`.
"""

from __future__ import annotations

import math

from alignplanner.domain import wording
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, SlaResult
from alignplanner.domain.sla.feasibility import SlaMonth
from alignplanner.domain.team.capacity import CapacityResult


def warnings(plan: Plan, capacity: tuple[CapacityResult, ...],
             slas: tuple[SlaResult, ...]) -> tuple[PlanWarning, ...]:
    """Where capacity is short, where an SLA promise cannot be kept, and which stages the
    plan itself makes stagnant."""
    return (*_capacity(plan, capacity), *_slas(plan, slas), *_stale(plan))


def _capacity(plan: Plan, capacity: tuple[CapacityResult, ...]) -> list[PlanWarning]:
    found = []
    for i, (role, cap) in enumerate(zip(plan.roles, capacity, strict=True)):
        short = cap.short_months
        if not short:
            continue
        worst = min(short, key=lambda m: cap.gap[m])
        currency = plan.currency if role.is_quota_role else None
        need = wording.amount(cap.required[worst], currency)
        if role.is_quota_role:
            need = "to book " + need
        else:
            need += " " + wording.units(plan.stages[plan.stage_index(role.works)].name)
        first = min(short)
        hire = cap.hire_by[first]
        assert hire is not None
        shortfall = wording.Shortfall(
            reps=wording.role_label(role),
            short_months=len(short),
            months=plan.months,
            worst=plan.month_start(worst),
            need=need,
            have=wording.amount(cap.capacity[worst], currency),
            quota=role.is_quota_role,
            # never overstated, never understated
            have_reps=math.floor(cap.effective_reps[worst] * 10 + 1e-9) / 10,
            need_reps=math.ceil(cap.reps_needed[worst] * 10 - 1e-9) / 10,
            ramped_by=plan.month_start(first) if role.full_after else None,
            hire_by=plan.month_start(hire) if role.full_after else None,
            hire_before_plan=hire < 0,
        )
        found.append(PlanWarning("capacity_short", wording.capacity_short(shortfall),
                                 f"roles[{i}]"))
    return found


def worst_month(months: tuple[SlaMonth, ...]) -> int:
    """The failing month a warning quotes: the one that needs the most reps (none can:
    the most), the earliest of those."""
    failing = [m for m, month in enumerate(months) if not month.feasible]
    return max(
        failing, key=lambda m: (months[m].reps_needed is None, months[m].reps_needed or 0, -m)
    )


def _slas(plan: Plan, slas: tuple[SlaResult, ...]) -> list[PlanWarning]:
    found = []
    for i, sla in enumerate(slas):
        failing = sla.failing_months
        if not failing:
            continue
        worst = worst_month(sla.months)
        impossible = any(
            m.utilisation >= 1 or m.reps_needed is None for m in (sla.months[k] for k in failing)
        )
        text = wording.sla_failing(plan.month_start(worst), sla.months[worst].message,
                                   len(failing), plan.months)
        found.append(PlanWarning("sla_impossible" if impossible else "sla_short", text,
                                 f"slas[{i}]"))
    return found


def stale_stages(plan: Plan) -> list[int]:
    """The stages whose units the plan itself keeps longer than the stale flag allows."""
    return [
        i
        for i, s in enumerate(plan.stages)
        if s.stale_after_days is not None and s.days is not None and s.days > s.stale_after_days
    ]


def _stale(plan: Plan) -> list[PlanWarning]:
    found = []
    for i in stale_stages(plan):
        stage, after = plan.stages[i], plan.stages[i + 1]
        assert stage.days is not None
        assert stage.stale_after_days is not None
        text = wording.stage_stagnant(stage.name, stage.days, after.name, stage.stale_after_days)
        found.append(PlanWarning("stage_stagnant", text, f"stages[{i}].stale_after_days"))
    return found


__all__ = ["stale_stages", "warnings", "worst_month"]
