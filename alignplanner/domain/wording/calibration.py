"""The sentences of calibrating the plan from history."""

from __future__ import annotations

from alignplanner.domain.wording.basics import plural


def calibration_shrunk(source: str, n: int, unit: str, raw: float, pooled: float) -> str:
    """Why a small source's rate is shrunk: 'Partner: 14 leads; shrunk from 21% towards
    the pooled 12%'."""
    noun = unit if n != 1 else unit.removesuffix("s")
    return (f"{source}: {n:,} {noun}; shrunk from {raw * 100:.0f}% towards the pooled "
            f"{pooled * 100:.0f}%")


def calibration_not_small(source: str, n: int, unit: str) -> str:
    """A source large enough that the pooled rate hardly moves it."""
    return f"{source}: {n:,} {unit}; enough of its own history to stand on it"


def calibration_no_matured(window_days: int) -> str:
    """No record has had the whole window yet: no estimate."""
    return (f"no record has had the whole {window_days}-day window yet; "
            "an estimate would count young records as lost")


def calibration_no_wins() -> str:
    return "no won record with an amount"


def calibration_no_conversions() -> str:
    return "no matured record converted within the window: no lag to measure"


def calibration_none_converted(window_days: int) -> str:
    return (f"no record converted within the {window_days}-day window; a plan's conversion "
            "must be above 0")


def calibration_no_pool() -> str:
    return "fewer than two sources with history, or none converted: nothing to pool"


def calibration_source_unplanned(source: str) -> str:
    return f"{source} is not a source of the plan: add it to accept its figures"


def calibration_before_entry(source: str, entry: str) -> str:
    """A source's step above where it enters the plan's funnel."""
    return f"{source} enters the plan's funnel at {entry}: the plan has no rate of its own here"


def calibration_unit(stage_name: str) -> str:
    """What a stage's records are called in a reason: 'MQL' -> 'MQLs'."""
    return plural(stage_name)
