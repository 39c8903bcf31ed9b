"""A history generated from a known funnel: the estimates recover the known rate within
their stated uncertainty, while the naive rate (converted / entered) is measurably low
because the recent records have not had the time."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from alignplanner.domain.actuals.beta import beta_interval
from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.events import Events

AS_OF = date(2025, 6, 30)
RATE = 0.4  # P(reach B), every conversion within LAG_MAX days
LAG_MAX = 120
WINDOW = 150
RECORDS = 5000
SPAN = 365  # records enter A over the year before as_of


def _history(seed: int) -> Events:
    """Entries into A uniform over SPAN days; with chance RATE a conversion 1 to LAG_MAX
    days later (uniform); no losses. Events after as_of exist but are censored there."""
    rng = np.random.default_rng(seed)
    entry = AS_OF.toordinal() - rng.integers(0, SPAN, RECORDS)
    converts = rng.random(RECORDS) < RATE
    later = entry + rng.integers(1, LAG_MAX + 1, RECORDS)
    who = np.flatnonzero(converts)
    return Events(
        stages=("a", "b"), record_ids=tuple(f"r{i}" for i in range(RECORDS)),
        record=np.concatenate([np.arange(RECORDS), who]).astype(np.int32),
        stage=np.concatenate([np.zeros(RECORDS), np.ones(len(who))]).astype(np.int16),
        day=np.concatenate([entry, later[who]]).astype(np.int32),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_estimates_recover_the_known_rate_and_the_naive_rate_is_biased(seed: int) -> None:
    (t,) = estimate(_history(seed), AS_OF, {"a": WINDOW}).transitions
    # The stated uncertainty: the Beta posterior over the matured records.
    low, high = beta_interval(t.beta_alpha, t.beta_beta, level=0.99)
    assert low < RATE < high
    assert t.within_window is not None
    assert abs(t.within_window - RATE) < 3 * math.sqrt(RATE * (1 - RATE) / t.matured)
    # Kaplan-Meier over every record, censored at as_of: within its own standard error
    # (at most that of the matured records alone).
    assert abs(t.estimated - RATE) < 3 * math.sqrt(RATE * (1 - RATE) / t.matured)
    # Naive: about a third of the records entered within LAG_MAX days of as_of and have
    # had on average half the time: 0.4 * (1 - 1/3 * 1/2) = 0.333 expected.
    assert t.naive_rate is not None
    assert t.naive_rate == pytest.approx(RATE * (1 - LAG_MAX / SPAN / 2), abs=0.02)
    sd = math.sqrt(RATE * (1 - RATE) / t.entered)
    assert RATE - t.naive_rate > 5 * sd  # measurably biased, far beyond noise
    assert not high > t.naive_rate > low  # outside the stated interval
