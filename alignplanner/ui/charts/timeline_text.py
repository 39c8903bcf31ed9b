"""The words of the timeline: month ticks and the hover text of one month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.ui.formatting import money, month_label, short_month

STEPS = (1, 2, 3, 6, 12)


def month_ticks(months: Sequence[date], min_step: float = 1.0) -> list[tuple[float, str]]:
    """"Jan 27"-style labels, every month, or every 2, 3, 6 or 12 months: the smallest of
    these steps that is at least ``min_step`` (how many months one label needs)."""
    step = next((s for s in STEPS if s >= min_step), STEPS[-1])
    return [(float(i), short_month(d)) for i, d in enumerate(months) if i % step == 0]


def hover_text(plan: Plan, result: Result, stage_ids: Sequence[str], month: int) -> str:
    """Exact values of plan month ``month`` (-1: what must exist before the plan starts)."""
    if month < 0:
        lines = [f"Before {month_label(result.months[0])}: pipeline needed at the start"]
        for stage_id in stage_ids:
            i = plan.stage_index(stage_id)
            lines.append(f"{plan.stages[i].name}: {result.stages[i].pre_plan:,.2f}")
        return "\n".join(lines)
    currency = plan.currency
    lines = [month_label(result.months[month]),
             f"Revenue target: {money(result.target_monthly[month], currency)}"]
    if result.pipeline_monthly[month] > 0:
        lines.append("  of which existing pipeline: "
                     f"{money(result.pipeline_monthly[month], currency)}")
    for stage_id in stage_ids:
        i = plan.stage_index(stage_id)
        sr = result.stages[i]
        lines.append(f"{plan.stages[i].name}: {sr.monthly[month]:,.2f} "
                     f"(rounded {sr.monthly_rounded[month]:,})")
    return "\n".join(lines)
