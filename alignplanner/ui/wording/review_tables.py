"""The words of the Actuals tab's SLA compliance table and its "vs last week" table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from alignplanner.domain.review.sla_compliance import Stale
from alignplanner.ui.wording.basics import percent

KEEP_SNAPSHOT = "Keep actuals snapshot"  # the undo step an import adds
SLA_COMPLIANCE_CAPTION = "SLA compliance, from the exports' times"
NO_SLA_TIMES = ("No SLA compliance: the exports give no times of day for the plan's "
                "hand-offs (dates alone cannot measure a window of hours).")
SLA_TITLES = ("Due", "Median", "p95", "In window", "In 2\u00d7", "In 4\u00d7", "Stale",
              "Feasible")
SLA_HELP = (
    "Hand-offs due: answered, or past the window unanswered (those still inside it wait)",
    "Median business hours to the first response, over the answered",
    "95th percentile of the business hours to the first response (numpy's linear)",
    "Share of the due hand-offs answered within the SLA's window, of the share it promises",
    "Share answered within twice the window",
    "Share answered within four times the window",
    "Hand-offs past the window with no response yet (stale): hover for ids and owners",
    "Of the plan months these hand-offs fell in, those in which the planned team could "
    "keep the promise (the capacity model's Erlang C); \u2013 when none is a plan month",
)
WEEK_CAPTION = "This week against last week ({day:%d %b})"
WEEK_TITLES = ("Reached", "Change", "New in plan", "To next", "Change")
WEEK_HELP = (
    "Records that reached the stage, whole history to as of",
    "Change since last week's snapshot",
    "New first entries within the plan's months since last week's snapshot",
    "Estimated chance of the next stage within the window (Kaplan-Meier / Aalen-Johansen)",
    "Change of the estimate since last week, in percentage points",
)


def wait_text(hours: float | None) -> str:
    if hours is None:
        return "\u2013"
    if hours < 1:
        return f"{hours * 60:.0f} min"
    return f"{hours:.1f} h"


def share_text(share: float | None) -> str:
    return "\u2013" if share is None else percent(round(share, 3))


def within_text(share: float | None, target: float) -> str:
    """``share`` against the SLA's ``target``: "82% of 95%"."""
    if share is None:
        return "\u2013"
    return f"{percent(round(share, 3))} of {percent(target)}"


def sla_short_name(name: str) -> str:
    """An SLA's name for a row title: the part before a colon ("Speed to lead: first
    touch on every MQL" -> "Speed to lead")."""
    head = name.split(":", 1)[0].strip()
    return head or name


def stale_line(record: str, owner: str, hours: float) -> str:
    return f"{record} \u2013 {owner or 'no owner'}, {wait_text(hours)} waiting"


STALE_NAMED = 10
"""Stale hand-offs named in a tooltip (the JSON lists every one)."""


def stale_tip(stale: Sequence[Stale]) -> str:
    """The oldest stale hand-offs, one line each with id and owner, and how many more."""
    lines = [stale_line(s.id, s.owner, s.hours) for s in stale[:STALE_NAMED]]
    more = len(stale) - STALE_NAMED
    return "\n".join(lines + ([f"and {more:,} more"] if more > 0 else []))


def feasible_text(feasible: int, months: int) -> str:
    """"2 of 3" plan months feasible; a dash when no hand-off fell in a plan month."""
    return f"{feasible} of {months}" if months else "\u2013"


def signed_count(change: int) -> str:
    return f"{change:+,}" if change else "0"


def points_text(change: float | None) -> str:
    if change is None:
        return "\u2013"
    points = round(change * 100, 1)
    return f"{points:+.1f} pts" if points else "0 pts"


def week_caption(day: date) -> str:
    return WEEK_CAPTION.format(day=day)
