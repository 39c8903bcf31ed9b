"""Dates in CRM exports: the date part of whatever timestamp a CRM writes.

Understood: ISO ``2020-09-04``, ``2020-09-04 17:10:06``, ``2020-09-04T17:10:06.000+0000``
(also with ``/`` or ``.``: a four-digit first part is always year-month-day), report
style ``09/04/20 05:10 PM``, ``9/4/2020``, ``04-09-20``, ``04.09.2020`` (day and month in
either order), and Excel datetimes from XLSX (which arrive here as ISO text). Only the
date part counts, in the export's own clock: the time and any time zone are ignored.

Day and month order (``mdy`` or ``dmy``) is told from the values of all the file's date
columns together: a first part over 12 means day first, a second part over 12 month
first. When no value decides (and some value would read differently in the two orders)
and the mapping gives no ``date_order``, that is an error naming examples; a value that
contradicts the order (given or detected) is an error at its line.

Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (the POSIX ``%y`` rule).
Dates before 1900 or after 2199 (a placeholder ``0001-01-01`` or ``9999-12-31``, a typo)
are errors: no CRM record is that old, and far dates would only distort lags.

The work is done once per distinct text (dates repeat a lot), after cutting every value
to its first ten characters with polars; the per-row part is one polars join.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.contract.errors import FileProblem

__all__ = ["NO_DAY", "ParsedDates", "parse_dates"]

NO_DAY = np.iinfo(np.int32).min
"""The day of a blank date."""

_MIN_YEAR = 1900
_MAX_YEAR = 2199
_MAX_EXAMPLES = 5
_MAX_PROBLEMS = 10
_PARTS = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})")


@dataclass
class ParsedDates:
    """Days (proleptic ordinals, `NO_DAY` where blank) per column, and how they read."""

    days: list[NDArray[np.int32]]
    order: str | None  # "ymd" (given), "mdy" or "dmy"; None when every value was ISO
    problems: list[FileProblem] = field(default_factory=list)


def _date_keys(values: pl.Series) -> pl.Series:
    """What of a date text counts: its first ten characters, leading spaces dropped
    (the longest date part, ``2020-09-04`` or ``09/04/2020``, has ten)."""
    return values.str.strip_chars_start().str.slice(0, 10)


def _split(key: str) -> tuple[str, str, str] | None:
    part = key.split(" ", 1)[0].split("T", 1)[0].strip()
    found = _PARTS.fullmatch(part)
    if found is None:
        return None
    return found.group(1), found.group(3), found.group(4)


def _year(text: str) -> int | None:
    if len(text) == 2:
        value = int(text)
        return 2000 + value if value <= 68 else 1900 + value
    if len(text) == 4:
        return int(text)
    return None


def parse_dates(columns: Sequence[tuple[str, pl.Series]], *, file: str,
                date_order: str | None, line_of: Callable[[int], int],
                cancelled: Callable[[], None] | None = None) -> ParsedDates:
    """Read the date columns ``(name, values)`` of one file. ``line_of(row)`` gives a
    row's line in the file (for problems); ``cancelled()`` is called every few thousand
    distinct values and may raise."""
    reader = _Reader(columns, file, line_of)
    for i, key in enumerate(reader.distinct()):
        if cancelled is not None and i % 4096 == 4095:
            cancelled()
        if key:
            reader.split[key] = _split(key)
    order = date_order or reader.detect_order()
    if reader.problems:
        return ParsedDates([], None, reader.problems)
    table, used = reader.ordinals(order)
    if reader.problems:
        return ParsedDates([], used, reader.problems)
    table[""] = NO_DAY
    lookup = pl.DataFrame({"key": list(table), "day": list(table.values())},
                          schema={"key": pl.String, "day": pl.Int32})
    return ParsedDates([_apply(k, lookup) for k in reader.keys], used, [])


class _Reader:
    def __init__(self, columns: Sequence[tuple[str, pl.Series]], file: str,
                 line_of: Callable[[int], int]) -> None:
        self.names = [name for name, _ in columns]
        self.keys = [_date_keys(values) for _, values in columns]
        self.file, self.line_of = file, line_of
        self.split: dict[str, tuple[str, str, str] | None] = {}
        self.problems: list[FileProblem] = []

    def distinct(self) -> list[str]:
        if not self.keys:
            return []
        found: list[str] = pl.concat([k.unique() for k in self.keys]).unique().to_list()
        return found

    def where(self, key: str) -> tuple[str, int]:
        for name, column in zip(self.names, self.keys, strict=True):
            hits = (column == key).arg_true()
            if len(hits):
                return name, self.line_of(int(hits[0]))
        return self.names[0], 0

    def problem(self, key: str, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            name, line = self.where(key)
            self.problems.append(FileProblem(self.file, line or None, name, message))

    def detect_order(self) -> str | None:
        """mdy or dmy as the values tell; None (and maybe a problem) otherwise."""
        day_first: list[str] = []
        month_first: list[str] = []
        undecided: list[str] = []
        for key, parts in self.split.items():
            if parts is None or len(parts[0]) == 4:
                continue
            first, second = int(parts[0]), int(parts[1])
            if first > 12 >= second:
                day_first.append(key)
            elif second > 12 >= first:
                month_first.append(key)
            elif first != second:
                undecided.append(key)
        if day_first and month_first:
            a, b = min(day_first), min(month_first)
            self.problem(a, f"the dates mix day-first ({a!r}, line {self.where(a)[1]}) and "
                            f"month-first ({b!r}, line {self.where(b)[1]}) values")
            return None
        if day_first:
            return "dmy"
        if month_first:
            return "mdy"
        if undecided:
            examples = ", ".join(repr(k) for k in sorted(undecided)[:_MAX_EXAMPLES])
            self.problems.append(FileProblem(
                self.file, None, self.where(min(undecided))[0],
                f"the order of day and month cannot be told from the values (e.g. "
                f"{examples}): set date_order = \"mdy\" or \"dmy\" for this file in the "
                "mapping"))
        return None

    def ordinals(self, order: str | None) -> tuple[dict[str, int], str | None]:
        table: dict[str, int] = {}
        used: str | None = None
        for key, parts in self.split.items():
            if parts is None:
                self.problem(key, f"not a date: {key!r}")
                continue
            a, b, c = parts
            if len(a) == 4 or order == "ymd":
                y, m, d = (_year(a) if len(c) <= 2 else None), int(b), int(c)
                used = used if len(a) == 4 else "ymd"
            else:
                y = _year(c)
                m, d = (int(a), int(b)) if order == "mdy" else (int(b), int(a))
                used = order
            if y is None:
                self.problem(key, f"not a date: {key!r} (the year must have 2 or 4 digits)")
            elif not _MIN_YEAR <= y <= _MAX_YEAR:
                self.problem(key, f"the date {key!r} is out of range: dates before "
                                  f"{_MIN_YEAR} or after {_MAX_YEAR} are not taken (a "
                                  "placeholder?)")
            else:
                try:
                    table[key] = date(y, m, d).toordinal()
                except ValueError:
                    extra = f" (read as {order})" if len(a) != 4 and order else ""
                    self.problem(key, f"not a valid date: {key!r}{extra}")
        return table, used


def _apply(keys: pl.Series, lookup: pl.DataFrame) -> NDArray[np.int32]:
    joined = keys.rename("key").to_frame().join(lookup, on="key", how="left",
                                                maintain_order="left")
    return joined["day"].fill_null(NO_DAY).to_numpy().astype(np.int32, copy=False)
