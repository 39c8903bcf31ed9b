"""The captions, buttons, tooltips and sentences of the Review tab."""

from __future__ import annotations

from datetime import date

REVIEW_TAB = "Revie&w"
REFRESH_ACTUALS = "&Refresh actuals"
REFRESH_ACTUALS_TIP = ("Read the CRM exports again with the mapping saved beside the plan, and "
                       "review the plan against them")
NO_REVIEW = ("No actuals yet, so nothing to review. Choose File > Import actuals… "
             "(Ctrl+Shift+I) to read the CRM's exports once and save the mapping; from then "
             "on, Refresh actuals (Ctrl+R) reads them again for this week's review.")
UNSAVED_PLAN = ("Save the plan first: its mapping of the CRM's exports is kept beside the "
                "plan file, and Refresh actuals reads it from there.")
REFRESHING = "Reading the exports again…"
REVIEWING = "Setting the plan against the actuals…"
RATES_LABELS = {"plan": "On the plan's rates", "estimated": "On the estimated rates"}
RATES_TIP = ("The landing forecast projects the open records and the volumes still planned on "
             "the plan's conversion rates and lags, or on those estimated from the history "
             "(Kaplan-Meier at each stage's window; a record's age at its stage counts).")
SECTIONS = {
    "gap": "Where the gap is",
    "chart": "Cumulative variance against plan",
    "table": "Plan against actual, to date",
    "landing": "Landing forecast",
    "coverage": "Pipeline coverage",
    "stale": "Stale records",
    "sla": "SLA compliance",
    "conversion": "Conversion at equal age",
    "trend": "Week by week",
    "months": "Month by month",
}
MONTHS_FIGURE = "Figure"
MONTHS_FIGURE_TIP = "Revenue won, or a stage's first entries, month by month"
MONTHS_SOURCE = "Source"
MONTHS_SOURCE_TIP = "Every source, or one plan source's part of the stage"
MONTHS_REVENUE = "Revenue won"
MONTHS_HEAD = ("Month", "Planned", "Actual", "Variance", "%", "Cumulative")
MONTHS_TIPS = (
    "A plan month begun by the as-of date",
    "What the plan needs in the month (the as-of month by its days gone)",
    "What happened in the month: revenue won, or records that first entered the stage",
    "Actual less planned: below zero, behind plan",
    "The variance as a share of what was planned",
    "The variance summed from the plan's first month: the chart's line, in units",
)
CHART_TIP = ("Each line is the variance summed month by month from the plan's start, as a "
             "share of everything planned to date, so it ends at the variance to date: "
             "below the zero line, behind plan. The month holding the as-of date counts its "
             "days gone.")
TABLE_HEAD = ("Stage", "Source", "Planned", "Actual", "Variance", "%")
TABLE_TIPS = (
    "The plan's stage",
    "All sources, or one plan source",
    "Entries the plan needs to date (this month by its days gone)",
    "Records that first entered the stage since the plan began",
    "Actual less planned: below zero, behind plan",
    "The variance as a share of what was planned",
)
LANDING_ROWS = {
    "won": ("Won to date", "Revenue of the records won since the plan began"),
    "open": ("From open records", "What the records still open are expected to win "
                                  "within the horizon"),
    "planned": ("From volumes still planned", "What the net-new entries still to come are "
                                              "expected to win within the horizon"),
    "total": ("Landing", "Won plus expected: where the horizon lands"),
    "target": ("Target", "The horizon's revenue target"),
    "gap": ("Gap", "Landing less target: below zero, short of target"),
}
COVERAGE_HEAD = ("Month", "Needed", "Pipeline", "Expected", "Coverage")
COVERAGE_TIPS = (
    "A plan month from the as-of date's on",
    "The month's target less what was won in it",
    "The face value of the open records due to close in the month (by the lags)",
    "What those records are expected to win in the month",
    "Pipeline over needed",
)
STALE_HEAD = ("Stage", "Stale after", "Records", "Value", "Oldest")
STALE_TIP = "Records open at their stage longer than the stage's stale-after days, by id"
SLA_NONE = ("The exports give no hand-off times, so no SLA's compliance can be measured "
            "yet.")
SLA_HEAD = ("SLA", "Due", "Within", "Median h", "p95 h", "Stale")
CONVERSION_HEAD = ("From → to", "Window", "Plan", "Actual", "Matured")
CONVERSION_TIP = ("Each month's cohort is compared at equal age: only once every record of "
                  "it has had the stage's whole window; younger cohorts are left out.")
NO_STALE = "No record is past its stage's stale-after days."
NO_LAST_WEEK = ("No earlier week is kept yet. Each refresh keeps a snapshot of its counts in "
                "the plan file, so next week's review stands beside this one.")
TREND_TIP = ("First entries into the stage within the plan's months, to each kept week's "
             "date (the last column is this review's); Change is the last less the first.")


def last_week_heads(as_of: date) -> tuple[tuple[str, str], tuple[str, str]]:
    """The variance table's two columns beside last week: (title, tooltip) each."""
    day = f"{as_of:%d %b}".lstrip("0")
    return ((f"Since {day}", f"Entries since last week's snapshot ({as_of:%d %B %Y})"),
            ("Was %", f"The variance to date at last week's snapshot ({as_of:%d %B %Y}), "
                      "against the plan to that date"))


def kpi_last_week(percent: str, as_of: date) -> str:
    """Under a headline figure, where it stood last week: 'was -41.0% on 21 Jan'."""
    return f"was {percent} on {as_of:%d %b}".replace(" 0", " ")


def source_column_tip(source: str) -> str:
    return f"{source}: its entries to date against its part of the plan, as a variance"


def source_cell_tip(source: str, planned: float, actual: float) -> str:
    if planned <= 0 and actual <= 0:
        return f"{source} plans no entries here and has none"
    return f"{source}: {actual:,.0f} actual against {planned:,.1f} planned to date"


def review_heading(plan: str, as_of: date, records: int) -> str:
    return f"{plan}: the week as of {as_of:%d %B %Y}, {records:,} records"


def refresh_failed(first: str, more: int) -> str:
    tail = f" (and {more} more problems)" if more else ""
    return f"Refresh actuals failed: {first}{tail}"


def no_mapping(name: str) -> str:
    return (f"No mapping is saved beside this plan yet ({name}). Choose File > Import "
            "actuals…, map the exports and Save mapping; then Refresh actuals reads them "
            "again.")


def kpi_caption(planned: str, change: str) -> str:
    """Under a headline figure: 'plan 9,000,000 USD · -20.0%'."""
    return f"{planned}  ·  {change}"
