"""The review as it stood last week: last week's snapshot set against the plan to its date.

A snapshot (`snapshots`) keeps what the actuals were at its ``as_of``: per stage the first
entries within the plan's horizon, in total and by source, and the revenue won. `then`
sets each against what the plan asked for by that date (the same `variance.compare` the
review uses today, at the snapshot's ``as_of``), so "behind 12% last week, 9% now" compares
like with like: the plan moves on with the calendar just as the actuals do. The plan is
today's plan: a number changed since last week changes last week's variance too, as it
would in a spreadsheet reopened today.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from alignplanner.domain.results import Result
from alignplanner.domain.review.snapshots import Snapshot
from alignplanner.domain.review.variance import PlannedActual, compare, source_planned

__all__ = ["LastWeek", "Then", "then"]


@dataclass(frozen=True)
class Then(PlannedActual):
    """One figure last week: the actual at the snapshot's date, the plan to that date."""

    actual: float
    planned: float


@dataclass(frozen=True)
class LastWeek:
    """Last week's figures: ``stages`` stage -> every source, ``sources`` (source, stage)
    -> that source alone, ``revenue`` the revenue won (None when the snapshot predates
    keeping it)."""

    as_of: date
    stages: Mapping[str, Then] = field(default_factory=dict)
    sources: Mapping[tuple[str, str], Then] = field(default_factory=dict)
    revenue: Then | None = None

    def stage(self, stage: str, source: str = "") -> Then | None:
        return self.sources.get((source, stage)) if source else self.stages.get(stage)


def _planned(monthly: Sequence[float], months: Sequence[date], as_of: date) -> float:
    return sum(m.planned for m in compare(monthly, months, {}, as_of))


def then(result: Result, snapshot: Snapshot, *, by_source: bool = True) -> LastWeek:
    """``snapshot`` (last week's) against ``result``'s plan to the snapshot's date, for the
    plan stages it has, and (``by_source``) each plan source's part of them."""
    day, months = snapshot.as_of, result.months
    stages: dict[str, Then] = {}
    sources: dict[tuple[str, str], Then] = {}
    plan_sources = [s.id for s in result.sources] if by_source else []
    for stage in result.stages:
        kept = snapshot.stage(stage.id)
        if kept is None:
            continue
        stages[stage.id] = Then(float(kept.in_plan), _planned(stage.monthly, months, day))
        for source in plan_sources:
            planned = _planned(source_planned(result, source, stage.id), months, day)
            actual = kept.sources.get(source, 0)
            if planned > 0 or actual > 0:
                sources[(source, stage.id)] = Then(float(actual), planned)
    revenue = (Then(snapshot.won, _planned(result.target_monthly, months, day))
               if snapshot.won is not None else None)
    return LastWeek(day, MappingProxyType(stages), MappingProxyType(sources), revenue)
