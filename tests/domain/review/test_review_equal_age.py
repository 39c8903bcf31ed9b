"""Conversion at equal age: only cohorts that have had the whole window, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from event_factory import events_of

from alignplanner.domain.actuals.aged import equal_age
from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.records import build_records
from alignplanner.domain.actuals.transition import step
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.conversion import conversions

ROWS = [
    ("a", "lead", "2024-01-05"), ("a", "mql", "2024-01-20"),  # 15 days: within 30
    ("b", "lead", "2024-01-10"), ("b", "mql", "2024-02-25"),  # 46 days: too late
    ("c", "lead", "2024-01-15"),                              # open
    ("d", "lead", "2024-02-01"), ("d", "mql", "2024-02-10"),  # 9 days: within
    ("e", "lead", "2024-02-20"),                              # open
    ("f", "lead", "2024-03-20"), ("f", "mql", "2024-03-25"),  # young cohort
]
AS_OF = date(2024, 3, 31)  # as_of - 30 days = 1 March: January and February have matured


def _plan() -> Plan:
    return Plan(name="p", start=date(2024, 1, 1), months=3,
                target=Target(revenue=100_000, average_deal_size=1_000),
                stages=(Stage("lead", "Lead", conversion=0.5, days=10, stale_after_days=30),
                        Stage("mql", "MQL")))


def test_cohorts_by_hand() -> None:
    events = events_of("lead mql", ROWS)
    s = step(build_records(events, AS_OF.toordinal()), 0, AS_OF.toordinal(),
             int(events.history_start[1]))
    jan, feb, mar = equal_age(s, AS_OF.toordinal(), 30)
    assert (jan.month, jan.entered, jan.within, jan.rate) == ("2024-01", 3, 1, pytest.approx(1 / 3))
    assert (feb.month, feb.entered, feb.within, feb.rate) == ("2024-02", 2, 1, 0.5)
    # March: f converted in 5 days, but March has not had 30 days: no rate so far.
    assert (mar.month, mar.entered, mar.within, mar.rate) == ("2024-03", 1, None, None)


def test_a_cohort_matures_on_the_day_its_last_day_is_a_window_old() -> None:
    events = events_of("lead mql", ROWS)
    day = date(2024, 3, 30).toordinal()  # 30 days after 29 February
    s = step(build_records(events, day), 0, day, int(events.history_start[1]))
    assert [c.within for c in equal_age(s, day, 30)] == [1, 1, None]
    early = day - 1
    s = step(build_records(events, early), 0, early, int(events.history_start[1]))
    assert [c.within for c in equal_age(s, early, 30)] == [1, None, None]


def test_against_the_plan_and_not_the_naive_rate() -> None:
    events = events_of("lead mql", ROWS)
    (lead,) = conversions(_plan(), events, AS_OF)
    assert (lead.from_stage, lead.to_stage, lead.window_days) == ("lead", "mql", 30)
    assert lead.planned == 0.5
    assert lead.actual == pytest.approx(2 / 5)  # (1 + 1) / (3 + 2); March left out
    naive = estimate(events, AS_OF).transitions[0].naive_rate
    assert naive == pytest.approx(4 / 6)  # b's late conversion and f's young one count
    assert len(lead.matured) == 2


def test_no_matured_cohort_has_no_rate() -> None:
    events = events_of("lead mql", ROWS)
    (lead,) = conversions(_plan(), events, date(2024, 2, 15))
    assert lead.actual is None
    assert all(c.within is None for c in lead.cohorts)
