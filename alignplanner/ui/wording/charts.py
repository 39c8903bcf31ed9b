"""The hover texts of the charts."""

from __future__ import annotations

from collections.abc import Sequence

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.ui.wording.basics import (
    exact,
    money,
    month_label,
    percent,
    team_label,
)

# -- hover texts of the charts -------------------------------------------------------------


def stage_tooltip(plan: Plan, result: Result, index: int,
                  warnings: Sequence[PlanWarning] = ()) -> str:
    """Every exact number of one stage of the waterfall."""
    stage, sr = plan.stages[index], result.stages[index]
    lines = [
        f"{stage.name}  ({team_label(stage.owner)})",
        f"Volume (exact): {exact(sr.volume)}",
        f"Rounded: {sr.rounded:,}",
        f"New: {exact(sr.new)}",
        f"Recycled: {exact(sr.recycled)}",
        f"Pre-plan: {exact(sr.pre_plan)}",
    ]
    if stage.conversion is not None and index + 1 < len(plan.stages):
        lines.append(f"Converts to {plan.stages[index + 1].name}: {percent(stage.conversion)}")
    lines += [f"! {w.message}" for w in warnings]
    return "\n".join(lines)


def month_tooltip(plan: Plan, result: Result, stage_ids: Sequence[str], month: int) -> str:
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


