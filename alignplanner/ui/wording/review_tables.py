"""The words of the Actuals tab's SLA compliance table and its "vs last week" table."""

from __future__ import annotations

from datetime import date

from alignplanner.ui.wording.basics import percent

KEEP_SNAPSHOT = "Keep actuals snapshot"  # the undo step an import adds
SLA_COMPLIANCE_CAPTION = "SLA compliance, from the exports' times"
NO_SLA_TIMES = ("No SLA compliance: the exports give no times of day for the plan's "
                "hand-offs (dates alone cannot measure a window of hours).")
SLA_TITLES = ("Hand-offs", "Median", "p95", "Within window", "Within 2\u00d7", "Within 4\u00d7",
              "Stale now", "Plan could")
SLA_HELP = (
    "Hand-offs due: answered, or past the window unanswered (those still inside it wait)",
    "Median business hours to the first response, over the answered",
    "95th percentile of the business hours to the first response (numpy's linear)",
    "Share of the due hand-offs answered within the SLA's window, against its target",
    "Share answered within twice the window",
    "Share answered within four times the window",
    "Hand-offs past the window with no response yet (stale): hover for ids and owners",
    "Months of these hand-offs in which the planned team could keep the promise "
    "(the capacity model's Erlang C)",
)
WEEK_CAPTION = "This week against last week ({day:%d %b})"
WEEK_TITLES = ("Reached", "vs last week", "New in the plan's months", "To next, estimated",
               "vs last week")
WEEK_HELP = (
    "Records that reached the stage, whole history to as of",
    "Change since last week's snapshot",
    "First entries within the plan's months since last week's snapshot",
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
    """``share`` against the SLA's ``target``: "82% (target 95%)"."""
    if share is None:
        return "\u2013"
    return f"{percent(round(share, 3))} (target {percent(target)})"


def stale_line(record: str, owner: str, hours: float) -> str:
    return f"{record} \u2013 {owner or 'no owner'}, {wait_text(hours)} waiting"


def feasible_text(feasible: int, months: int) -> str:
    if not months:
        return "outside the plan"
    return f"{feasible} of {months} month{'s' if months != 1 else ''}"


def signed_count(change: int) -> str:
    return f"{change:+,}" if change else "0"


def points_text(change: float | None) -> str:
    if change is None:
        return "\u2013"
    points = round(change * 100, 1)
    return f"{points:+.1f} pts" if points else "0 pts"


def week_caption(day: date) -> str:
    return WEEK_CAPTION.format(day=day)
