"""What each refresh of the actuals found, kept so the review can say "vs last week".

A `Snapshot` is the counts of one import at its ``as_of``: per stage, the records that
reached it over the whole history, their first entries by month and by source within the
plan's horizon, the records that went on to the next stage, the estimated chance of
doing so within the transition's window, and the revenue won within the horizon. Counts,
rates and that one sum only: no ids, no names, no record's amount, so a plan file that
carries them can be e-mailed.

`Snapshots` keeps one snapshot per ISO week (a later refresh in the same week replaces
that week's: the review compares weeks), the last `MAX_SNAPSHOTS` weeks, oldest first.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import build_records
from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.actuals.volumes import entries_by_source
from alignplanner.domain.checks import check_id
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Collector
from alignplanner.domain.review.open_records import record_values, won_by_month

__all__ = ["MAX_SNAPSHOTS", "Snapshot", "Snapshots", "StageSnapshot", "snapshot_of", "week_of"]

MAX_SNAPSHOTS = 13
"""Weeks kept: a quarter of weekly reviews."""


def _frozen(values: Mapping[str, int] | None = None) -> Mapping[str, int]:
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True)
class StageSnapshot:
    """One stage at one refresh (see the module). ``converted`` and ``estimated`` are
    of the transition to the next stage; None for the last stage."""

    stage: str
    entered: int
    months: Mapping[str, int] = field(default_factory=_frozen)  # "YYYY-MM" -> entries
    sources: Mapping[str, int] = field(default_factory=_frozen)  # source -> entries
    converted: int | None = None
    estimated: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "months", _frozen(self.months))
        object.__setattr__(self, "sources", _frozen(self.sources))
        c = Collector()
        check_id(c, ("stage",), self.stage)
        for key, value in (("entered", self.entered), ("converted", self.converted),
                           *((("months", m), n) for m, n in self.months.items()),
                           *((("sources", s), n) for s, n in self.sources.items())):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < 0):
                path = key if isinstance(key, tuple) else (key,)
                c.add(path, f"must be a whole number of records, 0 or more; got {value!r}")
        if self.estimated is not None and not 0.0 <= self.estimated <= 1.0:
            c.add(("estimated",), f"must be a share from 0 to 1; got {self.estimated!r}")
        c.raise_if_any()

    @property
    def in_plan(self) -> int:
        """First entries within the plan's horizon (its months added up)."""
        return sum(self.months.values())


@dataclass(frozen=True)
class Snapshot:
    """One refresh: its ``as_of``, the records with an event, every stage, and ``won`` the
    revenue won within the plan's horizon by ``as_of`` (amounts, else deal sizes, as the
    review counts it; None in a snapshot kept before it was)."""

    as_of: date
    records: int
    stages: tuple[StageSnapshot, ...]
    won: float | None = None

    def __post_init__(self) -> None:
        if self.won is not None and not (math.isfinite(self.won) and self.won >= 0):
            c = Collector()
            c.add(("won",), f"must be an amount of money, 0 or more; got {self.won!r}")
            c.raise_if_any()

    def stage(self, stage: str) -> StageSnapshot | None:
        return next((s for s in self.stages if s.stage == stage), None)


def week_of(day: date) -> tuple[int, int]:
    """The ISO year and week of ``day``."""
    iso = day.isocalendar()
    return iso.year, iso.week


@dataclass(frozen=True)
class Snapshots:
    """The kept refreshes, oldest first, one per ISO week, at most `MAX_SNAPSHOTS`."""

    taken: tuple[Snapshot, ...] = ()

    def __post_init__(self) -> None:
        weeks = [week_of(s.as_of) for s in self.taken]
        c = Collector()
        if len(self.taken) > MAX_SNAPSHOTS:
            c.add(("snapshots",), f"at most {MAX_SNAPSHOTS} snapshots (weeks) are kept; "
                  f"got {len(self.taken)}")
        if any(a >= b for a, b in itertools.pairwise(weeks)):
            c.add(("snapshots",), "one snapshot per week, oldest first")
        c.raise_if_any()

    def with_snapshot(self, snapshot: Snapshot) -> Snapshots:
        """These with ``snapshot`` in its week's place (replacing that week's), the oldest
        dropped beyond `MAX_SNAPSHOTS`."""
        week = week_of(snapshot.as_of)
        kept = [s for s in self.taken if week_of(s.as_of) != week]
        kept.append(snapshot)
        kept.sort(key=lambda s: s.as_of)
        return Snapshots(tuple(kept[-MAX_SNAPSHOTS:]))

    def before(self, as_of: date) -> Snapshot | None:
        """Last week's: the latest snapshot of a week before ``as_of``'s, or None."""
        week = week_of(as_of)
        earlier = [s for s in self.taken if week_of(s.as_of) < week]
        return earlier[-1] if earlier else None


def _share(value: float) -> float | None:
    return None if math.isnan(value) else min(1.0, max(0.0, float(value)))


def snapshot_of(plan: Plan, events: Events, estimates: Estimates) -> Snapshot:
    """The snapshot of one import (events and estimates with stages by plan id)."""
    first = plan.start.year * 12 + plan.start.month - 1
    horizon = {f"{(first + i) // 12:04d}-{(first + i) % 12 + 1:02d}"
               for i in range(plan.months)}
    by_source = entries_by_source(events, estimates.as_of)
    transitions = {t.from_stage: t for t in estimates.transitions}
    stages = []
    for count in estimates.stages:
        sources = {source: n for source, stages_ in by_source.items()
                   if (n := sum(v for m, v in stages_.get(count.name, {}).items()
                                if m in horizon))}
        out = transitions.get(count.name)
        stages.append(StageSnapshot(
            stage=count.name, entered=count.entered,
            months={m: n for m, n in count.by_month.items() if m in horizon},
            sources=sources, converted=out.converted if out else None,
            estimated=_share(out.estimated) if out else None))
    won = won_by_month(plan, build_records(events, estimates.as_of.toordinal()),
                       record_values(plan, events))
    return Snapshot(estimates.as_of, estimates.records, tuple(stages), float(won.sum()))
