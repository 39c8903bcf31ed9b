"""Conversion at equal age: each monthly cohort's share converted within the window, for
the cohorts old enough to have had the whole window, and for no other.

A cohort (the records that entered stage A in one calendar month) is comparable once its
last day lies at least the window before ``as_of``: every one of its records has then had
the whole window to reach B. A younger cohort's rate so far is never given: it would
compare a cohort that has had part of the time with a plan rate that assumes all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alignplanner.domain.actuals.transition import EPOCH, Step, month_label, months_of


@dataclass(frozen=True)
class AgedCohort:
    """The records that entered A in ``month``; ``within`` of them reached B within the
    window (None: the cohort is too young to say)."""

    month: str
    entered: int
    within: int | None

    @property
    def rate(self) -> float | None:
        return None if self.within is None or not self.entered else self.within / self.entered


def equal_age(s: Step, as_of: int, window: int) -> tuple[AgedCohort, ...]:
    """Every monthly cohort of ``s`` in order, with its within-window conversions when
    the whole cohort has had ``window`` days by ``as_of`` (a day ordinal)."""
    month = months_of(s.entry_day)
    labels, inverse = np.unique(month, return_inverse=True)
    entered = np.bincount(inverse, minlength=len(labels))
    hit = s.converted & (s.duration <= window)
    within = np.bincount(inverse, weights=hit, minlength=len(labels))
    ends = (labels + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1
    grown = ends + EPOCH <= as_of - window
    return tuple(AgedCohort(month_label(int(m)), int(e), int(w) if g else None)
                 for m, e, w, g in zip(labels, entered, within, grown, strict=True))


__all__ = ["AgedCohort", "equal_age"]
