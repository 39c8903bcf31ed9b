"""A history generated from a known funnel, censored at as_of: the calibrated values
recover the known rate, lag and deal size within their stated uncertainty, while the
naive figures (converted / entered, the lag over whoever converted so far) are
measurably biased; accepting them puts the known funnel in the plan.

The generator is the one of tests/domain/review/test_review_known_funnel.py, with two
sources and amounts on the wins."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.calibration.history import Z, calibrate
from alignplanner.domain.edits.calibration import accept
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

AS_OF = date(2025, 6, 30)
RATE = 0.4  # P(reach won), every conversion within LAG_MAX days
LAG_MAX = 120  # lags uniform on 1 .. LAG_MAX days
WINDOW = 150
RECORDS = 5000
SPAN = 365  # records enter over the year before as_of
DEAL = 20_000.0  # amounts exponential with this mean


def _history(seed: int) -> Events:
    rng = np.random.default_rng(seed)
    entry = AS_OF.toordinal() - rng.integers(0, SPAN, RECORDS)
    converts = rng.random(RECORDS) < RATE
    later = entry + rng.integers(1, LAG_MAX + 1, RECORDS)
    won = np.flatnonzero(converts & (later <= AS_OF.toordinal()))
    amount = np.where(np.isin(np.arange(RECORDS), won), rng.exponential(DEAL, RECORDS), np.nan)
    source = (np.arange(RECORDS) >= RECORDS - 40).astype(np.int32)  # the last 40: Partner
    return Events(
        stages=("lead", "won"), record_ids=tuple(f"r{i}" for i in range(RECORDS)),
        record=np.concatenate([np.arange(RECORDS), won]).astype(np.int32),
        stage=np.concatenate([np.zeros(RECORDS), np.ones(len(won))]).astype(np.int16),
        day=np.concatenate([entry, later[won]]).astype(np.int32),
        sources=("Inbound", "Partner"), source=source, amount=amount,
    )


def _plan() -> Plan:
    return Plan(
        name="Known", start=date(2025, 7, 1), months=12,
        target=Target(revenue=2_400_000, average_deal_size=30_000),
        stages=(Stage("lead", "Lead", conversion=0.25, days=20, stale_after_days=WINDOW),
                Stage("won", "Won")),
        sources=(Source("inbound", "lead", 0.9, "Inbound"),
                 Source("partner", "lead", 0.1, "Partner")),
    )


def _se(estimate_: object) -> float:
    """The standard error an 80% normal interval states: its half-width over z."""
    return (estimate_.high - estimate_.low) / 2 / Z  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_calibrated_values_recover_the_known_funnel(seed: int) -> None:
    events = _history(seed)
    cal = calibrate(_plan(), events, AS_OF, {"lead": WINDOW})
    rate = cal.figure("stages.lead.conversion").estimate
    assert rate is not None
    sd = math.sqrt(RATE * (1 - RATE) / rate.n)
    assert abs(rate.value - RATE) < 3 * sd
    assert rate.low - 2 * sd < RATE < rate.high + 2 * sd  # 80% interval, +- 2 sd of slack
    # The naive rate is measurably low: a third of the records entered within LAG_MAX
    # days of as_of and had on average half the time: 0.4 * (1 - 1/3 * 1/2) = 0.333.
    (naive,) = estimate(events, AS_OF, {"lead": WINDOW}).transitions
    assert naive.naive_rate is not None
    assert RATE - naive.naive_rate > 5 * math.sqrt(RATE * (1 - RATE) / naive.entered)
    assert not rate.low < naive.naive_rate < rate.high

    # The lag: uniform on 1 .. 120 days, mean 60.5; the naive mean over whoever has
    # converted so far misses the long lags of the young records. A record entered t
    # days before as_of shows its lag L when L <= t: for t >= 120 (245 of 365 days) all,
    # mean 60.5; for t < 120 with chance t / 120, mean (t + 1) / 2. Expected naive mean:
    # (245 * 60.5 + sum t (t + 1) / 240) / (245 + sum t / 120), t = 0 .. 119,
    # = (14822.5 + 2399.8) / 304.5 = 56.56 days.
    lag = cal.figure("stages.lead.lag")
    assert lag.estimate is not None
    true_mean = (LAG_MAX + 1) / 2
    assert abs(lag.estimate.value - true_mean) < 3 * _se(lag.estimate)
    assert naive.days is not None
    assert naive.days.mean == pytest.approx(17222.3 / 304.5, abs=3 * _se(lag.estimate))
    assert true_mean - naive.days.mean > 3 * _se(lag.estimate)
    # Its monthly mass: uniform days give about 1/4 of the mass in each of months 1..3
    # (120 days = 3.94 months), month 0 and 4 the split ends.
    assert len(lag.lag) == 5
    assert sum(lag.lag) == pytest.approx(1)
    assert sum(i * v for i, v in enumerate(lag.lag)) * 365.25 / 12 == pytest.approx(
        lag.estimate.value)

    deal = cal.figure("target.average_deal_size").estimate
    assert deal is not None
    assert abs(deal.value - DEAL) < 3 * _se(deal)

    # Partner, 40 records of the same funnel: its raw rate swings, the shrunk one sits
    # near the pooled rate (the sources do not differ).
    partner = cal.figure("sources.partner.conversion.lead")
    assert partner.small
    assert partner.shrunk is not None
    assert partner.estimate is not None
    pooled = rate.value
    assert abs(partner.shrunk.value - pooled) <= abs(partner.estimate.value - pooled) + 1e-12
    assert abs(partner.shrunk.value - RATE) < 3 * sd + 0.01


def test_accepting_everything_puts_the_known_funnel_in_the_plan() -> None:
    plan = _plan()
    cal = calibrate(plan, _history(1), AS_OF, {"lead": WINDOW})
    new = accept(plan, [f for f in cal.figures if f.acceptable])
    lead = new.stages[0]
    rate = cal.figure("stages.lead.conversion").estimate
    assert rate is not None
    assert lead.conversion == round(rate.value, 4)
    assert lead.lag is not None
    assert sum(lead.lag) == pytest.approx(1, abs=1e-6)
    assert lead.days == pytest.approx(sum(i * v for i, v in enumerate(lead.lag)) * 365.25 / 12,
                                      abs=0.05)
    assert new.target.average_deal_size != plan.target.average_deal_size
    assert "lead" in new.sources[1].conversion_overrides
    compute(new)  # the calibrated plan computes
