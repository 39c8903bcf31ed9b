"""Dated stage events of CRM records, as columns.

One event says: record ``r`` entered stage ``s`` (or was lost) on day ``d``. Days are
proleptic ordinals (`datetime.date.toordinal`): the date part of the export's timestamp,
in the export's own clock, so a lag in days is a plain difference. Stages are indexes
into `Events.stages`, in funnel order; `LOST` marks a loss.

For the SLAs an event also carries its instant (UTC seconds since 1970, `NO_TIME` when
its date had no time of day), a record its owner, and an SLA the hand-off times the
exports give for it in columns of their own (`HandOffTimes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

LOST = -1
"""The stage code of an event that ends a record as lost."""

UNATTRIBUTED = "unattributed"
"""The source of a record whose source is blank (kept apart from a literal 'unknown')."""

NO_HISTORY_START = np.iinfo(np.int32).min
"""`Events.history_start` of a stage whose files say nothing about when they begin."""

NO_TIME = np.iinfo(np.int64).min
"""The instant of an event (or a hand-off time) whose export gave no time of day."""

NO_OWNER = ""
"""The owner of a record whose exports name none."""


@dataclass(frozen=True, eq=False)
class HandOffTimes:
    """One SLA's hand-off times as columns of the exports gave them, per record
    (`NO_TIME` where none did): ``start`` handed over, ``answered`` first response."""

    start: NDArray[np.int64]
    answered: NDArray[np.int64]


def _no_times() -> Mapping[str, HandOffTimes]:
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)
class Events:
    """Every dated stage event read from a set of exports.

    ``record``, ``stage`` and ``day`` have one entry per event; ``source`` and
    ``amount`` one per record (``record_ids[i]`` is record i's id as written).
    ``history_start[s]`` is the first day covered by the files that hold stage s's
    events (the earliest date any of them holds), or `NO_HISTORY_START`: records that
    entered the stage before it are left-truncated there.
    """

    stages: tuple[str, ...]
    record_ids: tuple[str, ...]
    record: NDArray[np.int32]
    stage: NDArray[np.int16]
    day: NDArray[np.int32]
    sources: tuple[str, ...] = (UNATTRIBUTED,)
    source: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    amount: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, np.float64))
    history_start: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    instant: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    owners: tuple[str, ...] = (NO_OWNER,)
    owner: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    handoffs: Mapping[str, HandOffTimes] = field(default_factory=_no_times)

    def __post_init__(self) -> None:
        n = len(self.record)
        if len(self.stage) != n or len(self.day) != n:
            raise ValueError("record, stage and day must have one entry per event")
        records = len(self.record_ids)
        if not len(self.source):
            object.__setattr__(self, "source", np.zeros(records, np.int32))
        if not len(self.amount):
            object.__setattr__(self, "amount", np.full(records, np.nan))
        if not len(self.history_start):
            object.__setattr__(self, "history_start",
                               np.full(len(self.stages), NO_HISTORY_START, np.int32))
        if len(self.source) != records or len(self.amount) != records:
            raise ValueError("source and amount must have one entry per record")
        if len(self.history_start) != len(self.stages):
            raise ValueError("history_start must have one entry per stage")
        if not len(self.instant):
            object.__setattr__(self, "instant", np.full(n, NO_TIME, np.int64))
        if not len(self.owner):
            object.__setattr__(self, "owner", np.zeros(records, np.int32))
        if len(self.instant) != n or len(self.owner) != records:
            raise ValueError("instant must have one entry per event, owner one per record")

    @property
    def events(self) -> int:
        return len(self.record)


__all__ = ["LOST", "NO_HISTORY_START", "NO_OWNER", "NO_TIME", "UNATTRIBUTED", "Events",
           "HandOffTimes"]
