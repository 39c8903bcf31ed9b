"""The honest estimates of the funnel from CRM events, at one date: `estimate`.

Counting converted / entered is wrong for recent cohorts by construction (they have not
had time), so beside the naive rate each step gets the share converted within its window
among the records that had the whole window (matured), and a survival estimate
(Kaplan-Meier, or Aalen-Johansen where losses compete) at the window, with the records
watched only from the day their history begins (left truncation). docs/actuals.md says
what each figure means; `records`, `survival` and `transition` compute them, and the
warnings' sentences are in `wording`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain import wording
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import NEVER, Records, build_records
from alignplanner.domain.actuals.report import Estimates, StageCount, Transition
from alignplanner.domain.actuals.transition import (
    Step,
    month_label,
    months_of,
    step,
    transition,
)
from alignplanner.domain.actuals.truncation import abrupt_start, rate_jump

DEFAULT_WINDOW = 365
"""The window of a transition without a plan (days)."""


def _stage_count(name: str, entry: NDArray[np.int64]) -> StageCount:
    days = entry[entry != NEVER]
    months, counts = np.unique(months_of(days), return_counts=True)
    return StageCount(name, len(days),
                      {month_label(int(m)): int(c) for m, c in zip(months, counts, strict=True)})


def _steps(events: Events, recs: Records, as_of: int,
           select: NDArray[np.bool_] | None = None) -> list[Step]:
    """The records (of ``select``) of every step A -> B, measured from A to B."""
    return [step(recs, k, as_of, int(events.history_start[k + 1]), select)
            for k in range(len(events.stages) - 1)]


def _transitions(events: Events, steps: list[Step], as_of: int,
                 windows: Mapping[str, int]) -> tuple[Transition, ...]:
    names = events.stages
    return tuple(transition(s, (names[k], names[k + 1]), as_of, windows[names[k]],
                            int(events.history_start[k + 1]))
                 for k, s in enumerate(steps))


def _oddities(recs: Records, as_of: date) -> list[str]:
    said = []
    if recs.after_as_of:
        said.append(wording.actuals_after_as_of(recs.after_as_of, as_of))
    for odd, sentence in ((recs.backward, wording.actuals_backward_moves),
                          (recs.before_entry, wording.actuals_before_entry),
                          (recs.negative_lag, wording.actuals_negative_lags)):
        if odd.records:
            said.append(sentence(odd.records, odd.examples))
    return said


def _truncation(events: Events, recs: Records, steps: list[Step], as_of: int,
                windows: Mapping[str, int]) -> list[str]:
    """The warnings of known left truncation and of data that looks cut off."""
    said = []
    names = events.stages
    for k, s in enumerate(steps):
        a, b = names[k], names[k + 1]
        h = int(events.history_start[k + 1])
        before = int(np.count_nonzero(s.start > 0))
        if before:
            said.append(wording.actuals_left_truncated(a, b, before, date.fromordinal(h)))
        cut = abrupt_start(recs, k, s, h)
        if cut is not None:
            said.append(wording.actuals_abrupt_start(
                a, b, date.fromordinal(cut.first_day), cut.early, cut.days))
        jump = rate_jump(s, as_of, windows[a])
        if jump is not None:
            said.append(wording.actuals_rate_jump(
                a, b, before=jump.before, before_rate=jump.before_rate, after=jump.after,
                after_rate=jump.after_rate, window_days=windows[a]))
    return said


def estimate(events: Events, as_of: date,
             windows: Mapping[str, int] | None = None) -> Estimates:
    """Every figure of ``events`` as known on ``as_of`` (later events are left out).

    ``windows`` maps a stage to the window of its transition to the next stage, in days
    (the plan's lag window); a stage not in it gets `DEFAULT_WINDOW`. ``by_source`` has
    the transitions of each source's records, for the sources with at least one record
    with an event.
    """
    day = as_of.toordinal()
    given = windows or {}
    window = {name: int(given.get(name, DEFAULT_WINDOW)) for name in events.stages}
    recs = build_records(events, day)
    stages = tuple(_stage_count(name, recs.entry[:, k]) for k, name in enumerate(events.stages))
    by_source: dict[str, tuple[Transition, ...]] = {}
    counted = np.bincount(events.source[recs.has_events], minlength=len(events.sources))
    for i, name in enumerate(events.sources):
        if counted[i]:
            by_source[name] = _transitions(
                events, _steps(events, recs, day, events.source == i), day, window)
    steps = _steps(events, recs, day)
    return Estimates(
        as_of=as_of,
        records=int(np.count_nonzero(recs.has_events)),
        stages=stages,
        transitions=_transitions(events, steps, day, window),
        by_source=by_source,
        warnings=tuple(_oddities(recs, as_of) + _truncation(events, recs, steps, day, window)),
    )


__all__ = ["DEFAULT_WINDOW", "estimate"]
