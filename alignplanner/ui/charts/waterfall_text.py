"""The words of the waterfall's hover tooltip: every exact number of one stage."""

from __future__ import annotations

from collections.abc import Sequence

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result
from alignplanner.ui.formatting import percent
from alignplanner.ui.theme import team_label


def exact(x: float) -> str:
    return f"{x:,.2f}"


def stage_tooltip(plan: Plan, result: Result, index: int,
                  warnings: Sequence[PlanWarning] = ()) -> str:
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
