"""Invariants of the engine over generated plans (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain.engine.chain import ChainSpec, solve
from alignplanner.domain.engine.compute import chain_spec, compute, forward
from alignplanner.domain.engine.rounding import largest_remainder, noise
from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan

conversions = st.floats(min_value=0.05, max_value=1.0)
day_values = st.one_of(
    st.integers(min_value=0, max_value=120).map(float),
    st.sampled_from([7.5, 15.25, DAYS_PER_MONTH, 45.5, 3 * DAYS_PER_MONTH]),
)


@st.composite
def funnels(draw: st.DrawFn, recycle: bool = True) -> tuple:
    k = draw(st.integers(min_value=1, max_value=5))
    convs = draw(st.lists(conversions, min_size=k, max_size=k))
    days = draw(st.lists(day_values, min_size=k, max_size=k))
    recycles = {}
    if recycle:
        for i in range(k):
            if draw(st.booleans()):
                j = draw(st.integers(min_value=0, max_value=i))
                share = draw(st.floats(min_value=0.05, max_value=0.6))
                after = draw(st.sampled_from([0.0, 30.0, 60.0, 90.0, 182.5]))
                recycles[i] = (j, share, after)
    return chain(convs, days, recycles)


@st.composite
def plans(draw: st.DrawFn, continuation: str = "none", flat: bool = False,
          with_sources: bool = True, recycle: bool = True) -> Plan:
    stages = draw(funnels(recycle=recycle))
    months = draw(st.integers(min_value=1, max_value=24))
    weights = None
    if not flat and draw(st.booleans()):
        weights = draw(st.lists(st.floats(min_value=0.0, max_value=5.0), min_size=months,
                                max_size=months))
        assume(sum(weights) > 0.01)
    sources: list[Source] = []
    if with_sources and draw(st.booleans()):
        open_ids = [s.id for s in stages[:-1]]
        n = draw(st.integers(min_value=1, max_value=3))
        raw = draw(st.lists(st.integers(min_value=1, max_value=5), min_size=n, max_size=n))
        total = sum(raw)
        for i, part in enumerate(raw):
            sources.append(Source(
                id=f"src{i}", enters=draw(st.sampled_from(open_ids)),
                share=part / total if i < n - 1 else 1 - sum(r / total for r in raw[:-1]),
                average_deal_size=draw(st.sampled_from([None, 5_000.0, 25_000.0])),
            ))
    return plan(stages, months=months, weights=weights, continuation=continuation,
                sources=sources, revenue=draw(st.sampled_from([120_000, 1_000_000, 9_876_543])))


@given(plans(continuation="none"))
def test_without_continuation_pre_plan_and_months_make_the_volume(p: Plan) -> None:
    r = compute(p)
    for s in r.stages:
        assert s.pre_plan + math.fsum(s.monthly) == pytest.approx(s.volume, rel=1e-9, abs=1e-9)
        assert all(v >= 0 for v in s.monthly)


@given(plans(continuation="repeat", flat=True))
def test_flat_targets_with_continuation_are_in_steady_state(p: Plan) -> None:
    r = compute(p)
    for s in r.stages:
        assert math.fsum(s.monthly) == pytest.approx(s.volume, rel=1e-9, abs=1e-9)
        assert np.ptp(s.monthly) == pytest.approx(0, abs=1e-9 * max(1.0, s.volume))


@given(plans(continuation="repeat", flat=True, with_sources=False))
def test_forward_of_backward_gives_the_target_back_in_steady_state(p: Plan) -> None:
    r = compute(p)
    top = r.stages[0]
    span = solve(chain_spec(p)).lags.span
    per_month = top.monthly_new[0]
    f = forward(p, p.stages[0].id, [per_month] * (span + p.months), first_month=-span)
    wins_per_month = p.target.revenue / p.months / p.target.average_deal_size
    assert f.wins == pytest.approx([wins_per_month] * p.months, rel=1e-9)
    assert f.revenue == pytest.approx(list(r.target_monthly), rel=1e-9)


@given(plans(recycle=False, with_sources=False))
def test_without_recycling_volumes_are_the_classic_product(p: Plan) -> None:
    r = compute(p)
    wins = p.target.revenue / p.target.average_deal_size
    for i, s in enumerate(r.stages):
        product = math.prod(st.conversion or 1.0 for st in p.stages[i:-1])
        assert s.volume == pytest.approx(wins / product, rel=1e-9)
        assert s.new == pytest.approx(s.volume if i == 0 else 0.0, rel=1e-9)


@given(plans(), st.sampled_from(["ceil", "chained-ceil"]))
def test_ceil_modes_never_report_fewer_than_needed(p: Plan, mode: str) -> None:
    r = compute(p.with_changes(rounding=mode))
    assert r.wins_rounded >= r.wins - noise(r.wins)
    for s in r.stages:
        assert s.rounded >= s.volume - noise(s.volume)
        total = math.fsum(s.monthly)
        assert sum(s.monthly_rounded) >= total - noise(total)


@given(plans(), st.sampled_from(["ceil", "nearest", "chained-ceil", "chained-half-up"]))
def test_monthly_integers_are_largest_remainder(p: Plan, mode: str) -> None:
    r = compute(p.with_changes(rounding=mode))
    for s in r.stages:
        for exact, whole in zip(s.monthly, s.monthly_rounded, strict=True):
            floor = math.floor(exact + noise(exact))
            assert floor <= whole <= floor + 1


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=40),
       st.integers(min_value=0, max_value=40))
def test_largest_remainder_adds_up(values: list[float], extra: int) -> None:
    whole = [math.floor(v + noise(v)) for v in values]  # a value within noise of n counts as n
    total = sum(whole) + min(extra, len(values))
    out = largest_remainder(values, total)
    assert sum(out) == total
    assert all(w <= o <= w + 1 for w, o in zip(whole, out, strict=True))


# -- the lag distributions against an independent enumeration of paths -------------------

def _enumerate_lags(spec: ChainSpec, start: int, cut: float = 1e-14) -> dict[float, float]:
    """Winning paths from ``start``, one transition per wave, merging paths that reach the
    same stage with the same lag and dropping those below ``cut``."""
    k = spec.size
    out: dict[float, float] = {}
    wave = {(start, 0.0): 1.0}
    while wave:
        following: dict[tuple[int, float], float] = {}
        for (i, lag), prob in wave.items():
            if i == k:
                out[lag] = out.get(lag, 0.0) + prob
                continue
            if prob < cut:
                continue
            step = (i + 1, round(lag + spec.days[i], 9))
            following[step] = following.get(step, 0.0) + prob * spec.conversion[i]
            j = spec.recycle_to[i]
            if j >= 0:
                back = (j, round(lag + spec.recycle_days[i], 9))
                share = (1 - spec.conversion[i]) * spec.recycle_share[i]
                following[back] = following.get(back, 0.0) + prob * share
        wave = following
    return out


def _bin(lags: dict[float, float], span: int) -> np.ndarray:
    """Month-bin enumerated lags; long enough for the engine's span and every path (a
    path of negligible probability may lie beyond the engine's grid)."""
    longest = max((math.floor(lag / DAYS_PER_MONTH) for lag in lags), default=0)
    out = np.zeros(max(span, longest) + 2)
    for lag, prob in lags.items():
        x = lag / DAYS_PER_MONTH
        n = math.floor(x + 1e-12)
        frac = max(0.0, x - n) if x - n > 1e-12 else 0.0
        out[n] += prob * (1 - frac)
        out[n + 1] += prob * frac
    return out


@settings(max_examples=60)
@given(funnels())
def test_lag_distributions_match_path_enumeration(stages: tuple) -> None:
    spec = chain_spec(plan(stages))
    assume(max((1 - c) * r for c, r in zip(spec.conversion, spec.recycle_share, strict=True))
           <= 0.35)
    solved = solve(spec)
    for i in range(spec.size + 1):
        expected = _bin(_enumerate_lags(spec, i), solved.lags.span)
        total = expected.sum()
        assert total == pytest.approx(solved.win_prob[i], rel=1e-6)
        got = solved.lags.dist[i] * solved.win_prob[i]
        padded = np.zeros(len(expected))
        padded[: len(got)] = got
        assert padded == pytest.approx(expected, abs=1e-7)
        assert solved.lags.dist[i].sum() == pytest.approx(1.0, abs=1e-12)


@given(funnels())
def test_win_probabilities_solve_the_recursion(stages: tuple) -> None:
    spec = chain_spec(plan(stages))
    p = solve(spec).win_prob
    for i in range(spec.size):
        j = spec.recycle_to[i]
        recycled = (1 - spec.conversion[i]) * spec.recycle_share[i] * p[j] if j >= 0 else 0
        assert p[i] == pytest.approx(spec.conversion[i] * p[i + 1] + recycled, rel=1e-12)
