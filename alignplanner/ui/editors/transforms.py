"""Plan edits the panels need beyond `alignplanner.domain.edits`: pure functions of the plan
(no Qt), composed from the domain's edits so the plan's validation still decides."""

from __future__ import annotations

import math
from datetime import date

from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem


def set_start(plan: Plan, year: int, month: int) -> Plan:
    """Plans start on the first day of a month."""
    return plan_edits.set_plan(plan, start=date(year, month, 1))


def flat_months(plan: Plan) -> Plan:
    """The same target every month."""
    return plan_edits.set_target(plan, monthly_weights=None, monthly_revenue=None)


def set_month_amount(plan: Plan, month: int, amount: float) -> Plan:
    """One month's revenue, for plans that give monthly revenue outright: the revenue
    target becomes the sum of the months."""
    amounts = list(plan.target.monthly_revenue or ())
    if not 0 <= month < len(amounts):
        raise PlanInvalid([Problem(("target", "monthly_revenue"),
                                   f"this plan has no monthly revenue for month {month + 1}")])
    amounts[month] = amount
    return plan_edits.set_target(plan, monthly_revenue=tuple(amounts), revenue=math.fsum(amounts))


def to_amounts(plan: Plan) -> Plan:
    """Give the months as revenue amounts (same split, same total)."""
    revenue = plan.target.revenue
    amounts = [revenue * w for w in plan.target.weights(plan.months)]
    amounts[-1] = revenue - math.fsum(amounts[:-1])
    return plan_edits.set_target(plan, monthly_weights=None, monthly_revenue=tuple(amounts))


def to_weights(plan: Plan) -> Plan:
    """Give the months as relative weights (the amounts themselves are the weights)."""
    amounts = plan.target.monthly_revenue
    if amounts is None:
        return plan
    return plan_edits.set_target(plan, monthly_revenue=None, monthly_weights=amounts)


def set_share_percent(plan: Plan, index: int, percent: float) -> Plan:
    """A source's share in percent; the other sources are rescaled to keep 100%."""
    return source_edits.set_source(plan, index, share=percent / 100)


def set_deal_size(plan: Plan, index: int, value: float | None) -> Plan:
    """A source's own average deal size; None or 0 means the plan's."""
    return source_edits.set_source(plan, index, average_deal_size=value or None)
