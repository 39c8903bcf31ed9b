"""What calibrating the plan from history shows: for each figure of the plan (a stage's
conversion, its lag to the next stage, a source's conversion at a stage, the deal size)
the plan's value, the estimate from history with its interval and n, the difference and,
for a source, the estimate shrunk towards the pooled rate of all sources.

`key` names the figure as the plan file does (``stages.mql.conversion``,
``stages.mql.lag``, ``sources.partner.conversion.mql``, ``target.average_deal_size``,
``sources.partner.average_deal_size``); the provenance recorded on accepting it uses the
same key (docs/contract.md, ``[[calibration]]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["conversion", "lag", "deal_size"]
LEVEL = 0.8
"""The central probability of every interval shown (10% to 90%)."""


@dataclass(frozen=True)
class Estimate:
    """A value from history with its 80% interval and the records it stands on."""

    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Figure:
    """One figure of the plan against history.

    For a lag, ``plan`` and ``estimate.value`` are mean days, and ``plan_lag`` and
    ``lag`` the monthly probability mass (month 0, 1, ...) the plan has and history
    gives; accepting it puts ``lag`` in the plan. ``estimate`` is None when history
    cannot say (``reason`` says why); ``shrunk`` is the empirical-Bayes estimate of a
    source's conversion, ``reason`` then says how far the pooled rate moved it.
    ``plannable`` is False when the plan has nothing to take the value (a source that
    is not in the plan)."""

    key: str
    kind: Kind
    stage: str
    source: str | None
    label: str
    plan: float | None
    estimate: Estimate | None
    shrunk: Estimate | None = None
    small: bool = False
    reason: str = ""
    plan_lag: tuple[float, ...] = ()
    lag: tuple[float, ...] = ()
    plannable: bool = True

    @property
    def accepted_value(self) -> float | None:
        """What accepting the figure puts in the plan: the shrunk estimate of a small
        source, else the estimate."""
        chosen = self.shrunk if self.small and self.shrunk is not None else self.estimate
        return None if chosen is None else chosen.value

    @property
    def difference(self) -> float | None:
        """Estimate minus plan (None when either is missing)."""
        if self.estimate is None or self.plan is None:
            return None
        return self.estimate.value - self.plan

    @property
    def acceptable(self) -> bool:
        """The plan can take it: a source the plan has, a value above 0 (a conversion or
        a deal size of 0 is no plan), a lag with a distribution."""
        value = self.accepted_value
        if not self.plannable or value is None:
            return False
        return bool(self.lag) if self.kind == "lag" else value > 0


@dataclass(frozen=True)
class Calibration:
    """Every figure of a plan against one history, as of ``as_of``."""

    as_of: date
    figures: tuple[Figure, ...]

    def of_kind(self, kind: Kind) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.kind == kind)

    def figure(self, key: str) -> Figure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)


__all__ = ["LEVEL", "Calibration", "Estimate", "Figure", "Kind"]
