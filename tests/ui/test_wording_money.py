"""Money on the charts and headline numbers: the unit the rounded figure reaches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.ui.wording.basics import money


@pytest.mark.parametrize(("amount", "text"), [
    (999_999_999_999, "1.00T USD"), (999_995_000_000, "1.00T USD"),
    (999_999_999, "1.00B USD"), (999_999.5, "1.00M USD"), (9_999.6, "10,000 USD"),
    (999_600, "1.00M USD"),
    (9_999.4, "9,999 USD"), (12_000_000, "12.00M USD"), (1_500_000_000, "1.50B USD"),
    (-2_500_000, "-2.50M USD"), (-0.3, "0 USD"), (1e15, "1000.00T USD"),
])
def test_money_reads_in_the_unit_it_reaches(amount: float, text: str) -> None:
    assert money(amount, "USD") == text


@given(st.floats(min_value=0, max_value=1e12 - 1, allow_nan=False))
def test_never_a_thousand_of_a_unit(amount: float) -> None:
    figure = money(amount).rstrip("TBMk").replace(",", "")
    if money(amount)[-1] in "TBMk":
        assert float(figure) < 1000
