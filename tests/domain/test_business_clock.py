"""The vectorised business clock agrees with the calendar's own business time, across
weekends, holidays and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignplanner.domain.sla.business_clock import BusinessClock
from alignplanner.domain.sla.calendar import BusinessCalendar

CALENDARS = (
    BusinessCalendar(timezone="America/New_York", holidays=(date(2027, 1, 1),)),
    BusinessCalendar(timezone="Europe/Berlin", hours=("08:30", "24:00"),
                     workdays=("mon", "tue", "wed", "thu", "sat")),
)
START = datetime(2026, 12, 20, tzinfo=UTC)  # the span holds New Year and March's change


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CALENDARS),
       st.lists(st.tuples(st.integers(0, 100 * 86400), st.integers(0, 20 * 86400)),
                min_size=1, max_size=20))
def test_the_clock_is_the_calendars_business_time(calendar: BusinessCalendar,
                                                  pairs: list[tuple[int, int]]) -> None:
    a = np.array([int(START.timestamp()) + s for s, _ in pairs], np.int64)
    b = a + np.array([d for _, d in pairs], np.int64)
    clock = BusinessClock.spanning(calendar, np.concatenate([a, b]))
    got = clock.between(a, b)
    for x, y, seconds in zip(a.tolist(), b.tolist(), got.tolist(), strict=True):
        want = calendar.business_time_between(datetime.fromtimestamp(x, UTC),
                                              datetime.fromtimestamp(y, UTC))
        assert seconds == pytest.approx(want / timedelta(seconds=1))


def test_outside_its_span_the_clock_stands_still() -> None:
    """Monday 4 to Friday 8 January 2027 in New York: five open days of 8 hours. Before
    the first opening nothing has elapsed; after the last closing all 40 hours have."""
    calendar = CALENDARS[0]
    clock = BusinessClock(calendar, date(2027, 1, 4), date(2027, 1, 8))
    monday_noon = datetime(2027, 1, 4, 17, tzinfo=UTC).timestamp()  # 12:00 in New York
    got = clock.elapsed(np.array([-1e10, 0.0, monday_noon, 1e12]))
    assert got.tolist() == [0.0, 0.0, 3 * 3600.0, 40 * 3600.0]


def test_a_calendar_closed_all_span_counts_nothing() -> None:
    weekend = BusinessClock(CALENDARS[0], date(2027, 1, 9), date(2027, 1, 10))
    assert weekend.between(np.array([0.0, 1.8e9]), np.array([2e9, 1.9e9])).tolist() == [0, 0]
