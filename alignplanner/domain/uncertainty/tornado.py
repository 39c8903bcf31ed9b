"""The two-sided tornado: every driver swung to its low and its high value, the outcome
recomputed on the engine's definitions both ways, bars sorted by swing
(docs/uncertainty.md).

The outcome is the net-new volume needed at the top of the funnel for the plan's target
(``"volume"``), or the horizon's revenue from the plan's own volumes (``"revenue"``). A
rate's range is the P10/P90 of its Beta where the plan states how sure it is, else the
plan's +/- swing; every other driver is swung by +/- swing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from alignplanner.domain.engine.compute import compute, forward, pipeline_wins
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.results import Result
from alignplanner.domain.uncertainty import swings
from alignplanner.domain.uncertainty.settings import Uncertainty, beta_p10_p90

Outcome = Literal["volume", "revenue"]


@dataclass(frozen=True)
class Bar:
    """One driver: its base, low and high values and the outcome at each."""

    driver: str  # "conversion:<stage>", "days:<stage>", "recycle:<stage>", "deal_size"
    base: float
    low: float
    high: float
    outcome_low: float
    outcome_high: float
    outcome_base: float

    @property
    def swing(self) -> float:
        return abs(self.outcome_high - self.outcome_low)

    @property
    def elasticity(self) -> float:
        """% change of the outcome per % change of the driver, from low to high."""
        moved = (self.high - self.low) / self.base if self.base else 0.0
        if moved == 0.0 or self.outcome_base == 0.0:
            return 0.0
        return (self.outcome_high - self.outcome_low) / self.outcome_base / moved


def tornado(plan: Plan, settings: Uncertainty | None = None,
            outcome: Outcome = "volume") -> tuple[Bar, ...]:
    """Every driver swung both ways, the swung plans solved together (`swings`); the
    same bars as `tornado_by_compute` (tests compare them), many times faster."""
    settings = settings or Uncertainty()
    if any(stage.lag is not None for stage in plan.stages):
        # a calibrated lag distribution (monthly mass) is not in the batched solve's
        # lag model: the engine itself solves each swing, slower but the same bars
        return tornado_by_compute(plan, settings, outcome)
    base_result = compute(plan)
    measure = _volume if outcome == "volume" else _revenue_from(plan, base_result)
    base = measure(plan, base_result)
    drivers = list(_drivers(plan, settings))
    swung: list[Plan | None] = []
    for _, _, low, high, change in drivers:
        for moved in (low, high):
            try:
                swung.append(change(moved))
            except PlanInvalid:
                swung.append(None)
    found = iter(swings.outcomes(plan, base_result, [p for p in swung if p], outcome))
    values = []
    for swung_plan in swung:
        if swung_plan is None:
            values.append(_refused(outcome))
            continue
        value = next(found)
        values.append(_by_compute(swung_plan, measure, outcome) if value is None else value)
    bars = [Bar(name, value, low, high, values[2 * n], values[2 * n + 1], base)
            for n, (name, value, low, high, _) in enumerate(drivers)]
    return tuple(sorted(bars, key=lambda b: (-b.swing, b.driver)))


def tornado_by_compute(plan: Plan, settings: Uncertainty | None = None,
                       outcome: Outcome = "volume") -> tuple[Bar, ...]:
    """The reference: one full `compute` per swing."""
    settings = settings or Uncertainty()
    base_result = compute(plan)
    measure = _volume if outcome == "volume" else _revenue_from(plan, base_result)
    base = measure(plan, base_result)
    bars = []
    for name, value, low, high, change in _drivers(plan, settings):
        results = []
        for moved in (low, high):
            try:
                swung = change(moved)
            except PlanInvalid:
                results.append(_refused(outcome))
                continue
            results.append(_by_compute(swung, measure, outcome))
        bars.append(Bar(name, value, low, high, results[0], results[1], base))
    return tuple(sorted(bars, key=lambda b: (-b.swing, b.driver)))


def _by_compute(swung: Plan, measure: Callable[[Plan, Result], float],
                outcome: Outcome) -> float:
    try:
        return measure(swung, compute(swung))
    except PlanInvalid:
        return _refused(outcome)


def _refused(outcome: Outcome) -> float:
    """A swing the engine refuses (absurd volumes): no volume is enough, no revenue."""
    return math.inf if outcome == "volume" else 0.0


def _volume(plan: Plan, result: Result) -> float:
    return math.fsum(s.new for s in result.sources)


def _revenue_from(base_plan: Plan, base: Result) -> Callable[[Plan, Result], float]:
    """Revenue in the horizon from ``base_plan``'s own net-new volumes and pipeline."""
    def revenue(plan: Plan, result: Result) -> float:
        del result
        total = math.fsum(base.pipeline_monthly) if plan is base_plan else _pipeline(plan)
        for source in base.sources:
            entries = source.monthly_new
            total += math.fsum(forward(plan, source.enters, entries,
                                       source_id=_source_id(plan, source.id)).revenue)
        return total
    return revenue


def _pipeline(plan: Plan) -> float:
    return float(pipeline_wins(plan, plan.months).sum()) * plan.target.average_deal_size


def _source_id(plan: Plan, source_id: str) -> str | None:
    return source_id if plan.sources else None


Driver = tuple[str, float, float, float, Callable[[float], Plan]]


def _drivers(plan: Plan, settings: Uncertainty) -> Iterator[Driver]:
    x = settings.swing
    for i, stage in enumerate(plan.stages[:-1]):
        rate = float(stage.conversion or 0.0)
        if stage.id in settings.observations:
            low, high = beta_p10_p90(rate, settings.observations_for(stage.id))
        else:
            low, high = rate * (1 - x), min(1.0, rate * (1 + x))
        yield (f"conversion:{stage.id}", rate, low, high,
               _stage_change(plan, i, lambda s, v: replace(s, conversion=v)))
        days = float(stage.days or 0.0)
        if days > 0:
            yield (f"days:{stage.id}", days, days * (1 - x), days * (1 + x),
                   _stage_change(plan, i, lambda s, v: replace(s, days=v)))
        if stage.recycle is not None and stage.recycle.share > 0:
            share = float(stage.recycle.share)
            yield (f"recycle:{stage.id}", share, share * (1 - x), min(1.0, share * (1 + x)),
                   _stage_change(plan, i, _with_recycle_share))
    size = float(plan.target.average_deal_size)
    low, high = size * (1 - x), size * (1 + x)
    if settings.deal_size_p10 is not None and settings.deal_size_p90 is not None:
        low, high = settings.deal_size_p10, settings.deal_size_p90
    yield ("deal_size", size, low, high,
           lambda v: replace(plan, target=replace(plan.target, average_deal_size=v)))


def _with_recycle_share(stage: Stage, share: float) -> Stage:
    assert stage.recycle is not None
    return replace(stage, recycle=replace(stage.recycle, share=share))


def _stage_change(plan: Plan, i: int, edit: Callable[[Stage, float], Stage]
                  ) -> Callable[[float], Plan]:
    def change(value: float) -> Plan:
        stages = list(plan.stages)
        stages[i] = edit(stages[i], value)
        return replace(plan, stages=tuple(stages))
    return change
