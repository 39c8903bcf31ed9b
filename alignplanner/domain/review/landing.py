"""Where the period lands: the revenue won to date, what the records still open are
expected to win, and what the volumes still planned are expected to win, within the
plan's horizon, against the target; on the plan's rates and lags or on the estimated ones
(``rates``, `projection`). Beside it, the pipeline coverage of each month to come.

Conventions (docs/review.md, "Landing"): the open records are grouped by source, stage
and age (`open_records`) and each group projected once (`projection`); a record is worth
its amount when the export has one, else its source's deal size. On the plan's rates, a
record open at its stage longer than the stage's window (``stale_after_days``, else 365
days, as for conversion at equal age) is stale and expected to win nothing: the plan's
rate is the share that converts within the window. On the estimated rates the lag's tail
says the same. The volumes still planned
are each source's net-new entries at its entry stage for the rest of the month holding
``as_of`` (the share of its days still to come) and every later plan month.

Coverage, per plan month from ``as_of``'s on: ``needed`` is the month's target less what
was won in it (never below 0); ``pipeline`` the face value of the open records of the
pipeline stages due to close in it (each record's value spread over the months of its
projection, given it is won); ``weighted`` what they are expected to win in it. The
pipeline stages are those the plan gives to sales (``owner = "sales"``): a raised hand is
not pipeline yet; a plan with no sales stage counts every open stage. ``coverage`` is
pipeline over needed, ``needed_coverage`` pipeline over weighted: the coverage at which
the month is made from the open pipeline alone (1 / the win chance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import build_records
from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.engine.compute import deal_size
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.conversion import window_of
from alignplanner.domain.review.open_records import (
    month_index,
    open_groups,
    record_values,
    won_by_month,
)
from alignplanner.domain.review.projection import (
    Estimated,
    Vector,
    place,
    plan_projection,
    spread,
)
from alignplanner.domain.review.variance import elapsed


@dataclass(frozen=True)
class CoverageMonth:
    """One plan month to come (see the module)."""

    month: date
    needed: float
    pipeline: float
    weighted: float

    @property
    def coverage(self) -> float | None:
        return self.pipeline / self.needed if self.needed > 0 else None

    @property
    def needed_coverage(self) -> float | None:
        return self.pipeline / self.weighted if self.weighted > 0 else None


@dataclass(frozen=True)
class Landing:
    """Revenue per plan month: won to date, expected from open records and from the
    volumes still planned; ``target`` the horizon's revenue target; ``rates`` "plan" or
    "estimated"; ``coverage`` the months from ``as_of``'s on."""

    won: tuple[float, ...]
    from_open: tuple[float, ...]
    from_planned: tuple[float, ...]
    target: float
    rates: str = "plan"
    coverage: tuple[CoverageMonth, ...] = ()

    @property
    def total(self) -> float:
        return math.fsum((*self.won, *self.from_open, *self.from_planned))

    @property
    def gap(self) -> float:
        """Landing minus target: below zero, short of it."""
        return self.total - self.target

    @property
    def total_coverage(self) -> float | None:
        """The open pipeline over what the rest of the horizon still needs."""
        needed = math.fsum(c.needed for c in self.coverage)
        return math.fsum(c.pipeline for c in self.coverage) / needed if needed > 0 else None


def landing(plan: Plan, result: Result, events: Events, as_of: date, *,
            estimates: Estimates | None = None, rates: str = "plan") -> Landing:
    """The landing of ``plan`` (its requirements ``result``) given ``events`` at ``as_of``;
    ``rates="estimated"`` projects on ``estimates`` (required then) instead of the plan."""
    if rates not in ("plan", "estimated"):
        raise ValueError(f"rates must be 'plan' or 'estimated', not {rates!r}")
    if rates == "estimated" and estimates is None:
        raise ValueError("landing on the estimated rates needs the estimates")
    months, now = plan.months, month_index(plan, as_of)
    plan_sources = {s.id: s for s in plan.effective_sources()}
    recs = build_records(events, as_of.toordinal())
    value = record_values(plan, events)
    won = won_by_month(plan, recs, value)
    est = Estimated(plan, estimates) if rates == "estimated" and estimates else None

    def projection(stage: str, source: str | None, age: int) -> Vector:
        return est.at(stage, age) if est else cached(stage, source)

    plans: dict[tuple[str, str | None], Vector] = {}

    def cached(stage: str, source: str | None) -> Vector:
        key = (stage, source)
        if key not in plans:
            plans[key] = plan_projection(plan, stage, source)
        return plans[key]

    sales = {s.id for s in plan.stages[:-1] if s.owner == "sales"}
    counted = sales or {s.id for s in plan.stages}
    windows = [float(window_of(plan, stage)) for stage in events.stages[:-1]] + [math.inf]
    from_open, pipeline, weighted = np.zeros(months), np.zeros(months), np.zeros(months)
    for g in open_groups(events, recs, value, as_of, None if est else windows):
        if g.expired:
            continue
        w = projection(g.stage, g.source if g.source in plan_sources else None, g.age)
        chance = float(w.sum())
        expected = place(months, now, w, g.value)
        from_open += expected
        if chance > 0 and g.stage in counted:
            pipeline += place(months, now, w, g.value / chance)
            weighted += expected
    from_planned = np.zeros(months)
    for src in result.sources:
        left = [0.0] * max(0, now) + [
            x * (1.0 - elapsed(plan.month_start(m), as_of)) for m, x in
            enumerate(src.monthly_new) if m >= now]
        if any(left):
            w = projection(src.enters, src.id, 0)
            size = deal_size(plan, plan_sources[src.id])
            from_planned += spread(months, left[:months], w) * size
    target = np.asarray(result.target_monthly, dtype=np.float64)
    coverage = tuple(
        CoverageMonth(plan.month_start(m), max(0.0, float(target[m] - won[m])),
                      float(pipeline[m]), float(weighted[m]))
        for m in range(max(now, 0), months))
    return Landing(tuple(won.tolist()), tuple(from_open.tolist()),
                   tuple(from_planned.tolist()), float(target.sum()), rates, coverage)


__all__ = ["CoverageMonth", "Landing", "landing"]
