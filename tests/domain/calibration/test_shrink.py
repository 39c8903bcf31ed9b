"""The Beta prior fitted from all sources (empirical Bayes), against scipy's
beta-binomial and a bounded optimiser."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

from alignplanner.domain.calibration.shrink import (
    MAX_CONCENTRATION,
    MIN_CONCENTRATION,
    fit_prior,
    log_likelihood,
)


def _scipy_score(counts: list[tuple[int, int]], mean: float, log_kappa: float) -> float:
    kappa = math.exp(log_kappa)
    return float(sum(stats.betabinom.logpmf(k, n, mean * kappa, (1 - mean) * kappa)
                     for k, n in counts))


@pytest.mark.parametrize("seed", range(6))
def test_the_fitted_concentration_maximises_scipys_beta_binomial_likelihood(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rates = rng.beta(3.0, 12.0, size=8)
    sizes = rng.integers(5, 400, size=8)
    counts = [(int(rng.binomial(n, p)), int(n)) for p, n in zip(rates, sizes, strict=True)]
    prior = fit_prior(counts)
    assert prior is not None
    mean = sum(k for k, _ in counts) / sum(n for _, n in counts)
    assert prior.pooled == pytest.approx(mean)
    best = optimize.minimize_scalar(
        lambda x: -_scipy_score(counts, mean, x), bounds=(math.log(MIN_CONCENTRATION),
                                                           math.log(MAX_CONCENTRATION)),
        method="bounded", options={"xatol": 1e-10})
    ours = _scipy_score(counts, mean, math.log(prior.concentration))
    assert ours >= -best.fun - 1e-6
    assert math.log(prior.concentration) == pytest.approx(best.x, abs=1e-3)


def test_the_likelihood_is_scipys_up_to_the_binomial_coefficients() -> None:
    counts = [(3, 10), (0, 4), (7, 7)]
    ours = log_likelihood(counts, 2.0, 5.0)
    theirs = sum(stats.betabinom.logpmf(k, n, 2.0, 5.0) - math.log(math.comb(n, k))
                 for k, n in counts)
    assert ours == pytest.approx(theirs)


def test_sources_that_agree_are_pooled_fully() -> None:
    """Equal rates in every source: no spread beyond chance, the prior is as strong as
    it may be and every shrunk rate is the pooled one to 0.1%."""
    prior = fit_prior([(20, 100), (40, 200), (2, 10)])
    assert prior is not None
    assert prior.concentration > 0.9 * MAX_CONCENTRATION
    a, b = prior.shrunk(0, 10)
    assert a / (a + b) == pytest.approx(0.2, abs=1e-3)


def test_a_small_source_moves_more_than_a_large_one() -> None:
    """Two large sources at 10% and 30%, a small one at 5 of 10."""
    prior = fit_prior([(100, 1000), (300, 1000), (5, 10)])
    assert prior is not None
    assert prior.weight(10) > 0.5 > prior.weight(1000)


def test_nothing_to_pool() -> None:
    assert fit_prior([(3, 10)]) is None
    assert fit_prior([(0, 10), (0, 5)]) is None
    assert fit_prior([(10, 10), (5, 5)]) is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 50)), min_size=2, max_size=6))
def test_shrunk_rates_lie_between_the_raw_rate_and_the_pooled_one(
        pairs: list[tuple[int, int]]) -> None:
    counts = [(min(k, n), n) for k, n in pairs]
    prior = fit_prior(counts)
    if prior is None:
        return
    for k, n in counts:
        a, b = prior.shrunk(k, n)
        low, high = sorted((k / n, prior.pooled))
        assert low - 1e-12 <= a / (a + b) <= high + 1e-12


@pytest.mark.parametrize(("a", "b"), [(3.0, 5.0), (40.0, 1900.0), (1200.0, 1800.0),
                                      (480.0, 99_520.0), (47_000.0, 53_000.0)])
def test_the_interval_is_scipys_beta_interval(a: float, b: float) -> None:
    from alignplanner.domain.calibration.history import interval

    assert interval(a, b) == pytest.approx(stats.beta.interval(0.8, a, b), abs=1e-4)


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 1), (3, 10), (12, 12), (40, 1900),
                                      (1200, 3000), (4800, 100_000)])
def test_a_raw_rate_has_the_exact_interval_and_lies_in_it(k: int, n: int) -> None:
    from alignplanner.domain.calibration.history import rate_estimate

    e = rate_estimate(k, n)
    assert e is not None
    low, high = stats.binomtest(k, n).proportion_ci(0.8, method="exact")
    assert (e.low, e.high) == pytest.approx((low, high), abs=1e-4)
    assert e.low <= e.value <= e.high
