"""The fast tornado (all swings solved together) gives the bars of the reference, one
full `compute` per swing: on the sample plans, the stress plan and random small plans
with lags, loops, sources and open pipeline; and its win mass is the engine's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan
from uncertainty_plans import small_plans

from alignplanner.contract.reader import load
from alignplanner.domain.engine.chain import solve
from alignplanner.domain.engine.compute import _chain_specs, compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.domain.uncertainty.tornado import Outcome, tornado, tornado_by_compute
from alignplanner.domain.uncertainty.win_mass import win_mass
from alignplanner.resources import scenario_path

SAMPLES = ("midmarket-saas", "enterprise-outbound", "smb-high-volume")


def _same_bars(p: Plan, settings: Uncertainty, outcome: Outcome) -> None:
    fast = {b.driver: b for b in tornado(p, settings, outcome)}
    slow = {b.driver: b for b in tornado_by_compute(p, settings, outcome)}
    assert set(fast) == set(slow)
    for name, bar in slow.items():
        got = fast[name]
        assert (got.base, got.low, got.high) == (bar.base, bar.low, bar.high)
        assert got.outcome_base == bar.outcome_base
        for mine, theirs in ((got.outcome_low, bar.outcome_low),
                             (got.outcome_high, bar.outcome_high)):
            if math.isinf(theirs):
                assert mine == theirs, name
            else:
                assert mine == pytest.approx(theirs, rel=1e-9, abs=1e-6), name
    # sorted by swing: the order can differ only between bars of the same swing
    swings = [b.swing for b in tornado(p, settings, outcome)]
    assert swings == sorted(swings, reverse=True)


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("outcome", ["volume", "revenue"])
def test_the_sample_plans_give_the_reference_bars(name: str, outcome: Outcome) -> None:
    _same_bars(load(scenario_path(name)).plan, Uncertainty(), outcome)


@pytest.mark.slow
@pytest.mark.parametrize("outcome", ["volume", "revenue"])
def test_the_stress_plan_gives_the_reference_bars(outcome: Outcome) -> None:
    stated = Uncertainty(observations={"sal": 80.0})  # its days swung onto a 1/5-day grid
    _same_bars(load(scenario_path("stress")).plan, stated, outcome)


def test_the_win_mass_is_the_engines_win_chance_times_its_lags() -> None:
    p = load(scenario_path("stress")).plan
    specs = list(dict.fromkeys(_chain_specs(p, p.effective_sources())))
    rows = list(range(len(p.stages)))
    mass, exact = win_mass(specs, [rows] * len(specs), p.months)
    assert exact.all()
    for spec, got in zip(specs, mass, strict=True):
        solved = solve(spec)
        dist = np.zeros((len(rows), p.months))
        width = min(p.months, solved.lags.span)
        dist[:, :width] = solved.lags.dist[:, :width]
        np.testing.assert_allclose(got, solved.win_prob[:, None] * dist, rtol=0, atol=1e-12)


def test_a_swing_the_engine_refuses_is_refused_the_same_way() -> None:
    # 1e5 wins through a 1.5e-7 conversion: 6.7e11 entries, twice that once swung down
    p = plan(chain([1.5e-7, 1.0]), revenue=100_000_000, deal=1_000, continuation="none")
    compute(p)
    bars = {b.driver: b for b in tornado(p, Uncertainty(swing=0.5))}
    with pytest.raises(PlanInvalid):
        compute(plan(chain([0.75e-7, 1.0]), revenue=100_000_000, deal=1_000,
                     continuation="none"))
    assert bars["conversion:s0"].outcome_low == math.inf
    _same_bars(p, Uncertainty(swing=0.5), "volume")
    _same_bars(p, Uncertainty(swing=0.5), "revenue")


@settings(max_examples=30, deadline=None)
@given(small_plans(), st.sampled_from([0.1, 0.2, 0.35]), st.sampled_from(["volume", "revenue"]))
def test_random_small_plans_give_the_reference_bars(p: Plan, swing: float,
                                                    outcome: Outcome) -> None:
    try:
        compute(p)
    except PlanInvalid:
        return  # nothing to swing: the tornado refuses it as compute does
    _same_bars(p, Uncertainty(swing=swing), outcome)


@pytest.mark.parametrize("outcome", ["volume", "revenue"])
def test_a_calibrated_lag_distribution_gives_the_reference_bars(outcome: Outcome) -> None:
    """A stage's lag as monthly mass (a calibrated lag) is outside the batched solve's lag
    model; the bars must still be the engine's, and differ from those of the mean lag."""
    import dataclasses

    loaded = load(scenario_path("midmarket-saas"))
    stages = list(loaded.plan.stages)
    stages[2] = dataclasses.replace(stages[2], lag=(0.2, 0.5, 0.3))
    stages[4] = dataclasses.replace(stages[4], lag=(0.1, 0.2, 0.3, 0.4))
    calibrated = loaded.plan.with_changes(stages=tuple(stages))
    bars = tornado(calibrated, loaded.uncertainty, outcome)
    assert bars == tornado_by_compute(calibrated, loaded.uncertainty, outcome)
    assert bars != tornado(loaded.plan, loaded.uncertainty, outcome)
