"""What the engine computes, as plain immutable values (the `[requirements]` of a plan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from alignplanner.domain.sla.feasibility import SlaMonth
from alignplanner.domain.team.capacity import CapacityResult

Severity = Literal["info", "warning"]


@dataclass(frozen=True)
class PlanWarning:
    """A finding about a valid plan, in words a CMO understands.

    ``code`` is stable (for tests and other systems); ``subject`` is the key path or stage
    id the warning concerns, so the app can show it next to that number.
    """

    code: str
    message: str
    subject: str = ""
    severity: Severity = "warning"


@dataclass(frozen=True)
class StageResult:
    """Required entries into one stage."""

    id: str
    volume: float  # exact entries the horizon's wins need, re-entries included
    new: float  # of which net-new units
    rounded: int  # volume as an integer by plan.rounding
    pre_plan: float  # part of volume that must enter before plan.start
    monthly: tuple[float, ...]  # exact entries needed in each plan month
    monthly_new: tuple[float, ...]  # of which net-new
    monthly_rounded: tuple[int, ...]  # largest remainder; sums to the rounded sum of monthly

    @property
    def recycled(self) -> float:
        return self.volume - self.new


@dataclass(frozen=True)
class SourceResult:
    """What one source must deliver."""

    id: str
    enters: str
    wins: float  # wins this source's share of the horizon target needs (net of pipeline)
    average_deal_size: float
    new: float  # net-new units at its entry stage for those wins
    pre_plan: float  # of which must enter before plan.start
    monthly_new: tuple[float, ...]  # net-new units needed at its entry stage per plan month
    volumes: tuple[float, ...]  # entries into every stage (plan stage order) for its wins


@dataclass(frozen=True)
class SlaResult:
    """Monthly feasibility of one SLA (funnel-math section 6; docs/capacity.md)."""

    id: str
    role: str  # the role whose reps answer
    from_stage: str  # whose entries arrive
    window_hours: float  # first-response window, business hours
    target: float  # promised share answered within the window
    months: tuple[SlaMonth, ...]  # one per plan month, with its message

    @property
    def service_level(self) -> tuple[float, ...]:
        return tuple(m.service_level for m in self.months)

    @property
    def reps_needed(self) -> tuple[int | None, ...]:
        """Fewest whole reps that keep the promise each month (None: no headcount can)."""
        return tuple(m.reps_needed for m in self.months)

    @property
    def feasible(self) -> bool:
        """True when the planned team keeps the promise in every plan month."""
        return all(m.feasible for m in self.months)

    @property
    def failing_months(self) -> tuple[int, ...]:
        return tuple(i for i, m in enumerate(self.months) if not m.feasible)


@dataclass(frozen=True)
class Result:
    """The requirements of a plan."""

    wins: float  # exact wins the horizon's revenue target needs
    wins_rounded: int
    pipeline_wins: float  # expected wins within the horizon from the existing pipeline
    months: tuple[date, ...]  # first day of each plan month
    target_monthly: tuple[float, ...]  # revenue target per plan month
    pipeline_monthly: tuple[float, ...]  # expected revenue per plan month from existing pipeline
    stages: tuple[StageResult, ...]
    sources: tuple[SourceResult, ...]
    warnings: tuple[PlanWarning, ...]
    # one per plan role and SLA, in plan order
    capacity: tuple[CapacityResult, ...] = ()
    slas: tuple[SlaResult, ...] = ()

    def stage(self, stage_id: str) -> StageResult:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def source(self, source_id: str) -> SourceResult:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def role(self, role_id: str) -> CapacityResult:
        for r in self.capacity:
            if r.role == role_id:
                return r
        raise KeyError(role_id)

    def sla(self, sla_id: str) -> SlaResult:
        for s in self.slas:
            if s.id == sla_id:
                return s
        raise KeyError(sla_id)
