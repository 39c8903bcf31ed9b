"""Reading the exports a mapping names into dated stage events (`Events`).

Each row of each file yields events: one per ``enters`` column (the stage is the key,
a plan stage) and, in the long shape, one from the ``stage`` column's value mapped
through ``[stages]`` (a plan stage, ``lost``, or ``ignore``: skipped), dated by the
``date`` column. Nothing is dropped silently: a blank id, date or stage, an ignored
stage, a row left out by ``where``, a footer line and an event after ``as_of`` are
counted in `FileReport.skipped` under those names.

Records are joined across files by their id (as written, spaces around it dropped).
A record's source and amount come from the first file (in mapping order) that gives
one; within a file, from the record's last row that gives one (history exports list a
record's rows oldest first). When a later file gives another value, the first is kept
and a warning names the records. A blank source is `UNATTRIBUTED`; ``[sources]`` maps
the others. Every problem found is collected and raised as one `ActualsError`.

Everything per row is done by polars and numpy; Python loops run over distinct values
(dates, amounts, stage names) only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.contract.actuals.amounts import parse_amounts
from alignplanner.contract.actuals.dates import NO_DAY, parse_dates
from alignplanner.contract.actuals.handoff_columns import (
    FileTimes,
    handoff_date_columns,
    handoff_times,
    needed_columns,
    owners,
    read_times,
)
from alignplanner.contract.actuals.mapping import IGNORE_VALUE, LOST_VALUE, FileMapping, Mapping
from alignplanner.contract.actuals.record_values import amounts
from alignplanner.contract.actuals.record_values import sources as sources_of
from alignplanner.contract.actuals.result import Actuals, ActualsError, Cancelled, FileReport
from alignplanner.contract.actuals.table import Table, read_table
from alignplanner.contract.errors import FileProblem
from alignplanner.contract.locate import LineIndex
from alignplanner.domain.actuals.events import LOST, NO_HISTORY_START, Events
from alignplanner.domain.problems import Path, dotted

__all__ = ["read_actuals"]

_T = TypeVar("_T", bound=np.generic)
_IGNORED = -2
_BLANK = -3


@dataclass
class _FileEvents:
    """What one file gave, before records are numbered across files."""

    index: int
    path: str
    table: Table
    ids: pl.Series  # per row, stripped; "" when blank
    rows: NDArray[np.int64]  # per event: the row
    stage: NDArray[np.int16]
    day: NDArray[np.int32]
    skipped: dict[str, int]
    order: str | None
    earliest: int | None
    source: pl.Series | None  # per row, mapped; "" when blank
    amount: NDArray[np.float64] | None
    instant: NDArray[np.int64]  # per event: UTC seconds, NO_TIME without a time of day
    times: FileTimes


class _Steps:
    def __init__(self, files: int, progress: Callable[[float], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.files, self.progress, self.cancelled = max(files, 1), progress, cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled

    def at(self, file: int, part: float) -> None:
        self.check()
        if self.progress is not None:
            self.progress(min(1.0, (file + part) / (self.files + 0.25)))


def read_actuals(mapping: Mapping, stage_order: Sequence[str] | None = None, *,
                 as_of: date | None = None, zone: str = "UTC",
                 slas: Sequence[str] | None = None, times: bool | None = None,
                 progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Actuals:
    """Read every file of ``mapping`` into `Events`.

    The funnel order is ``stage_order`` (the plan's stages; every stage the mapping
    names must then be one of them) or else the order in which ``[stages]`` values and
    then the files' ``enters`` keys first name them. ``as_of`` (else the mapping's, else
    the latest date seen) ends the period: later events are skipped and counted.
    Times without an offset are in ``zone`` unless a file sets its ``timezone``; with
    ``slas`` (the plan's SLA ids) every SLA a file's ``handoffs`` name must be one.
    Events carry their times of day when ``times`` (default: when there are ``slas``,
    since only an SLA measures them); hand-off columns always do.
    ``progress(fraction)`` is called a few times per file; ``cancelled()`` as often, and
    when it says so `Cancelled` is raised. Raises `ActualsError` with every problem.
    """
    steps = _Steps(len(mapping.files), progress, cancelled)
    steps.at(0, 0.0)
    problems: list[FileProblem] = []
    stages = _funnel(mapping, stage_order, problems)
    _known_slas(mapping, slas, problems)
    timed = times if times is not None else bool(slas)
    code = {name: i for i, name in enumerate(stages)}
    code[LOST_VALUE] = LOST
    read: list[_FileEvents] = []
    for i, fm in enumerate(mapping.files):
        try:
            read.append(_read_file(i, fm, mapping, code=code, steps=steps,
                                   problems=problems, zone=zone, timed=timed))
        except ActualsError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ActualsError(problems)
    steps.at(len(mapping.files), 0.0)
    return _assemble(mapping, stages, read, as_of, steps)


# -- the funnel ---------------------------------------------------------------------------


def _mapping_problems(mapping: Mapping) -> Callable[[Path, str], FileProblem]:
    name = mapping.path or "mapping"
    index: LineIndex | None = None
    if mapping.path:
        try:
            with open(mapping.path, encoding="utf-8") as handle:
                index = LineIndex(handle.read())
        except (OSError, UnicodeDecodeError):
            index = None

    def make(path: Path, message: str) -> FileProblem:
        return FileProblem(name, index.line(path) if index else None, dotted(path), message)

    return make


def _funnel(mapping: Mapping, stage_order: Sequence[str] | None,
            problems: list[FileProblem]) -> tuple[str, ...]:
    named: list[tuple[str, Path]] = [
        (plan, ("stages", crm)) for crm, plan in mapping.stages.items()
        if plan not in (LOST_VALUE, IGNORE_VALUE)]
    for i, fm in enumerate(mapping.files):
        named.extend((stage, ("file", i, "enters", stage)) for stage in fm.enters)
    if stage_order is None:
        return tuple(dict.fromkeys(name for name, _ in named))
    plan = tuple(stage_order)
    known = set(plan)
    problem = _mapping_problems(mapping)
    for name, path in named:
        if name not in known:
            problems.append(problem(path, f"{name!r} is not a stage of the plan; its "
                                    f"stages are {', '.join(repr(s) for s in plan)}"))
    return plan


def _known_slas(mapping: Mapping, slas: Sequence[str] | None,
                problems: list[FileProblem]) -> None:
    if slas is None:
        return
    problem = _mapping_problems(mapping)
    for i, fm in enumerate(mapping.files):
        for sla in fm.handoffs:
            if sla not in slas:
                named = ", ".join(repr(s) for s in slas) or "none"
                problems.append(problem(("file", i, "handoffs", sla),
                                        f"{sla!r} is not an SLA of the plan; its SLAs are "
                                        f"{named}"))


# -- one file -----------------------------------------------------------------------------


def _needed(fm: FileMapping) -> list[str]:
    columns = [fm.id, *fm.enters.values()]
    for column in (fm.stage, fm.date, fm.source, fm.amount):
        if column is not None:
            columns.append(column)
    columns.extend(fm.where)
    columns.extend(needed_columns(fm))
    return list(dict.fromkeys(columns))


def _read_file(index: int, fm: FileMapping, mapping: Mapping, *, code: dict[str, int],
               steps: _Steps, problems: list[FileProblem], zone: str,
               timed: bool) -> _FileEvents:
    path = fm.path if os.path.isabs(fm.path) else os.path.join(mapping.base, fm.path)
    table = read_table(path, _needed(fm), encoding=fm.encoding, delimiter=fm.delimiter,
                       sheet=fm.sheet)
    steps.at(index, 0.3)
    n = table.rows
    skipped: dict[str, int] = {}
    if table.footer:
        skipped["footer"] = table.footer
    ids = table.columns[fm.id].str.strip_chars()
    keep = np.ones(n, bool)
    for column, value in fm.where.items():
        keep &= (table.columns[column].str.strip_chars() == value.strip()).to_numpy()
    if n - int(keep.sum()):
        skipped["filtered"] = n - int(keep.sum())
    usable = (ids != "").to_numpy() & keep
    own: list[FileProblem] = []
    date_columns = list(dict.fromkeys([*fm.enters.values(), *([fm.date] if fm.date else []),
                                       *handoff_date_columns(fm)]))
    parsed = parse_dates([(c, table.columns[c]) for c in date_columns], file=path,
                         date_order=fm.date_order, line_of=table.line, cancelled=steps.check)
    own.extend(parsed.problems)
    days = dict(zip(date_columns, parsed.days, strict=False))
    steps.at(index, 0.6)
    long_codes: NDArray[np.int16] | None = None
    if fm.stage is not None:
        long_codes = _stage_codes(table.columns[fm.stage], keep, mapping, code=code,
                                  where=(path, fm.stage), problems=own)
    amount: NDArray[np.float64] | None = None
    if fm.amount is not None:
        amount, found = parse_amounts(table.columns[fm.amount], file=path, column=fm.amount,
                                      line_of=table.line)
        own.extend(found)
    source: pl.Series | None = None
    if fm.source is not None:
        source = table.columns[fm.source].str.strip_chars()
        if mapping.sources:
            source = source.replace(dict(mapping.sources))
    times = (read_times(fm, table.columns, days, zone=zone, path=path, problems=own,
                        timed=timed)
             if not own else None)
    if own or times is None:
        problems.extend(own)
        raise ActualsError([])
    steps.at(index, 0.8)

    slots: list[tuple[NDArray[np.int16] | int, NDArray[np.int32], NDArray[np.int64]]] = [
        (code[stage], days[column], times.instants[column])
        for stage, column in fm.enters.items()]
    if long_codes is not None and fm.date is not None:
        slots.append((long_codes, days[fm.date], times.instants[fm.date]))
    rows, stage, day, instant, earliest = _slot_events(slots, keep, usable, skipped)
    return _FileEvents(index, path, table, ids, rows, stage, day, skipped,
                       parsed.order, earliest, source, amount, instant, times)


def _slot_events(
        slots: list[tuple[NDArray[np.int16] | int, NDArray[np.int32], NDArray[np.int64]]],
        keep: NDArray[np.bool_], usable: NDArray[np.bool_], skipped: dict[str, int],
) -> tuple[NDArray[np.int64], NDArray[np.int16], NDArray[np.int32], NDArray[np.int64],
           int | None]:
    """The events of each (stage, days) slot of a file's rows, counting the skipped."""
    all_rows: list[NDArray[np.int64]] = []
    all_stage: list[NDArray[np.int16]] = []
    all_day: list[NDArray[np.int32]] = []
    all_instant: list[NDArray[np.int64]] = []
    blank_id = int(keep.sum() - usable.sum())

    def add(reason: str, count: int) -> None:
        if count:
            skipped[reason] = skipped.get(reason, 0) + count

    earliest: int | None = None
    for stage_code, day, instant in slots:
        add("blank id", blank_id)
        ok = usable.copy()
        if isinstance(stage_code, np.ndarray):
            add("blank stage", int((ok & (stage_code == _BLANK)).sum()))
            add("ignored stage", int((ok & (stage_code == _IGNORED)).sum()))
            ok &= stage_code >= LOST
        has_day = day != NO_DAY
        add("blank date", int((ok & ~has_day).sum()))
        ok &= has_day
        dated = day[keep & has_day]
        if len(dated):
            low = int(dated.min())
            earliest = low if earliest is None else min(earliest, low)
        rows = np.flatnonzero(ok)
        all_rows.append(rows)
        all_day.append(day[rows])
        all_instant.append(instant[rows])
        all_stage.append(stage_code[rows] if isinstance(stage_code, np.ndarray)
                         else np.full(len(rows), stage_code, np.int16))
    return (_cat(all_rows, np.int64), _cat(all_stage, np.int16), _cat(all_day, np.int32),
            _cat(all_instant, np.int64), earliest)


def _cat(parts: Sequence[NDArray[_T]], dtype: type[_T]) -> NDArray[_T]:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def _stage_codes(values: pl.Series, keep: NDArray[np.bool_], mapping: Mapping, *,
                 code: dict[str, int], where: tuple[str, str],
                 problems: list[FileProblem]) -> NDArray[np.int16]:
    path, column = where
    stripped = values.str.strip_chars()
    counts = stripped.filter(pl.Series(keep)).value_counts(sort=True)
    lookup: dict[str, int] = {"": _BLANK}
    unmapped: list[tuple[str, int]] = []
    for value, count in counts.iter_rows():
        if value == "":
            continue
        target = mapping.stages.get(value)
        if target is None:
            unmapped.append((value, count))
        elif target == IGNORE_VALUE:
            lookup[value] = _IGNORED
        else:
            lookup[value] = code.get(target, _IGNORED)
    if unmapped:
        listed = ", ".join(f"{v!r} ({c} row{'s' if c != 1 else ''})" for v, c in unmapped)
        problems.append(FileProblem(path, None, column, f"{len(unmapped)} value"
                                    f"{'s' if len(unmapped) != 1 else ''} not in the "
                                    f"mapping's [stages]: {listed}; map each to a plan "
                                    "stage, \"lost\" or \"ignore\""))
        return np.zeros(0, np.int16)
    frame = pl.DataFrame({"key": list(lookup), "code": list(lookup.values())},
                         schema={"key": pl.String, "code": pl.Int16})
    joined = stripped.rename("key").to_frame().join(frame, on="key", how="left",
                                                    maintain_order="left")
    return joined["code"].fill_null(_IGNORED).to_numpy().astype(np.int16, copy=False)


# -- across files -------------------------------------------------------------------------


def _assemble(mapping: Mapping, stages: tuple[str, ...], read: list[_FileEvents],
              as_of: date | None, steps: _Steps) -> Actuals:
    warnings: list[str] = []
    # Number the records: ids in order of first appearance over the files.
    ids = [f.ids for f in read]
    every = pl.concat(ids) if ids else pl.Series("key", [], pl.String)
    distinct = every.filter(every != "").unique(maintain_order=True)
    record_ids: tuple[str, ...] = tuple(distinct.to_list())
    numbering = pl.DataFrame({"key": distinct,
                              "code": np.arange(len(distinct), dtype=np.int32)})
    codes = [f.ids.rename("key").to_frame().join(numbering, on="key", how="left",
                                                 maintain_order="left")["code"]
             .fill_null(-1).to_numpy().astype(np.int32, copy=False) for f in read]
    steps.check()

    given = as_of or mapping.as_of
    seen = [int(f.day.max()) for f in read if len(f.day)]
    if given is not None:
        end = given.toordinal()
    elif seen:
        end = max(seen)
    else:
        end = date.today().toordinal()
        warnings.append("no dates in the exports: as_of is today")
    record_parts: list[NDArray[np.int32]] = []
    stage_parts: list[NDArray[np.int16]] = []
    day_parts: list[NDArray[np.int32]] = []
    instant_parts: list[NDArray[np.int64]] = []
    history = np.full(len(stages), NO_HISTORY_START, np.int64)
    for f, code in zip(read, codes, strict=True):
        late = f.day > end
        if late.any():
            f.skipped["after as_of"] = f.skipped.get("after as_of", 0) + int(late.sum())
        on = ~late
        stage = f.stage[on]
        record_parts.append(code[f.rows[on]])
        stage_parts.append(stage)
        day_parts.append(f.day[on])
        instant_parts.append(f.instant[on])
        if f.earliest is not None:
            for s in np.unique(stage[stage >= 0]).tolist():
                if history[s] == NO_HISTORY_START or f.earliest < history[s]:
                    history[s] = f.earliest
        if f.table.rows == 0:
            warnings.append(f"{f.path} has a header only: no rows")
    steps.check()
    n = len(record_ids)
    sources, source = sources_of(read, codes, n, record_ids, warnings)
    amount = amounts(read, codes, n, record_ids, warnings)
    owner_names, owner = owners([f.times for f in read], codes, n)
    events = Events(
        stages=stages, record_ids=record_ids,
        record=_cat(record_parts, np.int32),
        stage=_cat(stage_parts, np.int16),
        day=_cat(day_parts, np.int32),
        sources=sources, source=source, amount=amount,
        history_start=history.astype(np.int32), instant=_cat(instant_parts, np.int64),
        owners=owner_names, owner=owner,
        handoffs=handoff_times([f.times for f in read], codes, n))
    reports = tuple(FileReport(f.path, f.table.rows, f.table.encoding, f.order,
                               dict(f.skipped)) for f in read)
    if steps.progress is not None:
        steps.progress(1.0)
    return Actuals(events, reports, date.fromordinal(end), tuple(warnings))
