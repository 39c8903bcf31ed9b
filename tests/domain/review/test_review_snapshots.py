"""Snapshots of the actuals' refreshes: what one keeps (by hand), one per week, the last
13, this week against last week and the trend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from event_factory import events_of
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.review.snapshots import (
    MAX_SNAPSHOTS,
    Snapshot,
    Snapshots,
    StageSnapshot,
    snapshot_of,
    week_of,
)
from alignplanner.domain.review.trend import trend, week_on_week

PLAN = Plan(name="p", start=date(2024, 2, 1), months=2,
            target=Target(revenue=100_000, average_deal_size=1_000),
            stages=(Stage("lead", "Lead", conversion=0.5, days=10, stale_after_days=30),
                    Stage("mql", "MQL")))
ROWS = [
    ("a", "lead", "2024-01-05"), ("a", "mql", "2024-02-03"),  # lead before the plan
    ("b", "lead", "2024-02-10"), ("b", "mql", "2024-02-25"),
    ("c", "lead", "2024-02-15"),
    ("d", "lead", "2024-03-01"), ("d", "lost", "2024-03-04"),
    ("e", "lead", "2024-04-02"),  # after the plan's two months
]
SOURCES = {"a": "paid", "b": "paid", "c": "events", "d": "paid", "e": "events"}
AS_OF = date(2024, 4, 8)


def test_a_snapshot_by_hand() -> None:
    events = events_of("lead mql", ROWS, sources=SOURCES)
    snap = snapshot_of(PLAN, events, estimate(events, AS_OF, {"lead": 30}))
    assert (snap.as_of, snap.records) == (AS_OF, 5)
    lead, mql = snap.stages
    # Every lead counts in `entered`; only February and March are the plan's months.
    assert (lead.stage, lead.entered, lead.converted) == ("lead", 5, 2)
    assert dict(lead.months) == {"2024-02": 2, "2024-03": 1}
    assert dict(lead.sources) == {"paid": 2, "events": 1}
    assert lead.in_plan == 3
    assert (mql.entered, dict(mql.months), dict(mql.sources)) == (2, {"2024-02": 2},
                                                                 {"paid": 2})
    assert (mql.converted, mql.estimated) == (None, None)  # the last stage goes nowhere
    assert 0 < lead.estimated < 1


def _snap(day: date, leads: int, rate: float | None = 0.4) -> Snapshot:
    return Snapshot(day, leads, (StageSnapshot("lead", leads, {"2024-02": leads},
                                               {"paid": leads}, leads // 2, rate),))


MONDAY = date(2024, 3, 4)


def test_one_per_week_the_last_thirteen() -> None:
    kept = Snapshots()
    for week in range(15):
        kept = kept.with_snapshot(_snap(MONDAY + timedelta(weeks=week), 10 + week))
    assert len(kept.taken) == MAX_SNAPSHOTS
    assert kept.taken[0].as_of == MONDAY + timedelta(weeks=2)  # the two oldest dropped
    # A refresh later in the same week replaces that week's.
    friday = MONDAY + timedelta(weeks=14, days=4)
    again = kept.with_snapshot(_snap(friday, 99))
    assert len(again.taken) == MAX_SNAPSHOTS
    assert (again.taken[-1].as_of, again.taken[-1].records) == (friday, 99)


def test_this_week_against_last_week() -> None:
    kept = Snapshots((_snap(MONDAY, 10, 0.40), _snap(MONDAY + timedelta(days=7), 14, 0.42)))
    now = _snap(MONDAY + timedelta(days=9), 20, 0.45)  # Wednesday of the second week
    change = week_on_week(now, kept)["lead"]
    # Last week is the first Monday's: the second's is this week's own, replaced by now.
    assert change.last_as_of == MONDAY
    assert (change.entered, change.entered_last, change.new_entries) == (20, 10, 10)
    assert change.rate_change == pytest.approx(0.05)
    assert [(p.as_of, p.entered) for p in trend(kept, "lead", now)] == [
        (MONDAY, 10), (MONDAY + timedelta(days=9), 20)]
    assert week_on_week(_snap(MONDAY + timedelta(days=1), 3), kept) == {}  # none before
    assert week_on_week(now, kept.with_snapshot(_snap(MONDAY, 1, None)))["lead"].rate_change \
        is None


def test_bad_snapshots_are_refused() -> None:
    with pytest.raises(PlanInvalid, match="one snapshot per week"):
        Snapshots((_snap(MONDAY, 1), _snap(MONDAY + timedelta(days=1), 2)))
    with pytest.raises(PlanInvalid, match="whole number"):
        StageSnapshot("lead", -1)
    with pytest.raises(PlanInvalid, match="share"):
        StageSnapshot("lead", 1, estimated=1.5)


@given(st.lists(st.integers(0, 400), max_size=40))
def test_kept_snapshots_stay_ordered_weekly_and_bounded(days: list[int]) -> None:
    kept = Snapshots()
    for d in days:
        kept = kept.with_snapshot(_snap(MONDAY + timedelta(days=d), d))
    weeks = [week_of(s.as_of) for s in kept.taken]
    assert weeks == sorted(set(weeks))
    assert len(weeks) <= MAX_SNAPSHOTS
    if days:  # the latest refresh is always kept
        assert max(weeks) == week_of(MONDAY + timedelta(days=max(days)))
