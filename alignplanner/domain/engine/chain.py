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
The small linear system at the recycle targets is solved in `recycle_targets`.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine import recycle_targets
from alignplanner.domain.engine.recycle_targets import BATCH_VALUES, FloatArray

DAYS_PER_MONTH = 365.25 / 12
LOOP_TAIL = 1e-13  # probability mass left unexplored, below funnel-math's 1e-12
MAX_TICKS = 1 << 18  # beyond this the lag grid is cut and a warning is raised
SLOPES = np.geomspace(1e-4, 2.0, 24)  # s * the longest loop's cost, for the grid's bound
TICK_DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 25, 32, 40, 48, 50, 64, 80, 96, 100)


@dataclass(frozen=True)
class ChainSpec:
    """Hashable description of one chain: per transient stage its conversion, days,
    recycle target index (-1 for none), recycle share and recycle days."""

    conversion: tuple[float, ...]
    days: tuple[float, ...]
    recycle_to: tuple[int, ...]
    recycle_share: tuple[float, ...]
    recycle_days: tuple[float, ...]
    # per transient stage its lag as monthly mass (empty: its days), or () for none at all
    lag_mass: tuple[tuple[float, ...], ...] = ()

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


class _Solutions:
    """Solved chains by spec, the most recent ``size`` kept. ``many`` solves the missing
    ones of a plan together: a plan's chains differ only in conversions (sources'
    overrides), so their loops share costs, grid and shifts, and one pass of array
    operations serves them all."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[ChainSpec, Solved] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, spec: ChainSpec) -> Solved:
        return self.many([spec])[0]

    def many(self, specs: Sequence[ChainSpec]) -> list[Solved]:
        with self._lock:  # one plan's chains at a time
            missing = [s for s in dict.fromkeys(specs) if s not in self._kept]
            found = dict(zip(missing, _solve_together(missing), strict=True))
            for spec in specs:
                if spec in found:
                    self._kept[spec] = found[spec]
                else:
                    found[spec] = self._kept[spec]
                self._kept.move_to_end(spec)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
            return [found[spec] for spec in specs]

    def cache_clear(self) -> None:
        with self._lock:
            self._kept.clear()


solve = _Solutions(256)


def _solve_together(specs: Sequence[ChainSpec]) -> list[Solved]:
    """Solve ``specs`` (distinct), those with the same loops in one batch."""
    batches: dict[tuple[object, ...], list[int]] = {}
    for n, spec in enumerate(specs):
        shape = ((spec.days, spec.recycle_to, spec.recycle_days, spec.lag_mass)
                 if spec.has_loops else (n,))
        batches.setdefault(shape, []).append(n)
    solved: dict[int, Solved] = {}
    for members in batches.values():
        batch = [specs[n] for n in members]
        solved.update(zip(members, _solved(batch, _lags(batch)), strict=True))
    return [solved[n] for n in range(len(specs))]


def _solved(specs: Sequence[ChainSpec], lags: Sequence[Lags]) -> list[Solved]:
    """Win probabilities and expected entries of chains with the same stages and loops
    (a batch), from one batched inverse N = (I - Q)^-1."""
    k = specs[0].size
    conversion = np.array([s.conversion for s in specs])  # (chains, k)
    q = np.zeros((len(specs), k, k))  # Q of each chain, the transient stages
    q[:, np.arange(k - 1), np.arange(1, k)] = conversion[:, :-1]
    for i, j in enumerate(specs[0].recycle_to):
        if j >= 0:
            q[:, i, j] += (1.0 - conversion[:, i]) * [s.recycle_share[i] for s in specs]
    fundamental = np.linalg.inv(np.eye(k) - q)
    p_transient = fundamental[:, :, k - 1] * conversion[:, k - 1, None]  # N @ (0, .., c_k-1)
    win_prob = np.hstack([p_transient, np.ones((len(specs), 1))])
    entries = np.concatenate([fundamental, p_transient[:, :, None]], axis=2)
    return [Solved(*parts) for parts in zip(specs, win_prob, entries, lags, strict=True)]


def _lags(specs: Sequence[ChainSpec]) -> list[Lags]:
    """The lags of chains that differ at most in conversions and recycle shares; a
    stage with a lag mass adds that mass (convolved) to the direct path instead of its
    days (its loops still add its days, the mass's mean)."""
    spec = specs[0]
    if not any(spec.lag_mass):
        return _lags_of_days(specs)
    return [_convolved(lags, spec.lag_mass) for lags in _lags_of_days(specs)]


def _convolved(lags: Lags, masses: tuple[tuple[float, ...], ...]) -> Lags:
    """``lags`` (binned without the massed stages' days) with each row i convolved with
    the masses of stages i .. k - 1: a whole-month lag shifts a binned lag exactly."""
    k = len(masses)
    tails = [np.ones(1)] * (k + 1)
    for i in range(k - 1, -1, -1):
        tails[i] = np.convolve(tails[i + 1], masses[i]) if masses[i] else tails[i + 1]
    span = lags.dist.shape[1] + max(len(t) for t in tails) - 1
    dist = np.zeros((lags.dist.shape[0], span))
    for i, row in enumerate(lags.dist):
        out = np.convolve(row, tails[i])
        dist[i, : len(out)] = out / out.sum()
    used = np.flatnonzero(dist.any(axis=0))
    return Lags(dist[:, : int(used[-1]) + 1], lags.truncated)


def _lags_of_days(specs: Sequence[ChainSpec]) -> list[Lags]:
    spec = specs[0]
    days = [0.0 if spec.lag_mass and spec.lag_mass[i] else d for i, d in enumerate(spec.days)]
    direct = np.append(np.cumsum(np.asarray(days)[::-1])[::-1], 0.0)  # L_i, L_k = 0
    if not spec.has_loops:
        ones = np.ones((1, spec.size + 1, 1))
        return [Lags(_bin_points(_layout(tuple(direct), 1, 1), ones)[0], truncated=False)]
    exact = loop_costs(spec)
    den = _tick_denominator(exact)
    costs = tuple(round(c * den) / den for c in exact)  # whole ticks (exact unless < 0.01 day)
    loops = _loops(specs, costs)
    grids = _grid_lengths(loops, den)
    out: list[Lags] = [Lags(np.ones((1, 1)), False)] * len(specs)
    rows = max(len(direct), len(loops.costs))
    for ticks in sorted({t for t, _ in grids}):
        same = [b for b, (t, _) in enumerate(grids) if t == ticks]
        per = max(1, BATCH_VALUES // (rows * ticks))
        for members in (same[n : n + per] for n in range(0, len(same), per)):
            extra = _extra_lag_density(loops.take(members), den, ticks)
            dists = _bin_points(_layout(tuple(direct), den, ticks), extra)
            for b, dist in zip(members, dists, strict=True):
                out[b] = Lags(dist, truncated=grids[b][1])
    return out


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


def _grid_lengths(loops: recycle_targets.Loops, den: int) -> list[tuple[int, bool]]:
    """Per chain, the ticks that hold all but LOOP_TAIL of every extra-lag distribution,
    and whether that needed more than MAX_TICKS (then cut).

    A geometric bound on the generating function at real points z = e^s, s > 0. Let P be
    the chances of a win from the recycle targets (H(1) there) and B(z) the targets'
    loops (H = b + B(z) H at the targets, `recycle_targets.Loops.between_targets`). If
    B(e^s) P <= q P with q < 1, then B(e^s)^n b <= beta q^n P (b <= beta P, beta <= 1),
    so the series H(e^s) = sum_n B(e^s)^n b converges, with H_t(e^s) <= beta P_t / (1 - q)
    at every target; at every stage H_i(e^s) <= U_i = const_i + sum_l weight[i, l]
    e^(s cost_l) beta P_(j_l) / (1 - q). Markov's inequality on e^(s X) then gives
    P(extra lag >= X, won) <= U_i e^(-s X). A handful of s values give a tight X for
    every stage at once; nothing is evaluated where a series may diverge. Where no s has
    q < 1 (a loop that a unit takes almost surely), the grid is the largest, cut.
    """
    chains = loops.const.shape[0]
    max_cost = max(loops.costs, default=0.0)
    if max_cost <= 0.0:
        return [(16, False)] * chains
    slopes = SLOPES / max_cost  # s per day
    bound, usable = tail_bounds(loops, slopes)
    with np.errstate(divide="ignore", invalid="ignore"):
        lengths = (np.log(bound) - math.log(LOOP_TAIL)) / slopes
    best: list[float] = np.where(usable, lengths, np.inf).min(axis=1).tolist()
    some: list[bool] = np.any(usable, axis=1).tolist()  # else no usable point at all
    return [_grid_length(x, den) if ok else (MAX_TICKS, True)
            for x, ok in zip(best, some, strict=True)]


def tail_bounds(loops: recycle_targets.Loops,
                slopes: FloatArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """(max_i U_i at each of ``slopes`` (s per day), (chains, s); where the bound holds,
    q < 1, (chains, s)): see `_grid_lengths`."""
    growth = np.exp(np.outer(loops.costs, slopes))  # e^(s cost_l), (loops, s)
    targets = list(loops.targets)
    m = len(targets)
    b = loops.const[:, targets]  # (chains, m)
    with np.errstate(all="ignore"):
        wins = np.linalg.solve(np.eye(m) - loops.between_targets(), b[:, :, None])[:, :, 0]
        into = wins[:, list(loops.target)]  # P at each loop's target, (chains, loops)
        rounds = (loops.weight * into[:, None, :]) @ growth  # (chains, k + 1, s)
        alive = wins > 0.0
        ratio = np.where(alive[:, :, None], rounds[:, targets] / wins[:, :, None], 0.0)
        q = ratio.max(axis=1)  # (chains, s)
        beta = np.where(alive, b / wins, 0.0).max(axis=1, keepdims=True)
        usable = np.isfinite(q) & (q < 1.0) & np.all(np.isfinite(wins), axis=1)[:, None]
        bound = (loops.const[:, :, None] + rounds * (beta / (1.0 - q))[:, None, :]).max(axis=1)
    return bound, usable


def _grid_length(best: float, den: int) -> tuple[int, bool]:
    length = best * den + 2
    if not math.isfinite(length) or length > MAX_TICKS:
        return MAX_TICKS, True
    return 1 << max(4, math.ceil(math.log2(length))), False


def _loops(specs: Sequence[ChainSpec], costs: tuple[float, ...]) -> recycle_targets.Loops:
    spec = specs[0]
    k = spec.size
    stages = [i for i in range(k) if spec.recycle_to[i] >= 0]
    target_stages = sorted({spec.recycle_to[i] for i in stages})
    conversion = np.array([s.conversion for s in specs])  # (chains, k)
    recycled = (1.0 - conversion) * np.array([s.recycle_share for s in specs])
    const = np.zeros((len(specs), k + 1))
    weight = np.zeros((len(specs), k + 1, len(stages)))
    const[:, k] = 1.0
    for i in range(k - 1, -1, -1):
        const[:, i] = conversion[:, i] * const[:, i + 1]
        weight[:, i] = conversion[:, i, None] * weight[:, i + 1]
        if spec.recycle_to[i] >= 0:
            weight[:, i, stages.index(i)] += recycled[:, i]
    return recycle_targets.Loops(
        const,
        weight,
        tuple(costs[i] for i in stages),
        tuple(target_stages.index(spec.recycle_to[i]) for i in stages),
        tuple(target_stages),
    )


def _extra_lag_density(loops: recycle_targets.Loops, den: int, ticks: int) -> FloatArray:
    """h[b, i, tau]: probability that an entry into stage i of chain b is won with an
    extra lag (beyond the direct L_i) of exactly tau ticks; i = 0..k, row i sums to P_i up
    to LOOP_TAIL. The ticks stop where the targets' series, shifted by the longest loop,
    end (the last few may hold nothing).

    With G_i(z) = z^(L_i) H_i(z) the generating function of the lag, H at the recycle
    targets is evaluated at the roots of unity (`recycle_targets.at_roots`) and inverted
    with a real FFT;
    every other row follows in the time domain from the back-substitution, a z^(cost_l)
    being a shift by cost_l ticks.
    """
    at = np.fft.irfft(recycle_targets.at_roots(loops, den, ticks), n=ticks, axis=2)
    # |at| >= 1e-15 (below: rounding noise of the FFT, as for every row below), without
    # a temporary of |at|: large temporaries cost as much in fresh pages as in arithmetic
    signal = at >= 1e-15
    signal |= at <= -1e-15
    used = _support(signal)
    at = at[:, :, :used]
    at *= signal[:, :, :used]  # in place (a -0.0 here is made 0 below)
    shifts_in_ticks = [round(cost * den) for cost in loops.costs]
    length = min(ticks, used + max(shifts_in_ticks))  # what the shifted rows can reach
    shifted = np.zeros((at.shape[0], len(loops.costs), length))  # z^(cost_l) H_(j_l), in time
    for loop, c in enumerate(shifts_in_ticks):
        width = min(used, length - c)
        if width > 0:  # else a loop longer than a truncated grid: its paths are cut off
            shifted[:, loop, c : c + width] = at[:, loops.target[loop], :width]
    density = loops.weight @ shifted  # (chains, k + 1, length)
    density[:, :, 0] += loops.const
    density *= density >= 1e-15  # noise and the negatives it leaves are 0
    density += 0.0
    return density


def _support(values: npt.NDArray[np.bool_]) -> int:
    """The ticks up to the last one where some row of ``values`` (chains, rows, ticks) is
    true (at least 1)."""
    used = np.flatnonzero(values.reshape(-1, values.shape[2]).any(axis=0))
    return int(used[-1]) + 1 if len(used) else 1


@dataclass(frozen=True)
class _Layout:
    """Where month binning puts the lag of each (stage, tick): whole month ``lower`` and
    the share ``frac`` that goes to the next one (the same for every chain of a plan).

    ``lower`` never decreases along a row, so each row is a sequence of runs of ticks in
    the same month: run r starts at tick ``run_tick[r]`` of row ``run_row[r]``, in month
    ``run_month[r]`` (runs in row order, then tick order)."""

    lower: npt.NDArray[np.int64]  # (k + 1, ticks)
    frac: FloatArray  # (k + 1, ticks)
    span: int
    run_row: npt.NDArray[np.intp]
    run_tick: npt.NDArray[np.intp]
    run_month: npt.NDArray[np.intp]


@lru_cache(maxsize=32)
def _layout(direct: tuple[float, ...], den: int, length: int) -> _Layout:
    """The binning of lags ``direct[i] + tau / den`` days, tau = 0 .. length - 1."""
    days = np.asarray(direct)[:, None] + np.arange(length, dtype=float)[None, :] / den
    months = days / DAYS_PER_MONTH
    whole = np.floor(months + 1e-12)
    frac = np.clip(months - whole, 0.0, 1.0)
    frac[frac < 1e-12] = 0.0
    lower = whole.astype(np.int64)
    starts = np.ones(lower.shape, dtype=bool)
    starts[:, 1:] = lower[:, 1:] != lower[:, :-1]
    run_row, run_tick = np.nonzero(starts)
    run_month = lower[run_row, run_tick].astype(np.intp)
    return _Layout(lower, frac, int(lower.max()) + 2, run_row, run_tick, run_month)


def _bin_points(layout: _Layout, weights: FloatArray) -> list[FloatArray]:
    """Month-bin lags of a batch of chains: row i of chain b puts weights[b, i, p] at the
    lag of (i, p) (``weights`` may stop short of the layout's ticks); a lag of x months
    goes to floor(x) and floor(x) + 1 in proportions 1 - frac and frac. Rows are
    normalised, trailing empty months left off.

    Each run of ticks in one month is summed at once (a reduction over the runs of the
    flattened rows, in tick order), weighted by frac for the next month and the rest
    for its own.

    ``weights`` is overwritten, by its products with frac: a new array of those
    (a megabyte on the stress plan) cost as much in fresh pages as in arithmetic."""
    chains, rows, length = weights.shape
    span = layout.span
    runs = layout.run_tick < length
    starts = layout.run_row[runs] * length + layout.run_tick[runs]
    months = layout.run_row[runs] * span + layout.run_month[runs]
    total = np.add.reduceat(weights.reshape(chains, rows * length), starts, axis=1)
    weights *= layout.frac[:, :length]
    above = np.add.reduceat(weights.reshape(chains, rows * length), starts, axis=1)
    out = np.zeros((chains, rows * span))
    out[:, months] = total - above
    out[:, months + 1] += above
    dists: FloatArray = out.reshape(chains, rows, span)
    totals = dists.sum(axis=2, keepdims=True)
    totals[totals == 0.0] = 1.0
    dists /= totals
    used = np.count_nonzero(dists, axis=1) > 0  # (chains, span)
    ends = np.where(used.any(axis=1), span - np.argmax(used[:, ::-1], axis=1), 1)
    return [dist[:, :end] for dist, end in zip(dists, ends.tolist(), strict=True)]
