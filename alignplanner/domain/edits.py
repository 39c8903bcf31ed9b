"""Edits of a plan as pure functions: each takes a valid plan and returns a new valid plan,
or raises PlanInvalid naming the field. References follow the stages they point to
(renaming a stage id renames every recycle, source and pipeline entry that uses it, and
the roles and SLAs, through `ops_follow`).
The document layer wraps each call in an undoable command.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from alignplanner.domain import ops_follow
from alignplanner.domain.model import MAX_MONTHS, Pipeline, Plan, Recycle, Source, Stage, Target
from alignplanner.domain.problems import PlanInvalid, Problem

DEFAULT_CONVERSION = 0.5
DEFAULT_DAYS = 7.0


def _refuse(path: tuple[str | int, ...], message: str) -> PlanInvalid:
    return PlanInvalid([Problem(path, message)])


def _stage_values(stage: Stage, path: tuple[str | int, ...], **fields: Any) -> Stage:
    try:
        return replace(stage, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(path) from None


# -- plan settings and target -------------------------------------------------------------


def set_plan(plan: Plan, **fields: Any) -> Plan:
    """Change plan settings (name, currency, start, months, rounding, description, ...).
    Changing months stretches or cuts monthly weights/revenue so the plan stays valid."""
    months = fields.get("months", plan.months)
    if months != plan.months and isinstance(months, int) and 1 <= months <= MAX_MONTHS:
        fields["target"] = _resize_months(plan.target, months)
    return replace(plan, **fields)  # validated by the constructor


def _resize_months(target: Target, months: int) -> Target:
    if target.monthly_weights is not None:
        weights = (target.monthly_weights * (months // len(target.monthly_weights) + 1))[:months]
        if not sum(weights) > 0:
            weights = (1.0,) * months
        return replace(target, monthly_weights=weights)
    if target.monthly_revenue is not None:
        share = [v / target.revenue for v in target.monthly_revenue]
        share = (share * (months // len(share) + 1))[:months]
        total = math.fsum(share) or 1.0
        return replace(target, monthly_revenue=None,
                       monthly_weights=tuple(s / total for s in share))
    return target


def set_target(plan: Plan, **fields: Any) -> Plan:
    """Change target fields. Setting ``revenue`` with monthly revenue scales the months."""
    target = plan.target
    scale_months = target.monthly_revenue is not None and "monthly_revenue" not in fields
    if "revenue" in fields and scale_months and target.monthly_revenue is not None:
        factor = float(fields["revenue"]) / target.revenue if target.revenue else 1.0
        fields["monthly_revenue"] = tuple(v * factor for v in target.monthly_revenue)
    try:
        new_target = replace(target, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(("target",)) from None
    return replace(plan, target=new_target)


def set_month_weight(plan: Plan, month: int, value: float) -> Plan:
    """Set one month's seasonality weight (turns a flat target into weights)."""
    weights = list(plan.target.monthly_weights or (1.0,) * plan.months)
    if not 0 <= month < len(weights):
        raise _refuse(("target", "monthly_weights"), f"no plan month {month + 1}")
    if plan.target.monthly_revenue is not None:
        raise _refuse(("target", "monthly_weights"),
                      "this plan gives monthly revenue outright; edit that instead")
    weights[month] = value
    return set_target(plan, monthly_weights=tuple(weights))


# -- stages --------------------------------------------------------------------------------


def set_stage(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of stage ``index``; a new ``id`` is followed by every reference."""
    stage = plan.stages[index]
    new_id = fields.get("id", stage.id)
    new_stage = _stage_values(stage, ("stages", index), **fields)
    stages = list(plan.stages)
    stages[index] = new_stage
    new = replace(plan, stages=tuple(stages)) if new_id == stage.id else _renamed(
        plan, stages, stage.id, new_id)
    return new


def _renamed(plan: Plan, stages: list[Stage], old: str, new: str) -> Plan:
    if new in plan.stage_ids:
        raise _refuse(("stages", plan.stage_index(old), "id"), f"stage id {new!r} is already used")
    stages = [
        replace(s, recycle=replace(s.recycle, to=new)) if s.recycle and s.recycle.to == old else s
        for s in stages
    ]
    sources = tuple(
        replace(src, enters=new if src.enters == old else src.enters,
                conversion_overrides=_rekey(src.conversion_overrides, old, new))
        for src in plan.sources
    )
    pipeline = Pipeline(_rekey(plan.pipeline.existing, old, new))
    scoring = plan.scoring
    if scoring is not None and scoring.qualifies_for == old:  # agreement (issue 5)
        scoring = replace(scoring, qualifies_for=new)
    return replace(plan, stages=tuple(stages), sources=sources, pipeline=pipeline,
                   scoring=scoring, **ops_follow.after_rename(plan, old, new))


def _rekey(mapping: Mapping[str, float], old: str, new: str) -> dict[str, float]:
    return {(new if k == old else k): v for k, v in mapping.items()}


def set_recycle(plan: Plan, index: int, to: str | None, share: float = 0.0,
                after_days: float = 0.0) -> Plan:
    """Set or clear (``to=None``) the recycle of stage ``index``."""
    if to is None:
        return set_stage(plan, index, recycle=None)
    try:
        recycle = Recycle(to, share, after_days)
    except PlanInvalid as exc:
        raise exc.prefixed(("stages", index, "recycle")) from None
    return set_stage(plan, index, recycle=recycle)


def unique_id(existing: tuple[str, ...] | list[str], base: str) -> str:
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"


def add_stage(plan: Plan, index: int, name: str = "New stage", owner: str = "marketing") -> Plan:
    """Insert a stage before ``index`` (at most before the won stage, which stays last)."""
    index = max(0, min(index, len(plan.stages) - 1))
    stage_id = unique_id(plan.stage_ids, "stage")
    stage = Stage(id=stage_id, name=name, owner=owner,  # type: ignore[arg-type]
                  conversion=DEFAULT_CONVERSION, days=DEFAULT_DAYS)
    stages = list(plan.stages)
    stages.insert(index, stage)
    return replace(plan, stages=tuple(stages))


def remove_stage(plan: Plan, index: int) -> Plan:
    """Remove a stage. Sources entering it enter the next stage; recycles to it, its
    overrides and its pipeline go; removing the won stage makes the one above it won."""
    if len(plan.stages) <= 2:
        raise _refuse(("stages",), "a funnel needs at least two stages")
    gone = plan.stages[index]
    stages = list(plan.stages)
    del stages[index]
    stages = [replace(s, recycle=None) if s.recycle and s.recycle.to == gone.id else s
              for s in stages]
    if index == len(plan.stages) - 1:
        stages[-1] = replace(stages[-1], conversion=None, days=None, recycle=None,
                             stale_after_days=None)
    next_id = stages[min(index, len(stages) - 2)].id
    sources = tuple(
        replace(src, enters=next_id if src.enters == gone.id else src.enters,
                conversion_overrides={k: v for k, v in src.conversion_overrides.items()
                                      if k != gone.id and k != stages[-1].id})
        for src in plan.sources
    )
    existing = {k: v for k, v in plan.pipeline.existing.items()
                if k != gone.id and k != stages[-1].id}
    scoring = plan.scoring  # agreement (issue 5): the score qualifies for the next stage
    if scoring is not None and scoring.qualifies_for in (gone.id, stages[-1].id):
        scoring = replace(scoring, qualifies_for=next_id)
    return replace(plan, stages=tuple(stages), sources=sources, pipeline=Pipeline(existing),
                   scoring=scoring,
                   **ops_follow.after_removal(plan, gone.id, [s.id for s in stages]))


def move_stage(plan: Plan, index: int, to: int) -> Plan:
    """Move stage ``index`` to position ``to``. The won stage stays last and cannot move;
    a recycle that would then point down the funnel is refused by validation."""
    last = len(plan.stages) - 1
    if index == last:
        raise _refuse(("stages", index), "the last stage is 'won' and stays at the bottom")
    to = max(0, min(to, last - 1))
    if to == index:
        return plan
    stages = list(plan.stages)
    stages.insert(to, stages.pop(index))
    try:
        return replace(plan, stages=tuple(stages))
    except PlanInvalid as exc:
        bad = [p for p in exc.problems if p.path[-1:] == ("to",)]
        if bad:
            raise PlanInvalid([Problem(("stages", index), "moving it there would make a recycle "
                                       "point down the funnel: " + bad[0].message)]) from None
        raise


# -- sources -------------------------------------------------------------------------------


def _balanced(shares: list[float], fixed: int) -> list[float]:
    """Rescale every share but ``fixed`` so that all add up to 1."""
    rest = 1.0 - shares[fixed]
    others = [i for i in range(len(shares)) if i != fixed]
    total = math.fsum(shares[i] for i in others)
    for i in others:
        shares[i] = rest * (shares[i] / total if total > 0 else 1.0 / len(others))
    if others:  # absorb the last rounding error so the sum is 1 within the tolerance
        last = others[-1]
        shares[last] = max(0.0, 1.0 - math.fsum(s for i, s in enumerate(shares) if i != last))
    return shares


def set_source(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of source ``index``. A new share rescales the other sources so the
    shares still add up to 100%; a new id must be unique."""
    sources = list(plan.sources)
    try:
        sources[index] = replace(sources[index], **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(("sources", index)) from None
    if "share" in fields:
        if len(sources) == 1 and not math.isclose(float(fields["share"]), 1.0):
            raise _refuse(("sources", index, "share"),
                          "the only source owns the whole target (100%)")
        shares = _balanced([s.share for s in sources], index)
        sources = [replace(s, share=v) for s, v in zip(sources, shares, strict=True)]
    return replace(plan, sources=tuple(sources))


def add_source(plan: Plan, name: str = "New source") -> Plan:
    """Add a source entering at the first stage with a share of 0% (the first source
    added to a plan without sources takes over the implicit one, 100%)."""
    existing = [s.id for s in plan.sources]
    source = Source(id=unique_id(existing, "source"), name=name, enters=plan.stages[0].id,
                    share=0.0 if plan.sources else 1.0)
    return replace(plan, sources=(*plan.sources, source))


def remove_source(plan: Plan, index: int) -> Plan:
    """Remove a source; its share is spread over the others in proportion."""
    sources = list(plan.sources)
    del sources[index]
    if sources:
        total = math.fsum(s.share for s in sources)
        shares = [s.share / total if total > 0 else 1.0 / len(sources) for s in sources]
        shares[-1] = max(0.0, 1.0 - math.fsum(shares[:-1]))
        sources = [replace(s, share=v) for s, v in zip(sources, shares, strict=True)]
    return replace(plan, sources=tuple(sources))


def set_override(plan: Plan, index: int, stage_id: str, rate: float | None) -> Plan:
    """Set (or clear with None) a source's conversion override at one stage."""
    overrides = dict(plan.sources[index].conversion_overrides)
    if rate is None:
        overrides.pop(stage_id, None)
    else:
        overrides[stage_id] = rate
    return set_source(plan, index, conversion_overrides=overrides)


# -- pipeline ------------------------------------------------------------------------------


def set_pipeline(plan: Plan, stage_id: str, count: float) -> Plan:
    """Open units at ``stage_id`` at plan start (0 removes the entry)."""
    existing = dict(plan.pipeline.existing)
    if count == 0:
        existing.pop(stage_id, None)
    else:
        existing[stage_id] = count
    try:
        pipeline = Pipeline(existing)
    except PlanInvalid as exc:
        raise exc.prefixed(("pipeline",)) from None
    return replace(plan, pipeline=pipeline)
