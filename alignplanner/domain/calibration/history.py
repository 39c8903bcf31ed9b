"""The plan's figures against a history of CRM events: `calibrate`.

Every estimate stands on the records that have had the whole window of their
transition by ``as_of`` (matured: entered the stage at least the window before it), so
young records that have not had the time are never counted as lost:

- conversion: of the matured records of a stage, the share that reached the next stage
  within the window; its exact (Clopper-Pearson) 80% interval; n = matured.
- lag: the days from the stage to the next over the matured records that converted
  within the window, as monthly probability mass the way the plan holds lags (a lag of x
  months split between months floor(x) and floor(x) + 1); the interval is that of their
  mean (normal, 80%).
- a source's conversion: the same over its records, and beside it the rate shrunk
  towards the pooled rate by a Beta prior fitted from all sources (`shrink`): its
  posterior mean with the posterior's 80% interval.
- deal size: the mean amount of the won records that have one (overall, and per source);
  the interval is that of the mean (normal, 80%).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain import wording
from alignplanner.domain.actuals.beta import beta_quantile
from alignplanner.domain.actuals.estimates import DEFAULT_WINDOW
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import WON, Records, build_records
from alignplanner.domain.actuals.transition import lag_months, step
from alignplanner.domain.calibration.figures import LEVEL, Calibration, Estimate, Figure
from alignplanner.domain.calibration.shrink import SMALL_MOVE, SMALL_WEIGHT, Prior, fit_prior
from alignplanner.domain.plan.funnel import Source, lag_mean_days
from alignplanner.domain.plan.plan import Plan

Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)


EXACT_BETA = 2000.0
"""Beyond this a + b a Beta's interval is its normal approximation (the continued
fraction slows down as the parameters grow; the error is then below 1e-4)."""


def quantile(p: float, a: float, b: float) -> float:
    """The ``p`` quantile of Beta(a, b) (normal approximation beyond `EXACT_BETA`)."""
    if a + b <= EXACT_BETA:
        return beta_quantile(p, a, b)
    mean = a / (a + b)
    z = NormalDist().inv_cdf(p)
    return min(max(mean + z * math.sqrt(mean * (1 - mean) / (a + b + 1)), 0.0), 1.0)


def interval(a: float, b: float) -> tuple[float, float]:
    """The central 80% interval of Beta(a, b)."""
    tail = (1 - LEVEL) / 2
    return quantile(tail, a, b), quantile(1 - tail, a, b)


def rate_estimate(k: int, n: int) -> Estimate | None:
    """k of n matured records converted: k / n with its exact (Clopper-Pearson) 80%
    interval, which always holds k / n: from the 10% quantile of Beta(k, n - k + 1)
    (0 when k = 0) to the 90% quantile of Beta(k + 1, n - k) (1 when k = n)."""
    if not n:
        return None
    tail = (1 - LEVEL) / 2
    low = quantile(tail, k, n - k + 1) if k > 0 else 0.0
    high = quantile(1 - tail, k + 1, n - k) if k < n else 1.0
    return Estimate(k / n, low, high, n)


def mean_estimate(values: NDArray[np.float64]) -> Estimate | None:
    """The mean of ``values`` with its normal 80% interval (none for a single value)."""
    n = len(values)
    if not n:
        return None
    mean = float(np.mean(values))
    half = Z * float(np.std(values, ddof=1)) / math.sqrt(n) if n > 1 else 0.0
    return Estimate(mean, mean - half, mean + half, n)


def plan_lag(days: float | None) -> tuple[float, ...]:
    """The plan's lag of ``days`` as monthly mass."""
    return () if days is None else lag_months(np.array([days]))


@dataclass(frozen=True, eq=False)
class _History:
    """The plan and the history it is calibrated against, as of ``day`` (an ordinal)."""

    plan: Plan
    events: Events
    recs: Records
    day: int


def _matured(h: _History, k: int, window: int,
             select: NDArray[np.bool_] | None = None) -> tuple[int, NDArray[np.int64]]:
    """Matured records of stage k (of ``select``), and the lags of those that reached
    stage k + 1 within the window."""
    day = h.day
    s = step(h.recs, k, day, int(h.events.history_start[k + 1]), select)
    matured = s.entry_day <= day - window
    hit = matured & s.converted & (s.duration <= window)
    return int(np.count_nonzero(matured)), s.duration[hit]


def _plan_sources(plan: Plan, names: tuple[str, ...]) -> dict[str, Source]:
    """Event source name -> the plan source it is (by id, or name, case aside)."""
    found: dict[str, Source] = {}
    for name in names:
        for src in plan.sources:
            if name.casefold() in (src.id.casefold(), (src.name or src.id).casefold()):
                found[name] = src
    return found


def _source_figures(h: _History, k: int, window: int) -> list[Figure]:
    plan, events = h.plan, h.events
    stage = plan.stages[k]
    counts: dict[str, tuple[int, int]] = {}
    for i, name in enumerate(events.sources):
        n, lags = _matured(h, k, window, events.source == i)
        if n:
            counts[name] = (len(lags), n)
    prior = fit_prior(list(counts.values()))
    planned = _plan_sources(plan, events.sources)
    out = []
    for name, (hits, n) in counts.items():
        src = planned.get(name)
        raw = rate_estimate(hits, n)
        assert raw is not None
        entry = plan.stage_index(src.enters) if src is not None else 0
        usable = src is not None and k >= entry
        value = (src.conversion_overrides.get(stage.id, stage.conversion)
                 if src is not None and usable else None)
        key = f"sources.{src.id if src else name}.conversion.{stage.id}"
        shrunk, small, reason = _shrunk(prior, name, (hits, n), stage.name, raw)
        if src is None:
            reason = wording.calibration_source_unplanned(name)
        elif not usable:
            reason = wording.calibration_before_entry(name, plan.stages[entry].name)
        out.append(Figure(key, "conversion", stage.id, src.id if src else name,
                          f"{name}: {stage.name} \u2192 {plan.stages[k + 1].name}", value,
                          raw, shrunk, small, reason, plannable=usable))
    return out


def _shrunk(prior: Prior | None, name: str, counts: tuple[int, int], stage: str,
            raw: Estimate) -> tuple[Estimate | None, bool, str]:
    k, n = counts
    if prior is None:
        return None, False, wording.calibration_no_pool()
    a, b = prior.shrunk(k, n)
    low, high = interval(a, b)
    small = prior.weight(n) >= SMALL_WEIGHT and abs(a / (a + b) - raw.value) >= SMALL_MOVE
    unit = wording.calibration_unit(stage)
    reason = (wording.calibration_shrunk(name, n, unit, raw.value, prior.pooled) if small
              else wording.calibration_not_small(name, n, unit))
    return Estimate(a / (a + b), low, high, n), small, reason


def _stage_figures(h: _History, k: int, window: int) -> list[Figure]:
    stage, after = h.plan.stages[k], h.plan.stages[k + 1]
    n, lags = _matured(h, k, window)
    step_name = f"{stage.name} \u2192 {after.name}"
    why = wording.calibration_no_matured(window) if not n else (
        "" if len(lags) else wording.calibration_none_converted(window))
    conversion = Figure(f"stages.{stage.id}.conversion", "conversion", stage.id, None,
                        step_name, stage.conversion, rate_estimate(len(lags), n), reason=why)
    lag = Figure(f"stages.{stage.id}.lag", "lag", stage.id, None, step_name,
                 lag_mean_days(stage.lag) if stage.lag else stage.days,
                 mean_estimate(lags.astype(np.float64)),
                 reason=why or ("" if len(lags) else wording.calibration_no_conversions()),
                 plan_lag=stage.lag or plan_lag(stage.days), lag=lag_months(lags))
    return [conversion, lag]


def _deal_figures(plan: Plan, events: Events, recs: Records) -> list[Figure]:
    won = (recs.outcome == WON) & ~np.isnan(events.amount)
    overall = mean_estimate(events.amount[won])
    last = plan.stages[-1].id
    out = [Figure("target.average_deal_size", "deal_size", last, None, "All sources",
                  plan.target.average_deal_size, overall,
                  reason="" if overall else wording.calibration_no_wins())]
    planned = _plan_sources(plan, events.sources)
    for i, name in enumerate(events.sources):
        found = mean_estimate(events.amount[won & (events.source == i)])
        if found is None:
            continue
        src = planned.get(name)
        value = None if src is None else (src.average_deal_size or plan.target.average_deal_size)
        reason = "" if src else wording.calibration_source_unplanned(name)
        out.append(Figure(f"sources.{src.id if src else name}.average_deal_size", "deal_size",
                          last, src.id if src else name, name, value, found, reason=reason,
                          plannable=src is not None))
    return out


def calibrate(plan: Plan, events: Events, as_of: date,
              windows: Mapping[str, int] | None = None) -> Calibration:
    """The plan's figures against ``events`` as known on ``as_of``. The events' stages
    are the plan's stage ids in funnel order (as the importer gives them with a plan);
    ``windows`` maps a stage id to its transition's window in days (default 365)."""
    if tuple(events.stages) != plan.stage_ids:
        raise ValueError("the events' stages must be the plan's stage ids, in funnel order")
    day = as_of.toordinal()
    recs = build_records(events, day)
    h = _History(plan, events, recs, day)
    given = windows or {}
    figures: list[Figure] = []
    sources: list[Figure] = []
    for k in range(len(plan.stages) - 1):
        window = int(given.get(plan.stages[k].id, DEFAULT_WINDOW))
        figures += _stage_figures(h, k, window)
        sources += _source_figures(h, k, window)
    sources.sort(key=lambda f: not f.plannable)  # what the plan can take first
    return Calibration(as_of, tuple(figures + sources + _deal_figures(plan, events, recs)))


__all__ = ["EXACT_BETA", "Z", "calibrate", "interval", "mean_estimate", "plan_lag", "quantile",
           "rate_estimate"]
