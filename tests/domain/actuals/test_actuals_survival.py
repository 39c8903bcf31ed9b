"""Kaplan-Meier and Aalen-Johansen with delayed entry: worked examples, lifelines, laws."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lifelines import AalenJohansenFitter, KaplanMeierFitter

from alignplanner.domain.actuals.survival import aalen_johansen, cumulative, kaplan_meier

TOL = 1e-9  # agreement with lifelines: both are a few hundred products and sums of ratios


# ------------------------------------------------------------------ worked examples


def test_kaplan_meier_by_hand_with_a_tie_of_event_and_censoring() -> None:
    # Days 2, 3, 3, 5, 8; converted, converted, censored, converted, censored.
    # Day 2: 5 at risk, 1 converts: S = 4/5.
    # Day 3: 4 at risk (the record censored on day 3 still counts: events come first),
    #        1 converts: S = 4/5 * 3/4 = 3/5.   (censoring first would give 4/5 * 2/3.)
    # Day 5: 2 at risk, 1 converts: S = 3/5 * 1/2 = 3/10.
    f = kaplan_meier([2, 3, 3, 5, 8], [1, 1, 0, 1, 0])
    assert list(f.times) == [2, 3, 5]
    assert f.values == pytest.approx([1 / 5, 2 / 5, 7 / 10], abs=1e-15)


def test_horizons_are_inclusive() -> None:
    f = kaplan_meier([2, 3, 3, 5, 8], [1, 1, 0, 1, 0])
    # A conversion on day t counts at t; nothing before the first conversion.
    assert list(f.at([0, 1, 2, 3, 4, 5, 100])) == pytest.approx(
        [0, 0, 0.2, 0.4, 0.4, 0.7, 0.7], abs=1e-15)
    assert f(2) == pytest.approx(0.2)
    assert f.final == pytest.approx(0.7)


def test_aalen_johansen_by_hand() -> None:
    # Days 1, 2, 2, 4, 5, 6; converted, lost, converted, censored, converted, lost.
    # Day 1: 6 at risk, 1 converts: CIF = 1 * 1/6;           S = 5/6.
    # Day 2: 5 at risk, 1 converts, 1 lost: CIF += 5/6 * 1/5 = 1/3;  S = 5/6 * 3/5 = 1/2.
    # Day 4: censored.
    # Day 5: 2 at risk, 1 converts: CIF += 1/2 * 1/2 -> 1/3 + 1/4 = 7/12;  S = 1/4.
    # Day 6: the last record is lost: no change.
    f = aalen_johansen([1, 2, 2, 4, 5, 6], [1, 2, 1, 0, 1, 2])
    assert list(f.times) == [1, 2, 5]
    assert f.values == pytest.approx([1 / 6, 1 / 3, 7 / 12], abs=1e-15)
    # A Kaplan-Meier that censors the losses overstates it: 1 - 5/6 * 4/5 * 1/2 = 2/3.
    assert kaplan_meier([1, 2, 2, 4, 5, 6], [1, 2, 1, 0, 1, 2]).final == pytest.approx(2 / 3)
    curve, competing = cumulative([1, 2, 2, 4, 5, 6], [1, 2, 1, 0, 1, 2])
    assert competing
    assert curve.final == pytest.approx(7 / 12)


def test_left_truncation_by_hand() -> None:
    # Records (entry, duration, event): (0, 3, conv), (4, 5, conv), (0, 6, cens), (2, 10, conv).
    # At risk on day t when entry <= t <= duration.
    # Day 3: records 0, 2, 3 (record 1 enters on day 4): 1 of 3 converts, S = 2/3.
    # Day 5: records 1, 2, 3: 1 of 3 converts, S = 4/9.
    # Day 10: record 3 alone converts: S = 0.
    f = kaplan_meier([3, 5, 6, 10], [1, 1, 0, 1], entry=[0, 4, 0, 2])
    assert f.values == pytest.approx([1 / 3, 5 / 9, 1.0], abs=1e-15)
    # Without delayed entry day 3 has 4 at risk.
    assert kaplan_meier([3, 5, 6, 10], [1, 1, 0, 1])(3) == pytest.approx(1 / 4)


def test_entry_on_the_event_day_counts_and_ends_before_entry_are_left_out() -> None:
    # Record 0 enters on day 3 and converts that day: at risk, 1 of 2 (with record 1).
    # Record 2 ended (day 1) before it entered (day 2): never watched, left out.
    f = kaplan_meier([3, 7, 1], [1, 0, 1], entry=[3, 0, 2])
    assert list(f.times) == [3]
    assert f.final == pytest.approx(0.5)


def test_no_events_gives_zero_everywhere() -> None:
    f = aalen_johansen([4, 5], [0, 2])
    assert f.final == 0.0
    assert list(f.at([0, 10])) == [0.0, 0.0]
    assert kaplan_meier([], []).final == 0.0


def test_bad_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="event codes"):
        kaplan_meier([1], [3])
    with pytest.raises(ValueError, match="one entry per record"):
        kaplan_meier([1, 2], [1])


# -------------------------------------------------------------------- lifelines


def _lifelines_at(frame: Any, days: np.ndarray) -> np.ndarray:
    """A lifelines estimate (a one-column DataFrame indexed by time) as a step function."""
    column = frame.iloc[:, 0]
    index = column.index.to_numpy(dtype=float)
    pos = np.searchsorted(index, days, side="right") - 1
    return np.where(pos >= 0, column.to_numpy()[np.maximum(pos, 0)], 0.0)


# lifelines puts a record entering at e at risk on (e, duration]; ours is at risk from
# day e itself ([e, duration], with whole days), so lifelines gets e - 0.5.


@pytest.mark.parametrize("seed", range(8))
def test_kaplan_meier_agrees_with_lifelines(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 400
    d = rng.integers(0, 60, n)  # many ties, on purpose
    e = rng.integers(0, 2, n)
    entry = np.minimum((rng.random(n) * (d + 1)).astype(int), d) * (rng.random(n) < 0.5)
    kmf = KaplanMeierFitter().fit(d, e, entry=entry - 0.5)
    days = np.arange(0, 70)
    theirs = 1.0 - kmf.survival_function_at_times(days).to_numpy()
    assert np.abs(kaplan_meier(d, e, entry).at(days) - theirs).max() < TOL


@pytest.mark.parametrize("seed", range(8))
def test_aalen_johansen_agrees_with_lifelines_without_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 300
    d = rng.permutation(np.arange(1, 4 * n))[:n]  # distinct days: lifelines jitters ties
    e = rng.integers(0, 3, n)
    entry = np.minimum((rng.random(n) * d * 0.5).astype(int), d)
    ajf = AalenJohansenFitter(calculate_variance=False).fit(
        d, e, event_of_interest=1, entry=entry - 0.5)
    days = np.arange(0, 4 * n + 5)
    theirs = _lifelines_at(ajf.cumulative_density_, days)
    assert np.abs(aalen_johansen(d, e, entry).at(days) - theirs).max() < TOL


@pytest.mark.parametrize("seed", range(8))
def test_aalen_johansen_ties_agree_with_lifelines_on_ties_broken_by_hand(seed: int) -> None:
    # Our ties: on one day, conversions and losses come before censorings. Breaking the
    # ties that way by hand (each event a distinct moment half a day early, censorings on
    # the day) changes no increment S(t-) * d1 / n, so lifelines, given the broken ties,
    # must agree at every whole day; it then needs no jitter.
    rng = np.random.default_rng(100 + seed)
    n = 300
    d = rng.integers(1, 40, n)
    e = rng.integers(0, 3, n)
    entry = np.minimum(rng.integers(0, 10, n), d)
    moment = d.astype(float)
    happened = e != 0
    moment[happened] = d[happened] - 0.5 + np.arange(happened.sum()) * 1e-4
    ajf = AalenJohansenFitter(calculate_variance=False).fit(
        moment, e, event_of_interest=1, entry=entry - 0.75)
    days = np.arange(0, 45)
    theirs = _lifelines_at(ajf.cumulative_density_, days)
    assert np.abs(aalen_johansen(d, e, entry).at(days) - theirs).max() < TOL


# -------------------------------------------------------------------------- laws

records = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 2), st.integers(0, 60)), max_size=60)


def _columns(rows: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.array([r[0] for r in rows], dtype=np.int64)
    e = np.array([r[1] for r in rows], dtype=np.int64)
    entry = np.minimum(np.array([r[2] for r in rows], dtype=np.int64), d)
    return d, e, entry


@given(records)
def test_cumulative_is_a_distribution_function(rows: list[tuple[int, int, int]]) -> None:
    d, e, entry = _columns(rows)
    for f in (kaplan_meier(d, e, entry), aalen_johansen(d, e, entry)):
        values = f.at(np.arange(0, 62))
        assert np.all(np.diff(values) >= -1e-12)
        assert np.all((values >= 0) & (values <= 1 + 1e-12))


@given(records)
def test_kaplan_meier_equals_aalen_johansen_when_nobody_is_lost(
        rows: list[tuple[int, int, int]]) -> None:
    d, e, entry = _columns(rows)
    e = np.where(e == 2, 0, e)
    days = np.arange(0, 62)
    assert np.allclose(kaplan_meier(d, e, entry).at(days), aalen_johansen(d, e, entry).at(days),
                       rtol=0, atol=1e-12)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 2)), min_size=1, max_size=60))
def test_without_censoring_the_final_value_is_the_naive_rate(
        rows: list[tuple[int, int]]) -> None:
    d = np.array([r[0] for r in rows])
    e = np.array([r[1] for r in rows])
    curve, _ = cumulative(d, e)
    assert curve.final == pytest.approx(np.mean(e == 1), abs=1e-12)
