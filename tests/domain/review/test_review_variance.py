"""Planned against actual entries per stage and month, checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from alignplanner.domain.actuals.report import Estimates, StageCount
from alignplanner.domain.results import Result, StageResult
from alignplanner.domain.review.gap import gap_sentences
from alignplanner.domain.review.variance import behind_since, compare, elapsed, stage_variances

MONTHS = (date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 1))
AS_OF = date(2027, 3, 15)


def test_elapsed_share_of_a_month() -> None:
    assert elapsed(date(2027, 3, 1), AS_OF) == pytest.approx(15 / 31)
    assert elapsed(date(2027, 2, 1), AS_OF) == 1.0
    assert elapsed(date(2027, 4, 1), AS_OF) == 0.0
    assert elapsed(date(2024, 2, 1), date(2024, 2, 29)) == 1.0  # leap February, last day


def test_months_compared_to_date_by_hand() -> None:
    rows = compare([100, 100, 100, 100], MONTHS, {"2027-01": 90, "2027-02": 110,
                                                  "2027-03": 40, "2026-12": 7}, AS_OF)
    assert [r.month for r in rows] == list(MONTHS[:3])  # April has not begun
    jan, feb, mar = rows
    assert (jan.planned, jan.actual, jan.variance, jan.cumulative) == (100, 90, -10, -10)
    assert jan.percent == pytest.approx(-0.10)
    assert (feb.variance, feb.cumulative) == (10, 0)
    # March to date: 15 of 31 days gone, 100 * 15 / 31 = 48.387 planned, 40 actual.
    assert mar.planned == pytest.approx(48.387, abs=1e-3)
    assert mar.variance == pytest.approx(-8.387, abs=1e-3)
    assert mar.percent == pytest.approx(-8.387 / 48.387, abs=1e-4)
    assert mar.cumulative == pytest.approx(-8.387, abs=1e-3)
    since, share = behind_since(rows) or (None, 0.0)
    assert since == date(2027, 3, 1)
    assert share == pytest.approx(8.387 / 48.387, abs=1e-4)  # 17.3%


def test_a_month_without_plan_has_no_percent() -> None:
    (row,) = compare([0.0], MONTHS[:1], {"2027-01": 3}, date(2027, 1, 31))
    assert (row.variance, row.percent) == (3, None)


def _stage(stage_id: str, monthly: tuple[float, ...]) -> StageResult:
    return StageResult(stage_id, sum(monthly), sum(monthly), 0, 0.0, monthly, monthly,
                       tuple(int(m) for m in monthly))


def test_stages_and_sentences_by_hand() -> None:
    result = Result(wins=0.0, wins_rounded=0, pipeline_wins=0.0, months=MONTHS,
                    target_monthly=(0.0,) * 4, pipeline_monthly=(0.0,) * 4,
                    stages=(_stage("mql", (200, 200, 200, 200)), _stage("sql", (50,) * 4)),
                    sources=(), warnings=())
    estimates = Estimates(
        as_of=date(2027, 3, 31), records=0, transitions=(), by_source={}, warnings=(),
        stages=(StageCount("mql", 630, {"2027-01": 210, "2027-02": 200, "2027-03": 220}),
                StageCount("sql", 111, {"2027-01": 55, "2027-02": 30, "2027-03": 26})))
    mql, sql = stage_variances(result, estimates)
    assert [m.cumulative for m in mql.months] == [10, 10, 30]
    assert [m.cumulative for m in sql.months] == [5, -15, -39]
    # SQL behind in February and March: (20 + 24) / (50 + 50) = 44%.
    assert behind_since(sql.months) == (date(2027, 2, 1), pytest.approx(0.44))
    assert gap_sentences((mql, sql), {"sql": "SQL", "mql": "MQL"}) == (
        "SQL is 44% behind plan since February 2027.",
        "MQL is 5% ahead of plan to date.",  # 630 / 600 - 1
    )
