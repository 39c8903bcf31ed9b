"""The laws of every calibration, whatever the history: values inside their intervals,
rates in [0, 1], lags as monthly mass adding up to 1 whose mean is the stated mean,
shrunk rates between the raw and the pooled one; and accepting all of them gives a plan
that computes. Random funnels from the estimates' own factory."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "actuals"))
from event_factory import START, random_events

from alignplanner.domain.calibration.history import calibrate
from alignplanner.domain.edits.calibration import accept
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

MONTH = 365.25 / 12


def _plan(stages: int) -> Plan:
    ids = [f"s{i}" for i in range(stages)]
    return Plan(
        name="Laws", start=date(2027, 1, 1), months=12,
        target=Target(revenue=1_000_000, average_deal_size=10_000),
        stages=(*(Stage(i, f"Stage {i}", conversion=0.5, days=20, stale_after_days=90)
                  for i in ids[:-1]), Stage(ids[-1], "Won")),
        sources=(Source("src0", "s0", 0.5), Source("src1", ids[max(0, stages - 2)], 0.5)),
    )


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), stages=st.integers(2, 5), age=st.integers(60, 900),
       records=st.integers(30, 600))
def test_the_laws_of_a_calibration(seed: int, stages: int, age: int, records: int) -> None:
    raw = random_events(records, stages, seed, span=730, sources=3)
    events = replace(raw, stages=tuple(s.lower() for s in raw.stages))
    as_of = date.fromordinal(START) + timedelta(days=age)
    plan = _plan(stages)
    cal = calibrate(plan, events, as_of, {s.id: 90 for s in plan.stages[:-1]})
    for f in cal.figures:
        for e in (f.estimate, f.shrunk):
            if e is None:
                continue
            assert e.low <= e.value + 1e-9
            assert e.value <= e.high + 1e-9
            if f.kind == "conversion":
                assert e.low >= 0.0
                assert e.high <= 1.0
        if f.kind == "lag" and f.estimate is not None:
            assert sum(f.lag) == pytest.approx(1.0)
            assert sum(i * v for i, v in enumerate(f.lag)) * MONTH == pytest.approx(
                f.estimate.value)
            assert len(f.lag) <= 90 / MONTH + 2  # lags within the 90-day window
        if f.shrunk is not None and f.estimate is not None:
            pooled = cal.figure(f"stages.{f.stage}.conversion").estimate
            assert pooled is not None
            low, high = sorted((f.estimate.value, pooled.value))
            assert low - 1e-9 <= f.shrunk.value <= high + 1e-9
    compute(accept(plan, [f for f in cal.figures if f.acceptable]))
