"""The SLAs' hand-offs as the exports tell them, and what the plan's team could do.

`handoffs` makes each SLA's hand-offs from the events, as columns (`HandOffs`: no object
per hand-off, of which a million-row history holds hundreds of thousands). A record's
hand-off starts at the time the exports give for it (``[file.handoffs.<sla>] start``),
else at its first entry into the SLA's ``from_stage`` when that date had a time of day;
it is answered at the given first response (``answered``), else at its first entry,
timed, into the ``to_stage`` or a later stage, or its loss (a rejection answers too). A
record without a start time is not a hand-off the data can measure; an answer before the
start counts as answered at the start (0 hours).

`sla_reviews` sets each SLA's compliance (`sla_compliance`) beside the capacity model's
feasibility for the plan months in which its hand-offs started: per month the hand-offs,
the share answered within the window, and the planned service level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

import numpy as np
from numpy.typing import NDArray

from alignplanner.domain.actuals.events import LOST, NO_TIME, Events
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.sla_compliance import (
    HandOff,
    HandOffs,
    SlaCompliance,
    measure,
    summary,
    within_share,
)
from alignplanner.domain.sla.feasibility import SlaMonth

__all__ = ["SlaMonthReview", "SlaReview", "handoffs", "sla_reviews"]

_NEVER = np.iinfo(np.int64).max


def _first_timed(events: Events, chosen: NDArray[np.bool_], n: int) -> NDArray[np.int64]:
    """Each record's earliest known instant among the ``chosen`` events."""
    out = np.full(n, _NEVER, np.int64)
    ok = chosen & (events.instant != NO_TIME)
    np.minimum.at(out, events.record[ok], events.instant[ok])
    return out


def handoffs(plan: Plan, events: Events) -> dict[str, HandOffs]:
    """SLA id -> its hand-offs measurable from ``events`` (stages by plan id), for the
    SLAs with at least one; in record order, as columns (no object per hand-off)."""
    n = len(events.record_ids)
    index = {name: i for i, name in enumerate(events.stages)}
    found: dict[str, HandOffs] = {}
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
        start, answer = start[rows], answer[rows]
        answer = np.where(answer == _NEVER, NO_TIME, np.maximum(answer, start))
        found[sla.id] = HandOffs(rows.astype(np.int64), start, answer, events.record_ids,
                                 events.owner, events.owners)
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


def _months(offs: HandOffs, zone: tzinfo) -> tuple[list[date], NDArray[np.intp]]:
    """The calendar months (on ``zone``'s clock) in which ``offs`` started, in order, and
    each hand-off's index among them."""
    low, high = (datetime.fromtimestamp(int(t), zone) for t in (offs.start.min(),
                                                                 offs.start.max()))
    months = []
    year, month = low.year, low.month
    while (year, month) <= (high.year, high.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    firsts = np.array([datetime.combine(m, time(), tzinfo=zone).timestamp() for m in months])
    at = np.searchsorted(firsts, offs.start, side="right") - 1
    used = np.unique(at)
    return [months[i] for i in used.tolist()], np.searchsorted(used, at)


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
        offs = these if isinstance(these, HandOffs) else HandOffs.of(these)
        measured = measure(plan.calendar, offs, end)
        feasibility = planned.get(sla.id)
        months, at = _months(offs, plan.calendar.zone)
        counts = np.bincount(at, minlength=len(months)).tolist()
        reviews = []
        for k, month in enumerate(months):
            plan_month = None
            if feasibility is not None and month in result.months:
                plan_month = feasibility.months[result.months.index(month)]
            share = within_share(measured, sla.window_hours, which=at == k)
            reviews.append(SlaMonthReview(month, counts[k], share, plan_month))
        out.append(SlaReview(summary(sla, measured), tuple(reviews)))
    return tuple(out)
