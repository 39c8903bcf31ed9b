"""The review beside last week's: last week's snapshot against the plan to its date, by
hand, on the landing's history (tests/domain/review/test_review_landing.py)."""

from __future__ import annotations

from datetime import date

import pytest
from event_factory import events_of
from test_review_landing import AS_OF, _events
from test_review_sources import PLAN

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.snapshots import Snapshots, snapshot_of
from alignplanner.domain.review.weekly import weekly_review

LAST = date(2027, 2, 14)  # a Sunday, two ISO weeks before AS_OF (Sunday 28 February)


def _as_it_was(day: date) -> Events:
    """The landing's history as an export taken on ``day`` would have had it."""
    full = _events()
    rows, sources = [], {}
    for rid, stage, when in _rows_of(full):
        if when <= day.isoformat():
            rows.append((rid, stage, when))
            sources[rid] = full.sources[full.source[full.record_ids.index(rid)]]
    assert rows
    assert len(rows) < len(_rows_of(full))
    return events_of("lead sql won", rows, sources=sources)


def _rows_of(events: Events) -> list[tuple[str, str, str]]:
    names = (*events.stages, "lost")  # LOST is -1: the last of these
    out = []
    for r, s, d in zip(events.record.tolist(), events.stage.tolist(), events.day.tolist(),
                       strict=True):
        out.append((events.record_ids[r], names[s], date.fromordinal(d).isoformat()))
    return out


def _kept() -> Snapshots:
    then = _as_it_was(LAST)
    return Snapshots((snapshot_of(PLAN, then, estimate(then, LAST)),))


def test_last_weeks_snapshot_keeps_the_revenue_won() -> None:
    (snap,) = _kept().taken
    # By 14 February: the 12 wins of 10 February, at the plan's deal size of 10,000.
    assert snap.won == pytest.approx(120_000)
    # Leads by then: 12 in January and x on 1 February; the partner SQLs came on the 21st.
    assert snap.stage("lead").in_plan == 13


def test_the_review_beside_last_week_by_hand() -> None:
    events = _events()
    review = weekly_review(PLAN, compute(PLAN), events, estimate(events, AS_OF),
                           snapshots=_kept())
    assert review.last_week is not None
    assert review.last_week.as_of == LAST
    # Revenue: 120,000 won by then against January's 100,000 and half of February's.
    revenue = review.kpi("revenue").last_week
    assert (revenue.actual, revenue.planned) == pytest.approx((120_000, 150_000))
    assert revenue.percent == pytest.approx(-0.2)
    # Leads: 13 against 20 + 10 planned; now 19 against 40.
    leads = review.kpi("entries:lead")
    assert (leads.last_week.actual, leads.last_week.planned) == pytest.approx((13, 30))
    assert (leads.actual, leads.planned) == pytest.approx((19, 40))
    # Wins: 12 of 10 + 5.
    wins = review.kpi("wins").last_week
    assert (wins.actual, wins.planned) == pytest.approx((12, 15))
    # The landing and coverage are not kept in a snapshot: nothing to set beside them.
    assert review.kpi("landing").last_week is None
    assert review.kpi("coverage").last_week is None
    # The table: partner's SQLs were 0 of 15 by the 14th (both came on the 21st).
    rows = {(r.stage, r.source): r for r in review.table}
    partner = rows[("sql", "partner")].last_week
    assert (partner.actual, partner.planned) == pytest.approx((0, 15))
    inbound = rows[("sql", "inbound")].last_week
    assert (inbound.actual, inbound.planned) == pytest.approx((12, 15))
    assert rows[("sql", "")].last_week.actual == pytest.approx(12)
    # The trend: each stage's entries in the plan's months, last week then now.
    assert [(p.as_of, p.in_plan) for p in review.trend["lead"]] == [(LAST, 13), (AS_OF, 19)]
    assert [(p.as_of, p.in_plan) for p in review.trend["won"]] == [(LAST, 12), (AS_OF, 12)]


def test_without_an_earlier_week_there_is_nothing_beside() -> None:
    events = _events()
    estimates = estimate(events, AS_OF)
    same_week = Snapshots((snapshot_of(PLAN, events, estimates),))
    for kept in (None, Snapshots(), same_week):
        review = weekly_review(PLAN, compute(PLAN), events, estimates, snapshots=kept)
        assert review.last_week is None
        assert review.trend == {}
        assert all(k.last_week is None for k in review.kpis)
        assert all(r.last_week is None for r in review.table)
