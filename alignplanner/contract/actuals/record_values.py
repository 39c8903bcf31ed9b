"""Each record's source and amount across the files (see `importer`): from the first
file in mapping order that gives one, within a file from the record's last row that
gives one; a later file's other value is a warning naming the records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import UNATTRIBUTED

__all__ = ["Given", "amounts", "sources"]

_EXAMPLES = 5


class Given(Protocol):
    """What one file gave, as far as sources and amounts go."""

    index: int
    path: str
    source: pl.Series | None
    amount: NDArray[np.float64] | None


def _last_per_record(code: NDArray[np.int32], given: NDArray[np.bool_]) -> tuple[
        NDArray[np.int32], NDArray[np.int64]]:
    """Each record's code once, with the row of its last row where ``given``."""
    rows = np.flatnonzero(given & (code >= 0))
    if not len(rows):
        return np.zeros(0, np.int32), np.zeros(0, np.int64)
    records = code[rows]
    # The last occurrence: unique over the reversed order.
    unique, first_reversed = np.unique(records[::-1], return_index=True)
    return unique.astype(np.int32), rows[::-1][first_reversed]


def _conflicts(kind: str, record_ids: tuple[str, ...], later: Given,
               earlier: Sequence[Given], *, owner: NDArray[np.int32],
               clash: NDArray[np.int32], kept: list[str], other: list[str],
               warnings: list[str]) -> None:
    for j in np.unique(owner[clash]).tolist():
        these = np.flatnonzero(owner[clash] == j)
        examples = ", ".join(f"{record_ids[int(clash[k])]!r} ({kept[k]} vs {other[k]})"
                             for k in these[:_EXAMPLES].tolist())
        warnings.append(
            f"{len(these)} record{'s' if len(these) != 1 else ''} have another {kind} in "
            f"{later.path} than in {earlier[j].path}; the first is kept: {examples}")


def sources(read: Sequence[Given], codes: Sequence[NDArray[np.int32]], n: int,
             record_ids: tuple[str, ...], warnings: list[str]) -> tuple[
                 tuple[str, ...], NDArray[np.int32]]:
    names: dict[str, int] = {UNATTRIBUTED: 0}
    source = np.zeros(n, np.int32)
    owner = np.full(n, -1, np.int32)
    for f, code in zip(read, codes, strict=True):
        if f.source is None:
            continue
        values = f.source
        records, rows = _last_per_record(code, (values != "").to_numpy())
        if not len(records):
            continue
        texts: list[str] = values.gather(rows).to_list()
        for text in dict.fromkeys(texts):
            names.setdefault(text, len(names))
        mine = np.array([names[t] for t in texts], np.int32)
        new = owner[records] < 0
        clash = ~new & (source[records] != mine)
        if clash.any():
            lookup = list(names)
            _conflicts("source", record_ids, f, read, owner=owner, clash=records[clash],
                       kept=[repr(lookup[s]) for s in source[records[clash]].tolist()],
                       other=[repr(lookup[s]) for s in mine[clash].tolist()],
                       warnings=warnings)
        source[records[new]] = mine[new]
        owner[records[new]] = f.index
    return tuple(names), source


def amounts(read: Sequence[Given], codes: Sequence[NDArray[np.int32]], n: int,
             record_ids: tuple[str, ...], warnings: list[str]) -> NDArray[np.float64]:
    amount = np.full(n, np.nan)
    owner = np.full(n, -1, np.int32)
    for f, code in zip(read, codes, strict=True):
        if f.amount is None:
            continue
        records, rows = _last_per_record(code, ~np.isnan(f.amount))
        if not len(records):
            continue
        mine = f.amount[rows]
        new = owner[records] < 0
        clash = ~new & (amount[records] != mine)
        if clash.any():
            _conflicts("amount", record_ids, f, read, owner=owner, clash=records[clash],
                       kept=[f"{v:g}" for v in amount[records[clash]].tolist()],
                       other=[f"{v:g}" for v in mine[clash].tolist()], warnings=warnings)
        amount[records[new]] = mine[new]
        owner[records[new]] = f.index
    return amount
