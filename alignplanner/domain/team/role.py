"""A role (SDRs, AEs, ...) whose reps work the entries of one stage, and its team per month.

How a team grows and ramps (conventions of funnel-math section 5, in ``docs/capacity.md``):
``headcount`` reps at plan start, fully ramped; ``hires[h]`` new reps start in plan month
h and work at ``ramp[k]`` of full productivity in their k-th month (1.0 once the ramp
has ended); ``attrition`` is the share of reps who leave each month, new and existing
alike. Effective reps (ramped-rep equivalents) in month m are
``headcount*(1-a)^m + sum over h <= m of hires[h]*(1-a)^(m-h)*ramp_factor(m-h)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from alignplanner.domain.checks import MAX_MONEY, MAX_MONTHS, check_id, check_number, check_text
from alignplanner.domain.problems import Collector, Path

MAX_HEADCOUNT = 1e6
MAX_UNITS_PER_REP = 1e9
MAX_ATTAINMENT = 10.0
MAX_HANDLE_MINUTES = 24 * 60.0
MIN_HANDLE_MINUTES = 0.01  # a positive handle time below this (0.6 seconds) is a typo
MIN_UNITS_PER_REP = 0.001
MIN_QUOTA = 1.0  # one unit of currency a month
MIN_ATTAINMENT = 0.001


def _is_small(value: object, low: float, *, allow_zero: bool) -> bool:
    """True for a finite number below ``low`` (but above 0 when ``allow_zero``)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return False
    return value < low and not (allow_zero and value == 0) and value >= 0


def _as_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _check_series(c: Collector, key: str, values: object, *, high: float, what: str) -> None:
    if not isinstance(values, tuple):
        c.add((key,), f"{key} must be a list of numbers, got {values!r}")
        return
    if len(values) > MAX_MONTHS:
        c.add((key,), f"at most {MAX_MONTHS} months, got {len(values)}")
    for i, v in enumerate(values):
        check_number(c, (key, i), v, low=0.0, high=high, what=what)


@dataclass(frozen=True, kw_only=True)
class Role:
    """A role whose reps work the entries of one stage (``works``)."""

    id: str
    works: str
    per_rep_per_month: float | None = None
    quota_per_month: float | None = None
    attainment: float = 1.0
    handle_minutes: float = 0.0
    headcount: float
    ramp: tuple[float, ...] = ()
    hires: tuple[float, ...] = ()
    attrition: float = 0.0
    name: str = ""  # for people, plural ("SDRs"); the id in capitals + "s" when empty

    def __post_init__(self) -> None:
        object.__setattr__(self, "ramp", _as_tuple(self.ramp))
        object.__setattr__(self, "hires", _as_tuple(self.hires))
        c = Collector()
        check_id(c, ("id",), self.id, "role id")
        check_id(c, ("works",), self.works, "stage id")
        check_text(c, ("name",), self.name, limit=200)
        self._check_throughput(c)
        check_number(c, ("handle_minutes",), self.handle_minutes, low=0.0,
                     high=MAX_HANDLE_MINUTES, what="handle minutes")
        if _is_small(self.handle_minutes, MIN_HANDLE_MINUTES, allow_zero=True):
            c.add(("handle_minutes",), f"handle minutes must be 0 or at least "
                  f"{MIN_HANDLE_MINUTES:g}, got {self.handle_minutes:g}")
        check_number(c, ("headcount",), self.headcount, low=0.0, high=MAX_HEADCOUNT,
                     what="headcount")
        _check_series(c, "ramp", self.ramp, high=1.0, what="ramp factor")
        _check_series(c, "hires", self.hires, high=MAX_HEADCOUNT, what="hires")
        check_number(c, ("attrition",), self.attrition, low=0.0, high=1.0, what="attrition")
        if self.attrition == 1.0:
            c.add(("attrition",), "attrition must be below 1 (100% would empty the team "
                  "every month)")
        c.raise_if_any()

    def _check_throughput(self, c: Collector) -> None:
        per_rep, quota = self.per_rep_per_month, self.quota_per_month
        if (per_rep is None) == (quota is None):
            where: Path = ("per_rep_per_month",) if per_rep is None else ("quota_per_month",)
            c.add(where, "give exactly one of per_rep_per_month (units a rep handles) or "
                  "quota_per_month (what a rep books)")
        if per_rep is not None:
            check_number(c, ("per_rep_per_month",), per_rep, low=MIN_UNITS_PER_REP,
                         high=MAX_UNITS_PER_REP, what="units per rep per month")
            if self.attainment != 1.0 and quota is None:
                c.add(("attainment",), "attainment applies to quota roles only; a role with "
                      "per_rep_per_month counts what a rep handles")
        if quota is not None:
            check_number(c, ("quota_per_month",), quota, low=MIN_QUOTA, high=MAX_MONEY,
                         what="quota per month")
        check_number(c, ("attainment",), self.attainment, low=MIN_ATTAINMENT,
                     high=MAX_ATTAINMENT, what="attainment")

    # -- derived --------------------------------------------------------------------

    @property
    def is_quota_role(self) -> bool:
        return self.quota_per_month is not None

    @property
    def per_rep(self) -> float:
        """What one fully ramped rep delivers in a month: units, or quota * attainment."""
        if self.quota_per_month is not None:
            return self.quota_per_month * self.attainment
        assert self.per_rep_per_month is not None
        return self.per_rep_per_month

    @property
    def full_after(self) -> int:
        """Months from a hire's start month until it works at 1.0 for good."""
        n = len(self.ramp)
        while n and self.ramp[n - 1] == 1.0:
            n -= 1
        return n

    def ramp_factor(self, k: int) -> float:
        """Productivity of a rep in its k-th month (0-based; 1.0 after the ramp)."""
        return self.ramp[k] if 0 <= k < len(self.ramp) else 1.0

    @cached_property
    def _teams(self) -> dict[int, Team]:
        """`team` by month count, kept with this role object (which never changes)."""
        return {}

    def team(self, months: int) -> Team:
        """(headcount, effective reps, capacity) per month for ``months`` plan months.

        They do not depend on the volumes, so they are worked out once per role object
        and month count: every edit recomputes the plan, and most leave the roles as they
        are (on the stress plan the loops of `effective_reps` were half the time of the
        capacity plans). Kept by object rather than by value: equal roles can still give
        different bits (a headcount of -0.0 equals 0.0 but makes -0.0 reps)."""
        found = self._teams.get(months)
        if found is None:
            heads, effective = effective_reps(self, months)
            per_rep = self.per_rep
            found = Team(heads, effective, tuple(e * per_rep for e in effective))
            self._teams[months] = found
        return found


@dataclass(frozen=True)
class Team:
    """What a role has each month, whatever the plan needs of it."""

    headcount: tuple[float, ...]
    effective_reps: tuple[float, ...]
    capacity: tuple[float, ...]



def effective_reps(role: Role, months: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(headcount, effective reps) per month for ``months`` plan months."""
    keep = 1.0 - role.attrition
    survival = [keep**k for k in range(months)]
    heads = [role.headcount * s for s in survival]
    effective = list(heads)
    for h, count in enumerate(role.hires[:months]):
        if not count:
            continue
        for k in range(months - h):
            heads[h + k] += count * survival[k]
            effective[h + k] += count * survival[k] * role.ramp_factor(k)
    return tuple(heads), tuple(effective)


__all__ = ["Role", "Team", "effective_reps"]
