"""Capacity of a role (SDR, AE, ...) month by month: ramped reps against required volume.

Conventions (funnel-math section 5; also in ``docs/capacity.md``):

- Plan months are numbered m = 0 .. n-1 (0 is the month of ``plan.start``).
- ``headcount`` reps are on the team at plan start and are fully ramped.
- ``hires[h]`` new reps start at the beginning of plan month h. A rep in its k-th month
  (k = m - h, 0-based: the hire month itself is k = 0) works at ``ramp[k]`` of full
  productivity, and at 1.0 once the ramp list has ended (k >= len(ramp)). An empty ramp
  means new hires are productive at once. Hires listed beyond the horizon are ignored;
  a hires list shorter than the horizon means no hires in the months it does not reach.
- ``attrition`` a is the share of reps who leave each month, new and existing alike, as
  an expected (fractional) survival: of the reps present in month m, the share 1 - a is
  still there in month m + 1. So the starting team counts ``headcount * (1-a)^m`` in
  month m, and a cohort hired in month h counts ``hires[h] * (1-a)^(m-h)``, its first
  month in full. Leavers are not replaced unless the plan lists hires for them.
- Effective reps (ramped-rep equivalents, RREs) in month m:
  ``headcount*(1-a)^m + sum over h <= m of hires[h]*(1-a)^(m-h)*ramp_factor(m-h)``.
- A rep's monthly throughput is ``per_rep_per_month`` units, or for quota roles
  ``quota_per_month * attainment`` (money). ``capacity = effective_reps * throughput``.
- ``reps_needed = required / throughput`` (in fully ramped reps), ``gap = capacity -
  required`` (negative: short).
- ``hire_by[m]``: for a month that is short, the latest plan month a new hire must start
  in to be fully ramped by month m: ``m - full_after``, where ``full_after`` is the number
  of ramp months before a hire works at 1.0 for good (``len(ramp)`` without its trailing
  1.0 entries). It may be negative: the hire had to start before the plan. None for
  months without a shortfall.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import sub, truediv

from alignplanner.domain.checks import plain_floats
from alignplanner.domain.team.role import Role


@dataclass(frozen=True)
class CapacityResult:
    """A role's capacity plan, one value per plan month (see the module notes)."""

    role: str
    per_rep: float
    required: tuple[float, ...]
    headcount: tuple[float, ...]  # reps on the team after attrition, ramping or not
    effective_reps: tuple[float, ...]  # ramped-rep equivalents
    capacity: tuple[float, ...]
    reps_needed: tuple[float, ...]  # fully ramped reps the required volume needs
    gap: tuple[float, ...]  # capacity - required; negative is short
    hire_by: tuple[int | None, ...]  # latest start month for a hire to be ramped in time

    @property
    def short_months(self) -> tuple[int, ...]:
        return tuple(m for m, g in enumerate(self.gap) if g < 0)


def capacity_plan(role: Role, required: Sequence[float]) -> CapacityResult:
    """Required volume against the role's capacity in each month of ``required``."""
    if plain_floats(required):  # what the engine passes: checked in C loops, as it is
        required = tuple(required)
    else:
        required = tuple(_checked(m, r) for m, r in enumerate(required))
    per_rep = role.per_rep
    team = role.team(len(required))
    gap = tuple(map(sub, team.capacity, required))
    full_after = role.full_after
    return CapacityResult(
        role=role.id,
        per_rep=per_rep,
        required=required,
        headcount=team.headcount,
        effective_reps=team.effective_reps,
        capacity=team.capacity,
        reps_needed=tuple(map(truediv, required, repeat(per_rep))),
        gap=gap,
        hire_by=tuple(m - full_after if g < 0 else None for m, g in enumerate(gap)),
    )


def _checked(m: int, r: object) -> float:
    """Month ``m``'s required volume ``r`` as a float; ValueError unless finite and >= 0."""
    if isinstance(r, bool) or not isinstance(r, int | float) or not math.isfinite(r) or r < 0:
        raise ValueError(f"required volume of month {m} must be a finite number >= 0, "
                         f"got {r!r}")
    return float(r)


__all__ = ["CapacityResult", "capacity_plan"]
