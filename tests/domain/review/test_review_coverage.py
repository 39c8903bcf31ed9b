"""Pipeline coverage per month and the landing on the estimated rates, by hand; the
grouped projection of open records against one engine `forward` per record."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest
from event_factory import events_of, random_events

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import NEVER, OPEN, build_records
from alignplanner.domain.actuals.report import Estimates, Transition
from alignplanner.domain.engine.compute import compute, forward
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.landing import landing
from alignplanner.domain.review.projection import Estimated

MONTH = 365.25 / 12
# 10 wins a month at 10,000; a lead takes one month to become an SQL, an SQL none to win.
PLAN = Plan(
    name="p", start=date(2027, 1, 1), months=12,
    target=Target(revenue=1_200_000, average_deal_size=10_000),
    stages=(Stage("lead", "Lead", conversion=0.5, days=MONTH),
            Stage("sql", "SQL", conversion=0.5, days=0), Stage("won", "Won")),
    sources=(Source("inbound", "lead", 0.5), Source("partner", "sql", 0.5)),
)
AS_OF = date(2027, 2, 28)


def _events() -> Events:
    rows: list[tuple[str, str, str]] = []
    sources: dict[str, str] = {}
    for i in range(12):  # 12 won in February: 120,000, more than February's 100,000
        sources[f"w{i}"] = "inbound"
        rows += [(f"w{i}", "lead", "2027-01-05"), (f"w{i}", "sql", "2027-02-05"),
                 (f"w{i}", "won", "2027-02-10")]
    for i in range(4):  # 4 open leads: SQL in March, a win chance of 0.25 each
        sources[f"l{i}"] = "inbound"
        rows.append((f"l{i}", "lead", "2027-02-20"))
    for i in range(2):  # 2 open partner SQLs: a win chance of 0.5 each, in February
        sources[f"s{i}"] = "partner"
        rows.append((f"s{i}", "sql", "2027-02-21"))
    return events_of("lead sql won", rows, sources=sources)


def test_coverage_per_month_by_hand() -> None:
    land = landing(PLAN, compute(PLAN), _events(), AS_OF)
    feb, mar, apr, *_ = land.coverage
    assert [c.month for c in land.coverage] == [date(2027, m, 1) for m in range(2, 13)]
    # February: 120,000 won against 100,000, nothing needed; 2 SQLs at 10,000 due now.
    assert (feb.needed, feb.pipeline, feb.weighted) == pytest.approx((0, 20_000, 10_000))
    assert feb.coverage is None
    assert feb.needed_coverage == pytest.approx(2.0)
    # March: 100,000 needed; the 4 leads (40,000) are due, 1 win expected (10,000).
    assert (mar.needed, mar.pipeline, mar.weighted) == pytest.approx((100_000, 40_000, 10_000))
    assert mar.coverage == pytest.approx(0.4)
    assert mar.needed_coverage == pytest.approx(4.0)
    assert (apr.needed, apr.pipeline, apr.coverage) == pytest.approx((100_000, 0, 0))
    # Over the rest: 60,000 of pipeline against 10 months of 100,000.
    assert land.total_coverage == pytest.approx(60_000 / 1_000_000)


def _transition(a: str, b: str, rate: float, lag: tuple[float, ...]) -> Transition:
    return Transition(a, b, entered=100, converted=0, lost=0, open=0, naive_rate=None,
                      cumulative={}, days=None, beta_alpha=1, beta_beta=1, window_days=365,
                      matured=0, within_window=None, estimated=rate, lag_months=lag,
                      competing=False, truncated_from=None)


ESTIMATES = Estimates(as_of=AS_OF, records=0, stages=(), by_source={}, warnings=(),
                      transitions=(_transition("lead", "sql", 0.4, (0.5, 0.5)),
                                   _transition("sql", "won", 0.8, (1.0,))))


def test_estimated_projection_by_hand() -> None:
    est = Estimated(PLAN, ESTIMATES)
    # A fresh lead: 0.4 to SQL (half this month, half next), then 0.8 at once: 0.16 each.
    assert est.at("lead", 0) == pytest.approx([0.16, 0.16])
    # A month old and still a lead: 0.4 * 0.5 / (1 - 0.4 * 0.5) = 0.25 to SQL, next month
    # done, so now; then 0.8: 0.2.
    assert est.at("lead", 1) == pytest.approx([0.2])
    assert est.at("lead", 2) == pytest.approx([0.0])  # past every lag seen: nothing
    assert est.at("sql", 0) == pytest.approx([0.8])
    assert est.at("sql", 3) == pytest.approx([0.0])  # every SQL seen won in its first month


def test_landing_on_the_estimated_rates_by_hand() -> None:
    plan_rates = landing(PLAN, compute(PLAN), _events(), AS_OF)
    land = landing(PLAN, compute(PLAN), _events(), AS_OF, estimates=ESTIMATES, rates="estimated")
    assert land.rates == "estimated"
    assert land.won == plan_rates.won
    # Leads (0 months old): 4 * 10,000 * 0.16 in February and March; SQLs 2 * 10,000 * 0.8.
    assert land.from_open[1] == pytest.approx(6_400 + 16_000)
    assert land.from_open[2] == pytest.approx(6_400)
    # Planned from March: inbound 20 leads a month (the plan's), 0.16 of them this month
    # and next; partner 10 SQLs a month at 0.8. March: 20 * 0.16 + 8 = 11.2 wins.
    assert land.from_planned[2] == pytest.approx(112_000)
    assert land.from_planned[3] == pytest.approx((3.2 + 3.2 + 8) * 10_000)


def _per_record(plan: Plan, events: Events, as_of: date) -> np.ndarray:
    """The landing's open part as it was first built: one `forward` per open record, but
    for the records open at their stage longer than its window (365 days here): stale."""
    recs = build_records(events, as_of.toordinal())
    last = len(events.stages) - 1
    now = (as_of.year * 12 + as_of.month) - (plan.start.year * 12 + plan.start.month)
    out = np.zeros(plan.months)
    for r in np.flatnonzero((recs.outcome == OPEN) & (recs.furthest >= 0)
                            & (recs.furthest < last)):
        assert recs.entry[r, recs.furthest[r]] != NEVER
        if as_of.toordinal() - recs.entry[r, recs.furthest[r]] > 365:
            continue
        wins = forward(plan, events.stages[int(recs.furthest[r])], [1.0], first_month=now,
                       source_id=events.sources[int(events.source[r])]).wins
        out += np.asarray(wins) * float(events.amount[r])
    return out


def _lower(events: Events) -> Events:
    return dataclasses.replace(events, stages=tuple(s.lower() for s in events.stages))


def test_grouped_open_records_match_one_forward_per_record() -> None:
    stages = (*(Stage(f"s{i}", f"S{i}", conversion=0.6, days=20 + 10 * i) for i in range(4)),
              Stage("s4", "Won"))
    plan = Plan(name="r", start=date(2025, 1, 1), months=12,
                target=Target(revenue=1e6, average_deal_size=5_000), stages=stages,
                sources=(Source("src0", "s0", 0.5), Source("src1", "s0", 0.3,
                                                           conversion_overrides={"s1": 0.3}),
                         Source("src2", "s1", 0.2)))
    events = _lower(random_events(3_000, seed=7))
    amounts = np.random.default_rng(1).uniform(1_000, 9_000, len(events.record_ids))
    events = dataclasses.replace(events, amount=amounts)
    as_of = date(2025, 3, 15)
    land = landing(plan, compute(plan), events, as_of)
    assert sum(land.from_open) > 0
    assert land.from_open == pytest.approx(tuple(_per_record(plan, events, as_of)), rel=1e-9)


def test_estimated_landing_runs_on_real_estimates() -> None:
    events = _lower(random_events(2_000, seed=3))
    stages = (*(Stage(f"s{i}", f"S{i}", conversion=0.6, days=30) for i in range(4)),
              Stage("s4", "Won"))
    plan = Plan(name="r", start=date(2025, 1, 1), months=12,
                target=Target(revenue=1e6, average_deal_size=5_000), stages=stages)
    as_of = date(2025, 6, 30)
    est = estimate(events, as_of)
    land = landing(plan, compute(plan), events, as_of, estimates=est, rates="estimated")
    assert land.total > sum(land.won) > 0
    with pytest.raises(ValueError, match="estimates"):
        landing(plan, compute(plan), events, as_of, rates="estimated")


def test_coverage_counts_the_stages_sales_owns() -> None:
    sql = dataclasses.replace(PLAN.stages[1], owner="sales")
    plan = dataclasses.replace(PLAN, stages=(PLAN.stages[0], sql, PLAN.stages[2]))
    land = landing(plan, compute(plan), _events(), AS_OF)
    feb, mar, *_ = land.coverage
    # Only the 2 open SQLs are pipeline (20,000, 10,000 expected); the leads are not yet,
    # though the landing still counts what they are expected to win.
    assert (feb.pipeline, feb.weighted) == pytest.approx((20_000, 10_000))
    assert (mar.pipeline, mar.weighted) == pytest.approx((0, 0))
    assert land.from_open[2] == pytest.approx(10_000)


def test_a_record_past_its_stage_window_wins_nothing_on_the_plan() -> None:
    lead = dataclasses.replace(PLAN.stages[0], stale_after_days=5)
    plan = dataclasses.replace(PLAN, stages=(lead, *PLAN.stages[1:]))
    land = landing(plan, compute(plan), _events(), AS_OF)
    # The 4 leads of 20 February are 8 days at Lead on the 28th, past its 5: stale.
    assert land.from_open[2] == pytest.approx(0)
    assert land.from_open[1] == pytest.approx(10_000)  # the SQLs, no window: as before
