"""The figures estimated from CRM events: per stage, per transition, per source.

Plain frozen values; `estimate` (in `estimates`) makes them, the command line prints
them and writes them as JSON, the app shows them. docs/actuals.md says what each means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

HORIZONS = (7, 14, 30, 60, 90, 180, 365)
"""Days at which the cumulative probability of converting is reported."""


@dataclass(frozen=True)
class StageCount:
    """Records that reached a stage, in all and by the month of their first entry."""

    name: str
    entered: int
    by_month: Mapping[str, int]  # "YYYY-MM" -> records, months in order


@dataclass(frozen=True)
class LagDays:
    """The lag from a stage to the next over converted records, in whole days."""

    median: float
    mean: float
    p90: float


@dataclass(frozen=True)
class Cohort:
    """The records that entered a stage in one month, and how they have ended so far."""

    entered: int
    converted: int  # reached the next stage or a later one
    lost: int  # lost at the stage


@dataclass(frozen=True)
class Transition:
    """From stage ``from_stage`` to the next one, ``to_stage``."""

    from_stage: str
    to_stage: str
    entered: int
    converted: int
    lost: int
    open: int
    naive_rate: float | None  # converted / entered; None when nobody entered
    cumulative: Mapping[int, float]  # days (HORIZONS) -> P(converted within the days)
    days: LagDays | None  # None when nobody converted
    beta_alpha: float  # Beta(1 + k, 1 + n - k) over the matured records
    beta_beta: float
    window_days: int  # the plan's window for this transition, or 365
    matured: int  # n: records that entered at least window_days before as_of
    within_window: float | None  # of the matured, the share converted within the window
    estimated: float  # cumulative probability at window_days (Kaplan-Meier or Aalen-Johansen)
    lag_months: tuple[float, ...]  # lag as monthly probability mass (month 0, 1, ...)
    competing: bool  # True when losses were a competing risk (Aalen-Johansen)
    truncated_from: date | None  # left truncation: records enter the risk set here
    # "YYYY-MM" of the entry into from_stage -> its cohort, months in order
    by_month: Mapping[str, Cohort] = field(default_factory=dict)


@dataclass(frozen=True)
class Estimates:
    """Everything estimated from one set of events at one date."""

    as_of: date
    records: int
    stages: tuple[StageCount, ...]
    transitions: tuple[Transition, ...]
    by_source: Mapping[str, tuple[Transition, ...]]
    warnings: tuple[str, ...]


__all__ = ["HORIZONS", "Cohort", "Estimates", "LagDays", "StageCount", "Transition"]
