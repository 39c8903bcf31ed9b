"""The gap sentence names the source behind most, checked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from event_factory import events_of
from test_review_sources import AS_OF, PLAN, _rows

from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.volumes import entries_by_source
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.review.gap import culprit, gap_sentences
from alignplanner.domain.review.variance import source_variances, stage_variances


def test_the_source_behind_most_is_named_by_hand() -> None:
    rows, sources = _rows()
    sources["pa-late"] = "partner"  # one partner SQL in February
    rows.append(("pa-late", "sql", "2027-02-15"))
    events = events_of("lead sql won", rows, sources=sources)
    result = compute(PLAN)
    stages = stage_variances(result, estimate(events, AS_OF))
    by_source = source_variances(result, entries_by_source(events, AS_OF), AS_OF)
    # SQL: 20 planned a month (10 inbound, 10 partner); actual 9 + 6 = 15 in January,
    # 10 + 1 = 11 in February: 5 + 9 = 14 short of 40 since January, 35%.
    # Inbound is 1 short (January), partner 4 + 9 = 13: 13 / 14 = 93% of the shortfall.
    who = culprit("sql", date(2027, 1, 1), by_source)
    assert who is not None
    assert (who.source, who.shortfall) == ("partner", pytest.approx(13))
    assert who.share == pytest.approx(13 / 14)
    said = gap_sentences(stages, {"sql": "SQL", "lead": "Lead", "won": "Won"}, by_source,
                         {"partner": "Partner", "inbound": "Inbound"})
    assert "SQL is 35% behind plan since January 2027; 93% of the shortfall is Partner." in said
    # Won: 10 planned a month, none: inbound and partner 10 short each, a tie, the first
    # source of the plan named.
    assert "Won is 100% behind plan since January 2027; 50% of the shortfall is Inbound." in said


def test_a_stage_behind_with_no_source_behind_names_none() -> None:
    rows, sources = _rows()
    events = events_of("lead sql won", rows, sources=sources)
    # Only the stage's own months are given: no source variances, the sentence as before.
    stages = stage_variances(compute(PLAN), estimate(events, AS_OF))
    assert culprit("sql", date(2027, 1, 1), {}) is None
    assert all("shortfall" not in s for s in gap_sentences(stages))
