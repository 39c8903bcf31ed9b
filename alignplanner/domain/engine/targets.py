"""Monthly revenue targets, continued past the horizon (funnel-math section 3)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from alignplanner.domain.checks import MAX_MONEY
from alignplanner.domain.plan.plan import Plan

FloatArray = npt.NDArray[np.float64]


def horizon_targets(plan: Plan) -> FloatArray:
    """Revenue target of each plan month."""
    return plan.target.revenue * np.asarray(plan.target.weights(plan.months))


def extended_targets(plan: Plan, length: int) -> FloatArray:
    """Targets for months 0 .. length-1 (length >= plan.months).

    Past the horizon, with continuation "repeat": a horizon shorter than a year is first
    repeated as it is up to twelve months; after that a month's target is that of the
    same month one year earlier times (1 + growth). With "none" they are zero.
    """
    months = plan.months
    out = np.zeros(max(length, months))
    out[:months] = horizon_targets(plan)
    if plan.target.continuation == "none":
        return out
    year = max(12, months)
    for t in range(months, min(year, len(out))):
        out[t] = out[t - months]
    factor = 1.0 + plan.target.growth
    for t in range(year, len(out)):
        # Growth compounds over decades only in plans whose loops keep leads for decades;
        # capping a month's target keeps those numbers finite.
        out[t] = min(out[t - 12] * factor, MAX_MONEY)
    return out
