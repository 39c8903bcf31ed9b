"""Each transition's conversion at equal age against the plan's.

A cohort's actual rate is the share of its records that reached the next stage within the
transition's window (the plan's ``stale_after_days`` of the stage, in whole days, else
`DEFAULT_WINDOW`), given only once the whole cohort has had the window
(`domain.actuals.aged`). The plan's rate is the stage's ``conversion``: the share that
converts at all, which a unit older than the window is no longer expected to do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from alignplanner.domain.actuals.aged import AgedCohort, equal_age
from alignplanner.domain.actuals.estimates import DEFAULT_WINDOW
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import build_records
from alignplanner.domain.actuals.transition import step
from alignplanner.domain.plan.plan import Plan


@dataclass(frozen=True)
class ConversionAtAge:
    """Stage ``from_stage`` to the next: the plan's rate and every monthly cohort."""

    from_stage: str
    to_stage: str
    planned: float
    window_days: int
    cohorts: tuple[AgedCohort, ...]

    @property
    def matured(self) -> tuple[AgedCohort, ...]:
        return tuple(c for c in self.cohorts if c.within is not None)

    @property
    def actual(self) -> float | None:
        """The pooled within-window rate of the matured cohorts (None: none matured)."""
        grown = self.matured
        entered = sum(c.entered for c in grown)
        return sum(c.within or 0 for c in grown) / entered if entered else None


def window_of(plan: Plan, stage_id: str) -> int:
    """The window in whole days of the transition out of ``stage_id``."""
    days = plan.stages[plan.stage_index(stage_id)].stale_after_days
    return DEFAULT_WINDOW if days is None else max(1, math.ceil(days))


def conversions(plan: Plan, events: Events, as_of: date) -> tuple[ConversionAtAge, ...]:
    """Every transition of ``events`` (stages named by plan id, in plan order)."""
    day = as_of.toordinal()
    recs = build_records(events, day)
    found = []
    for k, (a, b) in enumerate(zip(events.stages, events.stages[1:], strict=False)):
        stage = plan.stages[plan.stage_index(a)]
        window = window_of(plan, a)
        s = step(recs, k, day, int(events.history_start[k + 1]))
        found.append(ConversionAtAge(a, b, float(stage.conversion or 0.0), window,
                                     equal_age(s, day, window)))
    return tuple(found)


__all__ = ["ConversionAtAge", "conversions", "window_of"]
