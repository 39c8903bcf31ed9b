"""What the plan tells the actuals: the funnel's order, each transition's window, and
the names a mapping may use for a stage.

A mapping names plan stages by id or by name (``mql`` or ``MQL`` for a stage
``id = "mql"``, ``name = "MQL"``); with a plan, events and estimates carry the stage's
id, the key the plan file and the systems that read it use. A transition's window is the plan's
``stale_after_days`` of its first stage (a unit older than that in the stage is
stagnant: it has had its chance to move on); without one, the estimates' default
(`domain.actuals.estimates.DEFAULT_WINDOW`).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from types import MappingProxyType

from alignplanner.contract.actuals.mapping import IGNORE_VALUE, LOST_VALUE, Mapping
from alignplanner.domain.plan.plan import Plan

MAPPING_SUFFIX = ".actuals.toml"
"""A plan ``q3.toml`` keeps its mapping beside it as ``q3.actuals.toml`` (the app saves it
there; ``alignplanner review`` reads it from there)."""


def mapping_beside(plan_path: Path) -> Path:
    """Where the mapping of the plan saved at ``plan_path`` lives."""
    return plan_path.with_name(plan_path.stem + MAPPING_SUFFIX)


def stage_ids(plan: Plan) -> tuple[str, ...]:
    """The plan's stages by id, in funnel order."""
    return tuple(stage.id for stage in plan.stages)


def windows(plan: Plan) -> dict[str, int]:
    """Plan stage id -> the window in whole days of the transition out of it, for the
    stages that set ``stale_after_days``."""
    return {stage.id: max(1, math.ceil(stage.stale_after_days)) for stage in plan.stages
            if stage.stale_after_days is not None}


def by_ids(mapping: Mapping, plan: Plan) -> Mapping:
    """``mapping`` with every plan stage it names by name named by id instead."""
    ids = {stage.name: stage.id for stage in plan.stages}
    known = set(ids.values())

    def name(value: str) -> str:
        if value in known or value in (LOST_VALUE, IGNORE_VALUE):
            return value
        return ids.get(value, value)

    files = tuple(
        dataclasses.replace(f, enters=MappingProxyType({name(k): v for k, v in f.enters.items()}))
        for f in mapping.files)
    stages = MappingProxyType({k: name(v) for k, v in mapping.stages.items()})
    return dataclasses.replace(mapping, files=files, stages=stages)


__all__ = ["MAPPING_SUFFIX", "by_ids", "mapping_beside", "stage_ids", "windows"]
