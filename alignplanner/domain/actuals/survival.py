"""The cumulative chance of converting within t days, when not everybody has been seen
to the end: Kaplan-Meier and Aalen-Johansen, with delayed entry.

Counting converted / entered undercounts young cohorts (they have not had time). Here a
record that is still open counts as long as it was watched (right-censored), a record
that was lost competes with converting (Aalen-Johansen: it can no longer convert, and is
not treated as if it might still), and a record seen only from some day on enters the
risk set that day (left truncation).

Conventions (docs/actuals.md): durations and entries are whole days; a record is at risk
on day t when ``entry <= t <= duration``; on one day conversions and losses come before
censorings (a record censored on day t was still at risk on day t); the step functions
are right-continuous, so a horizon is inclusive (a conversion on day t counts at t).
Event codes: 0 censored, 1 converted, 2 lost. Records with ``duration < entry`` (their
end fell before they could be watched) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

CENSORED, CONVERTED, LOST = 0, 1, 2


@dataclass(frozen=True, eq=False)
class StepFunction:
    """A right-continuous step function: ``values[i]`` from day ``times[i]`` on, 0 before
    the first time (``times`` increasing)."""

    times: NDArray[np.int64]
    values: NDArray[np.float64]

    def at(self, days: ArrayLike) -> NDArray[np.float64]:
        """The function at each of ``days`` (inclusive: a step on day t counts at t)."""
        where = np.searchsorted(self.times, np.asarray(days, dtype=np.float64), side="right")
        padded = np.concatenate(([0.0], self.values))
        return np.asarray(padded[where], dtype=np.float64)

    def __call__(self, day: float) -> float:
        return float(self.at([day])[0])

    @property
    def final(self) -> float:
        """The value after the last step (0 when there is none)."""
        return float(self.values[-1]) if len(self.values) else 0.0


@dataclass(frozen=True, eq=False)
class _Table:
    """Per distinct event day: the day, records at risk, conversions, losses."""

    times: NDArray[np.int64]
    at_risk: NDArray[np.float64]
    converted: NDArray[np.float64]
    lost: NDArray[np.float64]


def _table(durations: ArrayLike, event: ArrayLike, entry: ArrayLike | None) -> _Table:
    d = np.asarray(durations, dtype=np.int64).ravel()
    e = np.asarray(event, dtype=np.int64).ravel()
    start = np.zeros_like(d) if entry is None else np.asarray(entry, dtype=np.int64).ravel()
    if len(e) != len(d) or len(start) != len(d):
        raise ValueError("durations, event and entry must have one entry per record")
    if np.any((e < CENSORED) | (e > LOST)):
        raise ValueError("event codes are 0 (censored), 1 (converted) and 2 (lost)")
    watched = d >= start
    d, e, start = d[watched], e[watched], start[watched]
    happened = e != CENSORED
    times, inverse = np.unique(d[happened], return_inverse=True)
    kinds = e[happened]
    size = len(times)
    converted = np.bincount(inverse, weights=kinds == CONVERTED, minlength=size).astype(np.float64)
    lost = np.bincount(inverse, weights=kinds == LOST, minlength=size).astype(np.float64)
    # At risk on day t: entered on or before t, and not ended before t.
    entered = np.searchsorted(np.sort(start), times, side="right")
    ended = np.searchsorted(np.sort(d), times, side="left")
    at_risk = (entered - ended).astype(np.float64)
    return _Table(times.astype(np.int64), at_risk,
                  np.asarray(converted, np.float64), np.asarray(lost, np.float64))


def kaplan_meier(durations: ArrayLike, event: ArrayLike,
                 entry: ArrayLike | None = None) -> StepFunction:
    """1 - S(t) of the Kaplan-Meier estimator of the time to conversion (code 1); every
    other code counts as censored (use `aalen_johansen` when losses compete)."""
    t = _table(durations, event, entry)
    keep = t.converted > 0
    survival = np.cumprod(1.0 - t.converted[keep] / t.at_risk[keep])
    return StepFunction(t.times[keep], np.asarray(1.0 - survival, dtype=np.float64))


def aalen_johansen(durations: ArrayLike, event: ArrayLike,
                   entry: ArrayLike | None = None) -> StepFunction:
    """The Aalen-Johansen cumulative incidence of conversion (code 1), with loss (code 2)
    as a competing risk: the sum over conversion days of S(t-) * converted / at risk,
    S the Kaplan-Meier survival from either end."""
    t = _table(durations, event, entry)
    survival = np.cumprod(1.0 - (t.converted + t.lost) / t.at_risk)
    before = np.concatenate(([1.0], survival[:-1]))
    incidence = np.cumsum(before * t.converted / t.at_risk)
    keep = t.converted > 0
    return StepFunction(t.times[keep], incidence[keep])


def cumulative(durations: ArrayLike, event: ArrayLike,
               entry: ArrayLike | None = None) -> tuple[StepFunction, bool]:
    """The cumulative chance of converting, and whether losses competed: Aalen-Johansen
    where any record was lost, else Kaplan-Meier."""
    competing = bool(np.any(np.asarray(event) == LOST))
    f = aalen_johansen if competing else kaplan_meier
    return f(durations, event, entry), competing


__all__ = ["CENSORED", "CONVERTED", "LOST", "StepFunction", "aalen_johansen", "cumulative",
           "kaplan_meier"]
