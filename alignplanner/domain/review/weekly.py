"""The weekly business review, assembled once: what the Review tab, the command line's
``alignplanner review`` (Markdown, JSON, PDF) and any later view all show.

`weekly_review` takes the plan, its requirements, the events and their estimates and
returns one `WeeklyReview`: the KPIs plan against actual to date, the revenue's and every
stage's months with their cumulative variance, the variance table by stage and source,
the sentences saying where the gap is, conversion at equal age, SLA compliance (when the
hand-offs' times are given), the stale records, and the landing with its coverage.

With the snapshots the plan file keeps (`snapshots`), the review also stands beside last
week's (`last_week`: the latest snapshot of an earlier week, against the plan to its
date): `Kpi.last_week` and `VarianceRow.last_week` say where each figure stood then, and
`trend` holds each stage over the kept weeks, this one last. Without an earlier week's
snapshot they are None and empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import build_records
from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.actuals.volumes import entries_by_source
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.conversion import ConversionAtAge, conversions
from alignplanner.domain.review.gap import gap_sentences
from alignplanner.domain.review.landing import Landing, landing
from alignplanner.domain.review.last_week import LastWeek, Then, then
from alignplanner.domain.review.open_records import record_values, won_by_month
from alignplanner.domain.review.sla_compliance import HandOff, SlaCompliance, compliance
from alignplanner.domain.review.snapshots import Snapshot, Snapshots, snapshot_of
from alignplanner.domain.review.stale import StaleStage, stale_records
from alignplanner.domain.review.trend import TrendPoint, trend
from alignplanner.domain.review.variance import (
    MonthVariance,
    PlannedActual,
    StageVariance,
    compare,
    source_variances,
    stage_variances,
)


@dataclass(frozen=True)
class Kpi(PlannedActual):
    """One headline figure, planned to date against actual (``unit``: "money", "count" or
    "ratio"); ``last_week`` where it stood last week (None without that week's snapshot,
    and for the landing and coverage, which snapshots do not keep)."""

    key: str
    planned: float
    actual: float
    unit: str
    last_week: Then | None = None


@dataclass(frozen=True)
class VarianceRow(PlannedActual):
    """One stage (``source`` "": every source) to date: planned, actual, variance, and
    where it stood last week (None without that week's snapshot)."""

    stage: str
    source: str
    planned: float
    actual: float
    last_week: Then | None = None


@dataclass(frozen=True)
class WeeklyReview:
    """The review of one plan at one date (see the module)."""

    plan: str
    currency: str
    as_of: date
    records: int
    kpis: tuple[Kpi, ...]
    revenue: tuple[MonthVariance, ...]
    stages: tuple[StageVariance, ...]
    by_source: Mapping[str, tuple[StageVariance, ...]]
    sentences: tuple[str, ...]
    conversions: tuple[ConversionAtAge, ...]
    slas: tuple[SlaCompliance, ...]
    stale: tuple[StaleStage, ...]
    landing: Landing
    stage_names: Mapping[str, str]
    source_names: Mapping[str, str]
    months: tuple[date, ...] = ()  # the plan's months: the landing's are per month
    last_week: LastWeek | None = None
    trend: Mapping[str, tuple[TrendPoint, ...]] = field(default_factory=dict)

    def kpi(self, key: str) -> Kpi:
        return next(k for k in self.kpis if k.key == key)

    @property
    def table(self) -> tuple[VarianceRow, ...]:
        """Each stage to date over every source, then each source's stages."""
        last = self.last_week
        rows = [VarianceRow(v.stage, "", v.planned, v.actual,
                            last.stage(v.stage) if last else None) for v in self.stages]
        rows += [VarianceRow(v.stage, source, v.planned, v.actual,
                             last.stage(v.stage, source) if last else None)
                 for source, stages in self.by_source.items() for v in stages
                 if v.planned > 0 or v.actual > 0]
        return tuple(rows)


def _kpis(revenue: Sequence[MonthVariance], stages: Sequence[StageVariance],
          land: Landing, then: LastWeek | None) -> tuple[Kpi, ...]:
    found = [Kpi("revenue", sum(m.planned for m in revenue), sum(m.actual for m in revenue),
                 "money", then.revenue if then else None)]
    if stages:
        first, last = stages[0], stages[-1]
        found.append(Kpi(f"entries:{first.stage}", first.planned, first.actual, "count",
                         then.stage(first.stage) if then else None))
        found.append(Kpi("wins", last.planned, last.actual, "count",
                         then.stage(last.stage) if then else None))
    found.append(Kpi("landing", land.target, land.total, "money"))
    coverage = land.total_coverage
    weighted = sum(c.weighted for c in land.coverage)
    if coverage is not None:  # planned: the coverage at which the pipeline alone makes it
        need = sum(c.pipeline for c in land.coverage) / weighted if weighted > 0 else 0.0
        found.append(Kpi("coverage", need, coverage, "ratio"))
    return tuple(found)


def _weeks(plan: Plan, result: Result, events: Events, estimates: Estimates, *,
           kept: Snapshots, now: Snapshot | None
           ) -> tuple[LastWeek | None, dict[str, tuple[TrendPoint, ...]]]:
    """Last week against the plan, and each stage's trend over the kept weeks and this."""
    before = kept.before(estimates.as_of)
    if before is None:
        return None, {}
    now = now if now is not None else snapshot_of(plan, events, estimates)
    series = {s.id: trend(kept, s.id, now) for s in plan.stages}
    return (then(result, before, by_source=bool(plan.sources)),
            {stage: points for stage, points in series.items() if len(points) > 1})


def weekly_review(plan: Plan, result: Result, events: Events, estimates: Estimates, *,
                  rates: str = "plan",
                  handoffs: Mapping[str, Sequence[HandOff]] | None = None,
                  snapshots: Snapshots | None = None,
                  now: Snapshot | None = None) -> WeeklyReview:
    """The review of ``plan`` at ``estimates.as_of`` (events and estimates with stages by
    plan id); ``rates`` sets the landing's rates ("plan" or "estimated"); ``handoffs``
    (SLA id -> its hand-offs) gives the SLAs' compliance, for the SLAs it names;
    ``snapshots`` (the plan file's) give last week and the trend, ``now`` being this
    import's snapshot when it is made already (else it is made here, when needed)."""
    as_of = estimates.as_of
    last_week, weeks = _weeks(plan, result, events, estimates,
                               kept=snapshots or Snapshots(), now=now)
    recs = build_records(events, as_of.toordinal())
    value = record_values(plan, events)
    won = won_by_month(plan, recs, value)
    won_months = {f"{m.year:04d}-{m.month:02d}": float(w)
                  for m, w in zip(result.months, won.tolist(), strict=True)}
    revenue = compare(result.target_monthly, result.months, won_months, as_of)
    stages = stage_variances(result, estimates)
    # a plan without sources has one implicit source, which no record names: nothing to split
    by_source = (source_variances(result, entries_by_source(events, as_of), as_of)
                 if plan.sources else {})
    stage_names = {s.id: s.name or s.id for s in plan.stages}
    source_names = {s.id: s.name or s.id for s in plan.effective_sources()}
    land = landing(plan, result, events, as_of, estimates=estimates, rates=rates)
    end = datetime.combine(as_of, time(23, 59, 59), tzinfo=plan.calendar.zone)  # as_of's end
    slas = tuple(compliance(s, plan.calendar, handoffs[s.id], end)
                 for s in plan.slas if handoffs and s.id in handoffs)
    return WeeklyReview(
        plan=plan.name, currency=plan.currency, as_of=as_of, records=estimates.records,
        kpis=_kpis(revenue, stages, land, last_week), revenue=revenue, stages=stages,
        by_source=by_source,
        sentences=gap_sentences(stages, stage_names, by_source, source_names),
        conversions=conversions(plan, events, as_of), slas=slas,
        stale=stale_records(plan, events, recs, value, as_of), landing=land,
        stage_names=stage_names, source_names=source_names, months=result.months,
        last_week=last_week, trend=weeks)


__all__ = ["Kpi", "VarianceRow", "WeeklyReview", "weekly_review"]
