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

The per-row work is polars: one regular expression, then integer arithmetic.
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
_TIME = (r"^\S+[ T]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?\s*"
         r"(?:(?P<ampm>[AaPp])\.?[Mm]\.?)?\s*(?P<z>Z|[+-]\d{2}:?\d{2})?$")


def parse_times(values: pl.Series, days: NDArray[np.int32], zone: str) -> NDArray[np.int64]:
    """The UTC instant (seconds) of each value whose day is ``days`` (from `parse_dates`),
    `NO_TIME` where the value has no time of day; naive times are in ``zone`` (IANA)."""
    parts = values.str.strip_chars().str.extract_groups(_TIME).struct.unnest()
    hour = parts["h"].cast(pl.Int64, strict=False)
    ok = (~hour.is_null()).to_numpy() & (days != NO_DAY)
    h = hour.fill_null(0).to_numpy().astype(np.int64)
    m = parts["m"].cast(pl.Int64, strict=False).fill_null(0).to_numpy().astype(np.int64)
    s = parts["s"].cast(pl.Int64, strict=False).fill_null(0).to_numpy().astype(np.int64)
    ampm = parts["ampm"].str.to_uppercase().fill_null("").to_numpy()
    twelve = ampm != ""
    ok &= np.where(twelve, (h >= 1) & (h <= 12), h < 24) & (m < 60) & (s < 60)
    h = np.where(twelve, h % 12 + np.where(ampm == "P", 12, 0), h)
    naive = (days.astype(np.int64) - _EPOCH) * 86400 + h * 3600 + m * 60 + s
    offset = _offset_seconds(parts["z"])
    given = offset != NO_TIME
    out = np.where(given, naive - offset, NO_TIME)
    local = ok & ~given
    if local.any():
        out[local] = _localised(naive[local], zone)
    out[~ok] = NO_TIME
    return out


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
