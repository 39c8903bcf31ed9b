"""Business time for many instants at once: `BusinessCalendar.business_time_between`,
vectorised for the thousands of hand-offs an export holds.

The calendar's open intervals over a span of local days are laid end to end once; an
instant's business time is the open time of the intervals before it plus its part of the
one it falls in, so the business time between two instants is a difference of two
lookups (an hourly table of the intervals, then one step). Instants are UTC seconds
since 1970. A span's layout is kept (a few dozen), so the review after each plan edit does
not lay the same days out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.sla.calendar import BusinessCalendar

__all__ = ["BusinessClock"]

_DAY = timedelta(days=1)


_BUCKET = 3600.0
"""The lookup table's step in seconds: an open is at most one a local day, so no hour
holds two."""


@dataclass(frozen=True, eq=False)
class _Layout:
    """The open intervals end to end: interval i opens at ``opens[i]`` having
    ``shifted[i] + opens[i]`` business seconds before it and closes having ``after[i]``;
    entry 0 is a sentinel before every instant. ``table[h]`` is the last interval opened
    by the h-th hour from ``origin`` (the first open), or -1 for none."""

    opens: NDArray[np.float64]
    shifted: NDArray[np.float64]
    after: NDArray[np.float64]
    origin: float
    table: NDArray[np.intp]


@lru_cache(maxsize=32)
def _laid_out(calendar: BusinessCalendar, first: date, last: date) -> _Layout:
    """The layout of ``calendar``'s days ``first`` to ``last`` (kept for the next clock
    over the same days, such as the review's after each plan edit; read-only)."""
    opens: list[float] = [-np.inf]
    closes: list[float] = [-np.inf]
    day = first
    while day <= last:
        interval = calendar.opening_hours(day)
        if interval is not None:
            opens.append(interval[0].timestamp())
            closes.append(interval[1].timestamp())
        day += _DAY
    o = np.asarray(opens, np.float64)
    c = np.asarray(closes, np.float64)
    lengths = np.concatenate([[0.0], c[1:] - o[1:]])
    after = np.cumsum(lengths)
    shifted = after - lengths - o  # the sentinel's is +inf: min(t + inf, 0) is 0
    origin = o[1] if len(o) > 1 else 0.0
    hours = int((o[-1] - origin) // _BUCKET) + 2 if len(o) > 1 else 1
    table = np.searchsorted(o, origin + _BUCKET * np.arange(hours), side="right") - 1
    for column in (o, shifted, after, table):
        column.setflags(write=False)
    return _Layout(o, shifted, after, float(origin), table)


class BusinessClock:
    """The open intervals of ``calendar`` from local day ``first`` to ``last``."""

    def __init__(self, calendar: BusinessCalendar, first: date, last: date) -> None:
        self._layout = _laid_out(calendar, first, last)

    @classmethod
    def spanning(cls, calendar: BusinessCalendar,
                 instants: NDArray[np.int64] | NDArray[np.float64]) -> BusinessClock:
        """A clock whose span holds every one of ``instants`` (with a day to spare)."""
        if not len(instants):
            today = datetime.now(UTC).date()
            return cls(calendar, today, today)
        low = datetime.fromtimestamp(int(instants.min()), UTC).date() - _DAY
        high = datetime.fromtimestamp(int(instants.max()), UTC).date() + _DAY
        return cls(calendar, low, high)

    def elapsed(self, instants: NDArray[np.int64] | NDArray[np.float64]) -> NDArray[np.float64]:
        """Business seconds from the span's start to each instant."""
        t = np.asarray(instants, np.float64)
        lay = self._layout
        # the hour's last open, then the one open that may follow within that hour: a
        # table lookup, several times quicker than a binary search of unsorted instants
        hour = np.clip((t - lay.origin) // _BUCKET, -1, len(lay.table) - 1).astype(np.intp)
        k = np.where(hour >= 0, lay.table[np.maximum(hour, 0)], 0)
        nxt = np.minimum(k + 1, len(lay.opens) - 1)
        k = np.where(lay.opens[nxt] <= t, nxt, k)
        return np.minimum(t + lay.shifted[k], lay.after[k])

    def between(self, a: NDArray[np.int64] | NDArray[np.float64],
                b: NDArray[np.int64] | NDArray[np.float64]) -> NDArray[np.float64]:
        """Business seconds from each ``a`` to its ``b`` (negative when ``b`` is earlier)."""
        return self.elapsed(b) - self.elapsed(a)
