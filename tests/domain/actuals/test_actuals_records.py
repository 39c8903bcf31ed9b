"""From events to records: entries, skips, outcomes and the oddities they report."""

from __future__ import annotations

from datetime import date

import numpy as np
from event_factory import events_of, random_events
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.actuals.records import LOSS, NEVER, OPEN, WON, build_records

STAGES = "Lead MQL SQL Won"


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def test_first_entry_is_the_earliest_event_and_skips_take_the_next_stage_date() -> None:
    recs = build_records(events_of(STAGES, [
        ("a", "MQL", "2025-01-09"), ("a", "Lead", "2025-01-01"), ("a", "MQL", "2025-01-05"),
        # b skips MQL: it passed through it on the day it reached SQL.
        ("b", "Lead", "2025-02-01"), ("b", "SQL", "2025-02-10"),
        # c starts at SQL: Lead and MQL both take the SQL date.
        ("c", "SQL", "2025-03-03"),
    ]))
    assert list(recs.entry[0]) == [day("2025-01-01"), day("2025-01-05"), NEVER, NEVER]
    assert list(recs.entry[1]) == [day("2025-02-01"), day("2025-02-10"), day("2025-02-10"),
                                   NEVER]
    assert list(recs.entry[2][:3]) == [day("2025-03-03")] * 3
    assert list(recs.furthest) == [1, 2, 2]
    assert list(recs.outcome) == [OPEN] * 3


def test_backward_moves_are_counted_but_do_not_undo_the_furthest_stage() -> None:
    recs = build_records(events_of(STAGES, [
        ("a", "Lead", "2025-01-01"), ("a", "SQL", "2025-01-10"), ("a", "MQL", "2025-01-20"),
        # Same-day events in any order are no backward move.
        ("b", "SQL", "2025-01-05"), ("b", "Lead", "2025-01-05"),
        # A re-entry into the furthest stage is none either.
        ("c", "MQL", "2025-01-05"), ("c", "MQL", "2025-02-05"),
    ]))
    assert recs.backward.records == 1
    assert recs.backward.examples == ("a",)
    assert list(recs.furthest) == [2, 2, 1]
    # a's MQL entry stays its own (a late, backward event), giving a negative lag MQL->SQL.
    assert recs.entry[0, 1] == day("2025-01-20")
    assert recs.negative_lag.examples == ("a",)


def test_negative_lags_and_events_before_the_first_entry_are_named() -> None:
    recs = build_records(events_of(STAGES, [
        ("a", "Lead", "2025-01-10"), ("a", "MQL", "2025-01-03"),
        ("b", "lost", "2025-01-01"), ("b", "Lead", "2025-01-04"),
        ("c", "Lead", "2025-01-01"), ("c", "MQL", "2025-01-02"),
    ]))
    # a: MQL dated a week before Lead; its earliest stage event is the MQL one, so none
    # of its events is before its first entry. b: a loss before it entered the funnel.
    assert (recs.negative_lag.records, recs.negative_lag.examples) == (1, ("a",))
    assert (recs.before_entry.records, recs.before_entry.examples) == (1, ("b",))
    # b's loss came before its furthest reach: it went on, so it is open.
    assert recs.outcome[1] == OPEN


def test_outcomes_lost_after_progress_and_won() -> None:
    recs = build_records(events_of(STAGES, [
        # Lost at MQL, then reached SQL: open (the loss is before its furthest reach).
        ("a", "Lead", "2025-01-01"), ("a", "MQL", "2025-01-02"), ("a", "lost", "2025-01-03"),
        ("a", "SQL", "2025-01-04"),
        # Lost on the day it reached SQL: lost (on or after the entry).
        ("b", "Lead", "2025-01-01"), ("b", "SQL", "2025-01-04"), ("b", "lost", "2025-01-04"),
        ("b", "lost", "2025-01-09"),
        # Reached the last stage: won, whatever else happened.
        ("c", "Lead", "2025-01-01"), ("c", "lost", "2025-01-02"), ("c", "Won", "2025-01-05"),
        # Only a loss: never entered the funnel.
        ("d", "lost", "2025-01-01"),
    ]))
    assert list(recs.outcome) == [OPEN, LOSS, WON, OPEN]
    assert list(recs.loss_day) == [NEVER, day("2025-01-04"), NEVER, NEVER]
    assert list(recs.furthest) == [2, 2, 3, -1]
    assert list(recs.has_events) == [True] * 4


def test_events_after_as_of_are_left_out() -> None:
    events = events_of(STAGES, [
        ("a", "Lead", "2025-01-01"), ("a", "MQL", "2025-03-01"), ("b", "Lead", "2025-04-01"),
    ])
    recs = build_records(events, day("2025-02-01"))
    assert recs.after_as_of == 2
    assert list(recs.furthest) == [0, -1]
    assert list(recs.has_events) == [True, False]


def test_examples_stop_at_five() -> None:
    rows = []
    for i in range(8):
        rows += [(f"r{i}", "Lead", "2025-01-05"), (f"r{i}", "MQL", "2025-01-01")]
    recs = build_records(events_of(STAGES, rows))
    assert recs.negative_lag.records == 8
    assert recs.negative_lag.examples == ("r0", "r1", "r2", "r3", "r4")


@given(st.integers(0, 2**32 - 1), st.integers(2, 6))
def test_reached_stages_are_nested(seed: int, stages: int) -> None:
    # Whoever reached stage k + 1 reached stage k (skips are filled), and entered it no
    # later than its next reached stage's date at most (the filled date).
    events = random_events(200, stages=stages, seed=seed)
    recs = build_records(events)
    reached = recs.entry != NEVER
    assert np.all(reached[:, :-1] >= reached[:, 1:])
    assert np.array_equal(recs.furthest, reached.sum(axis=1) - 1)
    assert np.all((recs.outcome == WON) == (recs.furthest == stages - 1))
