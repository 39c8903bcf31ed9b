"""The Beta interval the app shows, against scipy's (a test-only dependency of lifelines)."""

from __future__ import annotations

import pytest
from scipy import stats

from alignplanner.domain.actuals.beta import beta_cdf, beta_interval, beta_quantile


@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 5), (41, 61), (1, 300), (500, 2), (0.5, 0.5)])
def test_cdf_and_quantiles_match_scipy(a: float, b: float) -> None:
    for x in (0.001, 0.1, 0.37, 0.5, 0.9, 0.999):
        assert beta_cdf(x, a, b) == pytest.approx(stats.beta.cdf(x, a, b), abs=1e-9)
    for p in (0.1, 0.5, 0.9):
        assert beta_quantile(p, a, b) == pytest.approx(stats.beta.ppf(p, a, b), abs=1e-8)


def test_the_80_percent_interval() -> None:
    low, high = beta_interval(1 + 40, 1 + 60)
    assert (low, high) == pytest.approx(tuple(stats.beta.ppf([0.1, 0.9], 41, 61)), abs=1e-8)
    assert low < 40 / 100 < high


def test_edges() -> None:
    assert beta_cdf(0.0, 2, 3) == 0.0
    assert beta_cdf(1.0, 2, 3) == 1.0
