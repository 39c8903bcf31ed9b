"""The lag machinery's shortcuts against the general method they replace (hypothesis).

`chain._extra_lag_density` solves only the recycle targets at the roots of unity and
builds every other stage's row from them by shifts in time; the general method solves
the whole chain at every root and inverts every row. `chain.solve.many` solves a plan's
chains together; each must come out as it does alone. Both must agree to 1e-12.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain import chain as lags
from alignplanner.domain.chain import ChainSpec, solve
from alignplanner.domain.engine import chain_spec
from alignplanner.domain.model import Source

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
    solve.cache_clear()
    steps = solve.many(specs)
    solve.cache_clear()
    for a, b in zip(whole, steps, strict=True):
        assert a.lags.dist.shape == b.lags.dist.shape
        np.testing.assert_allclose(a.lags.dist, b.lags.dist, rtol=0, atol=1e-12)
