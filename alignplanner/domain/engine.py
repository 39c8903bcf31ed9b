"""The funnel engine: target -> required entries per stage, source and month (backward),
and entries -> expected wins per month (forward). Follows funnel-math sections 1 to 4.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from alignplanner.domain import advice, rounding
from alignplanner.domain.chain import ChainSpec, Solved, solve
from alignplanner.domain.model import Plan, Source
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.results import Result, SourceResult, StageResult
from alignplanner.domain.targets import extended_targets, horizon_targets

FloatArray = npt.NDArray[np.float64]

MAX_VOLUME = 1e12  # entries a plan may need at one stage before it is refused as absurd


def chain_spec(plan: Plan, overrides: Mapping[str, float] | None = None) -> ChainSpec:
    """The chain of ``plan``'s stages, with a source's conversion overrides applied."""
    overrides = overrides or {}
    index = {s.id: i for i, s in enumerate(plan.stages)}
    open_stages = plan.stages[:-1]
    return ChainSpec(
        conversion=tuple(float(overrides.get(s.id, s.conversion or 0.0)) for s in open_stages),
        days=tuple(float(s.days or 0.0) for s in open_stages),
        recycle_to=tuple(index[s.recycle.to] if s.recycle else -1 for s in open_stages),
        recycle_share=tuple(float(s.recycle.share) if s.recycle else 0.0 for s in open_stages),
        recycle_days=tuple(float(s.recycle.after_days) if s.recycle else 0.0 for s in open_stages),
    )


def solve_for(plan: Plan, source: Source | None = None) -> Solved:
    return solve(chain_spec(plan, source.conversion_overrides if source else None))


def deal_size(plan: Plan, source: Source) -> float:
    return float(source.average_deal_size or plan.target.average_deal_size)


@dataclass(frozen=True)
class Forecast:
    """Expected wins and revenue in each plan month."""

    wins: tuple[float, ...]
    revenue: tuple[float, ...]


def _back(series: FloatArray, dist: FloatArray) -> FloatArray:
    """entries[m] = sum_t series[t] * dist[t - m]; index p of the result is month
    p - (len(dist) - 1)."""
    return np.convolve(series, dist[::-1])


def pipeline_wins(plan: Plan, length: int) -> FloatArray:
    """Expected wins per month (0 .. length-1) from the units open at plan start, projected
    with the plan's own rates and lags as if they entered their stage on day one."""
    solved = solve_for(plan)
    wins = np.zeros(length)
    for stage_id, count in plan.pipeline.existing.items():
        i = plan.stage_index(stage_id)
        dist = solved.lags.dist[i]
        n = min(length, len(dist))
        wins[:n] += float(count) * solved.win_prob[i] * dist[:n]
    return wins


def compute(plan: Plan) -> Result:
    """The requirements of ``plan`` (see docs/engine.md for every number's meaning)."""
    months = plan.months
    k = len(plan.stages) - 1
    sources = plan.effective_sources()
    solved = [solve_for(plan, s) for s in sources]
    span = max(s.lags.span for s in (*solved, solve_for(plan)))
    length = months + span if plan.target.continuation == "repeat" else months
    length = max(length, months + span)  # room for pipeline wins landing late

    targets = extended_targets(plan, length)
    credit = pipeline_wins(plan, length) * plan.target.average_deal_size
    net = np.maximum(0.0, targets - credit)
    horizon = np.zeros(length, dtype=bool)
    horizon[:months] = True

    monthly = np.zeros((k + 1, months))
    monthly_new = np.zeros((k + 1, months))
    volume = np.zeros(k + 1)
    new = np.zeros(k + 1)
    pre_plan = np.zeros(k + 1)
    source_results = []
    for source, chain in zip(sources, solved, strict=True):
        size = deal_size(plan, source)
        wins_all = source.share * net / size
        wins_horizon = np.where(horizon, wins_all, 0.0)
        total_wins = float(wins_horizon.sum())
        e = plan.stage_index(source.enters)
        per_win = chain.entries[e] / chain.win_prob[e]  # E_i, re-entries included
        per_win[k] = 1.0
        src_volumes = per_win * total_wins
        src_new_monthly = np.zeros(months)
        src_pre = 0.0
        for i in np.nonzero(per_win > 0.0)[0]:
            dist = chain.lags.dist[i]
            offset = len(dist) - 1
            needed = _back(wins_all, dist)[offset : offset + months]
            before = float(_back(wins_horizon, dist)[:offset].sum())
            monthly[i] += per_win[i] * needed
            pre_plan[i] += per_win[i] * before
            volume[i] += src_volumes[i]
            if i == e:
                first = 1.0 / chain.win_prob[e]
                src_new_monthly = first * needed
                src_pre = first * before
                monthly_new[i] += src_new_monthly
                new[i] += first * total_wins
        source_results.append(
            SourceResult(
                id=source.id,
                enters=source.enters,
                wins=total_wins,
                average_deal_size=size,
                new=total_wins / chain.win_prob[e],
                pre_plan=src_pre,
                monthly_new=_floats(src_new_monthly),
                volumes=_floats(src_volumes),
            )
        )
    _refuse_absurd(plan, volume)

    rounded = rounding.round_stages(volume.tolist(), plan.rounding)
    stage_results = tuple(
        StageResult(
            id=stage.id,
            volume=float(volume[i]),
            new=float(new[i]),
            rounded=rounded[i],
            pre_plan=float(pre_plan[i]),
            monthly=_floats(monthly[i]),
            monthly_new=_floats(monthly_new[i]),
            monthly_rounded=rounding.largest_remainder(
                monthly[i].tolist(),
                rounding.monthly_total(
                    float(monthly[i].sum()), float(volume[i]), rounded[i], plan.rounding
                ),
            ),
        )
        for i, stage in enumerate(plan.stages)
    )
    gross_wins = math.fsum(s.share * plan.target.revenue / deal_size(plan, s) for s in sources)
    pipeline_monthly = credit[:months]
    partial = Result(
        wins=gross_wins,
        wins_rounded=rounding.round_one(gross_wins, plan.rounding),
        pipeline_wins=float(credit[:months].sum() / plan.target.average_deal_size),
        months=tuple(plan.month_start(m) for m in range(months)),
        target_monthly=_floats(horizon_targets(plan)),
        pipeline_monthly=_floats(pipeline_monthly),
        stages=stage_results,
        sources=tuple(source_results),
        warnings=(),
    )
    truncated = any(s.lags.truncated for s in solved)
    warnings = advice.warnings(plan, partial, targets[:months], credit[:months], truncated)
    return Result(**{**partial.__dict__, "warnings": warnings})


def forward(
    plan: Plan,
    stage_id: str,
    entries: Sequence[float],
    *,
    first_month: int = 0,
    source_id: str | None = None,
) -> Forecast:
    """Expected wins and revenue per plan month from net-new ``entries`` into ``stage_id``.

    ``entries[n]`` enter in plan month ``first_month + n`` (negative months are before the
    plan). Conversions and deal size are those of ``source_id`` when given. Pass net-new
    units only: re-entries are already part of each unit's chance to win.
    """
    source = None
    if source_id is not None:
        matches = [s for s in plan.effective_sources() if s.id == source_id]
        if not matches:
            raise KeyError(source_id)
        source = matches[0]
    chain = solve_for(plan, source)
    i = plan.stage_index(stage_id)
    dist = chain.lags.dist[i] * chain.win_prob[i]
    wins_from = np.convolve(np.asarray(entries, dtype=float), dist)  # index p: month first+p
    wins = np.zeros(plan.months)
    for p, value in enumerate(wins_from):
        month = first_month + p
        if 0 <= month < plan.months:
            wins[month] += value
    size = deal_size(plan, source) if source else float(plan.target.average_deal_size)
    return Forecast(_floats(wins), _floats(wins * size))


def _refuse_absurd(plan: Plan, volume: FloatArray) -> None:
    if np.all(np.isfinite(volume)) and float(volume.max(initial=0.0)) <= MAX_VOLUME:
        return
    open_stages = [(s.conversion or 1.0, i) for i, s in enumerate(plan.stages[:-1])]
    _, worst = min(open_stages)
    stage = plan.stages[worst]
    raise PlanInvalid([
        Problem(
            ("stages", worst, "conversion"),
            f"with these conversions the plan needs more than {MAX_VOLUME:,.0f} entries at one "
            f"stage; {stage.name}'s conversion of {(stage.conversion or 0) * 100:g}% is the "
            "lowest: raise it",
        )
    ])


def _floats(values: FloatArray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)
