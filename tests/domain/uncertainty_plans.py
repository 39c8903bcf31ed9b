"""Random small plans for the uncertainty tests: 1 to 4 stages with days on grids of
1/4 day, recycles, maybe a second source with overrides and its own deal size, maybe
open pipeline, 3 to 12 months, with or without next year's targets."""

from __future__ import annotations

from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan

DAYS = st.sampled_from([0.0, 3.0, 7.5, 10.0, 14.0, 21.25, 30.0, 45.0])


@st.composite
def small_plans(draw: st.DrawFn) -> Plan:
    k = draw(st.integers(1, 4))
    rates = draw(st.lists(st.floats(0.1, 1.0), min_size=k, max_size=k))
    days = draw(st.lists(DAYS, min_size=k, max_size=k))
    recycles = {}
    for i in range(k):
        if draw(st.booleans()):
            to = draw(st.integers(0, i))
            recycles[i] = (to, draw(st.floats(0.05, 0.9)), draw(st.sampled_from([5.0, 20, 60])))
    stages = chain(rates, days, recycles)
    sources = []
    if draw(st.booleans()):
        at = draw(st.integers(0, k - 1))
        override = {f"s{at}": draw(st.floats(0.1, 1.0))}
        sources = [Source(id="a", enters="s0", share=0.6),
                   Source(id="b", enters=f"s{at}", share=0.4, average_deal_size=7_000.0,
                          conversion_overrides=override)]
    existing = {f"s{i}": float(draw(st.integers(0, 40))) for i in range(k)
                if draw(st.booleans())}
    return plan(stages, months=draw(st.integers(3, 12)), sources=sources, existing=existing,
                continuation=draw(st.sampled_from(["repeat", "none"])))
