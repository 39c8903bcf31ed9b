"""The months of an SLA agree with the queue's public functions.

`sla_feasibility` walks the Erlang B recursion once a month for the fewest reps and the
planned team's level; these tests hold it to `smallest_servers` and `service_level`
(themselves checked against published examples and pyworkforce in test_erlang.py).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.sla.erlang import (
    MAX_LOAD,
    offered_load,
    service_level,
    smallest_servers,
    staffing,
    whole_servers,
)
from alignplanner.domain.sla.feasibility import sla_feasibility

LEVEL_TOLERANCE = 1e-12  # the same formula; only the order of a few roundings may differ


@given(st.floats(1, 20_000), st.floats(20, 400), st.floats(0, 80), st.floats(1, 90),
       st.floats(0, 8), st.floats(0.05, 0.999))
def test_a_month_is_what_the_queue_functions_say(entries: float, hours: float, reps: float,
                                                 handle: float, window: float,
                                                 target: float) -> None:
    [month] = sla_feasibility([entries], hours, reps, handle_minutes=handle,
                              window_hours=window, target=target)
    rate = entries / hours
    servers = whole_servers(reps)
    assert month.servers == servers
    assert month.load == pytest.approx(offered_load(rate, handle), rel=1e-15)
    if month.load > MAX_LOAD:
        assert month.reps_needed is None
        assert not month.feasible
        return
    fewest = smallest_servers(rate, handle, window, target)
    assert month.reps_needed == fewest
    assert month.feasible is (servers >= fewest)
    expected = service_level(servers, rate, handle, window)
    assert math.isclose(month.service_level, expected, rel_tol=0, abs_tol=LEVEL_TOLERANCE)


@given(st.floats(0.01, 900), st.floats(0, 50), st.floats(0.05, 0.999), st.integers(0, 400))
def test_one_walk_gives_the_fewest_and_the_teams_level(load: float, window_over_handle: float,
                                                      target: float, servers: int) -> None:
    fewest, level = staffing(load, window_over_handle, target, servers)
    handle = 60.0  # one hour a response, so the load is the rate and the window is w
    assert fewest == smallest_servers(load, handle, window_over_handle, target)
    expected = service_level(servers, load, handle, window_over_handle)
    assert math.isclose(level, expected, rel_tol=0, abs_tol=LEVEL_TOLERANCE)


def test_a_team_far_past_its_promise_answers_everyone() -> None:
    """The walk stops once Erlang B underflows: 5,000 reps on a load of 3 are at 1.0."""
    assert staffing(3.0, 2.0, 0.95, 5000) == (smallest_servers(3.0, 60.0, 2.0, 0.95), 1.0)
    assert service_level(5000, 3.0, 60.0, 2.0) == 1.0


@given(st.lists(st.floats(0, 5000), min_size=1, max_size=40))
def test_ints_and_floats_give_the_same_months(entries: list[float]) -> None:
    floats = sla_feasibility(entries, 160.0, 6.5, handle_minutes=12, window_hours=1,
                             target=0.9)
    mixed = [int(e) if e == int(e) else e for e in entries]
    ints = sla_feasibility(mixed, 160, 6.5, handle_minutes=12, window_hours=1, target=0.9)
    # Exact: the ints become the very same floats before any arithmetic, which is then the
    # same on both sides.
    assert floats == ints


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0])
def test_a_bad_value_is_refused_by_name(bad: float) -> None:
    with pytest.raises(ValueError, match="monthly entries"):
        sla_feasibility([1.0, bad], 160.0, 4.0, handle_minutes=12, window_hours=1, target=0.9)
