"""Business time for many instants at once: `BusinessCalendar.business_time_between`,
vectorised for the thousands of hand-offs an export holds.

The calendar's open intervals over a span of local days are laid end to end once; an
instant's business time is the open time of the intervals before it plus its part of the
one it falls in, so the business time between two instants is a difference of two
lookups (`numpy.searchsorted`). Instants are UTC seconds since 1970.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.sla.calendar import BusinessCalendar

__all__ = ["BusinessClock"]

_DAY = timedelta(days=1)


class BusinessClock:
    """The open intervals of ``calendar`` from local day ``first`` to ``last``."""

    def __init__(self, calendar: BusinessCalendar, first: date, last: date) -> None:
        opens: list[float] = []
        closes: list[float] = []
        day = first
        while day <= last:
            interval = calendar.opening_hours(day)
            if interval is not None:
                opens.append(interval[0].timestamp())
                closes.append(interval[1].timestamp())
            day += _DAY
        self.opens = np.asarray(opens, np.float64)
        self.closes = np.asarray(closes, np.float64)
        lengths = self.closes - self.opens
        self.before = np.concatenate([[0.0], np.cumsum(lengths)])[:-1] if len(lengths) \
            else np.zeros(0)

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
        if not len(self.opens):
            return np.zeros(len(t))
        j = np.searchsorted(self.opens, t, side="right") - 1
        k = np.maximum(j, 0)
        inside = np.clip(t - self.opens[k], 0.0, self.closes[k] - self.opens[k])
        return np.where(j >= 0, self.before[k] + inside, 0.0)

    def between(self, a: NDArray[np.int64] | NDArray[np.float64],
                b: NDArray[np.int64] | NDArray[np.float64]) -> NDArray[np.float64]:
        """Business seconds from each ``a`` to its ``b`` (negative when ``b`` is earlier)."""
        return self.elapsed(b) - self.elapsed(a)
