"""Everything that refers to a stage follows it when the stage is renamed or removed.

A renamed stage is renamed in every recycle, source (its entry stage and overrides), the
existing pipeline, the scoring model's qualifying stage, every role's ``works`` and every
SLA's ``from_stage``, ``to_stage`` and ``recycle_to``. When a stage is removed: sources
entering it enter the next stage; recycles to it, its overrides and its pipeline go; the
scoring model qualifies for the next stage; a role working it works the stage in its
place; SLAs from it go, and SLAs to it hand over to the stage after. Removing the won
stage makes the one above it won.

Both functions return the plan fields to replace, for `dataclasses.replace`;
`removal_notes` says in sentences what a removal moved or dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from alignplanner.domain import wording
from alignplanner.domain.plan.funnel import Pipeline, Stage
from alignplanner.domain.plan.plan import Plan

__all__ = ["after_removal", "after_rename", "removal_notes"]


def after_rename(plan: Plan, stages: Sequence[Stage], old: str, new: str) -> dict[str, Any]:
    """The fields of ``plan`` once stage id ``old`` is ``new`` (``stages``: the stages
    with the renamed one in place)."""

    def r(stage_id: str) -> str:
        return new if stage_id == old else stage_id

    scoring = plan.scoring
    if scoring is not None and scoring.qualifies_for == old:
        scoring = replace(scoring, qualifies_for=new)
    return {
        "stages": tuple(
            replace(s, recycle=replace(s.recycle, to=new)) if s.recycle and s.recycle.to == old
            else s
            for s in stages
        ),
        "sources": tuple(
            replace(src, enters=r(src.enters),
                    conversion_overrides=_rekey(src.conversion_overrides, old, new))
            for src in plan.sources
        ),
        "pipeline": Pipeline(_rekey(plan.pipeline.existing, old, new)),
        "scoring": scoring,
        "roles": tuple(replace(x, works=new) if x.works == old else x for x in plan.roles),
        "slas": tuple(
            replace(s, from_stage=r(s.from_stage), to_stage=r(s.to_stage),
                    recycle_to=None if s.recycle_to is None else r(s.recycle_to))
            if old in (s.from_stage, s.to_stage, s.recycle_to) else s
            for s in plan.slas
        ),
    }


def _rekey(mapping: Mapping[str, float], old: str, new: str) -> dict[str, float]:
    return {(new if k == old else k): v for k, v in mapping.items()}


def after_removal(plan: Plan, index: int) -> dict[str, Any]:
    """The fields of ``plan`` once stage ``index`` is removed."""
    gone = plan.stages[index].id
    stages = [s for i, s in enumerate(plan.stages) if i != index]
    stages = [replace(s, recycle=None) if s.recycle and s.recycle.to == gone else s
              for s in stages]
    if index == len(plan.stages) - 1:  # the stage above becomes won
        stages[-1] = replace(stages[-1], conversion=None, days=None, recycle=None,
                             stale_after_days=None)
    won = stages[-1].id
    next_id = stages[min(index, len(stages) - 2)].id
    sources = tuple(
        replace(src, enters=next_id if src.enters == gone else src.enters,
                conversion_overrides={k: v for k, v in src.conversion_overrides.items()
                                      if k not in (gone, won)})
        for src in plan.sources
    )
    existing = {k: v for k, v in plan.pipeline.existing.items() if k not in (gone, won)}
    scoring = plan.scoring
    if scoring is not None and scoring.qualifies_for in (gone, won):
        scoring = replace(scoring, qualifies_for=next_id)
    ids = [s.id for s in stages]
    successor = ids[min(index, len(ids) - 1)]
    slas = []
    for s in plan.slas:
        if s.from_stage == gone:
            continue
        to = s.to_stage
        if to == gone:
            to = successor
            if ids.index(to) <= ids.index(s.from_stage):
                continue
        recycle = None if s.recycle_to == gone else s.recycle_to
        slas.append(replace(s, to_stage=to, recycle_to=recycle))
    return {
        "stages": tuple(stages),
        "sources": sources,
        "pipeline": Pipeline(existing),
        "scoring": scoring,
        "roles": tuple(replace(x, works=successor) if x.works == gone else x
                       for x in plan.roles),
        "slas": tuple(slas),
    }


def removal_notes(plan: Plan, index: int) -> list[str]:
    """One sentence for each thing `after_removal` moves or drops besides the stage."""
    after = after_removal(plan, index)
    gone = plan.stages[index]
    names = {s.id: s.name for s in plan.stages}
    stages: tuple[Stage, ...] = after["stages"]
    notes: list[str] = []
    if index == len(plan.stages) - 1:
        notes.append(wording.became_won(stages[-1].name))
    notes += [wording.recycle_dropped(s.name, gone.name) for s in plan.stages
              if s.recycle is not None and s.recycle.to == gone.id and s is not gone]
    for old, new in zip(plan.sources, after["sources"], strict=True):
        source = old.name or old.id
        if old.enters != new.enters:
            notes.append(wording.source_moved(source, gone.name, names[new.enters]))
        notes += [wording.override_dropped(source, names[k], rate)
                  for k, rate in old.conversion_overrides.items()
                  if k not in new.conversion_overrides]
    notes += [wording.pipeline_dropped(names[k], units)
              for k, units in plan.pipeline.existing.items()
              if k not in after["pipeline"].existing]
    if plan.scoring is not None and plan.scoring.qualifies_for != after["scoring"].qualifies_for:
        notes.append(wording.scoring_moved(names[plan.scoring.qualifies_for],
                                           names[after["scoring"].qualifies_for]))
    notes += [wording.role_moved(wording.role_label(old), gone.name, names[new.works])
              for old, new in zip(plan.roles, after["roles"], strict=True)
              if old.works != new.works]
    kept = {s.id: s for s in after["slas"]}
    for sla in plan.slas:
        if sla.id not in kept:
            notes.append(wording.sla_dropped(sla.name or sla.id, names[sla.from_stage]))
        elif kept[sla.id].to_stage != sla.to_stage:
            notes.append(wording.sla_handed_over(sla.name or sla.id, gone.name,
                                                 names[kept[sla.id].to_stage]))
    return notes
