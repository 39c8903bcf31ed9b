"""The words of the review page in the app's PDF (ui/charts/review_page.py)."""

from __future__ import annotations

from datetime import datetime

PDF_TITLE = "{plan}: plan summary and weekly review"
GAP_TITLE = "Where the gap is"
NO_GAP = "Nothing compared yet."
CHART_TITLE = "Cumulative variance against plan (% of plan to date)"
NO_CHART = "No month of the plan has begun by the as-of date."
MORE_ROWS = "the Review tab has them"


def more_sentences(n: int) -> str:
    return f"... and {n} more {'stage' if n == 1 else 'stages'} behind plan (see the Review tab)"


def not_shown(titles: list[str]) -> str:
    return (f"Not on this page: {', '.join(titles)} (see the Review tab, or "
            "alignplanner review --format json).")


def review_footer(generated: datetime, source: str) -> str:
    return (f"Generated {generated:%Y-%m-%d %H:%M} by AlignPlanner from {source}: the "
            "review of the last import of actuals, as the Review tab shows it.")


__all__ = ["CHART_TITLE", "GAP_TITLE", "MORE_ROWS", "NO_CHART", "NO_GAP", "PDF_TITLE",
           "more_sentences", "not_shown", "review_footer"]
