"""Records stale at their stage: open there longer than the plan's ``stale_after_days``
(Marketo's term for a lead left waiting), per stage, oldest first.

A record is open at its furthest stage (`records.OPEN`) since its first entry into it; it
is stale when the days since then, to ``as_of``, exceed the stage's ``stale_after_days``.
Stages without ``stale_after_days`` have no stale records. The export names no owner, so a
record is named by its id (with its value, as the landing counts it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import OPEN, Records
from alignplanner.domain.plan.plan import Plan

NAMED = 10
"""Records named per stage, the oldest."""


@dataclass(frozen=True)
class StaleRecord:
    id: str
    days: int  # at the stage, to as_of
    value: float


@dataclass(frozen=True)
class StaleStage:
    """The stale records of one stage: how many, their value, the oldest `NAMED`."""

    stage: str
    window_days: float
    records: int
    value: float
    oldest: tuple[StaleRecord, ...]


def stale_records(plan: Plan, events: Events, recs: Records, value: NDArray[np.float64],
                  as_of: date) -> tuple[StaleStage, ...]:
    """Every plan stage with ``stale_after_days`` that ``events`` name, in plan order."""
    day = as_of.toordinal()
    found = []
    for k, name in enumerate(events.stages):
        stage = plan.stages[plan.stage_index(name)]
        if stage.stale_after_days is None or k == len(events.stages) - 1:
            continue
        at = np.flatnonzero((recs.outcome == OPEN) & (recs.furthest == k))
        days = day - recs.entry[at, k]
        late = days > stage.stale_after_days
        idx, waited = at[late], days[late]
        order = np.argsort(-waited, kind="stable")[:NAMED]
        found.append(StaleStage(
            name, float(stage.stale_after_days), len(idx), float(value[idx].sum()),
            tuple(StaleRecord(events.record_ids[int(idx[i])], int(waited[i]),
                              float(value[idx[i]])) for i in order)))
    return tuple(found)


__all__ = ["NAMED", "StaleRecord", "StaleStage", "stale_records"]
