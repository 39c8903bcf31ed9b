"""The lag machinery's shortcuts against the general method they replace (hypothesis).

`chain._extra_lag_density` solves only the recycle targets at the roots of unity and
builds every other stage's row from them by shifts in time; the general method solves
the whole chain at every root and inverts every row. `chain.solve.many` solves a plan's
chains together; each must come out as it does alone. Both must agree to 1e-12.

At the roots, the targets' H comes from Gaussian elimination without pivoting
(`targets.at_roots`): it agrees with LAPACK's solve to 1e-12 of the chain's largest
H_t(1), on chains with recycle shares up to 1 and conversions down to 1e-6 too. Month
bins are summed by runs of ticks; a bincount over every point is kept here to pin them.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain.engine import chain as lags
from alignplanner.domain.engine import recycle_targets as targets
from alignplanner.domain.engine.chain import ChainSpec, solve
from alignplanner.domain.engine.compute import chain_spec
from alignplanner.domain.plan.funnel import Source

days = st.one_of(st.integers(min_value=0, max_value=90).map(float),
                 st.sampled_from([7.5, 15.25, DAYS_PER_MONTH, 45.5]))


@st.composite
def looped_specs(draw: st.DrawFn) -> ChainSpec:
    k = draw(st.integers(min_value=1, max_value=6))
    convs = draw(st.lists(st.floats(min_value=0.1, max_value=1.0), min_size=k, max_size=k))
    stage_days = draw(st.lists(days, min_size=k, max_size=k))
    recycles = {}
    for i in range(k):
        if draw(st.booleans()) or (i == k - 1 and not recycles):
            j = draw(st.integers(min_value=0, max_value=i))
            share = draw(st.floats(min_value=0.05, max_value=0.6))
            recycles[i] = (j, share, draw(st.sampled_from([0.0, 10.0, 30.0, 90.0, 120.5])))
    return chain_spec(plan(chain(convs, stage_days, recycles)))


def _general_density(spec: ChainSpec, costs: tuple[float, ...], den: int,
                     ticks: int) -> np.ndarray:
    """Every stage's H at every root of unity from the whole chain's linear system
    (H_i - c_i H_(i+1) - (1 - c_i) r_i z^cost_i H_(j_i) = 0, H_k = 1), every row inverted."""
    k = spec.size
    freqs = ticks // 2 + 1
    z_per_tick = np.exp(-2j * np.pi * np.arange(freqs) / ticks)
    system = np.zeros((freqs, k + 1, k + 1), dtype=complex)
    system[:, np.arange(k + 1), np.arange(k + 1)] = 1.0
    for i in range(k):
        system[:, i, i + 1] -= spec.conversion[i]
        j = spec.recycle_to[i]
        if j >= 0:
            share = (1 - spec.conversion[i]) * spec.recycle_share[i]
            system[:, i, j] -= share * z_per_tick ** round(costs[i] * den)
    rhs = np.zeros((freqs, k + 1, 1), dtype=complex)
    rhs[:, k] = 1.0
    values = np.linalg.solve(system, rhs)[..., 0].T  # (k + 1, freqs)
    density = np.fft.irfft(values, n=ticks, axis=1)
    density[np.abs(density) < 1e-15] = 0.0
    return np.clip(density, 0.0, None)


@settings(max_examples=60, deadline=None)
@given(looped_specs())
def test_target_shortcut_matches_the_whole_chain_solved_at_every_root(spec: ChainSpec) -> None:
    exact = lags.loop_costs(spec)
    den = lags._tick_denominator(exact)
    costs = tuple(round(c * den) / den for c in exact)
    loops = lags._loops([spec], costs)
    ((ticks, _),) = lags._grid_lengths(loops, den)
    fast = lags._extra_lag_density(loops, den, ticks)[0]
    general = _general_density(spec, costs, den, ticks)
    assert fast.shape[1] <= ticks
    padded = np.zeros_like(general)
    padded[:, : fast.shape[1]] = fast
    np.testing.assert_allclose(padded, general, rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(looped_specs(), st.lists(st.floats(min_value=0.1, max_value=1.0), min_size=1,
                                max_size=4))
def test_chains_solved_together_are_solved_as_alone(spec: ChainSpec,
                                                    rates: list[float]) -> None:
    # sources' overrides: the same loops, other conversions at the first stage
    specs = [spec, *(ChainSpec((r, *spec.conversion[1:]), spec.days, spec.recycle_to,
                               spec.recycle_share, spec.recycle_days) for r in rates)]
    solve.cache_clear()
    together = solve.many(specs)
    alone = []
    for one in specs:
        solve.cache_clear()
        alone.append(solve(one))
    for a, b in zip(together, alone, strict=True):
        assert a.lags.dist.shape == b.lags.dist.shape
        np.testing.assert_allclose(a.lags.dist, b.lags.dist, rtol=0, atol=1e-12)
        np.testing.assert_allclose(a.win_prob, b.win_prob, rtol=1e-12)
        assert a.lags.truncated == b.lags.truncated


def test_a_plan_with_sources_solves_each_distinct_chain_once() -> None:
    stages = chain([0.4, 0.5, 0.6], [10, 20, 30], {1: (0, 0.3, 60.0), 2: (2, 0.2, 15.0)})
    sources = [Source(id="a", enters="s0", share=0.5),
               Source(id="b", enters="s0", share=0.3, conversion_overrides={"s0": 0.2}),
               Source(id="c", enters="s1", share=0.2, conversion_overrides={"s1": 0.7})]
    p = plan(stages, sources=sources)
    specs = [chain_spec(p, s.conversion_overrides) for s in sources] + [chain_spec(p)]
    solve.cache_clear()
    first = solve.many(specs)
    assert first[0] is first[3]  # the base chain is source a's: solved once, shared
    assert [s.spec for s in first] == specs
    again = solve.many(specs)  # cached: the very same solutions
    assert all(x is y for x, y in zip(first, again, strict=True))


def test_a_batch_cut_into_small_steps_gives_the_same_lags(monkeypatch: pytest.MonkeyPatch) -> None:
    stages = chain([0.4, 0.5, 0.6, 0.7], [10, 20, 30, 5],
                   {1: (0, 0.3, 60.0), 2: (2, 0.2, 15.0), 3: (1, 0.4, 90.0)})
    base = chain_spec(plan(stages))
    specs = [base, *(ChainSpec((r, *base.conversion[1:]), base.days, base.recycle_to,
                               base.recycle_share, base.recycle_days) for r in (0.2, 0.9))]
    solve.cache_clear()
    whole = solve.many(specs)
    monkeypatch.setattr(lags, "BATCH_VALUES", 1)  # one chain and 64 roots per step
    monkeypatch.setattr(targets, "BATCH_VALUES", 1)
    solve.cache_clear()
    steps = solve.many(specs)
    solve.cache_clear()
    for a, b in zip(whole, steps, strict=True):
        assert a.lags.dist.shape == b.lags.dist.shape
        np.testing.assert_allclose(a.lags.dist, b.lags.dist, rtol=0, atol=1e-12)


# --- the targets' system at the roots of unity, chains near singular too ---

shares = st.one_of(st.floats(min_value=0.0, max_value=1.0),
                   st.sampled_from([0.9, 0.99, 0.999, 1.0]))
rates = st.one_of(st.floats(min_value=1e-3, max_value=1.0),
                  st.sampled_from([1e-6, 1e-4, 0.01, 0.99, 1.0]))


@st.composite
def adversarial_specs(draw: st.DrawFn, stages: int = 7, loops: float = 0.5) -> ChainSpec:
    """Looped chains with recycle shares up to 1 and conversions down to 1e-6 (near-singular
    I - Q, long tails), or with a loop at most stages (``loops`` near 1)."""
    k = draw(st.integers(min_value=1, max_value=stages))
    convs = draw(st.lists(rates, min_size=k, max_size=k))
    stage_days = draw(st.lists(days, min_size=k, max_size=k))
    recycles = {}
    for i in range(k):
        if draw(st.floats(min_value=0.0, max_value=1.0)) < loops or (i == k - 1 and not recycles):
            j = draw(st.integers(min_value=0, max_value=i))
            after = draw(st.sampled_from([0.0, 1.0, 10.0, 30.0, 90.0, 120.5, 0.25]))
            recycles[i] = (j, draw(shares), after)
    return chain_spec(plan(chain(convs, stage_days, recycles)))


def _batch(specs: list[ChainSpec]) -> tuple[targets.Loops, int, int]:
    exact = lags.loop_costs(specs[0])
    den = lags._tick_denominator(exact)
    loops = lags._loops(specs, tuple(round(c * den) / den for c in exact))
    ticks = max(t for t, _ in lags._grid_lengths(loops, den))
    return loops, den, min(ticks, 1 << 15)  # a shorter grid shows the same rounding


@settings(max_examples=80, deadline=None)
@given(st.one_of(looped_specs(), adversarial_specs()), st.lists(rates, max_size=3))
def test_elimination_at_the_roots_is_lapacks_solve(spec: ChainSpec,
                                                   other: list[float]) -> None:
    # elimination without pivoting against LAPACK's with pivoting, at every root, for a
    # plan's chains (sources' overrides at the first stage), near-singular ones too
    specs = [spec, *(ChainSpec((r, *spec.conversion[1:]), spec.days, spec.recycle_to,
                               spec.recycle_share, spec.recycle_days) for r in other)]
    loops, den, ticks = _batch(specs)
    fast = targets.at_roots(loops, den, ticks)
    freqs = ticks // 2 + 1
    shifts = np.exp(np.outer(loops.costs, -2j * np.pi * den * np.arange(freqs) / ticks))
    system, rhs = targets.target_system(loops, shifts)
    general = np.linalg.solve(np.moveaxis(system, 3, 1), np.moveaxis(rhs, 2, 1)[..., None])
    general = np.moveaxis(general[..., 0], 1, 2)
    # per chain the largest H_t(1): the largest |H_t| on the circle, the scale of rounding
    scale = np.abs(general[:, :, :1]).max(axis=1, keepdims=True)
    assert np.all(np.abs(fast - general) <= 1e-12 * scale + 1e-300)


def test_roots_in_small_steps_are_the_roots_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loops, den, ticks = _batch([chain_spec(plan(chain(
        [0.3, 0.001, 0.6], [10, 20, 5], {1: (1, 0.999, 30.0), 2: (0, 0.2, 15.0)})))])
    whole = targets.at_roots(loops, den, ticks)
    monkeypatch.setattr(targets, "ROOTS_STEP", 1)  # 16 roots a step
    np.testing.assert_array_equal(targets.at_roots(loops, den, ticks), whole)


# --- month bins by runs of ticks, against one bincount over every point ---

def _bins_by_bincount(layout: lags._Layout, weights: np.ndarray) -> list[np.ndarray]:
    """The former `_bin_points`: every (chain, row, tick) scattered to its two months."""
    length = weights.shape[2]
    lower, frac, span = layout.lower[:, :length], layout.frac[:, :length], layout.span
    chains, rows = weights.shape[0], lower.shape[0]
    flat = (np.arange(chains * rows)[:, None] * span + np.tile(lower, (chains, 1))).ravel()
    size = chains * rows * span
    below = np.bincount(flat, (weights * (1.0 - frac)).ravel(), minlength=size)[:size]
    above = np.bincount(flat + 1, (weights * frac).ravel(), minlength=size)
    out = below.reshape(chains, rows, span) + above[:size].reshape(chains, rows, span)
    results = []
    for dist in out:
        totals = dist.sum(axis=1, keepdims=True)
        totals[totals == 0.0] = 1.0
        result = dist / totals
        nonzero = np.nonzero(result.any(axis=0))[0]
        results.append(result[:, : int(nonzero[-1]) + 1 if len(nonzero) else 1])
    return results


@settings(max_examples=60, deadline=None)
@given(st.lists(days, min_size=1, max_size=6), st.sampled_from([1, 2, 4, 16, 100]),
       st.integers(min_value=4, max_value=12), st.integers(min_value=1, max_value=3),
       st.data())
def test_bins_by_runs_match_one_bincount(stage_days: list[float], den: int, log_ticks: int,
                                         chains: int, data: st.DataObject) -> None:
    ticks = 1 << log_ticks
    direct = tuple(np.append(np.cumsum(stage_days[::-1])[::-1], 0.0))
    layout = lags._layout(direct, den, ticks)
    length = data.draw(st.integers(min_value=1, max_value=ticks))
    rng = np.random.default_rng(data.draw(st.integers(min_value=0, max_value=2**32 - 1)))
    weights = rng.random((chains, len(direct), length))
    weights[rng.random(weights.shape) < 0.5] = 0.0  # empty ticks, months and rows too
    if data.draw(st.booleans()):
        weights[:, -1] = 0.0
    by_runs = lags._bin_points(layout, weights.copy())  # it overwrites its weights
    for a, b in zip(by_runs, _bins_by_bincount(layout, weights), strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(adversarial_specs(), st.lists(rates, min_size=1, max_size=3))
def test_one_batched_inverse_is_each_chains_inverse(spec: ChainSpec,
                                                    other: list[float]) -> None:
    specs = [spec, *(ChainSpec((*spec.conversion[:-1], r), spec.days, spec.recycle_to,
                               spec.recycle_share, spec.recycle_days) for r in other)]
    unused = lags.Lags(np.ones((1, 1)), truncated=False)
    for one, solved in zip(specs, lags._solved(specs, [unused] * len(specs)), strict=True):
        k = one.size
        fundamental = np.linalg.inv(np.eye(k) - _transition_matrix(one))
        to_won = np.zeros(k)
        to_won[k - 1] = one.conversion[k - 1]
        np.testing.assert_allclose(solved.win_prob, np.append(fundamental @ to_won, 1.0),
                                   rtol=1e-15, atol=0)
        np.testing.assert_allclose(solved.entries[:, :k], fundamental, rtol=1e-15, atol=0)


def _transition_matrix(spec: ChainSpec) -> np.ndarray:
    """Q restricted to the transient stages, as funnel-math section 1 defines it."""
    k = spec.size
    q = np.zeros((k, k))
    for i in range(k):
        if i + 1 < k:
            q[i, i + 1] += spec.conversion[i]
        if spec.recycle_to[i] >= 0:
            q[i, spec.recycle_to[i]] += (1.0 - spec.conversion[i]) * spec.recycle_share[i]
    return q
