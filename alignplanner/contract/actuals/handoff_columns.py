"""What the exports say for the SLAs: times of day, owners, and hand-off columns.

The importer (`importer`) reads the dates; this module adds, per file, the instant of
each date that has a time of day (`times`), and across files each record's owner and the
hand-off times named in ``[file.handoffs.<sla>]``. A record's owner comes from the first
file (in mapping order) that names one, from its last row there (a history lists rows
oldest first, so that is the current owner). A hand-off time is the earliest a record's
rows give, over every file: the first assignment, the first response.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.contract.actuals.dates import NO_DAY
from alignplanner.contract.actuals.mapping import FileMapping
from alignplanner.contract.actuals.times import parse_times
from alignplanner.contract.errors import FileProblem
from alignplanner.domain.actuals.events import NO_OWNER, NO_TIME, HandOffTimes

__all__ = ["FileTimes", "handoff_date_columns", "handoff_times", "needed_columns", "owners",
           "read_times"]


@dataclass
class FileTimes:
    """One file's times: per date column the instant of each row (`NO_TIME` without a
    time of day), per SLA the rows' (start, answered) instants, and the owner per row."""

    instants: dict[str, NDArray[np.int64]]
    handoffs: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]]
    owner: pl.Series | None


def needed_columns(fm: FileMapping) -> list[str]:
    """The columns the SLAs need beyond the dates and ids: the owner and hand-off times."""
    columns = [fm.owner] if fm.owner else []
    for c in fm.handoffs.values():
        columns.extend(x for x in (c.start, c.answered) if x)
    return columns


def handoff_date_columns(fm: FileMapping) -> list[str]:
    return [x for c in fm.handoffs.values() for x in (c.start, c.answered) if x]


def read_times(fm: FileMapping, columns: Mapping[str, pl.Series],
               days: Mapping[str, NDArray[np.int32]], *, zone: str, path: str,
               problems: list[FileProblem], timed: bool = True) -> FileTimes:
    """The times of the file's date columns (``days`` from `parse_dates`); with ``timed``
    false (nothing will measure a hand-off), only of its hand-off columns. A hand-off
    column without any time of day is a problem: a day cannot measure a window of hours."""
    clock = fm.timezone or zone
    wanted = set(handoff_date_columns(fm))
    instants: dict[str, NDArray[np.int64]] = {}
    for name, day in days.items():
        values = columns[name]
        if (timed or name in wanted) and values.str.contains(":", literal=True).any():
            instants[name] = parse_times(values, day, clock)
        else:
            instants[name] = np.full(len(day), NO_TIME, np.int64)
    blank = np.full(len(next(iter(columns.values()))) if columns else 0, NO_TIME, np.int64)
    handoffs: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}
    for sla, c in fm.handoffs.items():
        for column in (c.start, c.answered):
            if column and not np.any(instants[column] != NO_TIME) and np.any(
                    days[column] != NO_DAY):
                problems.append(FileProblem(
                    path, None, column, f"holds dates without a time of day, so the "
                    f"hand-offs of SLA {sla!r} cannot be measured in business hours; name "
                    "a column with times (e.g. 2020-09-04 17:10), or leave it out"))
        handoffs[sla] = (instants[c.start] if c.start else blank,
                         instants[c.answered] if c.answered else blank)
    owner = columns[fm.owner].str.strip_chars() if fm.owner else None
    return FileTimes(instants, handoffs, owner)


def owners(times: Sequence[FileTimes], codes: Sequence[NDArray[np.int32]],
           n: int) -> tuple[tuple[str, ...], NDArray[np.int32]]:
    """Every owner named (index 0: none) and each of the ``n`` records' owner."""
    names: dict[str, int] = {NO_OWNER: 0}
    owner = np.zeros(n, np.int32)
    for t, code in zip(times, codes, strict=True):
        if t.owner is None:
            continue
        given = (t.owner != "").to_numpy() & (code >= 0)
        rows = np.flatnonzero(given)
        if not len(rows):
            continue
        records = code[rows]
        unique, last = np.unique(records[::-1], return_index=True)
        chosen = rows[::-1][last]
        texts: list[str] = t.owner.gather(chosen).to_list()
        for text in dict.fromkeys(texts):
            names.setdefault(text, len(names))
        new = owner[unique] == 0
        mine = np.array([names[x] for x in texts], np.int32)
        owner[unique[new]] = mine[new]
    return tuple(names), owner


def handoff_times(times: Sequence[FileTimes], codes: Sequence[NDArray[np.int32]],
                  n: int) -> Mapping[str, HandOffTimes]:
    """Per SLA named in a file: each record's earliest start and answer over the files."""
    found: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}
    for t, code in zip(times, codes, strict=True):
        for sla, (start, answered) in t.handoffs.items():
            into = found.setdefault(sla, (np.full(n, NO_TIME, np.int64),
                                          np.full(n, NO_TIME, np.int64)))
            for target, given in zip(into, (start, answered), strict=True):
                ok = (given != NO_TIME) & (code >= 0)
                _earliest(target, code[ok], given[ok])
    return MappingProxyType({sla: HandOffTimes(s, a) for sla, (s, a) in found.items()})


def _earliest(target: NDArray[np.int64], records: NDArray[np.int32],
              values: NDArray[np.int64]) -> None:
    """``target[r]`` becomes the earliest of itself and ``values`` given for record r."""
    known = np.where(target == NO_TIME, np.iinfo(np.int64).max, target)
    np.minimum.at(known, records, values)
    target[:] = np.where(known == np.iinfo(np.int64).max, NO_TIME, known)
