"""Calibrating a small plan from a handful of records, every number worked out by hand
(and the intervals against scipy.stats)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from scipy import stats

from alignplanner.domain.actuals.events import LOST, Events
from alignplanner.domain.calibration.history import calibrate
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

AS_OF = date(2026, 6, 30)
MONTH = 365.25 / 12


def _plan() -> Plan:
    return Plan(
        name="Hand", start=date(2027, 1, 1), months=12,
        target=Target(revenue=1_000_000, average_deal_size=2500),
        stages=(Stage("lead", "Lead", conversion=0.4, days=7, stale_after_days=30),
                Stage("mql", "MQL", conversion=0.3, days=14, stale_after_days=30),
                Stage("won", "Won")),
        sources=(Source("inbound", "lead", 0.6, "Inbound"),
                 Source("partner", "lead", 0.4, "Partner", average_deal_size=4000)),
    )


def _events() -> Events:
    """r1 inbound: lead Jan 1, MQL Jan 11 (10 days), won Jan 21 for 1000.
    r2 inbound: lead Jan 5, MQL Jan 25 (20 days), lost Feb 10.
    r3 inbound: lead Feb 1, nothing since.
    r4 partner: lead Mar 1, MQL Apr 15 (45 days, past the 30-day window), won Apr 20
    for 3000.
    r5 partner: lead Jun 20 (ten days before as_of: too young to count)."""
    d = lambda iso: date.fromisoformat(iso).toordinal()  # noqa: E731
    rows = [(0, 0, "2026-01-01"), (0, 1, "2026-01-11"), (0, 2, "2026-01-21"),
            (1, 0, "2026-01-05"), (1, 1, "2026-01-25"), (1, LOST, "2026-02-10"),
            (2, 0, "2026-02-01"),
            (3, 0, "2026-03-01"), (3, 1, "2026-04-15"), (3, 2, "2026-04-20"),
            (4, 0, "2026-06-20")]
    return Events(
        stages=("lead", "mql", "won"), record_ids=("r1", "r2", "r3", "r4", "r5"),
        record=np.array([r for r, _, _ in rows], np.int32),
        stage=np.array([s for _, s, _ in rows], np.int16),
        day=np.array([d(x) for _, _, x in rows], np.int32),
        sources=("Inbound", "Partner"), source=np.array([0, 0, 0, 1, 1], np.int32),
        amount=np.array([1000, np.nan, np.nan, 3000, np.nan]),
    )


def _calibration():  # type: ignore[no-untyped-def]
    return calibrate(_plan(), _events(), AS_OF, {"lead": 30, "mql": 30})


def test_stage_conversion_counts_matured_records_within_the_window() -> None:
    """Lead: r1..r4 entered by May 31 (matured); r1 and r2 reached MQL within 30 days:
    2 of 4. MQL: r1, r2, r4 matured; r1 and r4 won within 30 days: 2 of 3."""
    cal = _calibration()
    lead = cal.figure("stages.lead.conversion")
    assert lead.estimate is not None
    assert (lead.estimate.value, lead.estimate.n) == (0.5, 4)
    low, high = stats.binomtest(2, 4).proportion_ci(0.8, method="exact")  # Clopper-Pearson
    assert (lead.estimate.low, lead.estimate.high) == pytest.approx((low, high), abs=1e-9)
    assert lead.plan == 0.4
    assert lead.difference == pytest.approx(0.1)
    mql = cal.figure("stages.mql.conversion").estimate
    assert mql is not None
    assert (mql.value, mql.n) == (pytest.approx(2 / 3), 3)


def test_the_lag_becomes_monthly_mass_from_the_matured_conversions() -> None:
    """Lead -> MQL within the window: 10 and 20 days. 10 days = 0.3285 months: 0.6715 in
    month 0, 0.3285 in month 1; 20 days likewise 0.3429 / 0.6571. Together month 0 holds
    1 - 15 / 30.4375. Mean 15 days; its 80% interval 15 +- 1.2816 * 7.071 / sqrt(2)."""
    lag = _calibration().figure("stages.lead.lag")
    assert lag.lag == pytest.approx((1 - 15 / MONTH, 15 / MONTH))
    assert lag.estimate is not None
    assert lag.estimate.value == 15
    low, high = stats.norm.interval(0.8, 15, np.std([10, 20], ddof=1) / math.sqrt(2))
    assert (lag.estimate.low, lag.estimate.high) == pytest.approx((low, high))
    assert lag.plan == 7
    assert lag.plan_lag == pytest.approx((1 - 7 / MONTH, 7 / MONTH))  # the plan's 7 days


def test_deal_size_is_the_mean_of_the_won_amounts() -> None:
    cal = _calibration()
    deal = cal.figure("target.average_deal_size")
    assert deal.estimate is not None
    assert (deal.plan, deal.estimate.value, deal.estimate.n) == (2500, 2000, 2)
    low, high = stats.norm.interval(0.8, 2000, np.std([1000, 3000], ddof=1) / math.sqrt(2))
    assert (deal.estimate.low, deal.estimate.high) == pytest.approx((low, high))
    partner = cal.figure("sources.partner.average_deal_size")
    assert partner.estimate is not None
    assert (partner.plan, partner.estimate.value, partner.estimate.n) == (4000, 3000, 1)


def test_each_source_has_its_raw_and_shrunk_rate() -> None:
    """Lead -> MQL: Inbound 2 of 3 matured, Partner 0 of 1 (r5 too young); pooled 2 of 4.
    The shrunk rate lies between the raw one and the pooled one."""
    cal = _calibration()
    inbound = cal.figure("sources.inbound.conversion.lead")
    partner = cal.figure("sources.partner.conversion.lead")
    assert inbound.estimate is not None
    assert partner.estimate is not None
    assert (inbound.estimate.value, inbound.estimate.n) == (pytest.approx(2 / 3), 3)
    assert (partner.estimate.value, partner.estimate.n) == (0.0, 1)
    for f in (inbound, partner):
        assert f.shrunk is not None
        assert f.estimate is not None
        between = sorted((f.estimate.value, 0.5))
        assert between[0] <= f.shrunk.value <= between[1]
    assert partner.small
    assert partner.reason.startswith("Partner: 1 Lead; shrunk from 0% towards the pooled 50%")
    assert partner.plan == 0.4  # no override: the stage's rate


def test_a_source_the_plan_does_not_have_is_shown_but_not_accepted() -> None:
    plan = _plan()
    events = _events()
    renamed = Events(events.stages, events.record_ids, events.record, events.stage, events.day,
                     sources=("Inbound", "Events"), source=events.source, amount=events.amount)
    figure = calibrate(plan, renamed, AS_OF, {"lead": 30}).figure("sources.Events.conversion.lead")
    assert not figure.plannable
    assert not figure.acceptable
    assert "not a source of the plan" in figure.reason


def test_no_matured_record_gives_no_estimate_and_says_why() -> None:
    figure = calibrate(_plan(), _events(), date(2026, 1, 15)).figure("stages.lead.conversion")
    assert figure.estimate is None
    assert "365-day window" in figure.reason
