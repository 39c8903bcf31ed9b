"""The tests' float tolerance: loose enough for another summation order, tight enough to
tell a cent, and exact for everything that is not a float."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest
from float_tolerance import ABS, REL, assert_close, close

from alignplanner.domain.results import PlanWarning, Result, StageResult


def result(monthly: tuple[float, ...] = (0.1 + 0.2, 1_000_000.0), *, rounded: int = 2,
           message: str = "m") -> Result:
    stage = StageResult(id="s0", volume=1_000_000.3, new=1.0, rounded=rounded,
                        pre_plan=0.0, monthly=monthly, monthly_new=monthly,
                        monthly_rounded=(1, 1))
    return Result(wins=3.0, wins_rounded=3, pipeline_wins=0.0,
                  months=(date(2027, 1, 1), date(2027, 2, 1)), target_monthly=(1.0, 2.0),
                  pipeline_monthly=(0.0, 0.0), stages=(stage,), sources=(),
                  warnings=(PlanWarning("c", message),))


def test_last_bit_noise_is_the_same_number() -> None:
    assert close(0.1 + 0.2, 0.3)
    assert close(1e6 * (1 + 1000 * 2.2e-16), 1e6)  # a thousand ulps
    assert close(1e-17, 0.0)  # near 0: within ABS
    assert close(math.inf, math.inf)
    assert not close(math.nan, math.nan)
    assert_close(result(), result((0.3, 1_000_000.0 * (1 + 1e-15))))


def test_a_cent_on_a_million_is_a_difference() -> None:
    assert not close(1_000_000.01, 1_000_000.0)
    assert not close(0.01, 0.0)
    assert 1_000_000.0 * REL < 0.01
    assert ABS < 0.01
    with pytest.raises(AssertionError, match=r"stages\[0\]\.monthly\[1\]"):
        assert_close(result((0.3, 1_000_000.01)), result((0.3, 1_000_000.0)))


def test_everything_but_floats_is_compared_exactly() -> None:
    with pytest.raises(AssertionError, match=r"stages\[0\]\.rounded"):
        assert_close(result(rounded=3), result())
    with pytest.raises(AssertionError, match=r"warnings\[0\]\.message"):
        assert_close(result(message="n"), result())
    with pytest.raises(AssertionError, match=r"int 1 is not float 1\.0"):
        assert_close([1], [1.0])
    with pytest.raises(AssertionError, match="2 items, expected 1"):
        assert_close((1.0, 2.0), (1.0,))
    with pytest.raises(AssertionError, match="keys"):
        assert_close({"a": 1.0}, {"b": 1.0})
    shorter = replace(result(), months=(date(2027, 1, 1),))
    with pytest.raises(AssertionError, match="months"):
        assert_close(shorter, result())
