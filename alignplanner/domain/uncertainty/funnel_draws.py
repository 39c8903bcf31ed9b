"""Units drawn through the funnel, vectorised over draws: at every stage the units that
convert are a Binomial count of those that entered, the recycled a Binomial count of
those that did not (funnel-math section 1, with counts instead of expectations)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import ChainSpec

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
MAX_ROUNDS = 10_000  # recycle rounds; each one only sends units back up, so they die out


def wins(rng: np.random.Generator, spec: ChainSpec, rates: FloatArray,
         entries: IntArray) -> IntArray:
    """Wins per draw from ``entries`` (stages x draws, units entering each stage) with
    the conversion ``rates`` drawn for each stage (stages x draws)."""
    k = len(spec.conversion)
    current = entries.astype(np.int64).copy()
    won = np.zeros(current.shape[1], dtype=np.int64)
    for _ in range(MAX_ROUNDS):
        later = np.zeros_like(current)
        for i in range(k):
            here = current[i]
            if not here.any():
                continue
            converted = rng.binomial(here, rates[i])
            current[i + 1] += converted
            share = spec.recycle_share[i]
            if share > 0.0:
                back = rng.binomial(here - converted, share)
                to = spec.recycle_to[i]
                if to == i:
                    later[i] += back
                else:
                    later[to] += back
        won += current[k]
        if not later.any():
            break
        current = later
    return won


def win_chances(spec: ChainSpec, rates: FloatArray) -> FloatArray:
    """P_i (stages 0..k x draws): the chance that a unit entering stage i is won, for
    the conversion ``rates`` of each draw (stages x draws), the recycles of ``spec``.

    Given a draw's rates every unit goes its own way, so the wins of n units entering
    stage i are Binomial(n, P_i), which `wins` draws stage by stage (tests compare the
    two). P solves funnel-math section 1's P_i = c_i P_(i+1) + (1 - c_i) r_i P_(j_i)
    by back-substitution from the won stage: every P_i is a constant plus a combination
    of P at the recycle targets, which solve a small linear system per draw."""
    k, n = rates.shape
    loops = [i for i in range(k) if spec.recycle_to[i] >= 0]
    targets = sorted({spec.recycle_to[i] for i in loops})
    const = np.ones((k + 1, n))
    weight = np.zeros((k + 1, len(targets), n))  # summed by the target each loop leads to
    for i in range(k - 1, -1, -1):
        const[i] = rates[i] * const[i + 1]
        weight[i] = rates[i] * weight[i + 1]
        if i in loops:
            weight[i, targets.index(spec.recycle_to[i])] += (1.0 - rates[i]) * spec.recycle_share[i]
    if not loops:
        return const
    system = np.eye(len(targets))[:, :, None] - weight[targets]  # (t, u, draws): I - B
    at = _solved(system, const[targets])  # P at the targets (targets x draws)
    chances: FloatArray = const + np.einsum("iud,ud->id", weight, at)
    return chances


def _solved(system: FloatArray, rhs: FloatArray) -> FloatArray:
    """x (m x draws) with system[t, u] x[u] summed over u = rhs[t] for every draw, by
    Gaussian elimination vectorised over the draws: I - B at z = 1 is a nonsingular
    M-matrix, where elimination without pivoting is stable (as in `recycle_targets`)."""
    a, x = system.copy(), rhs.copy()
    m = len(x)
    for p in range(m):
        for r in range(p + 1, m):
            factor = a[r, p] / a[p, p]
            a[r, p + 1 :] -= factor * a[p, p + 1 :]
            x[r] -= factor * x[p]
    for p in range(m - 1, -1, -1):
        for q in range(p + 1, m):
            x[p] -= a[p, q] * x[q]
        x[p] /= a[p, p]
    return x
