"""How the plan file writes a value: whole numbers as integers, no NaN or infinity, empty
optional keys left out, times in RFC 3339 form."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from alignplanner.domain.problems import Path, dotted

_WHOLE_LIMIT = 2.0**53  # above this a float's integer value is no longer exact


def num(value: float) -> int | float:
    """A whole input number as an int (``12000000``), any other as the float it is;
    ValueError for NaN and infinity."""
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"refusing to write {x}: not a finite number")
    if x.is_integer() and abs(x) < _WHOLE_LIMIT:
        return int(x)
    return x


def opt_num(value: float | None) -> int | float | None:
    """`num`, or None (left out) for None."""
    return None if value is None else num(value)


def drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without the keys that are None or empty (optional keys left out)."""
    return {k: v for k, v in values.items() if v is not None and v not in ("", [], {})}


def rfc3339(value: datetime) -> str:
    """``2026-11-23T14:05:00Z`` for a UTC time (other offsets as ``+01:00``)."""
    if value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat(timespec="seconds")


def check_finite(value: object, path: Path) -> None:
    """Raise ValueError if any float inside ``value`` is NaN or infinite."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"refusing to write {value} at {dotted(path)}: not a finite number")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_finite(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_finite(item, (*path, i))


__all__ = ["check_finite", "drop_empty", "num", "opt_num", "rfc3339"]
