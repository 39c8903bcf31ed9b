"""A business calendar and business-time arithmetic ("4 business hours after Friday 16:00").

Conventions (also in ``docs/capacity.md``):

- Working hours are wall-clock times in the calendar's time zone. On every workday that is
  not a holiday the calendar is open over the half-open interval ``[open, close)``; the
  ``close`` may be ``"24:00"`` (the following midnight). Business time is the real time
  elapsed while open, so a workday that a daylight-saving change cuts short (open round
  the clock, say) counts its real 23 hours, and one with a repeated hour counts 25.
- Wall-clock times that a daylight-saving change skips or repeats are read with
  ``fold=0`` (the offset in force before the change). A day whose close would then fall
  at or before its open has no opening at all.
- Datetimes given to the calendar must be aware (any zone); they are converted to the
  calendar's zone, and results are returned in the calendar's zone. Naive datetimes are
  refused: a wall-clock time without a zone is ambiguous across offices. (Python compares
  and subtracts two datetimes of the same zone by wall clock; convert results to UTC
  before comparing instants around a clock change.)
- ``add_business_time(start, delta)``: a start outside working hours (a weekend, a
  holiday, the evening, or exactly at the close) first moves to the next opening, then
  ``delta`` of open time is counted. The result is the first instant at which ``delta``
  of business time has passed. It is therefore always within working hours, or exactly
  at a close when the delta ends there: "8 business hours after Monday 09:00" is Monday
  17:00, not Tuesday 09:00 (the same business instant; ``is_open`` is False at a close).
  With a zero delta the result is the start itself, or the next opening if closed.
- ``business_time_between(a, b)`` is the open time in ``[a, b]``; it is negative when
  ``b`` is before ``a``. ``business_time_between(s, add_business_time(s, d)) == d``
  exactly (all arithmetic is in whole microseconds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from alignplanner.domain.problems import Collector

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS: tuple[str, ...] = DAY_NAMES[:5]
MAX_HOLIDAYS = 10_000
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_ONE_DAY = timedelta(days=1)


def _parse_hhmm(value: object, *, allow_24: bool) -> time | None:
    """``"09:30"`` -> time(9, 30); ``"24:00"`` -> time.max stands for midnight after."""
    if not isinstance(value, str):
        return None
    if allow_24 and value == "24:00":
        return time.max
    m = _HHMM.match(value)
    return time(int(m.group(1)), int(m.group(2))) if m else None


def _load_zone(name: object) -> tzinfo | None:
    if not isinstance(name, str) or not name or name != name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _check_workdays(c: Collector, days: object) -> frozenset[int]:
    """Record problems with the workday names; return their weekday numbers (mon = 0)."""
    if not isinstance(days, tuple):
        c.add(("workdays",), f"workdays must be a list of day names, got {days!r}")
        return frozenset()
    if not days:
        c.add(("workdays",), "at least one workday is needed")
    seen: set[object] = set()
    for i, day in enumerate(days):
        if day not in DAY_NAMES:
            c.add(("workdays", i), f"workday must be one of {', '.join(DAY_NAMES)}; "
                  f"got {day!r}")
        elif day in seen:
            c.add(("workdays", i), f"workday {day!r} is listed twice")
        seen.add(day)
    return frozenset(DAY_NAMES.index(d) for d in seen if d in DAY_NAMES)


def _check_hours(c: Collector, hours: object) -> tuple[time, time] | None:
    """Record problems with ``[opening, close]``; return them parsed when both are valid."""
    if not isinstance(hours, tuple) or len(hours) != 2:
        c.add(("hours",), 'hours must be two times, opening and close, such as '
              f'["09:00", "17:00"]; got {hours!r}')
        return None
    opening = _parse_hhmm(hours[0], allow_24=False)
    closing = _parse_hhmm(hours[1], allow_24=True)
    if opening is None:
        c.add(("hours", 0), f"opening must be a time HH:MM from 00:00 to 23:59, "
              f"got {hours[0]!r}")
    if closing is None:
        c.add(("hours", 1), f"close must be a time HH:MM from 00:01 to 24:00, "
              f"got {hours[1]!r}")
    if opening is None or closing is None:
        return None
    if not opening < closing:
        c.add(("hours",), f"the close ({hours[1]}) must be after the opening ({hours[0]})")
        return None
    return opening, closing


def _check_holidays(c: Collector, holidays: object) -> None:
    if not isinstance(holidays, tuple):
        c.add(("holidays",), f"holidays must be a list of dates, got {holidays!r}")
        return
    if len(holidays) > MAX_HOLIDAYS:
        c.add(("holidays",), f"at most {MAX_HOLIDAYS:,} holidays, got {len(holidays):,}")
    for i, day in enumerate(holidays):
        if type(day) is not date:
            c.add(("holidays", i), f"a holiday must be a date such as 2027-01-01, got {day!r}")


@dataclass(frozen=True)
class BusinessCalendar:
    """Workdays, working hours, time zone and holidays of the people who keep an SLA."""

    timezone: str = "UTC"
    workdays: tuple[str, ...] = WEEKDAYS
    hours: tuple[str, str] = ("09:00", "17:00")
    holidays: tuple[date, ...] = ()
    _zone: tzinfo = field(init=False, repr=False, compare=False, hash=False)
    _open: time = field(init=False, repr=False, compare=False, hash=False)
    _close: time = field(init=False, repr=False, compare=False, hash=False)
    _weekdays: frozenset[int] = field(init=False, repr=False, compare=False, hash=False)
    _holiday_set: frozenset[date] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        for key in ("workdays", "hours", "holidays"):
            value = getattr(self, key)
            if isinstance(value, list):
                object.__setattr__(self, key, tuple(value))
        c = Collector()
        zone = _load_zone(self.timezone)
        if zone is None:
            c.add(("timezone",), "timezone must be an IANA time zone such as "
                  f"'America/New_York' or 'UTC', got {self.timezone!r}")
        weekdays = _check_workdays(c, self.workdays)
        hours = _check_hours(c, self.hours)
        _check_holidays(c, self.holidays)
        c.raise_if_any()
        assert zone is not None
        assert hours is not None
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_open", hours[0])
        object.__setattr__(self, "_close", hours[1])
        object.__setattr__(self, "_weekdays", weekdays)
        object.__setattr__(self, "_holiday_set", frozenset(self.holidays))

    # -- the open interval of one local day -----------------------------------------------

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def is_workday(self, day: date) -> bool:
        """True when ``day`` (a local date) is a workday and not a holiday."""
        return day.weekday() in self._weekdays and day not in self._holiday_set

    def opening_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """The open interval ``[open, close)`` of local date ``day`` as UTC instants, or
        None on a weekend, a holiday, or a day a clock change leaves without opening."""
        if not self.is_workday(day):
            return None
        return self._interval(day)

    def _interval(self, day: date) -> tuple[datetime, datetime] | None:
        o = datetime.combine(day, self._open, tzinfo=self._zone).astimezone(UTC)
        if self._close == time.max:
            c = datetime.combine(day + _ONE_DAY, time(0), tzinfo=self._zone).astimezone(UTC)
        else:
            c = datetime.combine(day, self._close, tzinfo=self._zone).astimezone(UTC)
        return (o, c) if o < c else None

    def _intervals_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals of ``day`` and every local day after it, in order (endless)."""
        while True:
            if self.is_workday(day):
                iv = self._interval(day)
                if iv is not None:
                    yield iv
            day += _ONE_DAY

    def _local_day(self, instant: datetime) -> date:
        return instant.astimezone(self._zone).date()

    def _utc(self, dt: datetime, what: str) -> datetime:
        if not isinstance(dt, datetime):
            raise TypeError(f"{what} must be a datetime, got {dt!r}")
        if dt.tzinfo is None or dt.utcoffset() is None:
            raise ValueError(f"{what} must carry a time zone (an aware datetime), got {dt}")
        return dt.astimezone(UTC)

    # -- queries ----------------------------------------------------------------------

    def is_open(self, dt: datetime) -> bool:
        """True when ``dt`` falls within working hours (the close itself is not open)."""
        t = self._utc(dt, "dt")
        if not self.is_workday(day := self._local_day(t)):
            return False
        iv = self._interval(day)
        return iv is not None and iv[0] <= t < iv[1]

    def next_opening(self, dt: datetime) -> datetime:
        """``dt`` itself when open, else the next opening (in the calendar's zone)."""
        return self.add_business_time(dt, timedelta(0))

    def add_business_time(self, start: datetime, delta: timedelta) -> datetime:
        """The instant ``delta`` of business time after ``start`` (see the module notes)."""
        t = self._utc(start, "start")
        if not isinstance(delta, timedelta):
            raise TypeError(f"delta must be a timedelta, got {delta!r}")
        if delta < timedelta(0):
            raise ValueError(f"delta must not be negative, got {delta}")
        remaining = delta
        for o, c in self._intervals_from(self._local_day(t)):
            if t >= c:
                continue
            s = max(t, o)
            available = c - s
            if remaining <= available:
                return (s + remaining).astimezone(self._zone)
            remaining -= available
        raise AssertionError("unreachable: a calendar always opens again")  # pragma: no cover

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Open time between ``a`` and ``b``; negative when ``b`` is before ``a``."""
        ta, tb = self._utc(a, "a"), self._utc(b, "b")
        if tb < ta:
            return -self.business_time_between(b, a)
        total = timedelta(0)
        day, last = self._local_day(ta), self._local_day(tb)
        while day <= last:
            iv = self.opening_hours(day)
            if iv is not None:
                lo, hi = max(iv[0], ta), min(iv[1], tb)
                if lo < hi:
                    total += hi - lo
            day += _ONE_DAY
        return total

    def business_hours_in_month(self, year: int, month: int) -> float:
        """Open hours in a calendar month (local dates), for arrival rates per hour."""
        if not 1 <= month <= 12:
            raise ValueError(f"month must be 1 to 12, got {month}")
        return _month_hours(self, year, month)

    def business_hours_by_month(self, start: date, months: int) -> tuple[float, ...]:
        """Open hours of each of ``months`` calendar months from ``start``'s month."""
        return _hours_by_month(self, start.year * 12 + start.month - 1, months)


@lru_cache(maxsize=256)
def _hours_by_month(cal: BusinessCalendar, first: int, months: int) -> tuple[float, ...]:
    """`BusinessCalendar.business_hours_by_month` from month number ``first`` (year * 12 +
    month - 1), kept whole: every compute asks for the same months, and looking each one
    up in `_month_hours` hashed the calendar (its holidays too) once a month."""
    return tuple(_month_hours(cal, (first + k) // 12, (first + k) % 12 + 1)
                 for k in range(months))


@lru_cache(maxsize=4096)
def _month_hours(cal: BusinessCalendar, year: int, month: int) -> float:
    day = date(year, month, 1)
    total = timedelta(0)
    while day.month == month:
        iv = cal.opening_hours(day)
        if iv is not None:
            total += iv[1] - iv[0]
        day += _ONE_DAY
    return total / timedelta(hours=1)


__all__ = ["DAY_NAMES", "WEEKDAYS", "BusinessCalendar"]
