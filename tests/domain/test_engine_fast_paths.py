"""The engine's shortcuts against the straightforward code they stand for (hypothesis).

Each must give exactly the same values, to the last bit and the same Python types: the
rounded months of every stage at once against `rounding.largest_remainder` row by row,
the chains of all sources built at once against `engine.chain_spec` one source at a
time.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.engine import compute as engine
from alignplanner.domain.engine import rounding
from alignplanner.domain.plan.funnel import Source

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


overrides = st.dictionaries(st.sampled_from(["s0", "s1", "s2", "s3"]),
                            st.floats(min_value=0.01, max_value=1.0), max_size=3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=0.05, max_value=1.0), min_size=4, max_size=4),
       st.lists(overrides, min_size=1, max_size=4), st.booleans())
def test_all_chains_at_once_are_each_sources_chain(conversions: list[float],
                                                   changes: list[dict[str, float]],
                                                   recycle: bool) -> None:
    stages = chain(conversions, [7.0, 0.0, 30.5, 14.0],
                   {2: (0, 0.3, 90.0), 3: (3, 0.5, 10.0)} if recycle else None)
    share = 1 / len(changes)
    sources = [Source(id=f"src{n}", enters="s0", share=share, conversion_overrides=change)
               for n, change in enumerate(changes)]
    p = plan(stages, sources=sources)
    expected = [*(engine.chain_spec(p, s.conversion_overrides) for s in p.effective_sources()),
                engine.chain_spec(p)]
    got = engine._chain_specs(p, p.effective_sources())
    assert got == expected
    for a, b in zip(got, expected, strict=True):  # equal floats may differ in type or sign
        assert [x.hex() for x in a.conversion] == [x.hex() for x in b.conversion]
