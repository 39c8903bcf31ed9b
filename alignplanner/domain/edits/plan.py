"""Edits of a plan's settings and revenue target: name, currency, start, horizon,
rounding, the target and how it spreads over the months."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Any

from alignplanner.domain.checks import MAX_MONTHS
from alignplanner.domain.edits.common import refuse
from alignplanner.domain.plan.funnel import Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem


def set_plan(plan: Plan, **fields: Any) -> Plan:
    """Change plan settings (name, currency, start, months, rounding, description, ...).
    Changing months stretches or cuts monthly weights/revenue so the plan stays valid."""
    months = fields.get("months", plan.months)
    if months != plan.months and isinstance(months, int) and 1 <= months <= MAX_MONTHS:
        fields["target"] = _resize_months(plan.target, months)
    return replace(plan, **fields)  # validated by the constructor


def _resize_months(target: Target, months: int) -> Target:
    if target.monthly_weights is not None:
        weights = (target.monthly_weights * (months // len(target.monthly_weights) + 1))[:months]
        if not sum(weights) > 0:
            weights = (1.0,) * months
        return replace(target, monthly_weights=weights)
    if target.monthly_revenue is not None:
        share = [v / target.revenue for v in target.monthly_revenue]
        share = (share * (months // len(share) + 1))[:months]
        total = math.fsum(share) or 1.0
        return replace(target, monthly_revenue=None,
                       monthly_weights=tuple(s / total for s in share))
    return target


def set_target(plan: Plan, **fields: Any) -> Plan:
    """Change target fields. Setting ``revenue`` with monthly revenue scales the months."""
    target = plan.target
    scale_months = target.monthly_revenue is not None and "monthly_revenue" not in fields
    if "revenue" in fields and scale_months and target.monthly_revenue is not None:
        factor = float(fields["revenue"]) / target.revenue if target.revenue else 1.0
        fields["monthly_revenue"] = tuple(v * factor for v in target.monthly_revenue)
    try:
        new_target = replace(target, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(("target",)) from None
    return replace(plan, target=new_target)


def set_month_weight(plan: Plan, month: int, value: float) -> Plan:
    """Set one month's seasonality weight (turns a flat target into weights)."""
    weights = list(plan.target.monthly_weights or (1.0,) * plan.months)
    if not 0 <= month < len(weights):
        raise refuse(("target", "monthly_weights"), f"no plan month {month + 1}")
    if plan.target.monthly_revenue is not None:
        raise refuse(("target", "monthly_weights"),
                      "this plan gives monthly revenue outright; edit that instead")
    weights[month] = value
    return set_target(plan, monthly_weights=tuple(weights))


def set_start(plan: Plan, year: int, month: int) -> Plan:
    """Plans start on the first day of a month."""
    return set_plan(plan, start=date(year, month, 1))


def flat_months(plan: Plan) -> Plan:
    """The same target every month."""
    return set_target(plan, monthly_weights=None, monthly_revenue=None)


def set_month_amount(plan: Plan, month: int, amount: float) -> Plan:
    """One month's revenue, for plans that give monthly revenue outright: the revenue
    target becomes the sum of the months."""
    amounts = list(plan.target.monthly_revenue or ())
    if not 0 <= month < len(amounts):
        raise PlanInvalid([Problem(("target", "monthly_revenue"),
                                   f"this plan has no monthly revenue for month {month + 1}")])
    amounts[month] = amount
    return set_target(plan, monthly_revenue=tuple(amounts), revenue=math.fsum(amounts))


def to_amounts(plan: Plan) -> Plan:
    """Give the months as revenue amounts (same split, same total)."""
    revenue = plan.target.revenue
    amounts = [revenue * w for w in plan.target.weights(plan.months)]
    amounts[-1] = revenue - math.fsum(amounts[:-1])
    return set_target(plan, monthly_weights=None, monthly_revenue=tuple(amounts))


def to_weights(plan: Plan) -> Plan:
    """Give the months as relative weights (the amounts themselves are the weights)."""
    amounts = plan.target.monthly_revenue
    if amounts is None:
        return plan
    return set_target(plan, monthly_revenue=None, monthly_weights=amounts)


__all__ = [
    "flat_months", "set_month_amount", "set_month_weight", "set_plan", "set_start", "set_target",
    "to_amounts", "to_weights",
]
