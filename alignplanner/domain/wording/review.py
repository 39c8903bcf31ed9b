"""The sentences of the review of a plan against what happened."""

from __future__ import annotations

from datetime import date

from alignplanner.domain.wording.basics import month_name


def review_behind(stage: str, share: float, since: date) -> str:
    """A stage behind plan over the latest months: 'SQL is 18% behind plan since March
    2027.'"""
    return f"{stage} is {share * 100:.0f}% behind plan since {month_name(since)}."


def review_on_plan(stage: str, share: float) -> str:
    """A stage not behind plan in its latest month: share is actual over planned - 1."""
    if abs(share) < 0.005:
        return f"{stage} is on plan to date."
    return f"{stage} is {share * 100:.0f}% {'ahead of' if share > 0 else 'behind'} plan to date."
