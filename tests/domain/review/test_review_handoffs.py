"""SLA compliance from the exports' times: hand-offs from stage entries and given
columns, on New York business hours across a weekend and New Year's Day, by hand; the
percentiles against numpy and scipy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from review_sla_plan import SLA_ID, sla_plan

from alignplanner.domain.actuals.events import LOST, NO_TIME, Events, HandOffTimes
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.handoffs import handoffs, sla_reviews
from alignplanner.domain.review.sla_compliance import HandOff, Stale, compliance
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla

NY = ZoneInfo("America/New_York")
STAGES = ("inquiry", "mql", "sal", "won")


def ny(month: int, day: int, hour: int, minute: int = 0) -> int:
    year = 2026 if month == 12 else 2027
    return int(datetime(year, month, day, hour, minute, tzinfo=NY).timestamp())


def _events() -> Events:
    ids = ("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8")
    rows: list[tuple[str, str | int, int]] = [
        ("h1", "mql", ny(12, 31, 16)), ("h1", "sal", ny(1, 4, 10)),  # Thu -> Mon: 1 + 1 h
        ("h2", "mql", ny(1, 4, 9)), ("h2", "sal", ny(1, 4, 9, 30)),  # 0.5 h
        ("h3", "mql", ny(1, 8, 16, 30)), ("h3", LOST, ny(1, 11, 9, 30)),  # weekend: 1 h
        ("h4", "mql", ny(1, 5, 10)), ("h4", "won", ny(1, 5, 15)),  # a later stage: 5 h
        ("h5", "mql", ny(1, 6, 9)),  # unanswered: Wed to Mon, 4 days of 8 h by as_of's end
        ("h6", "mql", ny(1, 11, 14)),  # 3 h by as_of's end: pending
        ("h7", "mql", NO_TIME), ("h7", "sal", NO_TIME),  # dates only: not measurable
        ("h8", "inquiry", ny(1, 6, 8)),  # its times are given in columns of their own
    ]
    index = {r: i for i, r in enumerate(ids)}
    day = [date(2027, 1, 4).toordinal()] * len(rows)  # the days do not matter here
    start = np.full(len(ids), NO_TIME, np.int64)
    answered = np.full(len(ids), NO_TIME, np.int64)
    start[7], answered[7] = ny(1, 7, 9), ny(1, 8, 10)  # Thu 8 h + Fri 1 h = 9 h
    return Events(
        stages=STAGES, record_ids=ids,
        record=np.array([index[r[0]] for r in rows], np.int32),
        stage=np.array([STAGES.index(s) if isinstance(s, str) else s for _, s, _ in rows],
                       np.int16),
        day=np.array(day, np.int32), instant=np.array([r[2] for r in rows], np.int64),
        owners=("", "ana", "ben", "cleo"),
        owner=np.array([1, 2, 1, 2, 3, 1, 0, 2], np.int32),
        handoffs={SLA_ID: HandOffTimes(start, answered)})


def test_hand_offs_by_hand() -> None:
    plan = sla_plan()
    found = handoffs(plan, _events())[SLA_ID]
    assert [h.id for h in found] == ["h1", "h2", "h3", "h4", "h5", "h6", "h8"]
    assert found[0].start == datetime(2026, 12, 31, 21, tzinfo=UTC)  # 16:00 in New York
    assert found[4].answered is None
    assert found[4].owner == "cleo"
    result = compute(plan)
    (review,) = sla_reviews(plan, result, {SLA_ID: found}, date(2027, 1, 11))
    c = review.compliance
    # Answered: 2, 0.5, 1, 5 and 9 hours. Median 2; p95 at 3.8 of 4: 5 + 0.8 * 4 = 8.2.
    assert (c.answered, c.due) == (5, 6)
    assert c.median_hours == pytest.approx(2.0)
    assert c.p95_hours == pytest.approx(8.2)
    assert c.within == pytest.approx(3 / 6)
    assert c.bands == ((4, pytest.approx(3 / 6)), (8, pytest.approx(4 / 6)),
                       (16, pytest.approx(5 / 6)))
    assert c.stale == (Stale("h5", "cleo", pytest.approx(32.0)),)
    december, january = review.months
    assert (december.month, december.handed_over, december.within, december.planned) == (
        date(2026, 12, 1), 1, 1.0, None)  # before the plan: nothing planned
    # January: h2, h3, h4, h5, h8 due (h6 pending); h2 and h3 within 4 h.
    assert (january.month, january.handed_over) == (date(2027, 1, 1), 6)
    assert january.within == pytest.approx(2 / 5)
    assert january.planned is result.slas[0].months[0]


def test_an_answer_before_the_hand_off_counts_as_at_once() -> None:
    ev = _events()
    early = Events(stages=ev.stages, record_ids=("x",), record=np.array([0, 0], np.int32),
                   stage=np.array([1, 2], np.int16), day=np.zeros(2, np.int32),
                   instant=np.array([ny(1, 5, 12), ny(1, 5, 10)], np.int64))
    (h,) = handoffs(sla_plan(), early)[SLA_ID]
    assert h.answered == h.start


def test_no_times_no_hand_offs() -> None:
    ev = _events()
    dated = Events(stages=ev.stages, record_ids=ev.record_ids, record=ev.record,
                   stage=ev.stage, day=ev.day)
    assert handoffs(sla_plan(), dated) == {}


ROUND_THE_CLOCK = BusinessCalendar(workdays=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
                                   hours=("00:00", "24:00"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 100_000), min_size=1, max_size=40))
def test_percentiles_are_numpys_and_scipys(minutes: list[int]) -> None:
    """On a round-the-clock calendar business time is wall time: the median and p95 are
    numpy's linear percentiles, and scipy's scoreatpercentile agrees."""
    start = datetime(2027, 3, 1, tzinfo=UTC)
    offs = [HandOff(str(i), "", start, start + timedelta(minutes=m))
            for i, m in enumerate(minutes)]
    sla = Sla(id="s", from_stage="a", to_stage="b", role="r", respond_within_hours=24)
    c = compliance(sla, ROUND_THE_CLOCK, offs, start + timedelta(days=400))
    hours = np.array(minutes) / 60
    assert c.median_hours == pytest.approx(np.percentile(hours, 50))
    assert c.p95_hours == pytest.approx(np.percentile(hours, 95))
    assert c.p95_hours == pytest.approx(scipy.stats.scoreatpercentile(hours, 95))
    assert c.within == pytest.approx(np.mean(hours <= 24))
