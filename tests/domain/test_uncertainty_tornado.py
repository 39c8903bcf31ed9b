"""The two-sided tornado, hand-checked on a funnel without lags or recycling, where the
top-of-funnel volume is wins / (c0 c1) and revenue is volume x c0 x c1 x deal size."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.uncertainty.settings import Uncertainty, beta_p10_p90
from alignplanner.domain.uncertainty.tornado import tornado


def _plan():  # type: ignore[no-untyped-def]
    return plan(chain([0.25, 0.5]), revenue=1_200_000, deal=10_000, continuation="none")


def test_every_driver_swung_both_ways_for_volume() -> None:
    bars = {b.driver: b for b in tornado(_plan(), Uncertainty(swing=0.2))}
    assert set(bars) == {"conversion:s0", "conversion:s1", "deal_size"}
    s0 = bars["conversion:s0"]
    assert (s0.low, s0.high) == pytest.approx((0.2, 0.3))
    assert s0.outcome_base == pytest.approx(120 / 0.125)
    assert s0.outcome_low == pytest.approx(120 / (0.2 * 0.5))
    assert s0.outcome_high == pytest.approx(120 / (0.3 * 0.5))
    assert s0.elasticity == pytest.approx((1 / 0.3 - 1 / 0.2) / (1 / 0.25) / 0.4)
    deal = bars["deal_size"]
    assert deal.outcome_low == pytest.approx(1_200_000 / 8_000 / 0.125)


def test_bars_sorted_by_swing() -> None:
    bars = tornado(_plan(), Uncertainty(swing=0.1))
    swings = [b.swing for b in bars]
    assert swings == sorted(swings, reverse=True)


def test_revenue_for_fixed_volumes() -> None:
    bars = {b.driver: b for b in tornado(_plan(), Uncertainty(swing=0.2), outcome="revenue")}
    s1 = bars["conversion:s1"]
    assert s1.outcome_base == pytest.approx(1_200_000)
    assert s1.outcome_low == pytest.approx(1_200_000 * 0.8)
    assert s1.outcome_high == pytest.approx(1_200_000 * 1.2)
    assert s1.elasticity == pytest.approx(1.0)


def test_a_stated_confidence_gives_the_rates_p10_p90() -> None:
    settings = Uncertainty(observations={"s0": 50.0})
    bars = {b.driver: b for b in tornado(_plan(), settings)}
    low, high = beta_p10_p90(0.25, 50.0)
    assert (bars["conversion:s0"].low, bars["conversion:s0"].high) == (low, high)
    assert low < 0.25 < high
    assert bars["conversion:s1"].low == pytest.approx(0.4)


def test_days_and_recycles_are_drivers_too() -> None:
    p = plan(chain([0.4, 0.5], [10, 20], recycles={1: (0, 0.3, 60)}), continuation="none")
    drivers = {b.driver for b in tornado(p)}
    assert {"days:s0", "days:s1", "recycle:s1"} <= drivers


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.05, 0.95), min_size=1, max_size=4), st.floats(0.05, 0.5))
def test_a_higher_rate_never_needs_more_volume(rates: list[float], swing: float) -> None:
    p = plan(chain(rates), continuation="none")
    for bar in tornado(p, Uncertainty(swing=swing)):
        assert bar.low <= bar.base <= bar.high
        if bar.driver.startswith("conversion:") or bar.driver == "deal_size":
            assert bar.outcome_high <= bar.outcome_base * (1 + 1e-12)
            assert bar.outcome_low >= bar.outcome_base * (1 - 1e-12)
            assert bar.elasticity <= 0.0
