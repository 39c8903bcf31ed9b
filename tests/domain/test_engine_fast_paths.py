"""The engine's shortcuts against the straightforward code they stand for (hypothesis).

Each must give exactly the same values, to the last bit and the same Python types: the
rounded months of every stage at once against `rounding.largest_remainder` row by row.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alignplanner.domain import rounding

# Monthly volumes where the rounding is decided in the last bits: whole numbers and
# halves (ties between months), values within the forgiven noise of a whole number,
# negative zero, tiny negatives, huge values, and some that take the scalar way round.
_near = st.integers(0, 10**6).flatmap(
    lambda n: st.sampled_from([n, n + 0.5, n + 1e-10, n - 1e-10, n + 2e-9, math.nextafter(n, 0)])
)
_values = st.one_of(
    _near.map(float),
    st.floats(min_value=0, max_value=1e6),
    st.floats(min_value=-2.0, max_value=0.0),
    st.sampled_from([0.0, -0.0, 1e12 + 0.5, 2.0**52 - 0.5, 4.5e15]),
)
_odd = st.sampled_from([math.inf, -math.inf, math.nan, 2.0**52, 1e300])


def _tied(width: int) -> st.SearchStrategy[list[float]]:
    """A row of whole numbers plus one of a few fractions: many months tie."""
    return st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5 + 1e-12, 0.75]), min_size=1,
                    max_size=3).flatmap(lambda fractions: st.lists(
        st.tuples(st.integers(0, 50), st.sampled_from(fractions)).map(lambda t: t[0] + t[1]),
        min_size=width, max_size=width))


@st.composite
def monthly_rows(draw: st.DrawFn) -> tuple[np.ndarray, list[int]]:
    rows = draw(st.integers(1, 6))
    width = draw(st.integers(1, 40))
    values = draw(st.lists(st.one_of(st.lists(_values, min_size=width, max_size=width),
                                     _tied(width)), min_size=rows, max_size=rows))
    array = np.array(values, dtype=np.float64)
    if draw(st.integers(0, 9)) == 0:  # now and then a value only the scalar way can take
        array[draw(st.integers(0, rows - 1)), draw(st.integers(0, width - 1))] = draw(_odd)
    totals = []
    for row in values:
        floors = sum(max(0, math.floor(v + rounding.noise(v))) for v in row)
        totals.append(floors + draw(st.integers(-3, width + 3)))  # out of range: clamped
    return array, totals


@settings(max_examples=300, deadline=None)
@given(monthly_rows())
def test_rows_at_once_are_largest_remainder_row_by_row(case: tuple[np.ndarray, list[int]]
                                                       ) -> None:
    values, totals = case
    expected = []
    for row, total in zip(values, totals, strict=True):
        try:
            expected.append(rounding.largest_remainder(row.tolist(), total))
        except (OverflowError, ValueError):  # an infinity or NaN has no floor
            expected.append(None)
    if None in expected:
        return
    got = rounding.largest_remainder_rows(values, totals)
    assert got == expected
    assert all(type(x) is int for row in got for x in row)


def test_rows_of_no_months() -> None:
    assert rounding.largest_remainder_rows(np.zeros((3, 0)), [0, 1, 0]) == [(), (), ()]
