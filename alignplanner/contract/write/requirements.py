"""The `[requirements]` section of a plan file: what the engine computed, for consumers
that have no engine.

The fixed keys are those of contract-core (``wins``; per stage ``id``, ``volume``, ``new``,
``rounded``, ``pre_plan``, ``monthly``, ``monthly_rounded``). The documented extras are:
``wins_rounded``, ``pipeline_wins`` and ``months`` (the first day of each plan month);
per stage ``recycled`` and ``monthly_new``; ``[[requirements.sources]]`` with ``id``,
``enters``, ``wins``, ``average_deal_size``, ``new``, ``pre_plan``, ``monthly_new`` and
``volumes`` (stage id -> entries); ``[[requirements.warnings]]`` with ``code``,
``subject`` and ``message``. Plans with roles and SLAs add ``[[requirements.capacity]]``
and ``[[requirements.slas]]`` (their fixed keys first).

Floats are kept at full precision. NaN and infinity are never written: they raise
ValueError naming the key (the domain and the engine should make them impossible).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from alignplanner.contract.write.values import check_finite
from alignplanner.domain.results import Result, SlaResult
from alignplanner.domain.team.capacity import CapacityResult

__all__ = ["NO_HEADCOUNT", "requirements_dict"]

#: ``reps_needed`` of an SLA month that no headcount can keep (entries, no business hours).
NO_HEADCOUNT = -1


def requirements_dict(result: Result) -> dict[str, Any]:
    """The `[requirements]` table for ``result``, keys in contract order."""
    stage_ids = [s.id for s in result.stages]
    out: dict[str, Any] = {
        "wins": float(result.wins),
        "wins_rounded": int(result.wins_rounded),
        "pipeline_wins": float(result.pipeline_wins),
        "months": [date(m.year, m.month, m.day) for m in result.months],
        "stages": [
            {
                "id": s.id,
                "volume": float(s.volume),
                "new": float(s.new),
                "rounded": int(s.rounded),
                "pre_plan": float(s.pre_plan),
                "monthly": [float(v) for v in s.monthly],
                "monthly_rounded": [int(v) for v in s.monthly_rounded],
                "recycled": float(s.recycled),
                "monthly_new": [float(v) for v in s.monthly_new],
            }
            for s in result.stages
        ],
        "sources": [
            {
                "id": s.id,
                "enters": s.enters,
                "wins": float(s.wins),
                "average_deal_size": float(s.average_deal_size),
                "new": float(s.new),
                "pre_plan": float(s.pre_plan),
                "monthly_new": [float(v) for v in s.monthly_new],
                "volumes": {
                    stage_id: float(v) for stage_id, v in zip(stage_ids, s.volumes, strict=True)
                },
            }
            for s in result.sources
        ],
        **_operations(result),
        "warnings": [
            {"code": w.code, "subject": w.subject, "message": w.message} for w in result.warnings
        ],
    }
    check_finite(out, ("requirements",))
    return out


def _operations(result: Result) -> dict[str, Any]:
    """``capacity`` and ``slas`` of `[requirements]`, when the plan has roles or SLAs."""
    out: dict[str, Any] = {}
    if result.capacity:
        out["capacity"] = [_capacity(c, result.months) for c in result.capacity]
    if result.slas:
        out["slas"] = [_sla_requirements(s) for s in result.slas]
    return out


def _month(months: tuple[date, ...], offset: int) -> date:
    """First day of plan month ``offset`` (negative: before the plan)."""
    first = months[0]
    index = first.year * 12 + first.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def _floats(values: tuple[float, ...]) -> list[float]:
    return [float(v) for v in values]


def _capacity(cap: CapacityResult, months: tuple[date, ...]) -> dict[str, Any]:
    short = cap.short_months
    return {
        "role": cap.role,
        "required": _floats(cap.required),
        "effective_reps": _floats(cap.effective_reps),
        "capacity": _floats(cap.capacity),
        "reps_needed": _floats(cap.reps_needed),
        "gap": _floats(cap.gap),
        "per_rep": float(cap.per_rep),
        "headcount": _floats(cap.headcount),
        "short_months": [_month(months, m) for m in short],
        "hire_by": [_month(months, h) for h in (cap.hire_by[m] for m in short) if h is not None],
    }


def _sla_requirements(sla: SlaResult) -> dict[str, Any]:
    return {
        "id": sla.id,
        "service_level": _floats(sla.service_level),
        "reps_needed": [NO_HEADCOUNT if n is None else int(n) for n in sla.reps_needed],
        "feasible": bool(sla.feasible),
        "role": sla.role,
        "from": sla.from_stage,
        "window_hours": float(sla.window_hours),
        "target": float(sla.target),
        "monthly_feasible": [bool(m.feasible) for m in sla.months],
        "entries": [float(m.entries) for m in sla.months],
        "business_hours": [float(m.business_hours) for m in sla.months],
        "servers": [int(m.servers) for m in sla.months],
    }
