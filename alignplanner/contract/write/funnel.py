"""The funnel's tables as the plan file writes them: ``[plan]``, ``[target]``,
``[[stages]]``, ``[[sources]]`` and ``[pipeline]``.

Optional fields are left out when they have their default value or are empty;
``currency``, ``rounding`` and ``owner`` are always written, so a consumer never needs to
know the defaults. ``[[sources]]`` is written only for declared sources (not the
implicit one).
"""

from __future__ import annotations

from typing import Any

from alignplanner.contract.write import agreement, sla
from alignplanner.contract.write.values import drop_empty, num, opt_num
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan

__all__ = ["funnel_dict"]


def funnel_dict(plan: Plan) -> dict[str, Any]:
    """``plan``, ``target``, ``stages``, and ``sources`` and ``pipeline`` when there are."""
    settings: dict[str, Any] = {
        "name": plan.name,
        "currency": plan.currency,
        "start": plan.start,
        "months": plan.months,
        "rounding": plan.rounding,
    }
    if plan.description:
        settings["description"] = plan.description
    if plan.rates_source:
        settings["rates_source"] = plan.rates_source
    doc: dict[str, Any] = {
        "plan": settings,
        "target": _target(plan.target),
        "stages": [_stage(s) for s in plan.stages],
    }
    if plan.sources:
        doc["sources"] = [
            drop_empty({
                "id": s.id,
                "name": s.name,
                "enters": s.enters,
                "share": num(s.share),
                "average_deal_size": opt_num(s.average_deal_size),
                "conversion_overrides": {k: num(v) for k, v in s.conversion_overrides.items()},
            })
            for s in plan.sources
        ]
    if plan.pipeline.existing:
        doc["pipeline"] = {"existing": {k: num(v) for k, v in plan.pipeline.existing.items()}}
    return doc


def _target(target: Target) -> dict[str, Any]:
    out: dict[str, Any] = {
        "revenue": num(target.revenue),
        "average_deal_size": num(target.average_deal_size),
    }
    if target.monthly_weights is not None:
        out["monthly_weights"] = [num(v) for v in target.monthly_weights]
    if target.monthly_revenue is not None:
        out["monthly_revenue"] = [num(v) for v in target.monthly_revenue]
    if target.growth != 0:
        out["growth"] = num(target.growth)
    if target.continuation != "repeat":
        out["continuation"] = target.continuation
    return out


def _stage(stage: Stage) -> dict[str, Any]:
    recycle: dict[str, Any] | None = None
    if stage.recycle is not None:
        recycle = {"to": stage.recycle.to, "share": num(stage.recycle.share)}
        if stage.recycle.after_days:
            recycle["after_days"] = num(stage.recycle.after_days)
    return drop_empty({
        "id": stage.id,
        "name": stage.name,
        "owner": stage.owner,
        "conversion": opt_num(stage.conversion),
        "days": opt_num(stage.days),
        "lag": None if stage.lag is None else [num(v) for v in stage.lag],
        "recycle": recycle,
        "definition": stage.definition,
        "entry_criteria": stage.entry_criteria,
        "exit_criteria": stage.exit_criteria,
        **sla.stage_values(stage),
        **agreement.stage_values(stage),
    })
