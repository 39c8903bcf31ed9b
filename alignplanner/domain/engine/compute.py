"""The funnel engine: target -> required entries per stage, source and month (backward),
and entries -> expected wins per month (forward). Follows funnel-math sections 1 to 4.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from alignplanner.domain.advice import funnel as advice
from alignplanner.domain.engine import operations, rounding
from alignplanner.domain.engine.chain import ChainSpec, Solved, solve
from alignplanner.domain.engine.targets import extended_targets, horizon_targets
from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.results import Result, SourceResult, StageResult

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
        lag_mass=(tuple(tuple(s.lag or ()) for s in open_stages)
                  if any(s.lag for s in open_stages) else ()),
    )


def _chain_specs(plan: Plan, sources: Sequence[Source]) -> list[ChainSpec]:
    """``chain_spec(plan, s.conversion_overrides)`` for each of ``sources``, then
    ``chain_spec(plan)``: the same specs, with what they share (days, recycles, the
    stages' own conversions) worked out once rather than once a source."""
    plain = chain_spec(plan)
    ids = [s.id for s in plan.stages[:-1]]
    specs = []
    for source in sources:
        overrides = source.conversion_overrides
        if not overrides:
            specs.append(plain)
            continue
        conversion = tuple(float(overrides[i]) if i in overrides else c
                           for i, c in zip(ids, plain.conversion, strict=True))
        specs.append(ChainSpec(conversion, plain.days, plain.recycle_to, plain.recycle_share,
                               plain.recycle_days, plain.lag_mass))
    return [*specs, plain]


def solve_for(plan: Plan, source: Source | None = None) -> Solved:
    return solve(chain_spec(plan, source.conversion_overrides if source else None))


def deal_size(plan: Plan, source: Source) -> float:
    return float(source.average_deal_size or plan.target.average_deal_size)


@dataclass(frozen=True)
class Forecast:
    """Expected wins and revenue in each plan month."""

    wins: tuple[float, ...]
    revenue: tuple[float, ...]


def pipeline_wins(plan: Plan, length: int) -> FloatArray:
    """Expected wins per month (0 .. length-1) from the units open at plan start, projected
    with the plan's own rates and lags as if they entered their stage on day one."""
    return _pipeline_wins(plan, solve_for(plan), length)


def _pipeline_wins(plan: Plan, solved: Solved, length: int) -> FloatArray:
    """`pipeline_wins` with the plan's own chain already solved."""
    wins = np.zeros(length)
    for stage_id, count in plan.pipeline.existing.items():
        i = plan.stage_index(stage_id)
        dist = solved.lags.dist[i]
        n = min(length, len(dist))
        wins[:n] += float(count) * solved.win_prob[i] * dist[:n]
    return wins


@dataclass
class _Demand:
    """Entries needed per stage (rows 0..k), summed over sources."""

    monthly: FloatArray
    monthly_new: FloatArray
    volume: FloatArray
    new: FloatArray
    pre_plan: FloatArray

    @classmethod
    def empty(cls, stages: int, months: int) -> _Demand:
        return cls(np.zeros((stages, months)), np.zeros((stages, months)), np.zeros(stages),
                   np.zeros(stages), np.zeros(stages))


def _attribute(plan: Plan, source: Source, chain: Solved, net: FloatArray,
               demand: _Demand) -> SourceResult:
    """Trace one source's share of the monthly wins back to entries (section 3) and add
    them to ``demand``: every stage at once (tests/domain/test_attribution.py checks it to
    1e-12 against the same, stage by stage with one convolution each).

    ``needed[i, m] = sum_d dist[i, d] wins[m + d]`` (the wins d months after an entry in
    month m), and the entries before the plan ``before[i] = sum_j wins_horizon[j] *
    P(lag > j)`` (a win in month j whose entry came more than j months earlier)."""
    months = plan.months
    size = deal_size(plan, source)
    wins_all = source.share * net / size
    total_wins = float(wins_all[:months].sum())
    e = plan.stage_index(source.enters)
    per_win = chain.entries[e] / chain.win_prob[e]  # E_i, re-entries included
    per_win[-1] = 1.0
    # net-new units per win at the entry stage; a win chance that underflows to 0 gives
    # infinity here, which _refuse_absurd turns into a problem naming the conversion
    first = float(np.float64(1.0) / chain.win_prob[e])
    rows = np.flatnonzero(per_win > 0.0)  # the stages a win passes through
    dist, weights = chain.lags.dist[rows], per_win[rows]  # (rows, span), (rows,)
    span = dist.shape[1]
    later = np.cumsum(dist[:, ::-1], axis=1)[:, ::-1]  # later[:, d] = P(lag >= d)
    windows = wins_all[np.add.outer(np.arange(months), np.arange(span))]  # [m, d] = wins[m + d]
    needed = dist @ windows.T  # (rows, months)
    reach = min(months, span - 1)
    before = later[:, 1 : reach + 1] @ wins_all[:reach]  # P(lag > j) = later[:, j + 1]
    demand.monthly[rows] += weights[:, None] * needed
    demand.pre_plan[rows] += weights * before
    demand.volume[rows] += weights * total_wins
    new_monthly, new_before = np.zeros(months), 0.0
    at = np.flatnonzero(rows == e)
    if len(at):
        new_monthly, new_before = first * needed[at[0]], first * float(before[at[0]])
        demand.monthly_new[e] += new_monthly
        demand.new[e] += first * total_wins
    return SourceResult(
        id=source.id, enters=source.enters, wins=total_wins, average_deal_size=size,
        new=first * total_wins, pre_plan=new_before, monthly_new=_floats(new_monthly),
        volumes=_floats(per_win * total_wins),
    )


def compute(plan: Plan) -> Result:
    """The requirements of ``plan`` (see docs/engine.md for every number's meaning).

    Raises PlanInvalid, naming the field to change, when the plan would need absurd
    volumes (more than MAX_VOLUME entries at a stage or wins)."""
    _refuse_absurd_wins(plan)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return _compute(plan)


def _compute(plan: Plan) -> Result:
    months = plan.months
    sources = plan.effective_sources()
    *solved, base = solve.many(_chain_specs(plan, sources))  # together: see `chain.solve`
    span = max(s.lags.span for s in (*solved, base))
    length = months + span  # later wins cannot need entries inside the plan

    targets = extended_targets(plan, length)
    credit = _pipeline_wins(plan, base, length) * plan.target.average_deal_size
    net = np.maximum(0.0, targets - credit)
    demand = _Demand.empty(len(plan.stages), months)
    source_results = tuple(
        _attribute(plan, source, chain, net, demand)
        for source, chain in zip(sources, solved, strict=True)
    )
    _refuse_absurd(plan, demand)
    gross_wins = math.fsum(s.share * plan.target.revenue / deal_size(plan, s) for s in sources)
    partial = Result(
        wins=gross_wins,
        wins_rounded=rounding.round_one(gross_wins, plan.rounding),
        pipeline_wins=float(credit[:months].sum() / plan.target.average_deal_size),
        months=tuple(plan.month_start(m) for m in range(months)),
        target_monthly=_floats(horizon_targets(plan)),
        pipeline_monthly=_floats(credit[:months]),
        stages=_stage_results(plan, demand),
        sources=source_results,
        warnings=(),
    )
    truncated = any(s.lags.truncated for s in solved)
    found = advice.warnings(plan, partial, _floats(targets[:months]), _floats(credit[:months]),
                            truncated)
    return operations.complete(plan, replace(partial, warnings=found))


def _stage_results(plan: Plan, demand: _Demand) -> tuple[StageResult, ...]:
    volume = demand.volume.tolist()
    rounded = rounding.round_stages(volume, plan.rounding)
    totals = [
        rounding.monthly_total(float(row.sum()), volume[i], rounded[i], plan.rounding)
        for i, row in enumerate(demand.monthly)
    ]
    monthly_rounded = rounding.largest_remainder_rows(demand.monthly, totals)
    new, pre_plan = demand.new.tolist(), demand.pre_plan.tolist()
    monthly, monthly_new = demand.monthly.tolist(), demand.monthly_new.tolist()
    return tuple(
        StageResult(
            id=stage.id,
            volume=volume[i],
            new=new[i],
            rounded=rounded[i],
            pre_plan=pre_plan[i],
            monthly=tuple(monthly[i]),
            monthly_new=tuple(monthly_new[i]),
            monthly_rounded=monthly_rounded[i],
        )
        for i, stage in enumerate(plan.stages)
    )


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


def _refuse_absurd_wins(plan: Plan) -> None:
    """A deal size so small that the wins alone are absurd is the deal size's fault."""
    for i, source in enumerate(plan.effective_sources()):
        wins = source.share * plan.target.revenue / deal_size(plan, source)
        if wins > MAX_VOLUME:
            path: tuple[str | int, ...] = (
                ("sources", i, "average_deal_size") if source.average_deal_size
                else ("target", "average_deal_size"))
            raise PlanInvalid([Problem(
                path, f"a deal size of {deal_size(plan, source):g} means more than "
                f"{MAX_VOLUME:,.0f} deals for the target; enter the average deal size in "
                f"{plan.currency}")])


def _refuse_absurd(plan: Plan, demand: _Demand) -> None:
    arrays = (demand.volume, demand.monthly, demand.pre_plan, demand.new, demand.monthly_new)
    finite = all(bool(np.all(np.isfinite(a))) for a in arrays)
    if finite and float(demand.volume.max(initial=0.0)) <= MAX_VOLUME:
        return
    path, rate = lowest_conversion(plan)
    raise PlanInvalid([
        Problem(
            path,
            f"with these conversions the plan needs more than {MAX_VOLUME:,.0f} entries at one "
            f"stage; the lowest conversion, {rate * 100:.3g}%, is the cause: raise it",
        )
    ])


def lowest_conversion(plan: Plan) -> tuple[tuple[str | int, ...], float]:
    """The path and value of the lowest conversion in ``plan``, source overrides included:
    the rate to blame when the volumes are absurd or the chance of a win underflows."""
    found: list[tuple[float, tuple[str | int, ...]]] = [
        (float(s.conversion), ("stages", i, "conversion"))
        for i, s in enumerate(plan.stages) if s.conversion is not None
    ]
    found += [
        (float(rate), ("sources", i, "conversion_overrides", stage_id))
        for i, src in enumerate(plan.sources)
        for stage_id, rate in src.conversion_overrides.items()
    ]
    rate, path = min(found, default=(0.0, ("stages",)))
    return path, rate


def _floats(values: FloatArray) -> tuple[float, ...]:
    """The values as Python floats (``tolist`` converts each exactly, as ``float`` does,
    in one call instead of one per month)."""
    return tuple(np.asarray(values, dtype=np.float64).tolist())
