"""Where the gap is, in sentences: the stages behind plan over their latest months, and
the source that explains most of each stage's shortfall.

A stage behind plan since month M (`behind_since`) is short by the planned entries less
the actual ones over M to the latest compared month. Each source's shortfall over the same
months comes from its own variances (`variance.source_variances`); of the sources behind
over them, the one furthest behind is named with its share of their shortfall summed
("70% of the shortfall is Partner"; a tie names the first in the plan's order). A source
ahead of plan is not counted against the others, so the share is of the gross shortfall
and never above 100%.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from alignplanner.domain import wording
from alignplanner.domain.review.variance import StageVariance, behind_since


@dataclass(frozen=True)
class Culprit:
    """The source furthest behind at one stage over its months behind, and its share of
    the shortfall of the sources behind."""

    source: str
    shortfall: float
    share: float


def culprit(stage: str, since: date,
            by_source: Mapping[str, Sequence[StageVariance]]) -> Culprit | None:
    """The source explaining most of ``stage``'s shortfall from ``since`` on (None: no
    source is behind over those months)."""
    short: dict[str, float] = {}
    for source, stages in by_source.items():
        for v in stages:
            if v.stage == stage:
                missed = -sum(m.variance for m in v.months if m.month >= since)
                if missed > 1e-9:
                    short[source] = missed
    if not short:
        return None
    worst = max(short, key=lambda s: short[s])  # a tie: the first in plan order
    return Culprit(worst, short[worst], short[worst] / sum(short.values()))


def gap_sentences(variances: Sequence[StageVariance],
                  names: Mapping[str, str] | None = None,
                  by_source: Mapping[str, Sequence[StageVariance]] | None = None,
                  source_names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """One sentence per stage, the stages furthest behind first; ``names`` maps a stage id
    to its name for people (default: the id); with ``by_source`` (source -> its stage
    variances) a stage behind plan names the source behind most, by ``source_names``."""
    said = []
    for v in variances:
        name = (names or {}).get(v.stage, v.stage)
        behind = behind_since(v.months)
        if behind is not None:
            who = culprit(v.stage, behind[0], by_source) if by_source else None
            source = None if who is None else (source_names or {}).get(who.source, who.source)
            said.append((-behind[1], wording.review_behind(
                name, behind[1], behind[0], source, None if who is None else who.share)))
        elif v.planned > 0:
            said.append((v.actual / v.planned - 1.0, wording.review_on_plan(
                name, v.actual / v.planned - 1.0)))
    return tuple(text for _, text in sorted(said, key=lambda x: x[0]))


__all__ = ["Culprit", "culprit", "gap_sentences"]
