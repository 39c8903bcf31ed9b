"""What a plan states about its own uncertainty: the seed and draws of the simulation,
how sure each rate is (as sure as n observations), the deal size's P10/P90, and the
swing used for drivers without a stated range."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from alignplanner.domain.problems import Collector

MAX_DRAWS = 1_000_000
MAX_SEED = 2**63 - 1
Z90 = 1.2815515655446004  # the standard normal's 90th percentile


@dataclass(frozen=True)
class Uncertainty:
    """``observations`` maps a stage id to the number of observations its conversion
    rate is as sure as; ``default_observations`` applies to the other stages."""

    seed: int = 0
    draws: int = 10_000
    observations: Mapping[str, float] = field(default_factory=dict)
    default_observations: float = 200.0
    deal_size_p10: float | None = None
    deal_size_p90: float | None = None
    swing: float = 0.2

    def __post_init__(self) -> None:
        object.__setattr__(self, "observations", MappingProxyType(dict(self.observations)))
        c = Collector()
        for key, value, low, high in (("seed", self.seed, 0, MAX_SEED),
                                      ("draws", self.draws, 1, MAX_DRAWS)):
            assert isinstance(low, int)
            if not isinstance(value, int) or isinstance(value, bool):
                c.add(("uncertainty", key), f"{key} must be a whole number, got {value!r}")
            elif not low <= value <= high:
                c.add(("uncertainty", key), f"{key} must be between {low:,} and {high:,}, "
                      f"got {value:,}")
        for stage_id, n in self.observations.items():
            _check_positive(c, ("uncertainty", "observations", stage_id), n, "observations")
        _check_positive(c, ("uncertainty", "default_observations"), self.default_observations,
                        "default observations")
        if not _number(self.swing) or not 0.0 < self.swing < 1.0:
            c.add(("uncertainty", "swing"),
                  f"swing must be a share above 0 and below 1 (0.2 is +/-20%), got {self.swing!r}")
        p10, p90 = self.deal_size_p10, self.deal_size_p90
        if (p10 is None) != (p90 is None):
            c.add(("uncertainty", "deal_size_p10" if p10 is None else "deal_size_p90"),
                  "give the deal size's P10 and P90 together")
        elif p10 is not None and p90 is not None:
            _check_positive(c, ("uncertainty", "deal_size_p10"), p10, "deal size P10")
            _check_positive(c, ("uncertainty", "deal_size_p90"), p90, "deal size P90")
            if _number(p10) and _number(p90) and not p10 < p90:
                c.add(("uncertainty", "deal_size_p90"),
                      f"the deal size's P90 ({p90:,}) must be above its P10 ({p10:,})")
        c.raise_if_any()

    def observations_for(self, stage_id: str) -> float:
        return float(self.observations.get(stage_id, self.default_observations))

    def with_observations(self, counts: Mapping[str, float]) -> Uncertainty:
        """These settings with ``counts`` (stage id -> observations) stated: a rate
        calibrated from n records is as sure as those n."""
        return replace(self, observations={**self.observations, **counts})

    def deal_size_lognormal(self) -> tuple[float, float] | None:
        """(mu, sigma) of the lognormal whose P10 and P90 are the stated ones, or None."""
        if self.deal_size_p10 is None or self.deal_size_p90 is None:
            return None
        lo, hi = math.log(self.deal_size_p10), math.log(self.deal_size_p90)
        return (lo + hi) / 2.0, (hi - lo) / (2.0 * Z90)


def beta_parameters(rate: float, observations: float) -> tuple[float, float]:
    """Beta(a, b) with mean ``rate`` and the weight of ``observations`` (a + b = n)."""
    return rate * observations, (1.0 - rate) * observations


def beta_p10_p90(rate: float, observations: float) -> tuple[float, float]:
    """The P10 and P90 of the rate's Beta, by the normal approximation (inside (0, 1])."""
    if rate >= 1.0:
        return rate, rate
    sd = math.sqrt(rate * (1.0 - rate) / (observations + 1.0))
    return max(rate * 0.01, rate - Z90 * sd), min(1.0, rate + Z90 * sd)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_positive(c: Collector, path: tuple[str, ...], value: object, what: str) -> None:
    if not _number(value) or float(value) <= 0.0:  # type: ignore[arg-type]
        c.add(path, f"{what} must be a number above 0, got {value!r}")
