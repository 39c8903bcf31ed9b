"""Checks of single field values that every plan value uses: numbers in range, ids, text.

Each check records a `Problem` in a `Collector` (it never raises), so a value reports every
wrong field at once. The limits that several values share are here too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from alignplanner.domain.problems import Collector, Path

ID_PATTERN = re.compile(r"^[a-z0-9_-]+$")

MAX_MONTHS = 120
MAX_DAYS = 3650.0  # ten years between two stages is already absurd
MAX_MONEY = 1e15


def is_number(value: object) -> bool:
    """True for an int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_number(
    c: Collector,
    path: Path,
    value: object,
    *,
    low: float,
    high: float,
    low_open: bool = False,
    what: str = "value",
) -> None:
    """Record a problem unless ``value`` is a finite number in [low, high] (or (low, high])."""
    if not is_number(value):
        c.add(path, f"{what} must be a number, got {value!r}")
        return
    x = float(value)  # type: ignore[arg-type]
    if not math.isfinite(x):
        c.add(path, f"{what} must be a finite number, got {x}")
        return
    below = x <= low if low_open else x < low
    if below or x > high:
        c.add(path, f"{what} must be {range_words(low, high, low_open=low_open)}, got {_fmt(x)}")


def range_words(low: float, high: float, *, low_open: bool = False) -> str:
    """A range as people say it: ``above 0 and at most 1,000,000,000,000,000``."""
    return f"{'above' if low_open else 'at least'} {_fmt(low)} and at most {_fmt(high)}"


def _fmt(x: float) -> str:
    if abs(x) <= 1e15 and (x == int(x) or abs(x) >= 1e6):
        return f"{x:,.0f}"  # 3,650 and 1,000,000,000,000,000, not 1e+15
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.4g}"  # 1e308, not 309 digits


def check_days(c: Collector, path: Path, value: object) -> None:
    """Days are non-negative and at most MAX_DAYS (fractions allowed)."""
    check_number(c, path, value, low=0.0, high=MAX_DAYS, what="days")


def check_id(c: Collector, path: Path, value: object, what: str = "id") -> None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        c.add(path, f"{what} must use only a-z, 0-9, '_' and '-', got {value!r}")


def check_text(c: Collector, path: Path, value: object, *, limit: int = 10_000) -> None:
    if not isinstance(value, str):
        c.add(path, f"must be text, got {value!r}")
    elif len(value) > limit:
        c.add(path, f"is longer than {limit:,} characters")



def plain_floats(values: Sequence[float]) -> bool:
    """Every value a float (not an int, not a bool), finite and not negative: what the
    engine hands on needs no conversion (a NaN or an infinity makes the sum not finite;
    so may a huge sum, which only sends the values the long way round)."""
    return (bool(values) and set(map(type, values)) == {float}
            and math.isfinite(sum(values)) and min(values) >= 0.0)


__all__ = [
    "ID_PATTERN", "MAX_DAYS", "MAX_MONEY", "MAX_MONTHS", "check_days", "check_id",
    "check_number", "check_text", "is_number", "plain_floats", "range_words",
]
