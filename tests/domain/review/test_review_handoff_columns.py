"""Hand-offs as columns (`HandOffs`): the same hand-offs as the objects, and compliance on
the columns equal to the module's definitions worked one hand-off at a time on the
calendar's own business time (`BusinessCalendar.business_time_between`), on random
hand-offs across New York's weekends, New Year's Day and March's clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_sla_plan import SLA_ID, sla_plan

from alignplanner.domain.actuals.events import NO_TIME
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.handoffs import sla_reviews
from alignplanner.domain.review.sla_compliance import HandOff, HandOffs, compliance
from alignplanner.domain.sla.sla import Sla

PLAN = sla_plan()
CALENDAR = PLAN.calendar  # New York, 09:00 to 17:00, New Year's Day 2027 a holiday
SLA = PLAN.slas[0]  # 4 business hours
BASE = datetime(2026, 12, 28, tzinfo=UTC)
AS_OF = date(2027, 3, 20)  # after the clock change of 14 March
END = datetime(2027, 3, 20, 23, 59, 59, tzinfo=CALENDAR.zone)


def test_the_columns_are_the_objects() -> None:
    offs = [HandOff("a", "ana", BASE, BASE + timedelta(hours=3)),
            HandOff("b", "", BASE + timedelta(hours=1)),
            HandOff("c", "ana", BASE + timedelta(days=2), BASE + timedelta(days=2))]
    columns = HandOffs.of(offs)
    assert len(columns) == 3
    assert list(columns) == offs
    assert columns[-1] == offs[2]
    assert list(columns[1:]) == offs[1:]
    assert columns.answered[1] == NO_TIME
    with pytest.raises(IndexError):
        columns[3]


class ByHand(NamedTuple):
    answered: int
    due: int
    within: float | None
    bands: list[float | None]
    median: float | None
    p95: float | None
    stale: list[tuple[str, str, float]]


def _by_hand(sla: Sla, offs: list[HandOff], as_of: datetime) -> ByHand:
    """The module's definitions, one hand-off at a time on the calendar's clock."""
    def hours(a: datetime, b: datetime) -> float:
        return CALENDAR.business_time_between(a, b) / timedelta(hours=1)

    window = sla.window_hours
    answered = [hours(h.start, h.answered) for h in offs
                if h.answered is not None and h.answered <= as_of]
    stale = [(h.id, h.owner, hours(h.start, as_of)) for h in offs
             if (h.answered is None or h.answered > as_of) and hours(h.start, as_of) > window]
    stale.sort(key=lambda s: -s[2])
    due = len(answered) + len(stale)

    def share(limit: float) -> float | None:
        return sum(t <= limit + 1e-9 for t in answered) / due if due else None

    return ByHand(len(answered), due, share(window), [share(window * f) for f in (1, 2, 4)],
                  float(np.percentile(answered, 50)) if answered else None,
                  float(np.percentile(answered, 95)) if answered else None, stale)


HAND_OFFS = st.lists(
    st.tuples(st.integers(0, 80 * 86400), st.one_of(st.none(), st.integers(0, 12 * 86400)),
              st.sampled_from(("ana", "ben", ""))),
    min_size=1, max_size=30)


def _hand_offs(drawn: list[tuple[int, int | None, str]]) -> list[HandOff]:
    return [HandOff(f"r{i}", owner, BASE + timedelta(seconds=s),
                    None if d is None else BASE + timedelta(seconds=s + d))
            for i, (s, d, owner) in enumerate(drawn)]


def _approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(HAND_OFFS)
def test_compliance_on_columns_is_the_definition_by_hand(
        drawn: list[tuple[int, int | None, str]]) -> None:
    offs = _hand_offs(drawn)
    want = _by_hand(SLA, offs, END)
    got = compliance(SLA, CALENDAR, HandOffs.of(offs), END)
    assert (got.answered, got.due) == (want.answered, want.due)
    assert got.within == _approx(want.within)
    assert [b for _, b in got.bands] == [_approx(b) for b in want.bands]
    assert got.median_hours == _approx(want.median)
    assert got.p95_hours == _approx(want.p95)
    assert [(s.id, s.owner) for s in got.stale] == [(i, o) for i, o, _ in want.stale]
    assert [s.hours for s in got.stale] == [pytest.approx(h) for _, _, h in want.stale]


@settings(max_examples=30, deadline=None)
@given(HAND_OFFS)
def test_the_months_are_the_compliance_of_each_months_hand_offs(
        drawn: list[tuple[int, int | None, str]]) -> None:
    """Per month (on New York's clock: a hand-off at 02:00 UTC on 1 January is
    December's) the count, and the share within the window of that month's alone."""
    offs = _hand_offs(drawn)
    (review,) = sla_reviews(PLAN, compute(PLAN), {SLA_ID: HandOffs.of(offs)}, AS_OF)
    by_month: dict[date, list[HandOff]] = {}
    for h in offs:
        local = h.start.astimezone(CALENDAR.zone)
        by_month.setdefault(date(local.year, local.month, 1), []).append(h)
    assert [m.month for m in review.months] == sorted(by_month)
    for month in review.months:
        these = by_month[month.month]
        assert month.handed_over == len(these)
        assert month.within == _approx(_by_hand(SLA, these, END).within)
