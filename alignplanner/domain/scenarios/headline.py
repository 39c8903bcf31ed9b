"""The headline figures of one computed plan, and a side-by-side of several scenarios
with each figure's difference against the base.

The figures: the revenue target, the wins it needs, the entries every stage needs over
the horizon, the peak reps each role needs, and the months each SLA is broken in (0: kept
every month). Each has a key (stable across scenarios, so figures line up by meaning
even when a variant has a different name for a stage) and a sentence saying what it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.wording import role_label


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float
    meaning: str
    money: bool = False


@dataclass(frozen=True)
class Row:
    """One figure across the scenarios: its value in each (None where a scenario lacks it)
    and its difference against the first (the base)."""

    key: str
    label: str
    meaning: str
    values: tuple[float | None, ...]
    money: bool = False

    @property
    def differences(self) -> tuple[float | None, ...]:
        base = self.values[0]
        return tuple(None if v is None or base is None else v - base for v in self.values)


def figures(plan: Plan, result: Result) -> list[Figure]:
    cur = plan.currency
    out = [
        Figure("revenue", "Revenue target", plan.target.revenue,
               f"The revenue target over the {plan.months}-month horizon, in {cur}", True),
        Figure("wins", "Wins needed", result.wins_rounded,
               "Deals that must close over the horizon to reach the target"),
    ]
    names = {s.id: s.name or s.id for s in plan.stages}
    for sr in result.stages:
        out.append(Figure(f"stage.{sr.id}", f"{names[sr.id]} needed", sr.rounded,
                          f"Entries into {names[sr.id]} the horizon's wins need "
                          "(re-entries included)"))
    for role, cap in zip(plan.roles, result.capacity, strict=True):
        peak = max(cap.reps_needed, default=0.0)
        out.append(Figure(f"role.{role.id}", f"{role_label(role)} needed (peak)",
                          float(math.ceil(peak - 1e-9)),
                          f"The most fully ramped {role_label(role)} any month needs"))
    for sla, res in zip(plan.slas, result.slas, strict=True):
        # people read the SLA's name, or its hand-off; never its key in the file
        said = sla.name.strip() or (
            f"{names.get(sla.from_stage, sla.from_stage)} to "
            f"{names.get(sla.to_stage, sla.to_stage)} hand-off")
        out.append(Figure(f"sla.{sla.id}", f"SLA '{said}': months broken",
                          len(res.failing_months),
                          f"Months in which the planned team does not keep the SLA "
                          f"'{said}' (0: kept every month)"))
    return out


def side_by_side(computed: Sequence[tuple[Plan, Result]]) -> list[Row]:
    """The rows for scenarios ``computed`` (the base first), in the order figures first
    appear."""
    per = [{f.key: f for f in figures(p, r)} for p, r in computed]
    order: list[str] = []
    for found in per:
        order += [k for k in found if k not in order]
    rows = []
    for key in order:
        first = next(f[key] for f in per if key in f)
        rows.append(Row(key, first.label, first.meaning,
                        tuple(f[key].value if key in f else None for f in per), first.money))
    return rows


__all__ = ["Figure", "Row", "figures", "side_by_side"]
