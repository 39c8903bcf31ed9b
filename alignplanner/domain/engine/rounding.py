"""Section 4 of funnel-math: how exact volumes become integers for people."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from alignplanner.domain.plan.funnel import Rounding

# Exact volumes carry floating-point noise (133.00000000001 must not become 134), about
# 1e-15 of the value; what is forgiven stays far below one unit even at 10^12 entries.
NOISE_ABS = 1e-9
NOISE_REL = 1e-12
# Below this a float, its floor and the fraction between them are exact in float64 and
# int64 alike, so `largest_remainder_rows` gives the integers Python's ints give.
_EXACT_BELOW = 2.0**52


def noise(x: float) -> float:
    """How much floating-point noise rounding forgives around ``x``."""
    return NOISE_ABS + NOISE_REL * abs(x)


def ceil(x: float) -> int:
    return math.ceil(x - noise(x))


def half_up(x: float) -> int:
    return math.floor(x + 0.5 + noise(x))


def round_one(x: float, mode: Rounding) -> int:
    """Round one number the way ``mode`` rounds a single value."""
    return ceil(x) if mode in ("ceil", "chained-ceil") else half_up(x)


def round_stages(volumes: Sequence[float], mode: Rounding) -> tuple[int, ...]:
    """Round stage volumes (top to bottom; the last one is the won stage).

    ``ceil`` and ``nearest`` round every stage on its own. The chained modes round the
    wins first and then walk up: stage i = round(rounded(i+1) * volume_i / volume_(i+1)),
    which is the published rounded(i+1) / c_i when one source enters at the top and
    nothing recycles; a stage whose next stage needs nothing is rounded on its own.
    """
    if mode in ("ceil", "nearest"):
        return tuple(round_one(v, mode) for v in volumes)
    out = [0] * len(volumes)
    for i in range(len(volumes) - 1, -1, -1):
        below = volumes[i + 1] if i + 1 < len(volumes) else 0.0
        if i + 1 < len(volumes) and below > 0.0:
            out[i] = round_one(out[i + 1] * volumes[i] / below, mode)
        else:
            out[i] = round_one(volumes[i], mode)
    return tuple(out)


def monthly_total(monthly_sum: float, volume: float, rounded: int, mode: Rounding) -> int:
    """The integer the monthly integers of a stage add up to: the rounded sum of its
    monthly entries. In the chained modes the sum is scaled by the stage's own
    rounded/volume ratio first, so that when the months hold the whole volume (no
    continuation, nothing pre-plan) they add up to the stage's rounded volume."""
    if mode in ("chained-ceil", "chained-half-up") and volume > 0:
        monthly_sum *= rounded / volume
    return round_one(monthly_sum, mode)


def largest_remainder(values: Sequence[float], total: int) -> tuple[int, ...]:
    """Integers that add up to ``total``, each the floor of its value plus at most one
    extra unit, given to the largest fractional parts (earlier months win ties).

    ``total`` must lie between the sum of the floors and that sum plus len(values);
    it is clamped into that range otherwise.
    """
    floors = [math.floor(v + noise(v)) for v in values]
    floors = [max(0, f) for f in floors]
    missing = total - sum(floors)
    missing = max(0, min(missing, len(values)))
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return tuple(floors)


def largest_remainder_rows(
    values: npt.NDArray[np.float64], totals: Sequence[int]
) -> list[tuple[int, ...]]:
    """`largest_remainder` of each row of ``values`` with its total, for the whole array
    at once: the engine rounds every stage's months on each edit, and the loops of one
    row at a time were a tenth of a recompute of the stress plan.

    The same integers (tests/domain/test_engine_fast_paths.py checks it against
    `largest_remainder`): each element takes the same float operations (the noise, the
    floor, the fraction left), and a stable sort on the negated fractions puts the
    earlier month first among equal ones as the sort key ``(-fraction, month)`` does.
    Values that are not finite or not below 2**52, where a floor in float64 might not be
    the integer Python's gives, go row by row the scalar way."""
    exact = bool((np.abs(values) < _EXACT_BELOW).all())  # False with a NaN too
    if values.size == 0 or not exact or max(map(abs, totals)) >= _EXACT_BELOW:
        return [largest_remainder(row.tolist(), total)
                for row, total in zip(values, totals, strict=True)]
    floors = np.maximum(np.floor(values + (NOISE_ABS + NOISE_REL * np.abs(values))), 0.0)
    whole = floors.astype(np.int64)
    width = values.shape[1]
    missing = np.clip(np.asarray(totals, dtype=np.int64) - whole.sum(axis=1), 0, width)
    order = np.argsort(-(values - floors), axis=1, kind="stable")  # largest fraction first
    rank = np.empty_like(order)  # rank[i, m]: month m's place in row i's order
    rank[np.arange(len(order))[:, None], order] = np.arange(width)
    whole += rank < missing[:, None]
    return [tuple(row) for row in whole.tolist()]
