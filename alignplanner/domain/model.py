"""The plan as typed, immutable values, validated when they are made.

Every value here is plain Python (no Qt, no TOML). Constructing a value with invalid
fields raises `PlanInvalid` carrying one `Problem` per wrong field, with paths relative to
the value (the plan file reader prefixes them with where the value sits in the file).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, get_args

from alignplanner.domain.calendar import BusinessCalendar
from alignplanner.domain.crm import check_crm, frozen_crm
from alignplanner.domain.ops_checks import check_operations
from alignplanner.domain.problems import Collector, Path, PlanInvalid

if TYPE_CHECKING:  # capacity, sla, scoring and signoff build on this module
    from alignplanner.domain.capacity import Role
    from alignplanner.domain.scoring import ScoringModel
    from alignplanner.domain.signoff import SignOff
    from alignplanner.domain.sla import Sla

ID_PATTERN = re.compile(r"^[a-z0-9_-]+$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")

Owner = Literal["marketing", "sdr", "sales", "partner", "custom"]
OWNERS: tuple[str, ...] = get_args(Owner)
Rounding = Literal["ceil", "nearest", "chained-ceil", "chained-half-up"]
ROUNDINGS: tuple[str, ...] = get_args(Rounding)
Continuation = Literal["repeat", "none"]
CONTINUATIONS: tuple[str, ...] = get_args(Continuation)

MAX_MONTHS = 120
MAX_DAYS = 3650.0  # ten years between two stages is already absurd
MAX_STAGES = 40
MAX_SOURCES = 40
MAX_MONEY = 1e15
MAX_GROWTH = 10.0
SHARE_TOLERANCE = 1e-9


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_number(
    c: Collector,
    path: Path,
    value: object,
    *,
    low: float,
    high: float,
    low_open: bool = False,
    what: str = "value",
) -> None:
    """Record a problem unless ``value`` is a finite number in [low, high] (or (low, high])."""
    if not _is_number(value):
        c.add(path, f"{what} must be a number, got {value!r}")
        return
    x = float(value)  # type: ignore[arg-type]
    if not math.isfinite(x):
        c.add(path, f"{what} must be a finite number, got {x}")
        return
    below = x <= low if low_open else x < low
    if below or x > high:
        left = "(" if low_open else "["
        c.add(path, f"{what} must be in {left}{_fmt(low)}, {_fmt(high)}], got {_fmt(x)}")


def _fmt(x: float) -> str:
    if abs(x) < 1e6:
        return f"{x:g}"
    return f"{x:,.0f}" if abs(x) < 1e15 else f"{x:.4g}"  # 1e308, not 309 digits


def check_days(c: Collector, path: Path, value: object) -> None:
    """Days are non-negative and at most MAX_DAYS (fractions allowed)."""
    check_number(c, path, value, low=0.0, high=MAX_DAYS, what="days")


def check_id(c: Collector, path: Path, value: object, what: str = "id") -> None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        c.add(path, f"{what} must use only a-z, 0-9, '_' and '-', got {value!r}")


def check_text(c: Collector, path: Path, value: object, *, limit: int = 10_000) -> None:
    if not isinstance(value, str):
        c.add(path, f"must be text, got {value!r}")
    elif len(value) > limit:
        c.add(path, f"is longer than {limit:,} characters")


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
    # -- operations (issue 4) --
    stale_after_days: float | None = None  # units older than this in the stage are stagnant
    # -- agreement (issue 5): the value each CRM field takes at this stage (domain/crm.py)
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
        # -- operations (issue 4) --
        if self.stale_after_days is not None:
            check_number(c, ("stale_after_days",), self.stale_after_days, low=0.0,
                         high=MAX_DAYS, low_open=True, what="days")
        check_crm(c, ("crm",), self.crm)  # agreement (issue 5)
        c.raise_if_any()

    def __hash__(self) -> int:  # crm is a mapping; equal stages agree on these fields
        return hash((self.id, self.name, self.owner, self.conversion, self.days))


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


def _no_signoff() -> SignOff:
    from alignplanner.domain.signoff import SignOff

    return SignOff()


@dataclass(frozen=True)
class Plan:
    """A whole plan: settings, target, stages (top to bottom, last one won), sources and
    the existing pipeline. Cross-references are checked here."""

    name: str
    start: date
    months: int
    target: Target
    stages: tuple[Stage, ...]
    sources: tuple[Source, ...] = ()
    pipeline: Pipeline = field(default_factory=Pipeline)
    currency: str = "USD"
    rounding: Rounding = "ceil"
    description: str = ""
    rates_source: str = ""
    # -- operations (issue 4): calendar, roles and SLAs --
    calendar: BusinessCalendar = field(default_factory=BusinessCalendar)
    roles: tuple[Role, ...] = ()
    slas: tuple[Sla, ...] = ()
    # -- agreement (issue 5): the MQL's scoring model and the sign-off
    scoring: ScoringModel | None = None
    signoff: SignOff = field(default_factory=_no_signoff)

    def __post_init__(self) -> None:
        c = Collector()
        self._check_settings(c)
        self._check_stages(c)
        self._check_sources(c)
        self._check_pipeline(c)
        # -- operations (issue 4) --
        check_operations(self, c)
        # -- agreement (issue 5)
        from alignplanner.domain.agreement import check_agreement

        check_agreement(self, c)
        c.raise_if_any()

    # -- checks ---------------------------------------------------------------------

    def _check_settings(self, c: Collector) -> None:
        check_text(c, ("plan", "name"), self.name, limit=200)
        check_text(c, ("plan", "description"), self.description)
        check_text(c, ("plan", "rates_source"), self.rates_source)
        if not isinstance(self.currency, str) or not CURRENCY_PATTERN.match(self.currency):
            c.add(("plan", "currency"),
                  "currency must be a three-letter ISO 4217 code such as USD, "
                  f"got {self.currency!r}")
        if not isinstance(self.start, date) or type(self.start) is not date:
            c.add(("plan", "start"), f"start must be a date such as 2027-01-01, got {self.start!r}")
        elif self.start.day != 1:
            c.add(("plan", "start"), f"start must be the first day of a month, got {self.start}")
        if not isinstance(self.months, int) or isinstance(self.months, bool):
            c.add(("plan", "months"), f"months must be a whole number, got {self.months!r}")
        elif not 1 <= self.months <= MAX_MONTHS:
            c.add(("plan", "months"),
                  f"months must be between 1 and {MAX_MONTHS}, got {self.months}")
        elif type(self.start) is date and self.start.year * 12 + self.start.month + self.months > (
            date.max.year * 12 + 13
        ):  # the last plan month must be a date Python can represent (year 9999 at most)
            c.add(("plan", "start"), f"a plan of {self.months} months from {self.start} ends "
                  "after the year 9999")
        if self.rounding not in ROUNDINGS:
            c.add(("plan", "rounding"),
                  f"rounding must be one of {', '.join(ROUNDINGS)}; got {self.rounding!r}")
        elif isinstance(self.months, int) and 1 <= self.months <= MAX_MONTHS:
            for key in ("monthly_weights", "monthly_revenue"):
                values = getattr(self.target, key)
                if values is not None and len(values) != self.months:
                    c.add(("target", key),
                          f"needs one value per plan month ({self.months}), got {len(values)}")

    def _check_stages(self, c: Collector) -> None:
        if len(self.stages) < 2:
            c.add(("stages",), "a funnel needs at least two stages (the last one is 'won')")
            return
        if len(self.stages) > MAX_STAGES:
            c.add(("stages",), f"at most {MAX_STAGES} stages, got {len(self.stages)}")
        seen: dict[str, int] = {}
        last = len(self.stages) - 1
        for i, stage in enumerate(self.stages):
            if stage.id in seen:
                c.add(("stages", i, "id"),
                      f"stage id {stage.id!r} is already used by stages[{seen[stage.id]}]")
            seen.setdefault(stage.id, i)
            if i == last:
                for key in ("conversion", "days", "recycle"):
                    if getattr(stage, key) is not None:
                        c.add(("stages", i, key),
                              f"the last stage {stage.id!r} is 'won': it takes no {key}")
                continue
            if stage.conversion is None:
                c.add(("stages", i, "conversion"), f"stage {stage.id!r} needs a conversion")
            if stage.days is None:
                c.add(("stages", i, "days"), f"stage {stage.id!r} needs days to the next stage")
            if stage.recycle is not None:
                j = seen.get(stage.recycle.to)
                if j is None:
                    where = "a later stage" if stage.recycle.to in self.stage_ids else "no stage"
                    c.add(("stages", i, "recycle", "to"),
                          f"recycle target {stage.recycle.to!r} is {where}; it must be this "
                          "stage or one above it")

    def _check_sources(self, c: Collector) -> None:
        if len(self.sources) > MAX_SOURCES:
            c.add(("sources",), f"at most {MAX_SOURCES} sources, got {len(self.sources)}")
        open_stages = set(self.stage_ids[:-1])
        seen: set[str] = set()
        for i, source in enumerate(self.sources):
            if source.id in seen:
                c.add(("sources", i, "id"), f"source id {source.id!r} is used twice")
            seen.add(source.id)
            if source.enters not in open_stages:
                c.add(("sources", i, "enters"),
                      f"entry stage {source.enters!r} must be one of the stages before the last"
                      f" ({', '.join(self.stage_ids[:-1])})")
            for stage_id in source.conversion_overrides:
                if stage_id not in open_stages:
                    c.add(("sources", i, "conversion_overrides", stage_id),
                          f"{stage_id!r} is not a stage with a conversion")
        if self.sources:
            total = math.fsum(s.share for s in self.sources)
            if abs(total - 1.0) > SHARE_TOLERANCE:
                c.add(("sources",), f"source shares must add up to 1 (100%), they add up to "
                      f"{total:.4g} ({total * 100:.2f}%)")

    def _check_pipeline(self, c: Collector) -> None:
        open_stages = set(self.stage_ids[:-1])
        for stage_id in self.pipeline.existing:
            if stage_id not in open_stages:
                c.add(("pipeline", "existing", stage_id),
                      f"{stage_id!r} is not an open stage (one before the last)")

    # -- queries --------------------------------------------------------------------

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    def stage_index(self, stage_id: str) -> int:
        return self.stage_ids.index(stage_id)

    def effective_sources(self) -> tuple[Source, ...]:
        """The declared sources, or the one implicit source entering at the first stage."""
        if self.sources:
            return self.sources
        return (Source(id="all", enters=self.stages[0].id, share=1.0, name="All sources"),)

    def month_start(self, offset: int) -> date:
        """First day of plan month ``offset`` (negative offsets are before the plan)."""
        index = self.start.year * 12 + self.start.month - 1 + offset
        return date(index // 12, index % 12 + 1, 1)

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def sla(self, sla_id: str) -> Sla:
        for sla in self.slas:
            if sla.id == sla_id:
                return sla
        raise KeyError(sla_id)

    def with_changes(self, **changes: object) -> Plan:
        """A copy with some fields replaced (validated again)."""
        return replace(self, **changes)  # type: ignore[arg-type]


__all__ = [
    "CONTINUATIONS", "OWNERS", "ROUNDINGS", "Continuation", "Owner", "Pipeline", "Plan",
    "PlanInvalid", "Recycle", "Rounding", "Source", "Stage", "Target",
]
