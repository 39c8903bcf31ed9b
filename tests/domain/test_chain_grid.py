"""The lag grid's length from Chernoff's bound (`chain._grid_lengths`), hypothesis.

The bound P(extra lag >= X) <= H(e^s) e^(-s X) holds only where the generating function
converges, i.e. where the spectral radius of the whole chain's B(e^s) is below 1. A grid
that is not flagged truncated must hold the distribution: a longer one, forced, gives
the same month-binned lags. The check of convergence (all pivots of an elimination
without pivoting positive) against the leading principal minors' determinants it
replaced, on matrices singular to within rounding too.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan
from test_chain_fast_paths import adversarial_specs, looped_specs

from alignplanner.domain.engine import chain as lags
from alignplanner.domain.engine import recycle_targets as targets
from alignplanner.domain.engine.chain import ChainSpec
from alignplanner.domain.engine.compute import chain_spec


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


def _spectral_radius(spec: ChainSpec, costs: tuple[float, ...], s: float) -> float:
    """Of the whole chain's B(e^s): B[i, i+1] = c_i, B[i, j_i] += (1 - c_i) r_i e^(s cost_i)."""
    k = spec.size
    b = np.zeros((k, k))
    for i in range(k):
        if i + 1 < k:
            b[i, i + 1] = spec.conversion[i]
        if spec.recycle_to[i] >= 0:
            b[i, spec.recycle_to[i]] += ((1 - spec.conversion[i]) * spec.recycle_share[i]
                                         * np.exp(s * costs[i]))
    return float(np.abs(np.linalg.eigvals(b)).max())


@settings(max_examples=40, deadline=None)
@given(adversarial_specs())
def test_the_targets_system_converges_exactly_where_the_whole_chain_does(
        spec: ChainSpec) -> None:
    # the targets' A(s) is the Schur complement of the whole chain's I - B(e^s)
    loops, den = _loops(spec)
    if max(loops.costs) <= 0.0:
        return
    costs = tuple(round(c * den) / den for c in lags.loop_costs(spec))
    slopes = lags.SLOPES / max(loops.costs)
    with np.errstate(all="ignore"):
        ok = lags._at_slopes(loops, slopes)[1][0]
    for s, converges in zip(slopes, ok, strict=True):
        rho = _spectral_radius(spec, costs, float(s))
        if abs(rho - 1.0) > 1e-9:  # at the radius itself either answer is rounding
            assert converges == (rho < 1.0), (s, rho)


# Found by a search over random adversarial chains (recycle shares near 1,
# conversions near 0, long recycle delays): past the radius of convergence the targets'
# solve returns a finite, positive H at the larger slopes, which the former check
# (finite, positive, below 1e150) accepted: it chose 32,768 ticks, not flagged, and the
# FFT aliased the tail (a grid 4x longer moved the binned lags by 0.003). The series
# converges only at slopes too small for MAX_TICKS: now the whole grid, flagged.
PINNED = chain([1e-4, 1e-3, 1e-6, 1e-3, 0.6022260714392141, 0.8457047130864958],
               [15.25, 77.0, 1.0, 4.0, 64.0, 19.0],
               {0: (0, 1.0, 30.0), 1: (0, 1.0, 0.0), 3: (0, 0.99, 90.0),
                4: (4, 0.9, 0.0), 5: (0, 0.7933849635056741, 30.0)})


def test_a_chain_past_its_radius_gets_a_grid_that_holds_its_lags() -> None:
    spec = chain_spec(plan(PINNED))
    loops, den = _loops(spec)
    costs = tuple(round(c * den) / den for c in lags.loop_costs(spec))
    slopes = lags.SLOPES / max(loops.costs)
    with np.errstate(all="ignore"):
        h = lags._at_slopes(loops, slopes)[0][0]
    finite = np.all(np.isfinite(h) & (h > 0.0) & (h < 1e150), axis=0)
    radii = np.array([_spectral_radius(spec, costs, float(s)) for s in slopes])
    assert np.any(finite & (radii > 1.0))  # what the former check let through
    np.testing.assert_array_equal(lags._at_slopes(loops, slopes)[1][0], radii < 1.0)

    ticks, truncated = _grid(spec)
    assert ticks > 32_768
    if truncated:
        assert ticks == lags.MAX_TICKS
    else:
        _assert_same_lags(_lags_on(spec, ticks), _lags_on(spec, 4 * ticks))


@settings(max_examples=30, deadline=None)
@given(looped_specs())
def test_a_grid_not_flagged_truncated_holds_the_lags(spec: ChainSpec) -> None:
    ticks, truncated = _grid(spec)
    if not truncated:
        _assert_same_lags(_lags_on(spec, ticks), _lags_on(spec, 4 * ticks))


def _by_determinants(matrices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(every leading principal minor positive, some minor zero to within rounding) of
    (count, m, m) matrices, by one determinant per size (the former check)."""
    count, m = matrices.shape[:2]
    ok = np.ones(count, dtype=bool)
    near_zero = np.zeros(count, dtype=bool)
    for p in range(1, m + 1):
        block = matrices[:, :p, :p]
        minor = np.linalg.det(block)
        scale = np.prod(np.linalg.norm(block, axis=2), axis=1)  # Hadamard: |minor| <= it
        ok &= minor > 0.0
        near_zero |= np.abs(minor) <= 1e-9 * scale
    return ok, near_zero


def _pivots_agree_with_determinants(matrices: np.ndarray) -> int:
    """`targets.positive_pivots` against the determinants on (count, m, m) matrices:
    the same answer wherever no minor is zero to within rounding; how many had one."""
    expected, near_zero = _by_determinants(matrices)
    got = targets.positive_pivots(np.moveaxis(matrices, 0, -1)[None])[0]
    np.testing.assert_array_equal(got[~near_zero], expected[~near_zero])
    return int(near_zero.sum())


def _z_matrices(rng: np.random.Generator, count: int, m: int) -> np.ndarray:
    """I - B with B >= 0 (some entries 0), scaled to a spectral radius at, near, or on
    either side of 1, where A is a nonsingular M-matrix or only just not one, and
    shifted matrices of no sign pattern."""
    b = rng.uniform(0, 1, (count, m, m)) * (rng.uniform(0, 1, (count, m, m)) < 0.6)
    radius = np.abs(np.linalg.eigvals(b)).max(axis=1)
    radius[radius == 0.0] = 1.0
    goal = rng.choice([0.3, 0.9, 0.999, 1 - 1e-9, 1 - 1e-15, 1.0, 1 + 1e-15, 1 + 1e-9, 1.2, 3.0],
                      count)
    a = np.eye(m) - b * (goal / radius)[:, None, None]
    general = rng.uniform(0, 1, count) < 0.2
    a[general] += rng.normal(0, 1, (int(general.sum()), m, m))
    return a


def test_the_pivots_check_is_the_determinants_check() -> None:
    """All pivots of elimination without pivoting positive iff all leading principal
    minors are (`targets.positive_pivots`, the convergence check of `_grid_lengths`):
    30,000 matrices at random (seeded), many singular to within rounding. Where a
    minor is zero to within rounding the two may differ (either answer is safe there,
    see `_grid_lengths`); everywhere else they agree."""
    rng = np.random.default_rng(2024)
    near = 0
    for m in range(1, 7):
        near += _pivots_agree_with_determinants(_z_matrices(rng, 5_000, m))
    assert near > 1_000  # the edge is reached, many times


def test_the_pivots_check_on_exactly_singular_minors() -> None:
    """Minors that are exactly 0 in floating point: both checks say no."""
    cases = np.array([
        [[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],  # D_2 = 0
        [[0.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],  # D_1 = 0
        [[1.0, -0.5, -0.5], [-0.5, 1.0, -0.5], [-0.5, -0.5, 1.0]],  # D_3 = 0, rows sum to 0
        [[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]],  # all positive
    ])
    got = targets.positive_pivots(np.moveaxis(cases, 0, -1)[None])[0]
    expected, _ = _by_determinants(cases)
    np.testing.assert_array_equal(got, [False, False, False, True])
    np.testing.assert_array_equal(got, expected)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_the_pivots_check_is_the_determinants_check_hypothesis(m: int, seed: int) -> None:
    _pivots_agree_with_determinants(_z_matrices(np.random.default_rng(seed), 8, m))
