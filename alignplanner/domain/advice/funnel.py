"""Warnings about the funnel of a valid plan, as values (funnel-math sections 3 and 4).

Each check decides whether to warn and works out the numbers; `alignplanner.domain.wording`
says it in words. Codes are stable (tests and other systems rely on them); the subject
is the key path or stage id the warning concerns, so the app can show it there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignplanner.domain import wording
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result

LOW_CONVERSION = 0.01  # below 1% a stage is almost certainly mis-entered
ENTRIES_PER_WIN_LIMIT = 10_000  # more top-of-funnel units than this per deal is absurd
SOURCE_PRE_PLAN_LIMIT = 0.5  # a source needing most of its units before the plan cannot be met


def warnings(
    plan: Plan,
    result: Result,
    targets: Sequence[float],
    credit: Sequence[float],
    truncated: bool,
) -> tuple[PlanWarning, ...]:
    """The funnel's warnings: ``targets`` and ``credit`` are the plan months' revenue
    targets and the existing pipeline's expected revenue; ``truncated`` whether a lag
    distribution was cut."""
    found: list[PlanWarning] = []
    found += _pre_plan(plan, result)
    found += _rounding(plan, result)
    found += _absurd(plan, result)
    found += _sources(plan, result)
    found += _pipeline_surplus(plan, targets, credit)
    if truncated:
        found.append(PlanWarning("lag_truncated", wording.lag_truncated(), "stages"))
    return tuple(found)


def _pre_plan(plan: Plan, result: Result) -> list[PlanWarning]:
    needed = [
        (sr.pre_plan, stage.name)
        for stage, sr in zip(plan.stages[:-1], result.stages, strict=False)
        if sr.pre_plan > 0.005
    ]
    if not needed:
        return []
    return [PlanWarning("pre_plan", wording.pre_plan(plan.start, needed[:4]), "pre_plan")]


def _rounding(plan: Plan, result: Result) -> list[PlanWarning]:
    won = result.stages[-1]
    if won.volume <= 0:
        return []
    average = plan.target.revenue / result.wins  # the plan's average deal size
    delivered = won.rounded * average
    wanted = won.volume * average
    if delivered >= wanted - 0.5:
        return []
    text = wording.rounding_short(won.rounded, average, delivered, wanted, plan.currency)
    return [PlanWarning("rounding_short", text, "plan.rounding")]


def _absurd(plan: Plan, result: Result) -> list[PlanWarning]:
    found = []
    wins = result.stages[-1].volume
    for i, stage in enumerate(plan.stages[:-1]):
        rate = stage.conversion or 1.0
        if rate < LOW_CONVERSION:
            text = wording.low_conversion(rate, stage.name, plan.stages[i + 1].name,
                                          result.stages[i].volume, wins)
            found.append(PlanWarning("absurd_conversion", text, stage.id))
    if wins > 0 and not found:
        top = max(range(len(plan.stages) - 1), key=lambda i: result.stages[i].volume)
        ratio = result.stages[top].volume / wins
        if ratio > ENTRIES_PER_WIN_LIMIT:
            stage = plan.stages[top]
            found.append(PlanWarning("absurd_conversion",
                                     wording.entries_per_win(ratio, stage.name), stage.id))
    return found


def _sources(plan: Plan, result: Result) -> list[PlanWarning]:
    found: list[PlanWarning] = []
    for source, sr in zip(plan.sources, result.sources, strict=False):
        if sr.new <= 0:
            continue
        early = sr.pre_plan / sr.new
        if early > SOURCE_PRE_PLAN_LIMIT:
            text = wording.source_share_unmet(source.name or source.id, source.share, early,
                                              plan.start)
            found.append(PlanWarning("source_share_unmet", text, f"sources.{source.id}"))
    return found


def _pipeline_surplus(
    plan: Plan, targets: Sequence[float], credit: Sequence[float]
) -> list[PlanWarning]:
    over = [m for m, (t, c) in enumerate(zip(targets, credit, strict=True)) if c > t + 0.5]
    if not over:
        return []
    text = wording.pipeline_surplus([plan.month_start(m) for m in over])
    return [PlanWarning("pipeline_surplus", text, "pipeline.existing", severity="info")]


__all__ = ["warnings"]
