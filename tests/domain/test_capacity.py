"""Roles and monthly capacity: validation, published ramped-rep-equivalent examples, and
hand-checked examples with attrition.

Published facts used here (inputs and the outputs each source printed):
- The SLA design brief ("SLA design and capacity"), how it is checked: 15 ramped reps at 100% plus 3
  ramping at 60% is 16.8 ramped-rep equivalents; a hire ramping 0/25/50% contributes
  nothing, then a quarter, then half (then, after the ramp, a full rep).
- "RRE (Ramped Rep Equivalent)", metrics glossary at wiki.himodus.com: 5 reps at 25%,
  3 at 60%, 2 at 85% and 15 fully ramped are 19.75 RREs from 25 people.
- Aptology, "Do you know what ramp is really costing you?": a hire on a $1M annual quota,
  30% productive for the first 3 months and 70% for the next 3, then 100%, closes $750k in
  its first year.
"""

from __future__ import annotations

import math
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.team.capacity import CapacityResult, capacity_plan
from alignplanner.domain.team.role import Role, effective_reps


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def sdr(**changes: object) -> Role:
    """The [[roles]] example of the SLA design brief."""
    values: dict[str, object] = {
        "id": "sdr", "works": "mql", "per_rep_per_month": 180, "handle_minutes": 12,
        "headcount": 4, "ramp": (0.25, 0.5, 0.75), "hires": (0, 0, 2), "attrition": 0.02,
    }
    values.update(changes)
    return Role(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- validation


def test_the_issue_example_role_is_valid() -> None:
    role = sdr()
    assert role.per_rep == 180
    assert not role.is_quota_role
    assert role.full_after == 3


def test_lists_become_tuples() -> None:
    role = sdr(ramp=[0.5], hires=[1, 2])
    assert role.ramp == (0.5,)
    assert role.hires == (1, 2)
    assert hash(role) == hash(sdr(ramp=(0.5,), hires=(1, 2)))


@pytest.mark.parametrize(("changes", "where"), [
    ({"per_rep_per_month": None}, "per_rep_per_month"),
    ({"quota_per_month": 50_000}, "quota_per_month"),
])
def test_exactly_one_throughput(changes: dict[str, object], where: str) -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(**changes)
    assert "exactly one" in problems(exc)[where]


def test_every_wrong_field_is_named_at_once() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(id="SDR team", works="", per_rep_per_month=0, handle_minutes=-1, headcount=-2,
            ramp=(0.5, 1.5), hires=(1, -1), attrition=1.0)
    assert set(problems(exc)) == {
        "id", "works", "per_rep_per_month", "handle_minutes", "headcount", "ramp[1]",
        "hires[1]", "attrition",
    }


@pytest.mark.parametrize("value", [-0.01, 1.0, 1.5, float("nan"), True, "2%"])
def test_attrition_is_a_share_below_one(value: object) -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(attrition=value)
    assert "attrition" in problems(exc)


def test_attainment_belongs_to_quota_roles() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(attainment=0.8)
    assert "quota roles" in problems(exc)["attainment"]
    ae = Role(id="ae", works="sql", quota_per_month=60_000, attainment=0.8, headcount=5)
    assert ae.per_rep == pytest.approx(48_000)
    with pytest.raises(PlanInvalid) as exc:
        Role(id="ae", works="sql", quota_per_month=60_000, attainment=0, headcount=5)
    assert "attainment" in problems(exc)


def test_series_must_be_lists_within_the_horizon_limit() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(ramp="fast", hires=(0,) * 121)
    assert set(problems(exc)) == {"ramp", "hires"}


def test_required_volume_must_be_finite_and_not_negative() -> None:
    for bad in (-1.0, math.inf, math.nan):
        with pytest.raises(ValueError, match="month 1"):
            capacity_plan(sdr(), [100.0, bad])


# ----------------------------------------------------------- published RRE examples


def test_fifteen_ramped_and_three_at_sixty_percent_is_16_8() -> None:
    # Three reps hired a month before the plan are at 60% in plan month 0; modelled as
    # three hires in month 0 with a first-month factor of 0.6.
    role = Role(id="ae", works="sql", per_rep_per_month=1, headcount=15, ramp=(0.6,),
                hires=(3,))
    _, rre = effective_reps(role, 1)
    assert rre[0] == pytest.approx(16.8)


def test_glossary_team_of_25_is_19_75_rres() -> None:
    # Read in plan month 2: the 2 hired in month 0 are in their third month (85%), the 3
    # hired in month 1 in their second (60%), the 5 hired in month 2 in their first (25%).
    role = Role(id="ae", works="sql", per_rep_per_month=1, headcount=15,
                ramp=(0.25, 0.60, 0.85), hires=(2, 3, 5))
    heads, rre = effective_reps(role, 4)
    assert heads[2] == 25
    assert rre[2] == pytest.approx(19.75)
    assert rre[3] == pytest.approx(15 + 2 * 1.0 + 3 * 0.85 + 5 * 0.60)


def test_a_hire_ramping_0_25_50_percent() -> None:
    role = Role(id="sdr", works="mql", per_rep_per_month=100, headcount=0,
                ramp=(0.0, 0.25, 0.5), hires=(1,))
    result = capacity_plan(role, [0, 0, 0, 0, 0])
    # Exact: without attrition every factor is 1.0 or a ramp share that binary holds exactly.
    assert result.effective_reps == (0.0, 0.25, 0.5, 1.0, 1.0)
    assert result.capacity == (0.0, 25.0, 50.0, 100.0, 100.0)
    assert result.headcount == (1.0,) * 5


def test_a_quota_hire_closes_750k_in_its_first_year() -> None:
    role = Role(id="ae", works="sql", quota_per_month=1_000_000 / 12, headcount=0,
                ramp=(0.3, 0.3, 0.3, 0.7, 0.7, 0.7), hires=(1,))
    result = capacity_plan(role, [0.0] * 12)
    assert math.fsum(result.capacity) == pytest.approx(750_000)


# ---------------------------------------------------------- hand-checked examples


def test_issue_role_by_hand() -> None:
    """The issue's SDR role: 4 ramped reps, 2 hires in month 2 ramping 25/50/75%, 2%
    monthly attrition, 180 MQLs per rep per month. By hand:

    month  starting 4 * 0.98^m   hires 2 * 0.98^(m-2) * ramp   effective
    0      4                     -                             4
    1      3.92                  -                             3.92
    2      3.8416                2 * 1 * 0.25 = 0.5            4.3416
    3      3.764768              2 * 0.98 * 0.5 = 0.98         4.744768
    4      3.68947264            2 * 0.9604 * 0.75 = 1.4406    5.13007264
    5      3.6156831872          2 * 0.941192 * 1 = 1.882384   5.4980671872
    """
    required = [700.0, 700.0, 800.0, 900.0, 900.0, 1000.0]
    result = capacity_plan(sdr(), required)
    expected = [4, 3.92, 4.3416, 4.744768, 5.13007264, 5.4980671872]
    assert result.effective_reps == pytest.approx(expected, abs=1e-12)
    assert result.headcount == pytest.approx(
        [4, 3.92, 3.8416 + 2, 3.764768 + 1.96, 3.68947264 + 1.9208,
         3.6156831872 + 1.882384], abs=1e-12)
    assert result.capacity == pytest.approx([e * 180 for e in expected])
    assert result.required == tuple(required)
    assert result.reps_needed == pytest.approx([r / 180 for r in required])
    assert result.gap == pytest.approx([e * 180 - r for e, r in zip(expected, required,
                                                                     strict=True)])
    # 720 >= 700, 705.6 >= 700, 781.5 < 800, 854.1 < 900, 923.4 >= 900, 989.7 < 1000
    assert result.short_months == (2, 3, 5)
    # The ramp lasts 3 months: a hire must start by month m - 3 to be full in month m.
    assert result.hire_by == (None, None, -1, 0, None, 2)


def test_attrition_applies_to_new_hires_from_their_second_month() -> None:
    role = Role(id="sdr", works="mql", per_rep_per_month=10, headcount=10, attrition=0.1,
                hires=(0, 5))
    result = capacity_plan(role, [0.0] * 3)
    # month 0: 10; month 1: 9 + 5 (hires count in full in their first month);
    # month 2: 8.1 + 4.5
    assert result.effective_reps == pytest.approx((10.0, 14.0, 12.6))
    # no ramp: heads are ramped reps, the same sums (a ramp factor of 1.0 changes no bit)
    assert result.headcount == result.effective_reps


def test_hire_by_ignores_trailing_full_ramp_entries() -> None:
    role = Role(id="ae", works="sql", per_rep_per_month=10, headcount=1,
                ramp=(0.5, 1.0, 1.0))
    assert role.full_after == 1
    assert capacity_plan(role, [20.0, 5.0]).hire_by == (-1, None)
    assert Role(id="ae", works="sql", per_rep_per_month=10, headcount=1).full_after == 0


def test_hires_beyond_the_horizon_are_ignored() -> None:
    role = sdr(hires=(0, 0, 0, 0, 0, 0, 0, 0, 9), attrition=0.0)
    result = capacity_plan(role, [100.0] * 4)
    assert result.effective_reps == (4.0,) * 4
    assert capacity_plan(role, []).effective_reps == ()


# ------------------------------------------------------------------------ properties

roles = st.builds(
    Role,
    id=st.just("r"),
    works=st.just("s"),
    per_rep_per_month=st.floats(1, 1000),
    headcount=st.floats(0, 50),
    ramp=st.lists(st.floats(0, 1), max_size=6).map(tuple),
    hires=st.lists(st.floats(0, 5), max_size=36).map(tuple),
    attrition=st.floats(0, 0.2),
)


def brute_force(role: Role, months: int) -> list[float]:
    """Rep by rep cohort, straight from the definition in funnel-math section 5."""
    out = []
    for m in range(months):
        total = role.headcount * (1 - role.attrition) ** m
        for h in range(min(m + 1, len(role.hires))):
            factor = role.ramp[m - h] if m - h < len(role.ramp) else 1.0
            total += role.hires[h] * (1 - role.attrition) ** (m - h) * factor
        out.append(total)
    return out


@given(roles, st.lists(st.floats(0, 1e5), max_size=36))
def test_capacity_plan_matches_the_definition(role: Role, required: list[float]) -> None:
    result = capacity_plan(role, required)
    n = len(required)
    assert result.effective_reps == pytest.approx(brute_force(role, n), rel=1e-12, abs=1e-9)
    for m in range(n):
        assert result.effective_reps[m] <= result.headcount[m] + 1e-9
        assert result.gap[m] == pytest.approx(result.capacity[m] - required[m])
        assert (result.hire_by[m] is None) == (result.gap[m] >= 0)
        if result.hire_by[m] is not None:
            assert result.hire_by[m] == m - role.full_after


@pytest.mark.parametrize(("changes", "where"), [
    ({"handle_minutes": 5e-324}, "handle_minutes"),
    ({"handle_minutes": 0.001}, "handle_minutes"),
    ({"per_rep_per_month": 1e-300}, "per_rep_per_month"),
    ({"per_rep_per_month": None, "quota_per_month": 0.5}, "quota_per_month"),
    ({"per_rep_per_month": None, "quota_per_month": 1000, "attainment": 1e-300},
     "attainment"),
])
def test_vanishing_rates_are_refused_before_they_divide(
    changes: dict[str, object], where: str
) -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(**changes)
    assert where in problems(exc)


def test_no_handle_time_is_allowed_for_roles_without_an_sla() -> None:
    assert sdr(handle_minutes=0).handle_minutes == 0


# ------------------------------------------- the cached team and the plain-floats path


def straightforward(role: Role, required: list[float]) -> CapacityResult:
    """The capacity plan as `capacity_plan` worked it out before it kept a role's team:
    every value checked one by one, the team's loops run again."""
    for m, r in enumerate(required):
        if isinstance(r, bool) or not isinstance(r, int | float) or not math.isfinite(r) \
                or r < 0:
            raise ValueError(f"required volume of month {m} must be a finite number >= 0, "
                             f"got {r!r}")
    per_rep = role.per_rep
    heads, effective = effective_reps(role, len(required))
    capacity = tuple(e * per_rep for e in effective)
    gap = tuple(cap - float(r) for cap, r in zip(capacity, required, strict=True))
    return CapacityResult(
        role=role.id, per_rep=per_rep, required=tuple(float(r) for r in required),
        headcount=heads, effective_reps=effective, capacity=capacity,
        reps_needed=tuple(float(r) / per_rep for r in required), gap=gap,
        hire_by=tuple(m - role.full_after if g < 0 else None for m, g in enumerate(gap)),
    )


# Bit for bit on purpose, not within a tolerance: the kept team and the plain-floats path do
# the very same Python float operations as the straightforward plan (no numpy, and the same
# libm in both), so no upgrade can part them; what the test guards is that keeping the team
# hands back exactly what working it out again gives, down to the sign of a zero, which a
# written plan file shows ("-0.0").
def bits(result: CapacityResult) -> list[object]:
    """Every value of ``result`` with its type, floats by their bits (-0.0 is not 0.0)."""
    def exact(x: object) -> object:
        return (type(x).__name__, x.hex() if isinstance(x, float) else x)
    return [(f.name, tuple(map(exact, v)) if isinstance(v, tuple) else exact(v))
            for f in fields(result) for v in [getattr(result, f.name)]]


zeros = st.sampled_from([0, 0.0, -0.0])
any_roles = st.builds(
    Role,
    id=st.just("r"),
    works=st.just("s"),
    per_rep_per_month=st.one_of(st.floats(1, 1000), st.integers(1, 1000)),
    headcount=st.one_of(st.floats(0, 50), st.integers(0, 50), zeros),
    ramp=st.lists(st.one_of(st.floats(0, 1), zeros, st.just(1)), max_size=6).map(tuple),
    hires=st.lists(st.one_of(st.floats(0, 5), st.integers(0, 5), zeros),
                   max_size=40).map(tuple),
    attrition=st.one_of(st.floats(0, 0.2), zeros),
)
quota_roles = st.builds(
    Role, id=st.just("ae"), works=st.just("s"),
    quota_per_month=st.one_of(st.floats(1, 1e6), st.integers(1, 10**6)),
    attainment=st.one_of(st.floats(0.1, 2), st.just(1)),
    headcount=st.one_of(st.floats(0, 50), zeros), hires=st.just((0, 2, -0.0, 1.5)),
    ramp=st.just((0, 0.5)),
)
volumes = st.lists(st.one_of(st.floats(0, 1e7), zeros, st.integers(0, 10**6)), max_size=40)


@given(st.one_of(any_roles, quota_roles), volumes, st.integers(1, 3))
def test_the_fast_capacity_plan_is_the_straightforward_one(role: Role, required: list[float],
                                                           again: int) -> None:
    """To the last bit and type, the first time and when the role's team is kept; for
    the engine's plain floats and for any other numbers."""
    expected = bits(straightforward(role, required))
    for _ in range(again):
        assert bits(capacity_plan(role, required)) == expected
        assert bits(capacity_plan(role, tuple(map(float, required)))) == bits(
            straightforward(role, [float(r) for r in required]))


def test_equal_roles_keep_their_own_teams() -> None:
    """A headcount of -0.0 equals 0.0, but its reps are -0.0: kept by role object, the
    team of one is never handed to the other."""
    plus, minus = sdr(headcount=0.0, hires=()), sdr(headcount=-0.0, hires=())
    assert plus == minus
    assert math.copysign(1.0, capacity_plan(plus, [1.0]).effective_reps[0]) == 1.0
    assert math.copysign(1.0, capacity_plan(minus, [1.0]).effective_reps[0]) == -1.0
    assert capacity_plan(sdr(), [1.0] * 3).capacity == capacity_plan(sdr(), [1.0] * 3).capacity


def test_a_bad_value_among_plain_floats_is_still_named() -> None:
    with pytest.raises(ValueError, match=r"month 2 .* got inf"):
        capacity_plan(sdr(), [1.0, 2.0, math.inf])
    with pytest.raises(ValueError, match=r"month 0 .* got True"):
        capacity_plan(sdr(), [True, 2.0])
