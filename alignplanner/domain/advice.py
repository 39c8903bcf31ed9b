"""Warnings about a valid plan, in plain words, as values (funnel-math sections 3 and 4)."""

from __future__ import annotations

import locale
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from alignplanner.domain.model import Plan, Stage
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
    found: list[PlanWarning] = []
    found += _pre_plan(plan, result)
    found += _rounding(plan, result)
    found += _absurd(plan, result)
    found += _sources(plan, result)
    found += _pipeline_surplus(plan, targets, credit)
    if truncated:
        found.append(PlanWarning(
            "lag_truncated",
            "Recycle loops in this plan go round so often that timing beyond a few decades "
            "was cut off; the monthly figures are slightly low. Lower a recycle share.",
            "stages",
        ))
    return tuple(found)


def count(x: float) -> str:
    """Counts for people: whole numbers with separators, one decimal under 10."""
    return f"{x:,.1f}" if 0 < abs(x) < 10 else f"{x:,.0f}"


def month_name(day: date, form: str = "%B %Y") -> str:
    """``day.strftime(form)`` ("January 2027"), kept: warnings name months this way, a
    dozen times a compute on the stress plan, and strftime takes some 3 us a call. Kept
    per locale too: the name is the locale's, and Qt sets the user's locale on start."""
    return _month_name(day, form, locale.setlocale(locale.LC_ALL))


@lru_cache(maxsize=1024)
def _month_name(day: date, form: str, _locale: str) -> str:
    return day.strftime(form)


def money(x: float, currency: str = "") -> str:
    """Exact money for people: 7480000 -> '7,480,000 USD'."""
    return f"{x:,.0f} {currency}".strip()


def _label(stage: Stage, n: float) -> str:
    return f"{count(n)} {stage.name}"


def _pre_plan(plan: Plan, result: Result) -> list[PlanWarning]:
    needed = [
        (stage, sr.pre_plan)
        for stage, sr in zip(plan.stages[:-1], result.stages, strict=False)
        if sr.pre_plan > 0.005
    ]
    if not needed:
        return []
    listed = ", ".join(_label(stage, n) for stage, n in needed[:4])
    start = month_name(plan.start)
    return [PlanWarning(
        "pre_plan",
        f"Deals won early in the plan come from leads made before {start}: "
        f"{listed} must already have entered the funnel by then. "
        "The first months depend on last year's pipeline.",
        "pre_plan",
    )]


def _rounding(plan: Plan, result: Result) -> list[PlanWarning]:
    won = result.stages[-1]
    if won.volume <= 0:
        return []
    average = plan.target.revenue / result.wins  # the plan's average deal size
    delivered = won.rounded * average
    wanted = won.volume * average
    if delivered >= wanted - 0.5:
        return []
    short = wanted - delivered
    return [PlanWarning(
        "rounding_short",
        f"Rounded to {won.rounded:,} deals of {money(average, plan.currency)}, the plan "
        f"delivers {money(delivered, plan.currency)}: {money(short, plan.currency)} short of "
        f"the {money(wanted, plan.currency)} it needs. Use 'ceil' rounding to plan for at "
        "least the target.",
        "plan.rounding",
    )]


def _absurd(plan: Plan, result: Result) -> list[PlanWarning]:
    found = []
    for i, stage in enumerate(plan.stages[:-1]):
        rate = stage.conversion or 1.0
        if rate < LOW_CONVERSION:
            nxt = plan.stages[i + 1]
            found.append(PlanWarning(
                "absurd_conversion",
                f"Only {rate * 100:.2g}% of {stage.name} become {nxt.name}: the plan needs "
                f"{count(result.stages[i].volume)} {stage.name} to win "
                f"{count(result.stages[-1].volume)} deals. Check this rate.",
                stage.id,
            ))
    won = result.stages[-1].volume
    if won > 0:
        top = max(range(len(plan.stages) - 1), key=lambda i: result.stages[i].volume)
        ratio = result.stages[top].volume / won
        if ratio > ENTRIES_PER_WIN_LIMIT and not found:
            stage = plan.stages[top]
            found.append(PlanWarning(
                "absurd_conversion",
                f"The plan needs {count(ratio)} {stage.name} for every deal won. "
                "Check the conversions below it.",
                stage.id,
            ))
    return found


def _sources(plan: Plan, result: Result) -> list[PlanWarning]:
    found: list[PlanWarning] = []
    if not plan.sources:
        return found
    start = month_name(plan.start)
    for source, sr in zip(plan.sources, result.sources, strict=True):
        if sr.new <= 0:
            continue
        early = sr.pre_plan / sr.new
        if early > SOURCE_PRE_PLAN_LIMIT:
            label = source.name or source.id
            found.append(PlanWarning(
                "source_share_unmet",
                f"{label} cannot deliver its {source.share * 100:.0f}% share within this plan: "
                f"{early * 100:.0f}% of the leads it needs must have entered before {start}. "
                "Lower its share or lengthen the plan.",
                f"sources.{source.id}",
            ))
    return found


def _pipeline_surplus(
    plan: Plan, targets: Sequence[float], credit: Sequence[float]
) -> list[PlanWarning]:
    over = [m for m, (t, c) in enumerate(zip(targets, credit, strict=True)) if c > t + 0.5]
    if not over:
        return []
    names = ", ".join(month_name(plan.month_start(m), "%b %Y") for m in over[:3])
    more = f" and {len(over) - 3} more" if len(over) > 3 else ""
    return [PlanWarning(
        "pipeline_surplus",
        f"The existing pipeline is expected to win more than the target in {names}{more}; "
        "the surplus is not carried to other months.",
        "pipeline.existing",
        severity="info",
    )]


__all__ = ["count", "money", "month_name", "warnings"]
