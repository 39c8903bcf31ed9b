"""Small plans for engine tests, built from a compact description."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from alignplanner.domain.plan.funnel import Pipeline, Recycle, Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

DAYS_PER_MONTH = 365.25 / 12


def chain(
    conversions: Sequence[float],
    days: Sequence[float] | None = None,
    recycles: dict[int, tuple[int, float, float]] | None = None,
    owners: Sequence[str] | None = None,
) -> tuple[Stage, ...]:
    """Stages s0..sk from conversions (k of them); recycles maps a stage index to
    (target index, share, after_days)."""
    k = len(conversions)
    days = days if days is not None else [0.0] * k
    recycles = recycles or {}
    out = []
    for i in range(k + 1):
        owner = owners[i] if owners else "marketing"
        if i == k:
            out.append(Stage(id=f"s{i}", name=f"Stage {i}", owner=owner))  # type: ignore[arg-type]
            continue
        rec = recycles.get(i)
        out.append(Stage(
            id=f"s{i}", name=f"Stage {i}", owner=owner,  # type: ignore[arg-type]
            conversion=conversions[i], days=days[i],
            recycle=Recycle(f"s{rec[0]}", rec[1], rec[2]) if rec else None,
        ))
    return tuple(out)


def plan(
    stages: tuple[Stage, ...],
    *,
    revenue: float = 1_200_000,
    deal: float = 10_000,
    months: int = 12,
    rounding: str = "ceil",
    continuation: str = "repeat",
    growth: float = 0.0,
    weights: Sequence[float] | None = None,
    monthly_revenue: Sequence[float] | None = None,
    sources: Sequence[Source] = (),
    existing: dict[str, float] | None = None,
    start: date = date(2027, 1, 1),
) -> Plan:
    target_args: dict[str, Any] = {
        "revenue": revenue, "average_deal_size": deal, "growth": growth,
        "continuation": continuation,
    }
    if weights is not None:
        target_args["monthly_weights"] = tuple(weights)
    if monthly_revenue is not None:
        target_args["monthly_revenue"] = tuple(monthly_revenue)
    return Plan(
        name="test", start=start, months=months, target=Target(**target_args),
        stages=stages, sources=tuple(sources), pipeline=Pipeline(existing or {}),
        rounding=rounding,  # type: ignore[arg-type]
    )
