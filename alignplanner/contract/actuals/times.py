"""Times of day in CRM exports: the instant a timestamp names, for the SLAs' hand-offs.

The day of an event is its date part (`dates`); an SLA's window is business hours, so a
hand-off needs the time of day as well. A value with a time after its date part gives
one: ``2020-09-04 17:10:06``, ``2020-09-04T17:10:06.000+0000``, ``09/04/20 05:10 PM``,
``4.9.2020 17:10``. A value with a date only (``2018-02-01``) gives none (`NO_TIME`):
a day is too coarse for a window of hours, and midnight would be a made-up time.

An offset written in the value (``Z``, ``+0000``, ``-05:00``) says where the clock was;
a value without one is in the file's ``timezone`` (the mapping's), else the zone of the
plan's business calendar. Instants are UTC seconds since 1970-01-01. A local time that a
clock change skips is read as an hour later on the clock (the instant the offset before
the change gives); one it repeats as the earlier of the two.

The per-row work is polars (a literal search, a slice and a join) and numpy; the regular
expression runs once per distinct time of day.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.contract.actuals.dates import NO_DAY
from alignplanner.domain.actuals.events import NO_TIME

__all__ = ["NO_TIME", "has_times", "parse_times"]

_EPOCH = date(1970, 1, 1).toordinal()
_TIME = (r"^\s*(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?\s*"
         r"(?:(?P<ampm>[AaPp])\.?[Mm]\.?)?\s*(?P<z>Z|[+-]\d{2}:?\d{2})?$")


def parse_times(values: pl.Series, days: NDArray[np.int32], zone: str) -> NDArray[np.int64]:
    """The UTC instant (seconds) of each value whose day is ``days`` (from `parse_dates`),
    `NO_TIME` where the value has no time of day; naive times are in ``zone`` (IANA).

    What follows the date (after its first space or ``T``) repeats a lot, so it is read
    once per distinct text and joined back to the rows."""
    text = values.str.strip_chars()
    frame = text.rename("v").to_frame().with_columns(
        pos=pl.min_horizontal(pl.col("v").str.find(" ", literal=True),
                              pl.col("v").str.find("T", literal=True)))
    suffix = frame.select(suffix=pl.col("v").str.slice(pl.col("pos") + 1))["suffix"]
    table = _suffixes(suffix.unique().drop_nulls())
    joined = suffix.to_frame().join(table, on="suffix", how="left", maintain_order="left")
    clock = joined["clock"].fill_null(-1).to_numpy().astype(np.int64)
    offset = joined["offset"].fill_null(NO_TIME).to_numpy().astype(np.int64)
    ok = (clock >= 0) & (days != NO_DAY)
    naive = (days.astype(np.int64) - _EPOCH) * 86400 + clock
    given = ok & (offset != NO_TIME)
    out = np.full(len(days), NO_TIME, np.int64)
    out[given] = naive[given] - offset[given]
    local = ok & ~given
    if local.any():
        out[local] = _localised(naive[local], zone)
    return out


def _suffixes(suffix: pl.Series) -> pl.DataFrame:
    """Per distinct text after a date: its second of the day (-1: not a time of day) and
    the offset it names in seconds (`NO_TIME`: none)."""
    parts = suffix.str.extract_groups(_TIME).struct.unnest()
    hour = parts["h"].cast(pl.Int64, strict=False)
    ok = (~hour.is_null()).to_numpy()
    h = hour.fill_null(0).to_numpy().astype(np.int64)
    m = parts["m"].cast(pl.Int64, strict=False).fill_null(0).to_numpy().astype(np.int64)
    s = parts["s"].cast(pl.Int64, strict=False).fill_null(0).to_numpy().astype(np.int64)
    ampm = parts["ampm"].str.to_uppercase().fill_null("").to_numpy()
    twelve = ampm != ""
    ok &= np.where(twelve, (h >= 1) & (h <= 12), h < 24) & (m < 60) & (s < 60)
    h = np.where(twelve, h % 12 + np.where(ampm == "P", 12, 0), h)
    clock = np.where(ok, h * 3600 + m * 60 + s, -1)
    return pl.DataFrame({"suffix": suffix, "clock": clock,
                         "offset": _offset_seconds(parts["z"])},
                        schema={"suffix": pl.String, "clock": pl.Int64, "offset": pl.Int64})


def has_times(instants: NDArray[np.int64]) -> bool:
    """True when any value had a time of day."""
    return bool(np.any(instants != NO_TIME))


def _offset_seconds(z: pl.Series) -> NDArray[np.int64]:
    text = z.str.replace(":", "", literal=True)
    sign = pl.Series(np.where((text.str.slice(0, 1) == "-").fill_null(False).to_numpy(), -1, 1))
    hours = text.str.slice(1, 2).cast(pl.Int64, strict=False)
    minutes = text.str.slice(3, 2).cast(pl.Int64, strict=False)
    seconds = (sign * (hours * 3600 + minutes * 60)).to_numpy()
    zulu = (text == "Z").fill_null(False).to_numpy()
    none = z.is_null().to_numpy()
    result = np.where(zulu, 0, np.nan_to_num(seconds.astype(np.float64), nan=0.0)).astype(np.int64)
    return np.where(none, NO_TIME, result)


def _localised(naive: NDArray[np.int64], zone: str) -> NDArray[np.int64]:
    """UTC seconds of local wall-clock seconds ``naive`` in ``zone``."""
    wall = pl.from_epoch(pl.Series(naive), time_unit="s")
    aware = wall.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
    utc = aware.dt.epoch("s")
    missing = utc.is_null().to_numpy()
    found = utc.fill_null(0).to_numpy().astype(np.int64)
    if missing.any():  # skipped by a clock change: an hour later on the clock
        later = pl.from_epoch(pl.Series(naive[missing] + 3600), time_unit="s")
        shifted = later.dt.replace_time_zone(zone, ambiguous="earliest",
                                             non_existent="null").dt.epoch("s")
        found[missing] = shifted.fill_null(0).to_numpy().astype(np.int64)
    return found
