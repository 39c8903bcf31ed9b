"""Edits of a plan's sources (the sourcing mix) and of its existing pipeline.

A source's share is of the revenue target; shares always add up to 100%: a new share
rescales the others, a removed source's share is spread over the rest.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from alignplanner.domain.edits.common import refuse, unique_id
from alignplanner.domain.plan.funnel import Pipeline, Source
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid


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
            raise refuse(("sources", index, "share"),
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


def set_share_percent(plan: Plan, index: int, percent: float) -> Plan:
    """A source's share in percent; the other sources are rescaled to keep 100%."""
    return set_source(plan, index, share=percent / 100)


def set_deal_size(plan: Plan, index: int, value: float | None) -> Plan:
    """A source's own average deal size; None or 0 means the plan's."""
    return set_source(plan, index, average_deal_size=value or None)


__all__ = [
    "add_source", "remove_source", "set_deal_size", "set_override", "set_pipeline",
    "set_share_percent", "set_source",
]
