"""The records still open at ``as_of``, grouped so that the review projects each group
once rather than each record: by source, furthest stage and age at that stage in whole
plan months (docs/actuals.md, "Landing").

A record is worth its amount when the export has one, else its source's deal size (the
plan's average deal size for a source the plan does not name). Everything here is numpy
over the records; a million of them take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import NEVER, OPEN, Records
from alignplanner.domain.actuals.transition import DAYS_PER_MONTH, months_of
from alignplanner.domain.engine.compute import deal_size
from alignplanner.domain.plan.plan import Plan


@dataclass(frozen=True)
class OpenGroup:
    """Open records of one source at one stage, ``age`` whole months in it: how many, and
    their value summed."""

    source: str
    stage: str
    age: int
    records: int
    value: float
    expired: bool = False  # open at the stage longer than its window: stale


def record_values(plan: Plan, events: Events) -> NDArray[np.float64]:
    """Each record's worth: its amount, else its source's deal size."""
    sources = {s.id: s for s in plan.effective_sources()}
    size = np.array([deal_size(plan, sources[name]) if name in sources
                     else float(plan.target.average_deal_size) for name in events.sources])
    amount = np.asarray(events.amount, dtype=np.float64)
    return np.where(np.isfinite(amount), amount, size[events.source])


def month_index(plan: Plan, day: date) -> int:
    """The plan month holding ``day`` (negative: before the plan)."""
    return (day.year * 12 + day.month) - (plan.start.year * 12 + plan.start.month)


def plan_months(plan: Plan, days: NDArray[np.int64]) -> NDArray[np.int64]:
    """`month_index` of each day ordinal."""
    start = (plan.start.year - 1970) * 12 + plan.start.month - 1
    return months_of(days) - start


def won_by_month(plan: Plan, recs: Records, value: NDArray[np.float64]) -> NDArray[np.float64]:
    """The value won in each plan month: records whose entry into the last stage falls in
    it."""
    last = recs.entry.shape[1] - 1
    won = recs.entry[:, last] != NEVER
    month = plan_months(plan, recs.entry[won, last])
    inside = (month >= 0) & (month < plan.months)
    return np.bincount(month[inside], weights=value[won][inside], minlength=plan.months)[
        : plan.months].astype(np.float64)


def open_groups(events: Events, recs: Records, value: NDArray[np.float64], as_of: date,
                windows: Sequence[float] | None = None) -> tuple[OpenGroup, ...]:
    """The open records that entered a stage short of the last, grouped (see the module);
    with ``windows`` (days, one per stage of ``events``), the records open at their stage
    longer than its window are grouped apart, as ``expired``."""
    last = len(events.stages) - 1
    is_open = (recs.outcome == OPEN) & (recs.furthest >= 0) & (recs.furthest < last)
    idx = np.flatnonzero(is_open)
    if not len(idx):
        return ()
    stage = recs.furthest[idx]
    entered = recs.entry[idx, stage]
    days = np.maximum(as_of.toordinal() - entered, 0)
    age = np.floor(days / DAYS_PER_MONTH).astype(np.int64)
    source = events.source[idx].astype(np.int64)
    expired = (days > np.asarray(windows, dtype=np.float64)[stage] if windows is not None
               else np.zeros(len(idx), dtype=bool))
    width = int(age.max()) + 1
    key = ((source * (last + 1) + stage) * width + age) * 2 + expired
    keys, inverse = np.unique(key, return_inverse=True)
    counts = np.bincount(inverse, minlength=len(keys))
    sums = np.bincount(inverse, weights=value[idx], minlength=len(keys))
    found = []
    for key_, n, v in zip(keys.tolist(), counts.tolist(), sums.tolist(), strict=True):
        k, late = divmod(key_, 2)
        rest, a = divmod(k, width)
        s, st = divmod(rest, last + 1)
        found.append(OpenGroup(events.sources[s], events.stages[st], a, n, v, bool(late)))
    return tuple(found)


__all__ = ["OpenGroup", "month_index", "open_groups", "plan_months", "record_values",
           "won_by_month"]
