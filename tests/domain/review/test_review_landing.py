"""The landing forecast on the plan's rates, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from event_factory import events_of
from test_review_sources import PLAN

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.landing import landing

AS_OF = date(2027, 2, 28)  # January and February are gone; ten months to come


def _events() -> Events:
    rows: list[tuple[str, str, str]] = []
    sources: dict[str, str] = {}
    for i in range(12):  # 12 won in February, no amounts: worth 10,000 each
        rid = f"w{i}"
        sources[rid] = "inbound"
        rows += [(rid, "lead", "2027-01-05"), (rid, "sql", "2027-01-20"),
                 (rid, "won", "2027-02-10")]
    for i in range(4):  # 4 inbound leads open: a win chance of 0.25 each, 1 win
        sources[f"l{i}"] = "inbound"
        rows.append((f"l{i}", "lead", "2027-02-20"))
    for i in range(2):  # 2 partner SQLs open: 0.5 each, 1 win
        sources[f"s{i}"] = "partner"
        rows.append((f"s{i}", "sql", "2027-02-21"))
    sources["x"] = "inbound"
    rows += [("x", "lead", "2027-02-01"), ("x", "lost", "2027-02-02")]  # lost: nothing
    return events_of("lead sql won", rows, sources=sources)


def test_landing_by_hand() -> None:
    land = landing(PLAN, compute(PLAN), _events(), AS_OF)
    assert land.won[1] == pytest.approx(120_000)
    assert sum(land.won) == pytest.approx(120_000)
    # No lags: the open records' 2 expected wins land in February, the as_of month.
    assert land.from_open[1] == pytest.approx(20_000)
    assert sum(land.from_open) == pytest.approx(20_000)
    # Planned: March to December, 10 wins a month (both sources) at 10,000.
    assert land.from_planned[:2] == pytest.approx((0, 0))
    assert land.from_planned[2:] == pytest.approx((100_000,) * 10)
    assert land.target == pytest.approx(1_200_000)
    assert land.total == pytest.approx(1_140_000)
    assert land.gap == pytest.approx(-60_000)


def test_the_rest_of_the_current_month_is_still_planned() -> None:
    land = landing(PLAN, compute(PLAN), _events(), date(2027, 2, 14))  # half of February
    assert land.from_planned[1] == pytest.approx(50_000)
