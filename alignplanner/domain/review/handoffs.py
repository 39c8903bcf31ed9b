"""The SLAs' hand-offs as the exports tell them, and what the plan's team could do.

`handoffs` makes each SLA's `HandOff` list from the events: a record's hand-off starts at
the time the exports give for it (``[file.handoffs.<sla>] start``), else at its first
entry into the SLA's ``from_stage`` when that date had a time of day; it is answered at
the given first response (``answered``), else at its first entry, timed, into the
``to_stage`` or a later stage, or its loss (a rejection answers too). A record without a
start time is not a hand-off the data can measure; an answer before the start counts as
answered at the start (0 hours).

`sla_reviews` sets each SLA's compliance (`sla_compliance`) beside the capacity model's
feasibility for the plan months in which its hand-offs started: per month the hand-offs,
the share answered within the window, and the planned service level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import LOST, NO_TIME, Events
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.sla_compliance import HandOff, SlaCompliance, compliance
from alignplanner.domain.sla.feasibility import SlaMonth

__all__ = ["SlaMonthReview", "SlaReview", "handoffs", "sla_reviews"]

_NEVER = np.iinfo(np.int64).max


def _first_timed(events: Events, chosen: NDArray[np.bool_], n: int) -> NDArray[np.int64]:
    """Each record's earliest known instant among the ``chosen`` events."""
    out = np.full(n, _NEVER, np.int64)
    ok = chosen & (events.instant != NO_TIME)
    np.minimum.at(out, events.record[ok], events.instant[ok])
    return out


def handoffs(plan: Plan, events: Events) -> dict[str, tuple[HandOff, ...]]:
    """SLA id -> its hand-offs measurable from ``events`` (stages by plan id), for the
    SLAs with at least one; in record order."""
    n = len(events.record_ids)
    index = {name: i for i, name in enumerate(events.stages)}
    found: dict[str, tuple[HandOff, ...]] = {}
    for sla in plan.slas:
        a, b = index.get(sla.from_stage), index.get(sla.to_stage)
        given = events.handoffs.get(sla.id)
        start = (_first_timed(events, events.stage == a, n) if a is not None
                 else np.full(n, _NEVER, np.int64))
        answer = (_first_timed(events, (events.stage >= b) | (events.stage == LOST), n)
                  if b is not None else np.full(n, _NEVER, np.int64))
        if given is not None:
            start = np.where(given.start != NO_TIME, given.start, start)
            answer = np.where(given.answered != NO_TIME, given.answered, answer)
        rows = np.flatnonzero(start != _NEVER)
        if not len(rows):
            continue
        answer = np.where(answer == _NEVER, answer, np.maximum(answer, start))
        found[sla.id] = tuple(
            HandOff(events.record_ids[r], events.owners[events.owner[r]],
                    datetime.fromtimestamp(int(start[r]), UTC),
                    None if answer[r] == _NEVER else datetime.fromtimestamp(int(answer[r]), UTC))
            for r in rows.tolist())
    return found


@dataclass(frozen=True)
class SlaMonthReview:
    """One plan month of an SLA: the hand-offs that started in it (on the calendar's
    clock), the share of the due ones answered within the window, and the month's
    feasibility as planned (None for a month outside the plan)."""

    month: date
    handed_over: int
    within: float | None
    planned: SlaMonth | None


@dataclass(frozen=True)
class SlaReview:
    """One SLA: what happened (`SlaCompliance`) beside what the plan's team could do."""

    compliance: SlaCompliance
    months: tuple[SlaMonthReview, ...]


def _month_of(h: HandOff, plan: Plan) -> date:
    local = h.start.astimezone(plan.calendar.zone)
    return date(local.year, local.month, 1)


def sla_reviews(plan: Plan, result: Result, given: Mapping[str, Sequence[HandOff]],
                as_of: date) -> tuple[SlaReview, ...]:
    """Each SLA of ``plan`` that ``given`` (from `handoffs`) has hand-offs for, known at
    the end of ``as_of`` on the calendar's clock."""
    end = datetime.combine(as_of, time(23, 59, 59), tzinfo=plan.calendar.zone)
    planned = {s.id: s for s in result.slas}
    out = []
    for sla in plan.slas:
        these = given.get(sla.id)
        if not these:
            continue
        feasibility = planned.get(sla.id)
        by_month: dict[date, list[HandOff]] = {}
        for h in these:
            by_month.setdefault(_month_of(h, plan), []).append(h)
        months = []
        for month in sorted(by_month):
            one = compliance(sla, plan.calendar, by_month[month], end)
            plan_month = None
            if feasibility is not None and month in result.months:
                plan_month = feasibility.months[result.months.index(month)]
            months.append(SlaMonthReview(month, len(by_month[month]), one.within, plan_month))
        out.append(SlaReview(compliance(sla, plan.calendar, these, end), tuple(months)))
    return tuple(out)
