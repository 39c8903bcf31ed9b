"""The warnings of the actuals read from CRM exports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from alignplanner.domain.wording.basics import (
    listing,
    percent,
)

# -- actuals ------------------------------------------------------------------------------


def _for_example(examples: Iterable[str]) -> str:
    named = list(examples)
    return f" (for example {listing(named)})" if named else ""


def _records(n: int) -> str:
    return f"{n:,} record{'' if n == 1 else 's'}"


def actuals_after_as_of(events: int, as_of: date) -> str:
    """Events dated after the report's date were left out."""
    return (f"{events:,} event{'' if events == 1 else 's'} dated after "
            f"{as_of.isoformat()} {'was' if events == 1 else 'were'} left out.")


def actuals_backward_moves(records: int, examples: Iterable[str]) -> str:
    """Records that moved back to an earlier stage (they still count as having reached
    the furthest stage)."""
    return (f"{_records(records)} moved back to an earlier stage{_for_example(examples)}; "
            "each still counts as having reached its furthest stage.")


def actuals_before_entry(records: int, examples: Iterable[str]) -> str:
    """Records with events dated before their first entry into the funnel."""
    have = "has" if records == 1 else "have"
    return (f"{_records(records)} {have} events dated before their first entry into the "
            f"funnel{_for_example(examples)}.")


def actuals_negative_lags(records: int, examples: Iterable[str]) -> str:
    """Records that entered a later stage before an earlier one."""
    return (f"{_records(records)} entered a later stage before an earlier one"
            f"{_for_example(examples)}; those lags count as 0 days.")


def actuals_left_truncated(from_stage: str, to_stage: str, records: int,
                           first_day: date) -> str:
    """Records watched only from the day the files of the next stage begin."""
    return (f"The events of {to_stage} begin on {first_day.isoformat()}: {_records(records)} "
            f"that entered {from_stage} before then count from that day on "
            "(left truncation).")


def actuals_abrupt_start(from_stage: str, to_stage: str, first_day: date, early: int,
                         days: int) -> str:
    """Nobody reached the next stage before a day although many had had time to."""
    return (f"No record reached {to_stage} before {first_day.isoformat()}, although "
            f"{_records(early)} entered {from_stage} more than {days:,} days earlier "
            f"(the p90 lag): the history of {to_stage} looks cut off.")


def actuals_rate_jump(from_stage: str, to_stage: str, *, before: str, before_rate: float,
                      after: str, after_rate: float, window_days: int) -> str:
    """The conversion of consecutive monthly cohorts jumps (up: the earlier months may
    miss events; down: the later ones may)."""
    return (f"Of the records that entered {from_stage} in {before}, {percent(before_rate)} "
            f"reached {to_stage} within {window_days:,} days; of those of {after}, "
            f"{percent(after_rate)}: a change this sudden suggests that data is missing on "
            "one side of it.")
