"""This week against last week, and the trend, from the kept snapshots (`snapshots`).

`week_on_week` sets each stage of this refresh beside the same stage in last week's
snapshot (the latest of an earlier ISO week): records that reached it, first entries
within the plan's horizon, and the estimated rate to the next stage, with the changes.
`trend` is one stage's series over every kept week, this refresh last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alignplanner.domain.review.snapshots import Snapshot, Snapshots, StageSnapshot

__all__ = ["StageChange", "TrendPoint", "trend", "week_on_week"]


@dataclass(frozen=True)
class StageChange:
    """One stage now and at ``last_as_of`` (last week's snapshot)."""

    stage: str
    last_as_of: date
    entered: int
    entered_last: int
    in_plan: int
    in_plan_last: int
    estimated: float | None
    estimated_last: float | None

    @property
    def new_entries(self) -> int:
        """First entries in the plan's horizon since last week."""
        return self.in_plan - self.in_plan_last

    @property
    def rate_change(self) -> float | None:
        """The estimated rate's change in points of share (0.02 = 2 points)."""
        if self.estimated is None or self.estimated_last is None:
            return None
        return self.estimated - self.estimated_last


def week_on_week(now: Snapshot, kept: Snapshots) -> dict[str, StageChange]:
    """Stage -> its change since last week, for the stages last week's snapshot has;
    empty when no snapshot is of an earlier week."""
    last = kept.before(now.as_of)
    if last is None:
        return {}
    out = {}
    for stage in now.stages:
        before = last.stage(stage.stage)
        if before is not None:
            out[stage.stage] = StageChange(
                stage.stage, last.as_of, stage.entered, before.entered, stage.in_plan,
                before.in_plan, stage.estimated, before.estimated)
    return out


@dataclass(frozen=True)
class TrendPoint:
    as_of: date
    entered: int
    in_plan: int
    estimated: float | None


def trend(kept: Snapshots, stage: str, now: Snapshot | None = None) -> tuple[TrendPoint, ...]:
    """``stage`` over the kept weeks (with ``now`` in its week's place), oldest first;
    weeks whose snapshot lacks the stage are left out."""
    series = kept.with_snapshot(now) if now is not None else kept
    points = []
    for snap in series.taken:
        found: StageSnapshot | None = snap.stage(stage)
        if found is not None:
            points.append(TrendPoint(snap.as_of, found.entered, found.in_plan, found.estimated))
    return tuple(points)
