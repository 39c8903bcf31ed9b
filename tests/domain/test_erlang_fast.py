"""The one-walk month of `sla_feasibility` against the general path it replaced: the
fewest servers by `_smallest` and the planned team's service level by its own Erlang B
recursion from one server. They must agree to the last bit (the same operations), and so
to well within funnel-math's 1e-12. And the months made without the dataclass's __init__
against the months it makes."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError, fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain import erlang
from alignplanner.domain.erlang import SlaMonth, sla_feasibility


def general(entries: float, hours: float, reps: float, handle: float, window: float,
            target: float) -> tuple[int, float, bool]:
    """(reps needed, service level, feasible) the way the month was worked out before."""
    servers = erlang.whole_servers(reps)
    h = handle / 60.0
    a = entries / hours * h
    smallest = erlang._smallest(a, window / h, target)
    b = erlang._erlang_b(servers, a)
    level = erlang._sl(servers, a, erlang._c_from_b(servers, a, b), window / h)
    return smallest, level, servers >= smallest


@given(st.floats(1, 20_000), st.floats(20, 400), st.floats(0, 80), st.floats(1, 90),
       st.floats(0, 8), st.floats(0.05, 0.999))
def test_one_walk_agrees_with_the_general_path(entries: float, hours: float, reps: float,
                                               handle: float, window: float,
                                               target: float) -> None:
    [month] = sla_feasibility([entries], hours, reps, handle_minutes=handle,
                              window_hours=window, target=target)
    a = entries / hours * (handle / 60.0)
    if month.servers == 0 or a >= month.servers or a > erlang.MAX_LOAD:
        return  # no service level to walk to: those branches are unchanged
    smallest, level, feasible = general(entries, hours, reps, handle, window, target)
    assert month.reps_needed == smallest
    assert month.feasible is feasible
    assert month.service_level == level  # bit for bit
    assert math.isclose(month.service_level, level, rel_tol=0, abs_tol=1e-12)


@given(st.lists(st.floats(0, 5000), min_size=1, max_size=40))
def test_plain_floats_and_other_numbers_give_the_same_months(entries: list[float]) -> None:
    """The fast argument check (plain finite floats) changes nothing: ints and floats
    given as ints come out as the same months."""
    fast = sla_feasibility(entries, 160.0, 6.5, handle_minutes=12, window_hours=1,
                           target=0.9)
    mixed = [int(e) if e == int(e) else e for e in entries]
    slow = sla_feasibility(mixed, 160, 6.5, handle_minutes=12, window_hours=1, target=0.9)
    assert fast == slow


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0])
def test_a_bad_value_is_still_refused_by_name(bad: float) -> None:
    with pytest.raises(ValueError, match="monthly entries"):
        sla_feasibility([1.0, bad], 160.0, 4.0, handle_minutes=12, window_hours=1, target=0.9)


@given(st.lists(st.one_of(st.floats(0, 20_000), st.just(0.0)), min_size=1, max_size=12),
       st.one_of(st.floats(0, 400), st.just(0.0)), st.floats(0, 80), st.floats(0.5, 90),
       st.floats(0, 8), st.floats(0.05, 0.999))
def test_months_are_the_months_the_dataclass_makes(entries: list[float], hours: float,
                                                   reps: float, handle: float, window: float,
                                                   target: float) -> None:
    """`erlang._made` skips the generated __init__; what it makes is the same SlaMonth:
    the same fields (words too), equal, hashed alike, frozen, with the same message."""
    for month in sla_feasibility(entries, hours, reps, handle_minutes=handle,
                                 window_hours=window, target=target, reps_label="SDRs"):
        made = SlaMonth(*(getattr(month, f.name) for f in fields(SlaMonth)))
        assert vars(month) == vars(made)
        assert [type(v) for v in vars(month).values()] == [type(v) for v in vars(made).values()]
        assert month == made
        assert hash(month) == hash(made)
        assert repr(month) == repr(made)
        assert month.message == made.message
        with pytest.raises(FrozenInstanceError):
            month.entries = 1.0  # type: ignore[misc]
