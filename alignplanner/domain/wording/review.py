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
