"""The tornado's outcomes for all its swung plans at once (docs/uncertainty.md).

A swing changes one conversion, days, recycle share or the deal size; the outcome needs
only part of what `compute` works out, and that part is solved for every swung plan
together: the chains' win chances and expected entries from one batched inverse
N = (I - Q)^-1, and the month-binned win mass inside the horizon of the rows that count
(the pipeline's stages on the plan's own chain; each source's entry stage on its chain,
for revenue) from `win_mass`, in one pass of array operations. Then, as in `compute`
(funnel-math sections 1 to 3):

- credit[t] = sum over the pipeline's stages of count x mass[stage, t] x deal size;
- wins_s[t] = share_s x max(0, target[t] - credit[t]) / deal size_s, and source s needs
  new_s = sum_t wins_s[t] / P_(entry stage) net-new units; volume = sum_s new_s;
- revenue = the credit plus, per source, the plan's own monthly net-new units convolved
  with the swung chain's win mass at the entry stage, inside the horizon, x deal size.

A swing that `compute` could refuse (absurd volumes, close to the limit or beyond) or
whose lags `win_mass` leaves to the engine gives None: the caller asks `compute`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import ChainSpec
from alignplanner.domain.engine.compute import MAX_VOLUME, _chain_specs, deal_size
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.uncertainty.win_mass import win_mass

FloatArray = npt.NDArray[np.float64]
NEAR = 1.0 - 1e-9  # volumes this close to MAX_VOLUME are left to `compute` to judge


def outcomes(base: Plan, base_result: Result, swung: Sequence[Plan],
             outcome: Literal["volume", "revenue"]) -> list[float | None]:
    """The outcome of each of ``swung`` (``base`` with one driver moved), or None where
    `compute` must decide."""
    if not swung:
        return []
    sources = base.effective_sources()
    chains = [_chain_specs(plan, sources) for plan in swung]  # per source, then the plan's
    unique = list(dict.fromkeys(spec for specs in chains for spec in specs))
    number = {spec: n for n, spec in enumerate(unique)}
    with np.errstate(all="ignore"):
        try:
            win_prob, entries = _solved(unique)
        except np.linalg.LinAlgError:
            return [None] * len(swung)
        credit, credit_ok = _pipeline_mass(base, [specs[-1] for specs in chains])
        revenue = (_entry_mass(base, base_result, chains) if outcome == "revenue"
                   else None)
        found: list[float | None] = []
        for v, (plan, specs) in enumerate(zip(swung, chains, strict=True)):
            by_source = revenue[v] if revenue is not None else None
            if not credit_ok[v] or (revenue is not None and by_source is None):
                found.append(None)
                continue
            entry = [number[s] for s in specs[:-1]]
            money = credit[v] * plan.target.average_deal_size
            volume = _volume(plan, base_result, entry, win_prob=win_prob, entries=entries,
                             credit=money)
            if volume is None or by_source is None:
                found.append(volume)
                continue
            sizes = [deal_size(plan, s) for s in sources]
            found.append(math.fsum(money) + math.fsum(
                size * value for size, value in zip(sizes, by_source, strict=True)))
    return found


def _solved(specs: Sequence[ChainSpec]) -> tuple[FloatArray, FloatArray]:
    """Win chances P (chains, k + 1) and expected entries (chains, k, k + 1), as
    `chain._solved` works them out."""
    k = specs[0].size
    conversion = np.array([s.conversion for s in specs])
    q = np.zeros((len(specs), k, k))
    q[:, np.arange(k - 1), np.arange(1, k)] = conversion[:, :-1]
    for i, j in enumerate(specs[0].recycle_to):
        if j >= 0:
            q[:, i, j] += (1.0 - conversion[:, i]) * [s.recycle_share[i] for s in specs]
    fundamental = np.linalg.inv(np.eye(k) - q)
    p_transient = fundamental[:, :, k - 1] * conversion[:, k - 1, None]
    win_prob = np.hstack([p_transient, np.ones((len(specs), 1))])
    return win_prob, np.concatenate([fundamental, p_transient[:, :, None]], axis=2)


def _pipeline_mass(base: Plan, plain: list[ChainSpec]) -> tuple[FloatArray, list[bool]]:
    """Expected pipeline wins per horizon month (variants, months) on each variant's own
    chain, and whether `win_mass` worked them out."""
    existing = base.pipeline.existing
    if not existing:
        return np.zeros((len(plain), base.months)), [True] * len(plain)
    unique = list(dict.fromkeys(plain))
    rows = [base.stage_index(stage_id) for stage_id in existing]
    mass, exact = win_mass(unique, [rows] * len(unique), base.months)
    counts = np.array([float(count) for count in existing.values()])
    wins = np.einsum("r,brt->bt", counts, mass)
    at = {spec: n for n, spec in enumerate(unique)}
    picked = [at[spec] for spec in plain]
    return wins[picked], [bool(exact[n]) for n in picked]


def _entry_mass(base: Plan, base_result: Result, chains: list[list[ChainSpec]]
                ) -> list[list[float] | None]:
    """Per variant and source, the expected wins inside the horizon from the plan's own
    monthly net-new units at the source's entry stage (None where `win_mass` did not
    work them out)."""
    sources = base.effective_sources()
    rows = [base.stage_index(s.enters) for s in sources]
    pairs = list(dict.fromkeys((spec, row) for specs in chains
                               for spec, row in zip(specs[:-1], rows, strict=True)))
    mass, exact = win_mass([spec for spec, _ in pairs], [[row] for _, row in pairs],
                           base.months)
    at = {pair: n for n, pair in enumerate(pairs)}
    months = base.months
    new = [np.asarray(s.monthly_new, dtype=float) for s in base_result.sources]
    out: list[list[float] | None] = []
    for specs in chains:
        numbers = [at[pair] for pair in zip(specs[:-1], rows, strict=True)]
        if not all(exact[n] for n in numbers):
            out.append(None)
            continue
        out.append([float(np.convolve(entries, mass[n, 0])[:months].sum())
                    for entries, n in zip(new, numbers, strict=True)])
    return out


def _volume(plan: Plan, base_result: Result, entry: list[int], *, win_prob: FloatArray,
            entries: FloatArray, credit: FloatArray) -> float | None:
    """Net-new volume at the top for the target, sources summed, as `compute` finds it
    (None where `compute` may refuse the plan)."""
    sources = plan.effective_sources()
    target = np.asarray(base_result.target_monthly)
    net = np.maximum(0.0, target - credit)
    stage_volume = np.zeros(len(plan.stages))
    total = []
    for source, n in zip(sources, entry, strict=True):
        size = deal_size(plan, source)
        if source.share * plan.target.revenue / size > MAX_VOLUME * NEAR:
            return None
        e = plan.stage_index(source.enters)
        wins = float((source.share * net / size).sum())
        per_win = entries[n, e] / win_prob[n, e]
        per_win[-1] = 1.0
        first = float(np.float64(1.0) / win_prob[n, e])
        stage_volume += per_win * wins
        total.append(first * wins)
    if not (np.all(np.isfinite(stage_volume)) and all(map(math.isfinite, total))):
        return None
    if float(stage_volume.max(initial=0.0)) > MAX_VOLUME * NEAR:
        return None
    return math.fsum(total)
