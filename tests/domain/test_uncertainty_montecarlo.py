"""The seeded Monte Carlo against closed forms: one stage is Beta-Binomial, the mean of
wins through independent rates is the product of their means; seeds reproduce; the
error of P(hit) shrinks as 1/sqrt(draws)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan
from scipy import stats
from uncertainty_plans import small_plans

from alignplanner.contract.reader import load
from alignplanner.domain.engine.chain import ChainSpec, solve
from alignplanner.domain.engine.compute import _chain_specs, compute, deal_size
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.uncertainty import funnel_draws
from alignplanner.domain.uncertainty.cohorts import pre_plan_cohorts
from alignplanner.domain.uncertainty.montecarlo import simulate
from alignplanner.domain.uncertainty.settings import Uncertainty, beta_parameters
from alignplanner.resources import scenario_path


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


# ---------------------------------------------------------------- counts and lags per cohort

SURE = 1e12  # observations: the rates do not move, only counts and lags do
HALF_MONTH = 365.25 / 24  # days: a lag of 0.5 months, split evenly over months 0 and 1


def test_the_stage_by_stage_draws_are_one_binomial_with_the_win_chance() -> None:
    # given a draw's rates every unit goes its own way: the wins of n units are
    # Binomial(n, P), P the chain's win chance, loops included
    draws, n = 60_000, 100
    spec = ChainSpec((0.5, 0.4), (0.0, 0.0), (-1, 0), (0.0, 0.5), (0.0, 30.0))
    rates = np.array([[0.5], [0.4]]) * np.ones((2, draws))
    p = funnel_draws.win_chances(spec, rates)[0]
    assert p == pytest.approx(np.full(draws, 0.2 / 0.85), rel=1e-14)
    entries = np.zeros((3, draws), dtype=np.int64)
    entries[0] = n
    won = funnel_draws.wins(np.random.default_rng(5), spec, rates, entries)
    exact = stats.binom(n, 0.2 / 0.85)
    for k in (18, 23, 28):
        q = exact.pmf(k)
        assert abs(np.mean(won == k) - q) < 5 * math.sqrt(q * (1 - q) / draws)
    assert won.var() == pytest.approx(exact.var(), rel=0.03)


def test_win_chances_are_the_engines_for_the_sample_plans() -> None:
    for name in ("stress", "midmarket-saas", "enterprise-outbound"):
        p = load(scenario_path(name)).plan
        for spec in _chain_specs(p, p.effective_sources()):
            rates = np.asarray(spec.conversion)[:, None] * np.ones((1, 3))
            found = funnel_draws.win_chances(spec, rates)
            np.testing.assert_allclose(found, solve(spec).win_prob[:, None] * np.ones((1, 3)),
                                       rtol=1e-12, atol=1e-15)


def test_each_cohorts_lag_is_drawn_from_the_stages_lag_distribution() -> None:
    # one stage, a lag of 1.5 months (dist 0, 1/2, 1/2), 10 wins a month, no next year:
    # by hand every month expects 10 wins but the last, 7.5 (its entries of month 10 are
    # only those for month 11's wins, half of which win after the horizon); the units
    # that enter before the plan win inside it (month -2's all in month 0)
    p = plan(chain([0.5], [3 * HALF_MONTH]), revenue=1_200_000, deal=10_000,
             continuation="none")
    draws = 40_000
    sim = simulate(p, Uncertainty(draws=draws, default_observations=SURE, seed=3))
    wins = sim.monthly / 10_000
    expected = np.array([10.0] * 11 + [7.5])
    sd = np.sqrt(expected / draws)
    assert np.all(np.abs(wins.mean(axis=0) - expected) < 5 * sd)
    # Poisson cohorts thinned by the win chance and the lag: Poisson wins, month by month
    np.testing.assert_allclose(wins.var(axis=0) / expected, 1.0, atol=0.05)
    assert abs(np.corrcoef(wins[:, 4], wins[:, 5])[0, 1]) < 0.03


def test_the_open_pipeline_wins_binomially_and_lands_by_its_lags() -> None:
    # 100 open units at a 50% stage with a 0.5-month lag (half win in month 0, half in 1);
    # the pipeline alone covers both months' targets and there is no next year, so
    # nothing else is drawn
    p = plan(chain([0.5], [HALF_MONTH]), revenue=20_000, deal=10_000, months=2,
             existing={"s0": 100}, continuation="none")
    draws = 40_000
    wins = simulate(p, Uncertainty(draws=draws, default_observations=SURE, seed=9)).monthly
    wins = wins / 10_000
    assert np.all(np.abs(wins.mean(axis=0) - 25.0) < 5 * math.sqrt(18.75 / draws))
    np.testing.assert_allclose(wins.var(axis=0), 100 * 0.25 * 0.75, rtol=0.05)
    covariance = np.cov(wins[:, 0], wins[:, 1])[0, 1]
    assert covariance == pytest.approx(-100 * 0.25 * 0.25, rel=0.1)


def test_the_pre_plan_cohorts_are_the_engines_pre_plan_volume() -> None:
    p = load(scenario_path("stress")).plan
    result = compute(p)
    net = np.maximum(0.0, np.asarray(result.target_monthly) - result.pipeline_monthly)
    specs = _chain_specs(p, p.effective_sources())[:-1]
    for source, spec, found in zip(p.effective_sources(), specs, result.sources, strict=True):
        e = p.stage_index(source.enters)
        solved = solve(spec)
        wins = source.share * net / deal_size(p, source)
        cohorts = pre_plan_cohorts(solved.lags.dist[e], wins, solved.win_prob[e])
        assert math.fsum(units for units, _ in cohorts) == pytest.approx(found.pre_plan,
                                                                         rel=1e-12)


def test_p_hit_per_month_and_per_plan_year() -> None:
    p = plan(chain([0.3, 0.5], [10, 20]), revenue=2_400_000, deal=10_000, months=24)
    sim = simulate(p, Uncertainty(draws=4_000, seed=2))
    assert len(sim.p_hit_monthly) == 24
    assert len(sim.p_hit_yearly) == 2
    first = sim.monthly[:, :12].sum(axis=1) >= sum(sim.target_monthly[:12]) * (1 - 1e-12)
    assert sim.p_hit_yearly[0] == float(np.mean(first))
    assert all(0.0 < v < 1.0 for v in (*sim.p_hit_monthly, *sim.p_hit_yearly, sim.p_hit))


@settings(max_examples=25, deadline=None)
@given(small_plans(), st.integers(0, 2**32))
def test_random_small_plans_simulate_whole_non_negative_months(p: Plan, seed: int) -> None:
    try:
        result = compute(p)
    except PlanInvalid:
        return
    one = simulate(p, Uncertainty(draws=200, seed=seed), result=result)
    assert one.monthly.shape == (200, p.months)
    assert np.all(np.isfinite(one.monthly))
    assert np.all(one.monthly >= 0.0)
    assert np.array_equal(one.revenue, one.monthly.sum(axis=1))
    again = simulate(p, Uncertainty(draws=200, seed=seed), result=result)
    assert one.monthly.tobytes() == again.monthly.tobytes()
