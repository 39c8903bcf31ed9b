"""`estimate`: the figures of each transition by hand, their laws, and a million events."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import numpy as np
import pytest
from event_factory import START, events_of, random_events
from hypothesis import given, settings
from hypothesis import strategies as st

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.report import HORIZONS, Cohort, LagDays
from alignplanner.domain.actuals.transition import DAYS_PER_MONTH, lag_months

HAND = [
    # a: Lead -> MQL in 10 days, MQL -> Won in 30.
    ("a", "Lead", "2024-01-01"), ("a", "MQL", "2024-01-11"), ("a", "Won", "2024-02-10"),
    # b: Lead -> MQL in 20 days, lost at MQL 40 days later (2024 is a leap year).
    ("b", "Lead", "2024-01-01"), ("b", "MQL", "2024-01-21"), ("b", "lost", "2024-03-01"),
    # c: lost at Lead after 30 days.
    ("c", "Lead", "2024-01-01"), ("c", "lost", "2024-01-31"),
    # d: entered Lead 30 days before as_of; still open.
    ("d", "Lead", "2025-12-01"),
]
AS_OF = date(2025, 12, 31)


def test_a_transition_by_hand() -> None:
    est = estimate(events_of("Lead MQL Won", HAND), AS_OF)
    lead, mql = est.transitions
    assert (lead.from_stage, lead.to_stage) == ("Lead", "MQL")
    assert (lead.entered, lead.converted, lead.lost, lead.open) == (4, 2, 1, 1)
    assert lead.naive_rate == 0.5
    # Aalen-Johansen (c is lost): durations a 10 conv, b 20 conv, c 30 lost, d 30 censored.
    # Day 10: 4 at risk, 1 converts: CIF = 1/4, S = 3/4.
    # Day 20: 3 at risk, 1 converts: CIF += 3/4 * 1/3 -> 1/2.  Day 30: no conversion.
    assert lead.competing
    assert lead.cumulative == pytest.approx(
        {7: 0.0, 14: 0.25, 30: 0.5, 60: 0.5, 90: 0.5, 180: 0.5, 365: 0.5})
    assert lead.estimated == pytest.approx(0.5)
    # Matured (entered by 2024-12-31, 365 days before as_of): a, b, c; d is too young.
    assert (lead.window_days, lead.matured) == (365, 3)
    assert (lead.beta_alpha, lead.beta_beta) == (3.0, 2.0)  # Beta(1 + 2, 1 + 3 - 2)
    assert lead.within_window == pytest.approx(2 / 3)
    # Lags 10 and 20: median 15, mean 15, p90 = 10 + 0.9 * (20 - 10) = 19.
    assert lead.days == LagDays(15.0, 15.0, 19.0)
    assert lead.truncated_from is None
    assert lead.by_month == {"2024-01": Cohort(3, 2, 1), "2025-12": Cohort(1, 0, 0)}
    # MQL -> Won: a converts on day 30 of 2 at risk; b is lost at MQL on day 40.
    assert (mql.entered, mql.converted, mql.lost, mql.open) == (2, 1, 1, 0)
    assert mql.estimated == pytest.approx(0.5)
    assert mql.days == LagDays(30.0, 30.0, 30.0)


def test_stage_counts_records_and_sources() -> None:
    sources = {"a": "web", "b": "web", "c": "unknown", "d": "web"}
    est = estimate(events_of("Lead MQL Won", HAND, sources=sources), AS_OF)
    assert est.records == 4
    assert [(s.name, s.entered) for s in est.stages] == [("Lead", 4), ("MQL", 2), ("Won", 1)]
    assert est.stages[0].by_month == {"2024-01": 3, "2025-12": 1}
    assert est.stages[2].by_month == {"2024-02": 1}
    assert set(est.by_source) == {"web", "unknown"}
    web, unknown = est.by_source["web"][0], est.by_source["unknown"][0]
    assert (web.entered, web.converted, web.lost, web.open) == (3, 2, 0, 1)
    assert not web.competing
    assert (unknown.entered, unknown.converted, unknown.lost) == (1, 0, 1)


def test_the_window_of_a_stage_sets_matured_within_and_estimated() -> None:
    est = estimate(events_of("Lead MQL Won", HAND), AS_OF, windows={"Lead": 15})
    lead = est.transitions[0]
    # 15 days: all four have matured (d entered 30 days before); only a converted within.
    assert (lead.window_days, lead.matured) == (15, 4)
    assert (lead.beta_alpha, lead.beta_beta) == (3.0, 3.0)  # Beta(1 + 2, 1 + 4 - 2)
    assert lead.within_window == pytest.approx(1 / 4)
    assert lead.estimated == pytest.approx(1 / 4)  # the cumulative at day 15
    assert est.transitions[1].window_days == 365


def test_nobody_matured_gives_the_flat_prior() -> None:
    est = estimate(events_of("Lead MQL", [("a", "Lead", "2025-12-01")]), AS_OF)
    t = est.transitions[0]
    assert (t.matured, t.beta_alpha, t.beta_beta, t.within_window) == (0, 1.0, 1.0, None)
    assert t.days is None
    assert t.lag_months == ()


def test_left_truncation_at_the_history_start() -> None:
    rows = [
        # a entered Lead 31 days before MQL's history starts (2025-01-01); MQL on day 41.
        ("a", "Lead", "2024-12-01"), ("a", "MQL", "2025-01-11"),
        ("b", "Lead", "2025-01-05"), ("b", "MQL", "2025-01-15"),  # day 10
        ("c", "Lead", "2025-01-05"),  # open: 55 days at as_of
    ]
    est = estimate(events_of("Lead MQL", rows, history_start={"MQL": "2025-01-01"}),
                   date(2025, 3, 1))
    t = est.transitions[0]
    # a is at risk from day 31 on.
    # Day 10: b and c at risk, b converts: F = 1/2.
    # Day 41: a and c at risk, a converts: S = 1/2 * 1/2, F = 3/4.
    # (Without truncation: day 10 has 3 at risk, F(10) = 1/3, F(41) = 2/3.)
    assert t.truncated_from == date(2025, 1, 1)
    assert not t.competing
    assert t.cumulative[30] == pytest.approx(0.5)
    assert t.cumulative[60] == pytest.approx(0.75)
    assert any("2025-01-01" in w and "1 record " in w for w in est.warnings)


def test_lag_months_split_linearly_between_neighbouring_months() -> None:
    # 15 days = 0.4928 months: 0.5072 to month 0, 0.4928 to month 1.
    m = 15 / DAYS_PER_MONTH
    assert lag_months(np.array([15])) == pytest.approx((1 - m, m))
    # 61 days = 2.0041 months; with a 0-day lag, each has half the mass.
    m = 61 / DAYS_PER_MONTH - 2
    assert lag_months(np.array([0, 61])) == pytest.approx((0.5, 0, (1 - m) / 2, m / 2))
    # Whole months go to one month.
    assert lag_months(np.array([0])) == (1.0,)
    est = estimate(events_of("Lead MQL Won", HAND), AS_OF)
    a, b = 10 / DAYS_PER_MONTH, 20 / DAYS_PER_MONTH
    assert est.transitions[0].lag_months == pytest.approx(((2 - a - b) / 2, (a + b) / 2))


def test_oddities_and_late_events_are_said_with_ids() -> None:
    rows = [*HAND,
            ("e", "Lead", "2024-05-10"), ("e", "MQL", "2024-05-01"),  # MQL before Lead
            ("f", "Lead", "2024-01-01"), ("f", "Won", "2024-01-02"), ("f", "MQL", "2024-01-09"),
            ("g", "Lead", "2026-01-05")]  # after as_of
    est = estimate(events_of("Lead MQL Won", rows), AS_OF)
    said = "\n".join(est.warnings)
    assert "1 event dated after 2025-12-31 was left out" in said
    assert "moved back to an earlier stage (for example e and f)" in said
    assert "entered a later stage before an earlier one (for example e and f)" in said
    assert est.records == 6  # g's only event is after as_of
    # Negative lags count as 0 days: Lead -> MQL lags a 10, b 20, e 0 (-9), f 8;
    # MQL -> Won: a 30, f 0 (Won a week before MQL).
    lead, mql = est.transitions
    assert lead.days is not None
    assert lead.days.mean == pytest.approx((10 + 20 + 0 + 8) / 4)
    assert mql.days == LagDays(15.0, 15.0, 27.0)


def _cut_funnel(records: int, cut: bool, history: bool = False) -> Events:
    """Record i enters Lead on an even spread over 2023-2024; every second one reaches MQL
    10 days later. ``cut``: MQL events before 2024-06-01 are missing from the export."""
    i = np.arange(records)
    lead = START - 365 + i * 730 // records
    conv = i % 2 == 0
    mql = lead + 10
    if cut:
        conv &= mql >= date(2024, 6, 1).toordinal()
    record = np.concatenate([i, i[conv]]).astype(np.int32)
    stage = np.concatenate([np.zeros(records), np.ones(conv.sum())]).astype(np.int16)
    day = np.concatenate([lead, mql[conv]]).astype(np.int32)
    starts = np.full(2, np.iinfo(np.int32).min, dtype=np.int32)
    if history:
        starts[1] = date(2024, 6, 1).toordinal()
    return Events(("Lead", "MQL"), tuple(f"r{j}" for j in i), record, stage, day,
                  history_start=starts)


def test_data_that_looks_cut_off_is_said() -> None:
    est = estimate(_cut_funnel(2000, cut=True), date(2026, 6, 30))
    said = "\n".join(est.warnings)
    assert "No record reached MQL before 2024-06-01, although 1,390 records" in said
    # Of the May 2024 cohort only those from May 22 on (MQL from June 1) show conversions.
    assert "entered Lead in 2024-05, 16.47% reached MQL within 365 days" in said
    assert "of those of 2024-06, " in said


def test_a_known_history_start_explains_the_abrupt_start() -> None:
    est = estimate(_cut_funnel(2000, cut=True, history=True), date(2026, 6, 30))
    said = "\n".join(est.warnings)
    assert "No record reached" not in said
    assert "(left truncation)" in said
    assert est.transitions[0].truncated_from == date(2024, 6, 1)
    # Watched from 2024-06-01 on, the early records no longer pull the rate down.
    assert est.transitions[0].estimated == pytest.approx(0.5, abs=0.02)


def test_clean_data_says_nothing() -> None:
    est = estimate(_cut_funnel(2000, cut=False), date(2026, 6, 30))
    assert est.warnings == ()
    assert est.transitions[0].estimated == pytest.approx(0.5)


@settings(max_examples=30)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.floats(0, 1), st.integers(0, 900))
def test_the_laws_of_the_figures(seed: int, stages: int, p_lost: float, age: int) -> None:
    events = random_events(300, stages=stages, seed=seed, p_lost=p_lost)
    est = estimate(events, date.fromordinal(START + age))
    for k, t in enumerate(est.transitions):
        # What holds: every record that entered A converted, was lost at A or is open;
        # converted into A -> B are exactly those that entered B; entries only shrink.
        assert t.converted + t.lost + t.open == t.entered
        assert t.entered == est.stages[k].entered
        assert t.converted == est.stages[k + 1].entered <= t.entered
        assert sum(c.entered for c in t.by_month.values()) == t.entered
        assert sum(s[k].entered for s in est.by_source.values()) == t.entered
        values = [t.cumulative[h] for h in HORIZONS]
        assert all(0 <= v <= 1 + 1e-12 for v in values)
        assert all(b >= a - 1e-12 for a, b in pairwise(values))
        assert t.beta_alpha + t.beta_beta - 2 == t.matured <= t.entered
        assert t.competing == (t.lost > 0)
        if t.converted:
            assert sum(t.lag_months) == pytest.approx(1.0)
        assert sum(est.stages[k].by_month.values()) == est.stages[k].entered


@settings(max_examples=20)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5))
def test_without_censoring_the_estimate_is_the_naive_rate(seed: int, stages: int) -> None:
    # Everybody who does not move on is lost, and as_of is long after all of it.
    events = random_events(300, stages=stages, seed=seed, p_lost=1.0)
    end = date.fromordinal(int(events.day.max()) + 1)
    est = estimate(events, end, windows=dict.fromkeys(events.stages, 100_000))
    for t in est.transitions:
        if t.entered:
            assert t.open == 0
            assert t.estimated == pytest.approx(t.naive_rate, abs=1e-12)


def test_a_million_events() -> None:
    events = random_events(330_000, stages=5, seed=7, p_next=0.7, p_lost=0.5, sources=4)
    assert events.events > 1_000_000
    est = estimate(events, date.fromordinal(int(events.day.max())))
    assert est.records == 330_000
    # Entries per stage, counted plainly.
    staged = events.stage >= 0
    pairs = np.unique(events.record[staged].astype(np.int64) * 8 + events.stage[staged])
    per_stage = np.bincount(pairs % 8, minlength=5)
    assert [s.entered for s in est.stages] == list(per_stage)
    for t in est.transitions:
        assert t.converted + t.lost + t.open == t.entered
        # Every cohort has had long enough: all estimates are near the walk's 0.7.
        assert t.estimated == pytest.approx(0.7, abs=0.01)
    assert sum(s[0].entered for s in est.by_source.values()) == 330_000
