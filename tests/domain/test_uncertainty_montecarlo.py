"""The seeded Monte Carlo against closed forms: one stage is Beta-Binomial, the mean of
wins through independent rates is the product of their means; seeds reproduce; the
error of P(hit) shrinks as 1/sqrt(draws)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from plan_factory import chain, plan
from scipy import stats

from alignplanner.domain.engine.chain import ChainSpec
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.uncertainty import funnel_draws
from alignplanner.domain.uncertainty.montecarlo import simulate
from alignplanner.domain.uncertainty.settings import Uncertainty, beta_parameters


def _one_stage_wins(n: int, rate: float, observations: float, draws: int) -> np.ndarray:
    rng = np.random.default_rng(7)
    a, b = beta_parameters(rate, observations)
    spec = ChainSpec((rate,), (0.0,), (-1,), (0.0,), (0.0,))
    rates = rng.beta(a, b, draws)[None, :]
    entries = np.zeros((2, draws), dtype=np.int64)
    entries[0] = n
    return funnel_draws.wins(rng, spec, rates, entries)


def test_one_stage_is_beta_binomial() -> None:
    draws = 200_000
    won = _one_stage_wins(40, 0.25, 20.0, draws)
    a, b = beta_parameters(0.25, 20.0)
    exact = stats.betabinom(40, a, b)
    for k in (5, 10, 15):
        p = exact.sf(k - 1)  # P(wins >= k)
        sd = math.sqrt(p * (1 - p) / draws)
        assert abs(np.mean(won >= k) - p) < 5 * sd
    assert abs(won.var() - exact.var()) < 0.03 * exact.var()


def test_mean_through_independent_rates_is_the_product_of_means() -> None:
    draws = 100_000
    rng = np.random.default_rng(3)
    means, n = (0.4, 0.6, 0.3), 500
    rates = np.vstack([rng.beta(*beta_parameters(m, 30.0), draws) for m in means])
    spec = ChainSpec(means, (0.0,) * 3, (-1,) * 3, (0.0,) * 3, (0.0,) * 3)
    entries = np.zeros((4, draws), dtype=np.int64)
    entries[0] = n
    won = funnel_draws.wins(rng, spec, rates, entries)
    expected = n * math.prod(means)
    assert abs(won.mean() - expected) < 5 * won.std() / math.sqrt(draws)


def test_recycling_matches_the_engines_win_probability() -> None:
    draws = 50_000
    rng = np.random.default_rng(11)
    spec = ChainSpec((0.5, 0.4), (0.0, 0.0), (-1, 0), (0.0, 0.5), (0.0, 30.0))
    entries = np.zeros((3, draws), dtype=np.int64)
    entries[0] = 100
    rates = np.array([[0.5], [0.4]]) * np.ones((2, draws))
    won = funnel_draws.wins(rng, spec, rates, entries)
    # P(win) = 0.5 * (0.4 + 0.6 * 0.5 * P(win)) solves to 0.2 / 0.85
    expected = 100 * 0.2 / 0.85
    assert abs(won.mean() - expected) < 5 * won.std() / math.sqrt(draws)


def _plan():  # type: ignore[no-untyped-def]
    return plan(chain([0.3, 0.5], [10, 20]), revenue=1_200_000, deal=10_000)


def test_the_plan_reaches_its_target_about_half_the_time() -> None:
    result = simulate(_plan(), Uncertainty(draws=20_000, seed=1))
    assert result.target == pytest.approx(1_200_000)
    assert abs(result.revenue.mean() - 1_200_000) < 0.01 * 1_200_000
    assert 0.4 < result.p_hit < 0.6
    p = result.percentiles()
    assert p[10] < p[50] < p[90]
    assert len(result.p_hit_monthly) == 12
    needed = result.volume_needed()
    assert result.top_volume < needed[0.8] < needed[0.9]
    assert result.top_volume == pytest.approx(120 / 0.15)


def test_the_same_seed_gives_the_same_numbers_bit_for_bit() -> None:
    one = simulate(_plan(), Uncertainty(draws=2_000, seed=42))
    two = simulate(_plan(), Uncertainty(draws=2_000, seed=42))
    other = simulate(_plan(), Uncertainty(draws=2_000, seed=43))
    assert np.array_equal(one.monthly, two.monthly)
    assert one.revenue.tobytes() == two.revenue.tobytes()
    assert not np.array_equal(one.revenue, other.revenue)


def test_the_error_of_p_hit_shrinks_as_one_over_root_draws() -> None:
    def spread(draws: int) -> float:
        hits = [simulate(_plan(), Uncertainty(draws=draws, seed=s)).p_hit for s in range(30)]
        return float(np.std(hits))
    small, large = spread(200), spread(3_200)  # 16 times the draws: a quarter of the error
    assert 2.5 < small / large < 6.5


def test_a_surer_rate_explains_less_of_the_variance() -> None:
    sure = Uncertainty(draws=20_000, observations={"s0": 100_000.0}, default_observations=50)
    shares = simulate(_plan(), sure).variance_shares()
    assert shares["conversion:s0"] < 0.05 < shares["conversion:s1"]


def test_deal_size_from_its_p10_p90() -> None:
    stated = Uncertainty(draws=20_000, deal_size_p10=6_000, deal_size_p90=15_000)
    mu, sigma = stated.deal_size_lognormal()  # type: ignore[misc]
    assert math.exp(mu - 1.2815515655446004 * sigma) == pytest.approx(6_000)
    shares = simulate(_plan(), stated).variance_shares()
    assert shares["deal_size"] > 0.2


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"draws": 0}, "draws"), ({"seed": -1}, "seed"), ({"swing": 1.5}, "swing"),
    ({"observations": {"s0": 0}}, "s0"), ({"deal_size_p10": 5.0}, "deal_size_p90"),
    ({"deal_size_p10": 9.0, "deal_size_p90": 5.0}, "deal_size_p90"),
])
def test_bad_settings_name_the_field(kwargs: dict, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(PlanInvalid) as caught:
        Uncertainty(**kwargs)
    assert any(field in p.path for p in caught.value.problems)
