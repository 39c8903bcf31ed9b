"""Business calendar: validation, worked examples and properties of business-time arithmetic.

The calendar keys and the example holiday come from the SLA design brief the contract
follows ("SLA design and capacity"):
``timezone = "America/New_York"``, mon to fri, ``hours = ["09:00", "17:00"]``,
``holidays = [2027-01-01]``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.sla.calendar import DAY_NAMES, BusinessCalendar

NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


# ------------------------------------------------------------------------- validation


def test_defaults_are_weekdays_nine_to_five_utc() -> None:
    cal = BusinessCalendar()
    assert cal.timezone == "UTC"
    assert cal.workdays == ("mon", "tue", "wed", "thu", "fri")
    assert cal.hours == ("09:00", "17:00")
    assert cal.holidays == ()


def test_lists_from_a_plan_file_become_tuples() -> None:
    cal = BusinessCalendar("America/New_York", ["mon", "wed"], ["08:30", "24:00"],  # type: ignore[arg-type]
                           [date(2027, 1, 1)])  # type: ignore[arg-type]
    assert cal.workdays == ("mon", "wed")
    assert cal.hours == ("08:30", "24:00")
    assert cal.holidays == (date(2027, 1, 1),)
    assert hash(cal) == hash(BusinessCalendar("America/New_York", ("mon", "wed"),
                                              ("08:30", "24:00"), (date(2027, 1, 1),)))


def test_every_wrong_field_is_named_at_once() -> None:
    with pytest.raises(PlanInvalid) as exc:
        BusinessCalendar("Mars/Olympus", ("mon", "funday", "mon"), ("9", "25:00"),
                         (datetime(2027, 1, 1), "2027-07-04"))  # type: ignore[arg-type]
    assert set(problems(exc)) == {
        "timezone", "workdays[1]", "workdays[2]", "hours[0]", "hours[1]", "holidays[0]",
        "holidays[1]",
    }


@pytest.mark.parametrize("zone", ["", " UTC", "Not/AZone", "../../etc/passwd", 5])
def test_unknown_time_zones_are_refused(zone: object) -> None:
    with pytest.raises(PlanInvalid) as exc:
        BusinessCalendar(zone)  # type: ignore[arg-type]
    assert "IANA" in problems(exc)["timezone"]


def test_no_workdays_is_refused() -> None:
    with pytest.raises(PlanInvalid) as exc:
        BusinessCalendar(workdays=())
    assert problems(exc) == {"workdays": "at least one workday is needed"}


@pytest.mark.parametrize("hours", [("17:00", "09:00"), ("09:00", "09:00"),
                                   ("00:00", "00:00")])
def test_close_must_follow_opening(hours: tuple[str, str]) -> None:
    with pytest.raises(PlanInvalid) as exc:
        BusinessCalendar(hours=hours)
    assert "after the opening" in problems(exc)["hours"]


@pytest.mark.parametrize("hours", [("09:00",), ("9:00", "17:00"), ("24:00", "24:00"),
                                   ("09:60", "17:00"), "09:00-17:00"])
def test_malformed_hours_are_refused(hours: object) -> None:
    with pytest.raises(PlanInvalid) as exc:
        BusinessCalendar(hours=hours)  # type: ignore[arg-type]
    assert all(k.startswith("hours") for k in problems(exc))


def test_naive_datetimes_are_refused() -> None:
    cal = BusinessCalendar()
    with pytest.raises(ValueError, match="time zone"):
        cal.add_business_time(datetime(2027, 1, 8, 16), H)
    with pytest.raises(ValueError, match="negative"):
        cal.add_business_time(datetime(2027, 1, 8, 16, tzinfo=UTC), -H)
    with pytest.raises(ValueError, match="month"):
        cal.business_hours_in_month(2027, 13)


# ------------------------------------------------------------------- worked examples


def test_four_business_hours_after_friday_four_pm() -> None:
    """The SLA design brief's example. With 09:00-17:00 the Friday gives one hour (16:00-17:00) and
    Monday the other three, so the answer is Monday 12:00. (Monday 11:00 is what you get
    from Friday 15:00, checked too.)"""
    cal = BusinessCalendar()
    friday = datetime(2027, 1, 8, 16, tzinfo=UTC)
    assert friday.strftime("%a") == "Fri"
    assert cal.add_business_time(friday, 4 * H) == datetime(2027, 1, 11, 12, tzinfo=UTC)
    assert cal.add_business_time(friday - H, 4 * H) == datetime(2027, 1, 11, 11, tzinfo=UTC)


def test_holiday_is_skipped() -> None:
    # Thursday 2026-12-31 16:00; Friday 2027-01-01 is the holiday.
    cal = BusinessCalendar("America/New_York", holidays=(date(2027, 1, 1),))
    start = datetime(2026, 12, 31, 16, tzinfo=NY)
    assert cal.add_business_time(start, 4 * H) == datetime(2027, 1, 4, 12, tzinfo=NY)
    assert not cal.is_open(datetime(2027, 1, 1, 10, tzinfo=NY))
    without = BusinessCalendar("America/New_York")
    assert without.add_business_time(start, 4 * H) == datetime(2027, 1, 1, 12, tzinfo=NY)


def test_across_spring_forward_in_new_york() -> None:
    # Clocks go from 02:00 EST to 03:00 EDT on Sunday 2027-03-14: the wall-clock answer is
    # unchanged, and the real time between is an hour less than the same weekend in Feb.
    cal = BusinessCalendar("America/New_York")
    start = datetime(2027, 3, 12, 16, tzinfo=NY)
    end = cal.add_business_time(start, 4 * H)
    assert end == datetime(2027, 3, 15, 12, tzinfo=NY)
    assert end.utcoffset() == timedelta(hours=-4)
    # Same-zone subtraction in Python is wall-clock; measure real time in UTC.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=67)
    assert cal.business_time_between(start, end) == 4 * H


def test_across_fall_back_in_new_york() -> None:
    cal = BusinessCalendar("America/New_York")
    start = datetime(2027, 11, 5, 16, tzinfo=NY)  # Friday; clocks go back on Sunday
    end = cal.add_business_time(start, 4 * H)
    assert end == datetime(2027, 11, 8, 12, tzinfo=NY)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=69)


def test_round_the_clock_day_of_a_clock_change_counts_its_real_hours() -> None:
    cal = BusinessCalendar("America/New_York", DAY_NAMES, ("00:00", "24:00"))
    assert cal.business_hours_in_month(2027, 3) == 31 * 24 - 1
    assert cal.business_hours_in_month(2027, 11) == 30 * 24 + 1
    assert cal.business_hours_in_month(2027, 6) == 30 * 24
    sunday = datetime(2027, 3, 14, tzinfo=NY)
    assert cal.business_time_between(sunday, sunday + timedelta(days=1)) == 23 * H


def test_start_in_the_evening_moves_to_next_opening() -> None:
    cal = BusinessCalendar("America/New_York")
    tuesday_evening = datetime(2027, 3, 9, 20, tzinfo=NY)
    assert cal.add_business_time(tuesday_evening, 2 * H) == datetime(2027, 3, 10, 11, tzinfo=NY)
    assert cal.next_opening(tuesday_evening) == datetime(2027, 3, 10, 9, tzinfo=NY)
    early = datetime(2027, 3, 10, 7, 30, tzinfo=NY)
    assert cal.add_business_time(early, 2 * H) == datetime(2027, 3, 10, 11, tzinfo=NY)


def test_a_start_in_another_zone_is_read_in_the_calendars_zone() -> None:
    cal = BusinessCalendar("America/New_York")
    friday_utc = datetime(2027, 1, 8, 21, tzinfo=UTC)  # 16:00 in New York
    end = cal.add_business_time(friday_utc, 4 * H)
    assert end == datetime(2027, 1, 11, 12, tzinfo=NY)
    assert end.tzinfo == NY
    tokyo = datetime(2027, 1, 9, 6, tzinfo=ZoneInfo("Asia/Tokyo"))  # also Friday 16:00 NY
    assert cal.add_business_time(tokyo, 4 * H) == end


def test_a_deadline_that_ends_the_day_is_the_close() -> None:
    cal = BusinessCalendar()
    monday = datetime(2027, 1, 11, 9, tzinfo=UTC)
    assert cal.add_business_time(monday, 8 * H) == datetime(2027, 1, 11, 17, tzinfo=UTC)
    assert not cal.is_open(datetime(2027, 1, 11, 17, tzinfo=UTC))
    assert cal.is_open(datetime(2027, 1, 11, 9, tzinfo=UTC))
    # From the close, nothing is left of the day: zero moves to Tuesday's opening.
    close = datetime(2027, 1, 11, 17, tzinfo=UTC)
    assert cal.add_business_time(close, timedelta(0)) == datetime(2027, 1, 12, 9, tzinfo=UTC)
    assert cal.add_business_time(close, H) == datetime(2027, 1, 12, 10, tzinfo=UTC)


def test_business_time_between_examples() -> None:
    cal = BusinessCalendar()
    fri = datetime(2027, 1, 8, 16, tzinfo=UTC)
    assert cal.business_time_between(fri, datetime(2027, 1, 11, 12, tzinfo=UTC)) == 4 * H
    assert cal.business_time_between(datetime(2027, 1, 11, 12, tzinfo=UTC), fri) == -4 * H
    assert cal.business_time_between(fri, fri) == timedelta(0)
    weekend = datetime(2027, 1, 9, 10, tzinfo=UTC)
    assert cal.business_time_between(weekend, weekend + timedelta(days=1)) == timedelta(0)


def test_business_hours_in_a_month() -> None:
    cal = BusinessCalendar("America/New_York", holidays=(date(2027, 1, 1),))
    # January 2027: 21 weekdays, one of them the New Year holiday.
    assert cal.business_hours_in_month(2027, 1) == 20 * 8
    assert cal.business_hours_in_month(2027, 2) == 20 * 8
    assert cal.business_hours_by_month(date(2026, 12, 1), 3) == (23 * 8, 20 * 8, 20 * 8)


# -------------------------------------------------------------------------- properties

ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe",
         "Asia/Kolkata", "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Chatham"]
DAY0 = date(2026, 1, 1)


@st.composite
def calendars(draw: st.DrawFn, quarter_hours: bool = False) -> BusinessCalendar:
    zone = draw(st.sampled_from(ZONES))
    days = draw(st.lists(st.sampled_from(DAY_NAMES), min_size=1, max_size=7, unique=True))
    step = 15 if quarter_hours else 1
    opening = draw(st.integers(0, 24 * 60 // step - 1)) * step
    close = draw(st.integers(opening // step + 1, 24 * 60 // step)) * step
    holidays = draw(st.lists(st.integers(0, 3 * 365).map(lambda k: DAY0 + timedelta(days=k)),
                             max_size=40, unique=True))

    def hhmm(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    return BusinessCalendar(zone, tuple(days), (hhmm(opening), hhmm(close)), tuple(holidays))


instants = st.integers(0, 3 * 365 * 24 * 60).map(
    lambda m: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=m))
odd_instants = st.integers(0, 3 * 365 * 24 * 3600 * 10**6).map(
    lambda us: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(microseconds=us))
deltas = st.one_of(
    st.just(timedelta(0)),
    st.integers(1, 400 * 60).map(lambda m: timedelta(minutes=m)),
    st.integers(1, 400 * 3600 * 10**6).map(lambda us: timedelta(microseconds=us)),
)


def utc(t: datetime) -> datetime:
    return t.astimezone(UTC)


def is_close(cal: BusinessCalendar, t: datetime) -> bool:
    local = t.astimezone(cal.zone).date()
    for day in (local, local - timedelta(days=1)):
        iv = cal.opening_hours(day)
        if iv is not None and iv[1] == t:
            return True
    return False


@given(calendars(), st.one_of(instants, odd_instants), deltas)
def test_add_then_measure_gives_the_amount_back(
    cal: BusinessCalendar, start: datetime, delta: timedelta
) -> None:
    end = cal.add_business_time(start, delta)
    assert end >= start
    assert cal.business_time_between(start, end) == delta
    assert end.tzinfo == cal.zone


@given(calendars(), st.one_of(instants, odd_instants), deltas)
def test_result_is_within_working_hours_or_exactly_at_a_close(
    cal: BusinessCalendar, start: datetime, delta: timedelta
) -> None:
    end = cal.add_business_time(start, delta)
    if delta == timedelta(0):
        assert cal.is_open(end)
        assert end == start or not cal.is_open(start)
    else:
        assert cal.is_open(end) or is_close(cal, end)


@given(calendars(), instants, deltas, deltas)
def test_adding_is_monotone_and_composes(
    cal: BusinessCalendar, start: datetime, d1: timedelta, d2: timedelta
) -> None:
    # Compared in UTC: Python compares two datetimes of the same zone by wall clock.
    lo, hi = sorted((d1, d2))
    assert utc(cal.add_business_time(start, lo)) <= utc(cal.add_business_time(start, hi))
    if d2 > timedelta(0):
        once = cal.add_business_time(start, d1 + d2)
        assert once == cal.add_business_time(cal.add_business_time(start, d1), d2)


@given(calendars(), instants, instants, deltas)
def test_later_start_never_finishes_earlier(
    cal: BusinessCalendar, a: datetime, b: datetime, delta: timedelta
) -> None:
    a, b = sorted((a, b))
    assert utc(cal.add_business_time(a, delta)) <= utc(cal.add_business_time(b, delta))


@given(calendars(), instants, instants, instants)
def test_measuring_is_additive_and_bounded(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    ab, bc = cal.business_time_between(a, b), cal.business_time_between(b, c)
    assert timedelta(0) <= ab <= b - a
    assert cal.business_time_between(a, c) == ab + bc
    assert cal.business_time_between(c, a) == -(ab + bc)


@given(calendars(), st.integers(2026, 2028), st.integers(1, 12))
def test_month_hours_are_the_business_time_of_the_month(
    cal: BusinessCalendar, year: int, month: int
) -> None:
    first = datetime.combine(date(year, month, 1), time(0), tzinfo=cal.zone)
    following = date(year + month // 12, month % 12 + 1, 1)
    last = datetime.combine(following, time(0), tzinfo=cal.zone)
    expected = cal.business_time_between(first, last) / H
    assert cal.business_hours_in_month(year, month) == pytest.approx(expected, abs=1e-9)


@given(calendars(), st.dates(date(2020, 1, 1), date(2040, 12, 31)), st.integers(0, 120),
       st.booleans())
def test_hours_by_month_are_each_months_hours(cal: BusinessCalendar, start: date, months: int,
                                               as_datetime: bool) -> None:
    """Kept whole per calendar and first month, the same hours as asked month by month
    (and again, from the kept tuple); a datetime start counts by its month, as a date."""
    day: date = datetime.combine(start, time(13)) if as_datetime else start
    index = start.year * 12 + start.month - 1
    expected = tuple(cal.business_hours_in_month((index + k) // 12, (index + k) % 12 + 1)
                     for k in range(months))
    assert cal.business_hours_by_month(day, months) == expected
    assert cal.business_hours_by_month(start, months) == expected


QUARTER = timedelta(minutes=15)


def quarter_hour_oracle(cal: BusinessCalendar, start: datetime, delta: timedelta) -> datetime:
    """An independent walk in quarter hours, asking only `is_open` of each quarter."""
    t = start
    if delta == timedelta(0):
        while not cal.is_open(t):
            t += QUARTER
        return t
    remaining = delta
    while remaining > timedelta(0):
        if cal.is_open(t):
            remaining -= QUARTER
        t += QUARTER
    return t


@settings(max_examples=40)
@given(calendars(quarter_hours=True),
       st.integers(0, 3 * 365 * 96).map(lambda q: datetime(2026, 1, 1, tzinfo=UTC) + q * QUARTER),
       st.integers(0, 48).map(lambda q: q * QUARTER))
def test_add_matches_a_quarter_hour_walk(
    cal: BusinessCalendar, start: datetime, delta: timedelta
) -> None:
    # Every zone sampled keeps its offsets (and clock changes) in whole quarter hours, so
    # each quarter hour is wholly open or wholly closed.
    assert cal.add_business_time(start, delta) == quarter_hour_oracle(cal, start, delta)
