"""Numbers as people type them: the values read, the refusals, and the round trip."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.typed_numbers import NotANumber, read_number, show_number


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12.0), ("12M", 12_000_000.0), ("$12M", 12_000_000.0), ("12m", 12_000_000.0),
    ("12k", 12_000.0), ("1.2e7", 12_000_000.0), ("$12,000,000", 12_000_000.0),
    ("1.5B", 1_500_000_000.0), ("2bn", 2_000_000_000.0), ("3 mn", 3_000_000.0),
    ("1e12", 1e12), ("12M €", 12_000_000.0), ("-$5", -5.0), ("$-5", -5.0),
    ("\u22125", -5.0), ("  7 ", 7.0), ("1.1k", 1_100.0), ("1,234.5", 1_234.5),
    (".5", 0.5), ("5.", 5.0), ("0.07", 0.07), ("-0", 0.0),
    ("12 million", 12_000_000.0), ("1.5 Billions", 1_500_000_000.0), ("3 thousand", 3_000.0),
])
def test_reads_what_people_type(text: str, value: float) -> None:
    assert read_number(text, decimals=2) == value


@pytest.mark.parametrize(("text", "why"), [
    ("abc", "is not a number"), ("", "is empty"), ("12 USD", "ends in \u201cUSD\u201d"),
    ("12x", "ends in \u201cx\u201d"), ("12,5", "comma that does not separate thousands"),
    ("1,23,456", "comma that does not separate thousands"), ("--5", "is not a number"),
    ("1e3k", "both an exponent and a scale"), ("1e999999", "too large"),
    ("$$5", "is not a number"), ("nan", "is not a number"), ("inf", "is not a number"),
    ("1.2.3", "is not a number"), ("12.345", "at most 2 decimals"),
])
def test_refuses_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(NotANumber, match=re.escape(why)):
        read_number(text, decimals=2)


def test_whole_number_fields_refuse_decimals() -> None:
    assert read_number("1.25M", decimals=0) == 1_250_000
    with pytest.raises(NotANumber, match="takes whole numbers"):
        read_number("12.5", decimals=0)


def test_the_refusal_quotes_what_was_typed() -> None:
    with pytest.raises(NotANumber, match="\u201c12 apples\u201d"):
        read_number(" 12 apples ")


@given(st.integers(min_value=-10**15, max_value=10**15), st.integers(0, 4),
       st.booleans())
def test_a_shown_value_reads_back_the_same(cents: int, decimals: int, groups: bool) -> None:
    value = cents / 10**decimals
    text = show_number(value, decimals, groups=groups)
    assert read_number(text, decimals=decimals) == pytest.approx(value, rel=1e-15, abs=0)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.sampled_from(["", "k", "M", "B"]))
def test_a_scale_multiplies_exactly(number: float, scale: str) -> None:
    text = f"{number:.2f}{scale}"
    factor = {"": 1, "k": 1e3, "M": 1e6, "B": 1e9}[scale]
    assert read_number(text) == pytest.approx(float(f"{number:.2f}") * factor, rel=1e-12)


@given(st.text())
def test_never_accepts_garbage(text: str) -> None:
    """Whatever is read is made of a number's parts only: any other letter is refused."""
    try:
        value = read_number(text)
    except NotANumber:
        return
    assert isinstance(value, float)
    left = re.sub(r"(?i)\d|[.,+e\s$€£¥\u2212\u2013-]|(?:thousand|million|billion|trillion)s?"
                  r"|bn|mn|[kmbt]", "", text)
    assert left == ""


@given(st.from_regex(r"\A[a-df-jl-su-zA-DF-JL-SU-Z]+\Z"))
def test_words_are_refused(word: str) -> None:
    with pytest.raises(NotANumber):
        read_number(word)
