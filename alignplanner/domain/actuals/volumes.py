"""Records by source, stage and month of their first entry into the stage."""

from __future__ import annotations

from datetime import date

import numpy as np

from alignplanner.domain.actuals.events import Events
from alignplanner.domain.actuals.records import NEVER, build_records
from alignplanner.domain.actuals.transition import month_label, months_of


def entries_by_source(events: Events, as_of: date) -> dict[str, dict[str, dict[str, int]]]:
    """source -> stage -> "YYYY-MM" -> records whose first entry into the stage falls in
    that month (events after ``as_of`` left out); sources with no entry are left out."""
    recs = build_records(events, as_of.toordinal())
    found: dict[str, dict[str, dict[str, int]]] = {}
    for k, stage in enumerate(events.stages):
        entry = recs.entry[:, k]
        reached = entry != NEVER
        if not np.any(reached):
            continue
        month = months_of(entry[reached]).astype(np.int64)
        first = int(month.min())
        span = int(month.max()) - first + 1
        # one count per (source, month): a flat key and bincount, not a 2-D np.unique
        key = events.source[reached].astype(np.int64) * span + (month - first)
        counts = np.bincount(key, minlength=len(events.sources) * span)
        for cell in np.flatnonzero(counts).tolist():
            s, m = divmod(cell, span)
            found.setdefault(events.sources[s], {}).setdefault(stage, {})[
                month_label(first + m)] = int(counts[cell])
    return found


__all__ = ["entries_by_source"]
