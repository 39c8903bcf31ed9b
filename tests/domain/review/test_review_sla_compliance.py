"""SLA compliance from hand-off times on a business calendar, across a weekend and a
holiday, checked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from alignplanner.domain.review.sla_compliance import HandOff, Stale, compliance
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla

# Monday to Friday, 09:00 to 17:00 UTC; New Year's Day 2027 (a Friday) is a holiday.
CALENDAR = BusinessCalendar(holidays=(date(2027, 1, 1),))
SLA = Sla(id="mql-follow-up", from_stage="mql", to_stage="sql", role="sdr",
          respond_within_hours=4)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    year = 2026 if month == 12 else 2027
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


HANDOFFS = [
    # Thu 16:00 -> Mon 10:00: 1 h Thursday, the holiday and the weekend nothing, 1 h Monday.
    HandOff("h1", "ana", at(12, 31, 16), at(1, 4, 10)),
    HandOff("h2", "ben", at(1, 4, 9), at(1, 4, 9, 30)),  # 0.5 h
    # Fri 16:30 -> Mon 09:30 across a weekend: 0.5 h + 0.5 h.
    HandOff("h3", "ana", at(1, 8, 16, 30), at(1, 11, 9, 30)),
    HandOff("h4", "ben", at(1, 5, 10), at(1, 5, 15)),  # 5 h: late
    # Unanswered since Wed 09:00: Wed, Thu, Fri 8 h each and Mon 09-12 3 h = 27 h.
    HandOff("h5", "cleo", at(1, 6, 9)),
    HandOff("h6", "ana", at(1, 11, 11)),  # 1 h so far: pending, not due
    HandOff("h7", "ben", at(1, 7, 9), at(1, 12, 9)),  # answered after as_of: stale now
]
AS_OF = at(1, 11, 12)


def test_compliance_by_hand() -> None:
    c = compliance(SLA, CALENDAR, HANDOFFS, AS_OF)
    assert (c.sla, c.window_hours, c.answered, c.due) == ("mql-follow-up", 4, 4, 6)
    # Answered: 0.5, 1, 2, 5 hours. Median 1.5; p95 at 2.85 of 3: 2 + 0.85 * 3 = 4.55.
    assert c.median_hours == pytest.approx(1.5)
    assert c.p95_hours == pytest.approx(4.55)
    # Due: the four answered, h5 and h7. Within 4 h: h1, h2, h3.
    assert c.within == pytest.approx(3 / 6)
    assert c.bands == ((4, pytest.approx(3 / 6)), (8, pytest.approx(4 / 6)),
                       (16, pytest.approx(4 / 6)))
    # h5: 27 h; h7: Thu 8 + Fri 8 + Mon 3 = 19 h. Oldest first.
    assert c.stale == (Stale("h5", "cleo", pytest.approx(27.0)),
                       Stale("h7", "ben", pytest.approx(19.0)))


def test_nothing_due_says_nothing() -> None:
    c = compliance(SLA, CALENDAR, [HANDOFFS[5]], AS_OF)
    assert (c.due, c.within, c.median_hours, c.stale) == (0, None, None, ())
