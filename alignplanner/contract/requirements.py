"""The `[requirements]` section of a plan file: what the engine computed, for consumers
that have no engine.

The fixed keys are those of contract-core (``wins``; per stage ``id``, ``volume``, ``new``,
``rounded``, ``pre_plan``, ``monthly``, ``monthly_rounded``). The documented extras are:
``wins_rounded``, ``pipeline_wins`` and ``months`` (the first day of each plan month);
per stage ``recycled`` and ``monthly_new``; ``[[requirements.sources]]`` with ``id``,
``enters``, ``wins``, ``average_deal_size``, ``new``, ``pre_plan``, ``monthly_new`` and
``volumes`` (stage id -> entries); ``[[requirements.warnings]]`` with ``code``,
``subject`` and ``message``. Plans with roles and SLAs add ``[[requirements.capacity]]``
and ``[[requirements.slas]]`` (`write_ops.requirements`; issue 4's fixed keys first).

Floats are kept at full precision. NaN and infinity are never written: they raise
ValueError naming the key (the domain and the engine should make them impossible).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from alignplanner.contract import write_ops
from alignplanner.domain.problems import Path, dotted
from alignplanner.domain.results import Result

__all__ = ["requirements_dict"]


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
        **write_ops.requirements(result),
        "warnings": [
            {"code": w.code, "subject": w.subject, "message": w.message} for w in result.warnings
        ],
    }
    check_finite(out, ("requirements",))
    return out


def check_finite(value: object, path: Path) -> None:
    """Raise ValueError if any float inside ``value`` is NaN or infinite."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"refusing to write {value} at {dotted(path)}: not a finite number")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_finite(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_finite(item, (*path, i))
