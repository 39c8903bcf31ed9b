"""A real weekly review for the UI tests: the hand-worked one of tests/domain/review
(test_review_weekly), from the events and the plan of its landing and sources tests.

Revenue 120,000 won of 200,000 planned to date (-40.0%), 19 leads of 40 (-52.5%), 12 wins
of 20, a landing of 1,140,000 against 1,200,000 (-5.0%), coverage 0.06x where 3.00x is
needed; "SQL is 65% behind plan since January 2027; 69% of the shortfall is partner."
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.weekly import WeeklyReview, weekly_review

DOMAIN = Path(__file__).resolve().parents[1] / "domain"


def hand_worked(*, stale: bool = False) -> WeeklyReview:
    """The review; ``stale``: leads are stale after 5 days (the 4 open ones are 8 days old)."""
    for folder in ("actuals", "review"):  # their tests' own imports need both
        if str(DOMAIN / folder) not in sys.path:
            sys.path.insert(0, str(DOMAIN / folder))
    from test_review_landing import AS_OF, _events
    from test_review_sources import PLAN

    plan = PLAN
    if stale:
        lead = dataclasses.replace(PLAN.stages[0], stale_after_days=5)
        plan = dataclasses.replace(PLAN, stages=(lead, *PLAN.stages[1:]))
    events = _events()
    return weekly_review(plan, compute(plan), events, estimate(events, AS_OF))
