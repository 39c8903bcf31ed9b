"""H at the recycle targets: the small linear system that the lag recursion leaves once
back-substituted from the won stage up (see `chain`), solved at the FFT's roots of unity
by Gaussian elimination vectorised over the roots (`at_roots`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

BATCH_VALUES = 1 << 22  # array elements one step of a batch may hold (memory stays bounded)
ROOTS_STEP = 1 << 20  # system entries eliminated in one step (`at_roots`): 16 MB

FloatArray = npt.NDArray[np.float64]
ComplexArray = npt.NDArray[np.complex128]


@dataclass(frozen=True)
class Loops:
    """Section 1's recursion H_i = c_i H_(i+1) + (1 - c_i) r_i z^(cost_i) H_(j_i), H_k = 1,
    back-substituted from the won stage up, for a batch of chains with the same loops:
    every H_i is a constant plus a combination of z^(cost_l) H_(j_l) over the loops l (the
    stages that recycle), so only H at the recycle targets (a handful) is unknown.

    For chain b, H_i = const[b, i] + sum_l weight[b, i, l] z^(cost_l) H_(targets[target[l]]);
    ``costs[l]`` is loop l's cost in days (whole ticks)."""

    const: FloatArray  # (chains, k + 1)
    weight: FloatArray  # (chains, k + 1, loops)
    costs: tuple[float, ...]
    target: tuple[int, ...]  # loop l's recycle target, as an index into ``targets``
    targets: tuple[int, ...]  # stage index of each unknown

    def take(self, chains: list[int]) -> Loops:
        return Loops(
            self.const[chains], self.weight[chains], self.costs, self.target, self.targets
        )

    def between_targets(self) -> FloatArray:
        """B, (chains, m, m): B[t, u] is the chance that a unit entering target t next
        re-enters at target u (its first recycle after t leads there), so that the
        targets' system is (I - B(z)) H = b with B(1) = B."""
        rows = self.weight[:, list(self.targets)]  # (chains, m, loops)
        b = np.zeros((rows.shape[0], len(self.targets), len(self.targets)))
        for loop, u in enumerate(self.target):
            b[:, :, u] += rows[:, :, loop]
        return b


def at_roots(loops: Loops, den: int, ticks: int) -> ComplexArray:
    """H at the recycle targets at the roots of unity of a ``ticks`` grid of 1/den day,
    (chains, m, ticks // 2 + 1), in steps of a bounded number of systems."""
    freqs = ticks // 2 + 1
    chains, m = loops.const.shape[0], len(loops.targets)
    angle = (-2j * np.pi * den / ticks) * np.arange(freqs)
    chunk = max(16, ROOTS_STEP // (chains * m * m))  # roots per step
    if chunk >= freqs:  # one step: no array to gather the steps in (fresh pages cost)
        return eliminated_at(loops, np.exp(np.outer(loops.costs, angle)))
    out = np.empty((chains, m, freqs), dtype=complex)
    for lo in range(0, freqs, chunk):
        hi = min(freqs, lo + chunk)
        shifts = np.exp(np.outer(loops.costs, angle[lo:hi]))  # z^(cost_l), (loops, n)
        out[:, :, lo:hi] = eliminated_at(loops, shifts)
    return out


def eliminated_at(loops: Loops, shifts: ComplexArray) -> ComplexArray:
    """H at the recycle targets, (chains, m, n), from ``shifts[l] = z^(cost_l)`` (loops, n)
    at points z on the unit circle, by Gaussian elimination vectorised over z.

    There the system is an H-matrix (its entries are bounded by those at z = 1, where
    I - B is a nonsingular M-matrix), so elimination without pivoting is stable and much
    cheaper than a batched LAPACK solve."""
    system, rhs = target_system(loops, shifts)
    m = len(loops.targets)
    for p in range(m):  # forward elimination, then back-substitution
        for r in range(p + 1, m):
            factor = system[:, r, p] / system[:, p, p]
            system[:, r, p + 1 :] -= factor[:, None] * system[:, p, p + 1 :]
            rhs[:, r] -= factor * rhs[:, p]
    for p in range(m - 1, -1, -1):
        for q in range(p + 1, m):
            rhs[:, p] -= system[:, p, q] * rhs[:, q]
        rhs[:, p] /= system[:, p, p]
    return rhs


def target_system(loops: Loops, shifts: ComplexArray) -> tuple[ComplexArray, ComplexArray]:
    """The targets' system A(z) H = b at each z: (chains, m, m, n) and (chains, m, n).

    A(z) = I - sum_l rows[:, l] e_(u_l)^T z^(cost_l): loop l leads back to target u_l, and
    ``rows[t, l]`` is its weight in target t's row of the back-substitution. The sum over
    the loops is one matrix product: ``rows`` against the shifts placed in their target's
    column."""
    m, n, chains = len(loops.targets), shifts.shape[1], loops.const.shape[0]
    rows = loops.weight[:, list(loops.targets)].reshape(chains * m, -1)  # (chains * m, loops)
    placed = np.zeros((len(loops.costs), m, n), dtype=complex)
    placed[np.arange(len(loops.costs)), list(loops.target)] = shifts
    product = rows @ placed.reshape(len(loops.costs), m * n)  # complex: placed is
    system = cast(ComplexArray, product).reshape(chains, m, m, n)
    np.negative(system, out=system)
    system[:, np.arange(m), np.arange(m)] += 1.0
    rhs = np.empty((chains, m, n), dtype=complex)
    rhs[...] = loops.const[:, list(loops.targets), None]
    return system, rhs
