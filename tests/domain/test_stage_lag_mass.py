"""A stage's lag as monthly mass (a calibrated lag): the engine spreads the entries over
the months the mass says, on the direct path, in place of the stage's days."""

from __future__ import annotations

from dataclasses import replace

import pytest
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Stage, lag_mean_days
from alignplanner.domain.problems import PlanInvalid


def _january_only(stages: tuple[Stage, ...]):  # type: ignore[no-untyped-def]
    return plan(stages, revenue=100_000, monthly_revenue=[100_000] + [0] * 11,
                continuation="none")


def test_a_mass_of_one_month_is_a_lag_of_one_month() -> None:
    by_days = compute(plan(chain([0.5], days=[DAYS_PER_MONTH]), continuation="none"))
    stages = chain([0.5], days=[0.0])
    stages = (replace(stages[0], lag=(0.0, 1.0)), stages[1])
    by_mass = compute(plan(stages, continuation="none"))
    assert by_mass.stage("s0").monthly == pytest.approx(by_days.stage("s0").monthly)
    assert by_mass.stage("s0").pre_plan == pytest.approx(20)


def test_january_wins_come_from_entries_spread_as_the_mass_says() -> None:
    """10 wins in January only, s0 -> s1 at 100%: a mass of 20% in month 0, 50% in
    month 1 and 30% in month 2 asks 2 entries in January, 5 in December and 3 in
    November (both pre-plan): 8 pre-plan."""
    stages = chain([1.0], days=[40.0])
    stages = (replace(stages[0], lag=(0.2, 0.5, 0.3)), stages[1])
    s0 = compute(_january_only(stages)).stage("s0")
    assert s0.monthly[0] == pytest.approx(2)
    assert s0.pre_plan == pytest.approx(8)


def test_the_mass_convolves_with_the_days_of_the_stages_below() -> None:
    """s0 with mass [0.5, 0.5] then s1 one whole month by days: the lag from s0 is one
    or two months, half each: January's 10 wins ask 5 entries in December and 5 in
    November at s0 (c = 1); s1 gets its 10 in December."""
    stages = chain([1.0, 1.0], days=[0.0, DAYS_PER_MONTH])
    stages = (replace(stages[0], lag=(0.5, 0.5)), *stages[1:])
    r = compute(_january_only(stages))
    assert r.stage("s0").pre_plan == pytest.approx(10)
    assert sum(r.stage("s0").monthly) == pytest.approx(0)
    assert r.stage("s1").pre_plan == pytest.approx(10)


def test_a_recycle_loop_still_works_with_a_mass() -> None:
    stages = chain([0.5, 0.5], days=[10.0, 20.0], recycles={1: (0, 0.5, 30.0)})
    with_mass = (replace(stages[0], lag=(0.6, 0.4)), *stages[1:])
    r = compute(plan(with_mass))
    assert r.stage("s0").volume == pytest.approx(compute(plan(stages)).stage("s0").volume)


def test_bad_masses_name_the_field() -> None:
    with pytest.raises(PlanInvalid, match="add up to 1"):
        Stage(id="a", name="A", conversion=0.5, days=1.0, lag=(0.5, 0.4))
    with pytest.raises(PlanInvalid) as caught:
        Stage(id="a", name="A", conversion=0.5, days=1.0, lag=(1.5, -0.5))
    assert ("lag", 0) in [p.path for p in caught.value.problems]


def test_mean_days_of_a_mass() -> None:
    assert lag_mean_days((0.0, 0.5, 0.5)) == pytest.approx(1.5 * 365.25 / 12)


def test_days_typed_by_hand_replace_a_calibrated_lag() -> None:
    from alignplanner.domain.edits.stages import set_stage

    stages = chain([0.5], days=[45.0])
    p = plan((replace(stages[0], lag=(0.2, 0.5, 0.3)), stages[1]))
    assert set_stage(p, 0, days=10.0).stages[0].lag is None
    assert set_stage(p, 0, conversion=0.4).stages[0].lag == (0.2, 0.5, 0.3)
    assert set_stage(p, 0, days=45.0).stages[0].lag == (0.2, 0.5, 0.3)  # unchanged days
