"""Section 4 of funnel-math: how exact volumes become integers for people."""

from __future__ import annotations

import math
from collections.abc import Sequence

from alignplanner.domain.model import Rounding

# Exact volumes carry floating-point noise (133.00000000001 must not become 134), about
# 1e-15 of the value; what is forgiven stays far below one unit even at 10^12 entries.
NOISE_ABS = 1e-9
NOISE_REL = 1e-12


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
