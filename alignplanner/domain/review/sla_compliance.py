"""What happened to an SLA's hand-offs, measured on the plan's business calendar.

A hand-off starts when a record is handed over (assigned, or entered the SLA's
``from_stage``) and is answered at its first response (accepted, first touch, or the next
stage). Its time is the business time between the two (`BusinessCalendar`). A hand-off is
due when it was answered, or when the window has passed unanswered by ``as_of``; one
unanswered within the window is pending and counts nowhere. ``within`` is the share of the
due hand-offs answered within the window; ``bands`` the same share within 1, 2 and 4
times the window; median and p95 (numpy's linear percentile) are over the answered ones.
A due hand-off still unanswered is stale, and named with its owner, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from alignplanner.domain.sla.business_clock import BusinessClock
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla

BAND_FACTORS = (1.0, 2.0, 4.0)
"""The bands, as multiples of the SLA's window."""

_HOUR_SECONDS = 3600.0


@dataclass(frozen=True)
class HandOff:
    """One record handed over at ``start`` and answered at ``answered`` (None: not yet)."""

    id: str
    owner: str
    start: datetime
    answered: datetime | None = None


@dataclass(frozen=True)
class Stale:
    """A hand-off past its window unanswered: ``hours`` of business time so far."""

    id: str
    owner: str
    hours: float


@dataclass(frozen=True)
class SlaCompliance:
    """One SLA's hand-offs as they went (see the module)."""

    sla: str
    window_hours: float
    answered: int
    due: int
    median_hours: float | None
    p95_hours: float | None
    within: float | None
    bands: tuple[tuple[float, float | None], ...]  # (hours, share of due within them)
    stale: tuple[Stale, ...]


def compliance(sla: Sla, calendar: BusinessCalendar, handoffs: Sequence[HandOff],
               as_of: datetime) -> SlaCompliance:
    """The compliance of ``sla`` over ``handoffs`` as known at ``as_of`` (aware). Business
    time is measured for all of them at once (`BusinessClock`)."""
    window = sla.window_hours
    end = as_of.timestamp()
    start = np.array([h.start.timestamp() for h in handoffs], np.float64)
    answer = np.array([h.answered.timestamp() if h.answered is not None else np.nan
                       for h in handoffs], np.float64)
    done = ~np.isnan(answer) & (answer <= end)
    clock = BusinessClock.spanning(calendar, np.concatenate([start, answer[done], [end]]))
    times = clock.between(start[done], answer[done]) / _HOUR_SECONDS
    waiting = np.flatnonzero(~done)
    waited = clock.between(start[waiting], np.full(len(waiting), end)) / _HOUR_SECONDS
    late = waited > window
    stale = [Stale(handoffs[i].id, handoffs[i].owner, float(w))
             for i, w in zip(waiting[late].tolist(), waited[late].tolist(), strict=True)]
    due = len(times) + len(stale)
    median, p95 = (np.percentile(times, [50, 95]).tolist() if len(times) else (None, None))

    def share(hours: float) -> float | None:
        return int(np.count_nonzero(times <= hours + 1e-9)) / due if due else None

    return SlaCompliance(
        sla=sla.id, window_hours=window, answered=len(times), due=due,
        median_hours=median, p95_hours=p95, within=share(window),
        bands=tuple((window * f, share(window * f)) for f in BAND_FACTORS),
        stale=tuple(sorted(stale, key=lambda s: -s.hours)),
    )


__all__ = ["BAND_FACTORS", "HandOff", "SlaCompliance", "Stale", "compliance"]
