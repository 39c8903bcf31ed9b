"""The sentences of the actuals' warnings: counts, examples and dates as people read them."""

from __future__ import annotations

from datetime import date

from alignplanner.domain import wording


def test_counts_agree_with_their_verbs() -> None:
    assert wording.actuals_before_entry(1, ["x"]) == (
        "1 record has events dated before their first entry into the funnel (for example x).")
    assert wording.actuals_before_entry(2, []).startswith("2 records have events")
    assert wording.actuals_after_as_of(1, date(2025, 1, 2)) == (
        "1 event dated after 2025-01-02 was left out.")
    assert wording.actuals_after_as_of(1200, date(2025, 1, 2)).startswith(
        "1,200 events dated after 2025-01-02 were left out")


def test_examples_are_listed() -> None:
    said = wording.actuals_negative_lags(3, ["a", "b", "c"])
    assert said == ("3 records entered a later stage before an earlier one "
                    "(for example a, b and c); those lags count as 0 days.")


def test_truncation_names_the_date_and_the_stages() -> None:
    said = wording.actuals_left_truncated("MQL", "SQL", 12, date(2024, 3, 1))
    assert said == ("The events of SQL begin on 2024-03-01: 12 records that entered MQL "
                    "before then count from that day on (left truncation).")
    jump = wording.actuals_rate_jump("MQL", "SQL", before="2024-02", before_rate=0.02,
                                     after="2024-03", after_rate=0.31, window_days=90)
    assert "in 2024-02, 2% reached SQL within 90 days; of those of 2024-03, 31%" in jump
