"""The funnel's values: stages (with their recycles), sources, the target, the pipeline.

Every value is plain Python (no Qt, no TOML) and immutable. Constructing one with invalid
fields raises `PlanInvalid` carrying one `Problem` per wrong field, with paths relative to
the value (the plan file reader prefixes them with where the value sits in the file).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, get_args

from alignplanner.domain.checks import (
    MAX_DAYS,
    MAX_MONEY,
    check_days,
    check_id,
    check_number,
    check_text,
)
from alignplanner.domain.plan.crm import check_crm, frozen_crm
from alignplanner.domain.problems import Collector, Path

Owner = Literal["marketing", "sdr", "sales", "partner", "custom"]
OWNERS: tuple[str, ...] = get_args(Owner)
Rounding = Literal["ceil", "nearest", "chained-ceil", "chained-half-up"]
ROUNDINGS: tuple[str, ...] = get_args(Rounding)
Continuation = Literal["repeat", "none"]
CONTINUATIONS: tuple[str, ...] = get_args(Continuation)

MAX_GROWTH = 10.0


@dataclass(frozen=True)
class Recycle:
    """Of the units that do not convert at a stage, ``share`` re-enter stage ``to``
    ``after_days`` days after they entered the stage they failed at."""

    to: str
    share: float
    after_days: float = 0.0

    def __post_init__(self) -> None:
        c = Collector()
        check_id(c, ("to",), self.to, "recycle target")
        check_number(c, ("share",), self.share, low=0.0, high=1.0, what="recycle share")
        check_days(c, ("after_days",), self.after_days)
        c.raise_if_any()


@dataclass(frozen=True)
class Stage:
    """One funnel stage. The last stage of a plan is terminal ("won") and has no
    conversion, days or recycle."""

    id: str
    name: str
    owner: Owner = "marketing"
    conversion: float | None = None
    days: float | None = None
    recycle: Recycle | None = None
    definition: str = ""
    entry_criteria: str = ""
    exit_criteria: str = ""
    stale_after_days: float | None = None  # units older than this in the stage are stagnant
    # the lag to the next stage as monthly probability mass (month 0, 1, ...), in place
    # of ``days`` on the direct path (a calibrated lag, docs/engine.md); None: ``days``
    lag: tuple[float, ...] | None = None
    # the value each CRM field takes at this stage (domain/plan/crm.py)
    crm: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.crm, Mapping):
            object.__setattr__(self, "crm", frozen_crm(self.crm))
        c = Collector()
        check_id(c, ("id",), self.id, "stage id")
        check_text(c, ("name",), self.name, limit=200)
        if isinstance(self.name, str) and not self.name.strip():
            c.add(("name",), "stage name must not be empty")
        if self.owner not in OWNERS:
            c.add(("owner",), f"owner must be one of {', '.join(OWNERS)}; got {self.owner!r}")
        if self.conversion is not None:
            check_number(
                c, ("conversion",), self.conversion, low=0.0, high=1.0, low_open=True,
                what="conversion",
            )
        if self.days is not None:
            check_days(c, ("days",), self.days)
        for key in ("definition", "entry_criteria", "exit_criteria"):
            check_text(c, (key,), getattr(self, key))
        if self.stale_after_days is not None:
            check_number(c, ("stale_after_days",), self.stale_after_days, low=0.0,
                         high=MAX_DAYS, low_open=True, what="days")
        check_crm(c, ("crm",), self.crm)
        if self.lag is not None:
            if isinstance(self.lag, list):
                object.__setattr__(self, "lag", tuple(self.lag))
            check_lag(c, ("lag",), self.lag)
        c.raise_if_any()

    def __hash__(self) -> int:  # crm is a mapping; equal stages agree on these fields
        return hash((self.id, self.name, self.owner, self.conversion, self.days))


MAX_LAG_MONTHS = 120
LAG_TOLERANCE = 1e-6


def check_lag(c: Collector, path: Path, lag: object) -> None:
    """A lag's monthly mass: at most MAX_LAG_MONTHS shares, each in [0, 1], adding up to 1."""
    if not isinstance(lag, tuple) or not lag:
        c.add(path, "lag must be a list of monthly shares such as [0.2, 0.5, 0.3]")
        return
    if len(lag) > MAX_LAG_MONTHS:
        c.add(path, f"lag holds at most {MAX_LAG_MONTHS} months, got {len(lag)}")
    for i, v in enumerate(lag):
        check_number(c, (*path, i), v, low=0.0, high=1.0, what="monthly share")
    if not c and abs(math.fsum(lag) - 1.0) > LAG_TOLERANCE:
        c.add(path, f"lag's monthly shares must add up to 1 (100%), they add up to "
              f"{math.fsum(lag):.6g}")


def lag_mean_days(lag: tuple[float, ...]) -> float:
    """The mean of a monthly lag mass, in days (a month is 365.25 / 12 days)."""
    return math.fsum(i * v for i, v in enumerate(lag)) * 365.25 / 12


def _frozen_mapping(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(value))


@dataclass(frozen=True)
class Source:
    """A source of demand (inbound, outbound, partner, ...) owning a share of the
    revenue target and entering the funnel at stage ``enters``."""

    id: str
    enters: str
    share: float
    name: str = ""
    average_deal_size: float | None = None
    conversion_overrides: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "conversion_overrides", _frozen_mapping(self.conversion_overrides))
        c = Collector()
        check_id(c, ("id",), self.id, "source id")
        check_id(c, ("enters",), self.enters, "entry stage")
        check_text(c, ("name",), self.name, limit=200)
        check_number(c, ("share",), self.share, low=0.0, high=1.0, what="share")
        if self.average_deal_size is not None:
            check_number(
                c, ("average_deal_size",), self.average_deal_size, low=0.0, high=MAX_MONEY,
                low_open=True, what="average deal size",
            )
        for stage_id, rate in self.conversion_overrides.items():
            path: Path = ("conversion_overrides", stage_id)
            check_id(c, path, stage_id, "stage id")
            check_number(c, path, rate, low=0.0, high=1.0, low_open=True, what="conversion")
        c.raise_if_any()

    def __hash__(self) -> int:
        return hash((self.id, self.enters, self.share, self.name, self.average_deal_size,
                     tuple(sorted(self.conversion_overrides.items()))))


@dataclass(frozen=True)
class Target:
    """The revenue target over the plan horizon and how it spreads over months."""

    revenue: float
    average_deal_size: float
    monthly_weights: tuple[float, ...] | None = None
    monthly_revenue: tuple[float, ...] | None = None
    growth: float = 0.0
    continuation: Continuation = "repeat"

    def __post_init__(self) -> None:
        c = Collector()
        check_number(c, ("revenue",), self.revenue, low=0.0, high=MAX_MONEY, low_open=True,
                     what="revenue")
        check_number(c, ("average_deal_size",), self.average_deal_size, low=0.0,
                     high=MAX_MONEY, low_open=True, what="average deal size")
        check_number(c, ("growth",), self.growth, low=-1.0, high=MAX_GROWTH, low_open=True,
                     what="growth")
        if self.continuation not in CONTINUATIONS:
            c.add(("continuation",),
                  f"continuation must be one of {', '.join(CONTINUATIONS)}; "
                  f"got {self.continuation!r}")
        if self.monthly_weights is not None and self.monthly_revenue is not None:
            c.add(("monthly_revenue",), "give monthly_weights or monthly_revenue, not both")
        for key in ("monthly_weights", "monthly_revenue"):
            values = getattr(self, key)
            if values is None:
                continue
            for i, v in enumerate(values):
                check_number(c, (key, i), v, low=0.0, high=MAX_MONEY, what="monthly value")
            if not c and not sum(values) > 0:
                c.add((key,), "at least one month must be above zero")
        if self.monthly_revenue is not None and not c:
            total = math.fsum(self.monthly_revenue)
            if not math.isclose(total, self.revenue, rel_tol=1e-9, abs_tol=1e-6):
                c.add(("monthly_revenue",),
                      f"monthly revenue adds up to {total:,.2f}, not the revenue target "
                      f"{self.revenue:,.2f}")
        c.raise_if_any()

    def weights(self, months: int) -> tuple[float, ...]:
        """Share of the horizon's revenue in each plan month (sums to 1)."""
        raw = self.monthly_revenue or self.monthly_weights or (1.0,) * months
        total = math.fsum(raw)
        return tuple(v / total for v in raw)


@dataclass(frozen=True)
class Pipeline:
    """Open units already sitting in stages at plan start."""

    existing: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "existing", _frozen_mapping(self.existing))
        c = Collector()
        for stage_id, count in self.existing.items():
            check_id(c, ("existing", stage_id), stage_id, "stage id")
            check_number(c, ("existing", stage_id), count, low=0.0, high=MAX_MONEY,
                         what="open units")
        c.raise_if_any()

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.existing.items())))


__all__ = [
    "CONTINUATIONS", "LAG_TOLERANCE", "MAX_LAG_MONTHS", "OWNERS", "ROUNDINGS", "Continuation",
    "Owner", "Pipeline", "Recycle", "Rounding", "Source", "Stage", "Target", "check_lag",
    "lag_mean_days",
]
