"""Where the waterfall puts things: pure functions of the plan's owners and volumes."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from alignplanner.domain.results import PlanWarning

SALES_TEAMS = frozenset({"sdr", "sales"})
HANDOFF_GAP = 0.8  # extra room (in bar slots) at the hand-off, for the divider and its label


def handoff_index(owners: Sequence[str]) -> int | None:
    """Index of the first stage that a sales team (SDR or sales) takes over from a stage
    owned by someone else (marketing, partner, other); None when there is no such point."""
    for i in range(1, len(owners)):
        if owners[i] in SALES_TEAMS and owners[i - 1] not in SALES_TEAMS:
            return i
    return None


def slot_positions(n: int, handoff: int | None) -> np.ndarray:
    """Centre of each bar, top to bottom; the hand-off gap is wider than the others."""
    y = np.arange(n, dtype=float)
    if handoff is not None:
        y[handoff:] += HANDOFF_GAP
    return y


def decade_floor(volumes: Sequence[float]) -> int:
    """The power of ten the bars start from: 1 unit, or lower when a stage needs less."""
    positive = [v for v in volumes if v > 0]
    if not positive:
        return 0
    return min(0, math.floor(math.log10(min(positive))))


def log_ends(volumes: Sequence[float], floor: int) -> np.ndarray:
    """log10 of each volume, never below ``floor`` (a zero volume is a zero-length bar)."""
    v = np.asarray(volumes, dtype=float)
    return np.log10(np.maximum(v, 10.0 ** floor))


def warnings_by_stage(stage_ids: Sequence[str], warnings: Sequence[PlanWarning]
                      ) -> dict[str, list[PlanWarning]]:
    """The warnings about each stage: subject ``"<id>"`` or a key path ``stages.<id|index>...``."""
    found: dict[str, list[PlanWarning]] = {}
    for w in warnings:
        parts = w.subject.split(".")
        key = parts[1] if parts[0] == "stages" and len(parts) > 1 else w.subject
        if key.isdigit() and int(key) < len(stage_ids):
            key = stage_ids[int(key)]
        if key in stage_ids:
            found.setdefault(key, []).append(w)
    return found
