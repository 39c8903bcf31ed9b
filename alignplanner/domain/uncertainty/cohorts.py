"""When the plan's cohorts win: per source, the expected wins in each horizon month per
unit of its entry stage's win chance, from the engine's entries and lags (section 3).

A source's net-new units enter in monthly cohorts: the engine's ``monthly_new`` inside the
horizon, and before it the units its trace-back asks for (funnel-math section 3's
pre-plan volume, per month of entry): n_m = sum_j dist[j - m] wins[j] / P for a month
m < 0, wins[j] the source's wins in horizon month j. A unit of cohort m that wins does so
lag months later, the lag drawn from the entry stage's lag distribution ``dist`` (given
that it wins); a pre-plan unit is still open on day one, so its lag is drawn given that
it is at least -m months (dist[d] / P(lag >= -m) for d >= -m). Wins after the horizon
fall outside it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import Solved
from alignplanner.domain.engine.compute import deal_size
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

FloatArray = npt.NDArray[np.float64]


def source_landing(plan: Plan, result: Result, solved: list[Solved]) -> list[FloatArray]:
    """Per source of ``plan.effective_sources()`` (``solved``: its chains), the expected
    number of its cohorts' units that land a win in each horizon month, per unit of win
    chance: sum_m n_m dist[t - m] (the pre-plan cohorts' dist conditional as above)."""
    months = plan.months
    net = np.maximum(0.0, np.asarray(result.target_monthly) - np.asarray(result.pipeline_monthly))
    out = []
    for source, chain, found in zip(plan.effective_sources(), solved, result.sources, strict=True):
        e = plan.stage_index(source.enters)
        dist = chain.lags.dist[e]
        wins = source.share * net / deal_size(plan, source)
        landing = np.convolve(np.asarray(found.monthly_new, dtype=float), dist)[:months]
        for m, (units, share) in enumerate(pre_plan_cohorts(dist, wins, chain.win_prob[e]),
                                           start=1):
            if units > 0.0 and share > 0.0:
                reach = min(months, len(dist) - m)
                landing[:reach] += units * dist[m : m + reach] / share
        out.append(landing)
    return out


def pre_plan_cohorts(dist: FloatArray, wins: FloatArray,
                     win_prob: float) -> list[tuple[float, float]]:
    """(n_m, P(lag >= -m)) for the months m = -1, -2, ... before the plan: the net-new
    units that enter then for the horizon's ``wins`` (summing to the engine's pre-plan
    volume), and the chance that a winning unit is still open on day one."""
    span = len(dist)
    tail = np.cumsum(dist[::-1])[::-1]  # tail[d] = P(lag >= d)
    out = []
    for m in range(1, span):
        reach = min(len(wins), span - m)
        units = float(dist[m : m + reach] @ wins[:reach]) / win_prob
        out.append((units, float(tail[m])))
    return out


def pipeline_landing(dist: FloatArray, months: int) -> FloatArray:
    """The chances that a winning open unit wins in horizon month 0 .. months - 1, then
    after the horizon (summing to 1): it is projected as if it entered on day one."""
    out = np.zeros(months + 1)
    reach = min(months, len(dist))
    out[:reach] = dist[:reach]
    out[months] = max(0.0, 1.0 - float(out[:months].sum()))
    return out
