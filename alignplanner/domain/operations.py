"""Capacity per role and SLA feasibility per month for a computed plan (issue 4).

Called at the end of the engine's computation, with the stage volumes already known:

- **Required volume of a role** = the monthly entries (re-entries included) into the
  stage it ``works``. For a quota role it is money instead: the revenue target of each
  month, for the share of it won through the role's stage, i.e. the target times the
  summed shares of the sources that enter at or above that stage (every won deal of
  such a source passed through it). Wins expected from the existing pipeline count: a
  rep still has to book them.
- **SLA arrivals** = the monthly entries into the SLA's ``from`` stage over the month's
  business hours of the plan's calendar; **servers** = the effective reps of the SLA's
  role (whole reps, rounded down; see ``erlang``).

Warnings (subject = ``roles[i]``, ``slas[i]`` or ``stages[i].stale_after_days``) say in
plain words where capacity is short, where an SLA promise cannot be kept, and which
stages the plan itself makes stagnant.
"""

from __future__ import annotations

import math
from dataclasses import replace

from alignplanner.domain.advice import month_name
from alignplanner.domain.capacity import CapacityResult, Role, capacity_plan
from alignplanner.domain.erlang import SlaMonth, sla_feasibility
from alignplanner.domain.model import Plan
from alignplanner.domain.results import PlanWarning, Result, SlaResult, StageResult
from alignplanner.domain.sla import Sla


def complete(plan: Plan, result: Result) -> Result:
    """``result`` with the capacity of every role, the feasibility of every SLA, and the
    warnings about them added."""
    if not plan.roles and not plan.slas and not _stale_stages(plan):
        return result
    at = _Positions(plan, result)
    capacity = tuple(capacity_plan(role, _required(plan, result, role, at))
                     for role in plan.roles)
    hours = plan.calendar.business_hours_by_month(plan.start, plan.months)
    by_role = {c.role: c for c in capacity}
    slas = tuple(
        SlaResult(
            id=sla.id,
            role=sla.role,
            from_stage=sla.from_stage,
            window_hours=sla.window_hours,
            target=float(sla.target),
            months=tuple(
                sla_feasibility(
                    at.stage_result[sla.from_stage].monthly,
                    hours,
                    by_role[sla.role].effective_reps,
                    handle_minutes=float(at.role[sla.role].handle_minutes),
                    window_hours=sla.window_hours,
                    target=float(sla.target),
                    reps_label=role_label(at.role[sla.role]),
                    units_label=units(plan.stages[at.stage[sla.from_stage]].name),
                    response_label=sla.response.strip() or "a first response",
                )
            ),
        )
        for sla in plan.slas
    )
    found = (
        *_capacity_warnings(plan, capacity, at),
        *_sla_warnings(plan, slas),
        *_stale_warnings(plan),
    )
    return replace(result, capacity=capacity, slas=slas, warnings=(*result.warnings, *found))


class _Positions:
    """Where the plan's stages, stage results and roles are, by id: looked up once per
    compute rather than by a scan of the plan (``plan.stage_index`` builds the list of
    stage ids each call) for every role, SLA and source. The first of equal ids, as
    those scans find it (a valid plan has none)."""

    def __init__(self, plan: Plan, result: Result) -> None:
        self.stage: dict[str, int] = {}
        for i, stage in enumerate(plan.stages):
            self.stage.setdefault(stage.id, i)
        self.stage_result: dict[str, StageResult] = {}
        for stage_result in result.stages:
            self.stage_result.setdefault(stage_result.id, stage_result)
        self.role: dict[str, Role] = {}
        for role in plan.roles:
            self.role.setdefault(role.id, role)


def sides(plan: Plan, sla: Sla) -> tuple[str, str]:
    """(who passes, who receives) on ``sla``'s hand-off: the owners of its ``from`` and
    ``to`` stages (``"marketing"``, ``"sdr"``, ``"sales"``, ...)."""
    return (
        plan.stages[plan.stage_index(sla.from_stage)].owner,
        plan.stages[plan.stage_index(sla.to_stage)].owner,
    )


def required(plan: Plan, result: Result, role: Role) -> tuple[float, ...]:
    """What ``role`` must handle each plan month: units, or money for a quota role."""
    return _required(plan, result, role, _Positions(plan, result))


def _required(plan: Plan, result: Result, role: Role, at: _Positions) -> tuple[float, ...]:
    if not role.is_quota_role:
        return at.stage_result[role.works].monthly
    works = at.stage[role.works]
    share = math.fsum(s.share for s in plan.effective_sources() if at.stage[s.enters] <= works)
    return tuple(t * share for t in result.target_monthly)


# -- words ------------------------------------------------------------------------------


def plural(name: str) -> str:
    """``"MQL"`` -> ``"MQLs"``, ``"Opportunity"`` -> ``"Opportunities"``."""
    if not name or name.endswith("s"):
        return name
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def units(stage_name: str) -> str:
    """What enters a stage, for a sentence: ``"MQL"`` -> ``"MQLs"``, but a stage named by
    an adjective or a state (``"Engaged"``, ``"Closed won"``) -> ``"entries into Engaged"``."""
    last = stage_name.rsplit(" ", 1)[-1].lower()
    if last.endswith("ed") or last in {"won", "lost", "new", "open"}:
        return f"entries into {stage_name}"
    return plural(stage_name)


def role_label(role: Role) -> str:
    """The role's reps for people: its name, or ``"sdr"`` -> ``"SDRs"``."""
    if role.name.strip():
        return plural(role.name.strip())
    if len(role.id) <= 4:
        return role.id.upper() + "s"
    return plural(role.id.replace("-", " ").replace("_", " "))


def _month(plan: Plan, m: int) -> str:
    return month_name(plan.month_start(m))


def _amount(x: float, role: Role, plan: Plan) -> str:
    if role.is_quota_role:
        return f"{x:,.0f} {plan.currency}"
    return f"{x:,.1f}" if 0 < abs(x) < 10 else f"{x:,.0f}"


def _capacity_warnings(plan: Plan, capacity: tuple[CapacityResult, ...],
                       at: _Positions) -> list[PlanWarning]:
    found = []
    for i, (role, cap) in enumerate(zip(plan.roles, capacity, strict=True)):
        short = cap.short_months
        if not short:
            continue
        worst = min(short, key=lambda m: cap.gap[m])
        label = role_label(role)
        quota = role.is_quota_role
        need = ("to book " if quota else "") + _amount(cap.required[worst], role, plan)
        need += "" if quota else " " + units(plan.stages[at.stage[role.works]].name)
        have = _amount(cap.capacity[worst], role, plan)
        verb = "book" if quota else "handle"
        first = min(short)
        hire = cap.hire_by[first]
        assert hire is not None
        have_reps = math.floor(cap.effective_reps[worst] * 10 + 1e-9) / 10  # never overstated
        need_reps = math.ceil(cap.reps_needed[worst] * 10 - 1e-9) / 10  # never understated
        more = max(0.1, need_reps - have_reps)
        when = ""
        if role.full_after:
            late = " (before the plan starts)" if hire < 0 else ""
            when = (
                f" To be ramped by {_month(plan, first)}, new hires must start by "
                f"{_month(plan, hire)}{late}."
            )
        found.append(
            PlanWarning(
                "capacity_short",
                f"{label} are short in {len(short)} of {plan.months} months. Worst, "
                f"{_month(plan, worst)}: the plan needs {need} and "
                f"{have_reps:.1f} ramped {label} {verb} {have}; that takes "
                f"{need_reps:.1f} ramped {label}, {more:.1f} more.{when}",
                f"roles[{i}]",
            )
        )
    return found


def _worst(months: tuple[SlaMonth, ...]) -> int:
    failing = [m for m, month in enumerate(months) if not month.feasible]
    return max(
        failing, key=lambda m: (months[m].reps_needed is None, months[m].reps_needed or 0, -m)
    )


def _sla_warnings(plan: Plan, slas: tuple[SlaResult, ...]) -> list[PlanWarning]:
    found = []
    for i, sla in enumerate(slas):
        failing = sla.failing_months
        if not failing:
            continue
        worst = _worst(sla.months)
        impossible = any(
            m.utilisation >= 1 or m.reps_needed is None for m in (sla.months[k] for k in failing)
        )
        more = (
            f" The promise fails in {len(failing)} of {plan.months} months."
            if len(failing) > 1
            else ""
        )
        found.append(
            PlanWarning(
                "sla_impossible" if impossible else "sla_short",
                f"{_month(plan, worst)}: {sla.months[worst].message}{more}",
                f"slas[{i}]",
            )
        )
    return found


def _stale_stages(plan: Plan) -> list[int]:
    return [
        i
        for i, s in enumerate(plan.stages)
        if s.stale_after_days is not None and s.days is not None and s.days > s.stale_after_days
    ]


def _stale_warnings(plan: Plan) -> list[PlanWarning]:
    found = []
    for i in _stale_stages(plan):
        stage = plan.stages[i]
        nxt = plan.stages[i + 1]
        found.append(
            PlanWarning(
                "stage_stagnant",
                f"The plan expects units to spend {stage.days:g} days in {stage.name} before "
                f"they reach {nxt.name}, but units there are flagged as stagnant after "
                f"{stage.stale_after_days:g} days: the typical one will be flagged. Shorten the "
                "stage or move the flag.",
                f"stages[{i}].stale_after_days",
            )
        )
    return found


__all__ = ["complete", "plural", "required", "role_label", "sides", "units"]
