"""Edits of the business calendar SLA windows are counted in: time zone, workdays,
opening hours and holidays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from alignplanner.domain.edits.common import made, refuse
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import DAY_NAMES


def set_calendar(plan: Plan, **fields: Any) -> Plan:
    """Change the time zone, workdays, hours or holidays (lists are kept sorted and
    without repeats where order carries no meaning)."""
    if "holidays" in fields and isinstance(fields["holidays"], list | tuple):
        days = fields["holidays"]
        if all(type(d) is date for d in days):
            fields["holidays"] = tuple(sorted(set(days)))
    for key in ("workdays", "hours"):
        if isinstance(fields.get(key), list):
            fields[key] = tuple(fields[key])
    calendar = made(("calendar",), replace, plan.calendar, **fields)
    return replace(plan, calendar=calendar)


def set_workday(plan: Plan, day: str, working: bool) -> Plan:
    """Make ``day`` ("mon" .. "sun") a workday or not, keeping the week's order."""
    if day not in DAY_NAMES:
        raise refuse(("calendar", "workdays"), f"{day!r} is not one of {', '.join(DAY_NAMES)}")
    days = set(plan.calendar.workdays) - {day}
    if working:
        days.add(day)
    return set_calendar(plan, workdays=tuple(d for d in DAY_NAMES if d in days))


def add_holiday(plan: Plan, day: date) -> Plan:
    return set_calendar(plan, holidays=(*plan.calendar.holidays, day))


def remove_holiday(plan: Plan, day: date) -> Plan:
    if day not in plan.calendar.holidays:
        raise refuse(("calendar", "holidays"), f"{day} is not a holiday of this plan")
    return set_calendar(plan, holidays=tuple(d for d in plan.calendar.holidays if d != day))


__all__ = ["add_holiday", "remove_holiday", "set_calendar", "set_workday"]
