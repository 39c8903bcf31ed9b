"""Month-binned win mass of many chains at once, inside a horizon (for the tornado).

``mass[b, r, n]`` is the probability that a unit entering stage ``rows[r]`` of chain b is
won, with the win n whole months after the entry (funnel-math section 3: a lag of x
months goes to floor(x) and floor(x) + 1 in proportions 1 - frac and frac), for
n < ``months``. It is the engine's ``win_prob[i] * lags.dist[i, n]``, worked out another
way: the engine's grid of ticks (its 1/den day, its loop costs in whole ticks), but in
the time domain and only up to the horizon. H, the extra-lag density at the recycle
targets, obeys H_t(tau) = const_t [tau = 0] + sum_l weight[t, l] H_(u_l)(tau - cost_l)
(`recycle_targets.Loops`); every loop costs at least one tick, so the ticks of H can be
filled in blocks as long as the cheapest loop, each from blocks already done, for every
chain of a batch in one array operation. A chain whose loop costs less than a tick, or
whose lag grid the engine would cut (``Lags.truncated``), is not worked out here:
``exact[b]`` is False and the caller asks the engine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import (
    DAYS_PER_MONTH,
    ChainSpec,
    _grid_lengths,
    _loops,
    _tick_denominator,
    loop_costs,
)
from alignplanner.domain.engine.recycle_targets import Loops

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def win_mass(specs: Sequence[ChainSpec], rows: Sequence[Sequence[int]],
             months: int) -> tuple[FloatArray, BoolArray]:
    """(mass (chains, rows, months), exact (chains,)) for ``specs``, chains of one plan
    that differ only in conversions, days and recycle shares (the same recycles), at the
    stages ``rows[b]`` of chain b (as many for every chain)."""
    width = len(rows[0]) if len(rows) else 0
    mass = np.zeros((len(specs), width, months))
    exact = np.ones(len(specs), dtype=bool)
    if not specs:
        return mass, exact
    loops = _loops(specs, (0.0,) * specs[0].size)
    grids: dict[tuple[object, ...], tuple[int, tuple[int, ...]]] = {}  # by days and loops
    by_den: dict[int, list[int]] = {}
    for b, spec in enumerate(specs):
        shape = (spec.days, spec.recycle_to, spec.recycle_days)
        if shape not in grids:
            costs = loop_costs(spec)
            den = _tick_denominator(costs)
            grids[shape] = den, tuple(round(costs[i] * den) for i in _loop_stages(spec))
        by_den.setdefault(grids[shape][0], []).append(b)
    for den, members in by_den.items():
        ticks = np.array([grids[(specs[b].days, specs[b].recycle_to, specs[b].recycle_days)][1]
                          for b in members], dtype=np.int64).reshape(len(members), -1)
        group = loops.take(members)
        ok = _not_cut(group, ticks, den) & np.all(ticks >= 1, axis=1)
        exact[members] = ok
        keep = [b for b, good in zip(members, ok.tolist(), strict=True) if good]
        if keep:
            chosen = ok.nonzero()[0]
            at = np.array([rows[b] for b in keep], dtype=np.intp).reshape(len(keep), width)
            direct = np.take_along_axis(np.array([_direct(specs[b]) for b in keep]), at, 1)
            mass[keep] = _binned(group.take(chosen.tolist()), ticks[chosen], den,
                                 direct=direct, rows=at, months=months)
    return mass, exact


def _loop_stages(spec: ChainSpec) -> list[int]:
    return [i for i, j in enumerate(spec.recycle_to) if j >= 0]


def _direct(spec: ChainSpec) -> FloatArray:
    """L_i, the days of the direct path from stage i to the win (L_k = 0), as the engine
    sums them."""
    return np.append(np.cumsum(np.asarray(spec.days)[::-1])[::-1], 0.0)


def _not_cut(group: Loops, ticks: IntArray, den: int) -> BoolArray:
    """Per chain, whether the engine's grid holds its lags whole (not ``truncated``):
    `chain._grid_lengths` for each set of loop costs."""
    out = np.ones(len(ticks), dtype=bool)
    if ticks.shape[1] == 0:
        return out
    sets: dict[tuple[int, ...], list[int]] = {}
    for b, row in enumerate(ticks.tolist()):
        sets.setdefault(tuple(row), []).append(b)
    for costs, members in sets.items():
        loops = replace(group.take(members), costs=tuple(c / den for c in costs))
        out[members] = [not cut for _, cut in _grid_lengths(loops, den)]
    return out


def _binned(group: Loops, ticks: IntArray, den: int, *, direct: FloatArray,
            rows: npt.NDArray[np.intp], months: int) -> FloatArray:
    """The month-binned win mass (chains, rows, months) of chains whose loops cost
    ``ticks`` (chains, loops) ticks of 1/den day; ``direct`` is L at ``rows``.

    A tick tau of a row is a lag of x = (L + tau / den) / DAYS_PER_MONTH months, in month
    n = floor(x) (as the engine's `_layout` rounds it); it leaves x - n of its mass to
    month n + 1. Per month n that is (L / DAYS_PER_MONTH - n) S0 + S1 / (den DAYS_PER_MONTH)
    with S0 and S1 the sums of h and of h tau over the month's ticks: differences of two
    running sums at the months' first ticks."""
    length = math.floor(months * DAYS_PER_MONTH * den) + 1  # ticks that can land inside
    at = _at_targets(group, ticks, length)
    density = _rows_density(group, ticks, at, rows)  # (chains, rows, length)
    chains, width, _ = density.shape
    sums = np.zeros((2, chains, width, length + 1))
    np.cumsum(density, axis=2, out=sums[0, :, :, 1:])
    density *= np.arange(length)
    np.cumsum(density, axis=2, out=sums[1, :, :, 1:])
    first = _first_ticks(direct, den, months + 1, length)  # (chains, rows, months + 1)
    both = np.take_along_axis(sums, np.broadcast_to(first, (2, *first.shape)), axis=3)
    s0, s1 = np.diff(both, axis=3)  # per month n = 0 .. months - 1
    n = np.arange(months)
    moved = (direct[:, :, None] / DAYS_PER_MONTH - n) * s0 + s1 / (den * DAYS_PER_MONTH)
    mass: FloatArray = s0 - moved
    mass[:, :, 1:] += moved[:, :, :-1]
    return mass


def _first_ticks(direct: FloatArray, den: int, count: int, length: int) -> IntArray:
    """The first tick of each month n = 0 .. count - 1 of each row (clipped to
    0 .. length): the least tau with floor((L + tau / den) / DAYS_PER_MONTH + 1e-12) >= n,
    found by the formula and checked, one tick either way, with the engine's own sum."""
    n = np.arange(count)
    guess = np.ceil(((n - 1e-12) * DAYS_PER_MONTH - direct[:, :, None]) * den).astype(np.int64)

    def month(tau: IntArray) -> FloatArray:
        return np.floor((direct[:, :, None] + tau / den) / DAYS_PER_MONTH + 1e-12)

    guess += month(guess) < n  # one tick late: the formula rounded down
    guess -= month(guess - 1) >= n  # one tick early
    out: IntArray = np.clip(guess, 0, length)
    return out


def _at_targets(group: Loops, ticks: IntArray, length: int) -> FloatArray:
    """H at the recycle targets, (chains, targets, pad + length), the first ``pad``
    ticks zero (so that a shift never indexes before the start)."""
    chains, loops = ticks.shape
    targets = list(group.targets)
    pad = int(ticks.max(initial=0))
    span = pad + length
    at = np.zeros((chains, len(targets), span))
    at[:, :, pad] = group.const[:, targets]
    if loops == 0:
        return at
    weight = group.weight[:, targets, :]  # (chains, targets, loops)
    step = int(ticks.min())
    # flat index of H_(u_l)(0 - cost_l) for chain b and loop l, in ``at`` flattened
    origin = ((np.arange(chains)[:, None] * len(targets) + np.asarray(group.target)) * span
              + pad - ticks)[:, :, None]
    flat = at.reshape(-1)
    for start in range(0, length, step):
        width = min(step, length - start)
        source = flat[origin + np.arange(start, start + width)]  # (chains, loops, width)
        at[:, :, pad + start : pad + start + width] += weight @ source
    return at


def _rows_density(group: Loops, ticks: IntArray, at: FloatArray,
                  rows: npt.NDArray[np.intp]) -> FloatArray:
    """h[b, r, tau]: the chance that an entry into stage rows[r] is won with an extra lag
    of tau ticks: const plus every loop's weight times its target's H, shifted by the
    loop's cost."""
    chains, loops = ticks.shape
    length = at.shape[2] - int(ticks.max(initial=0))
    start = at.shape[2] - length
    density = np.zeros((chains, rows.shape[1], length))
    density[:, :, 0] = np.take_along_axis(group.const, rows, 1)
    if loops == 0:
        return density
    chain = np.arange(chains)[:, None]
    offsets = start + np.arange(length)[None, :]
    shifted = np.stack([at[chain, group.target[loop], offsets - ticks[:, loop, None]]
                        for loop in range(loops)], axis=1)  # (chains, loops, length)
    density += group.weight[np.arange(chains)[:, None], rows] @ shifted
    return density
