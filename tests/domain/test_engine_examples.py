"""Worked examples computed by hand (the arithmetic is in each docstring)."""

from __future__ import annotations

import pytest
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain.engine.compute import compute, forward
from alignplanner.domain.plan.funnel import Source


def test_one_recycle_loop_counts_reentries() -> None:
    """A -> B -> won; c_A = 0.5, c_B = 0.4, half of B's losses go back to A.

    P_B = 0.4 + 0.6 * 0.5 * P_A and P_A = 0.5 * P_B, so P_B = 0.4 / 0.85 and P_A = 0.2 / 0.85.
    100 wins need 100 / P_A = 425 new units at A. A unit returns to A with probability
    0.5 * 0.6 * 0.5 = 0.15, so entries into A per new unit are 1 / 0.85: 500 entries in all
    (75 recycled); B gets 0.5 * 500 = 250.
    """
    p = plan(chain([0.5, 0.4], recycles={1: (0, 0.5, 0)}), revenue=1_000_000, deal=10_000,
             months=1, continuation="none")
    r = compute(p)
    a, b, won = r.stages
    assert won.volume == pytest.approx(100)
    assert a.new == pytest.approx(425)
    assert a.volume == pytest.approx(500)
    assert a.recycled == pytest.approx(75)
    assert b.volume == pytest.approx(250)
    assert b.new == 0


def test_sources_with_entry_stage_and_deal_size() -> None:
    """1.2M, deal 10k; stage conversions 0.2 then 0.5.

    Inbound (half, enters s0): 600k / 10k = 60 wins -> 120 at s1 -> 600 at s0.
    Outbound (half, enters s1, deal 20k, s1 converts at 0.25 for it): 30 wins -> 120 at s1.
    Totals: s0 600, s1 240, won 90.
    """
    sources = [
        Source(id="inbound", enters="s0", share=0.5),
        Source(id="outbound", enters="s1", share=0.5, average_deal_size=20_000,
               conversion_overrides={"s1": 0.25}),
    ]
    p = plan(chain([0.2, 0.5]), revenue=1_200_000, deal=10_000, months=1,
             continuation="none", sources=sources)
    r = compute(p)
    assert [s.volume for s in r.stages] == pytest.approx([600, 240, 90])
    assert r.wins == pytest.approx(90)
    assert r.source("inbound").new == pytest.approx(600)
    assert r.source("outbound").new == pytest.approx(120)
    assert r.source("outbound").volumes == pytest.approx((0, 120, 30))
    assert r.stage("s1").new == pytest.approx(120)


def test_whole_month_lag_shifts_flat_volumes() -> None:
    """10 wins a month for 12 months; s0 converts at 0.5 one month before the win.

    Entries at s0: 20 a month in months -1 .. 10 serve months 0 .. 11. Without continuation
    month 11 needs none and 20 are pre-plan: 20 + 11 * 20 = 240 = volume. With the target
    repeated, month 11 serves next January and every month needs 20.
    """
    stages = chain([0.5], days=[DAYS_PER_MONTH])
    none = compute(plan(stages, continuation="none")).stage("s0")
    assert none.monthly == pytest.approx([20.0] * 11 + [0.0])
    assert none.pre_plan == pytest.approx(20)
    assert none.volume == pytest.approx(240)
    assert none.monthly_rounded == (20,) * 11 + (0,)
    repeat = compute(plan(stages)).stage("s0")
    assert repeat.monthly == pytest.approx([20.0] * 12)
    assert sum(repeat.monthly) == pytest.approx(repeat.volume)
    assert repeat.pre_plan == pytest.approx(20)


def test_half_month_lag_splits_between_two_months() -> None:
    """A lag of half a month puts half of a month's entries in that month and half in the
    month before. Only January has a target (10 wins): 10 entries at s0 (c = 1) split 5 in
    December (pre-plan) and 5 in January."""
    stages = chain([1.0], days=[DAYS_PER_MONTH / 2])
    p = plan(stages, revenue=100_000, monthly_revenue=[100_000] + [0] * 11,
             continuation="none")
    s0 = compute(p).stage("s0")
    assert s0.pre_plan == pytest.approx(5)
    assert s0.monthly[0] == pytest.approx(5)
    assert sum(s0.monthly[1:]) == pytest.approx(0)


def test_existing_pipeline_is_credited() -> None:
    """20 open units at s1 (converting at 0.5, no delay) win 10 deals in January worth
    100k; January's 100k target is met and needs no new units. The other 11 months need
    10 wins each: 20 at s1 and 100 at s0 per month."""
    p = plan(chain([0.2, 0.5]), existing={"s1": 20}, continuation="none")
    r = compute(p)
    assert r.pipeline_wins == pytest.approx(10)
    assert r.pipeline_monthly[0] == pytest.approx(100_000)
    assert r.stage("s0").monthly == pytest.approx([0.0] + [100.0] * 11)
    assert r.stage("s2").volume == pytest.approx(110)
    assert r.wins == pytest.approx(120)


def test_short_horizon_is_repeated_then_grown() -> None:
    """A 3-month plan with 20% growth: months 3..11 repeat months 0..2, month 12 onwards is
    the same month a year earlier times 1.2. Visible through a 12-month lag: the entries of
    month m serve month m + 12, so they are 1.2 times month m's wins."""
    stages = chain([1.0], days=[12 * DAYS_PER_MONTH])
    p = plan(stages, revenue=300_000, months=3, growth=0.2,
             monthly_revenue=[50_000, 100_000, 150_000])
    s0 = compute(p).stage("s0")
    assert s0.monthly == pytest.approx([6.0, 12.0, 18.0])
    assert s0.pre_plan == pytest.approx(30)


def test_rounding_that_misses_the_target_is_warned() -> None:
    """7,500,000 at 85,000 a deal is 88.24 deals; nearest rounds to 88, which delivers
    7,480,000."""
    p = plan(chain([0.5]), revenue=7_500_000, deal=85_000, months=1, rounding="nearest",
             continuation="none")
    r = compute(p)
    assert r.stages[-1].rounded == 88
    codes = [w.code for w in r.warnings]
    assert "rounding_short" in codes
    message = next(w.message for w in r.warnings if w.code == "rounding_short")
    assert "7,480,000" in message
    assert "7,500,000" in message
    ceil = compute(plan(chain([0.5]), revenue=7_500_000, deal=85_000, months=1,
                        continuation="none"))
    assert ceil.stages[-1].rounded == 89
    assert "rounding_short" not in [w.code for w in ceil.warnings]


def test_pre_plan_is_warned_in_words() -> None:
    stages = chain([0.5], days=[DAYS_PER_MONTH])
    r = compute(plan(stages))
    warning = next(w for w in r.warnings if w.code == "pre_plan")
    assert "January 2027" in warning.message
    assert "20 Stage 0" in warning.message


def test_low_conversion_is_warned() -> None:
    r = compute(plan(chain([0.005, 0.5]), months=1, continuation="none"))
    warning = next(w for w in r.warnings if w.code == "absurd_conversion")
    assert warning.subject == "s0"
    assert "0.5%" in warning.message


def test_source_that_cannot_deliver_in_the_plan_is_warned() -> None:
    """Inbound leads take eight months to reach s1; partners enter at s1 and close at
    once. In a six-month plan all inbound leads must exist before the plan starts."""
    sources = [
        Source(id="inbound", name="Inbound", enters="s0", share=0.5),
        Source(id="partner", name="Partners", enters="s1", share=0.5),
    ]
    stages = chain([0.5, 0.5], days=[8 * DAYS_PER_MONTH, 0])
    r = compute(plan(stages, months=6, revenue=600_000, sources=sources, continuation="none"))
    unmet = [w for w in r.warnings if w.code == "source_share_unmet"]
    assert [w.subject for w in unmet] == ["sources.inbound"]
    assert "Inbound" in unmet[0].message
    assert "100%" in unmet[0].message
    assert r.source("inbound").pre_plan == pytest.approx(r.source("inbound").new)


def test_forward_returns_wins_and_revenue() -> None:
    """100 units entering s0 in January, converting 0.5 then 0.4, one month each: 20 wins
    in March worth 10k each."""
    p = plan(chain([0.5, 0.4], days=[DAYS_PER_MONTH, DAYS_PER_MONTH]))
    f = forward(p, "s0", [100.0])
    assert f.wins[2] == pytest.approx(20)
    assert sum(f.wins) == pytest.approx(20)
    assert f.revenue[2] == pytest.approx(200_000)


def test_ceil_of_a_large_volume_still_rounds_up() -> None:
    """9,876,543 at 10,000 a deal is 987.6543 wins; one stage converting at 1/8 of 1/...:
    a volume of about 207 million with 0.055 over a whole number must round up."""
    from alignplanner.domain.engine.rounding import ceil

    assert ceil(207_126_119.05536002) == 207_126_120
    assert ceil(133.00000000001) == 133
