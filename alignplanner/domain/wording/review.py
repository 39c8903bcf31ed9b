"""The sentences of the review of a plan against what happened."""

from __future__ import annotations

from datetime import date

from alignplanner.domain.wording.basics import month_name


def review_behind(stage: str, share: float, since: date, source: str | None = None,
                  source_share: float | None = None) -> str:
    """A stage behind plan over the latest months: 'SQL is 18% behind plan since March
    2027.', with the source behind most: '...since March 2027; 70% of the shortfall is
    Partner.'"""
    said = f"{stage} is {share * 100:.0f}% behind plan since {month_name(since)}"
    if source is None or source_share is None:
        return said + "."
    if source_share >= 0.995:
        return f"{said}; all of the shortfall is {source}."
    return f"{said}; {source_share * 100:.0f}% of the shortfall is {source}."


def review_on_plan(stage: str, share: float) -> str:
    """A stage not behind plan in its latest month: share is actual over planned - 1."""
    if abs(share) < 0.005:
        return f"{stage} is on plan to date."
    return (f"{stage} is {abs(share) * 100:.0f}% {'ahead of' if share > 0 else 'behind'} plan "
            "to date.")


REVIEW_KPI_LABELS = {
    "revenue": "Revenue won to date",
    "wins": "Wins to date",
    "landing": "Landing forecast",
    "coverage": "Pipeline coverage",
}
"""The review's headline figures by key; a stage's entries are `review_kpi_label`'s."""

REVIEW_KPI_TIPS = {
    "revenue": "Revenue won so far (records that reached the last stage, at their amount or "
               "their source's deal size) against the target to date (this month's share by "
               "the days gone).",
    "entries": "Records that first entered {stage} since the plan began, against the entries "
               "the plan needs to date.",
    "wins": "Records won since the plan began, against the wins the plan needs to date.",
    "landing": "Where the horizon lands: won to date, plus what the open records and the "
               "volumes still planned are expected to win ({rates}), against the target.",
    "coverage": "Open pipeline due by the horizon's end over the revenue still needed; beside "
                "it, the coverage at which the open pipeline alone would make it (one over "
                "its win chance).",
}
"""What each headline figure means, for tooltips and the report's notes."""

REVIEW_RATES = {"plan": "on the plan's rates and lags",
                "estimated": "on the rates and lags estimated from the history"}


def review_kpi_label(key: str, stage_name: str = "") -> str:
    """'Revenue won to date', or 'SQL entries to date' for ``entries:sql``."""
    if key.startswith("entries:"):
        return f"{stage_name or key.partition(':')[2]} entries to date"
    return REVIEW_KPI_LABELS.get(key, key)


def review_kpi_tip(key: str, stage_name: str = "", rates: str = "plan") -> str:
    if key.startswith("entries:"):
        return REVIEW_KPI_TIPS["entries"].format(stage=stage_name or key.partition(":")[2])
    return REVIEW_KPI_TIPS.get(key, "").format(rates=REVIEW_RATES.get(rates, rates))
