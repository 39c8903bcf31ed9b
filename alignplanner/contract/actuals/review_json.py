"""The weekly review as one JSON-ready object: what ``alignplanner review --format json``
prints, described by resources/review.schema.json and docs/review.md.

Keys are stable for BI: ``plan``, ``currency``, ``as_of``, ``records``, ``rates``,
``kpis``, ``revenue``, ``stages``, ``by_source``, ``table``, ``gap``, ``conversions``,
``slas``, ``stale``, ``landing``, ``coverage``, and beside last week's snapshot
``last_week_as_of``, each KPI's and table row's ``last_week``, and ``trend``. Months are
"YYYY-MM", dates ISO strings, shares floats (0.25 for 25%) or null where nothing was
planned or counted; money in the plan's currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alignplanner.domain import wording
from alignplanner.domain.review.conversion import ConversionAtAge
from alignplanner.domain.review.last_week import Then
from alignplanner.domain.review.sla_compliance import SlaCompliance
from alignplanner.domain.review.variance import MonthVariance
from alignplanner.domain.review.weekly import WeeklyReview


def _month(m: MonthVariance) -> dict[str, Any]:
    return {"month": f"{m.month.year:04d}-{m.month.month:02d}", "planned": m.planned,
            "actual": m.actual, "variance": m.variance, "percent": m.percent,
            "cumulative": m.cumulative}


def _months(months: Sequence[MonthVariance]) -> list[dict[str, Any]]:
    return [_month(m) for m in months]


def _conversion(c: ConversionAtAge) -> dict[str, Any]:
    return {"from": c.from_stage, "to": c.to_stage, "planned": c.planned, "actual": c.actual,
            "window_days": c.window_days,
            "cohorts": [{"month": k.month, "entered": k.entered, "within": k.within,
                         "rate": k.rate} for k in c.cohorts]}


def _sla(s: SlaCompliance) -> dict[str, Any]:
    return {"sla": s.sla, "window_hours": s.window_hours, "answered": s.answered, "due": s.due,
            "median_hours": s.median_hours, "p95_hours": s.p95_hours, "within": s.within,
            "bands": [{"hours": h, "within": w} for h, w in s.bands],
            "stale": [{"id": x.id, "owner": x.owner, "hours": x.hours} for x in s.stale]}


def _then(t: Then | None) -> dict[str, Any] | None:
    return None if t is None else {"actual": t.actual, "planned": t.planned,
                                   "variance": t.variance, "percent": t.percent}


def _trend(review: WeeklyReview) -> list[dict[str, Any]]:
    return [{"stage": stage, "name": review.stage_names.get(stage, stage),
             "points": [{"as_of": p.as_of.isoformat(), "entered": p.entered,
                         "in_plan": p.in_plan, "estimated": p.estimated} for p in points]}
            for stage, points in review.trend.items()]


def review_dict(review: WeeklyReview) -> dict[str, Any]:
    """Every figure of ``review`` as plain JSON values."""
    land = review.landing
    return {
        "plan": review.plan,
        "currency": review.currency,
        "as_of": review.as_of.isoformat(),
        "records": review.records,
        "rates": land.rates,
        "kpis": [{"key": k.key,
                  "label": wording.review_kpi_label(
                      k.key, review.stage_names.get(k.key.partition(":")[2], "")),
                  "unit": k.unit, "planned": k.planned, "actual": k.actual,
                  "variance": k.variance, "percent": k.percent, "last_week": _then(k.last_week)}
                 for k in review.kpis],
        "revenue": _months(review.revenue),
        "stages": [{"stage": v.stage, "name": review.stage_names.get(v.stage, v.stage),
                    "months": _months(v.months)} for v in review.stages],
        "by_source": {source: [{"stage": v.stage, "months": _months(v.months)}
                               for v in stages]
                      for source, stages in review.by_source.items()},
        "table": [{"stage": r.stage, "source": r.source or None, "planned": r.planned,
                   "actual": r.actual, "variance": r.variance, "percent": r.percent,
                   "last_week": _then(r.last_week)} for r in review.table],
        "last_week_as_of": review.last_week.as_of.isoformat() if review.last_week else None,
        "trend": _trend(review),
        "gap": list(review.sentences),
        "conversions": [_conversion(c) for c in review.conversions],
        "slas": [_sla(s) for s in review.slas],
        "stale": [{"stage": s.stage, "window_days": s.window_days, "records": s.records,
                   "value": s.value,
                   "oldest": [{"id": r.id, "days": r.days, "value": r.value}
                              for r in s.oldest]} for s in review.stale],
        "landing": {
            "target": land.target, "total": land.total, "gap": land.gap,
            "months": [f"{m.year:04d}-{m.month:02d}" for m in review.months],
            "won": list(land.won), "from_open": list(land.from_open),
            "from_planned": list(land.from_planned),
        },
        "coverage": {
            "total": land.total_coverage,
            "months": [{"month": f"{c.month.year:04d}-{c.month.month:02d}",
                        "needed": c.needed, "pipeline": c.pipeline, "weighted": c.weighted,
                        "coverage": c.coverage, "needed_coverage": c.needed_coverage}
                       for c in land.coverage],
        },
    }


__all__ = ["review_dict"]
