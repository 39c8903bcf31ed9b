"""Erlang C and monthly SLA feasibility (funnel-math section 6).

Checked three ways: published staffing examples (each test names its source and the
numbers it printed), an independent implementation (pyworkforce's ErlangC, a test-only
dependency) over a grid, and a second formulation written here (the direct sum of the
M/M/N stationary distribution in log space) against our Erlang B recursion.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pyworkforce.queuing import ErlangC  # type: ignore[import-untyped]

from alignplanner.domain.sla.erlang import (
    MAX_LOAD,
    erlang_b,
    erlang_c,
    offered_load,
    service_level,
    smallest_servers,
    whole_servers,
)
from alignplanner.domain.sla.feasibility import SlaMonth, sla_feasibility

SECOND = 1 / 3600  # hours


# -------------------------------------------------------------- published examples


def test_cran_erlangc_readme_100_calls_per_half_hour() -> None:
    """R package ErlangC 0.1.0 (CRAN, 2024), README examples: 100 calls per 30 minutes,
    handle time 180 s, answer within 20 s, 14 agents: traffic intensity 10, wait
    probability 0.1741319, service level 0.88835, average speed of answer 7.835937 s,
    occupancy 0.7142857; the fewest agents for 80% is 14, and its search starts at 11
    agents with wait probability 0.6821182 and service level 0.3896138. (The same example
    as Call Centre Helper's "Erlang C formula - made simple".)"""
    rate, handle, window = 200.0, 3.0, 20 * SECOND
    a = offered_load(rate, handle)
    assert a == pytest.approx(10)
    assert erlang_c(14, a) == pytest.approx(0.1741319, abs=5e-8)
    assert service_level(14, rate, handle, window) == pytest.approx(0.88835, abs=5e-6)
    asa_seconds = erlang_c(14, a) * handle * 60 / (14 - a)
    assert asa_seconds == pytest.approx(7.83593701177724, abs=1e-9)
    assert a / 14 == pytest.approx(0.7142857, abs=5e-8)
    assert smallest_servers(rate, handle, window, 0.80) == 14
    assert erlang_c(11, a) == pytest.approx(0.6821182, abs=5e-8)
    assert service_level(11, rate, handle, window) == pytest.approx(0.3896138, abs=5e-8)


def test_call_center_tools_readme_1000_calls_an_hour() -> None:
    """PyPI package call-center-tools, README: 1000 calls per hour, handle time 120 s,
    answer within 20 s, 40 agents (its pick under an 85% occupancy cap): traffic
    intensity 33.333 Erlangs, waiting probability 19.07%, service level 93.72%,
    occupancy 83.33%, average speed of answer 3.43 s."""
    rate, handle, window = 1000.0, 2.0, 20 * SECOND
    a = offered_load(rate, handle)
    assert a == pytest.approx(33.333, abs=5e-4)
    assert erlang_c(40, a) == pytest.approx(0.1907, abs=5e-5)
    assert service_level(40, rate, handle, window) == pytest.approx(0.9372, abs=5e-5)
    assert a / 40 == pytest.approx(0.8333, abs=5e-5)
    assert erlang_c(40, a) * 120 / (40 - a) == pytest.approx(3.43, abs=5e-3)
    # Without the occupancy cap, 80% in 20 s needs fewer agents (our own figure).
    assert smallest_servers(rate, handle, window, 0.80) < 40


def test_westbay_cc_excel_forum_example() -> None:
    """Westbay Engineers' CC-Excel support forum ("CCXLService", January 2021): 21 agents,
    57 calls (an hour) of 1110 s each, target answer time 180 s: service level 80.7%.
    Their calculator also said that with a 20 s target the agents needed for 80% rise from
    21 to 23."""
    rate, handle = 57.0, 1110 / 60
    assert service_level(21, rate, handle, 180 * SECOND) == pytest.approx(0.807, abs=5e-4)
    assert smallest_servers(rate, handle, 180 * SECOND, 0.80) == 21
    assert smallest_servers(rate, handle, 20 * SECOND, 0.80) == 23


# -------------------------------------------------------------------- conventions


def test_edge_values() -> None:
    assert erlang_c(0, 0.0) == 1.0
    assert erlang_c(3, 0.0) == 0.0
    assert erlang_c(3, 3.0) == 1.0
    assert erlang_c(3, 7.5) == 1.0
    assert erlang_b(0, 2.0) == 1.0
    assert erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: C = utilisation
    assert service_level(3, 0.0, 12, 1) == 1.0
    assert service_level(3, 15.0, 12, 1) == 0.0  # load 3 on 3 reps: no window is kept
    assert service_level(0, 1.0, 12, 1) == 0.0
    assert smallest_servers(0.0, 12, 1, 0.95) == 0
    # A zero window asks that nobody waits: 1 - C.
    assert service_level(2, 5.0, 12, 0) == pytest.approx(1 - erlang_c(2, 1.0))


@pytest.mark.parametrize(("reps", "servers"), [
    (4.6, 4), (4.0, 4), (4.9999999999, 5), (0.4, 0), (0.0, 0), (12.999, 12),
])
def test_fractional_reps_are_rounded_down(reps: float, servers: int) -> None:
    assert whole_servers(reps) == servers


@pytest.mark.parametrize("call", [
    lambda: erlang_c(-1, 1.0),
    lambda: erlang_c(2.5, 1.0),  # type: ignore[arg-type]
    lambda: erlang_c(True, 1.0),
    lambda: erlang_c(2, -1.0),
    lambda: erlang_c(2, math.nan),
    lambda: service_level(2, math.inf, 12, 1),
    lambda: smallest_servers(10, 12, 1, 1.0),
    lambda: smallest_servers(10, 12, 1, 0.0),
    lambda: smallest_servers(10, 12, -1, 0.9),
    lambda: whole_servers(-0.5),
])
def test_bad_arguments_are_refused(call: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        call()  # type: ignore[operator]


# --------------------------------------------------- an independent implementation


def pyworkforce(rate: float, handle: float, window: float) -> ErlangC:
    """pyworkforce's ErlangC takes transactions per interval (minutes), handle time and
    answer target in minutes."""
    return ErlangC(transactions=rate, aht=handle, asa=window * 60, interval=60)


GRID_RATES = [0.5, 3.0, 12.5, 40.0, 150.0, 900.0]
GRID_HANDLES = [2.0, 7.5, 12.0, 30.0, 60.0]
GRID_WINDOWS = [1 / 60, 0.25, 1.0, 4.0]


@pytest.mark.parametrize("rate", GRID_RATES)
@pytest.mark.parametrize("handle", GRID_HANDLES)
@pytest.mark.parametrize("window", GRID_WINDOWS)
def test_matches_pyworkforce_on_a_grid(rate: float, handle: float, window: float) -> None:
    ref = pyworkforce(rate, handle, window)
    a = offered_load(rate, handle)
    assert a == pytest.approx(ref.intensity)
    first = math.floor(a) + 1
    for n in range(first, first + 40):
        assert erlang_c(n, a) == pytest.approx(ref.waiting_probability(n), abs=1e-6)
        assert service_level(n, rate, handle, window) == pytest.approx(
            ref.service_level(n), abs=1e-6)
    for target in (0.5, 0.8, 0.95, 0.99):
        n = first
        while ref.service_level(n) < target:
            n += 1
        assert smallest_servers(rate, handle, window, target) == n


@given(st.integers(1, 400), st.floats(0.01, 1.0), st.floats(0.5, 90.0),
       st.floats(1 / 120, 24.0))
def test_matches_pyworkforce_anywhere(servers: int, utilisation: float, handle: float,
                                      window: float) -> None:
    a = servers * utilisation
    assume(a < servers)
    rate = a * 60 / handle
    ref = pyworkforce(rate, handle, window)
    assert erlang_c(servers, a) == pytest.approx(ref.waiting_probability(servers), abs=1e-6)
    assert service_level(servers, rate, handle, window) == pytest.approx(
        ref.service_level(servers), abs=1e-6)


# ---------------------------------------------------------- a second formulation


def direct_sum_erlang_c(n: int, a: float) -> float:
    """C(N, a) = [a^N/N! * N/(N-a)] / [sum_{k<N} a^k/k! + a^N/N! * N/(N-a)], with every
    term in log space (relative to the largest) so that large N does not overflow."""
    logs = [k * math.log(a) - math.lgamma(k + 1) for k in range(n)]
    tail = n * math.log(a) - math.lgamma(n + 1) + math.log(n / (n - a))
    top = max([*logs, tail])
    head = math.fsum(math.exp(x - top) for x in logs)
    last = math.exp(tail - top)
    return last / (head + last)


@given(st.integers(1, 3000), st.floats(0.001, 0.999))
def test_recursion_matches_the_direct_sum(servers: int, utilisation: float) -> None:
    a = servers * utilisation
    assert erlang_c(servers, a) == pytest.approx(direct_sum_erlang_c(servers, a),
                                                 rel=1e-9, abs=1e-15)


def test_large_teams_stay_accurate() -> None:
    assert erlang_c(5000, 4950.0) == pytest.approx(direct_sum_erlang_c(5000, 4950.0),
                                                   rel=1e-9)
    assert 0 < erlang_c(5000, 4950.0) < 1
    assert erlang_c(5000, 100.0) == 0.0  # underflows cleanly, no overflow error


@given(st.floats(0.1, 500), st.floats(1, 60), st.floats(0, 8), st.floats(0.05, 0.999))
def test_service_level_rises_with_servers_and_the_smallest_is_smallest(
    rate: float, handle: float, window: float, target: float
) -> None:
    a = offered_load(rate, handle)
    n = smallest_servers(rate, handle, window, target)
    assert n > a
    assert service_level(n, rate, handle, window) >= target
    if n - 1 > a:
        assert service_level(n - 1, rate, handle, window) < target
    levels = [service_level(k, rate, handle, window) for k in range(n - 3, n + 4) if k >= 0]
    assert levels == sorted(levels)
    assert service_level(n, rate, handle, window * 2) >= service_level(n, rate, handle,
                                                                       window)


# ------------------------------------------------------------- monthly feasibility

SDR_WORDS = {"reps_label": "SDRs", "units_label": "MQLs", "response_label": "a first call"}


def one_month(entries: float, hours: float, reps: float, *, handle: float = 12,
              window: float = 1, target: float = 0.95) -> SlaMonth:
    [month] = sla_feasibility([entries], hours, reps, handle_minutes=handle,
                              window_hours=window, target=target, **SDR_WORDS)
    return month


def test_the_issues_shortfall_sentence() -> None:
    # 21 workdays of 8 hours (168 business hours), 545 MQLs, an hour of work each.
    month = one_month(545, 168, 4, handle=60)
    assert month.message == ("With 4 SDRs, 71% of MQLs get a first call within 1 hour; "
                             "the SLA promises 95%: you need 6.")
    assert month.service_level == pytest.approx(0.7106, abs=1e-4)
    assert month.reps_needed == 6
    assert not month.feasible
    assert month.utilisation == pytest.approx(545 / 168 / 4)


def test_impossible_load_is_said_in_words() -> None:
    # 4,100 MQLs at 12 minutes are 820 hours of work; 4 SDRs have 4 * 160 = 640 hours.
    month = one_month(4100, 160, 4)
    assert month.message == (
        "4 SDRs cannot keep up with 4,100 MQLs a month at 12 minutes each: they would "
        "need 180 hours a month more than they have; no response window can be met. "
        "You need 6.")
    assert month.utilisation == pytest.approx(820 / 640)
    assert month.service_level == 0.0
    assert not month.feasible
    assert month.reps_needed == smallest_servers(4100 / 160, 12, 1, 0.95)


def test_a_kept_promise() -> None:
    month = one_month(900, 160, 4, window=0.25)
    assert month.feasible
    assert month.message == ("With 4 SDRs, 99% of MQLs get a first call within 15 "
                             "minutes; the SLA promises 95%: met.")
    assert month.reps_needed == 3


def test_fractional_reps_answer_as_whole_reps() -> None:
    month = one_month(900, 160, 4.6, window=0.25)
    assert month.servers == 4
    assert month.effective_reps == 4.6
    assert month.message.startswith("With 4.6 ramped SDRs, that is 4 who can answer at "
                                     "once, 99% of MQLs")
    # One SDR would do: load 300 / 160 * 12 / 60 = 0.375, so 1 - 0.375 e^-(0.625 * 5) = 98%.
    nobody = one_month(300, 160, 0.6)
    assert nobody.servers == 0
    assert not nobody.feasible
    assert nobody.message == ("With 0.6 ramped SDRs, not one who can answer at once, "
                              "none of the 300 MQLs a month get a first call within 1 "
                              "hour; the SLA promises 95%: you need 1.")


def test_quiet_and_closed_months() -> None:
    quiet = one_month(0, 160, 4)
    assert quiet.feasible
    assert quiet.service_level == 1.0
    assert quiet.reps_needed == 0
    assert quiet.message == "No MQLs are expected this month, so there is nothing to answer."
    closed = one_month(10, 0, 4)
    assert not closed.feasible
    assert closed.reps_needed is None
    assert closed.message == ("This month has no business hours, so none of its 10 MQLs "
                              "can get a first call within 1 hour.")


def test_levels_are_rounded_down_to_the_targets_precision() -> None:
    # 542 MQLs, 168 hours, an hour each, 4 SDRs: 71.9% reads as 71%, not 72%.
    month = one_month(542, 168, 4, handle=60, target=0.72)
    assert 0.719 < month.service_level < 0.72
    assert month.message == ("With 4 SDRs, 71% of MQLs get a first call within 1 hour; "
                             "the SLA promises 72%: you need 5.")
    precise = one_month(542, 168, 4, handle=60, target=0.725)
    assert "71.9% of MQLs" in precise.message
    assert "promises 72.5%" in precise.message
    assert "promises 95.5%" in one_month(900, 160, 4, target=0.955).message


@pytest.mark.parametrize(("window", "words"), [
    (5 / 60, "within 5 minutes"), (1 / 60, "within 1 minute"), (2.0, "within 2 hours"),
    (1.5, "within 1.5 hours"), (0.0, "without waiting"), (24.0, "within 24 hours"),
])
def test_windows_in_words(window: float, words: str) -> None:
    assert words in one_month(900, 160, 6, window=window).message


def test_series_broadcast_and_must_match() -> None:
    months = sla_feasibility([900, 1800, 2700], [160, 168, 176], 4, handle_minutes=12,
                             window_hours=4, target=0.95)
    assert [m.business_hours for m in months] == [160, 168, 176]
    assert [m.effective_reps for m in months] == [4, 4, 4]
    assert months[0].message.startswith("With 4 reps, ")
    assert "of leads get a first response within 4 hours" in months[0].message
    with pytest.raises(ValueError, match="one value per month"):
        sla_feasibility([900, 900], [160], 4, handle_minutes=12, window_hours=4, target=0.9)
    with pytest.raises(ValueError, match="handle minutes"):
        sla_feasibility([900], 160, 4, handle_minutes=0, window_hours=4, target=0.9)
    assert sla_feasibility([], 160, 4, handle_minutes=12, window_hours=4, target=0.9) == []


@given(st.lists(st.floats(0, 5000), min_size=1, max_size=12), st.floats(1, 200),
       st.floats(0, 20), st.floats(1, 60), st.floats(0, 8), st.floats(0.5, 0.99))
def test_feasible_means_enough_whole_reps(
    entries: list[float], hours: float, reps: float, handle: float, window: float,
    target: float,
) -> None:
    for m in sla_feasibility(entries, hours, reps, handle_minutes=handle,
                             window_hours=window, target=target):
        if m.load > MAX_LOAD:  # not worked out: no number of reps, not feasible
            assert m.reps_needed is None
            assert not m.feasible
            continue
        assert m.reps_needed is not None
        assert m.feasible == (m.servers >= m.reps_needed)
        if m.entries > 0:
            assert m.feasible == (m.service_level >= target - 1e-12)
        assert (m.utilisation >= 1) <= (not m.feasible)
        assert m.message.endswith(".")


def test_a_huge_team_on_a_small_load_answers_everyone() -> None:
    # Erlang B underflows to 0 long before a million servers; it stays 0 from there on.
    assert erlang_b(1_000_000, 3.0) == 0.0
    assert service_level(1_000_000, 30.0, 6.0, 0.01) == 1.0


def test_a_load_beyond_any_sales_team_is_not_worked_out() -> None:


    # 2,000,000 entries over 160 hours at 60 minutes: 12,500 reps busy at once
    (month,) = sla_feasibility([2_000_000], 160, 20_000, handle_minutes=60,
                               window_hours=1, target=0.9, reps_label="SDRs",
                               units_label="MQLs")
    assert month.load > MAX_LOAD
    assert month.reps_needed is None
    assert not month.feasible
    assert f"more than {MAX_LOAD:,.0f} SDRs busy at once" in month.message
