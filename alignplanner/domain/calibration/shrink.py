"""Empirical Bayes for the sources' conversion rates: a Beta prior fitted from all
sources, and each source's rate shrunk towards the pooled one.

A source with few records has a raw rate k / n that swings widely by chance alone. The
sources' counts are taken as beta-binomial: each source s has a rate p_s drawn from
Beta(a, b) and converts k_s of its n_s records. The prior's mean is the pooled rate
m = sum k / sum n; its concentration kappa = a + b maximises the marginal (beta-binomial)
likelihood of the counts with the mean held at m, searched on a log grid from
`MIN_CONCENTRATION` to `MAX_CONCENTRATION` and refined by golden section. A source's
shrunk rate is its posterior mean (k + a) / (n + a + b): the closer n is to kappa or below
it, the more it moves towards m. When the sources differ no more than chance would make
them, kappa runs to `MAX_CONCENTRATION` and every shrunk rate is (nearly) the pooled one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_CONCENTRATION = 0.5
MAX_CONCENTRATION = 1e5
SMALL_WEIGHT = 0.1
SMALL_MOVE = 0.005
"""A source is small when the prior weighs at least SMALL_WEIGHT in its shrunk rate and
moves it by at least SMALL_MOVE (half a percentage point: what a rounded percentage shows)."""


@dataclass(frozen=True)
class Prior:
    """Beta(alpha, beta) fitted from the sources: mean ``pooled``, concentration
    alpha + beta."""

    alpha: float
    beta: float

    @property
    def pooled(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    @property
    def concentration(self) -> float:
        return self.alpha + self.beta

    def weight(self, n: int) -> float:
        """The prior's share in the shrunk rate of a source of ``n`` records."""
        return self.concentration / (self.concentration + n)

    def shrunk(self, k: int, n: int) -> tuple[float, float]:
        """The posterior Beta(alpha + k, beta + n - k) of a source's rate."""
        return self.alpha + k, self.beta + n - k


def log_likelihood(counts: Sequence[tuple[int, int]], alpha: float, beta: float) -> float:
    """The beta-binomial log likelihood of (k, n) pairs under Beta(alpha, beta), up to
    the binomial coefficients (which do not depend on the prior)."""
    total = 0.0
    for k, n in counts:
        total += (math.lgamma(k + alpha) + math.lgamma(n - k + beta) - math.lgamma(n + alpha + beta)
                  - math.lgamma(alpha) - math.lgamma(beta) + math.lgamma(alpha + beta))
    return total


def fit_prior(counts: Sequence[tuple[int, int]]) -> Prior | None:
    """The prior from the sources' (converted, records) pairs; None when fewer than two
    sources have records, or when the pooled rate is 0 or 1 (nothing to shrink towards
    that a Beta can hold)."""
    used = [(k, n) for k, n in counts if n > 0]
    events, trials = sum(k for k, _ in used), sum(n for _, n in used)
    if len(used) < 2 or not 0 < events < trials:
        return None
    m = events / trials

    def score(log_kappa: float) -> float:
        kappa = math.exp(log_kappa)
        return log_likelihood(used, m * kappa, (1 - m) * kappa)

    low, high = math.log(MIN_CONCENTRATION), math.log(MAX_CONCENTRATION)
    grid = [low + (high - low) * i / 60 for i in range(61)]
    best = max(range(len(grid)), key=lambda i: score(grid[i]))
    a, b = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(80):  # golden section on the bracket around the best grid point
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if score(c) >= score(d):
            b = d
        else:
            a = c
    kappa = math.exp((a + b) / 2)
    return Prior(m * kappa, (1 - m) * kappa)


__all__ = ["MAX_CONCENTRATION", "MIN_CONCENTRATION", "SMALL_MOVE", "SMALL_WEIGHT", "Prior",
           "fit_prior", "log_likelihood"]
