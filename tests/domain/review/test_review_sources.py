"""Planned against actual entries per source, stage and month, from the engine's plan."""

from __future__ import annotations

from datetime import date

import pytest
from event_factory import events_of

from alignplanner.domain.actuals.volumes import entries_by_source
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.variance import source_planned, source_variances

# 10 wins a month; inbound (half of them) enters at lead, partner (half) at sql; no lags.
PLAN = Plan(
    name="p", start=date(2027, 1, 1), months=12,
    target=Target(revenue=1_200_000, average_deal_size=10_000),
    stages=(Stage("lead", "Lead", conversion=0.5, days=0), Stage("sql", "SQL", conversion=0.5,
                                                                   days=0),
            Stage("won", "Won")),
    sources=(Source("inbound", "lead", 0.5), Source("partner", "sql", 0.5)),
)
AS_OF = date(2027, 2, 28)


def _rows() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    rows, sources = [], {}
    # inbound: January 18 leads (9 reach SQL), February 20 leads (10 reach SQL).
    for month, leads, sqls in (("01", 18, 9), ("02", 20, 10)):
        for i in range(leads):
            rid = f"in-{month}-{i}"
            sources[rid] = "inbound"
            rows.append((rid, "lead", f"2027-{month}-05"))
            if i < sqls:
                rows.append((rid, "sql", f"2027-{month}-10"))
    # partner: 6 SQLs in January, none in February.
    for i in range(6):
        sources[f"pa-{i}"] = "partner"
        rows.append((f"pa-{i}", "sql", "2027-01-12"))
    return rows, sources


def test_planned_per_source_adds_up_to_the_stage() -> None:
    result = compute(PLAN)
    # inbound: 5 wins a month / 0.25 = 20 leads, 10 SQLs; partner: 10 SQLs, no leads.
    assert source_planned(result, "inbound", "lead")[0] == pytest.approx(20)
    assert source_planned(result, "inbound", "sql")[0] == pytest.approx(10)
    assert source_planned(result, "partner", "sql")[0] == pytest.approx(10)
    assert source_planned(result, "partner", "lead")[0] == pytest.approx(0)
    for stage in result.stages:
        total = [sum(x) for x in zip(*(source_planned(result, s.id, stage.id)
                                       for s in result.sources), strict=True)]
        assert total == pytest.approx(list(stage.monthly))


def test_source_variances_by_hand() -> None:
    rows, sources = _rows()
    actual = entries_by_source(events_of("lead sql won", rows, sources=sources), AS_OF)
    assert actual["inbound"]["lead"] == {"2027-01": 18, "2027-02": 20}
    found = source_variances(compute(PLAN), actual, AS_OF)
    lead, sql, won = found["inbound"]
    assert [m.variance for m in lead.months] == pytest.approx([-2, 0])
    assert [m.cumulative for m in sql.months] == pytest.approx([-1, -1])
    assert [m.cumulative for m in won.months] == pytest.approx([-5, -10])  # 5 a month, none
    # partner records entered at SQL: skipping Lead, they passed it on the same day,
    # where the plan has none of them.
    p_lead, p_sql, _ = found["partner"]
    assert [(m.actual, m.percent) for m in p_lead.months] == [(6, None), (0, None)]
    assert [m.variance for m in p_sql.months] == pytest.approx([-4, -10])
    assert p_sql.months[-1].cumulative == pytest.approx(-14)
