"""Where the period lands on the plan's rates and lags: the revenue won to date, what the
records still open are expected to win, and what the volumes still planned are expected
to win, within the plan's horizon, against the target.

Conventions (docs/actuals.md, "Landing"): a record still open at a stage is projected as
the engine projects the existing pipeline, as if it entered its stage on ``as_of`` (the
conservative choice: the plan's lag counted from today), with its source's rates when its
source is a plan source, else the plan's own. A record is worth its amount when the export
has one, else its source's deal size. The volumes still planned are each source's net-new
entries at its entry stage for the rest of the month holding ``as_of`` (the share of its
days still to come) and every later plan month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import NEVER, OPEN, build_records
from alignplanner.domain.engine.compute import deal_size, forward
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.variance import elapsed


@dataclass(frozen=True)
class Landing:
    """Revenue per plan month: won to date, expected from open records and from the
    volumes still planned; ``target`` the horizon's revenue target."""

    won: tuple[float, ...]
    from_open: tuple[float, ...]
    from_planned: tuple[float, ...]
    target: float

    @property
    def total(self) -> float:
        return math.fsum((*self.won, *self.from_open, *self.from_planned))

    @property
    def gap(self) -> float:
        """Landing minus target: below zero, short of it."""
        return self.total - self.target


def _month_index(plan: Plan, day: date) -> int:
    return (day.year * 12 + day.month) - (plan.start.year * 12 + plan.start.month)


def landing(plan: Plan, result: Result, events: Events, as_of: date) -> Landing:
    """The landing of ``plan`` (its requirements ``result``) given ``events`` at ``as_of``."""
    months, now = plan.months, _month_index(plan, as_of)
    sources = {s.id: s for s in plan.effective_sources()}
    recs = build_records(events, as_of.toordinal())
    last = len(events.stages) - 1
    value = np.array([a if np.isfinite(a) else
                      deal_size(plan, sources[name]) if (name := events.sources[s]) in sources
                      else float(plan.target.average_deal_size)
                      for a, s in zip(events.amount, events.source, strict=True)])
    won = np.zeros(months)
    for r in np.flatnonzero(recs.entry[:, last] != NEVER):
        m = _month_index(plan, date.fromordinal(int(recs.entry[r, last])))
        if 0 <= m < months:
            won[m] += value[r]
    from_open = np.zeros(months)
    is_open = (recs.outcome == OPEN) & (recs.furthest >= 0) & (recs.furthest < last)
    for r in np.flatnonzero(is_open):
        name = events.sources[int(events.source[r])]
        stage = events.stages[int(recs.furthest[r])]
        wins = forward(plan, stage, [1.0], first_month=now,
                       source_id=name if name in sources else None).wins
        from_open += np.asarray(wins) * value[r]
    from_planned = np.zeros(months)
    for src in result.sources:
        left = [0.0] * max(0, now) + [
            x * (1.0 - elapsed(plan.month_start(m), as_of)) for m, x in
            enumerate(src.monthly_new) if m >= now]
        if any(left):
            from_planned += np.asarray(forward(plan, src.enters, left[:months],
                                               source_id=src.id).revenue)
    return Landing(tuple(won.tolist()), tuple(from_open.tolist()),
                   tuple(from_planned.tolist()), float(sum(result.target_monthly)))


__all__ = ["Landing", "landing"]
