"""What one unit at a stage is expected to win, month by month from now: on the plan's
rates and lags, or on the ones estimated from the history (the landing's switch).

A projection is a vector ``w``: ``w[d]`` the expected wins ``d`` months after ``as_of``'s
month per unit. On the plan (`plan_projection`) a unit is projected as the engine
projects the existing pipeline, as if it entered its stage today: the stage's win chance
times its lag distribution to the win (recycles included), with its source's conversion
overrides. On the estimates (`Estimated`) each transition's rate is its estimate at the
window (Kaplan-Meier or Aalen-Johansen) and its lag the estimated monthly mass; a unit
already ``a`` months at its stage is conditioned on not having moved yet: of the lag's
months, those from ``a`` on are still to come, and the rate becomes
``p * S(a) / (1 - p * (1 - S(a)))``, ``S(a)`` the lag's mass from ``a`` on. The estimates
are pooled over the sources (per-source shrinkage is the calibration's work).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.report import Estimates, Transition
from alignplanner.domain.engine.compute import solve_for
from alignplanner.domain.plan.plan import Plan

Vector = NDArray[np.float64]

RATES = ("plan", "estimated")
"""The landing's switch: the plan's rates and lags, or the ones estimated from history."""


def plan_projection(plan: Plan, stage: str, source: str | None) -> Vector:
    """Expected wins per month from now of one unit at ``stage`` on the plan's rates
    (``source``'s overrides when it is a plan source)."""
    found = [s for s in plan.effective_sources() if s.id == source]
    chain = solve_for(plan, found[0] if found else None)
    i = plan.stage_index(stage)
    return np.asarray(chain.lags.dist[i] * chain.win_prob[i], dtype=np.float64)


def _rate(t: Transition | None, planned: float) -> float:
    if t is None or not t.entered or not np.isfinite(t.estimated):
        return planned
    return float(t.estimated)


class Estimated:
    """Projections on the estimated rates and lags of ``estimates`` (stages by plan id)."""

    def __init__(self, plan: Plan, estimates: Estimates) -> None:
        by_from = {t.from_stage: t for t in estimates.transitions}
        ids = plan.stage_ids
        self._index = {s: i for i, s in enumerate(ids)}
        self.rates: list[float] = []
        self.lags: list[Vector] = []
        for stage in plan.stages[:-1]:
            t = by_from.get(stage.id)
            self.rates.append(_rate(t, float(stage.conversion or 0.0)))
            lag = t.lag_months if t is not None and t.lag_months else (1.0,)
            self.lags.append(np.asarray(lag, dtype=np.float64))
        # after[i]: the wins per month of a unit just entered into stage i
        after: list[Vector] = [np.ones(1)]
        for i in range(len(ids) - 2, -1, -1):
            after.insert(0, self.rates[i] * np.convolve(self.lags[i], after[0]))
        self._after = after
        self.at = lru_cache(maxsize=None)(self._at)

    def _at(self, stage: str, age: int) -> Vector:
        """Expected wins per month from now of one unit ``age`` whole months at ``stage``."""
        i = self._index[stage]
        if i == len(self._after) - 1:
            return self._after[i]
        p, lag = self.rates[i], self.lags[i]
        tail = lag[min(age, len(lag)):]
        left = float(tail.sum())
        if not len(tail) or left <= 0.0:
            return np.zeros(1)
        still = 1.0 - p * (1.0 - left)
        if still <= 0.0:  # everyone converts, and this one is late: it will at once
            return np.convolve(tail / left, self._after[i + 1])
        return p * np.convolve(tail, self._after[i + 1]) / still


def place(months: int, now: int, w: Vector, scale: float = 1.0) -> Vector:
    """``w`` (months from now) on the plan's months, those past the horizon dropped."""
    out = np.zeros(months)
    first = max(now, 0)
    skip = first - now
    n = max(0, min(len(w) - skip, months - first))
    if n:
        out[first:first + n] = w[skip:skip + n] * scale
    return out


def spread(months: int, entries: Sequence[float], w: Vector) -> Vector:
    """Wins per plan month of ``entries[m]`` units entering in plan month m."""
    wins = np.convolve(np.asarray(entries, dtype=np.float64), w)
    out = np.zeros(months)
    n = min(months, len(wins))
    out[:n] = wins[:n]
    return out


__all__ = ["RATES", "Estimated", "Vector", "place", "plan_projection", "spread"]
