"""The figures of one step of the funnel, stage A to the next stage B, from the records.

Entered, converted, lost and open counts; the naive rate beside the within-window share
of matured records and the survival estimate at the window (each with its n); the lag
as days and as monthly probability mass; the Beta posterior of the rate from matured
records only (docs/actuals.md, "Per transition"). Vectorised over the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import NO_HISTORY_START
from alignplanner.domain.actuals.records import LOSS, NEVER, Records
from alignplanner.domain.actuals.report import HORIZONS, Cohort, LagDays, Transition
from alignplanner.domain.actuals.survival import CENSORED, CONVERTED, LOST, cumulative

DAYS_PER_MONTH = 365.25 / 12
"""The plan's month in days (docs/funnel-math.md section 3)."""

EPOCH = date(1970, 1, 1).toordinal()
"""The day ordinal numpy's datetime64 counts from."""


@dataclass(frozen=True, eq=False)
class Step:
    """The records that entered stage A (a subset), as columns: entry day into A,
    duration (days to B, to the loss, or to as_of), event code, delayed entry."""

    entry_day: NDArray[np.int64]
    duration: NDArray[np.int64]
    code: NDArray[np.int64]
    start: NDArray[np.int64]

    @property
    def converted(self) -> NDArray[np.bool_]:
        return np.asarray(self.code == CONVERTED, dtype=np.bool_)


def step(records: Records, k: int, as_of: int, history_start: int,
         select: NDArray[np.bool_] | None = None) -> Step:
    """The records (of ``select``) that entered stage ``k``, measured to stage k + 1.
    ``history_start``: the first day the files of stage k + 1 cover (or NO_HISTORY_START);
    records that entered before it enter the risk set on that day."""
    inside = records.entry[:, k] != NEVER
    if select is not None:
        inside &= select
    idx = np.flatnonzero(inside)
    a = records.entry[idx, k]
    b = records.entry[idx, k + 1]
    converted = b != NEVER
    lost = ~converted & (records.outcome[idx] == LOSS) & (records.furthest[idx] == k)
    duration = np.where(converted, b - a, np.where(lost, records.loss_day[idx] - a, as_of - a))
    code = np.where(converted, CONVERTED, np.where(lost, LOST, CENSORED))
    start = np.zeros_like(a)
    if history_start != NO_HISTORY_START:
        start = np.maximum(history_start - a, 0)
    return Step(a, np.maximum(duration, 0), code.astype(np.int64), start)


def lag_months(days: NDArray[np.int64]) -> tuple[float, ...]:
    """Lags in days as monthly probability mass, as the plan's lags are: x months goes
    to months floor(x) and floor(x) + 1 in proportions 1 - frac and frac; normalised,
    trailing empty months left off; () for no lags."""
    if not len(days):
        return ()
    months = days.astype(np.float64) / DAYS_PER_MONTH
    whole = np.floor(months + 1e-12)
    frac = np.clip(months - whole, 0.0, 1.0)
    frac[frac < 1e-12] = 0.0
    lower = whole.astype(np.int64)
    size = int(lower.max()) + 2
    mass = (np.bincount(lower, weights=1.0 - frac, minlength=size)
            + np.bincount(lower + 1, weights=frac, minlength=size)).astype(np.float64)
    mass = mass / mass.sum()
    last = int(np.flatnonzero(mass > 0)[-1])
    return tuple(float(x) for x in mass[: last + 1])


def lag_days(days: NDArray[np.int64]) -> LagDays | None:
    """Median, mean and p90 (numpy's linear percentile) of ``days``; None when empty."""
    if not len(days):
        return None
    median, p90 = np.percentile(days, [50, 90])
    return LagDays(float(median), float(np.mean(days)), float(p90))


def months_of(days: NDArray[np.int64]) -> NDArray[np.int64]:
    """The calendar month of each day ordinal, as months since January 1970.

    numpy's calendar conversion is slow per element, so it runs once per distinct day
    of the span and the days look their month up."""
    if not len(days):
        return np.zeros(0, dtype=np.int64)
    low = int(days.min())
    span = np.arange(low - EPOCH, int(days.max()) - EPOCH + 1, dtype=np.int64)
    table = span.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return np.asarray(table[days - low], dtype=np.int64)


def month_label(month: int) -> str:
    """``"YYYY-MM"`` of a month counted from January 1970."""
    return str(np.datetime64(month, "M"))


def cohorts(s: Step) -> dict[str, Cohort]:
    """Entered, converted and lost per month of entry into A, months in order."""
    month = months_of(s.entry_day)
    labels, inverse = np.unique(month, return_inverse=True)
    size = len(labels)
    conv = np.bincount(inverse, weights=s.code == CONVERTED, minlength=size)
    lost = np.bincount(inverse, weights=s.code == LOST, minlength=size)
    entered = np.bincount(inverse, minlength=size)
    return {month_label(int(m)): Cohort(int(e), int(c), int(x))
            for m, e, c, x in zip(labels, entered, conv, lost, strict=True)}


def transition(s: Step, names: tuple[str, str], as_of: int, window: int,
               history_start: int) -> Transition:
    """The figures of one step from its records ``s`` (see `step`)."""
    entered = len(s.code)
    conv = s.converted
    converted = int(np.count_nonzero(conv))
    lost = int(np.count_nonzero(s.code == LOST))
    curve, competing = cumulative(s.duration, s.code, s.start)
    matured = s.entry_day <= as_of - window
    n = int(np.count_nonzero(matured))
    k = int(np.count_nonzero(matured & conv))
    within = int(np.count_nonzero(matured & conv & (s.duration <= window)))
    truncated = history_start != NO_HISTORY_START and bool(np.any(s.entry_day < history_start))
    lags = s.duration[conv]
    return Transition(
        from_stage=names[0], to_stage=names[1],
        entered=entered, converted=converted, lost=lost, open=entered - converted - lost,
        naive_rate=converted / entered if entered else None,
        cumulative={h: float(v) for h, v in zip(HORIZONS, curve.at(HORIZONS), strict=True)},
        days=lag_days(lags),
        beta_alpha=1.0 + k, beta_beta=1.0 + n - k,
        window_days=window, matured=n,
        within_window=within / n if n else None,
        estimated=curve(window),
        lag_months=lag_months(lags),
        competing=competing,
        truncated_from=date.fromordinal(history_start) if truncated else None,
        by_month=cohorts(s),
    )


__all__ = ["DAYS_PER_MONTH", "Step", "lag_days", "lag_months", "month_label", "months_of",
           "step", "transition"]
