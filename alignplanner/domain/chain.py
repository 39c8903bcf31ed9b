"""The funnel as an absorbing Markov chain, and the exact lag from each stage to a win.

Section 1 of funnel-math: transient states are the stages before the last; a unit at
stage i converts to i+1 with probability c_i (taking d_i days), and of the units that do
not, a share r_i re-enters stage j_i after D_i days (measured from the entry into stage i;
see docs/engine.md). P_i is the probability that a unit entering stage i is eventually
won; N = (I - Q)^-1 counts expected entries, re-entries included.

Section 3: the lag of a winning path is the sum of its transitions' days. The direct
lag L_i = d_i + ... + d_(k-1) is kept exact; what loops add is computed exactly through
generating functions on a grid of ticks (the coarsest fraction of a day that represents
every loop's cost exactly),
with loops summed until the probability left is below 1e-13, then turned into months
(30.4375 days) with fractional lags split linearly between the two neighbouring months.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

DAYS_PER_MONTH = 365.25 / 12
LOOP_TAIL = 1e-13  # probability mass left unexplored, below funnel-math's 1e-12
MAX_TICKS = 1 << 18  # beyond this the lag grid is cut and a warning is raised
TICK_DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 25, 32, 40, 48, 50, 64, 80, 96, 100)
FREQ_CHUNK = 8192

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ChainSpec:
    """Hashable description of one chain: per transient stage its conversion, days,
    recycle target index (-1 for none), recycle share and recycle days."""

    conversion: tuple[float, ...]
    days: tuple[float, ...]
    recycle_to: tuple[int, ...]
    recycle_share: tuple[float, ...]
    recycle_days: tuple[float, ...]

    @property
    def size(self) -> int:
        return len(self.conversion)

    @property
    def has_loops(self) -> bool:
        pairs = zip(self.recycle_to, self.recycle_share, strict=True)
        return any(j >= 0 and r > 0 for j, r in pairs)


@dataclass(frozen=True)
class Lags:
    """Month-binned lag distributions, conditional on winning.

    ``dist[i, n]`` is the probability that a win reached from an entry into stage i
    (i = 0..k, k being the won stage) comes n whole months after that entry. Each row
    sums to 1.
    """

    dist: FloatArray
    truncated: bool

    @property
    def span(self) -> int:
        return int(self.dist.shape[1])


@dataclass(frozen=True)
class Solved:
    """Everything the engine needs about one chain."""

    spec: ChainSpec
    win_prob: FloatArray  # P_i for i = 0..k (P_k = 1)
    entries: FloatArray  # N[e, m] for e in 0..k-1, m in 0..k (column k: wins = P_e)
    lags: Lags


def transition_matrix(spec: ChainSpec) -> FloatArray:
    """Q restricted to the transient stages."""
    k = spec.size
    q = np.zeros((k, k))
    for i in range(k):
        if i + 1 < k:
            q[i, i + 1] += spec.conversion[i]
        j = spec.recycle_to[i]
        if j >= 0:
            q[i, j] += (1.0 - spec.conversion[i]) * spec.recycle_share[i]
    return q


@lru_cache(maxsize=256)
def solve(spec: ChainSpec) -> Solved:
    k = spec.size
    q = transition_matrix(spec)
    fundamental = np.linalg.inv(np.eye(k) - q)
    to_won = np.zeros(k)
    to_won[k - 1] = spec.conversion[k - 1]
    p_transient = fundamental @ to_won
    win_prob = np.append(p_transient, 1.0)
    entries = np.hstack([fundamental, p_transient[:, None]])
    lags = _lags(spec, win_prob)
    return Solved(spec, win_prob, entries, lags)


def _lags(spec: ChainSpec, win_prob: FloatArray) -> Lags:
    direct = np.append(np.cumsum(np.asarray(spec.days)[::-1])[::-1], 0.0)  # L_i, L_k = 0
    if not spec.has_loops:
        return Lags(_bin_points(direct[:, None], np.ones((spec.size + 1, 1))), truncated=False)
    exact = loop_costs(spec)
    den = _tick_denominator(exact)
    costs = tuple(round(c * den) / den for c in exact)  # whole ticks (exact unless < 0.01 day)
    ticks, truncated = _grid_length(spec, costs, den)
    extra = _extra_lag_density(spec, costs, den, ticks)
    positions = direct[:, None] + np.arange(ticks, dtype=float)[None, :] / den
    return Lags(_bin_points(positions, extra), truncated=truncated)


def loop_costs(spec: ChainSpec) -> tuple[float, ...]:
    """Days a recycle at stage l adds to a winning path: D_l + d_j + ... + d_(l-1)
    (the recycle itself, then climbing back from j to l). 0 for stages without one."""
    return tuple(
        spec.recycle_days[i] + math.fsum(spec.days[spec.recycle_to[i] : i])
        if spec.recycle_to[i] >= 0
        else 0.0
        for i in range(spec.size)
    )


def _tick_denominator(costs: tuple[float, ...]) -> int:
    """The coarsest grid (1/den day) on which every loop cost is a whole number of ticks.
    Costs finer than 1/100 day fall back to that grid, rounded (documented)."""
    for den in TICK_DENOMINATORS:
        if all(abs(v * den - round(v * den)) < 1e-9 * max(1.0, v * den) for v in costs):
            return den
    return TICK_DENOMINATORS[-1]


def _grid_length(spec: ChainSpec, costs: tuple[float, ...], den: int) -> tuple[int, bool]:
    """Ticks that hold all but LOOP_TAIL of every extra-lag distribution.

    Chernoff's bound on the generating function: for any s > 0,
    P(extra lag >= X) <= H_i(e^s) e^(-s X). H at a real point is one small linear solve,
    so a handful of s values give a tight X for every stage at once.
    """
    max_cost = max(costs)
    if max_cost <= 0.0:
        return 16, False
    slopes = np.geomspace(1e-4, 2.0, 24) / max_cost  # s per day
    with np.errstate(all="ignore"):
        h = _extra_lag_transform(spec, costs, slopes.astype(complex)).real  # (k + 1, 24)
        usable = np.all(np.isfinite(h) & (h > 0.0) & (h < 1e150), axis=0)
        if not usable.any():  # beyond the radius of convergence everywhere
            return MAX_TICKS, True
        bounds = (np.log(h[:, usable].max(axis=0)) - math.log(LOOP_TAIL)) / slopes[usable]
    best = float(bounds.min())
    length = best * den + 2
    if not math.isfinite(length) or length > MAX_TICKS:
        return MAX_TICKS, True
    return 1 << max(4, math.ceil(math.log2(length))), False


ComplexArray = npt.NDArray[np.complex128]


def _extra_lag_transform(
    spec: ChainSpec, costs: tuple[float, ...], log_z: ComplexArray
) -> ComplexArray:
    """H_i(z) for i = 0..k at z = exp(log_z) (log_z per tick for the FFT, per day for
    the bound), with H_i = c_i H_(i+1) + (1 - c_i) r_i z^(cost_i) H_(j_i) and H_k = 1.

    Back-substitution from the won stage up writes every H_i as a constant plus a
    combination of H at the recycle targets; only those (a handful) need a linear solve.
    """
    k = spec.size
    targets = sorted({j for j in spec.recycle_to if j >= 0})
    pos = {t: n for n, t in enumerate(targets)}
    m = len(targets)
    n = len(log_z)
    coef = np.zeros((k + 1, n, m + 1), dtype=complex)
    coef[k, :, 0] = 1.0
    for i in range(k - 1, -1, -1):
        coef[i] = spec.conversion[i] * coef[i + 1]
        j = spec.recycle_to[i]
        if j >= 0:
            share = (1.0 - spec.conversion[i]) * spec.recycle_share[i]
            coef[i, :, 1 + pos[j]] += share * np.exp(log_z * costs[i])
    if m:
        rows = coef[targets]  # (m, n, m + 1)
        system = np.eye(m, dtype=complex)[None, :, :] - np.transpose(rows[:, :, 1:], (1, 0, 2))
        at_targets = np.linalg.solve(system, np.transpose(rows[:, :, 0])[..., None])[..., 0]
        values: ComplexArray = coef[:, :, 0] + np.einsum("knm,nm->kn", coef[:, :, 1:], at_targets)
    else:
        values = coef[:, :, 0]
    return values


def _extra_lag_density(
    spec: ChainSpec, costs: tuple[float, ...], den: int, ticks: int
) -> FloatArray:
    """h[i, tau]: probability that an entry into stage i is won with an extra lag (beyond
    the direct L_i) of exactly tau ticks; i = 0..k, row i sums to P_i up to LOOP_TAIL.

    With G_i(z) = z^(L_i) H_i(z) the generating function of the lag, section 1's
    recursion becomes H_i = c_i H_(i+1) + (1 - c_i) r_i z^(cost_i) H_(j_i), H_k = 1:
    evaluated at the roots of unity and inverted with a real FFT.
    """
    freqs = ticks // 2 + 1
    omega: ComplexArray = (-2j * np.pi * den / ticks) * np.arange(freqs).astype(np.complex128)
    out = np.empty((spec.size + 1, freqs), dtype=complex)
    for lo in range(0, freqs, FREQ_CHUNK):
        chunk = omega[lo : lo + FREQ_CHUNK]
        out[:, lo : lo + FREQ_CHUNK] = _extra_lag_transform(spec, costs, chunk)
    density: FloatArray = np.fft.irfft(out, n=ticks, axis=1)
    density[np.abs(density) < 1e-15] = 0.0
    np.clip(density, 0.0, None, out=density)
    return density


def _bin_points(days: FloatArray, weights: FloatArray) -> FloatArray:
    """Month-bin lags: row i puts weights[i, p] at days[i, p]; a lag of x months goes to
    floor(x) and floor(x) + 1 in proportions 1 - frac and frac. Rows are normalised."""
    months = days / DAYS_PER_MONTH
    whole = np.floor(months + 1e-12)
    frac = np.clip(months - whole, 0.0, 1.0)
    frac[frac < 1e-12] = 0.0
    lower = whole.astype(np.int64)
    span = int(lower.max()) + 2
    rows = days.shape[0]
    out = np.zeros((rows, span))
    for i in range(rows):
        out[i] += np.bincount(lower[i], weights[i] * (1.0 - frac[i]), minlength=span)[:span]
        out[i] += np.bincount(lower[i] + 1, weights[i] * frac[i], minlength=span)[:span]
    totals = out.sum(axis=1, keepdims=True)
    totals[totals == 0.0] = 1.0
    result: FloatArray = out / totals
    # trim trailing empty months
    nonzero = np.nonzero(result.any(axis=0))[0]
    last = int(nonzero[-1]) + 1 if len(nonzero) else 1
    return result[:, :last]
