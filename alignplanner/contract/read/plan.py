"""Type-check every field of a raw plan dict, then build the domain values.

Every problem is collected (not just the first) with its key path; the reader gives each
one its line. Each part of the file has its reader (`funnel`, `sla`, `agreement`); this
module puts the plan together from them.
"""

from __future__ import annotations

from typing import Any

from alignplanner.contract.read import (
    agreement,
    calibration,
    funnel,
    history,
    sla,
    snapshots,
    uncertainty,
)
from alignplanner.contract.read.checks import NAN, Checker, unchecked
from alignplanner.domain.plan.funnel import Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Path

# The keys each table may hold, in file order (also the "did you mean" candidates).
TOP_KEYS = ("format", "version", "plan", "target", "stages", "sources", "pipeline",
            *sla.TOP_KEYS, "requirements", *agreement.TOP_KEYS,
            *uncertainty.TOP_KEYS, "scenarios", *calibration.TOP_KEYS,
            *snapshots.TOP_KEYS, *history.TOP_KEYS)
PLAN_KEYS = ("name", "currency", "start", "months", "rounding", "description", "rates_source")


def build_plan(raw: dict[str, Any], c: Checker) -> Plan | None:
    """The plan of ``raw``, or None when a part is so wrong that no plan can be made
    (its problems are in ``c`` either way)."""
    c.keys(raw, (), TOP_KEYS)
    settings = c.table(raw, "plan", ("plan",), required=True,
                       what="with name, start and months")
    target_raw = c.table(raw, "target", ("target",), required=True,
                         what="with the revenue target and average deal size")
    stages = funnel.stages_of(raw, c)
    sources = funnel.sources_of(raw, c)
    pipeline = funnel.pipeline_of(raw, c)
    target = funnel.target_of(target_raw, c) if target_raw is not None else None

    p: Path = ("plan",)
    if settings is not None:
        c.keys(settings, p, PLAN_KEYS)
    else:
        settings = {}  # its problem is known; the stand-ins below are not reported again
    values: dict[str, Any] = {
        "name": c.text(settings, "name", p, required=True),
        "currency": c.text(settings, "currency", p, default="USD", bad="USD"),
        "start": c.local_date(settings, "start", p),
        "months": c.integer(settings, "months", p),
        "rounding": c.text(settings, "rounding", p, default="ceil", bad="ceil"),
        "description": c.text(settings, "description", p),
        "rates_source": c.text(settings, "rates_source", p),
        "target": target if target is not None else unchecked(
            Target, revenue=NAN, average_deal_size=NAN, monthly_weights=None,
            monthly_revenue=None, growth=0.0, continuation="repeat",
        ),
        "stages": stages,
        "sources": sources,
        "pipeline": pipeline,
        **sla.plan_values(raw, c),
        **agreement.plan_values(raw, c),
    }
    try:
        return c.build((), lambda: Plan(**values))
    except Exception:
        if c.problems:  # a stand-in upset a plan-level check: the real problems are known
            return None
        raise


__all__ = ["PLAN_KEYS", "TOP_KEYS", "build_plan"]
