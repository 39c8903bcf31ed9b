"""From dated events to one row per record: when it entered each stage, how it ended.

The estimates need, per record, the first day it entered each stage, the furthest stage
it reached, and whether it was won, lost or is still open (docs/actuals.md, "Events and
records"). Everything here is vectorised over events and records (one scatter-min into a
records x stages table, a few passes over the stages), so a million events take a
fraction of a second.

The rules:

- First entry into a stage: the earliest event mapped to it. A stage the record skipped
  (it reached a later one) is passed through on the date of the next stage it reached
  beyond it.
- Furthest stage: the highest stage of any of its events; a backward move never undoes it.
- Won: reached the last stage. Lost: not won, and an event mapped to lost is dated on or
  after its first entry into its furthest stage; the loss day is the earliest such event.
  A loss followed by progress does not count: the record went on, and it is lost only if
  a loss comes after its furthest reach. Open: the rest (including records whose only
  events are losses: they never entered the funnel).
- Oddities are counted and named (up to five record ids each), not corrected, except
  that a negative lag counts as 0 days where lags are measured:
  backward moves (an event into a lower stage than one the record had already entered
  on an earlier day), events dated before the record's first entry into the funnel (its
  earliest stage event), and negative lags (a later stage entered before an earlier one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import LOST, Events

NEVER = np.int64(np.iinfo(np.int32).max)
"""The entry day of a stage a record never reached (far beyond any real date)."""

OPEN, WON, LOSS = 0, 1, 2
"""Outcome codes of a record."""

EXAMPLES = 5
"""Record ids named per oddity."""


@dataclass(frozen=True)
class Oddity:
    """How many records show one kind of oddity, and up to `EXAMPLES` of their ids."""

    records: int
    examples: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Records:
    """One row per record (index as in `Events.record_ids`).

    ``entry[r, s]`` is the day record r first entered stage s (skips filled in), or
    `NEVER`; ``furthest[r]`` its furthest stage (-1: no stage event); ``outcome[r]`` one
    of `OPEN`, `WON`, `LOSS`; ``loss_day[r]`` the day of its loss, or `NEVER`;
    ``has_events[r]``: it has at least one event on or before ``as_of``.
    """

    entry: NDArray[np.int64]
    furthest: NDArray[np.int64]
    outcome: NDArray[np.int8]
    loss_day: NDArray[np.int64]
    has_events: NDArray[np.bool_]
    backward: Oddity
    before_entry: Oddity
    negative_lag: Oddity
    after_as_of: int  # events dated after as_of, left out


def _oddity(flags: NDArray[np.bool_], ids: tuple[str, ...]) -> Oddity:
    where = np.flatnonzero(flags)
    return Oddity(len(where), tuple(ids[i] for i in where[:EXAMPLES]))


def build_records(events: Events, as_of: int | None = None) -> Records:
    """The records of ``events``, counting only events dated on or before ``as_of`` (a
    day ordinal; None: all of them)."""
    n, k = len(events.record_ids), len(events.stages)
    record = events.record.astype(np.int64)
    stage = events.stage.astype(np.int64)
    day = events.day.astype(np.int64)
    after = 0
    if as_of is not None:
        keep = day <= as_of
        after = int(len(day) - np.count_nonzero(keep))
        if after:
            record, stage, day = record[keep], stage[keep], day[keep]
    has_events = np.zeros(n, dtype=bool)
    has_events[record] = True

    is_stage = stage >= 0
    s_rec, s_stage, s_day = record[is_stage], stage[is_stage], day[is_stage]
    flat = np.full(n * k, NEVER, dtype=np.int64)
    np.minimum.at(flat, s_rec * k + s_stage, s_day)
    observed = flat.reshape(n, k)

    # after[r, s]: the earliest entry into any stage above s (NEVER if none); the entry
    # of a skipped stage is that of the next stage reached beyond it.
    above = np.full((n, k), NEVER, dtype=np.int64)
    entry = observed.copy()
    for s in range(k - 2, -1, -1):
        above[:, s] = np.minimum(above[:, s + 1], observed[:, s + 1])
        skipped = (entry[:, s] == NEVER) & (entry[:, s + 1] != NEVER)
        entry[skipped, s] = entry[skipped, s + 1]
    reached = observed != NEVER
    any_stage = reached.any(axis=1)
    furthest = np.where(any_stage, k - 1 - np.argmax(reached[:, ::-1], axis=1), -1)

    first_in = observed.min(axis=1) if k else np.full(n, NEVER)
    backward = np.zeros(n, dtype=bool)
    backward[s_rec[s_day > above[s_rec, s_stage]]] = True
    early = np.zeros(n, dtype=bool)
    early[record[day < first_in[record]]] = True
    negative = np.zeros(n, dtype=bool)
    if k > 1:
        both = (entry[:, 1:] != NEVER) & (entry[:, :-1] != NEVER)
        negative = (both & (entry[:, 1:] < entry[:, :-1])).any(axis=1)

    outcome = np.full(n, OPEN, dtype=np.int8)
    loss_day = np.full(n, NEVER, dtype=np.int64)
    lost = stage == LOST
    l_rec, l_day = record[lost], day[lost]
    f_rec = furthest[l_rec]
    reach_day = np.where(f_rec >= 0, entry[l_rec, np.maximum(f_rec, 0)], NEVER)
    counts = l_day >= reach_day
    np.minimum.at(loss_day, l_rec[counts], l_day[counts])
    outcome[loss_day != NEVER] = LOSS
    if k:
        won = furthest == k - 1
        outcome[won] = WON
        loss_day[won] = NEVER

    ids = events.record_ids
    return Records(entry, furthest.astype(np.int64), outcome, loss_day, has_events,
                   _oddity(backward, ids), _oddity(early, ids), _oddity(negative, ids), after)


__all__ = ["EXAMPLES", "LOSS", "NEVER", "OPEN", "WON", "Oddity", "Records", "build_records"]
