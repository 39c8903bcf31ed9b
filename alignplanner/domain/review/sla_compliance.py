"""What happened to an SLA's hand-offs, measured on the plan's business calendar.

A hand-off starts when a record is handed over (assigned, or entered the SLA's
``from_stage``) and is answered at its first response (accepted, first touch, or the next
stage). Its time is the business time between the two (`BusinessCalendar`). A hand-off is
due when it was answered, or when the window has passed unanswered by ``as_of``; one
unanswered within the window is pending and counts nowhere. ``within`` is the share of the
due hand-offs answered within the window; ``bands`` the same share within 1, 2 and 4
times the window; median and p95 (numpy's linear percentile) are over the answered ones.
A due hand-off still unanswered is stale, and named with its owner, oldest first.

A million-row history holds hundreds of thousands of hand-offs, so they are columns
(`HandOffs`: record, start, answer), measured all at once (`measure`, on a
`BusinessClock`); a `HandOff` object is made only for one that is looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import overload

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import NO_OWNER, NO_TIME
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


def _instant(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(instant: int) -> datetime:
    return datetime.fromtimestamp(instant, UTC)


@dataclass(frozen=True, eq=False)
class HandOffs(Sequence[HandOff]):
    """One SLA's hand-offs as columns: hand-off i is of record ``record[i]`` (named
    ``ids[record[i]]``, owned by ``owners[owner[record[i]]]``), handed over at ``start[i]``
    and answered at ``answered[i]`` (UTC seconds since 1970; `NO_TIME`: not yet). As a
    sequence its items are `HandOff` objects, made when asked for."""

    record: NDArray[np.int64]
    start: NDArray[np.int64]
    answered: NDArray[np.int64]
    ids: Sequence[str]  # per record
    owner: NDArray[np.int32]  # per record: an index into owners
    owners: Sequence[str] = (NO_OWNER,)

    def __post_init__(self) -> None:
        if not len(self.record) == len(self.start) == len(self.answered):
            raise ValueError("record, start and answered must have one entry per hand-off")

    @classmethod
    def of(cls, items: Iterable[HandOff]) -> HandOffs:
        """The columns of ``items`` (times to the second)."""
        offs = list(items)
        owners = tuple(dict.fromkeys(h.owner for h in offs)) or (NO_OWNER,)
        index = {name: i for i, name in enumerate(owners)}
        return cls(
            record=np.arange(len(offs), dtype=np.int64),
            start=np.array([_instant(h.start) for h in offs], np.int64),
            answered=np.array([NO_TIME if h.answered is None else _instant(h.answered)
                               for h in offs], np.int64),
            ids=tuple(h.id for h in offs), owners=owners,
            owner=np.array([index[h.owner] for h in offs], np.int32))

    def take(self, which: NDArray[np.bool_] | NDArray[np.intp] | slice) -> HandOffs:
        """The hand-offs chosen by ``which`` (a mask, indexes or a slice), in its order."""
        return HandOffs(self.record[which], self.start[which], self.answered[which],
                        self.ids, self.owner, self.owners)

    def id_of(self, i: int) -> str:
        return self.ids[int(self.record[i])]

    def owner_of(self, i: int) -> str:
        return self.owners[int(self.owner[self.record[i]])]

    def __len__(self) -> int:
        return len(self.record)

    @overload
    def __getitem__(self, i: int) -> HandOff: ...

    @overload
    def __getitem__(self, i: slice) -> HandOffs: ...

    def __getitem__(self, i: int | slice) -> HandOff | HandOffs:
        if isinstance(i, slice):
            return self.take(i)
        if not -len(self) <= i < len(self):
            raise IndexError(f"hand-off {i} of {len(self)}")
        answered = int(self.answered[i])
        return HandOff(self.id_of(i), self.owner_of(i), _moment(int(self.start[i])),
                       None if answered == NO_TIME else _moment(answered))

    def __iter__(self) -> Iterator[HandOff]:
        return (self[i] for i in range(len(self)))


@dataclass(frozen=True, eq=False)
class Measured:
    """Hand-offs measured at one instant: ``done`` those answered by then, ``hours`` the
    business hours to the answer for them, the hours waited so far for the others."""

    handoffs: HandOffs
    done: NDArray[np.bool_]
    hours: NDArray[np.float64]


def measure(calendar: BusinessCalendar, offs: HandOffs, as_of: datetime) -> Measured:
    """Every one of ``offs`` on ``calendar``'s business clock, as known at ``as_of``
    (aware): one clock and two lookups per hand-off (`BusinessClock`)."""
    end = float(as_of.timestamp())
    start = offs.start.astype(np.float64)
    done = (offs.answered != NO_TIME) & (offs.answered <= end)
    until = np.where(done, offs.answered.astype(np.float64), end)
    clock = BusinessClock.spanning(calendar, np.concatenate([start, until[done], [end]]))
    return Measured(offs, done, clock.between(start, until) / _HOUR_SECONDS)


def within_share(measured: Measured, window: float, limit: float | None = None,
                 which: NDArray[np.bool_] | None = None) -> float | None:
    """The share of the due hand-offs (past ``window`` business hours or answered; of
    those ``which`` chooses) answered within ``limit`` hours (default: the window); None
    when none is due."""
    done, hours = measured.done, measured.hours
    if which is not None:
        done, hours = done[which], hours[which]
    due = np.count_nonzero(done) + np.count_nonzero(~done & (hours > window))
    bound = window if limit is None else limit
    return int(np.count_nonzero(done & (hours <= bound + 1e-9))) / due if due else None


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


def summary(sla: Sla, measured: Measured) -> SlaCompliance:
    """The compliance of ``sla`` over hand-offs already measured."""
    window = sla.window_hours
    offs, done, hours = measured.handoffs, measured.done, measured.hours
    times = hours[done]
    late = np.flatnonzero(~done & (hours > window))
    late = late[np.argsort(-hours[late], kind="stable")]  # the oldest first
    records = offs.record[late]
    ids, owners = offs.ids, offs.owners  # tens of thousands at a million rows: map, no frame
    stale = tuple(map(Stale, [ids[r] for r in records.tolist()],
                      [owners[o] for o in offs.owner[records].tolist()], hours[late].tolist()))
    median, p95 = (np.percentile(times, [50, 95]).tolist() if len(times) else (None, None))
    return SlaCompliance(
        sla=sla.id, window_hours=window, answered=len(times), due=len(times) + len(stale),
        median_hours=median, p95_hours=p95, within=within_share(measured, window),
        bands=tuple((window * f, within_share(measured, window, window * f))
                    for f in BAND_FACTORS),
        stale=stale,
    )


def compliance(sla: Sla, calendar: BusinessCalendar, handoffs: Sequence[HandOff],
               as_of: datetime) -> SlaCompliance:
    """The compliance of ``sla`` over ``handoffs`` (`HandOffs`, or any `HandOff`s) as
    known at ``as_of`` (aware)."""
    offs = handoffs if isinstance(handoffs, HandOffs) else HandOffs.of(handoffs)
    return summary(sla, measure(calendar, offs, as_of))


__all__ = ["BAND_FACTORS", "HandOff", "HandOffs", "Measured", "SlaCompliance", "Stale",
           "compliance", "measure", "summary", "within_share"]
