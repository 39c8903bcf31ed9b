"""The engine's attribution of wins to entries, every stage at once (`engine._attribute`),
against the general path it replaced, stage by stage with one convolution each
(`attribute_each` below): the same demand and source results to 1e-12 (hypothesis),
on looped and plain chains, short and long plans, with several sources. And against the
same done straightforwardly (`attribute_at_once`: every chain traced again, numpy's
sliding windows), to the last bit: what the engine keeps of a chain between computes
and the windows it makes directly change no number."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.contract import reader
from alignplanner.domain.engine import compute as engine
from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import SourceResult

ROOT = Path(__file__).resolve().parents[2]


def attribute_each(plan: Plan, source: Source, chain: engine.Solved, net: np.ndarray,
                   demand: engine._Demand) -> SourceResult:
    """The engine's `_attribute` stage by stage, one convolution each: the general path
    the engine's vectorised one replaced, kept here as the reference it must agree with."""
    months = plan.months
    k = len(plan.stages) - 1
    size = engine.deal_size(plan, source)
    wins_all = source.share * net / size
    wins_horizon = np.zeros_like(wins_all)
    wins_horizon[:months] = wins_all[:months]
    total_wins = float(wins_horizon.sum())
    e = plan.stage_index(source.enters)
    per_win = chain.entries[e] / chain.win_prob[e]  # E_i, re-entries included
    per_win[k] = 1.0
    # net-new units per win at the entry stage; a win chance that underflows to 0 gives
    # infinity here, which _refuse_absurd turns into a problem naming the conversion
    first = float(np.float64(1.0) / chain.win_prob[e])
    new_monthly = np.zeros(months)
    new_before = 0.0
    for i in np.nonzero(per_win > 0.0)[0]:
        dist = chain.lags.dist[i]
        offset = len(dist) - 1
        needed = np.convolve(wins_all, dist[::-1])[offset : offset + months]
        before = float(np.convolve(wins_horizon, dist[::-1])[:offset].sum())
        demand.monthly[i] += per_win[i] * needed
        demand.pre_plan[i] += per_win[i] * before
        demand.volume[i] += per_win[i] * total_wins
        if i == e:
            new_monthly, new_before = first * needed, first * before
            demand.monthly_new[i] += new_monthly
            demand.new[i] += first * total_wins
    return SourceResult(
        id=source.id, enters=source.enters, wins=total_wins, average_deal_size=size,
        new=first * total_wins, pre_plan=new_before, monthly_new=engine._floats(new_monthly),
        volumes=engine._floats(per_win * total_wins),
    )


def attributed(p: Plan, attribute: object) -> list[object]:
    """Demand arrays and source results of ``p`` with the given attribution."""
    months = p.months
    sources = p.effective_sources()
    solved = [engine.solve_for(p, s) for s in sources]
    span = max(s.lags.span for s in (*solved, engine.solve_for(p)))
    length = months + span
    targets = engine.extended_targets(p, length)
    credit = engine.pipeline_wins(p, length) * p.target.average_deal_size
    net = np.maximum(0.0, targets - credit)
    demand = engine._Demand.empty(len(p.stages), months)
    results = [attribute(p, s, c, net, demand)  # type: ignore[operator]
               for s, c in zip(sources, solved, strict=True)]
    return [demand.monthly, demand.monthly_new, demand.volume, demand.new, demand.pre_plan,
            *results]


def assert_close(fast: list[object], general: list[object]) -> None:
    for a, b in zip(fast, general, strict=True):
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12 * max(1.0, np.abs(b).max()))
            continue
        for name in ("wins", "new", "pre_plan", "average_deal_size"):
            x, y = getattr(a, name), getattr(b, name)
            assert abs(x - y) <= 1e-12 * max(1.0, abs(y)), name
        for name in ("monthly_new", "volumes"):
            x, y = np.asarray(getattr(a, name)), np.asarray(getattr(b, name))
            np.testing.assert_allclose(x, y, rtol=1e-12, atol=1e-12 * max(1.0, np.abs(y).max()))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    k = draw(st.integers(min_value=1, max_value=6))
    convs = draw(st.lists(st.floats(min_value=0.1, max_value=1.0), min_size=k, max_size=k))
    days = draw(st.lists(st.sampled_from([0.0, 7.0, 14.5, 30.0, 45.0, 90.0, 200.0]),
                         min_size=k, max_size=k))
    recycles = {}
    for i in range(k):
        if draw(st.booleans()):
            j = draw(st.integers(min_value=0, max_value=i))
            recycles[i] = (j, draw(st.floats(min_value=0.05, max_value=0.6)),
                           draw(st.sampled_from([0.0, 10.0, 30.0, 90.0])))
    stages = chain(convs, days, recycles)
    sources: list[Source] = []
    if k > 1 and draw(st.booleans()):
        sources = [Source(id="a", enters="s0", share=0.6),
                   Source(id="b", enters=f"s{draw(st.integers(1, k - 1))}", share=0.4,
                          average_deal_size=draw(st.sampled_from([None, 25_000.0])),
                          conversion_overrides={"s0": 0.5} if k > 1 else {})]
    existing = {"s0": draw(st.sampled_from([0.0, 40.0]))}
    return plan(stages, months=draw(st.sampled_from([1, 3, 12, 36])), sources=sources,
                existing=existing, growth=draw(st.sampled_from([0.0, 0.3])))


@settings(max_examples=60, deadline=None)
@given(plans())
def test_every_stage_at_once_agrees_with_stage_by_stage(p: Plan) -> None:
    with np.errstate(all="ignore"):
        assert_close(attributed(p, engine._attribute), attributed(p, attribute_each))


def test_the_sample_plans_agree() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        p = reader.load(path).plan
        with np.errstate(all="ignore"):
            assert_close(attributed(p, engine._attribute),
                         attributed(p, attribute_each))
