"""The published examples of funnel-math section 7, reproduced under their rounding.

Sources (inputs and the outputs each printed):
- Dave Kellogg, "Why every startup needs an inverted demand generation funnel", parts I
  and II (kellblog.com, 2019).
- "Sales funnel fundamentals" course notes in the public RevEngine repository.
- A public pipeline-targets planning note (March 2025).
"""

from __future__ import annotations

import pytest
from plan_factory import DAYS_PER_MONTH, chain, plan

from alignplanner.domain.engine.compute import compute


def test_kellogg_inverted_funnel_part_one() -> None:
    # $2,000,000 new ARR per quarter, ASP $75,000, SQL to close 20%:
    # 27 opportunities (wins) and 133 SQLs per quarter (exact 26.67 and 133.33).
    p = plan(chain([0.20]), revenue=2_000_000, deal=75_000, months=1,
             rounding="nearest", continuation="none")
    r = compute(p)
    sql, won = r.stages
    assert won.volume == pytest.approx(26.6667, abs=1e-4)
    assert sql.volume == pytest.approx(133.3333, abs=1e-4)
    assert (won.rounded, sql.rounded) == (27, 133)


@pytest.mark.parametrize(("mode", "leads"), [("nearest", 366), ("ceil", 367)])
def test_revengine_sales_funnel_fundamentals(mode: str, leads: int) -> None:
    # $1M, deal $50,000 (20 wins); contact 65%, meeting 40%, show-up 70%, close 30%:
    # 66.7 meetings held, 95.2 scheduled, 238 contacts, 366 leads (ceil gives 367).
    p = plan(chain([0.65, 0.40, 0.70, 0.30]), revenue=1_000_000, deal=50_000, months=1,
             rounding=mode, continuation="none")
    r = compute(p)
    lead, contact, scheduled, held, won = r.stages
    assert won.volume == pytest.approx(20)
    assert held.volume == pytest.approx(66.667, abs=1e-3)
    assert scheduled.volume == pytest.approx(95.238, abs=1e-3)
    assert contact.volume == pytest.approx(238.095, abs=1e-3)
    assert lead.volume == pytest.approx(366.300, abs=1e-3)
    assert lead.rounded == leads
    if mode == "nearest":
        assert (contact.rounded, scheduled.rounded, held.rounded) == (238, 95, 67)


def test_pipeline_targets_note_chained_half_up() -> None:
    # Pipeline goal $8,246,101, ASP $110,000; MQL->SAL 94%, SAL->SQL 26%, SQL->opp 76%:
    # 75 opportunities, 99 SQLs, 381 SALs, 405 MQLs; the exact chain gives
    # 74.96 / 98.64 / 379.38 / 403.59.
    p = plan(chain([0.94, 0.26, 0.76]), revenue=8_246_101, deal=110_000, months=1,
             rounding="chained-half-up", continuation="none")
    r = compute(p)
    assert [s.rounded for s in r.stages] == [405, 381, 99, 75]
    exact = [round(s.volume, 2) for s in r.stages]
    assert exact == [403.59, 379.38, 98.64, 74.96]


def test_kellogg_phase_shift_part_two() -> None:
    # MQL to SAL takes one quarter, SAL to close two quarters: deals in Q4 come from SALs
    # made in Q2, which come from MQLs made in Q1.
    quarter = 3 * DAYS_PER_MONTH
    q4_only = [0.0] * 9 + [100_000.0] * 3
    p = plan(chain([0.5, 0.25], days=[quarter, 2 * quarter]), revenue=300_000, deal=10_000,
             months=12, monthly_revenue=q4_only, continuation="none")
    r = compute(p)
    mql, sal, won = r.stages
    assert won.monthly[9:] == pytest.approx((10, 10, 10))
    assert sal.monthly[3:6] == pytest.approx((40, 40, 40))
    assert mql.monthly[0:3] == pytest.approx((80, 80, 80))
    assert sum(sal.monthly) == pytest.approx(120)
    assert sum(mql.monthly) == pytest.approx(240)
    assert mql.pre_plan == 0
    assert sal.pre_plan == 0
