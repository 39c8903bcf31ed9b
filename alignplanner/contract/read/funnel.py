"""Read the funnel's tables of a raw plan dict: ``[target]``, ``[[stages]]`` (with each
stage's recycle, and the fields the SLA and agreement readers add), ``[[sources]]`` and
``[pipeline]``. Every field is type-checked before a domain value is made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alignplanner.contract.read import agreement, sla
from alignplanner.contract.read.checks import Checker, array_of_tables, make
from alignplanner.domain.plan.funnel import Pipeline, Recycle, Source, Stage, Target
from alignplanner.domain.problems import Path

TARGET_KEYS = ("revenue", "average_deal_size", "monthly_weights", "monthly_revenue", "growth",
               "continuation")
STAGE_KEYS = ("id", "name", "owner", "conversion", "days", "lag", "recycle", "definition",
              "entry_criteria", "exit_criteria", *sla.STAGE_KEYS, *agreement.STAGE_KEYS)
RECYCLE_KEYS = ("to", "share", "after_days")
SOURCE_KEYS = ("id", "name", "enters", "share", "average_deal_size", "conversion_overrides")
PIPELINE_KEYS = ("existing",)


def target_of(t: dict[str, Any], c: Checker) -> Target:
    """The ``[target]`` table as a `Target`."""
    p: Path = ("target",)
    c.keys(t, p, TARGET_KEYS)
    growth = c.number(t, "growth", p)
    return make(
        c, p, Target,
        revenue=c.number(t, "revenue", p, required=True),
        average_deal_size=c.number(t, "average_deal_size", p, required=True),
        monthly_weights=c.numbers(t, "monthly_weights", p),
        monthly_revenue=c.numbers(t, "monthly_revenue", p),
        growth=0.0 if growth is None else growth,
        continuation=c.text(t, "continuation", p, default="repeat", bad="repeat"),
    )


def stages_of(raw: Mapping[str, Any], c: Checker) -> tuple[Stage, ...]:
    """Every ``[[stages]]`` table, top to bottom."""
    out: list[Stage] = []
    for p, s in array_of_tables(raw, "stages", c, required=True,
                                 example="top to bottom, the last one is 'won'"):
        c.keys(s, p, STAGE_KEYS)
        recycle = None
        rp: Path = (*p, "recycle")
        recycle_raw = c.inline_table(s, "recycle", p, RECYCLE_KEYS,
                                     example='{ to = "mql", share = 0.3, after_days = 90 }')
        if recycle_raw is not None:
            after = c.number(recycle_raw, "after_days", rp)
            recycle = make(
                c, rp, Recycle,
                to=c.text(recycle_raw, "to", rp, required=True, bad="?"),
                share=c.number(recycle_raw, "share", rp, required=True),
                after_days=0.0 if after is None else after,
            )
        out.append(make(
            c, p, Stage,
            id=c.text(s, "id", p, required=True, bad=f"?{p[1]}"),
            name=c.text(s, "name", p, required=True),
            owner=c.text(s, "owner", p, default="marketing", bad="marketing"),
            conversion=c.number(s, "conversion", p),
            days=c.number(s, "days", p),
            lag=c.numbers(s, "lag", p),
            recycle=recycle,
            definition=c.text(s, "definition", p),
            entry_criteria=c.text(s, "entry_criteria", p),
            exit_criteria=c.text(s, "exit_criteria", p),
            **sla.stage_values(c, s, p),
            **agreement.stage_values(c, s, p),
        ))
    return tuple(out)


def sources_of(raw: Mapping[str, Any], c: Checker) -> tuple[Source, ...]:
    """Every ``[[sources]]`` table."""
    out: list[Source] = []
    for p, s in array_of_tables(raw, "sources", c, required=False, example=""):
        c.keys(s, p, SOURCE_KEYS)
        out.append(make(
            c, p, Source,
            id=c.text(s, "id", p, required=True, bad=f"?{p[1]}"),
            enters=c.text(s, "enters", p, required=True, bad="?"),
            share=c.number(s, "share", p, required=True),
            name=c.text(s, "name", p),
            average_deal_size=c.number(s, "average_deal_size", p),
            conversion_overrides=c.number_map(s, "conversion_overrides", p),
        ))
    return tuple(out)


def pipeline_of(raw: Mapping[str, Any], c: Checker) -> Pipeline:
    table = c.table(raw, "pipeline", ("pipeline",), required=False, what="")
    if table is None:
        return Pipeline()
    c.keys(table, ("pipeline",), PIPELINE_KEYS)
    existing = c.number_map(table, "existing", ("pipeline",))
    return make(c, ("pipeline",), Pipeline, existing=existing)


__all__ = [
    "PIPELINE_KEYS", "RECYCLE_KEYS", "SOURCE_KEYS", "STAGE_KEYS", "TARGET_KEYS", "pipeline_of",
    "sources_of", "stages_of", "target_of",
]
