"""Planned against actual entries per stage and month, and the cumulative variance.

Planned entries into a stage in a plan month are the engine's `StageResult.monthly` (the
entries the plan's wins need in that month, re-entries included). Actual entries are the
records whose first entry into the stage falls in that month (`StageCount.by_month`).
A month is compared when it has begun by ``as_of``; the month holding ``as_of`` is
compared to date, its plan scaled by the share of its days gone (``as_of`` included).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.results import Result


class PlannedActual:
    """A figure planned against actual (to date): its ``variance`` (actual - planned) and
    ``percent`` of planned (None when nothing was planned). Mixed into the frozen
    dataclasses that hold ``planned`` and ``actual``."""

    planned: float
    actual: float

    @property
    def variance(self) -> float:
        return self.actual - self.planned

    @property
    def percent(self) -> float | None:
        return self.variance / self.planned if self.planned > 0 else None


@dataclass(frozen=True)
class MonthVariance:
    """One month of one stage: variance = actual - planned; ``percent`` of planned (None
    when nothing was planned); ``cumulative`` the variance summed from the plan's start."""

    month: date
    planned: float
    actual: float
    variance: float
    percent: float | None
    cumulative: float


@dataclass(frozen=True)
class StageVariance:
    """The compared months of one stage, in order."""

    stage: str
    months: tuple[MonthVariance, ...]

    @property
    def planned(self) -> float:
        return sum(m.planned for m in self.months)

    @property
    def actual(self) -> float:
        return sum(m.actual for m in self.months)


def elapsed(month: date, as_of: date) -> float:
    """The share of ``month``'s days gone by ``as_of`` (inclusive): 0 to 1."""
    if as_of < month:
        return 0.0
    days = calendar.monthrange(month.year, month.month)[1]
    if (as_of.year, as_of.month) != (month.year, month.month):
        return 1.0
    return as_of.day / days


def compare(planned: Sequence[float], months: Sequence[date],
            actual: Mapping[str, int] | Mapping[str, float],
            as_of: date) -> tuple[MonthVariance, ...]:
    """The months of the plan begun by ``as_of``, planned (to date) against actual
    (``actual`` maps "YYYY-MM" to records, or to an amount such as revenue won)."""
    rows = []
    total = 0.0
    for plan, month in zip(planned, months, strict=True):
        share = elapsed(month, as_of)
        if share == 0.0:
            break
        due = plan * share
        got = actual.get(f"{month.year:04d}-{month.month:02d}", 0)
        variance = got - due
        total += variance
        rows.append(MonthVariance(month, due, got, variance,
                                  variance / due if due > 0 else None, total))
    return tuple(rows)


def stage_variances(result: Result, estimates: Estimates) -> tuple[StageVariance, ...]:
    """Every stage of the plan that the actuals name (by stage id), in plan order."""
    counts = {s.name: s.by_month for s in estimates.stages}
    return tuple(StageVariance(s.id, compare(s.monthly, result.months, counts[s.id],
                                             estimates.as_of))
                 for s in result.stages if s.id in counts)


def behind_since(months: Sequence[MonthVariance]) -> tuple[date, float] | None:
    """The first month of the run of months behind plan that ends with the last compared
    month, and the shortfall over it as a share of its plan; None when the last month is
    not behind."""
    run = []
    for m in reversed(months):
        if m.variance >= 0 or m.planned <= 0:
            break
        run.append(m)
    if not run:
        return None
    planned = sum(m.planned for m in run)
    return run[-1].month, -sum(m.variance for m in run) / planned


def cumulative_share(months: Sequence[MonthVariance]) -> list[float | None]:
    """Each month's cumulative variance as a share of everything planned over ``months``,
    so the line ends at the variance to date and a thin first month cannot dwarf the rest
    (None throughout when nothing was planned): the cumulative variance chart's line."""
    planned = sum(m.planned for m in months)
    return [m.cumulative / planned if planned > 0 else None for m in months]


def source_planned(result: Result, source_id: str, stage_id: str) -> tuple[float, ...]:
    """The planned entries of one source into one stage per plan month: the stage's
    `monthly` times the source's part of the stage's volume (`SourceResult.volumes`)."""
    i = [s.id for s in result.stages].index(stage_id)
    stage = result.stages[i]
    share = result.source(source_id).volumes[i] / stage.volume if stage.volume > 0 else 0.0
    return tuple(m * share for m in stage.monthly)


def source_variances(result: Result, actual: Mapping[str, Mapping[str, Mapping[str, int]]],
                     as_of: date) -> dict[str, tuple[StageVariance, ...]]:
    """Per plan source, every stage it plans entries into or has records in; ``actual``
    is source -> stage -> "YYYY-MM" -> records (`actuals.volumes.entries_by_source`)."""
    found = {}
    for source in result.sources:
        got = actual.get(source.id, {})
        found[source.id] = tuple(
            StageVariance(s.id, compare(source_planned(result, source.id, s.id), result.months,
                                        got.get(s.id, {}), as_of))
            for i, s in enumerate(result.stages) if source.volumes[i] > 0 or s.id in got)
    return found


__all__ = ["MonthVariance", "PlannedActual", "StageVariance", "behind_since", "compare",
           "cumulative_share", "elapsed", "source_planned", "source_variances",
           "stage_variances"]
