"""CRM events for the tests of the estimates: written by hand, or a random funnel."""

from __future__ import annotations

from datetime import date

import numpy as np

from alignplanner.domain.actuals.events import LOST, Events

START = date(2024, 1, 1).toordinal()


def random_events(records: int, stages: int = 5, seed: int = 0, span: int = 730,
                  p_next: float = 0.6, p_lost: float = 0.3, sources: int = 3) -> Events:
    """Each record enters stage 0 on a day within ``span`` days of `START`, moves on
    with chance ``p_next`` per stage after an exponential lag, else is lost with chance
    ``p_lost`` after a lag, else stays open. Vectorised over records."""
    rng = np.random.default_rng(seed)
    rec_l, stage_l, day_l = [], [], []
    alive = np.arange(records)
    day = START + rng.integers(0, span, records)
    for s in range(stages):
        rec_l.append(alive)
        stage_l.append(np.full(len(alive), s))
        day_l.append(day[alive])
        if s == stages - 1:
            break
        u = rng.random(len(alive))
        lag = rng.exponential(20 + 10 * s, len(alive)).astype(np.int64)
        moving = u < p_next
        losing = ~moving & (u < p_next + (1 - p_next) * p_lost)
        rec_l.append(alive[losing])
        stage_l.append(np.full(int(losing.sum()), LOST))
        day_l.append(day[alive[losing]] + lag[losing])
        day[alive[moving]] += lag[moving]
        alive = alive[moving]
    record = np.concatenate(rec_l).astype(np.int32)
    order = rng.permutation(len(record))
    return Events(
        stages=tuple(f"S{i}" for i in range(stages)),
        record_ids=tuple(f"R{i}" for i in range(records)),
        record=record[order],
        stage=np.concatenate(stage_l).astype(np.int16)[order],
        day=np.concatenate(day_l).astype(np.int32)[order],
        sources=tuple(f"src{i}" for i in range(sources)),
        source=rng.integers(0, sources, records).astype(np.int32),
    )


def events_of(stages: str, rows: list[tuple[str, str, str]], *,
              sources: dict[str, str] | None = None,
              history_start: dict[str, str] | None = None) -> Events:
    """Events from readable rows: ``stages`` "Lead MQL SQL Won"; rows (record id, stage
    name or "lost", ISO date); ``sources`` record id -> source; ``history_start`` stage
    -> ISO date of the first day its files cover."""
    names = tuple(stages.split())
    ids = tuple(dict.fromkeys(r[0] for r in rows))
    index = {r: i for i, r in enumerate(ids)}
    source_names = tuple(dict.fromkeys((sources or {}).values())) or ("unattributed",)
    source = np.array([source_names.index((sources or {}).get(r, source_names[0]))
                       for r in ids], dtype=np.int32)
    starts = np.full(len(names), np.iinfo(np.int32).min, dtype=np.int32)
    for name, day in (history_start or {}).items():
        starts[names.index(name)] = date.fromisoformat(day).toordinal()
    return Events(
        stages=names, record_ids=ids,
        record=np.array([index[r[0]] for r in rows], dtype=np.int32),
        stage=np.array([LOST if r[1] == "lost" else names.index(r[1]) for r in rows],
                       dtype=np.int16),
        day=np.array([date.fromisoformat(r[2]).toordinal() for r in rows], dtype=np.int32),
        sources=source_names, source=source, history_start=starts,
    )
