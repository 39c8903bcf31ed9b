"""H at the recycle targets: the small linear system that the lag recursion leaves once
back-substituted from the won stage up (see `chain`), solved at many points z at once.

On the unit circle (the FFT's roots of unity, `at_roots`) by Cramer's rule expanded in
the loops' shifts, or by Gaussian elimination where that expansion has too many terms
or cancels too much; at other points (the real ones of the Chernoff bound, `solved_at`)
by LAPACK with pivoting, the same system then checked for convergence by the signs of
its pivots without pivoting (`positive_pivots`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

BATCH_VALUES = 1 << 22  # array elements one step of a batch may hold (memory stays bounded)
MAX_MONOMIALS = 64  # Cramer's expansion has at most this many terms, else elimination
MAX_CANCELLATION = 16.0  # nor sums cancelling more (`_Cramer.cancellation`): H to ~1e-15
SERIAL_PRODUCT = 1 << 18  # multiply-adds of one matrix product kept on the calling thread
KEPT_MONOMIALS = 1 << 18  # terms * roots of the monomials kept between solves (4 MB each)

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


def solved_at(loops: Loops, shifts: ComplexArray) -> tuple[ComplexArray, ComplexArray]:
    """H at the recycle targets, (chains, targets, n), from ``shifts[l] = z^(cost_l)``
    (loops, n) at any points z: the targets' rows of the back-substitution, solved by
    LAPACK (with pivoting) at each z; and the system A(z) it solved, (chains, m, m, n),
    for whatever else is asked of it (`positive_pivots`)."""
    system, rhs = target_system(loops, shifts)
    solved = np.linalg.solve(np.moveaxis(system, 3, 1), np.moveaxis(rhs, 2, 1)[..., None])
    return np.ascontiguousarray(np.moveaxis(solved[..., 0], 1, 2)), system


def positive_pivots(system: FloatArray) -> npt.NDArray[np.bool_]:
    """(chains, n): whether every leading principal minor of each real (chains, m, m, n)
    system is positive, by one Gaussian elimination without pivoting, vectorised over
    chains and points: the k-th pivot is D_k / D_(k-1) (D the leading minors) while the
    earlier ones are not zero, so all pivots are positive iff all minors are (a pivot
    after a non-positive one is not looked at: the answer is no already).

    In rounding this and the minors' determinants can disagree only where a minor is
    zero to within rounding (see `chain._grid_lengths` for why either answer is safe
    there)."""
    a = np.array(system, dtype=np.float64)  # a copy, eliminated in place
    m = a.shape[1]
    ok = np.ones((a.shape[0], a.shape[3]), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for p in range(m):
            ok &= a[:, p, p] > 0.0
            if p + 1 < m:
                factor = a[:, p + 1 :, p] / a[:, None, p, p]  # (chains, rows below, n)
                a[:, p + 1 :, p + 1 :] -= factor[:, :, None] * a[:, None, p, p + 1 :]
    return ok


def eliminated_at(loops: Loops, shifts: ComplexArray) -> ComplexArray:
    """`solved_at` on the unit circle, by Gaussian elimination vectorised over z.

    There the system is an H-matrix (its entries are bounded by those at z = 1, where
    I - Q is a nonsingular M-matrix), so elimination without pivoting is stable and much
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
    ``rows[t, l]`` is its weight in target t's row of the back-substitution."""
    m, n, chains = len(loops.targets), shifts.shape[1], loops.const.shape[0]
    rows = loops.weight[:, list(loops.targets)]  # (chains, m, loops)
    system = np.zeros((chains, m, m, n), dtype=complex)
    for loop, u in enumerate(loops.target):
        system[:, :, u] -= rows[:, :, loop, None] * shifts[loop]
    system[:, np.arange(m), np.arange(m)] += 1.0
    rhs = np.repeat(loops.const[:, list(loops.targets), None], n, axis=2).astype(complex)
    return system, rhs


def at_roots(loops: Loops, den: int, ticks: int) -> ComplexArray:
    """H at the recycle targets at the roots of unity of a ``ticks`` grid, (chains, m,
    ticks // 2 + 1): by Cramer's expansion for the chains where it is as accurate as
    elimination (`Cramer.cancellation`), by elimination for the others."""
    expansion = expansion_for(loops.target, len(loops.targets))
    if expansion is None:
        return eliminated_at_roots(loops, den, ticks)
    cramer = cramer_for(loops, expansion)
    accurate = cramer.cancellation() <= MAX_CANCELLATION
    if accurate.all():
        return expanded_at_roots(loops, cramer, den, ticks)
    out = np.empty((len(accurate), len(loops.targets), ticks // 2 + 1), dtype=complex)
    rest = np.flatnonzero(~accurate).tolist()
    out[rest] = eliminated_at_roots(loops.take(rest), den, ticks)
    if accurate.any():
        chains = np.flatnonzero(accurate).tolist()
        out[chains] = expanded_at_roots(loops.take(chains), cramer.take(chains), den, ticks)
    return out


def eliminated_at_roots(loops: Loops, den: int, ticks: int) -> ComplexArray:
    """H at the recycle targets at the roots of unity of a ``ticks`` grid, (chains, m,
    ticks // 2 + 1), by elimination at each root (any number of loops)."""
    freqs = ticks // 2 + 1
    chains, m = loops.const.shape[0], len(loops.targets)
    out = np.empty((chains, m, freqs), dtype=complex)
    chunk = max(64, BATCH_VALUES // (chains * m * m))  # the systems of one step
    for lo in range(0, freqs, chunk):
        hi = min(freqs, lo + chunk)
        shifts = np.stack([shifts_at_roots(ticks, den, cost)[lo:hi] for cost in loops.costs])
        out[:, :, lo:hi] = eliminated_at(loops, shifts)
    return out


@dataclass(frozen=True)
class Expansion:
    """Cramer's rule for the targets' system, expanded in the loops' shifts.

    Column u of A(z) = I - sum_l rows[:, l] e_(u_l)^T s_l (s_l = z^(cost_l)) is e_u minus
    the rows of the loops into u, each times its s_l. The determinant is linear in each
    column, so det A(z) = sum over picks of det(C_pick) * prod of the picked s_l, where a
    pick chooses for every column u either e_u or one loop l into u (then -rows[:, l]),
    and C_pick is the matrix of the chosen columns. Cramer's numerator for target t is
    the same with column t replaced by b, so only the picks that keep e_t appear in it.

    The coefficients depend only on the chain; the monomials prod s_l only on the loops'
    costs, the same for every chain of a plan. A pick is stored as indices into a bank of
    columns per chain: the loops' -rows[:, l] (0 .. loops - 1), then e_u (loops + u),
    then b (loops + m)."""

    columns: npt.NDArray[np.intp]  # (terms, m): the columns of C_pick
    picked: npt.NDArray[np.intp]  # (terms, m): the loop picked at u, or loops for e_u
    # Cramer's numerators, one term of one target per row: which term, which target, and
    # the columns (the term's, with column t replaced by b)
    term: npt.NDArray[np.intp]
    target: npt.NDArray[np.intp]
    replaced: npt.NDArray[np.intp]


@lru_cache(maxsize=32)
def expansion_for(target: tuple[int, ...], m: int) -> Expansion | None:
    """The picks of a system whose loop l leads to target ``target[l]`` (None when there
    are more than MAX_MONOMIALS: prod over u of 1 + the loops into u)."""
    loops = len(target)
    options = [[loops + u] + [lp for lp, to in enumerate(target) if to == u] for u in range(m)]
    if math.prod(len(o) for o in options) > MAX_MONOMIALS:
        return None
    columns = np.array(list(itertools.product(*options)), dtype=np.intp).reshape(-1, m)
    term, at = np.nonzero(columns == loops + np.arange(m))  # e_t kept at t
    replaced = columns[term]
    replaced[np.arange(len(term)), at] = loops + m
    expansion = Expansion(columns, np.minimum(columns, loops), term, at, replaced)
    for array in (columns, expansion.picked, term, at, replaced):
        array.flags.writeable = False
    return expansion


def expanded_at_roots(loops: Loops, cramer: Cramer, den: int, ticks: int) -> ComplexArray:
    """H at the recycle targets at the roots of unity, (chains, m, ticks // 2 + 1), by
    Cramer's rule: numerators and determinant as products of their coefficients with the
    monomials, then their quotient.

    The products are cut along the frequencies so that each stays small enough for the
    BLAS to run it on the calling thread (waking its threads costs more than such a
    product, and far more on a busy machine)."""
    det, num = cramer.det, cramer.num
    chains, m, terms = num.shape
    coef = np.concatenate([num.reshape(chains * m, terms), det])
    freqs = ticks // 2 + 1
    values = np.empty((coef.shape[0], freqs), dtype=complex)
    flat = values.view(np.float64)  # real and imaginary parts side by side
    kept = (root_monomials(loops.target, m, loops.costs, den, ticks)
            if terms * freqs <= KEPT_MONOMIALS else None)
    step = max(1, min(BATCH_VALUES // terms, SERIAL_PRODUCT // coef.size) // 2)
    for lo in range(0, freqs, step):
        hi = min(freqs, lo + step)
        if kept is None:
            shifts = np.stack([shifts_at_roots(ticks, den, cost)[lo:hi] for cost in loops.costs])
            monomials = monomials_at(cramer.expansion, shifts).view(np.float64)
        else:
            monomials = kept[:, 2 * lo : 2 * hi]
        np.matmul(coef, monomials, out=flat[:, 2 * lo : 2 * hi])
    out: ComplexArray = values[: chains * m].reshape(chains, m, freqs)
    out *= 1.0 / values[chains * m :, None]  # one division per root, not per target
    return out


@dataclass(frozen=True)
class Cramer:
    """A batch's coefficients of `Expansion`'s terms: det A(z) = sum over terms of
    det[b, term] * monomial(z), Cramer's numerator of target t likewise with num[b, t]."""

    expansion: Expansion
    det: FloatArray  # (chains, terms)
    num: FloatArray  # (chains, m, terms)

    def take(self, chains: list[int]) -> Cramer:
        return Cramer(self.expansion, self.det[chains], self.num[chains])

    def cancellation(self) -> FloatArray:
        """Per chain, how much the sums cancel: the largest of sum |coefficient| over
        |sum of coefficients|, for the determinant and each numerator.

        The sums at z = 1 are det A(1) and det A(1) H_t(1), and on the unit circle
        |det A(z)| >= det A(1) > 0 (A(1) is a nonsingular M-matrix and |B(z)| <= B(1)
        entrywise, so A(z)'s comparison matrix dominates A(1)): so rounding moves H_t(z)
        by about this ratio times the unit roundoff times H_t(1), at every root."""
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.hstack([
                np.abs(self.det).sum(axis=1, keepdims=True) / self.det.sum(axis=1, keepdims=True),
                np.abs(self.num).sum(axis=2) / self.num.sum(axis=2),
            ])
        worst: FloatArray = np.where(ratios > 0.0, ratios, np.inf).max(axis=1)
        return worst


def cramer_for(loops: Loops, expansion: Expansion) -> Cramer:
    """The coefficients of every chain of a batch: the determinants of the picked
    columns."""
    targets = list(loops.targets)
    chains, count, m = loops.const.shape[0], len(loops.target), len(targets)
    bank = np.empty((chains, count + m + 1, m))  # per chain its columns, as rows
    bank[:, :count] = -np.swapaxes(loops.weight[:, targets], 1, 2)
    bank[:, count : count + m] = np.eye(m)
    bank[:, count + m] = loops.const[:, targets]
    det = np.linalg.det(bank[:, expansion.columns])  # det C^T = det C
    num = np.zeros((chains, m, len(expansion.columns)))
    num[:, expansion.target, expansion.term] = np.linalg.det(bank[:, expansion.replaced])
    return Cramer(expansion, det, num)


def monomials_at(expansion: Expansion, shifts: ComplexArray) -> ComplexArray:
    """Per term the product of the picked loops' shifts, (terms, n), from ``shifts[l] =
    z^(cost_l)`` (loops, n): the same numbers elimination works with."""
    bank = np.concatenate([shifts, np.ones((1, shifts.shape[1]), dtype=shifts.dtype)])
    values: ComplexArray = bank[expansion.picked[:, 0]]
    for u in range(1, expansion.picked.shape[1]):
        values *= bank[expansion.picked[:, u]]
    return values


@lru_cache(maxsize=8)
def root_monomials(target: tuple[int, ...], m: int, costs: tuple[float, ...], den: int,
                    ticks: int) -> FloatArray:
    """`monomials_at` at every root of unity of a ``ticks`` grid, real and imaginary parts
    side by side, kept: they depend on the loops only, so every conversion edit of a plan
    reuses them (at most KEPT_MONOMIALS values each)."""
    expansion = expansion_for(target, m)
    assert expansion is not None
    shifts = np.stack([shifts_at_roots(ticks, den, cost) for cost in costs])
    values = monomials_at(expansion, shifts).view(np.float64)
    values.flags.writeable = False
    return values


@lru_cache(maxsize=64)
def shifts_at_roots(ticks: int, den: int, cost: float) -> ComplexArray:
    """z^cost at the roots of unity of a ``ticks`` grid of 1/den day (shared by every
    chain of a plan: sources change conversions, not days)."""
    freqs = ticks // 2 + 1
    omega = (-2j * np.pi * den / ticks) * np.arange(freqs).astype(np.complex128)
    values = np.exp(omega * cost)
    values.flags.writeable = False
    return values
