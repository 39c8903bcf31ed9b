"""Plan + result -> the plan file (TOML), in one canonical form.

The layout is fixed so that saving an unchanged plan gives the same bytes:
``format`` and ``version`` first, then the funnel (``[plan]``, ``[target]``,
``[[stages]]``, ``[[sources]]``, ``[pipeline]``; `write.funnel`), the calendar, roles and
SLAs (`write.sla`), the scoring model and sign-off (`write.agreement`), and
``[requirements]`` last (`write.requirements`), keys in the order of the contract.

- Input numbers that are whole are written as integers (``revenue = 12000000``, not
  ``12000000.0``); other floats at full precision (shortest repr that reads back exactly).
- NaN and infinity are never written: ValueError instead.
"""

from __future__ import annotations

import os
from typing import Any

from alignplanner.contract import migrations
from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.extras import extras_values
from alignplanner.contract.write import agreement, funnel, sla, toml
from alignplanner.contract.write.requirements import requirements_dict
from alignplanner.contract.write.values import check_finite
from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

__all__ = ["FORMAT", "dump", "dumps", "plan_dict"]

FORMAT = "alignplanner.plan"


def dumps(plan: Plan, result: Result, extras: Extras | None = None) -> str:
    """The plan file for ``plan`` with ``result`` as its `[requirements]`, and the
    sections of ``extras`` (`contract.extras`) before it where they are not the
    defaults."""
    if tuple(s.id for s in result.stages) != plan.stage_ids:
        raise ValueError("the result does not belong to this plan (its stages differ)")
    doc = plan_dict(plan)
    doc.update(extras_values(extras or Extras()))
    doc["requirements"] = requirements_dict(result)
    check_finite(doc, ())
    return toml.emit(doc)


def dump(path: str | os.PathLike[str], plan: Plan, result: Result,
         extras: Extras | None = None) -> None:
    """Write the plan file for ``plan``, ``result`` and ``extras`` to ``path`` atomically."""
    atomic_write_text(path, dumps(plan, result, extras))


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The input part of the plan file as a dict in file order (no `[requirements]`)."""
    return {
        "format": FORMAT,
        "version": migrations.CURRENT_VERSION,
        **funnel.funnel_dict(plan),
        **sla.plan_values(plan),
        **agreement.plan_values(plan),
    }
