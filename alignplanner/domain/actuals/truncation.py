"""Signs that an export's history is cut off, from the data alone.

When the files do not say where their history begins, two patterns give a cut away:

- An abrupt start: nobody reached stage B (or beyond) before some day D, although many
  records had entered A long before it, longer than the p90 lag from A to B. The rule:
  ``early`` = records that entered A more than p90 days before D; warn when
  ``early * naive_rate >= ABRUPT_EXPECTED``, that is when at least that many conversions
  would have been expected before D (each of them had more than the p90 lag to convert).
  No warning when the known history start of B explains it (D at most p90 days after it).
- A jump between the conversion rates of consecutive monthly cohorts: of the records
  that entered A in a month, the share that reached B within the window, over months
  whose every record has had the whole window (the month ends at least the window before
  as_of). Two consecutive such months (each with at least ``JUMP_MIN_RECORDS``) jump when
  their rates differ by at least ``JUMP_MIN_DIFFERENCE`` and by more than ``JUMP_SIGMAS``
  standard errors of the difference (pooled rate). The largest jump is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alignplanner.domain.actuals.events import NO_HISTORY_START
from alignplanner.domain.actuals.records import NEVER, Records
from alignplanner.domain.actuals.transition import EPOCH, Step, month_label, months_of

ABRUPT_EXPECTED = 5.0
JUMP_MIN_RECORDS = 20
JUMP_MIN_DIFFERENCE = 0.1
JUMP_SIGMAS = 4.0


@dataclass(frozen=True)
class AbruptStart:
    """No record reached B before ``first_day``; ``early`` records entered A more than
    ``days`` (the p90 lag) before it."""

    first_day: int
    early: int
    days: int


@dataclass(frozen=True)
class RateJump:
    """The within-window rate goes from ``before_rate`` (month ``before``) to
    ``after_rate`` (month ``after``)."""

    before: str
    before_rate: float
    after: str
    after_rate: float


def abrupt_start(records: Records, k: int, s: Step, history_start: int) -> AbruptStart | None:
    """The abrupt start of stage k + 1 after stage k (see the module), or None."""
    conv = s.converted
    if not np.any(conv):
        return None
    into = records.entry[:, k + 1]
    first = int(into[into != NEVER].min())
    p90 = int(np.ceil(np.percentile(s.duration[conv], 90)))
    if history_start != NO_HISTORY_START and first - history_start <= p90:
        return None
    early = int(np.count_nonzero(s.entry_day < first - p90))
    rate = np.count_nonzero(conv) / len(conv)
    if early * rate < ABRUPT_EXPECTED:
        return None
    return AbruptStart(first, early, p90)


def rate_jump(s: Step, as_of: int, window: int) -> RateJump | None:
    """The largest jump between consecutive matured monthly cohorts (see the module)."""
    month = months_of(s.entry_day)
    if not len(month):
        return None
    labels, inverse = np.unique(month, return_inverse=True)
    entered = np.bincount(inverse, minlength=len(labels))
    hit = s.converted & (s.duration <= window)
    within = np.bincount(inverse, weights=hit, minlength=len(labels))
    # The last day of each month, as a day ordinal.
    ends = (labels + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1
    ok = (ends + EPOCH <= as_of - window) & (entered >= JUMP_MIN_RECORDS)
    labels, entered, within = labels[ok], entered[ok], within[ok]
    if len(labels) < 2:
        return None
    rate = within / entered
    n1, n2 = entered[:-1], entered[1:]
    pooled = (within[:-1] + within[1:]) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    diff = np.abs(rate[1:] - rate[:-1])
    jumps = (diff >= JUMP_MIN_DIFFERENCE) & (diff > JUMP_SIGMAS * se)
    if not np.any(jumps):
        return None
    i = int(np.argmax(np.where(jumps, diff, -1.0)))
    return RateJump(month_label(int(labels[i])), float(rate[i]),
                    month_label(int(labels[i + 1])), float(rate[i + 1]))


__all__ = ["AbruptStart", "RateJump", "abrupt_start", "rate_jump"]
