"""The lag grid's length from the geometric bound (`chain._grid_lengths`), hypothesis.

`chain.tail_bounds` claims U_i >= H_i(e^s) (the generating function of the extra lag of
winning paths from stage i, at a real point) wherever it calls a slope usable: checked
against H solved from the whole chain's own system there, which also must converge
(spectral radius below 1). That system is solved exactly, in fractions of its float
entries: H is a sum of nonnegative terms, but a float solve gives an H_i that is almost 0
(a win behind conversions of 1e-6 in series, 3e-20) only within rounding of the largest
(H_k = 1), and its sign is then rounding's (-2e-19 from LAPACK). A grid that is not
flagged truncated must hold the distribution: a longer one, forced, gives the same
month-binned lags.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan
from test_chain_fast_paths import adversarial_specs, looped_specs

from alignplanner.contract import reader
from alignplanner.domain.engine import chain as lags
from alignplanner.domain.engine import recycle_targets as targets
from alignplanner.domain.engine.chain import ChainSpec
from alignplanner.domain.engine.compute import chain_spec
from alignplanner.resources import scenario_path


def _loops(spec: ChainSpec) -> tuple[targets.Loops, int]:
    exact = lags.loop_costs(spec)
    den = lags._tick_denominator(exact)
    return lags._loops([spec], tuple(round(c * den) / den for c in exact)), den


def _grid(spec: ChainSpec) -> tuple[int, bool]:
    loops, den = _loops(spec)
    return lags._grid_lengths(loops, den)[0]


def _lags_on(spec: ChainSpec, ticks: int) -> np.ndarray:
    """The binned lags of ``spec`` computed on a grid of ``ticks``, forced."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lags, "_grid_lengths", lambda loops, den: [(ticks, False)])
        return lags._lags([spec])[0].dist


def _assert_same_lags(a: np.ndarray, b: np.ndarray) -> None:
    width = max(a.shape[1], b.shape[1])
    padded = np.zeros((2, a.shape[0], width))
    padded[0, :, : a.shape[1]] = a
    padded[1, :, : b.shape[1]] = b
    np.testing.assert_allclose(padded[0], padded[1], rtol=0, atol=1e-12)


def _whole_chain_at(spec: ChainSpec, costs: tuple[float, ...], s: float
                    ) -> tuple[list[Fraction], float]:
    """(H_i(e^s) for i = 0..k from the whole chain's system, written out from funnel-math
    section 1: H_i = c_i H_(i+1) + (1 - c_i) r_i e^(s cost_i) H_(j_i), H_k = 1, solved
    exactly from its float entries, or [] where it does not converge; the spectral radius
    of that system's B)."""
    k = spec.size
    b = np.zeros((k + 1, k + 1))
    for i in range(k):
        b[i, i + 1] = spec.conversion[i]
        if spec.recycle_to[i] >= 0:
            b[i, spec.recycle_to[i]] += ((1 - spec.conversion[i]) * spec.recycle_share[i]
                                         * np.exp(s * costs[i]))
    radius = float(np.abs(np.linalg.eigvals(b)).max())
    # row k of I - B is the identity's: H_k = 1, the won stage
    return (_solved_exactly(np.eye(k + 1) - b, k) if radius < 1.0 else []), radius


def _solved_exactly(a: np.ndarray, k: int) -> list[Fraction]:
    """x with a x = e_k, in exact fractions of a's floats: Gauss-Jordan elimination. a is
    I - B with B >= 0 of spectral radius below 1 (a nonsingular M-matrix), so every pivot
    is positive, and x = sum_n B^n e_k >= 0 exactly."""
    n = a.shape[0]
    rows = [[Fraction(float(v)) for v in a[r]] + [Fraction(int(r == k))] for r in range(n)]
    for p in range(n):
        pivot = rows[p]
        for r in range(n):
            if r != p and rows[r][p]:
                f = rows[r][p] / pivot[p]
                rows[r] = [x - f * y for x, y in zip(rows[r], pivot, strict=True)]
    return [rows[r][n] / rows[r][r] for r in range(n)]


# Found under the "dev" profile: H_0 is about 3e-20 (a win behind 1e-6 twice and 1e-3),
# and a float solve gave it as -2e-19, failing h >= 0; the bound held.
TINY_WIN = chain([0.5, 0.03125, 0.001953125, 1e-06, 1e-06, 0.001], [0.0] * 6,
                 {0: (0, 0.0, 0.0), 1: (0, 0.0, 0.0), 2: (0, 0.0, 0.0), 3: (0, 1.0, 0.0),
                  5: (0, 1.0, 1.0)})
# The same with the float solve's largest miss seen: H_2 about 3e-18 came out as -4.4e-16.
TINY_WIN_WORST = chain([1.0, 1e-06, 1e-06, 1e-06, 0.75], [0.0] * 5,
                       {0: (0, 0.0, 0.0), 1: (0, 0.75, 0.0), 2: (0, 0.0, 0.0),
                        4: (0, 1.0, 1.0)})


@settings(max_examples=80, deadline=None)
@given(st.one_of(looped_specs(), adversarial_specs()))
@example(chain_spec(plan(TINY_WIN)))
@example(chain_spec(plan(TINY_WIN_WORST)))
def test_the_bound_holds_wherever_it_is_used(spec: ChainSpec) -> None:
    loops, den = _loops(spec)
    if max(loops.costs) <= 0.0:
        return
    costs = tuple(round(c * den) / den for c in lags.loop_costs(spec))
    slopes = lags.SLOPES / max(loops.costs)
    bound, usable = lags.tail_bounds(loops, slopes)
    for s, u, ok in zip(slopes, bound[0], usable[0], strict=True):
        if not ok:
            continue
        h, radius = _whole_chain_at(spec, costs, float(s))
        assert radius < 1.0  # the series converges where the bound is used
        assert min(h) >= 0
        assert max(h) <= u * (1 + 1e-9), (s, float(max(h)), u)


def test_the_bound_is_used_on_every_sample_plan() -> None:
    """The realistic plans' chains get a grid from the bound, none cut."""
    for name in ("midmarket-saas", "smb-high-volume", "enterprise-outbound", "stress"):
        p = reader.load(scenario_path(name)).plan
        spec = chain_spec(p)
        if spec.has_loops:
            ticks, truncated = _grid(spec)
            assert not truncated, name
            assert ticks < lags.MAX_TICKS, name
            _assert_same_lags(_lags_on(spec, ticks), _lags_on(spec, 4 * ticks))


def test_a_sure_loop_gets_the_whole_grid_flagged() -> None:
    # a stage that almost never converts and recycles every unit to itself: the bound
    # holds nowhere that a grid could use, so the grid is the largest and flagged
    spec = chain_spec(plan(chain([0.5, 1e-9], [10.0, 5.0], {1: (1, 1.0, 30.0)})))
    assert _grid(spec) == (lags.MAX_TICKS, True)
    assert lags.solve(spec).lags.truncated


# Found by a search over random adversarial chains (recycle shares near 1,
# conversions near 0, long recycle delays): a former bound chose 32,768 ticks here, not
# flagged, and the FFT aliased the tail (a grid 4x longer moved the binned lags by
# 0.003). Its series converges only at slopes too small for a short grid.
PINNED = chain([1e-4, 1e-3, 1e-6, 1e-3, 0.6022260714392141, 0.8457047130864958],
               [15.25, 77.0, 1.0, 4.0, 64.0, 19.0],
               {0: (0, 1.0, 30.0), 1: (0, 1.0, 0.0), 3: (0, 0.99, 90.0),
                4: (4, 0.9, 0.0), 5: (0, 0.7933849635056741, 30.0)})


def test_a_chain_with_a_long_tail_gets_a_grid_that_holds_its_lags() -> None:
    spec = chain_spec(plan(PINNED))
    ticks, truncated = _grid(spec)
    assert ticks > 32_768
    if truncated:
        assert ticks == lags.MAX_TICKS
    else:
        _assert_same_lags(_lags_on(spec, ticks), _lags_on(spec, 4 * ticks))


@settings(max_examples=30, deadline=None)
@given(st.one_of(looped_specs(), adversarial_specs()))
def test_a_grid_not_flagged_truncated_holds_the_lags(spec: ChainSpec) -> None:
    ticks, truncated = _grid(spec)
    if not truncated and ticks <= 1 << 16:
        _assert_same_lags(_lags_on(spec, ticks), _lags_on(spec, 4 * ticks))
